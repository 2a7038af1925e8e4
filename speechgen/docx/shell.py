"""The office's own Word shell: fill its Jinja tags with docxtpl, pour the speech into it.

A shell is a .docx made in Word or WPS (red header, cover, styles, margins). It is
read through :func:`speechgen.docxsafe.read_untrusted_docx`, its tags
(``{{ meeting.organization }}`` in a header, say) are rendered by docxtpl in the
same sandboxed, strict, autoescaping environment as the speech templates, and the
speech body goes where a paragraph holds only ``{{ body }}``, or at the end.

The shell keeps its page setup, headers, footers, settings and styles; the
profile's paragraph styles are added only where the shell has no style with the
same id (``SpeechBody``) or the same name (``讲话正文``). The XML for the speech
itself comes from :mod:`speechgen.writer`; this module only merges it into the
shell's parts (with lxml), and the result carries the same content hash as any
draft, so output protection works for it too.
"""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..layout.profile import Profile
from ..speech.blocks import Block
from . import ns
from .package import HASH_PROPERTY, REL, VERSION_PROPERTY, DocMeta, core_xml, esc, package
from .writer import W_NS, body_paragraphs, font_table_xml, style_elements

# ----------------------------------------------------------------------------- merging XML

_W = f"{{{W_NS}}}"
_PKG_REL = ns.tag(ns.PKG_REL, "")
_CT = ns.tag(ns.CONTENT_TYPES, "")
CUSTOM_REL = f"{REL}/custom-properties"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


def _xml(data: bytes | str) -> Any:
    """Parse XML without entities or network access (the shell is untrusted)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data.encode("utf-8") if isinstance(data, str) else data, parser)


def _bytes(root: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _related(parts: dict[str, bytes], source: str) -> dict[str, str]:
    """Map relationship type (last path segment) to part name for ``source``'s rels."""
    folder, _, name = source.rpartition("/")
    rels = parts.get(f"{folder}/_rels/{name}.rels" if folder else "_rels/.rels")
    found: dict[str, str] = {}
    for rel in _xml(rels).iter(f"{_PKG_REL}Relationship") if rels else ():
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External":
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else "/".join(p for p in (folder, target) if p)
            )
            found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def _merge_styles(xml: bytes, profile: Profile) -> tuple[bytes, dict[str, str]]:
    """Add the profile's styles the shell lacks; return the styles and our id → used id.

    A shell style with the same id, or of the same type with the same name, wins.
    """
    root = _xml(xml)
    have: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    default = None
    for st in root.iter(f"{_W}style"):
        sid, kind = st.get(f"{_W}styleId", ""), st.get(f"{_W}type", "")
        have[sid] = kind
        name = st.find(f"{_W}name")
        if name is not None:
            by_name.setdefault((kind, name.get(f"{_W}val", "")), sid)
        if kind == "paragraph" and st.get(f"{_W}default") in ("1", "true", "on"):
            default = sid
    ours = _xml(f'<w:styles xmlns:w="{W_NS}">{"".join(style_elements(profile))}</w:styles>')
    mapping: dict[str, str] = {"Normal": default or "Normal"}
    added = []
    for st in list(ours):
        sid, kind = st.get(f"{_W}styleId", ""), st.get(f"{_W}type", "")
        name = st.find(f"{_W}name").get(f"{_W}val", "")
        if sid == "Normal":
            continue
        if have.get(sid) == kind or (kind, name) in by_name:
            mapping[sid] = sid if have.get(sid) == kind else by_name[(kind, name)]
            continue
        mapping[sid] = sid if sid not in have else sid + "Speechgen"
        st.set(f"{_W}styleId", mapping[sid])
        added.append(st)
    for st in added:
        for link in ("basedOn", "next"):
            el = st.find(f"{_W}{link}")
            if el is not None:
                el.set(f"{_W}val", mapping.get(el.get(f"{_W}val", ""), el.get(f"{_W}val", "")))
        root.append(st)
    return _bytes(root), mapping


def _place_body(xml: bytes, paragraphs: list[str], marker: str, shown: str) -> bytes:
    """Put ``paragraphs`` where the shell's marker paragraph is, or before the final sectPr."""
    root = _xml(xml)
    body = root.find(f"{_W}body")
    new = list(_xml(f'<w:body xmlns:w="{W_NS}">{"".join(paragraphs)}</w:body>'))
    hits = [
        p for p in root.iter(f"{_W}p") if marker in "".join(t.text or "" for t in p.iter(f"{_W}t"))
    ]
    if len(hits) > 1:
        raise UserError(f"{shown}: 外壳里有 {len(hits)} 处 {{{{ body }}}}，正文只能放在一处")
    if hits:
        place = hits[0]
        if "".join(t.text or "" for t in place.iter(f"{_W}t")).strip() != marker:
            raise UserError(
                f"{shown}: 外壳里的 {{{{ body }}}} 要单独占一段（同一段里不能有别的文字）"
            )
        parent, index = place.getparent(), place.getparent().index(place)
        for offset, p in enumerate(new):
            parent.insert(index + offset, p)
        if place.find(f"{_W}pPr/{_W}sectPr") is None:
            parent.remove(place)
        else:  # the marker paragraph ends a section: keep the break, drop the marker
            for child in [c for c in place if c.tag != f"{_W}pPr"]:
                place.remove(child)
    else:
        end = len(body) - 1 if len(body) and body[-1].tag == f"{_W}sectPr" else len(body)
        for offset, p in enumerate(new):
            body.insert(end + offset, p)
    return _bytes(root)


def _merge_fonts(xml: bytes, profile: Profile) -> bytes:
    """Add the profile's fonts (with their ``w:altName``) the shell's font table lacks."""
    root = _xml(xml)
    have = {f.get(f"{_W}name") for f in root.iter(f"{_W}font")}
    for font in _xml(font_table_xml(profile)):
        if font.get(f"{_W}name") not in have:
            root.append(font)
    return _bytes(root)


def _custom_strings(xml: bytes | None) -> dict[str, str]:
    """The shell's own text-valued custom properties (kept in the draft)."""
    found: dict[str, str] = {}
    for prop in _xml(xml).iter("{*}property") if xml else ():
        value = prop.find("{*}lpwstr")
        if value is not None and prop.get("name") not in (HASH_PROPERTY, VERSION_PROPERTY):
            found[prop.get("name", "")] = value.text or ""
    return found


def _ensure_package_entries(parts: dict[str, bytes], custom: str) -> None:
    """Make content types and root relationships name the custom-properties part."""
    types = _xml(parts["[Content_Types].xml"])
    if not any(o.get("PartName") == f"/{custom}" for o in types.iter(f"{_CT}Override")):
        override = types.makeelement(
            f"{_CT}Override", {"PartName": f"/{custom}", "ContentType": CUSTOM_TYPE}
        )
        types.append(override)
    parts["[Content_Types].xml"] = _bytes(types)
    rels = _xml(parts["_rels/.rels"])
    if not any(r.get("Type") == CUSTOM_REL for r in rels):
        ids = {r.get("Id") for r in rels}
        new_id = next(f"rId{n}" for n in range(len(ids) + 100, 10_000) if f"rId{n}" not in ids)
        rels.append(
            rels.makeelement(
                f"{_PKG_REL}Relationship", {"Id": new_id, "Type": CUSTOM_REL, "Target": custom}
            )
        )
    parts["_rels/.rels"] = _bytes(rels)


_PAGE_FIELD = re.compile(rb"(?:<w:instrText[^>]*>|w:instr=\")\s*PAGE\b")


def has_page_field(parts: dict[str, bytes], main: str) -> bool:
    """True when a header or footer of the main document holds a PAGE field (a page number)."""
    folder = main.rpartition("/")[0]
    rels = parts.get(f"{folder}/_rels/{main.rpartition('/')[2]}.rels")
    for rel in _xml(rels).iter(f"{_PKG_REL}Relationship") if rels else ():
        if rel.get("Type", "").rsplit("/", 1)[-1] in ("footer", "header"):
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            if _PAGE_FIELD.search(parts.get(name, b"")):
                return True
    return False


def page_number_warning(parts: dict[str, bytes], profile: Profile, shown: str) -> str | None:
    """A warning when the profile wants page numbers but the shell's footers have none."""
    main = _related(parts, "").get("officeDocument", "word/document.xml")
    if profile.page_numbers == "none" or has_page_field(parts, main):
        return None
    return (
        f"{shown}: 外壳的页眉页脚里没有页码，稿子将没有页码。"
        "请在 Word/WPS 里打开外壳，在页脚用“插入 ▸ 页码”加上页码后再生成"
    )


def merge_into_shell(
    parts: dict[str, bytes],
    blocks: Iterable[Block],
    profile: Profile,
    meta: DocMeta,
    marker: str,
    shown: str,
) -> bytes:
    """Pour the speech into a rendered shell (its parts by name); return the .docx bytes.

    The shell keeps its page setup, headers, footers, settings and styles; the
    profile's styles are added only where the shell has no style of that id or name,
    and the body's paragraphs use the shell's style where one wins. ``marker`` is the
    text the shell's ``{{ body }}`` paragraph was rendered to.
    """
    parts = dict(parts)
    package_rels = _related(parts, "")
    main = package_rels.get("officeDocument", "word/document.xml")
    related = _related(parts, main)
    mapping: dict[str, str] = {}
    if "styles" in related and related["styles"] in parts:
        parts[related["styles"]], mapping = _merge_styles(parts[related["styles"]], profile)
    paragraphs = []
    for p in body_paragraphs(blocks, profile):
        for ours, used in mapping.items():
            p = p.replace(f'Style w:val="{ours}"', f'Style w:val="{esc(used)}"')
        paragraphs.append(p)
    parts[main] = _place_body(parts[main], paragraphs, marker, shown)
    stray = [n for n, d in parts.items() if n.endswith(".xml") and marker.encode() in d]
    if stray:
        raise UserError(f"{shown}: {{{{ body }}}} 只能单独占正文里的一段，不能放在 {stray[0]} 里")
    if "fontTable" in related and related["fontTable"] in parts:
        parts[related["fontTable"]] = _merge_fonts(parts[related["fontTable"]], profile)
    if "core-properties" in package_rels:
        parts[package_rels["core-properties"]] = core_xml(meta).encode("utf-8")
    extra = _custom_strings(
        parts.pop(package_rels.get("custom-properties", "docProps/custom.xml"), None)
    )
    _ensure_package_entries(parts, "docProps/custom.xml")
    return package(parts, extra)


# ----------------------------------------------------------------------------- docxtpl


def render_into_shell(draft: Any, meta: DocMeta) -> bytes:
    """Render ``draft`` (a :class:`speechgen.facade.Draft` with ``shell`` set) into its shell.

    Returns the finished .docx bytes; raises :class:`UserError` (Chinese) for an
    unsafe or broken shell, or a tag the brief cannot fill.
    """
    shell: Path = draft.shell
    shown = str(shell)
    data = read_shell(shell)
    marker = "SPEECHGENBODY" + secrets.token_hex(8).upper()
    context = dict(_context(draft).as_mapping(), body=marker)
    parts = render_tags(data, context, shown)
    warning = page_number_warning(parts, draft.profile, shown)
    if warning and warning not in draft.warnings:
        draft.warnings.append(warning)
    return merge_into_shell(parts, draft.blocks, draft.profile, meta, marker, shown)


def read_shell(path: Path) -> bytes:
    """Read the shell's bytes, refusing unsafe files (not a zip, .doc, encrypted, bombs, DTDs)."""
    from .safety import read_untrusted_docx

    return read_untrusted_docx(path, "Word 外壳")


def _context(draft: Any) -> Any:
    """The draft's template context, or one built from its brief and template options."""
    if draft.context is not None:
        return draft.context
    from ..speech.context import build_context
    from ..templating.rendering import merge_options

    return build_context(
        draft.brief, merge_options(draft.template, dict(draft.brief.options), None)
    )


def render_tags(data: bytes, context: dict[str, Any], shown: str) -> dict[str, bytes]:
    """Fill the shell's Jinja tags through docxtpl; return the rendered package's parts."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from ..templating.environment import (
        TemplateLimitError,
        make_xml_environment,
        xml_budget_scope,
    )
    from .wordtemplate import near_line

    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise UserError(
            f"{shown}: 打不开这个 Word 外壳（{type(exc).__name__}）：请在 Word 或 WPS 里另存为 .docx 再试"
        ) from None
    try:
        with xml_budget_scope():
            template.render(context, jinja_env=make_xml_environment(), autoescape=True)
    except TemplateLimitError as exc:
        raise UserError(f"{shown}: 外壳{near_line(data, exc.lineno)}：{exc.message}") from None
    except UserError:
        raise
    except TemplateError as exc:
        raise UserError(describe_shell_error(exc, shown)) from None
    buf = io.BytesIO()
    template.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def describe_shell_error(exc: Any, shown: str) -> str:
    """A Chinese message for a Jinja error in a shell, with the text around it when known."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    near = " ".join(s.strip() for s in getattr(exc, "docx_context", None) or () if s.strip())[:80]
    where = f"（附近的文字：{near}）" if near else ""
    if isinstance(exc, TemplateSyntaxError):
        return f"{shown}: 外壳里的模板标记写错了：{exc.message}{where}"
    if isinstance(exc, SecurityError):
        return f"{shown}: 外壳里的模板标记试图访问不允许的内容（{exc.message}），已拒绝{where}"
    if isinstance(exc, UndefinedError):
        what = _undefined_name(exc.message or "")
        return (
            f"{shown}: 外壳用到了简报里没有的内容{what}{where}。请在简报里补上，或改正外壳里的标记"
        )
    return f"{shown}: 外壳里的模板标记出错：{exc.message or type(exc).__name__}{where}"


def _undefined_name(message: str) -> str:
    """``'… object' has no attribute 'x'`` / ``'x' is undefined`` → ``：“x”``."""

    found = re.search(r"has no attribute '([^']+)'|^'([^']+)' is undefined", message)
    if found is None:
        return f"：{message}" if message else ""
    return f"：“{found.group(1) or found.group(2)}”"
