"""Chinese numerals, ordinals, dates and list joining (GB/T 15835 conventions)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

_DIGITS = "零一二三四五六七八九"
_DATE_DIGITS = "〇一二三四五六七八九"
_UNITS = ((100_000_000, "亿"), (10_000, "万"), (1000, "千"), (100, "百"), (10, "十"))


def cn_number(n: int) -> str:
    """Write a non-negative integer in Chinese numerals: 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"cn_number needs an int, got {type(n).__name__}")
    if n < 0:
        return "负" + cn_number(-n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    return _cn_big(n)


def _cn_big(n: int) -> str:
    for value, unit in _UNITS:
        if n >= value:
            head, rest = divmod(n, value)
            text = (_cn_big(head) if head >= 10 else _DIGITS[head]) + unit
            if rest == 0:
                return text
            gap = "零" if rest < value // 10 else ""
            return text + gap + _cn_big(rest)
    return _DIGITS[n]


def cn_count(n: int) -> str:
    """Write a quantity before a measure word: 2 → 两 (两点意见), otherwise as :func:`cn_number`."""
    return "两" if n == 2 else cn_number(n)


def ordinal(n: int, style: str = "arabic") -> str:
    """Return the rank phrase 第N名, in Arabic (第3名) or Chinese (第三名) numerals."""
    return f"第{cn_number(n) if style == 'chinese' else n}名"


def cn_date(value: Any, style: str = "arabic", year: bool = True) -> str:
    """Format a date as 2026年5月10日 (``style='chinese'``: 二〇二六年五月十日); without
    ``year`` as 5月10日 (五月十日), as a speech says a date of its own year."""
    if hasattr(value, "to_date"):
        value = value.to_date()
    if not isinstance(value, _dt.date):
        return str(value)
    if style == "chinese":
        day = f"{cn_number(value.month)}月{cn_number(value.day)}日"
        return "".join(_DATE_DIGITS[int(d)] for d in str(value.year)) + "年" + day if year else day
    day = f"{value.month}月{value.day}日"
    return f"{value.year}年{day}" if year else day


def join_cn(items: Iterable[Any], last: str = "和", sep: str = "、") -> str:
    """Join items Chinese-style: [a] → a; [a, b] → a和b; [a, b, c] → a、b和c.

    When a name already holds the joining word (区自然资源和规划局), every item is joined
    with ``sep``, so the list does not read as 「A和B和C」.
    """
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    if last and any(last in w for w in words):
        return sep.join(words)
    return sep.join(words[:-1]) + last + words[-1]
