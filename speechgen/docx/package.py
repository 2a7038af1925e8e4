"""The .docx package around the document: parts list, relationships, properties, zip.

Part of the writer layer (with :mod:`speechgen.writer`): it knows OOXML package
structure, content types and the custom property that records what speechgen wrote
(:data:`HASH_PROPERTY`, a hash of the ``word/`` parts), which
:mod:`speechgen.output` reads back to tell an untouched draft from an edited one.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import zipfile
from dataclasses import dataclass

from ..version import __version__
from . import ns

HASH_PROPERTY = "speechgen.content_sha256"
VERSION_PROPERTY = "speechgen.version"
# Set on documents that hold people's text (update and annotate results): render never
# overwrites them without --force.
PEOPLE_PROPERTY = "speechgen.people_text"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = ns.REL_CUSTOM


@dataclass(frozen=True)
class DocMeta:
    """Document properties written to docProps (title, author, subject, keywords)."""

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""


def esc(text: str) -> str:
    """Escape text for XML character data and attribute values."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{ns.CONTENT_TYPES}">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
)
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
REL = ns.R
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{ns.PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{ns.REL_CORE}" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
)


def core_xml(meta: DocMeta) -> str:
    """``docProps/core.xml`` with title, author and timestamps."""
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<cp:coreProperties xmlns:cp="{ns.CORE}" '
        f'xmlns:dc="{ns.DC}" xmlns:dcterms="{ns.DCTERMS}" '
        f'xmlns:xsi="{ns.XSI}">'
        f"<dc:title>{esc(meta.title)}</dc:title><dc:subject>{esc(meta.subject)}</dc:subject>"
        f"<dc:creator>{esc(meta.author)}</dc:creator><cp:keywords>{esc(meta.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>speechgen</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Properties xmlns="{ns.EXTENDED}">'
    f"<Application>speechgen {__version__}</Application></Properties>"
)


def custom_xml(properties: dict[str, str]) -> str:
    """``docProps/custom.xml`` with string properties."""
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{esc(k)}">'
        f"<vt:lpwstr>{esc(v)}</vt:lpwstr></property>"
        for i, (k, v) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{ns.CUSTOM}" '
        f'xmlns:vt="{ns.VT}">{items}</Properties>'
    )


def content_hash(parts: dict[str, bytes]) -> str:
    """SHA-256 over the parts under ``word/``: changes whenever a person edits the draft."""
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name.startswith("word/"):
            digest.update(name.encode() + b"\0" + parts[name] + b"\0")
    return digest.hexdigest()


def package(parts: dict[str, bytes], extra_properties: dict[str, str] | None = None) -> bytes:
    """Zip ``parts`` (plus custom.xml carrying the content hash) into .docx bytes."""
    props = {HASH_PROPERTY: content_hash(parts), VERSION_PROPERTY: __version__}
    props.update(extra_properties or {})
    all_parts = dict(parts)
    all_parts["docProps/custom.xml"] = custom_xml(props).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        order = ["[Content_Types].xml", "_rels/.rels"]
        for name in order + sorted(n for n in all_parts if n not in order):
            zf.writestr(name, all_parts[name])
    return buf.getvalue()


def stamp_content_hash(data: bytes, extra: dict[str, str] | None = None) -> bytes:
    """Add speechgen's content-hash (and version) custom properties to a .docx package.

    ``extra`` adds further string properties (:data:`PEOPLE_PROPERTY`).

    Keeps the document's own custom properties; adds the custom.xml part, its content
    type and its package relationship when the document has none.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        order = zf.namelist()
        parts = {n: zf.read(n) for n in order}
    props = _custom_properties(parts.get("docProps/custom.xml"))
    props.update({HASH_PROPERTY: content_hash(parts), VERSION_PROPERTY: __version__})
    props.update(extra or {})
    if "docProps/custom.xml" not in parts:
        order.append("docProps/custom.xml")
        types = parts["[Content_Types].xml"].decode("utf-8")
        if "/docProps/custom.xml" not in types:
            override = f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"/>'
            parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode(
                "utf-8"
            )
        rels = parts["_rels/.rels"].decode("utf-8")
        if CUSTOM_REL not in rels:
            rel = f'<Relationship Id="rIdSpeechgenCustom" Type="{CUSTOM_REL}" Target="docProps/custom.xml"/>'
            parts["_rels/.rels"] = rels.replace(
                "</Relationships>", rel + "</Relationships>"
            ).encode("utf-8")
    parts["docProps/custom.xml"] = custom_xml(props).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            zf.writestr(name, parts[name])
    return buf.getvalue()


def _custom_properties(xml: bytes | None) -> dict[str, str]:
    """The string custom properties already in a document (others are dropped)."""
    if not xml:
        return {}
    from xml.etree import ElementTree as ET  # the standard library: render never loads lxml

    root = ET.fromstring(xml)
    found = {}
    for prop in root:
        name = prop.get("name")
        values = [c.text or "" for c in prop if c.tag.endswith("}lpwstr")]
        if name and values:
            found[name] = values[0]
    return found
