"""The heading skeleton of a speech: 一、 （一） 1. （1） at the start of paragraphs.

Heading numbers are part of the text in speechgen drafts (and in most hand-made
speeches), so the outline is read from the paragraph texts. ``1、`` is not taken as
a heading: scraped texts carry page markers of that form.

The top level may also be numbered 第一， / 一要 / 首先…其次…再次…最后 (the
outline's ``numbering``). A speech with no 一、 heading is read that way: paragraphs
opening with 第一， are its parts unless they come after its first （一）; paragraphs
opening with 一要 or 首先 are its parts when they come before its first （一） and
either read as headings (short, no sentence inside) or enclose （一） headings.
Otherwise these words number points, which :mod:`.sequences` reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document, Para
from .sequences import SeqWord, leading_word, word_text
from .text import cn_to_int, spoken_length

_CN = "[一二三四五六七八九十]{1,3}"
_LEVELS = (
    (1, re.compile(rf"^({_CN})、")),
    (2, re.compile(rf"^[（(]({_CN})[）)]")),
    (3, re.compile(r"^([0-9]{1,2})[.．](?![0-9])")),
    (4, re.compile(r"^[（(]([0-9]{1,2})[）)]")),
)
_TITLE_END = re.compile(r"[。！？；]")
_SENTENCE_INSIDE = re.compile(r"[。！？][^”’」』）)]")
HEADING_LIKE_CHARS = 40
STANDARD = "、"


@dataclass(frozen=True)
class Heading:
    """One numbered heading: the paragraph it opens, its level (1–4), number and title."""

    para: int
    level: int
    number: int
    marker: str
    title: str
    parent: int | None  # index in the outline list of the enclosing heading
    style: str = STANDARD  # 、 for 一、（一）1.（1）; 第, 要 or 首先 for a sequence-word top level


def marker_text(level: int, number: int, style: str = STANDARD) -> str:
    """How heading ``number`` at ``level`` is written: 三、 （三） 3. （3）, or 第三 / 三要 / 再次."""
    from ..speech.numerals import cn_number

    if style != STANDARD:
        return word_text(style, number)
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
    numbered = {i: match_heading(p.text) for i, p in enumerate(doc.paras)}
    top: dict[int, SeqWord] = {}
    if not any(f and f[0] == 1 for f in numbered.values()):
        second = {i for i, f in numbered.items() if f and f[0] == 2}
        top = top_sequence(doc.paras, second) or {}
    headings: list[Heading] = []
    stack: list[int] = []
    for index, para in enumerate(doc.paras):
        found = numbered[index]
        style = STANDARD
        if index in top:
            word, style = top[index], top[index].style
            found = (1, word.value, para.text.lstrip()[: word.end - _indent(para)])
        if found is None:
            continue
        level, number, marker = found
        rest = para.text.lstrip()[len(marker) :]
        end = _TITLE_END.search(rest)
        title = (rest[: end.start()] if end else rest).strip()
        while stack and headings[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        headings.append(Heading(index, level, number, marker, title, parent, style))
        stack.append(len(headings) - 1)
    return headings


def _indent(para: Para) -> int:
    """Blank characters before the paragraph's first visible character."""
    return len(para.text) - len(para.text.lstrip())


def heading_like(text: str) -> bool:
    """True for a line that reads as a standalone heading: short, no sentence inside it."""
    body = text.strip()
    return spoken_length(body) <= HEADING_LIKE_CHARS and not _SENTENCE_INSIDE.search(body)


def top_sequence(paras: list[Para], second_level: set[int]) -> dict[int, SeqWord] | None:
    """Paragraphs whose opening 第一， / 一要 / 首先 numbers the top level, by index.

    Only for a speech without 一、 headings (the caller checks). The first style, in
    document order, whose words open paragraphs before the first （一） heading and
    that either is 第一， or reads as headings or encloses （一） headings wins; None
    when no style does.
    """
    first_sub = min(second_level, default=len(paras))
    openers: dict[str, dict[int, SeqWord]] = {}
    for index, para in enumerate(paras):
        word = leading_word(para.text)
        if word is not None and word.style != "是":
            openers.setdefault(word.style, {})[index] = word
    for style, found in sorted(openers.items(), key=lambda item: min(item[1])):
        first = min(found)
        if found[first].value != 1 or first > first_sub:
            continue
        if style == "第":
            return found
        short = {i: w for i, w in found.items() if heading_like(paras[i].text)}
        if short:
            return short
        if second_level and max(second_level) > first:
            return found
    return None


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
    from ..speech.numerals import cn_number

    cuts: list[tuple[str, int, int]] = []
    if tops[0].para > 0:
        cuts.append(("开头", 0, tops[0].para))
    for i, h in enumerate(tops):
        end = tops[i + 1].para if i + 1 < len(tops) else len(doc.paras)
        if h.level == 1 and h.style == STANDARD:
            label = f"第{h.marker.rstrip('、')}部分"
        elif h.level == 1:
            label = f"第{cn_number(i + 1)}部分（{h.marker.rstrip('，,、：: ')}）"
        else:
            label = f"{h.marker}部分"
        cuts.append((label, h.para, end))
    return cuts
