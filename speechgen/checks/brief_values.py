"""Every value of a brief that should be heard in its speech, named as the writer knows it.

``check --brief`` (rule ``brief.missing``) and ``check`` on a brief itself (rule
``brief.unrendered``) look for each of these in the draft. Texts are compared in
their trimmed form: whitespace and line breaks removed and one closing 。 dropped,
as the renderer trims them (it never rewrites them otherwise, DESIGN.md §1).
Numbers are the Decimals of the model as typed (``str(value)``); ranks and counts
may be written in Arabic or Chinese numerals; dates in any form the renderer uses
(:func:`speechgen.speech.numerals.cn_date`) or as typed.

Fields are counted from 1 and named with the brief's own keys:
「第2项举措的 steps 第1条」, 「ranking 的 indicators 第3项（基层党建）的 rank」.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

TEXT, NUMBER, RANK, COUNT, DATE = "text", "number", "rank", "count", "date"
_BLANKS = re.compile(r"\s+")


@dataclass(frozen=True)
class Expected:
    """One value the draft should carry.

    ``field`` names it for the writer, ``shown`` is the value as typed, ``kind`` says
    how it is looked for. ``anchor`` (trimmed text, e.g. an indicator's name) limits
    the search for a number to the paragraphs that mention it; ``where`` (trimmed
    text, e.g. the measure's title) places a finding at the paragraph that has it.
    """

    field: str
    shown: str
    kind: str
    value: Any
    anchor: str | None = None
    where: str | None = None
    # other forms the renderer may print a text in (the name as typed where it says it shortened)
    also: tuple[str, ...] = ()


def trim(text: str) -> str:
    """A value as the renderer prints it: no whitespace or line breaks, no closing 。."""
    text = _BLANKS.sub("", text)
    return text[:-1] if text.endswith("。") else text


def expected_values(brief: Any, *, titles: bool, dates: bool) -> list[Expected]:
    """Every value of ``brief`` the speech should carry.

    ``titles`` adds the titles of strengths, weaknesses and measures (``brief.missing``
    checks those on its own, with a tolerance for small edits); ``dates`` adds the
    meeting date and deadlines written as dates (``brief.changed`` checks those
    against an edited draft).
    """
    return [e for e in _all(brief, titles=titles, dates=dates) if e.kind != TEXT or e.value]


def _all(brief: Any, *, titles: bool, dates: bool) -> Iterator[Expected]:
    """All values in brief order (texts already trimmed; empty ones are dropped later)."""
    yield from _meeting(brief.meeting, dates=dates)
    for i, praise in enumerate(brief.praise, start=1):
        where = trim(praise.who)
        yield _text(f"第{i}条 praise 的 who", praise.who, where)
        yield _text(f"第{i}条 praise 的 for", praise.for_, where)
    rankings = brief.rankings
    for k, ranking in enumerate(rankings, start=1):
        label = "ranking" if len(rankings) == 1 else f"ranking 第{k}项考核"
        yield from _ranking(ranking, label)
    for name, items in (("成绩", brief.strengths), ("差距", brief.weaknesses)):
        for i, item in enumerate(items, start=1):
            yield from _item(item, f"第{i}项{name}", titles=titles)
    for i, measure in enumerate(brief.measures, start=1):
        yield from _measure(measure, f"第{i}项举措", titles=titles, dates=dates)
    for i, case in enumerate(brief.cases, start=1):
        where = trim(case.who)
        for key in ("who", "what", "result", "lesson"):
            yield _text(f"第{i}个案例（cases）的 {key}", getattr(case, key), where)
    for i, remark in enumerate(brief.remarks, start=1):
        yield _text(f"第{i}条 remarks（{remark.at}）的 text", remark.text)
    for i, step in enumerate(brief.next_steps, start=1):
        where = trim(step.what)
        for key in ("when", "what", "who"):
            yield _text(f"第{i}项 next_steps 的 {key}", getattr(step, key), where)
    if brief.outline is not None:
        yield from _outline(brief.outline)


def _text(field: str, value: str | None, where: str | None = None) -> Expected:
    """A text value (empty when the writer left it out; dropped by the caller)."""
    shown = value or ""
    return Expected(field, shown, TEXT, trim(shown), where=where)


def _numbers(
    label: str, owner: Any, keys: tuple[str, ...], kind: str, anchor: str | None
) -> Iterator[Expected]:
    """The number or rank fields ``keys`` of ``owner`` that the writer gave (``label`` + key)."""
    for key in keys:
        value = getattr(owner, key, None)
        if value is not None:
            yield Expected(f"{label}{key}", str(value), kind, value, anchor, anchor)


def _meeting(meeting: Any, *, dates: bool) -> Iterator[Expected]:
    """The meeting's printed values: title lines, byline, who "we" are, who spoke."""
    for key in ("title", "subtitle", "speaker", "speaker_title", "we", "on_behalf_of"):
        yield _text(f"meeting.{key}", getattr(meeting, key))
    for key in ("theme", "leadership_body"):
        yield _text(f"meeting.{key}", getattr(meeting, key))
    if dates and meeting.date is not None:
        yield Expected("meeting.date", str(meeting.date), DATE, meeting.date)
    if meeting.next_speaker is not None:
        yield _text("meeting.next_speaker 的 who", meeting.next_speaker.who)
    for i, speaker in enumerate(meeting.prior_speakers, start=1):
        yield _text(f"meeting.prior_speakers 第{i}项的 who", speaker.who)


def _ranking(ranking: Any, label: str) -> Iterator[Expected]:
    """An assessment: names, ranks, scores, the leader, peers, indicators and items."""
    yield from _assessment(ranking, label)
    for key in ("target", "reported_by"):
        yield _text(f"{label} 的 {key}", getattr(ranking, key))
    own = f"{label} 的 "
    yield from _numbers(own, ranking, ("previous", "current"), RANK, None)
    yield from _numbers(own, ranking, ("total",), COUNT, None)
    yield from _numbers(own, ranking, ("score", "average"), NUMBER, None)
    if ranking.leader is not None:
        name = trim(ranking.leader.name)
        yield _text(f"{label} 的 leader.name", ranking.leader.name, name)
        yield from _numbers(f"{label} 的 leader.", ranking.leader, ("score",), NUMBER, name)
    for j, peer in enumerate(ranking.peers, start=1):
        name = trim(peer.name)
        own = f"{label} 的 peers 第{j}项（{peer.name}）的 "
        yield _text(f"{own}name", peer.name, name)
        yield from _numbers(own, peer, ("rank",), RANK, name)
        yield from _numbers(own, peer, ("score",), NUMBER, name)
    for j, indicator in enumerate(ranking.indicators, start=1):
        name = trim(indicator.name)
        own = f"{label} 的 indicators 第{j}项（{indicator.name}）的 "
        yield _text(f"{own}name", indicator.name, name)
        numbers = ("score", "full", "value", "target", "last_year")
        yield from _numbers(own, indicator, numbers, NUMBER, name)
        yield from _numbers(own, indicator, ("rank", "previous"), RANK, name)
    for key in ("strong_items", "weak_items"):
        for j, item in enumerate(getattr(ranking, key), start=1):
            yield from _item(item, f"{label} 的 {key} 第{j}项", titles=True)


def _assessment(ranking: Any, label: str) -> Iterator[Expected]:
    """The assessment's name and period, as the speech says them: 2025年度 before 全省……年度
    绩效考核 is said 2025年, 季度 after 2026年一季度 is said once, a head naming the reporter
    is dropped (:func:`speechgen.speech.facts.assessment_parts`); the typed form counts too."""
    from ..speech.facts import assessment_parts

    typed = {key: trim(getattr(ranking, key) or "") for key in ("assessment", "period")}
    period, name = assessment_parts(
        typed["period"], typed["assessment"], trim(ranking.reported_by or "")
    )
    said = {"assessment": name if typed["assessment"] else "", "period": period}
    for key, value in typed.items():
        shown = getattr(ranking, key) or ""
        also = (value,) if said[key] and said[key] != value else ()
        yield Expected(f"{label} 的 {key}", shown, TEXT, said[key] or value, also=also)


def _item(item: Any, label: str, *, titles: bool) -> Iterator[Expected]:
    """A strength, weakness, ranking item or measure point: title, detail, example, points."""
    where = trim(item.title)
    if titles:
        yield _text(f"{label}的 title", item.title, where)
    yield _text(f"{label}的 detail", item.detail, where)
    yield _text(f"{label}的 example", item.example, where)
    for j, point in enumerate(item.points, start=1):
        yield _text(f"{label}的 points 第{j}条", point, where)


def _measure(measure: Any, label: str, *, titles: bool, dates: bool) -> Iterator[Expected]:
    """A measure: title, points, owners, deadline, why, steps, milestones, target, example."""
    where = trim(measure.title)
    if titles:
        yield _text(f"{label}的 title", measure.title, where)
    for j, point in enumerate(measure.points, start=1):
        yield from _item(point, f"{label}的 points 第{j}条", titles=True)
    yield _text(f"{label}的 owner", measure.owner, where)
    for j, owner in enumerate(measure.co_owners, start=1):
        yield _text(f"{label}的 co_owners 第{j}个", owner, where)
    deadline = measure.deadline
    if isinstance(deadline, str):
        yield _text(f"{label}的 deadline", deadline, where)
    elif deadline is not None and dates:
        yield Expected(f"{label}的 deadline", str(deadline), DATE, deadline, where=where)
    yield _text(f"{label}的 why", measure.why, where)
    for j, step in enumerate(measure.steps, start=1):
        yield _text(f"{label}的 steps 第{j}条", step, where)
    for j, milestone in enumerate(measure.milestones, start=1):
        yield _text(f"{label}的 milestones 第{j}条的 when", milestone.when, where)
        yield _text(f"{label}的 milestones 第{j}条的 what", milestone.what, where)
    yield _text(f"{label}的 target", measure.target, where)
    yield _text(f"{label}的 example", measure.example, where)


def _outline(outline: Any) -> Iterator[Expected]:
    """The writer's own headings, custom parts' paragraphs and the shared refrain."""
    yield _text("outline.refrain", outline.refrain)
    for i, part in enumerate(outline.parts, start=1):
        where = trim(part.heading) if part.heading else None
        yield _text(f"outline 第{i}部分（{part.kind}）的 heading", part.heading, where)
        for j, paragraph in enumerate(part.text, start=1):
            yield _text(f"outline 第{i}部分的 text 第{j}段", paragraph, where)
