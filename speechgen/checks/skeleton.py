"""The sentence skeleton of a heading: its clauses and the frame words that shape them.

Sibling headings of one set share one shape: 「肯定成绩但不可高估，更要把准方向、加快赶超」
and 「正视挑战但不可低估，更要抢抓机遇、奋力拼搏」 are both 「…但不可…，更要…、…」.
A skeleton is the list of clauses (split on ，、；) and, in each, the frame words in
order with where they stand (opening the clause, inside it, closing it). Frame words
are grouped in classes (不可 and 决不 are both a negation) so that a different word of
the same class keeps the shape; words that merely contain a frame character
(重要, 把握, 和谐, 目的) are not frame words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLASSES: dict[str, str] = {
    "但": "但",
    "不但": "不但",
    "而且": "而且",
    "更要": "更要",
    "还要": "更要",
    "也要": "更要",
    "尤要": "更要",
    "更需": "更要",
    "要": "要",
    "必须": "要",
    "务必": "要",
    "把": "把",
    "和": "和",
    "与": "和",
    "及": "和",
    "的": "的",
    "不可": "不",
    "不能": "不",
    "决不": "不",
    "绝不": "不",
    "不要": "不",
    "“": "“",
    "”": "”",
    "「": "“",
    "」": "”",
}
_NOT_FRAME = [
    "重要",
    "主要",
    "需要",
    "必要",
    "首要",
    "紧要",
    "纲要",
    "摘要",
    "提要",
    "简要",
    "只要",
    "想要",
    "概要",
    "要求",
    "要素",
    "要点",
    "要害",
    "要务",
    "要件",
    "要领",
    "要地",
    "把握",
    "把准",
    "把关",
    "把脉",
    "把控",
    "把好",
    "把守",
    "把舵",
    "和谐",
    "和平",
    "和睦",
    "和美",
    "和气",
    "温和",
    "平和",
    "缓和",
    "总和",
    "调和",
    "柔和",
    "参与",
    "给与",
    "与时俱进",
    "与日俱增",
    "与其",
    "的确",
    "目的",
    "有的放矢",
    "众矢之的",
    "不可或缺",
    "必不可少",
    "涉及",
    "及时",
    "以及",
    "普及",
    "危及",
    "不及",
    "及早",
]
_FRAME = re.compile(
    "|".join(re.escape(w) for w in sorted([*_NOT_FRAME, *_CLASSES], key=len, reverse=True))
)
_CLAUSE = re.compile(r"[^，、；,;]+")
_DELIMITER = re.compile(r"[，、；,;]")


@dataclass(frozen=True)
class Skeleton:
    """Clauses, each a tuple of ``(class, place)``; ``pattern`` shows it: …但不可…，更要…、…"""

    clauses: tuple[tuple[tuple[str, str], ...], ...]
    pattern: str


def skeleton(title: str) -> Skeleton:
    """The skeleton of one heading's title (its closing punctuation already removed)."""
    clauses = []
    shown = []
    for m in _CLAUSE.finditer(title):
        clause = m.group(0).strip()
        frame, text = _frame(clause)
        clauses.append(frame)
        shown.append(text)
    delimiters = _DELIMITER.findall(title)
    pattern = shown[0] if shown else ""
    for mark, text in zip(delimiters, shown[1:], strict=False):
        pattern += mark + text
    return Skeleton(tuple(clauses), pattern)


def _frame(clause: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """The frame words of one clause with their places, and the clause drawn as …但不可…"""
    frame: list[tuple[str, str]] = []
    text = ""
    last = 0
    for m in _FRAME.finditer(clause):
        word = m.group(0)
        if word not in _CLASSES:
            continue
        if m.start() > last:
            text += "…"
        text += word
        last = m.end()
        place = "start" if m.start() == 0 else "end" if m.end() == len(clause) else "inside"
        frame.append((_CLASSES[word], place))
    if last < len(clause):
        text += "…"
    return tuple(frame), text
