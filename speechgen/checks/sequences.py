"""Sequence words that number parts and points: 一是, 一要, 第一，, 首先…其次…再次…最后.

A speech numbers its top level 一、 / 第一， / 一要 / 首先 and its second level
（一） / 一是 / 一要 / 首先 (DESIGN.md §2). The heading numbers 一、 （一） are read
by :mod:`.outline`; this module reads the sequence words, which may open a
paragraph or run inside one, and says whether a run of them is in order.

Each word belongs to a *style*: ``是`` (一是、二是), ``要`` (一要、二要), ``第``
(第一，第二，) and ``首先`` (首先、其次、再次、最后). Its value counts from 1;
最后 has the value :data:`LAST`, which may follow any earlier word of its style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .text import cn_to_int

LAST = 99
STYLES = ("是", "要", "第", "首先")
FIRST_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": LAST}
_WORD_OF = {value: word for word, value in FIRST_WORDS.items()}
_CN = "[一二三四五六七八九十]{1,2}"
# A sequence word opens the text or follows a mark that ends a clause or a quote.
_BEFORE = r"(?:^|(?<=[，。；：、！？\s“]))"
_PATTERNS = {
    "是": re.compile(_BEFORE + rf"({_CN})是"),
    "要": re.compile(_BEFORE + rf"({_CN})要"),
    "第": re.compile(_BEFORE + rf"第({_CN})(?:[，,、：:])"),
    # 再次 (again) and 最后 (the last…) are sequence words only before a comma.
    "首先": re.compile(_BEFORE + r"(首先|其次|(?:再次|最后)(?=[，,]))[，,]?"),
}


@dataclass(frozen=True)
class SeqWord:
    """One sequence word found in a text: its style, value, span and spelling."""

    style: str
    value: int
    start: int
    end: int
    text: str


def word_text(style: str, value: int) -> str:
    """How the word of ``value`` is written in ``style``: 三是, 三要, 第三, 再次, 最后."""
    from ..speech.numerals import cn_number

    if style == "首先":
        return _WORD_OF.get(value, "最后")
    if style == "第":
        return f"第{cn_number(value)}"
    return f"{cn_number(value)}{style}"


def find_words(text: str, style: str) -> list[SeqWord]:
    """Every sequence word of ``style`` in ``text``, in order."""
    found = []
    for m in _PATTERNS[style].finditer(text):
        word = m.group(1)
        value = FIRST_WORDS[word] if style == "首先" else cn_to_int(word)
        if value:
            found.append(SeqWord(style, value, m.start(), m.end(), m.group(0)))
    return found


def leading_word(text: str) -> SeqWord | None:
    """The sequence word that opens ``text`` (leading blanks ignored), if any."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for style in STYLES:
        words = find_words(stripped, style)
        if words and words[0].start == 0:
            w = words[0]
            return SeqWord(style, w.value, w.start + offset, w.end + offset, w.text)
    return None


def first_run(text: str) -> list[SeqWord]:
    """The words of the first run in ``text`` that starts at 1 (一是, 一要, 第一, 首先).

    The style is that of the earliest first word; the run holds every later word of
    that style. Empty when no style starts at 1 in ``text``.
    """
    best: list[SeqWord] = []
    for style in STYLES:
        words = find_words(text, style)
        starts = [i for i, w in enumerate(words) if w.value == 1]
        if starts and (not best or words[starts[0]].start < best[0].start):
            best = words[starts[0] :]
    return best


def run_count(words: list[SeqWord]) -> int:
    """How many items a run numbers: its highest value (一是…三是 → 3), 最后 counting one more."""
    count = 0
    for w in words:
        count = count + 1 if w.value == LAST else max(count, w.value)
    return count


def order_problems(words: list[SeqWord]) -> Iterator[tuple[SeqWord, str]]:
    """Gaps, repeats and reversals in a run of one style that starts at its first word.

    A word of value 1 starts a new run (two lists in one paragraph). 最后 may follow
    any earlier word; a word after 最后 is out of order. Yields the word and a
    Chinese description of the problem.
    """
    previous = 0
    for w in words:
        if w.value == 1:
            previous = 1
            continue
        if previous == LAST:
            yield w, f"“{w.text}”排在“最后”之后"
        elif w.value == LAST:
            pass
        elif w.value == previous:
            yield w, f"“{word_text(w.style, w.value)}”重复了"
        elif w.value > previous + 1:
            missing = word_text(w.style, previous + 1)
            yield w, f"“{word_text(w.style, w.value)}”前面缺少“{missing}”"
        elif w.value < previous:
            before = word_text(w.style, previous)
            yield w, f"“{word_text(w.style, w.value)}”排在“{before}”之后，顺序颠倒了"
        previous = w.value
