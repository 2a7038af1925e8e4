"""LibreOffice's rendering of the profiles, measured with ``pdftotext -bbox``.

``official`` must give exactly 22 body lines a full page and 28 characters a full
line (GB/T 9704), page numbers ``— N —`` right on odd pages and left on even ones;
no character may go missing on the way (LibreOffice drops hanging punctuation at
the end of full lines when characters are condensed by 0.25 pt).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from speechgen.layout.profile import load_profile

from helpers import SHELL_BRIEF, SHELL_ORG, has_libreoffice, make_shell, write_brief

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice/poppler not installed"),
]

MM = 72 / 25.4
POINTS = [
    "要坚持问题导向，聚焦群众反映强烈的突出问题，逐项建立台账、明确责任、限期整改到位，确保件件有着落、事事有回音",
    "各部门要加强协同配合，打破条块分割，形成上下联动、左右协同的工作格局，切实提高工作效率和服务质量",
    "要强化督促检查，对进展缓慢、敷衍塞责的单位和个人严肃问责，以钉钉子精神推动各项任务落地见效",
    "年底前要对照清单逐项销号，拿出看得见、摸得着的成效，向全局干部职工交出一份合格答卷",
]
HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")
CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]+$")


def long_brief() -> str:
    """A brief long enough for five or more official pages."""
    lines = [
        "meeting:",
        "  name: 全市形势分析会",
        "  organization: 滨江市税务局",
        "  date: 2026-05-10",
        "  speaker: 王建国",
        "strengths: [征管质效模块名列前茅]",
        "weaknesses: [基层活力不足]",
        "measures:",
    ]
    for n in "一二三四五六七八":
        lines += [f"  - title: 形成第{n}项工作体系", "    points:"] + [
            f"      - {p}" for p in POINTS
        ]
    return "\n".join(lines) + "\n"


@dataclass
class Line:
    """One printed line: top y, left and right x, text."""

    y: float
    x0: float
    x1: float
    text: str


def pdf_pages(pdf: Path) -> list[list[Line]]:
    """Lines of each page from ``pdftotext -bbox`` (words within 3 pt of each other's top)."""
    out = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = []
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
    )
    for body in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        lines: list[Line] = []
        for x0, y, x1, text in sorted(
            ((float(a), float(b), float(c), t) for a, b, c, t in word.findall(body)),
            key=lambda w: (round(w[1]), w[0]),
        ):
            if lines and abs(lines[-1].y - y) < 3:
                last = lines[-1]
                lines[-1] = Line(
                    last.y, min(last.x0, x0), max(last.x1, x1), last.text + html.unescape(text)
                )
            else:
                lines.append(Line(y, x0, x1, html.unescape(text)))
        pages.append(lines)
    return pages


def render_pdf(
    invoke, tmp_path: Path, brief_text: str, *args: str
) -> tuple[Path, list[list[Line]]]:
    """Render with --pdf; return the .docx path and the PDF's lines."""
    brief = write_brief(tmp_path, brief_text)
    result = invoke("render", brief, "--no-check", "--pdf", *args)
    assert result.exit_code == 0, result.stderr
    return brief.with_suffix(".docx"), pdf_pages(brief.with_suffix(".pdf"))


def assert_nothing_lost(docx_path: Path, running_header: str = "") -> None:
    """Every paragraph of the .docx appears, character for character, in the PDF beside it.

    Page numbers and a running header (repeated on each page) are taken out first.
    """
    pdf = docx_path.with_suffix(".pdf")
    text = subprocess.run(
        [shutil.which("pdftotext") or "pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"—\d+—", "", "".join(text.split()))
    if running_header:
        flat = flat.replace("".join(running_header.split()), "")
    for para in docx.Document(str(docx_path)).paragraphs:
        assert "".join(para.text.split()) in flat, para.text[:30]


def test_official_22_lines_of_28_characters_and_page_numbers(invoke, tmp_path: Path) -> None:
    profile = load_profile("official")
    pg = profile.page
    left, right = pg.left_mm * MM, (pg.width_mm - pg.right_mm) * MM
    bottom = (pg.height_mm - pg.bottom_mm) * MM
    docx_path, pages = render_pdf(invoke, tmp_path, long_brief(), "--profile", "official", "--png")
    assert len(pages) >= 5
    assert len(list(tmp_path.glob("brief-*.png"))) == len(pages)
    body = [[ln for ln in page if ln.y < bottom] for page in pages]
    footer = [[ln for ln in page if ln.y >= bottom] for page in pages]
    full_pages = 0
    for i, lines in enumerate(body[1:-1], start=1):
        if len(lines) == 21:  # a heading kept with its paragraph moved to the next page
            assert HEADING.match(body[i + 1][0].text), f"page {i + 1} is one line short"
            continue
        assert len(lines) == 22, f"page {i + 1} has {len(lines)} body lines"
        full_pages += 1
        pitches = [b.y - a.y for a, b in zip(lines, lines[1:], strict=False)]
        assert all(abs(p - profile.line_pitch_pt) < 1.2 for p in pitches), pitches
    assert full_pages >= 2
    full_lines = 0
    for lines in body:
        for ln in lines:
            if abs(ln.x0 - left) > 1.5 or not CJK.match(ln.text):
                continue
            inside = (
                ln.text[:-1] if ln.x1 > right + 5 else ln.text
            )  # punctuation hanging in the margin
            assert len(inside) <= 28, ln.text
            if ln.x1 >= right - 2:
                assert len(inside) == 28, ln.text
                full_lines += 1
    assert full_lines >= 40
    for n, lines in enumerate(footer, start=1):
        assert len(lines) == 1 and lines[0].text == f"—{n}—"
        indent = profile.element("page_number").size * profile.page_number_indent_chars  # type: ignore[operator]
        if n % 2:
            assert abs(lines[0].x1 - (right - indent)) < 1.5, (n, lines[0])
        else:
            assert abs(lines[0].x0 - (left + indent)) < 1.5, (n, lines[0])
    assert_nothing_lost(docx_path)


def test_large_print_has_big_lines_and_centred_numbers(invoke, tmp_path: Path) -> None:
    profile = load_profile("large")
    pg = profile.page
    docx_path, pages = render_pdf(invoke, tmp_path, long_brief(), "--profile", "large")
    bottom = (pg.height_mm - pg.bottom_mm) * MM
    middle = (pg.left_mm + (pg.width_mm - pg.left_mm - pg.right_mm) / 2) * MM
    lines = [ln for ln in pages[1] if ln.y < bottom]
    pitches = [b.y - a.y for a, b in zip(lines, lines[1:], strict=False)]
    assert all(abs(p - profile.line_pitch_pt) < 1.5 for p in pitches), pitches
    widest = max(len(ln.text) for page in pages for ln in page if CJK.match(ln.text))
    assert 22 <= widest <= 25  # 18 pt characters: 24 on a 155 mm line (25 with a hanging mark)
    for n, page in enumerate(pages, start=1):
        number = [ln for ln in page if ln.y >= bottom]
        assert number[0].text == f"—{n}—" and abs((number[0].x0 + number[0].x1) / 2 - middle) < 3
    assert_nothing_lost(docx_path)


def test_shell_header_shows_in_the_preview(invoke, tmp_path: Path) -> None:
    make_shell(tmp_path / "shell.docx")
    docx_path, pages = render_pdf(
        invoke, tmp_path, SHELL_BRIEF, "--shell", str(tmp_path / "shell.docx")
    )
    flat = "".join(ln.text for ln in pages[0])
    assert "".join(f"{SHELL_ORG}文件".split()) in flat
    assert pages[0][0].text.startswith("滨江市税务局") and pages[1][0].text.startswith(
        "滨江市税务局"
    )
    assert_nothing_lost(docx_path, f"{SHELL_ORG}文件")
