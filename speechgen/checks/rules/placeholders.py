"""Leftover placeholders: 某某, XX, ×××, 〇〇, TODO, 【待补充】, empty brackets, {{ }}."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..text import is_cjk, snippet
from .context import CheckContext

_TEXT = re.compile(
    r"某{2,}"
    r"|(?<![A-Za-z])(?:[Xx]{2,}|[Ｘｘ]{2,})(?![A-Za-z])"
    r"|[×✕╳＊]{2,}|\*{3,}"
    r"|(?<![A-Za-z])(?:TODO|FIXME|TBD|todo)(?![A-Za-z])"
    r"|[【\[［（(]\s*待[补填定核确完改]\w{0,4}\s*[】\]］）)]"
)
_CIRCLES = re.compile(r"[〇○◯Ｏ]{2,}")
_DATE_DIGITS = "〇○零一二三四五六七八九"
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}")
# Speech markup that reached the page: a heading mark after a sentence (「……。# 二、」),
# bold marks, a 一是-point mark (docs/template_guide.md).
_MARKUP = re.compile(
    r"(?:^|(?<=[。！？；：…”]))\s*#{1,3}\s|\*\*|(?:^|(?<=[。！？；]))\s*\+[是要先]\s"
)
_JOIN_GAP = 2
_EMPTY = re.compile(r"（\s*）|\(\s*\)|【\s*】|\[\s*\]|［\s*］|《\s*》|“\s*”|「\s*」|‘\s*’")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Yield one finding per placeholder occurrence (「某某市某某局」 is one occurrence)."""
    for index, para in enumerate(doc.paras):
        text = para.text
        for start, end in placeholder_spans(text):
            yield Finding(
                "placeholder.text",
                f"遗留占位符“{text[start:end]}”：{snippet(text, start, end)}",
                index,
                start,
                length=end - start,
            )
        for m in _TEMPLATE.finditer(text):
            yield Finding(
                "placeholder.template",
                f"没有渲染的模板标记“{m.group(0)}”：{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(m.group(0)),
            )
        # in a .md or .txt file these marks are the file's own formatting
        for m in _MARKUP.finditer(text) if doc.kind != "text" else ():
            mark = m.group(0).strip()
            yield Finding(
                "placeholder.markup",
                f"讲话稿标记“{mark}”留在了正文里（本应另起一段或变成格式）："
                f"{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(m.group(0)),
            )
        for m in _EMPTY.finditer(text):
            yield Finding(
                "placeholder.empty",
                f"空的“{m.group(0)}”，像是漏填了内容：{snippet(text, m.start(), m.end())}",
                index,
                m.start(),
                length=len(m.group(0)),
            )


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every leftover placeholder in ``text``, neighbours merged.

    Matches that overlap or are separated only by a short run of ordinary characters
    (at most :data:`_JOIN_GAP`, no punctuation or space: the 市 of 「某某市某某局」)
    become one span that starts at the first of them.
    """
    spans = [(m.start(), m.end()) for m in _TEXT.finditer(text)]
    spans += [
        (m.start(), m.end())
        for m in _CIRCLES.finditer(text)
        if not _in_numeral_date(text, m.start(), m.end())
    ]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and _joins(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _joins(text: str, prev_end: int, start: int) -> bool:
    """True when a placeholder starting at ``start`` continues the one ending at ``prev_end``."""
    if start <= prev_end:
        return True
    gap = text[prev_end:start]
    return len(gap) <= _JOIN_GAP and all(is_cjk(c) or (c.isascii() and c.isalnum()) for c in gap)


def _in_numeral_date(text: str, start: int, end: int) -> bool:
    """True when the circles at ``start:end`` are digits of a year such as 二〇〇八年."""
    left, right = start, end
    while left > 0 and text[left - 1] in _DATE_DIGITS:
        left -= 1
    while right < len(text) and text[right] in _DATE_DIGITS:
        right += 1
    run = text[left:right]
    has_digit = any(ch not in "〇○零" for ch in run)
    return len(run) == 4 and has_digit and text[right : right + 1] == "年"
