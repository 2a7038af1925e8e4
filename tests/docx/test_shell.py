"""The office's own Word shell: header tags filled, body in place, the shell's styles kept."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from speechgen.docx.fingerprint import recorded_hash

from helpers import SHELL_BRIEF, SHELL_NAME, SHELL_ORG, make_shell, write_brief


def render(invoke, tmp_path: Path, *extra: str, expect: int = 0):
    """Render the brief with the shell in tmp_path; return the CLI result."""
    brief = write_brief(tmp_path, SHELL_BRIEF)
    result = invoke("render", brief, "--shell", tmp_path / "shell.docx", "--no-check", *extra)
    assert result.exit_code == expect, result.stderr
    return result


def test_header_filled_body_in_place_styles_kept(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx")
    render(invoke, tmp_path)
    out = tmp_path / "brief.docx"
    document = docx.Document(str(out))
    header = document.sections[0].header.paragraphs[0]
    assert header.text == f"{SHELL_ORG}文件"
    assert header.runs[0].font.color.rgb == RGBColor(0xFF, 0, 0)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == f"封面：{SHELL_NAME}" and texts[-1] == "（此件公开发布）"
    assert (
        texts[1].replace("\n", "") == f"在{SHELL_NAME}上的讲话"
        and "王建国" in texts
        and "同志们：" in texts
    )
    assert not any("{{" in t or "SPEECHGEN" in t for t in texts)
    assert any("主动谋划工作 & 汇报 <方案>" in t for t in texts)
    # the shell's own margins and styles are kept; its 讲话正文 wins over the profile's
    assert abs(document.sections[0].left_margin - Mm(20)) < Mm(0.1)
    styles = document.styles.element.findall(qn("w:style"))
    body_defs = [s for s in styles if s.find(qn("w:name")).get(qn("w:val")) == "讲话正文"]
    assert len(body_defs) == 1
    assert (
        document.styles["讲话正文"].font.size == Pt(20)
        and document.styles["讲话正文"].font.name == "KaiTi"
    )
    assert document.styles["红头"].font.color.rgb == RGBColor(0xFF, 0, 0)
    body_paragraphs = [
        p for p in document.paragraphs if p.text.startswith(("今天召开", "召开", "这次"))
    ]
    assert body_paragraphs and body_paragraphs[0].style.name == "讲话正文"
    # the profile's other styles were added, with all four font slots
    title = document.styles["讲话标题"]
    fonts = title.element.rPr.find(qn("w:rFonts"))
    assert (
        fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
        and fonts.get(qn("w:ascii")) == "Times New Roman"
    )
    assert document.paragraphs[1].style.name == "讲话标题"
    assert document.core_properties.title == f"在{SHELL_NAME}上的讲话"
    assert document.core_properties.keywords == SHELL_ORG
    with zipfile.ZipFile(out) as zf:
        assert '<w:altName w:val="仿宋"/>' in zf.read("word/fontTable.xml").decode()
    recorded, actual = recorded_hash(out)
    assert recorded is not None and recorded == actual


def test_rendering_again_is_allowed_but_a_hand_edit_is_protected(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx")
    render(invoke, tmp_path)
    render(invoke, tmp_path)
    out = tmp_path / "brief.docx"
    document = docx.Document(str(out))
    document.add_paragraph("领导改过的一句")
    document.save(str(out))
    result = render(invoke, tmp_path, expect=3)
    assert "修改过" in result.stderr
    assert "领导改过的一句" in [p.text for p in docx.Document(str(out)).paragraphs]


def test_without_body_marker_the_speech_goes_at_the_end(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx", body_marker=None)
    render(invoke, tmp_path)
    document = docx.Document(str(tmp_path / "brief.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == [f"封面：{SHELL_NAME}", "（此件公开发布）"]
    assert texts[2].replace("\n", "") == f"在{SHELL_NAME}上的讲话"  # 20.5 characters: two lines
    body = document.element.body
    assert body[-1].tag == qn("w:sectPr")


def test_body_marker_must_stand_alone(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx", body_marker="正文：{{ body }}")
    result = render(invoke, tmp_path, expect=2)
    assert "单独占一段" in result.stderr and "shell.docx" in result.stderr
    assert not (tmp_path / "brief.docx").exists()


def test_body_marker_in_a_header_is_refused(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx", header="{{ body }}")
    result = render(invoke, tmp_path, expect=2)
    assert "{{ body }}" in result.stderr


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("{{ meeting.nothing }}", "简报里没有"),
        ("{{ meeting.name.__class__ }}", "不允许"),
        ("{{ meeting.name", "写错"),
    ],
)
def test_bad_tags_in_the_shell_are_chinese_errors(
    invoke, tmp_path: Path, header: str, words: str
) -> None:
    make_shell(tmp_path / "shell.docx", header=header)
    result = render(invoke, tmp_path, expect=2)
    assert words in result.stderr and "shell.docx" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "brief.docx").exists()


def test_a_shell_that_is_not_a_docx_is_refused(invoke, tmp_path: Path) -> None:
    (tmp_path / "shell.docx").write_text("这不是 Word 文件", encoding="utf-8")
    result = render(invoke, tmp_path, expect=2)
    assert "shell.docx" in result.stderr and "Traceback" not in result.output


def test_shell_named_in_the_brief_relative_to_it(invoke, tmp_path: Path) -> None:
    (tmp_path / "模板").mkdir()
    make_shell(tmp_path / "模板" / "外壳.docx")
    brief = write_brief(tmp_path, SHELL_BRIEF + "shell: 模板/外壳.docx\n")
    result = invoke("render", brief, "--no-check")
    assert result.exit_code == 0, result.stderr
    header = docx.Document(str(brief.with_suffix(".docx"))).sections[0].header.paragraphs[0]
    assert header.text == f"{SHELL_ORG}文件"


@pytest.mark.parametrize(
    "runs",
    [
        ["{{ meeting.orga", "nization }}"],
        ["{", "{ meeting.organization }}"],
        ["{{ meeting.organization }", "}"],
        ["{{\u00a0meeting.organization\u00a0}}"],
    ],
    ids=["inside_braces", "between_braces", "closing_brace", "nbsp"],
)
def test_shell_tags_split_across_runs_still_render(invoke, tmp_path: Path, runs: list[str]) -> None:
    shell = tmp_path / "shell.docx"
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    for i, text in enumerate(runs):
        header.add_run(text).bold = i % 2 == 1
    document.add_paragraph("{{ body }}")
    document.save(str(shell))
    render(invoke, tmp_path)
    out = docx.Document(str(tmp_path / "brief.docx"))
    assert out.sections[0].header.paragraphs[0].text == SHELL_ORG
