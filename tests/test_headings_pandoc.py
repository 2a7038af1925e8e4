"""Headings are Word headings: other tools (pandoc) find them, and their look stays speechgen's."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import has_pandoc, long_brief, make_plain_shell, write_brief


def pandoc_headings(docx_path: Path) -> list[str]:
    """The Markdown heading lines pandoc reads out of a .docx."""
    markdown = subprocess.run(
        [shutil.which("pandoc") or "pandoc", str(docx_path), "-t", "markdown"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split(" {", 1)[0] for line in markdown.splitlines() if line.startswith("#")]


@pytest.mark.skipif(not has_pandoc(), reason="pandoc not installed")
@pytest.mark.parametrize("shell", [False, True])
def test_pandoc_sees_every_heading_at_its_level(invoke, tmp_path: Path, shell: bool) -> None:
    brief = write_brief(tmp_path, long_brief())
    args = ["--profile", "official"]
    if shell:  # a shell from an English Word has its own Heading 1/2 styles
        args += ["--shell", str(make_plain_shell(tmp_path / "shell.docx"))]
    assert invoke("render", brief, "--no-check", *args).exit_code == 0
    headings = pandoc_headings(brief.with_suffix(".docx"))
    level1 = [h for h in headings if h.startswith("# ")]
    level2 = [h for h in headings if h.startswith("## ")]
    assert level1[0].startswith("# 一、") and len(level1[0]) > 6
    assert len(level1) == 2 and len(level2) == 3 + 8
    assert all(re.match(r"## （[一二三四五六七八九十]+）", h) for h in level2)


def test_heading_styles_are_based_on_word_headings_with_speechgen_look(
    invoke, tmp_path: Path
) -> None:
    brief = write_brief(tmp_path, long_brief())
    assert invoke("render", brief, "--no-check").exit_code == 0
    with zipfile.ZipFile(brief.with_suffix(".docx")) as zf:
        styles = zf.read("word/styles.xml").decode("utf-8")
    for level, font in ((1, "黑体"), (2, "楷体_GB2312")):
        builtin = re.search(rf'<w:style [^>]*w:styleId="Heading{level}">.*?</w:style>', styles)
        ours = re.search(rf'<w:style [^>]*w:styleId="SpeechHeading{level}">.*?</w:style>', styles)
        assert builtin and ours
        assert f'<w:name w:val="heading {level}"/>' in builtin.group(0)
        assert f'<w:basedOn w:val="Heading{level}"/>' in ours.group(0)
        for style in (builtin.group(0), ours.group(0)):
            assert f'w:eastAsia="{font}"' in style and '<w:color w:val="auto"/>' in style
            assert '<w:b w:val="0"/>' in style and f'<w:outlineLvl w:val="{level - 1}"/>' in style
