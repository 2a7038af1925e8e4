"""The rendered .docx reopened with python-docx: page setup, styles, fonts, spacing, page numbers."""

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from speechgen.layout.profile import load_profile

from helpers import has_libreoffice


@pytest.fixture
def rendered(invoke, full_brief: Path) -> docx.document.Document:
    assert invoke("render", full_brief).exit_code == 0
    return docx.Document(str(full_brief.with_suffix(".docx")))


def _rfonts(style) -> dict[str, str]:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")}


def test_page_setup_is_gbt9704(rendered) -> None:
    section = rendered.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for got, want in (
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(got - Mm(want)) < Mm(0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_paragraphs_use_named_styles(rendered) -> None:
    styles = [p.style.name for p in rendered.paragraphs]
    assert styles[0] == "讲话标题"
    assert styles[1] == "署名行" and styles[2] == "署名行"
    assert "称呼" in styles and "讲话正文" in styles and "一级标题" in styles
    salutation = rendered.paragraphs[styles.index("称呼")]
    assert salutation.text == "同志们："


@pytest.mark.parametrize(
    ("style", "east_asian", "size"),
    [
        ("讲话标题", "方正小标宋简体", 22),
        ("署名行", "楷体_GB2312", 16),
        ("讲话正文", "仿宋_GB2312", 16),
        ("一级标题", "黑体", 16),
        ("二级标题", "楷体_GB2312", 16),
        ("页码", "宋体", 14),
    ],
)
def test_style_fonts_fill_all_four_slots(rendered, style: str, east_asian: str, size: int) -> None:
    st = rendered.styles[style]
    fonts = _rfonts(st)
    assert fonts["eastAsia"] == east_asian and fonts["hAnsi"] == east_asian
    digits = east_asian if style == "页码" else "Times New Roman"  # page numbers: 宋体 digits
    assert fonts["ascii"] == digits and fonts["cs"] == digits
    assert st.font.size.pt == size
    assert not any("Theme" in a for a in st.element.rPr.find(qn("w:rFonts")).attrib)


def test_body_indent_spacing_and_alignment(rendered) -> None:
    body = rendered.styles["讲话正文"]
    ind = body.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    spacing = body.element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"
    assert body.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    condensed = round(load_profile("speech").char_spacing_pt * 20)
    assert condensed < 0
    assert body.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == str(condensed)


def test_headings_keep_with_next_and_run_in_subpoints(rendered) -> None:
    assert rendered.styles["一级标题"].paragraph_format.keep_with_next
    runin = [p for p in rendered.paragraphs if p.text.startswith("（一）")]
    assert runin, "run-in （一） heading missing"
    first_run = runin[0].runs[0]
    assert first_run.style.name == "接排二级标题"
    assert first_run.text.endswith("。")
    assert _rfonts(rendered.styles["接排二级标题"])["eastAsia"] == "楷体_GB2312"


def test_page_numbers_are_page_fields_odd_right_even_left(rendered) -> None:
    section = rendered.sections[0]
    assert rendered.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for para, side in ((odd, "right"), (even, "left")):
        xml = para._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert f'w:val="{side}"' in xml
        assert para.text.startswith("— ") and para.text.endswith(" —")


def test_language_and_properties(rendered, full_brief: Path) -> None:
    assert rendered.core_properties.title == "在全市形势分析会上的讲话"
    assert rendered.core_properties.author == "王建国"
    import zipfile

    with zipfile.ZipFile(full_brief.with_suffix(".docx")) as zf:
        styles = zf.read("word/styles.xml").decode()
        fonts = zf.read("word/fontTable.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


@pytest.mark.libreoffice
@pytest.mark.skipif(not has_libreoffice(), reason="LibreOffice/poppler not installed")
def test_libreoffice_pdf_holds_all_the_text(invoke, full_brief: Path) -> None:
    result = invoke("render", full_brief, "--pdf")
    assert result.exit_code == 0, result.stderr
    pdf = full_brief.with_suffix(".pdf")
    text = subprocess.run(
        [shutil.which("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "—1—" in flat
    flat = re.sub(r"—\d+—", "", flat)  # page numbers fall between the lines of a paragraph
    for para in docx.Document(str(full_brief.with_suffix(".docx"))).paragraphs:
        assert "".join(para.text.split()) in flat
