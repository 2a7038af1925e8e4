"""A shell keeps Chinese line breaking and does not lose page numbers silently."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.helpers import make_plain_shell, write_brief

BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  speaker: 王建国
strengths: [征管质效模块名列前茅]
"""


def render_with_shell(invoke, tmp_path: Path, *extra: str, page_field: bool):
    """Render the brief into a plain English shell; return the CLI result."""
    make_plain_shell(tmp_path / "shell.docx", page_field=page_field)
    brief = write_brief(tmp_path, BRIEF)
    result = invoke("render", brief, "--no-check", "--shell", tmp_path / "shell.docx", *extra)
    assert result.exit_code == 0, result.stderr
    return result


def test_a_shell_footer_without_page_numbers_is_warned_about(invoke, tmp_path: Path) -> None:
    result = render_with_shell(invoke, tmp_path, page_field=False)
    assert "外壳的页眉页脚里没有页码" in result.stderr
    assert result.stderr.count("外壳的页眉页脚里没有页码") == 1


def test_no_warning_when_the_shell_numbers_its_pages_or_none_are_wanted(
    invoke, tmp_path: Path
) -> None:
    assert "页码" not in render_with_shell(invoke, tmp_path, page_field=True).stderr
    no_numbers = tmp_path / "plain.yaml"
    no_numbers.write_text(
        (Path(__file__).resolve().parents[1] / "speechgen/layout/profiles/speech.yaml")
        .read_text(encoding="utf-8")
        .replace("page_numbers: odd-even", "page_numbers: none"),
        encoding="utf-8",
    )
    result = render_with_shell(invoke, tmp_path, "--profile", no_numbers, page_field=False)
    assert "页码" not in result.stderr


def test_every_speechgen_style_says_its_chinese_is_zh_cn(invoke, tmp_path: Path) -> None:
    render_with_shell(invoke, tmp_path, page_field=True)
    with zipfile.ZipFile(tmp_path / "brief.docx") as zf:
        styles = zf.read("word/styles.xml").decode("utf-8")
    ours = [chunk for chunk in styles.split("<w:style ")[1:] if 'w:styleId="Speech' in chunk]
    assert len(ours) >= 10
    for style in ours:
        if "<w:rPr>" in style and "<w:rFonts" in style:
            assert 'w:eastAsia="zh-CN"' in style, style[:80]
