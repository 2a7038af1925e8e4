"""What speechgen generated, kept inside the .docx as a custom XML part.

``speechgen update`` must tell a person's edits from speechgen's own text, so every
draft speechgen writes carries the paragraphs it generated (with block kind and
heading level), the brief's hash and where it was, the template (name, origin and a
digest of its files), the profile, the shell, the seed and the render settings given
on the command line. The part is a standard custom XML data part
(``customXml/itemN.xml`` with its ``itemPropsN.xml``, related from the main document),
which Word and WPS keep when they save the file.

This module builds that XML, puts it into a package (replacing an older one), and
reads it back (:func:`read_record`, through the one reader).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from . import ns
from .reader import read_docx_bytes

NS = ns.SPEECHGEN_GENERATED
FORMAT = "1"
_PKG_REL_NS = ns.PKG_REL
_CUSTOM_XML_REL = ns.REL_CUSTOM_XML
_CUSTOM_XML_PROPS_REL = ns.REL_CUSTOM_XML_PROPS
_DS_NS = ns.CUSTOM_XML_DATASTORE
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_REL_ID = "rIdSpeechgenGenerated"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class GeneratedPara:
    """One paragraph speechgen wrote: its kind, heading level (0 if none) and text.

    Kinds: ``title``, ``subtitle``, ``byline``, ``salutation``, ``heading``,
    ``paragraph``, ``blank`` (an empty spacing line), ``document`` (a paragraph of a
    shell or Word template around the speech).
    """

    kind: str
    level: int
    text: str


@dataclass
class GeneratedRecord:
    """Everything needed to re-render a draft and compare it with what it was."""

    paragraphs: list[GeneratedPara]
    brief_name: str = ""
    brief_path: str = ""
    brief_sha256: str = ""
    template: str = ""
    template_origin: str = ""
    template_digest: str = ""
    profile: str = ""
    shell: str = ""
    seed: int | None = None
    settings: dict[str, str] = field(default_factory=dict)
    speechgen_version: str = ""


def record_xml(record: GeneratedRecord) -> bytes:
    """The part's XML for ``record``."""
    ET.register_namespace("sg", NS)

    def q(name: str) -> str:
        return f"{{{NS}}}{name}"

    root = ET.Element(q("generated"), {"format": FORMAT, "speechgen": record.speechgen_version})
    brief = {"name": record.brief_name, "path": record.brief_path, "sha256": record.brief_sha256}
    ET.SubElement(root, q("brief"), brief)
    template = {
        "name": record.template,
        "origin": record.template_origin,
        "digest": record.template_digest,
    }
    ET.SubElement(root, q("template"), template)
    ET.SubElement(root, q("profile"), {"name": record.profile})
    ET.SubElement(root, q("shell"), {"path": record.shell})
    ET.SubElement(root, q("seed"), {"value": "" if record.seed is None else str(record.seed)})
    settings = ET.SubElement(root, q("settings"))
    for key, value in sorted(record.settings.items()):
        ET.SubElement(settings, q("setting"), {"name": key, "value": value})
    paras = ET.SubElement(root, q("paragraphs"))
    for para in record.paragraphs:
        el = ET.SubElement(paras, q("p"), {"kind": para.kind, "level": str(para.level)})
        el.text = para.text
    return _DECLARATION + ET.tostring(root, encoding="unicode").encode()


def parse_record(xml: bytes) -> GeneratedRecord | None:
    """The record in a part's XML, or None when the XML is not speechgen's."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        return None
    if root.tag != f"{{{NS}}}generated":
        return None

    def attr(name: str, key: str) -> str:
        el = root.find(f"{{{NS}}}{name}")
        return el.get(key, "") if el is not None else ""

    seed = attr("seed", "value")
    paragraphs = [
        GeneratedPara(p.get("kind", "paragraph"), int(p.get("level", "0") or 0), p.text or "")
        for p in root.iter(f"{{{NS}}}p")
    ]
    settings = {s.get("name", ""): s.get("value", "") for s in root.iter(f"{{{NS}}}setting")}
    return GeneratedRecord(
        paragraphs=paragraphs,
        brief_name=attr("brief", "name"),
        brief_path=attr("brief", "path"),
        brief_sha256=attr("brief", "sha256"),
        template=attr("template", "name"),
        template_origin=attr("template", "origin"),
        template_digest=attr("template", "digest"),
        profile=attr("profile", "name"),
        shell=attr("shell", "path"),
        seed=int(seed) if seed.lstrip("-").isdigit() else None,
        settings=settings,
        speechgen_version=root.get("speechgen", ""),
    )


def read_record(data: bytes, label: str = "讲话稿") -> GeneratedRecord | None:
    """The generated record of a .docx, or None when it has none (or not a readable one)."""
    for xml in read_docx_bytes(data, label).custom_xml_parts().values():
        record = parse_record(xml)
        if record is not None:
            return record
    return None


# ----------------------------------------------------------------------------- embedding


def _main_part(parts: dict[str, bytes]) -> str:
    """The main document part's name (``word/document.xml`` as a rule)."""
    root = ET.fromstring(parts["_rels/.rels"])
    for rel in root.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _ours(parts: dict[str, bytes]) -> str | None:
    """The name of speechgen's existing custom XML item, if the package has one."""
    for name in sorted(parts):
        if re.fullmatch(r"customXml/item\d+\.xml", name) and parse_record(parts[name]) is not None:
            return name
    return None


def embed(data: bytes, record: GeneratedRecord) -> bytes:
    """``data`` (a .docx) with ``record`` as its generated part (an older one replaced).

    The caller stamps the content hash afterwards: the main document's relationships
    change when the part is first added.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        order = zf.namelist()
        parts = {n: zf.read(n) for n in order}
    xml = record_xml(record)
    existing = _ours(parts)
    if existing is not None:
        parts[existing] = xml
    else:
        n = 1
        while f"customXml/item{n}.xml" in parts or f"customXml/itemProps{n}.xml" in parts:
            n += 1
        item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
        parts[item] = xml
        parts[props] = _item_props()
        parts[f"customXml/_rels/item{n}.xml.rels"] = _item_rels(n)
        _relate(parts, item)
        _content_type(parts, props)
        order += [item, props, f"customXml/_rels/item{n}.xml.rels"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in order:
            zf.writestr(name, parts[name])
    return buf.getvalue()


def _item_props() -> bytes:
    """``itemPropsN.xml``: the datastore item id and the schema the item uses."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{str(uuid.uuid4()).upper()}}}" xmlns:ds="{_DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


def _item_rels(n: int) -> bytes:
    """``customXml/_rels/itemN.xml.rels``: the item points at its properties."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{_CUSTOM_XML_PROPS_REL}" Target="itemProps{n}.xml"/></Relationships>'
    ).encode()


def _relate(parts: dict[str, bytes], item: str) -> None:
    """Relate the main document part to ``item`` (creating its rels part if needed)."""
    main = _main_part(parts)
    rels_name = _rels_name(main)
    xml = parts.get(rels_name, b"").decode("utf-8")
    if "</Relationships>" not in xml:
        xml = _DECLARATION.decode() + f'<Relationships xmlns="{_PKG_REL_NS}"></Relationships>'
    ids = set(re.findall(r'Id="([^"]+)"', xml))
    rel_id, n = _REL_ID, 2
    while rel_id in ids:
        rel_id, n = f"{_REL_ID}{n}", n + 1
    target = "../" * main.count("/") + item
    rel = f'<Relationship Id="{rel_id}" Type="{_CUSTOM_XML_REL}" Target="{target}"/>'
    parts[rels_name] = xml.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


def _content_type(parts: dict[str, bytes], props: str) -> None:
    """Declare the item properties part's content type (``.xml`` items use the default)."""
    xml = parts["[Content_Types].xml"].decode("utf-8")
    add = f'<Override PartName="/{props}" ContentType="{_PROPS_TYPE}"/>'
    if not re.search(r'<Default[^>]*Extension="xml"', xml, re.IGNORECASE):
        item = props.replace("itemProps", "item")
        add += f'<Override PartName="/{item}" ContentType="application/xml"/>'
    parts["[Content_Types].xml"] = xml.replace("</Types>", add + "</Types>").encode("utf-8")
