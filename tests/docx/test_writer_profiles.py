"""Every profile's draft reopened with python-docx and read as XML: the profile's values are in it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from speechgen.docx.writer import STYLE_IDS, twips
from speechgen.layout.profile import PROFILE_DIR, Profile, builtin_profiles, load_profile

from helpers import FULL_BRIEF, write_brief

ALIGN = {"both": "both", "center": "center", "left": "left", "right": "right"}


def render(invoke, brief: Path, *args: str) -> docx.document.Document:
    """Render ``brief`` to .docx with extra CLI args and reopen it."""
    result = invoke("render", brief, "--no-check", *args)
    assert result.exit_code == 0, result.stderr
    return docx.Document(str(brief.with_suffix(".docx")))


def parts_of(path: Path) -> dict[str, str]:
    """Every XML part of a .docx as text."""
    with zipfile.ZipFile(path) as zf:
        return {
            n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith((".xml", ".rels"))
        }


def style_el(document, style_id: str):
    """The ``w:style`` element with ``style_id``."""
    found = [
        s
        for s in document.styles.element.findall(qn("w:style"))
        if s.get(qn("w:styleId")) == style_id
    ]
    assert len(found) == 1, style_id
    return found[0]


def rfonts(style) -> dict[str, str | None]:
    """The four font slots (and the hint) of a style's rPr."""
    el = style.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k: el.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs", "hint")}


@pytest.mark.parametrize("name", builtin_profiles())
def test_styles_carry_every_value_the_profile_names(invoke, tmp_path: Path, name: str) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    document = render(invoke, brief, "--profile", name)
    profile = load_profile(name)
    for key, (sid, _) in STYLE_IDS.items():
        st = style_el(document, sid)
        want = profile.element(key)
        fonts = rfonts(st)
        assert fonts["eastAsia"] == want.font and fonts["hAnsi"] == want.font, key
        digits = (
            want.font if key == "page_number" else profile.latin_font
        )  # 宋体 page-number digits
        assert fonts["ascii"] == digits and fonts["cs"] == digits, key
        assert fonts["hint"] == "eastAsia"
        rpr = st.find(qn("w:rPr"))
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == str(round(want.size * 2)), key  # type: ignore[operator]
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == str(round(want.size * 2)), key  # type: ignore[operator]
        bold = rpr.find(qn("w:b"))
        assert (bold is not None and bold.get(qn("w:val")) not in ("0", "false")) == bool(
            want.bold
        ), key
        if key == "page_number":
            continue
        ppr = st.find(qn("w:pPr"))
        spacing = ppr.find(qn("w:spacing"))
        pitch = (
            profile.title_line_pitch_pt if key in ("title", "subtitle") else profile.line_pitch_pt
        )
        assert (
            spacing.get(qn("w:line")) == str(round(pitch * 20))
            and spacing.get(qn("w:lineRule")) == "exact"
        ), key
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == ALIGN[want.align or "both"], key
        indented = key == "body" or key.startswith("heading")
        ind = ppr.find(qn("w:ind"))
        chars = round(profile.indent_chars * 100) if indented else 0
        assert ind.get(qn("w:firstLineChars")) == str(chars), key
        assert ind.get(qn("w:firstLine")) == str(round(chars / 100 * want.size * 20)), key  # type: ignore[operator]
        char_spacing = rpr.find(qn("w:spacing"))
        if profile.char_spacing_pt:
            assert char_spacing.get(qn("w:val")) == str(round(profile.char_spacing_pt * 20)), key
        else:
            assert char_spacing is None
        assert (ppr.find(qn("w:keepNext")) is not None) == (
            profile.keep_with_next and key not in ("body", "salutation")
        )
        assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == (
            "1" if profile.widow_control else "0"
        )
    # python-docx's own view agrees
    assert document.styles["讲话正文"].font.size.pt == profile.element("body").size


def footer_layout(footer) -> tuple[str, dict[str, str]]:
    """Alignment and indents of a footer's page-number paragraph."""
    ppr = footer.paragraphs[0]._p.pPr
    ind = ppr.find(qn("w:ind"))
    indents = {
        k: ind.get(qn(f"w:{k}"))
        for k in ("left", "right")
        if ind is not None and ind.get(qn(f"w:{k}"))
    }
    return ppr.find(qn("w:jc")).get(qn("w:val")), indents


@pytest.mark.parametrize("name", builtin_profiles())
def test_page_setup_grid_footers_and_fonts(invoke, tmp_path: Path, name: str) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    document = render(invoke, brief, "--profile", name)
    profile = load_profile(name)
    section = document.sections[0]
    pg = profile.page
    for got, mm in (
        (section.top_margin, pg.top_mm),
        (section.bottom_margin, pg.bottom_mm),
        (section.left_margin, pg.left_mm),
        (section.right_margin, pg.right_mm),
        (section.footer_distance, pg.footer_mm),
        (section.page_width, pg.width_mm),
    ):
        assert got.twips == twips(mm)  # type: ignore[union-attr]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == str(
        round(profile.line_pitch_pt * 20)
    )
    parts = parts_of(brief.with_suffix(".docx"))
    everything = "".join(parts.values())
    assert not re.search(r'w:\w*[Tt]heme="', everything), "theme font attributes must not appear"
    assert 'w:eastAsia="zh-CN"' in parts["word/styles.xml"]
    for font, alt in profile.alt_fonts.items():
        if font in profile.fonts():
            assert (
                f'<w:font w:name="{font}"><w:altName w:val="{alt}"/>' in parts["word/fontTable.xml"]
            )
    footers = [p for n, p in sorted(parts.items()) if n.startswith("word/footer")]
    assert all(" PAGE " in f and 'w:fldCharType="separate"' in f for f in footers)
    if profile.page_numbers == "odd-even":
        assert document.settings.odd_and_even_pages_header_footer and len(footers) == 2
        indent = str(
            round(profile.element("page_number").size * 20 * profile.page_number_indent_chars)
        )  # type: ignore[operator]
        assert footer_layout(section.footer) == ("right", {"right": indent})
        assert footer_layout(section.even_page_footer) == ("left", {"left": indent})
    else:
        assert not document.settings.odd_and_even_pages_header_footer and len(footers) == 1
        assert footer_layout(section.footer)[0] == "center"
    assert section.footer.paragraphs[0].text == profile.page_number_format.replace("{n}", "1")


def test_run_in_or_standalone_second_level(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    speech = render(invoke, brief, "--profile", "speech")
    run_in = [p for p in speech.paragraphs if p.text.startswith("（一）")]
    assert (
        run_in
        and run_in[0].style.style_id == "SpeechBody"
        and run_in[0].runs[0].style.style_id == "SpeechRunIn2"
    )
    official = render(invoke, brief, "--profile", "official", "--force")
    heads = [p for p in official.paragraphs if p.text.startswith("（一）")]
    assert heads and all(p.style.style_id == "SpeechHeading2" for p in heads)
    assert not heads[0].text.endswith("。")


def test_blank_lines_after_byline_follow_the_profile(invoke, tmp_path: Path) -> None:
    text = (
        (PROFILE_DIR / "speech.yaml")
        .read_text(encoding="utf-8")
        .replace("blank_lines_after_byline: 1", "blank_lines_after_byline: 3")
    )
    (tmp_path / "three.yaml").write_text(text, encoding="utf-8")
    brief = write_brief(tmp_path, FULL_BRIEF)
    texts = [
        p.text for p in render(invoke, brief, "--profile", str(tmp_path / "three.yaml")).paragraphs
    ]
    salutation = texts.index("同志们：")
    assert texts[salutation - 3 : salutation] == ["", "", ""] and texts[salutation - 4] == "王建国"


def test_changing_a_copied_profile_changes_the_draft(invoke, tmp_path: Path) -> None:
    original = (PROFILE_DIR / "official.yaml").read_text(encoding="utf-8")
    changed = (
        original.replace(
            "body:        {font: 仿宋_GB2312, size: 三号",
            "body:        {font: 华文仿宋, size: 小二",
        )
        .replace("left_mm: 28", "left_mm: 31")
        .replace("line_pitch_pt: 28.95 ", "line_pitch_pt: 30 ")
        .replace("page_numbers: odd-even", "page_numbers: center")
    )
    assert (
        changed.count("华文仿宋") == 1
        and "left_mm: 31" in changed
        and "line_pitch_pt: 30 " in changed
    )
    (tmp_path / "本局.yaml").write_text(changed, encoding="utf-8")
    brief = write_brief(tmp_path, FULL_BRIEF + "profile: 本局.yaml\n")
    document = render(invoke, brief)
    body = style_el(document, "SpeechBody")
    assert rfonts(body)["eastAsia"] == "华文仿宋"
    assert body.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "36"
    assert body.find(qn("w:pPr")).find(qn("w:spacing")).get(qn("w:line")) == "600"
    assert document.sections[0].left_margin.twips == twips(31)
    assert not document.settings.odd_and_even_pages_header_footer
    # --profile on the command line wins over the brief's profile:
    official = render(invoke, brief, "--profile", "official", "--force")
    assert rfonts(style_el(official, "SpeechBody"))["eastAsia"] == "仿宋_GB2312"


def test_profile_model_roundtrips_as_data() -> None:
    profile = load_profile("official")
    assert Profile.model_validate_json(profile.model_dump_json()) == profile


def test_run_in_headings_keep_with_their_text(invoke, tmp_path: Path) -> None:
    """Widow control on a paragraph opened by a run-in heading; a two-line heading keeps its lines."""
    long_title = "形成上下贯通、左右协同、一抓到底、层层压实责任、环环相扣、件件落地的工作推进体系和督查落实机制"
    brief = write_brief(
        tmp_path,
        FULL_BRIEF.replace("形成协同高效的责任体系", long_title),
    )
    document = render(invoke, brief, "--profile", "large")
    run_in = [p for p in document.paragraphs if re.match(r"（[一二三四五六七八九十]+）", p.text)]
    assert len(run_in) >= 3
    for para in run_in:
        ppr = para._p.pPr
        assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "1"
        assert (ppr.find(qn("w:keepLines")) is not None) == (long_title in para.text)
