"""Against the brief (``--brief``): items still present, ranks and dates unchanged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from ..model import Document, Finding
from ..outline import match_heading
from ..text import normalise, number_value, snippet
from .context import CheckContext
from .numbers import RANK as RANK_RE
from .numbers import dates, ranks

FUZZY = 0.85
_BYLINE = re.compile(r"^[（(]?\s*(.+?)\s*[）)]?$")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Compare the draft with the brief given by ``--brief``."""
    if not ctx.compare or ctx.brief is None:
        return
    brief = ctx.brief
    yield from _missing(doc, brief)
    yield from _ranks(doc, brief, ctx.rankings)
    yield from _meeting_date(doc, brief.meeting.date)
    yield from _deadlines(doc, brief)


def _items(brief: Any) -> Iterator[tuple[str, str]]:
    """``(kind, title)`` for every strength, weakness and measure of the brief."""
    for kind, items in (
        ("成绩", brief.strengths),
        ("差距", brief.weaknesses),
        ("举措", brief.measures),
    ):
        for item in items:
            yield kind, item.title


def _present(title: str, full: str, paragraphs: list[str]) -> bool:
    """True when ``title`` appears in the draft, verbatim or nearly (a word or two changed)."""
    if not title or title in full:
        return True
    for para in paragraphs:
        matcher = SequenceMatcher(None, title, para, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
        if matched >= FUZZY * len(title):
            return True
    return False


def _missing(doc: Document, brief: Any) -> Iterator[Finding]:
    """Every strength, weakness and measure title should still be in the draft."""
    paragraphs = [normalise(p.text) for p in doc.paras]
    full = "".join(paragraphs)
    for kind, title in _items(brief):
        if not _present(normalise(title), full, paragraphs):
            yield Finding(
                "brief.missing", f"简报中的{kind}“{title}”在稿中找不到了（被删除或改写了？）"
            )


def _ranks(doc: Document, brief: Any, rankings: tuple[Any, ...]) -> Iterator[Finding]:
    """Ranks in the draft that are no rank the brief gives.

    The brief's ranks are each assessment's previous and current rank, its peers' and
    indicators' ranks, first place when a leader is named, and any 第N名 the writer
    typed in a text of the brief.
    """
    known = brief_ranks(brief, rankings)
    if not any(r.previous is not None or r.current is not None for r in rankings):
        return
    if len(rankings) == 1 and known == {rankings[0].previous, rankings[0].current} - {None}:
        ranking = rankings[0]
        parts = []
        if ranking.previous is not None:
            parts.append(f"上次第{ranking.previous}名")
        if ranking.current is not None:
            parts.append(f"本次第{ranking.current}名")
        said = "，".join(parts)
    else:
        said = "、".join(f"第{r}名" for r in sorted(known))
    for r in ranks(doc):
        if r.value not in known:
            text = doc.paras[r.para].text
            yield Finding(
                "brief.changed",
                f"名次{snippet(text, r.start, r.end, 2)}与简报不一致（简报：{said}）",
                r.para,
                r.start,
            )


def brief_ranks(brief: Any, rankings: tuple[Any, ...]) -> set[int]:
    """Every rank the brief states, in its rank fields or written in its texts."""
    from ..brief_values import RANK, TEXT, expected_values

    known: set[int] = set()
    if hasattr(brief, "rankings"):
        for e in expected_values(brief, titles=True, dates=False):
            if e.kind == RANK:
                known.add(int(e.value))
            elif e.kind == TEXT:
                known.update(
                    v for m in RANK_RE.finditer(e.value) if (v := number_value(m.group(1)))
                )
        if any(r.leader is not None for r in rankings):
            known.add(1)
    else:
        known = {r for x in rankings for r in (x.previous, x.current) if r is not None}
    return known


def _meeting_date(doc: Document, date: Any) -> Iterator[Finding]:
    """A date line near the top (the byline) must carry the meeting date of the brief."""
    if date is None:
        return
    for index, para in enumerate(doc.paras[:8]):
        m = _BYLINE.match(para.text.strip())
        if m is None:
            continue
        inner = m.group(1)
        found = list(dates(inner))
        if len(found) != 1 or found[0][0].group(0) != inner:
            continue
        _, year, month, day, _ = found[0]
        if (year, month, day) != (date.year, date.month, date.day):
            yield Finding("brief.changed", f"会议日期“{inner}”与简报的{date}不一致", index, 0)


def _deadlines(doc: Document, brief: Any) -> Iterator[Finding]:
    """A measure's paragraph must still carry the deadline date the brief gives it."""
    meeting = brief.meeting.date
    for measure in brief.measures:
        deadline = measure.deadline
        if deadline is None or not hasattr(deadline, "year"):
            continue
        start = find_title(doc, measure.title)
        if start is None:
            continue
        region = [start] + following_paras(doc, start)
        year = meeting.year if meeting is not None and meeting.year == deadline.year else None
        found = [(i, d) for i in region for d in _dates_said(doc.paras[i].text, year)]
        wanted = (deadline.year, deadline.month, deadline.day)
        if any(d[1:] == wanted for _, d in found):
            continue
        if found:
            index, (m, *_rest) = found[0]
            yield Finding(
                "brief.changed",
                f"举措“{measure.title}”的时限写成了“{m.group(0)}”，简报中是{deadline}",
                index,
                m.start(),
            )
        else:
            yield Finding(
                "brief.changed",
                f"举措“{measure.title}”的完成时限（简报中是{deadline}）在稿中找不到了",
                start,
                0,
            )


_MONTH_DAY = re.compile(
    r"(?<![年0-9〇零一二三四五六七八九十])([0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"([0-9]{1,2}|[一二三四五六七八九十]{1,3})日"
)


def _dates_said(text: str, year: int | None) -> Iterator[tuple[re.Match[str], int, int, int]]:
    """Full dates in ``text``, and with ``year`` (the meeting's own year, which a speech
    leaves out: 9月30日前) month-and-day dates read as dates of that year."""
    for m, y, month, day, _chinese in dates(text):
        yield m, y, month, day
    if year is None:
        return
    for m in _MONTH_DAY.finditer(text):
        said_month, said_day = number_value(m.group(1)), number_value(m.group(2))
        if said_month is not None and said_day is not None:
            yield m, year, int(said_month), int(said_day)


def find_title(doc: Document, title: str) -> int | None:
    """Index of the first paragraph that contains ``title``."""
    wanted = normalise(title)
    for index, para in enumerate(doc.paras):
        if wanted and wanted in normalise(para.text):
            return index
    return None


def following_paras(doc: Document, start: int, limit: int = 5) -> list[int]:
    """Paragraphs after ``start`` up to the next heading (at most ``limit``)."""
    result = []
    for index in range(start + 1, min(len(doc.paras), start + 1 + limit)):
        if match_heading(doc.paras[index].text):
            break
        result.append(index)
    return result
