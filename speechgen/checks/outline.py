"""The heading skeleton of a speech: 一、 （一） 1. （1） at the start of paragraphs.

Heading numbers are part of the text in speechgen drafts (and in most hand-made
speeches), so the outline is read from the paragraph texts. ``1、`` is not taken as
a heading: scraped texts carry page markers of that form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document
from .text import cn_to_int

_CN = "[一二三四五六七八九十]{1,3}"
_LEVELS = (
    (1, re.compile(rf"^({_CN})、")),
    (2, re.compile(rf"^[（(]({_CN})[）)]")),
    (3, re.compile(r"^([0-9]{1,2})[.．](?![0-9])")),
    (4, re.compile(r"^[（(]([0-9]{1,2})[）)]")),
)
_TITLE_END = re.compile(r"[。！？；]")


@dataclass(frozen=True)
class Heading:
    """One numbered heading: the paragraph it opens, its level (1–4), number and title."""

    para: int
    level: int
    number: int
    marker: str
    title: str
    parent: int | None  # index in the outline list of the enclosing heading


def marker_text(level: int, number: int) -> str:
    """How heading ``number`` at ``level`` is written: 三、 （三） 3. （3）."""
    from ..speech.numerals import cn_number

    if level == 1:
        return f"{cn_number(number)}、"
    if level == 2:
        return f"（{cn_number(number)}）"
    return f"{number}." if level == 3 else f"（{number}）"


def match_heading(text: str) -> tuple[int, int, str] | None:
    """``(level, number, marker)`` when ``text`` starts with a heading number."""
    stripped = text.lstrip()
    for level, pattern in _LEVELS:
        m = pattern.match(stripped)
        if m:
            value = cn_to_int(m.group(1)) if level <= 2 else int(m.group(1))
            if value:
                return level, value, m.group(0)
    return None


def build_outline(doc: Document) -> list[Heading]:
    """All headings of ``doc`` in order, each linked to its enclosing heading."""
    headings: list[Heading] = []
    stack: list[int] = []
    for index, para in enumerate(doc.paras):
        found = match_heading(para.text)
        if found is None:
            continue
        level, number, marker = found
        rest = para.text.lstrip()[len(marker) :]
        end = _TITLE_END.search(rest)
        title = (rest[: end.start()] if end else rest).strip()
        while stack and headings[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        headings.append(Heading(index, level, number, marker, title, parent))
        stack.append(len(headings) - 1)
    return headings


def sibling_groups(headings: list[Heading]) -> list[list[Heading]]:
    """Headings grouped by (parent, level), each group in document order."""
    groups: dict[tuple[int | None, int], list[Heading]] = {}
    for h in headings:
        groups.setdefault((h.parent, h.level), []).append(h)
    return list(groups.values())


def parts(doc: Document, headings: list[Heading]) -> list[tuple[str, int, int]]:
    """The speech cut at its top-level headings: ``(label, first para, end para)``.

    The paragraphs before the first top-level heading are the opening (开头).
    """
    tops = [h for h in headings if h.level == min((x.level for x in headings), default=1)]
    if not tops:
        return [("全文", 0, len(doc.paras))]
    cuts: list[tuple[str, int, int]] = []
    if tops[0].para > 0:
        cuts.append(("开头", 0, tops[0].para))
    for i, h in enumerate(tops):
        end = tops[i + 1].para if i + 1 < len(tops) else len(doc.paras)
        label = f"第{h.marker.rstrip('、')}部分" if h.level == 1 else f"{h.marker}部分"
        cuts.append((label, h.para, end))
    return cuts
