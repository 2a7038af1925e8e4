"""Deadline wording that contradicts the deadline's kind (spoken.deadline).

An ongoing or recurring task (长期坚持, 常态化, 每月…) has no finishing day, so
「……前完成」「按时完成」「倒排工期」 in the same sentence contradict it; a task due on a
day (6月30日前, 6月底前, 三季度末, 年底前) is not 「久久为功」「常抓不懈」. A sentence ends
with 。！？ or ；. A recurring day (每月5日前完成) is a recurring deadline, not a
contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..text import snippet
from .context import CheckContext

_CN = "[一二三四五六七八九十]"
ONGOING = re.compile(r"长期坚持|常态化|常态长效|每(?:月|周|旬|季度|季|半年|年)|逐月|逐季")
DUE = re.compile(r"前完成|(?:按时|按期|如期|限期)(?:保质|保质保量)?完成|倒排工期")
DATED = re.compile(
    rf"(?:[0-9]{{1,2}}|{_CN}{{1,2}})月(?:[0-9]{{1,2}}|{_CN}{{1,3}})[日号]前"
    rf"|(?:[0-9]{{1,2}}|{_CN}{{1,2}})月底前|[一二三四]季度末|年底前|年末前"
)
ENDLESS = re.compile(r"久久为功|常抓不懈")
_RECURRING_DAY = re.compile(
    rf"(?:每|逐)(?:月|周|旬|季度|季|半年|年)[^，。；！？]{{0,6}}?(?:[0-9]{{1,2}}|{_CN}{{1,3}})[日号]前(?:完成)?"
)
_SENTENCE = re.compile(r"[^。！？；!?;]+")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report each sentence whose deadline words contradict each other."""
    for index, para in enumerate(doc.paras):
        text = para.text
        masked = _RECURRING_DAY.sub(lambda m: " " * len(m.group(0)), text)
        for sentence in _SENTENCE.finditer(masked):
            yield from _contradictions(text, index, sentence.start(), sentence.group(0))


def _contradictions(text: str, index: int, start: int, sentence: str) -> Iterator[Finding]:
    """At most one finding per pair of kinds in one sentence, at the later word."""
    for first_kind, second_kind, why in (
        (ONGOING, DUE, "是长期或定期的要求，没有完成的那一天"),
        (DATED, ENDLESS, "是有截止日期的任务，不是长期坚持的事"),
    ):
        a, b = first_kind.search(sentence), second_kind.search(sentence)
        if a is None or b is None:
            continue
        later = max(a, b, key=lambda m: m.start())
        yield Finding(
            "spoken.deadline",
            f"时限的说法自相矛盾：“{a.group(0)}”{why}，同一句里却说“{b.group(0)}”："
            f"{snippet(text, start + min(a.start(), b.start()), start + max(a.end(), b.end()), 2)}",
            index,
            start + later.start(),
            length=later.end() - later.start(),
        )
