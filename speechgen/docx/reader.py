"""Read a Word draft as the leader left it: tracked changes applied, comments noted.

Inserted text (``w:ins``, ``w:moveTo``) counts as present and deleted text
(``w:del``/``w:delText``, ``w:moveFrom``) as gone, as if every revision were
accepted. Paragraphs with pending revisions and unresolved comments become
``revision.*`` findings. Only the standard library is used: the file first passes
:func:`speechgen.docxsafe.read_untrusted_docx` (zip bombs, DTDs, .doc refused).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

from ..checks.model import Document, Finding, Para
from ..errors import UserError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DELETED = {W + "del", W + "moveFrom"}
_REVISIONS = {W + "ins": "插入", W + "del": "删除", W + "moveTo": "移入", W + "moveFrom": "移出",
              W + "rPrChange": "格式修改", W + "pPrChange": "格式修改"}  # fmt: skip
_SKIP = {W + "txbxContent", MC_FALLBACK, W + "instrText", W + "delInstrText"}
QUOTE = 30


def read_docx(path: Path, label: str) -> Document:
    """Read a .docx file from disk."""
    from .safety import read_untrusted_docx

    return document_from_bytes(read_untrusted_docx(path, "讲话稿"), label)


def document_from_bytes(data: bytes, label: str) -> Document:
    """Build the document from .docx bytes; raise :class:`UserError` if it is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            body_xml = archive.read("word/document.xml")
            comments_xml = (
                archive.read("word/comments.xml") if "word/comments.xml" in names else None
            )
            extended = "word/commentsExtended.xml"
            extended_xml = archive.read(extended) if extended in names else None
        root = ET.fromstring(body_xml)
        comments = _comments(comments_xml, extended_xml)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as exc:
        raise UserError(f"{label}: Word 文件已损坏，无法读取（{exc}）") from None
    body = root.find(W + "body")
    doc = Document(label, "docx", [])
    if body is None:
        return doc
    for number, p in enumerate(_paragraphs(body), start=1):
        parts: list[str] = []
        _collect(p, parts, deleted=False)
        doc.paras.append(Para(number, "".join(parts)))
        doc.notes.extend(_notes(p, len(doc.paras) - 1, comments))
    return doc


def _paragraphs(element: ET.Element) -> Iterator[ET.Element]:
    """Every ``w:p`` in document order (tables included), not descending into text boxes."""
    for child in element:
        if child.tag == W + "p":
            yield child
        elif child.tag not in _SKIP:
            yield from _paragraphs(child)


def _collect(element: ET.Element, out: list[str], *, deleted: bool) -> None:
    """Append the visible text under ``element``: deleted runs skipped, inserted kept."""
    for child in element:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            if not deleted:
                out.append(child.text or "")
        elif tag == W + "tab":
            if not deleted:
                out.append("\t")
        elif tag == W + "noBreakHyphen":
            if not deleted:
                out.append("-")
        elif tag != W + "delText":
            _collect(child, out, deleted=deleted or tag in _DELETED)


def _comments(comments_xml: bytes | None, extended_xml: bytes | None) -> dict[str, tuple[str, str]]:
    """Unresolved comments by id: ``{id: (author, text)}`` (resolved ones are left out)."""
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
        if paras and paras[-1].get(W14 + "paraId") in done:
            continue
        text = "".join(t.text or "" for t in comment.iter(W + "t")).strip()
        result[comment.get(W + "id") or ""] = (comment.get(W + "author") or "", text)
    return result


def _notes(p: ET.Element, index: int, comments: dict[str, tuple[str, str]]) -> Iterator[Finding]:
    """Pending revisions and comments anchored in paragraph ``p``."""
    counts: dict[str, int] = {}
    authors: list[str] = []
    for element in p.iter():
        kind = _REVISIONS.get(element.tag)
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
            author = element.get(W + "author")
            if author and author not in authors:
                authors.append(author)
    if counts:
        summary = "、".join(f"{kind}{n}处" for kind, n in counts.items())
        who = f"（修订人：{'、'.join(authors)}）" if authors else ""
        yield Finding("revision.pending", f"有未处理的修订：{summary}{who}；已按接受全部修订后的文字检查",
                      index, 0)  # fmt: skip
    for ref in p.iter(W + "commentReference"):
        found = comments.get(ref.get(W + "id") or "")
        if found is None:
            continue
        author, text = found
        shown = text if len(text) <= QUOTE else text[:QUOTE] + "…"
        yield Finding(
            "revision.comment", f"批注{f'（{author}）' if author else ''}：“{shown}”", index, 0
        )
