"""Layout that matches Word, checked on LibreOffice's pages (``pdftotext -bbox``).

Each test renders a draft to PDF with LibreOffice and measures the printed lines:
the page-1 row count, title line breaks, Chinese line breaking in a shell, headings
kept with their text across a page break.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.layout.profile import PROFILE_DIR, load_profile
from tests.helpers import MM, Line, has_libreoffice, long_brief, make_plain_shell, render_pdf

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice/poppler not installed"),
]

HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")


def body_lines(page: list[Line], profile_name: str = "official") -> list[Line]:
    """The lines of a page inside the type area (the page number left out)."""
    pg = load_profile(profile_name).page
    return [ln for ln in page if ln.y < (pg.height_mm - pg.bottom_mm) * MM]


def rows_from(lines: list[Line], first: Line, pitch: float) -> list[float]:
    """Each line's distance from ``first`` in grid rows (an integer when it sits on the grid)."""
    return [(ln.y - first.y) / pitch for ln in lines]


def test_official_page_one_holds_22_rows_title_included(invoke, tmp_path: Path) -> None:
    """The 22 pt title takes one row, as in Word, so page 1 holds 22 rows, not 21."""
    pitch = load_profile("official").line_pitch_pt
    _, pages = render_pdf(invoke, tmp_path, long_brief(), "--profile", "official")
    lines = body_lines(pages[0])
    title, date = lines[0], lines[1]
    assert title.text == "在全市形势分析会上的讲话" and date.text.startswith("（2026年")
    assert date.y - title.y < 1.5 * pitch, "the title took more than one row"
    rows = rows_from(lines[1:], date, pitch)
    assert all(abs(r - round(r)) < 0.05 for r in rows), rows  # every later line on the grid
    last_row = round(rows[-1]) + 2
    if last_row == 21:  # row 22 would hold a heading, which keeps with its text on page 2
        assert HEADING.match(body_lines(pages[1])[0].text), "page 1 is one row short"
    else:
        assert last_row == 22, f"page 1 ends on row {last_row}"


def test_a_gap_after_the_title_is_an_explicit_row(invoke, tmp_path: Path) -> None:
    """``blank_lines_after_title: 1`` puts exactly one empty row under the title; page 1 keeps 22 rows."""
    text = (PROFILE_DIR / "official.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "gap.yaml"
    custom.write_text(
        text.replace("blank_lines_after_title: 0", "blank_lines_after_title: 1"), encoding="utf-8"
    )
    pitch = load_profile("official").line_pitch_pt
    _, pages = render_pdf(invoke, tmp_path, long_brief(), "--profile", str(custom))
    lines = body_lines(pages[0])
    title, date = lines[0], lines[1]
    assert 1.5 * pitch < date.y - title.y < 2.5 * pitch
    rows = rows_from(lines[1:], date, pitch)
    assert all(abs(r - round(r)) < 0.05 for r in rows), rows
    last_row = round(rows[-1]) + 3  # rows counted from 1: title, blank, date…
    if last_row == 21:  # row 22 would hold a heading whose text must go with it
        assert HEADING.match(body_lines(pages[1])[0].text), "page 1 is one row short"
    else:
        assert last_row == 22


LONG_TITLE = "在全市一季度经济运行形势分析暨重点项目建设推进会议上的讲话"


def test_a_long_title_prints_as_a_centred_trapezoid_of_whole_words(invoke, tmp_path: Path) -> None:
    """Not 20 characters and a remainder (…重点项目建 / 设推进…): a shorter line above a longer one."""
    profile = load_profile("official")
    pg = profile.page
    middle = (pg.left_mm + (pg.width_mm - pg.left_mm - pg.right_mm) / 2) * MM
    brief = long_brief(f"title: {LONG_TITLE}")
    _, pages = render_pdf(invoke, tmp_path, brief, "--profile", "official")
    top, bottom = body_lines(pages[0])[:2]
    assert top.text + bottom.text == LONG_TITLE
    assert len(top.text) < len(bottom.text), (top.text, bottom.text)
    assert "形势分析" in top.text and "重点项目" in bottom.text
    for line in (top, bottom):
        assert abs((line.x0 + line.x1) / 2 - middle) < 3, line
    assert bottom.y - top.y == pytest.approx(profile.title_line_pitch_pt, abs=1.5)


def test_an_english_shell_keeps_chinese_line_breaking(invoke, tmp_path: Path) -> None:
    """Defaults in en-US (an English Word's shell): full lines still hold 28 characters,
    with 、，。 hanging in the margin instead of pulling a character down to the next line."""
    profile = load_profile("official")
    pg = profile.page
    left, right = pg.left_mm * MM, (pg.width_mm - pg.right_mm) * MM
    make_plain_shell(tmp_path / "shell.docx", east_asian_lang="en-US")
    args = ("--profile", "official", "--shell", str(tmp_path / "shell.docx"))
    _, pages = render_pdf(invoke, tmp_path, long_brief(), *args)
    full = hanging = 0
    for page in pages:
        for line in body_lines(page):
            if abs(line.x0 - left) > 1.5 or line.x1 < right - 2:
                continue  # not a full line
            inside = line.text[:-1] if line.x1 > right + 5 else line.text
            hanging += line.x1 > right + 5
            assert len(inside) == 28, line.text
            full += 1
    assert full >= 40 and hanging >= 3


def test_large_print_keeps_a_run_in_heading_with_its_text(invoke, tmp_path: Path) -> None:
    """A （一） sentence opening its paragraph is never the last line of a page."""
    _, pages = render_pdf(invoke, tmp_path, long_brief(), "--profile", "large")
    assert len(pages) >= 4
    headings = 0
    for page in pages[:-1]:
        lines = body_lines(page, "large")
        headings += sum(1 for line in lines if HEADING.match(line.text))
        assert not HEADING.match(lines[-1].text), lines[-1].text
    assert headings >= 8
