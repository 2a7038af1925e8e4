"""Punctuation: unpaired quotes and brackets, half-width marks in Chinese, dashes, ellipses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..text import has_cjk, is_chinese_context, is_cjk, snippet
from .context import CheckContext

_OPEN = {"（": "）", "(": "）", "《": "》", "【": "】", "「": "」"}
_CLOSE = {"）": "（", ")": "（", "》": "《", "】": "【", "」": "「"}
_QUOTES = {
    "“": ("“", "”", "双引号"),
    "”": ("“", "”", "双引号"),
    "‘": ("‘", "’", "单引号"),
    "’": ("‘", "’", "单引号"),
}
_BRACKET_CHARS = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_QUOTE_CHARS = re.compile("[" + "".join(_QUOTES) + "]")
_HALF = re.compile(r"[,.:;?!()]")
_HALF_NAMES = {
    ",": "逗号",
    ".": "句点",
    ":": "冒号",
    ";": "分号",
    "?": "问号",
    "!": "叹号",
    "(": "括号",
    ")": "括号",
}
_FULL = {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_DASH_CORE = re.compile(r"\s*(?:-{1,3}|－{1,2}|–|(?<!—)—(?!—))\s*")


def dash_matches(text: str) -> Iterator[re.Match[str]]:
    """Dashes that should be a 破折号 ——: between Chinese characters (or before “), not doubled.

    The neighbours are tested by code point (see :func:`speechgen.checks.text.is_cjk`).
    """
    for m in _DASH_CORE.finditer(text):
        start, end = m.start(), m.end()
        before = start and is_cjk(text[start - 1])
        if before and end < len(text) and (is_cjk(text[end]) or text[end] == "“"):
            yield m


_ELLIPSIS = re.compile(r"\.{3,}|．{3,}|。{3,}|·{3,}|(?<!…)…(?!…)|…{3,}")
_PUNCT_RUN = re.compile(r"[，。、；：？！]{2,}")
_ALLOWED_RUNS = {"？！", "！？"}


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Run every punctuation rule on each paragraph."""
    for index, para in enumerate(doc.paras):
        text = para.text
        yield from _unpaired_brackets(text, index)
        yield from _unpaired_quotes(text, index)
        yield from _half_width(text, index)
        for m in dash_matches(text):
            yield Finding(
                "punct.dash",
                f"破折号应写作“——”，这里是“{m.group(0).strip()}”：{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(m.group(0)),
            )
        for m in _ELLIPSIS.finditer(text):
            yield Finding(
                "punct.ellipsis",
                f"省略号应写作“……”，这里是“{m.group(0)}”：{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(m.group(0)),
            )
        for m in _PUNCT_RUN.finditer(text):
            run = m.group(0)
            if run in _ALLOWED_RUNS or (len(run) >= 3 and set(run) == {"。"}):
                continue
            yield Finding(
                "punct.doubled",
                f"标点连用“{run}”：{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(run),
            )


def _unpaired_brackets(text: str, index: int) -> Iterator[Finding]:
    """Brackets （）《》【】「」 (and half-width ( ) standing in for them) must pair up."""
    stack: list[tuple[str, int]] = []
    for m in _BRACKET_CHARS.finditer(text):  # only bracket characters, not every character
        pos, ch = m.start(), m.group()
        if ch in _OPEN:
            stack.append((_OPEN[ch], pos))
        elif ch in _CLOSE:
            want = _CLOSE[ch]
            closer = _OPEN[want]
            if any(c == closer for c, _ in stack):
                while stack:
                    c, p = stack.pop()
                    if c == closer:
                        break
                    yield _unclosed(text, index, p)
            else:
                yield Finding(
                    "punct.unpaired",
                    f"多出一个“{ch}”，前面没有对应的“{want}”：{snippet(text, pos)}",
                    index,
                    pos,
                    length=1,
                )
    for _, p in stack:
        yield _unclosed(text, index, p)


def _unclosed(text: str, index: int, pos: int) -> Finding:
    """A finding for the opening bracket at ``pos`` that is never closed."""
    ch = text[pos]
    return Finding(
        "punct.unpaired",
        f"“{ch}”没有对应的“{_OPEN[ch]}”：{snippet(text, pos)}",
        index,
        pos,
        length=1,
    )


def _unpaired_quotes(text: str, index: int) -> Iterator[Finding]:
    """Chinese quotes alternate open/close; two openings in a row leave the first unclosed."""
    open_at: dict[str, int | None] = {"双引号": None, "单引号": None}
    for m in _QUOTE_CHARS.finditer(text):
        pos, ch = m.start(), m.group()
        opener, closer, kind = _QUOTES[ch]
        if ch == "’" and _between_letters(text, pos):
            continue  # an apostrophe in English words
        if ch == opener:
            previous = open_at[kind]
            if previous is not None:
                yield Finding(
                    "punct.unpaired",
                    f"前{kind}“{opener}”没有对应的后{kind}“{closer}”：{snippet(text, previous)}",
                    index,
                    previous,
                    length=1,
                )
            open_at[kind] = pos
        elif open_at[kind] is None:
            yield Finding(
                "punct.unpaired",
                f"后{kind}“{closer}”前面没有对应的前{kind}“{opener}”：{snippet(text, pos)}",
                index,
                pos,
                length=1,
            )
        else:
            open_at[kind] = None
    for kind, left in open_at.items():
        if left is not None:
            opener, closer, _ = _QUOTES[text[left]]
            yield Finding(
                "punct.unpaired",
                f"前{kind}“{opener}”没有对应的后{kind}“{closer}”：{snippet(text, left)}",
                index,
                left,
                length=1,
            )


def _between_letters(text: str, pos: int) -> bool:
    """True when ``text[pos]`` sits between two ASCII letters (it's, don't)."""
    return (
        0 < pos < len(text) - 1
        and text[pos - 1].isascii()
        and text[pos - 1].isalpha()
        and text[pos + 1].isascii()
        and text[pos + 1].isalpha()
    )


def _neighbour(text: str, pos: int, step: int) -> str:
    """The first non-space character before (step -1) or after (step 1) ``pos``."""
    pos += step
    while 0 <= pos < len(text) and text[pos] in " \t\u3000":
        pos += step
    return text[pos] if 0 <= pos < len(text) else ""


def _ascii_word(ch: str) -> bool:
    """True for an ASCII letter or digit."""
    return bool(ch) and ch.isascii() and ch.isalnum()


def _half_width(text: str, index: int) -> Iterator[Finding]:
    """Half-width , . : ; ? ! ( ) used among Chinese characters."""
    for m in _HALF.finditer(text):
        ch, pos = m.group(0), m.start()
        left, right = _neighbour(text, pos, -1), _neighbour(text, pos, 1)
        if ch in "()":
            inner = _paren_inner(text, pos)
            hit = (
                has_cjk(inner)
                if inner is not None
                else (is_chinese_context(right) if ch == "(" else is_chinese_context(left))
            )
        elif _ascii_word(left) or _ascii_word(right):
            continue
        elif ch == ".":
            hit = is_chinese_context(left) and is_chinese_context(right)
        else:
            hit = is_chinese_context(left) or is_chinese_context(right)
        if hit:
            yield Finding(
                "punct.halfwidth",
                f"中文里用了半角{_HALF_NAMES[ch]}“{ch}”，应为“{_FULL[ch]}”：{snippet(text, pos)}",
                index,
                pos,
                length=1,
            )


def _paren_inner(text: str, pos: int, reach: int = 40) -> str | None:
    """The text inside the half-width pair that ``text[pos]`` belongs to, if it has one."""
    if text[pos] == "(":
        close = text.find(")", pos + 1, pos + reach)
        return text[pos + 1 : close] if close > 0 else None
    start = text.rfind("(", max(0, pos - reach), pos)
    return text[start + 1 : pos] if start >= 0 else None
