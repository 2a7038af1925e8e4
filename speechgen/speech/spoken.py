"""Spoken Chinese: small rules a speech needs that a list of facts does not have.

The writer's values are never rewritten, only trimmed (:func:`trim`). Around them,
introducers agree with the number of items, lists join with 、 or ；, and brackets are
not read aloud.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .numerals import cn_count

_BREAKS = re.compile(r"\s*[\r\n\v\u2028\u2029]+\s*")


def trim(text: str | None) -> str:
    """A writer's value as a speech uses it: outer blanks and inner line breaks gone, no closing 。."""
    if text is None:
        return ""
    out = _BREAKS.sub("", text).strip()
    while out.endswith("。"):
        out = out[:-1].rstrip()
    return out


def bare(text: str | None) -> str:
    """A trimmed value without its closing ；，、 or 。 so a frame can add its own."""
    out = trim(text)
    while out and out[-1] in "；;，,、。.":
        out = out[:-1]
    return out


def how_many(n: int, noun: str = "") -> str:
    """An introducer that agrees with the count: 一个方面 / 两个方面 / 三个方面…"""
    return f"{cn_count(n)}个{noun}" if n > 0 else ""


def some(n: int) -> str:
    """A vague quantity that fits ``n`` items: 一项 for one, 两项 for two, 一些 for three or four,
    不少 for five or more."""
    if n <= 0:
        return ""
    if n == 1:
        return "一项"
    if n == 2:
        return "两项"
    return "一些" if n <= 4 else "不少"


def join_and(items: Iterable[str], last: str = "和") -> str:
    """a → a; a, b → a和b; a, b, c → a、b和c."""
    words = [w for w in (bare(i) for i in items) if w]
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + last + words[-1]


def join_clauses(items: Sequence[str]) -> str:
    """Clauses joined with ；, the last closed with 。"""
    words = [w for w in (bare(i) for i in items) if w]
    return "；".join(words) + ("。" if words else "")


_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def unbracket(text: str) -> str:
    """Drop bracketed asides (a speech does not read brackets aloud)."""
    return _BRACKETED.sub("", text)


_TERMINAL = "。！？!?…"
_CLOSERS = "”’」』）)》"


def as_sentence(text: str | None) -> str:
    """A writer's words said as a sentence: trimmed, with a 。 only when none ends it.

    「只有“一万”」 gets one (「只有“一万”。」); 「少跑一趟。”」 and 「一定要干好！」 do not.
    """
    out = trim(text)
    if not out:
        return out
    end = out.rstrip(_CLOSERS)
    if end and end[-1] in _TERMINAL:
        return out
    return out + "。"


def elaborated(items: Iterable[Any]) -> bool:
    """Some item carries an example or points: each item is then said as its own sentence."""
    return any(getattr(i, "example", None) or getattr(i, "points", None) for i in items)
