"""Finding a brief's value in a draft: trimmed texts, numbers, ranks, counts and dates.

The draft is read with every blank removed, paragraph by paragraph and as a whole,
so a value the renderer printed across a line break is still found (the values
themselves are trimmed the same way, :func:`..brief_values.trim`).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property
from typing import Any

from ..speech.numerals import cn_date, cn_number
from .brief_values import COUNT, DATE, NUMBER, RANK, TEXT, Expected, trim
from .model import Document

_BLANKS = re.compile(r"\s+")
_NUMERALS = "零〇一二两三四五六七八九十百千万"


class DraftText:
    """A document's text without blanks, for looking values up."""

    def __init__(self, doc: Document) -> None:
        self.paras = [_BLANKS.sub("", p.text) for p in doc.paras]

    @cached_property
    def whole(self) -> str:
        """All paragraphs joined."""
        return "".join(self.paras)

    def first_with(self, text: str | None) -> int | None:
        """Index of the first paragraph containing ``text`` (None when none does)."""
        if not text:
            return None
        return next((i for i, p in enumerate(self.paras) if text in p), None)

    def region(self, anchor: str | None) -> str:
        """The paragraphs that mention ``anchor``, joined; the whole draft when none does."""
        if anchor:
            found = [p for p in self.paras if anchor in p]
            if found:
                return "".join(found)
        return self.whole

    def has(self, expected: Expected) -> bool:
        """True when the draft carries ``expected`` in a form the renderer prints."""
        if expected.kind == TEXT:
            return any(form in self.whole for form in (expected.value, *expected.also))
        haystack = self.region(expected.anchor)
        if expected.kind == DATE:
            return any(form in self.whole for form in date_forms(expected.value))
        return value_pattern(expected.kind, expected.value).search(haystack) is not None


def value_pattern(kind: str, value: Any) -> re.Pattern[str]:
    """How a number, rank or count may appear: 86.5; 第9名, 第九, 9; 13, 十三个, 共十三."""
    if kind == NUMBER:
        digits = re.escape(str(abs(Decimal(value))))
        return re.compile(rf"(?<![0-9.．]){digits}(?![0-9]|[.．][0-9])")
    n = int(value)
    arabic = rf"(?<![0-9.．]){n}(?![0-9])"
    words = {cn_number(n)} | ({"两"} if n == 2 else set())
    alternatives = [arabic]
    for cn in words:
        if kind == RANK:
            alternatives += [rf"第{cn}(?![{_NUMERALS}])", rf"(?<![{_NUMERALS}]){cn}[名位]"]
        elif kind == COUNT:
            alternatives += [
                rf"(?<![{_NUMERALS}第]){cn}[个家名位支所]",
                rf"共(?:有)?{cn}(?![{_NUMERALS}])",
            ]
    if kind == RANK and n == 1:
        alternatives.append("榜首|首位")
    return re.compile("|".join(alternatives))


def date_forms(date: Any) -> set[str]:
    """A date as the renderer may print it: 2026年6月30日, 二〇二六年六月三十日, 6月30日, as typed."""
    return {
        cn_date(date),
        cn_date(date, "chinese"),
        f"{date.month}月{date.day}日",
        trim(getattr(date, "text", "") or str(date)),
    }
