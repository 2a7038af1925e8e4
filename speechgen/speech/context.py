"""Build the template context: a pure function from a Brief to typed, derived values.

Templates see only what is here: the brief's facts as small read-only objects plus
derived values (rank direction and change, counts, formatted dates). Nothing in the
context can reach Python internals; the sandbox enforces the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..brief.model import Brief, BriefDate, Item, Measure, Ranking
from .numerals import cn_date

UP, DOWN, SAME, NONE = "up", "down", "same", "none"


@dataclass(frozen=True)
class ItemCtx:
    """A list item: ``title`` always, ``detail`` when the writer gave one."""

    title: str
    detail: str | None = None

    def __str__(self) -> str:
        return self.title


@dataclass(frozen=True)
class SpeakerCtx:
    """Someone who spoke earlier in the meeting."""

    who: str
    did: str | None = None

    def __str__(self) -> str:
        return self.who


@dataclass(frozen=True)
class MeetingCtx:
    """The meeting, with the title and date already formatted."""

    name: str
    organization: str
    title: str
    date: BriefDate | None
    date_text: str | None
    speaker: str | None
    speaker_title: str | None
    subtitle: str | None
    audience: str | None
    minutes: int | None
    prior_speakers: tuple[SpeakerCtx, ...]


@dataclass(frozen=True)
class RankingCtx:
    """An assessment result with its direction: up (better), down, same or none."""

    assessment: str | None
    period: str | None
    previous: int | None
    current: int | None
    total: int | None
    target: str | None
    reported_by: str | None
    strong_items: tuple[ItemCtx, ...]
    weak_items: tuple[ItemCtx, ...]
    direction: str
    change: int | None

    @property
    def has_ranks(self) -> bool:
        """True when the current rank is known."""
        return self.current is not None


@dataclass(frozen=True)
class MeasureCtx:
    """A measure: title, points, owner and a formatted deadline."""

    title: str
    points: tuple[ItemCtx, ...]
    owner: str | None
    deadline: BriefDate | str | None
    deadline_text: str | None

    def __str__(self) -> str:
        return self.title

    @property
    def deadline_is_date(self) -> bool:
        """True when the deadline is a calendar date (not free text such as 6月底前)."""
        return isinstance(self.deadline, BriefDate)


@dataclass(frozen=True)
class Counts:
    """How many strengths, weaknesses and measures the brief has."""

    strengths: int
    weaknesses: int
    measures: int


@dataclass(frozen=True)
class SpeechContext:
    """Everything a speech template may use."""

    meeting: MeetingCtx
    ranking: RankingCtx | None
    strengths: tuple[ItemCtx, ...]
    weaknesses: tuple[ItemCtx, ...]
    measures: tuple[MeasureCtx, ...]
    counts: Counts
    options: dict[str, Any] = field(default_factory=dict)
    seed: int = 0

    def as_mapping(self) -> dict[str, Any]:
        """Return the top-level names a template sees."""
        return {
            "meeting": self.meeting,
            "ranking": self.ranking,
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "measures": self.measures,
            "counts": self.counts,
            "options": self.options,
            "seed": self.seed,
        }


def rank_direction(previous: int | None, current: int | None) -> str:
    """Return ``up`` when current < previous (a better rank), ``down``, ``same`` or ``none``."""
    if previous is None or current is None:
        return NONE
    if current < previous:
        return UP
    if current > previous:
        return DOWN
    return SAME


def _item(item: Item) -> ItemCtx:
    return ItemCtx(item.title, item.detail)


def _ranking(r: Ranking) -> RankingCtx:
    direction = rank_direction(r.previous, r.current)
    change = abs(r.current - r.previous) if direction != NONE else None  # type: ignore[operator]
    return RankingCtx(
        assessment=r.assessment,
        period=r.period,
        previous=r.previous,
        current=r.current,
        total=r.total,
        target=r.target,
        reported_by=r.reported_by,
        strong_items=tuple(_item(i) for i in r.strong_items),
        weak_items=tuple(_item(i) for i in r.weak_items),
        direction=direction,
        change=change,
    )


def _measure(m: Measure, date_style: str) -> MeasureCtx:
    deadline_text = None
    if isinstance(m.deadline, BriefDate):
        deadline_text = cn_date(m.deadline, date_style)
    elif m.deadline is not None:
        deadline_text = m.deadline
    return MeasureCtx(
        m.title, tuple(_item(p) for p in m.points), m.owner, m.deadline, deadline_text
    )


def build_context(
    brief: Brief, options: dict[str, Any] | None = None, seed: int = 0
) -> SpeechContext:
    """Build the template context for ``brief`` (``options`` already merged with defaults)."""
    opts = dict(options if options is not None else brief.options)
    date_style = "chinese" if opts.get("date_style") == "chinese" else "arabic"
    m = brief.meeting
    meeting = MeetingCtx(
        name=m.name,
        organization=m.organization,
        title=m.title or f"在{m.name}上的讲话",
        date=m.date,
        date_text=cn_date(m.date, date_style) if m.date else None,
        speaker=m.speaker,
        speaker_title=m.speaker_title,
        subtitle=m.subtitle,
        audience=m.audience,
        minutes=m.minutes,
        prior_speakers=tuple(SpeakerCtx(p.who, p.did) for p in m.prior_speakers),
    )
    return SpeechContext(
        meeting=meeting,
        ranking=_ranking(brief.rankings[0]) if brief.rankings else None,
        strengths=tuple(_item(i) for i in brief.strengths),
        weaknesses=tuple(_item(i) for i in brief.weaknesses),
        measures=tuple(_measure(x, date_style) for x in brief.measures),
        counts=Counts(len(brief.strengths), len(brief.weaknesses), len(brief.measures)),
        options=opts,
        seed=seed,
    )
