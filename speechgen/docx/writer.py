"""The .docx writer: the only module that knows OOXML.

It builds the package parts directly as XML text (fast, and free of python-docx's
default template with its theme fonts and Japanese language settings), following
``research/format_spec.md``: A4 with GB/T 9704 margins, a line grid of 28.95 pt,
−0.3 pt character condensing (28 characters a line), all four ``rFonts`` slots,
named paragraph styles a writer can restyle in Word, ``— N —`` page numbers as a
real PAGE field, odd pages right and even pages left.

The result is returned as bytes; writing files is :mod:`speechgen.output`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..layout.profile import ElementStyle, Profile
from ..layout.titlelines import text_width, title_lines, title_width
from ..speech.blocks import (
    Block,
    Byline,
    Heading,
    Paragraph,
    Salutation,
    Subtitle,
    Title,
    run_in_text,
)
from . import ns
from .package import (
    APP_XML,
    CONTENT_TYPES_HEAD,
    FOOTER_TYPE,
    REL,
    ROOT_RELS,
    DocMeta,
    core_xml,
    esc,
    package,
)

W_NS = ns.W
R_NS = ns.R
MM_TWIPS = 56.6929

STYLE_IDS = {
    "title": ("SpeechTitle", "讲话标题"),
    "subtitle": ("SpeechSubtitle", "讲话副标题"),
    "byline": ("SpeechByline", "署名行"),
    "salutation": ("SpeechSalutation", "称呼"),
    "body": ("SpeechBody", "讲话正文"),
    "heading1": ("SpeechHeading1", "一级标题"),
    "heading2": ("SpeechHeading2", "二级标题"),
    "heading3": ("SpeechHeading3", "三级标题"),
    "heading4": ("SpeechHeading4", "四级标题"),
    "page_number": ("SpeechPageNumber", "页码"),
}
RUN_IN_IDS = {
    level: (f"SpeechRunIn{level}", f"接排{name}级标题")
    for level, name in zip((1, 2, 3, 4), "一二三四", strict=True)
}
LEAD_ID = ("SpeechLead", "引句加粗")


def twips(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm * MM_TWIPS)


def half_points(pt: float) -> int:
    """Points to the half-points of ``w:sz``."""
    return round(pt * 2)


# ----------------------------------------------------------------------------- runs


def _rfonts(latin_font: str, font: str) -> str:
    """All four font slots: Latin letters and digits in ``latin_font``, the rest in ``font``.

    ``hAnsi`` carries the CJK font and ``w:hint`` is eastAsia so that Chinese quotes,
    dashes and ellipses (General Punctuation) are drawn full width (format_spec §4.2).
    """
    latin, f = esc(latin_font), esc(font)
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{latin}" w:hint="eastAsia"/>'


# Chinese line breaking (hanging punctuation, no 。 at a line start) follows the
# East Asian language: every style says zh-CN, so a shell whose defaults are en-US
# keeps it. The document defaults also name the Latin and complex-script languages.
STYLE_LANG = '<w:lang w:eastAsia="zh-CN"/>'
DEFAULT_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'


def _rpr_style(
    profile: Profile,
    style: ElementStyle,
    *,
    spacing: bool = True,
    own_digits: bool = False,
    lang: str = STYLE_LANG,
    heading: bool = False,
) -> str:
    """A style's ``w:rPr``: fonts, bold, character spacing, size and language, in schema order.

    ``own_digits`` draws Latin letters and digits in the element's own font too (page
    numbers are 宋体 digits, GB/T 9704 §7.5) instead of the profile's Latin font.
    ``heading`` states bold, italics and colour even where off (:data:`_HEADING_NEUTRAL`).
    """
    font = style.font or "仿宋_GB2312"
    parts = [_rfonts(font if own_digits else profile.latin_font, font)]
    if style.bold:
        parts.append("<w:b/><w:bCs/>")
    elif heading:
        parts.append('<w:b w:val="0"/><w:bCs w:val="0"/>')
    if heading:
        parts.append(_HEADING_NEUTRAL)
    if spacing and profile.char_spacing_pt:
        parts.append(f'<w:spacing w:val="{round(profile.char_spacing_pt * 20)}"/>')
    size = half_points(style.size or 16)
    if heading:
        parts.append('<w:kern w:val="0"/>')
    parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{lang}')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _text_runs(text: str, rstyle: str | None = None) -> str:
    """Runs for ``text``; newlines become ``<w:br/>``."""
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append(f"<w:r>{rpr}<w:br/></w:r>")
        if line:
            pieces.append(f'<w:r>{rpr}<w:t xml:space="preserve">{esc(line)}</w:t></w:r>')
    return "".join(pieces)


# ----------------------------------------------------------------------------- body


def _para(style_id: str, runs: str, extra_ppr: str = "") -> str:
    """A ``<w:p>`` in ``style_id``; ``extra_ppr`` is direct paragraph formatting after the style."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{extra_ppr}</w:pPr>{runs}</w:p>'


_SIMPLE_BLOCKS = (
    (Title, "title"),
    (Subtitle, "subtitle"),
    (Byline, "byline"),
    (Salutation, "salutation"),
)


@dataclass(frozen=True)
class _Measure:
    """What the body writer needs to know about line lengths, from the profile."""

    title_width: int  # title characters a line
    line_chars: float  # body characters a line
    indent_chars: float
    keep_headings: bool  # the profile's keep_with_next

    @classmethod
    def of(cls, profile: Profile) -> _Measure:
        """The measures of ``profile``'s type area."""
        page = profile.page
        width_pt = (page.width_mm - page.left_mm - page.right_mm) * 72 / 25.4
        advance = (profile.element("body").size or 16) + profile.char_spacing_pt
        return cls(
            title_width(profile),
            width_pt / advance,
            profile.indent_chars,
            profile.keep_with_next,
        )


def _run_in_keep(heading_text: str, measure: _Measure) -> str:
    """Direct formatting that keeps a run-in heading with its text across a page break.

    The paragraph may not leave its first line alone at the foot of a page
    (``widowControl``: at least two lines stay together); when the heading sentence
    itself fills two lines or more, the whole paragraph stays together (``keepLines``).
    """
    if not measure.keep_headings:
        return ""
    first_line = measure.line_chars - measure.indent_chars
    keep_lines = text_width(heading_text) >= first_line + measure.line_chars - 1
    return ("<w:keepLines/>" if keep_lines else "") + '<w:widowControl w:val="1"/>'


def _block_para(block: Block, measure: _Measure) -> str:
    """The ``<w:p>`` of one block, its style naming the element it is.

    A title longer than the line is broken into shaped lines
    (:mod:`speechgen.layout.titlelines`), each line ending in a ``<w:br/>``.
    """
    if isinstance(block, Title):
        lines = title_lines(block.text, measure.title_width)
        return _para(STYLE_IDS["title"][0], _text_runs("\n".join(lines)))
    for kind, key in _SIMPLE_BLOCKS:
        if isinstance(block, kind):
            return _para(STYLE_IDS[key][0], _text_runs(block.text))
    if isinstance(block, Heading):
        return _para(STYLE_IDS[f"heading{block.level}"][0], _text_runs(block.full_text))
    assert isinstance(block, Paragraph)
    runs = keep = ""
    if block.heading is not None:
        heading = run_in_text(block.heading)
        runs += _text_runs(heading, RUN_IN_IDS[block.heading.level][0])
        keep = _run_in_keep(heading, measure)
    if block.lead:
        runs += _text_runs(block.seq + block.lead, LEAD_ID[0])
    elif block.seq:
        runs += _text_runs(block.seq)
    return _para(STYLE_IDS["body"][0], runs + _text_runs(block.text), keep)


def _last(blocks: list[Block], kinds: tuple[type, ...]) -> int:
    """Index of the last block of one of ``kinds`` before the body starts, or -1."""
    found = -1
    for i, b in enumerate(blocks):
        if isinstance(b, (Heading, Paragraph, Salutation)):
            break
        if isinstance(b, kinds):
            found = i
    return found


def body_paragraphs(blocks: Iterable[Block], profile: Profile) -> list[str]:
    """Return one ``<w:p>`` string per block, plus the profile's blank lines.

    Gaps are explicit empty paragraphs, each one grid row: ``blank_lines_after_title``
    after the title block (title and subtitle), ``blank_lines_after_byline`` after the
    last byline.
    """
    blocks = list(blocks)
    last_title = _last(blocks, (Title, Subtitle))
    last_byline = max((i for i, b in enumerate(blocks) if isinstance(b, Byline)), default=-1)
    measure = _Measure.of(profile)
    out: list[str] = []
    for i, block in enumerate(blocks):
        out.append(_block_para(block, measure))
        if i == last_title and profile.blank_lines_after_title:
            style = STYLE_IDS["subtitle" if isinstance(block, Subtitle) else "title"][0]
            out.extend(_para(style, "") for _ in range(profile.blank_lines_after_title))
        if i == last_byline:
            out.extend(
                _para(STYLE_IDS["byline"][0], "") for _ in range(profile.blank_lines_after_byline)
            )
    return out


def _sect_pr(profile: Profile) -> str:
    pg = profile.page
    refs = ""
    if profile.page_numbers != "none":
        refs = '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        if profile.page_numbers == "odd-even":
            refs += '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
    grid = (
        f'<w:docGrid w:type="lines" w:linePitch="{round(profile.line_pitch_pt * 20)}"/>'
        if profile.grid == "lines"
        else '<w:docGrid w:linePitch="312"/>'
    )
    return (
        f"<w:sectPr>{refs}"
        f'<w:pgSz w:w="{twips(pg.width_mm)}" w:h="{twips(pg.height_mm)}"/>'
        f'<w:pgMar w:top="{twips(pg.top_mm)}" w:right="{twips(pg.right_mm)}" '
        f'w:bottom="{twips(pg.bottom_mm)}" w:left="{twips(pg.left_mm)}" '
        f'w:header="{twips(pg.header_mm)}" w:footer="{twips(pg.footer_mm)}" w:gutter="0"/>'
        f'<w:cols w:space="425"/>{grid}</w:sectPr>'
    )


def document_xml(blocks: Iterable[Block], profile: Profile) -> str:
    """The whole ``word/document.xml``."""
    body = "".join(body_paragraphs(blocks, profile))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{_sect_pr(profile)}</w:body></w:document>'
    )


# ----------------------------------------------------------------------------- styles


def _ppr(
    profile: Profile,
    style: ElementStyle,
    *,
    indent: bool,
    keep_next: bool = False,
    outline: int | None = None,
    line_pt: float | None = None,
    snap: bool = True,
) -> str:
    """A paragraph style's ``w:pPr`` in schema order.

    ``snap=False`` writes ``w:snapToGrid w:val="0"``: Word never snaps exact-spaced
    lines to the document grid, LibreOffice does and gives a 22 pt title two grid
    rows; the title and subtitle opt out so both lay page 1 out the same.
    """
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    parts.append(f'<w:widowControl w:val="{1 if profile.widow_control else 0}"/>')
    if not snap:
        parts.append('<w:snapToGrid w:val="0"/>')
    line = round((line_pt or profile.line_pitch_pt) * 20)
    parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>')
    if indent and profile.indent_chars:
        chars = round(profile.indent_chars * 100)
        first = round(profile.indent_chars * (style.size or 16) * 20)
        parts.append(f'<w:ind w:firstLineChars="{chars}" w:firstLine="{first}"/>')
    else:
        parts.append('<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    parts.append(f'<w:jc w:val="{style.align or "both"}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _pstyle(
    sid: str, name: str, ppr: str, rpr: str, *, default: bool = False, based_on: str = "Normal"
) -> str:
    """One paragraph ``w:style``; every style but the default one is based on ``based_on``."""
    flag = ' w:default="1"' if default else ""
    based = "" if default else f'<w:basedOn w:val="{based_on}"/>'
    return (
        f'<w:style w:type="paragraph"{flag} w:styleId="{sid}"><w:name w:val="{esc(name)}"/>'
        f'{based}<w:next w:val="{"SpeechBody" if not default else "Normal"}"/><w:qFormat/>{ppr}{rpr}</w:style>'
    )


# Word's built-in heading styles: speechgen's heading styles are based on them, so
# pandoc, screen readers and Word's navigation pane see the headings. They carry
# speechgen's look themselves, so a writer who picks 标题 1 in Word gets it too.
BUILTIN_HEADINGS = {level: (f"Heading{level}", f"heading {level}") for level in (1, 2, 3, 4)}
# What built-in heading styles elsewhere (a shell made in Word) commonly add — colour,
# italics, kerning — is switched off explicitly in speechgen's heading styles.
_HEADING_NEUTRAL = '<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="auto"/>'


@lru_cache(maxsize=32)
def _styles_xml_cached(profile_json: str) -> str:
    profile = Profile.model_validate_json(profile_json)
    body = profile.element("body")
    styles = [
        _pstyle(
            "Normal",
            "Normal",
            _ppr(profile, body, indent=False),
            _rpr_style(profile, body),
            default=True,
        )
    ]
    for key, (sid, name) in STYLE_IDS.items():
        st = profile.element(key)
        if key == "page_number":
            ppr = '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            styles.append(
                _pstyle(sid, name, ppr, _rpr_style(profile, st, spacing=False, own_digits=True))
            )
            continue
        heading_level = int(key[-1]) if key.startswith("heading") else None
        indent = key in ("body",) or heading_level is not None
        if st.indent is not None:
            indent = st.indent
        line = profile.title_line_pitch_pt if key in ("title", "subtitle") else None
        ppr = _ppr(
            profile,
            st,
            indent=indent,
            keep_next=profile.keep_with_next
            and (heading_level is not None or key in ("title", "subtitle", "byline")),
            outline=heading_level - 1 if heading_level else None,
            line_pt=line,
            snap=key not in ("title", "subtitle"),
        )
        if heading_level is None:
            styles.append(_pstyle(sid, name, ppr, _rpr_style(profile, st)))
            continue
        rpr = _rpr_style(profile, st, heading=True)
        builtin_id, builtin_name = BUILTIN_HEADINGS[heading_level]
        styles.append(_pstyle(builtin_id, builtin_name, ppr, rpr))
        styles.append(_pstyle(sid, name, ppr, rpr, based_on=builtin_id))
    for level, (sid, name) in RUN_IN_IDS.items():
        st = profile.element(f"heading{level}")
        styles.append(
            f'<w:style w:type="character" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f"<w:qFormat/>{_rpr_style(profile, st)}</w:style>"
        )
    lead = profile.element("lead")
    lead_rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if lead.bold is not False else "<w:rPr/>"
    styles.append(
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{LEAD_ID[0]}">'
        f'<w:name w:val="{LEAD_ID[1]}"/><w:qFormat/>{lead_rpr}</w:style>'
    )
    defaults = (
        f"<w:docDefaults><w:rPrDefault>{_rpr_style(profile, body, lang=DEFAULT_LANG)}</w:rPrDefault>"
        f"<w:pPrDefault>{_ppr(profile, body, indent=False)}</w:pPrDefault></w:docDefaults>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">{defaults}{"".join(styles)}</w:styles>'
    )


def styles_xml(profile: Profile) -> str:
    """``word/styles.xml`` for ``profile`` (cached per profile)."""
    return _styles_xml_cached(profile.model_dump_json())


def style_elements(profile: Profile) -> list[str]:
    """The ``<w:style>`` elements alone, for merging into a shell's styles."""
    xml = styles_xml(profile)
    start = xml.index("</w:docDefaults>") + len("</w:docDefaults>")
    inner = xml[start : xml.rindex("</w:styles>")]
    return [s + "</w:style>" for s in inner.split("</w:style>") if s]


# ----------------------------------------------------------------------------- footers, settings


def footer_xml(profile: Profile, side: str) -> str:
    """A footer with the page number as a PAGE field; ``side`` is right, left or center."""
    st = profile.element("page_number")
    rpr = _rpr_style(profile, st, spacing=False, own_digits=True)
    before, _, after = profile.page_number_format.partition("{n}")
    indent_twips = round((st.size or 14) * 20 * profile.page_number_indent_chars)
    ind = {
        "right": f'<w:ind w:right="{indent_twips}"/>',
        "left": f'<w:ind w:left="{indent_twips}"/>',
    }.get(side, "")
    runs = ""
    if before:
        runs += f'<w:r>{rpr}<w:t xml:space="preserve">{esc(before)}</w:t></w:r>'
    runs += (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    if after:
        runs += f'<w:r>{rpr}<w:t xml:space="preserve">{esc(after)}</w:t></w:r>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="SpeechPageNumber"/>'
        f'{ind}<w:jc w:val="{side}"/></w:pPr>{runs}</w:p></w:ftr>'
    )


def settings_xml(profile: Profile) -> str:
    """``word/settings.xml``: even/odd footers, zh-CN theme language, no punctuation compression."""
    even_odd = "<w:evenAndOddHeaders/>" if profile.page_numbers == "odd-even" else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>{even_odd}'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f'<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="{ns.WORD_COMPAT}" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def font_table_xml(profile: Profile) -> str:
    """``word/fontTable.xml`` naming each font with its alternative (``w:altName``)."""
    fonts = []
    for name in profile.fonts():
        alt = profile.alt_fonts.get(name)
        alt_xml = f'<w:altName w:val="{esc(alt)}"/>' if alt else ""
        cjk = any(ord(c) > 0x2E80 for c in name)
        charset = "86" if cjk else "00"
        family = "modern" if cjk else "roman"
        fonts.append(
            f'<w:font w:name="{esc(name)}">{alt_xml}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{"fixed" if cjk else "variable"}"/></w:font>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:fonts xmlns:w="{W_NS}">{"".join(fonts)}</w:fonts>'
    )


# ----------------------------------------------------------------------------- package


def _document_rels(profile: Profile) -> str:
    rels = [
        f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>',
        f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>',
        f'<Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>',
    ]
    if profile.page_numbers != "none":
        rels.append(f'<Relationship Id="rIdFooterOdd" Type="{REL}/footer" Target="footer1.xml"/>')
    if profile.page_numbers == "odd-even":
        rels.append(f'<Relationship Id="rIdFooterEven" Type="{REL}/footer" Target="footer2.xml"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{ns.PKG_REL}">' + "".join(rels) + "</Relationships>"
    )


def write_docx(blocks: Iterable[Block], profile: Profile, meta: DocMeta | None = None) -> bytes:
    """Build a complete .docx for ``blocks`` in ``profile``'s layout; return its bytes."""
    meta = meta or DocMeta()
    content_types = CONTENT_TYPES_HEAD
    parts: dict[str, bytes] = {
        "_rels/.rels": ROOT_RELS.encode(),
        "word/document.xml": document_xml(blocks, profile).encode("utf-8"),
        "word/styles.xml": styles_xml(profile).encode("utf-8"),
        "word/settings.xml": settings_xml(profile).encode("utf-8"),
        "word/fontTable.xml": font_table_xml(profile).encode("utf-8"),
        "word/_rels/document.xml.rels": _document_rels(profile).encode("utf-8"),
        "docProps/core.xml": core_xml(meta).encode("utf-8"),
        "docProps/app.xml": APP_XML.encode("utf-8"),
    }
    if profile.page_numbers == "center":
        parts["word/footer1.xml"] = footer_xml(profile, "center").encode("utf-8")
    elif profile.page_numbers == "odd-even":
        parts["word/footer1.xml"] = footer_xml(profile, "right").encode("utf-8")
        parts["word/footer2.xml"] = footer_xml(profile, "left").encode("utf-8")
    for name in ("word/footer1.xml", "word/footer2.xml"):
        if name in parts:
            content_types += f'<Override PartName="/{name}" ContentType="{FOOTER_TYPE}"/>'
    parts["[Content_Types].xml"] = (content_types + "</Types>").encode("utf-8")
    return package(parts)
