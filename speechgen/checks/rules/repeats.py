"""A sentence said twice in one speech: the listener hears it again (spoken.repeat).

Sentences end with 。！？ (a closing quote stays with its sentence); a heading
number opening a paragraph is not part of its sentence. Two sentences are the same
when their spoken characters (Chinese characters, letters, digits) are; only
sentences of :data:`MIN_CHARS` or more such characters count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..outline import match_heading
from ..text import normalise, snippet
from .context import CheckContext

MIN_CHARS = 10
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』）)]*)?")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, sentence)`` for each sentence of a paragraph, its heading number left out."""
    start = 0
    found = match_heading(text)
    if found is not None:
        start = text.index(found[2]) + len(found[2])
    for m in _SENTENCE.finditer(text, start):
        if m.group(0).strip():
            yield m.start(), m.group(0)


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report each later occurrence of a sentence already said."""
    seen: dict[str, int] = {}
    for index, para in enumerate(doc.paras):
        for offset, sentence in sentences(para.text):
            key = normalise(sentence)
            if len(key) < MIN_CHARS:
                continue
            first = seen.setdefault(key, index)
            if first == index and _first_offset(doc, index, key) == offset:
                continue
            where = _where(doc, first)
            lead = len(sentence) - len(sentence.lstrip())
            yield Finding(
                "spoken.repeat",
                f"这句话{where}已经讲过，听的人会觉得重复："
                f"{snippet(para.text, offset + lead, offset + len(sentence.rstrip()), 0)}",
                index,
                offset + lead,
                length=len(sentence.strip()),
            )


def _first_offset(doc: Document, index: int, key: str) -> int:
    """Offset of the first sentence of paragraph ``index`` whose spoken text is ``key``."""
    for offset, sentence in sentences(doc.paras[index].text):
        if normalise(sentence) == key:
            return offset
    return -1


def _where(doc: Document, index: int) -> str:
    """Where the first occurrence is, as the writer counts: 第3行 (text) or ¶3 (Word, brief)."""
    number = doc.paras[index].number
    return f"在第{number}行" if doc.kind == "text" else f"在¶{number}"
