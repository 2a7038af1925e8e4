"""Builders for the update and annotate tests: briefs, edits a leader makes, reading results."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from speechgen.cli.app import app

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: 2026-05-10
  speaker: 王建国
  audience: 中层干部
ranking:
  assessment: 全省系统绩效考核
  period: 2025年度
  previous: 3
  current: 9
  total: 13
  reported_by: 考核办
  weak_items: [效益指标, 创新成果]
strengths:
  - 征管质效模块名列前茅
weaknesses:
  - 基层活力不足
  - 队伍朝气不足
  - 创新工作基础薄弱
measures:
  - title: 形成各司其职的担当体系
    points: [中层干部主动谋划工作, 汇报工作必须带着方案来]
    owner: 办公室
    deadline: 6月底前
  - title: 形成协同高效的责任体系
    points: [牵头部门负总责, 配合部门主动补位]
    owner: 综合科
    deadline: 2026-06-30
"""

NEW_MEASURE = """\
  - title: 形成步步为营的督办体系
    points: [成立督办小组, 逐月反馈完成情况]
    owner: 督办小组
    deadline: 长期坚持
"""


def write_brief(folder: Path, text: str = BRIEF, name: str = "brief.yaml") -> Path:
    """Write a brief into ``folder`` and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def changed_brief(text: str = BRIEF) -> str:
    """The brief after the final ranking: rank 8, one weakness gone, a measure added second."""
    text = text.replace("  current: 9\n", "  current: 8\n")
    text = text.replace("  - 队伍朝气不足\n", "")
    head, tail = text.split("  - title: 形成协同高效的责任体系\n")
    return head + NEW_MEASURE + "  - title: 形成协同高效的责任体系\n" + tail


def run(*args: object) -> object:
    """Run the CLI; the click Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, [str(a) for a in args])


def part(path: Path, name: str) -> str:
    """A package part's text ("" when absent)."""
    with zipfile.ZipFile(path) as zf:
        return zf.read(name).decode("utf-8") if name in zf.namelist() else ""


def reader_texts(path: Path) -> list[str]:
    """Paragraph texts as speechgen's reader sees them (every revision accepted)."""
    from speechgen.docx.reader import read_docx_file

    return read_docx_file(path, str(path)).texts()


def revisions(path: Path, tag: str, author: str) -> list[str]:
    """The texts of every ``w:ins``/``w:del`` by ``author`` (deleted text for w:del)."""
    from lxml import etree

    root = etree.fromstring(part(path, "word/document.xml").encode())
    out = []
    for el in root.iter(W + tag):
        if el.get(W + "author") != author or el.getparent().tag == W + "rPr":
            continue
        out.append("".join(t.text or "" for t in el.iter(W + "t", W + "delText")))
    return out


def anchored_texts(path: Path) -> dict[str, str]:
    """The text each comment is anchored on, by comment id (deleted text included)."""
    from lxml import etree

    root = etree.fromstring(part(path, "word/document.xml").encode())
    open_ids: list[str] = []
    found: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.append(el.get(W + "id"))
            found.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.remove(el.get(W + "id"))
        elif el.tag in (W + "t", W + "delText"):
            for cid in open_ids:
                found[cid] += el.text or ""
    return found


def comments(path: Path) -> dict[str, tuple[str, str]]:
    """Every comment: ``{id: (author, text)}``."""
    from speechgen.docx.reader import read_docx_file

    read = read_docx_file(path, str(path))
    return {cid: (c.author, c.text) for cid, c in read.comments.items()}


def docx_from_lines(path: Path, lines: list[str]) -> Path:
    """A plain .docx with one paragraph per line (python-docx's default document)."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(buf.getvalue())
    return path
