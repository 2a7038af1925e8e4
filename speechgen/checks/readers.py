"""Turn an input file into a :class:`~speechgen.checks.model.Document`.

Plain text (.txt/.md) is read with the standard library only; a brief (.yaml) is
rendered in memory by the facade, which hands the paragraphs here; a Word draft goes through :mod:`speechgen.docx.reader`.
None of these import python-docx, docxtpl or lxml, so ``check`` on text starts fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..brief.files import is_regular_file, read_user_file
from ..errors import UserError
from .model import Document, Finding, Para

if TYPE_CHECKING:
    from ..docx.reader import Comment, ReadDraft, ReadParagraph

BRIEF_SUFFIXES = (".yaml", ".yml")
QUOTE = 30
MAX_TEXT_BYTES = 20_000_000
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+)?(?:\*\*|__)?")


def read_document(path: Path, label: str, encoding: str | None) -> Document:
    """Read any supported input; raise :class:`UserError` when it cannot be read."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise UserError(f"{label}: 这是一个文件夹，请给出要检查的文件")
    if not path.exists():
        raise UserError(f"{label}: 找不到这个文件，请检查路径")
    if not is_regular_file(path):
        read_user_file(path, shown=label, noun="要检查的文件", limit=MAX_TEXT_BYTES)  # refuses it
    if suffix == ".doc":
        raise UserError(f"{label}: 不支持旧的 .doc 格式，请在 Word 中另存为 .docx 再检查")
    if suffix == ".docx":
        from ..docx.reader import read_docx_file

        return document_from_draft(read_docx_file(path, label), label)
    if suffix in BRIEF_SUFFIXES:
        raise UserError(f"{label}: 简报要先渲染才能检查")  # the facade renders briefs first
    return read_text(path, label, encoding, markdown=suffix in (".md", ".markdown"))


def decode(data: bytes, label: str, encoding: str | None) -> str:
    """Decode file bytes (UTF-8 by default, a BOM is accepted) with a Chinese error."""
    name = encoding or "utf-8-sig"
    try:
        return data.decode(name)
    except LookupError:
        raise UserError(f"不认识的编码“{encoding}”，常用的有 utf-8、gb18030") from None
    except UnicodeDecodeError as exc:
        hint = "，请用 --encoding gb18030 等指定文件的编码" if encoding is None else ""
        raise UserError(
            f"{label}: 不能按 {encoding or 'UTF-8'} 编码读取（第 {exc.start + 1} 个字节出错）{hint}"
        ) from None


def read_text(path: Path, label: str, encoding: str | None, *, markdown: bool = False) -> Document:
    """A .txt/.md file: one paragraph per line, numbered by line; Markdown markers dropped."""
    data = read_user_file(path, shown=label, noun="要检查的文本文件", limit=MAX_TEXT_BYTES)
    if b"\x00" in data[:4096] and encoding is None:
        raise UserError(
            f"{label}: 看起来不是文本文件（可能是 UTF-16 或二进制文件），请用 --encoding 指定编码"
        )
    text = decode(data, label, encoding)
    paras = []
    for number, line in enumerate(text.splitlines(), start=1):
        base = 0
        if markdown:
            m = _MD_PREFIX.match(line)
            base = m.end() if m else 0
        paras.append(Para(number, line[base:], base))
    return Document(label, "text", paras)


def paragraphs_document(paragraphs: list[str], label: str, brief: object = None) -> Document:
    """A document made from paragraph texts already in memory (``render``'s summary)."""
    return Document(
        label, "brief", [Para(i, t) for i, t in enumerate(paragraphs, start=1)], brief=brief
    )


def document_from_draft(draft: ReadDraft, label: str, kind: str = "docx") -> Document:
    """A Word draft as numbered paragraphs, with its pending revisions and comments as notes."""
    doc = Document(label, kind, [])
    for index, para in enumerate(draft.paragraphs):
        doc.paras.append(Para(index + 1, para.text))
        doc.notes.extend(_notes(para, index, draft.comments))
    return doc


def _notes(para: ReadParagraph, index: int, comments: dict[str, Comment]) -> Iterator[Finding]:
    """Pending revisions and unresolved comments anchored in one paragraph."""
    if para.revisions:
        summary = "、".join(f"{kind}{n}处" for kind, n in para.revisions.items())
        authors = para.revision_authors
        who = f"（修订人：{'、'.join(authors)}）" if authors else ""
        yield Finding(
            "revision.pending",
            f"有未处理的修订：{summary}{who}；已按接受全部修订后的文字检查",
            index,
            0,
        )
    for cid in para.comment_ids:
        comment = comments.get(cid)
        if comment is None or comment.resolved:
            continue
        text = comment.text
        shown = text if len(text) <= QUOTE else text[:QUOTE] + "…"
        who = f"（{comment.author}）" if comment.author else ""
        yield Finding("revision.comment", f"批注{who}：“{shown}”", index, 0)
