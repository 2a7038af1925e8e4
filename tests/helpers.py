"""Shared test builders: briefs in tmp_path, drafts reopened, Word shells, drafts a leader edited.

Test modules import from here (``from helpers import write_brief``; pyproject puts
``tests`` on the import path). Fixtures stay in the ``conftest.py`` files.
"""

from __future__ import annotations

import io
import re
import shutil
import textwrap
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
MODEL_SPEECH = SHARED / "seed" / "model_speech.txt"

MINIMAL_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 某某市某某局
"""

FULL_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: 2026-05-10
  speaker: 王建国
  audience: 中层干部
  prior_speakers:
    - who: 几位副职领导
      did: 对全年工作进行了部署
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
measures:
  - title: 形成各司其职的担当体系
    points: [中层干部主动谋划工作]
    owner: 办公室
    deadline: 6月底前
  - title: 形成协同高效的责任体系
    owner: 综合科
    deadline: 2026-06-30
"""


def write_brief(folder: Path, text: str, name: str = "brief.yaml") -> Path:
    """Write a brief (dedented) into ``folder`` and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def has_libreoffice() -> bool:
    """True when LibreOffice and poppler are installed (for layout tests)."""
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def docx_texts(path: Path) -> list[str]:
    """Paragraph texts of a .docx, reopened with python-docx."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


# --- a brief whose first measure is due before the meeting -----------------------------

DEADLINE_BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: {meeting}
strengths:
  - 征管质效模块名列前茅
weaknesses:
  - 基层活力不足
measures:
  - title: 形成各司其职的担当体系
    deadline: {deadline}
  - title: 形成协同高效的责任体系
    deadline: 2026-06-30
"""


def deadline_brief(tmp_path: Path, deadline: str, meeting: str = "2026-03-15") -> Path:
    """A brief (``b.yaml``) whose first measure has ``deadline`` at a meeting held on ``meeting``.

    The first measure's deadline is on line 11.
    """
    return write_brief(
        tmp_path, DEADLINE_BRIEF.format(deadline=deadline, meeting=meeting), "b.yaml"
    )


# --- JSON Schema as an editor applies it -----------------------------------------------


def load_like_editor(path: Path) -> Any:
    """Load a brief the way yaml-language-server does (YAML 1.2 core: no timestamps, no yes/no)."""
    import yaml

    class EditorLoader(yaml.SafeLoader):
        """SafeLoader without the timestamp and boolean resolvers."""

    EditorLoader.yaml_implicit_resolvers = {
        key: [
            (tag, rx)
            for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
        ]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506


def schema_validator() -> Any:
    """A jsonschema validator for the brief schema speechgen prints."""
    import jsonschema

    from speechgen.templating.scaffold import template_schema

    return jsonschema.Draft202012Validator(template_schema())


# --- an office's Word shell ------------------------------------------------------------

SHELL_ORG = '滨江市税务局 & <党委> "办公室"'
SHELL_NAME = "全市“形势”分析会 & <总结> 'A'"
SHELL_BRIEF = f"""\
meeting:
  name: '{SHELL_NAME.replace("'", "''")}'
  organization: '{SHELL_ORG}'
  date: 2026-05-10
  speaker: 王建国
measures:
  - title: 形成各司其职的担当体系
    points: [主动谋划工作 & 汇报 <方案>]
"""


def make_shell(
    path: Path,
    *,
    body_marker: str | None = "{{ body }}",
    header: str = "{{ meeting.organization }}文件",
) -> Path:
    """A shell as an office would make it in Word: red header, own body style, margins, a cover line."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.left_margin = Mm(20)
    run = section.header.paragraphs[0].add_run(header)
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    run.font.size = Pt(26)
    body_style = document.styles.add_style("讲话正文", WD_STYLE_TYPE.PARAGRAPH)
    body_style.font.size = Pt(20)
    body_style.font.name = "KaiTi"
    document.styles.add_style("红头", WD_STYLE_TYPE.PARAGRAPH).font.color.rgb = RGBColor(0xFF, 0, 0)
    document.add_paragraph("封面：{{ meeting.name }}", style="红头")
    if body_marker is not None:
        document.add_paragraph(body_marker)
    document.add_paragraph("（此件公开发布）")
    document.save(str(path))
    return path


# --- drafts a leader edited, for update and annotate -------------------------------------

# The WordprocessingML namespace in Clark notation, for reading parts with lxml.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

UPDATE_BRIEF = """\
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


def changed_brief(text: str = UPDATE_BRIEF) -> str:
    """The brief after the final ranking: rank 8, one weakness gone, a measure added second."""
    text = text.replace("  current: 9\n", "  current: 8\n")
    text = text.replace("  - 队伍朝气不足\n", "")
    head, tail = text.split("  - title: 形成协同高效的责任体系\n")
    return head + NEW_MEASURE + "  - title: 形成协同高效的责任体系\n" + tail


def run_cli(*args: object) -> Any:
    """Run the CLI outside a fixture; the click Result (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from speechgen.cli.app import app

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


# --- reading a rendered speech as a listener hears it (genre template tests) -------------

_SENTENCE = re.compile(r"[^。！？]+[。！？]?[”’]?")


def speech_of(folder: Path, text: str, seed: int = 0, name: str = "brief.yaml") -> Any:
    """Render an inline brief through the facade; the Draft has ``blocks`` and paragraph texts."""
    from speechgen.facade import RenderSettings, build_draft

    return build_draft(write_brief(folder, text, name), RenderSettings(seed=seed))


def body_paragraphs(draft: Any) -> list[str]:
    """The paragraphs after the salutation (同志们：): headings and body, no title or byline."""
    texts = draft.paragraph_texts()
    start = next(i for i, t in enumerate(texts) if t.startswith("同志们")) + 1
    return texts[start:]


def sentences(text: str, min_chars: int = 0) -> list[str]:
    """The sentences of ``text`` (ended by 。！？), those of ``min_chars`` spoken characters or more."""
    out = []
    for paragraph in text.split("\n"):
        for m in _SENTENCE.finditer(paragraph):
            s = m.group(0).strip()
            if s and spoken_chars(s) >= min_chars:
                out.append(s)
    return out


def spoken_chars(text: str) -> int:
    """Length as ``check`` counts it: Chinese characters, letters and digits."""
    return sum(1 for ch in text if ch.isalnum())


def material_entries(template: str) -> dict[str, list[dict[str, Any]]]:
    """A built-in template's material as ``{slot: [{"text": …, "when": {…}}]}`` (sets skipped)."""
    import yaml

    data = yaml.safe_load((REPO / "templates" / template / "material.yaml").read_text("utf-8"))
    out: dict[str, list[dict[str, Any]]] = {}
    for slot, items in data.items():
        for item in items:
            entry = {"text": item, "when": {}} if isinstance(item, str) else item
            if "text" in entry:
                out.setdefault(slot, []).append(
                    {"text": entry["text"], "when": entry.get("when") or {}}
                )
    return out


def literal_part(text: str) -> str:
    """The longest piece of a material entry without ``{{ … }}`` (what a draft must contain)."""
    return max(re.split(r"\{\{.*?\}\}|%%\w+%%", text), key=len)


def used_entries(text: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The material entries whose literal text appears in ``text``."""
    return [e for e in entries if literal_part(e["text"]) in text]
