"""The one .docx reader: a draft as the leader left it, in speechgen's own vocabulary.

Inserted text (``w:ins``, ``w:moveTo``) counts as present and deleted text
(``w:del``/``w:delText``, ``w:moveFrom``) as gone, as if every revision were accepted;
a paragraph whose mark is a tracked deletion runs on into the next one, as when Word
accepts it (:func:`paragraph_groups`).
A line break (``w:br``) reads as ``\\n``, a tab as ``\\t``, a non-breaking hyphen as
``-``. Comments, custom properties and core properties are read too. Render's own
verification, ``check`` and ``update`` all read drafts through here. Only the
standard library is used; files from disk first pass
:func:`speechgen.docx.safety.read_untrusted_docx` (zip bombs, DTDs, .doc refused).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..errors import UserError
from . import ns

W = ns.tag(ns.W, "")
W14 = ns.tag(ns.W14, "")
W15 = ns.tag(ns.W15, "")
MC_FALLBACK = ns.tag(ns.MC, "Fallback")
_DELETED = {W + "del", W + "moveFrom"}
REVISION_KINDS = {
    W + "ins": "插入",
    W + "del": "删除",
    W + "moveTo": "移入",
    W + "moveFrom": "移出",
    W + "rPrChange": "格式修改",
    W + "pPrChange": "格式修改",
}
_SKIP = {W + "txbxContent", MC_FALLBACK, W + "instrText", W + "delInstrText"}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


@dataclass(frozen=True)
class Comment:
    """A Word comment: who wrote it, what it says, and whether it is marked done."""

    id: str
    author: str
    text: str
    resolved: bool = False


@dataclass
class ReadParagraph:
    """One paragraph: its accepted text and the pending revisions and comments in it."""

    text: str
    revisions: dict[str, int] = field(default_factory=dict)
    revision_authors: list[str] = field(default_factory=list)
    comment_ids: list[str] = field(default_factory=list)


@dataclass
class ReadDraft:
    """Everything speechgen reads from a .docx."""

    paragraphs: list[ReadParagraph]
    comments: dict[str, Comment]
    custom_properties: dict[str, str]
    core_properties: dict[str, str]
    parts: dict[str, bytes] = field(default_factory=dict, repr=False)

    def texts(self) -> list[str]:
        """The accepted text of every paragraph, in document order."""
        return [p.text for p in self.paragraphs]

    def custom_xml_parts(self) -> dict[str, bytes]:
        """The custom XML data parts (``customXml/itemN.xml``) by part name."""
        return {
            name: data
            for name, data in self.parts.items()
            if name.startswith("customXml/item") and "Props" not in name and name.endswith(".xml")
        }


def read_docx_file(path: Path, label: str) -> ReadDraft:
    """Read a .docx file from disk, refusing unsafe packages first."""
    from .safety import read_untrusted_docx

    return read_docx_bytes(read_untrusted_docx(path, "讲话稿"), label)


def read_docx_bytes(data: bytes, label: str) -> ReadDraft:
    """Read .docx bytes; raise :class:`UserError` if the package is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        body_root = ET.fromstring(parts["word/document.xml"])
        comments = _comments(parts.get("word/comments.xml"), parts.get("word/commentsExtended.xml"))
        custom = _custom_properties(parts.get("docProps/custom.xml"))
        core = _core_properties(parts.get("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as exc:
        raise UserError(f"{label}: Word 文件已损坏，无法读取（{exc}）") from None
    body = body_root.find(W + "body")
    paragraphs = [] if body is None else [_paragraph(g) for g in paragraph_groups(body)]
    return ReadDraft(paragraphs, comments, custom, core, parts)


def paragraph_groups(body: Any) -> list[list[Any]]:
    """The paragraphs a reader sees, each as the ``w:p`` elements it is made of.

    Usually one element each; a paragraph whose mark is a tracked deletion
    (``w:pPr/w:rPr/w:del``) runs on into the next one. Works on ElementTree and lxml
    trees alike, so ``update`` and ``check --annotate`` (which edit with lxml) count
    paragraphs and characters exactly as ``check`` does.
    """
    groups: list[list[Any]] = []
    pending: list[Any] = []
    for p in _paragraphs(body):
        pending.append(p)
        if not mark_deleted(p):
            groups.append(pending)
            pending = []
    if pending:
        groups.append(pending)
    return groups


def mark_deleted(p: Any) -> bool:
    """True when the paragraph mark of ``p`` is a tracked deletion (or a move away)."""
    ppr = p.find(W + "pPr")
    rpr = ppr.find(W + "rPr") if ppr is not None else None
    return rpr is not None and any(c.tag in _DELETED for c in rpr)


def element_text(element: Any) -> str:
    """The text ``element`` (a run, a paragraph…) shows with every revision accepted."""
    parts: list[str] = []
    _collect(element, parts, deleted=element.tag in _DELETED)
    return "".join(parts)


def _paragraphs(element: Any) -> Iterator[Any]:
    """Every ``w:p`` in document order (tables included), not descending into text boxes."""
    for child in element:
        if child.tag == W + "p":
            yield child
        elif child.tag not in _SKIP:
            yield from _paragraphs(child)


def _paragraph(group: list[Any]) -> ReadParagraph:
    """The accepted text of a paragraph with its pending revisions and comment anchors."""
    parts: list[str] = []
    for p in group:
        _collect(p, parts, deleted=False)
    read = ReadParagraph("".join(parts))
    for element in (el for p in group for el in p.iter()):
        kind = REVISION_KINDS.get(element.tag)
        if kind:
            read.revisions[kind] = read.revisions.get(kind, 0) + 1
            author = element.get(W + "author")
            if author and author not in read.revision_authors:
                read.revision_authors.append(author)
        elif element.tag == W + "commentReference":
            read.comment_ids.append(element.get(W + "id") or "")
    return read


def _collect(element: Any, out: list[str], *, deleted: bool) -> None:
    """Append the visible text under ``element``: deleted runs skipped, inserted kept."""
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            if not deleted:
                out.append(child.text or "")
        elif tag in _CHARS:
            if not deleted:
                out.append(_CHARS[tag])
        elif tag != W + "delText":
            _collect(child, out, deleted=deleted or tag in _DELETED)


def _comments(comments_xml: bytes | None, extended_xml: bytes | None) -> dict[str, Comment]:
    """Every comment by id, with ``resolved`` set from ``commentsExtended``."""
    if comments_xml is None:
        return {}
    done: set[str] = set()
    if extended_xml is not None:
        for ex in ET.fromstring(extended_xml).iter(W15 + "commentEx"):
            if ex.get(W15 + "done") == "1":
                done.add(ex.get(W15 + "paraId") or "")
    result = {}
    for comment in ET.fromstring(comments_xml).iter(W + "comment"):
        paras = comment.findall(W + "p")
        resolved = bool(paras) and paras[-1].get(W14 + "paraId") in done
        text = "".join(t.text or "" for t in comment.iter(W + "t")).strip()
        cid = comment.get(W + "id") or ""
        result[cid] = Comment(cid, comment.get(W + "author") or "", text, resolved)
    return result


def _custom_properties(xml: bytes | None) -> dict[str, str]:
    """Custom document properties by name (their text values)."""
    if xml is None:
        return {}
    result = {}
    for prop in ET.fromstring(xml):
        name = prop.get("name")
        if name:
            result[name] = "".join(prop.itertext())
    return result


def _core_properties(xml: bytes | None) -> dict[str, str]:
    """The text of each element of ``docProps/core.xml`` by local name (``title``, ``creator`` …)."""
    if xml is None:
        return {}
    return {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in ET.fromstring(xml)}
