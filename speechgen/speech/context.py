"""Build the template context: a pure function from a Brief to typed, derived values.

Templates see only what is here: the brief's facts (trimmed, never rewritten) as small
read-only objects, derived facts (:mod:`.facts`: bands, sizes, gaps, deadline kinds,
who "we" are) and the outline plan (:mod:`.plan`). Nothing in the context can reach
Python internals; the sandbox enforces the rest.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..brief.model import (
    Brief,
    BriefDate,
    Case,
    Indicator,
    Item,
    Measure,
    NextStep,
    Praise,
    Ranking,
)
from . import economy, facts, integrity
from .numerals import cn_count, cn_date
from .plan import OutlinePlan
from .remarks import Remarks
from .sector import unit_sector
from .spoken import trim
from .topics import (
    economy_indicator_topic,
    economy_measure_topics,
    economy_method_topic,
    topics_of,
)

UP, DOWN, SAME, NONE, MIXED = "up", "down", "same", "none", "mixed"


def _t(text: str | None) -> str | None:
    """A trimmed optional value (None stays None)."""
    return None if text is None else trim(text)


@dataclass(frozen=True)
class ItemCtx:
    """A list item: ``title`` always; ``detail``, ``example`` and ``points`` when given."""

    title: str
    detail: str | None = None
    example: str | None = None
    points: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.title

    @property
    def spread(self) -> bool:
        """The problem is found in some of the audience's own units or people (部分科室、有的村),
        so the others may check themselves for it (有则改之、无则加勉)."""
        return facts.spread_problem(self.title) or facts.spread_problem(self.detail)


@dataclass(frozen=True)
class SpeakerCtx:
    """Someone who spoke (or something shown) earlier in the meeting."""

    who: str
    did: str | None = None
    kind: str | None = None

    def __str__(self) -> str:
        return self.who

    @property
    def decides(self) -> str | None:
        """For a decision read out: commend (表彰), discipline (处分) or other (a 工作方案, an
        组织架构), from ``did``; None when ``did`` is empty (the genre's usual decision)."""
        return facts.decision_about(self.did)

    @property
    def commends(self) -> bool:
        """True when what was read out honours people (表彰决定, or a decision with no ``did``):
        only then may the acknowledgement congratulate or speak of 受鼓舞、荣誉."""
        return self.decides in (None, "commend")

    @property
    def sanctions(self) -> bool:
        """True when a decision read out punishes (处分决定, or a decision with no ``did`` at a
        警示教育会, where the usual decision is a sanction)."""
        reads = (self.kind or facts.speaker_kind(self.did)) == "decision"
        return reads and self.decides in (None, "discipline")

    @property
    def ack_kind(self) -> str:
        """The kind the acknowledgement answers: the speaker's kind (else read from ``did``),
        with a decision that honours nobody (宣读了工作方案) answered as ``other``."""
        kind = self.kind or facts.speaker_kind(self.did)
        return "other" if kind == "decision" and self.decides not in (None, "commend") else kind


@dataclass(frozen=True)
class NextSpeakerCtx:
    """A higher leader who speaks after this speech."""

    who: str
    does: str


@dataclass(frozen=True)
class MeetingCtx:
    """The meeting, with the title, date and who "we" are worked out."""

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
    level: str = "单位"
    we: str = "全体干部职工"
    # True when the brief named "we" itself (meeting.we): the draft must then say it.
    we_given: bool = False
    units: str = "各部门"
    territory: bool = False
    scope: str = ""
    sector: str = "none"
    on_behalf_of: str | None = None
    audience_role: str | None = None
    theme: str | None = None
    leadership_body: str | None = None
    next_speaker: NextSpeakerCtx | None = None

    @property
    def campaign(self) -> str | None:
        """What the meeting launches, read from its name (创建全国文明城市, “百日攻坚”行动)."""
        return facts.campaign_name(self.name)

    @property
    def civic_campaign(self) -> bool:
        """The meeting launches a creation campaign for a place (创建全国文明城市), whose material
        speaks of 群众、测评、背街小巷; a unit's own bid (创三甲) is not one."""
        return facts.civic_campaign(self.campaign)

    @property
    def safety(self) -> str | None:
        """What a safety campaign keeps (安全度汛, 安全稳定) when the meeting is about one
        (防汛、安全生产、森林防火…, read from its name); None otherwise."""
        return facts.safety_goal(self.name)

    @property
    def festive(self) -> bool:
        """The meeting falls in the weeks before a holiday (元旦春节, 清明, 五一, 中秋国庆),
        when a speech may warn about 节日期间的“四风”; False without a date."""
        return self.date is not None and facts.before_holidays(self.date.month, self.date.day)

    @property
    def leaders_only(self) -> bool:
        """True when the audience are leading cadres (以上率下、靠前指挥 may be asked of them)."""
        return self.audience_role == "领导干部"

    @property
    def speaker_line(self) -> str:
        """The byline under the date: 「局长　王建国」 (post, a full-width space, name), or the name.

        The genre signs a speech with the speaker's post before the name, as the
        writer typed it (「党组书记、局长」); empty when there is no speaker.
        """
        if not self.speaker:
            return ""
        return f"{self.speaker_title}\u3000{self.speaker}" if self.speaker_title else self.speaker

    @property
    def speaker_groups(self) -> tuple[tuple[SpeakerCtx, ...], ...]:
        """Prior speakers in order, consecutive plain ones (no ``did``, no kind) grouped.

        A group of several reads 「张局长、李书记和王主任分别作了发言」, so 作了发言 is said once.
        """
        groups: list[list[SpeakerCtx]] = []
        for s in self.prior_speakers:
            plain = s.did is None and s.kind in (None, "report", "other")
            if plain and groups and groups[-1][-1].did is None and groups[-1][-1].kind == s.kind:
                groups[-1].append(s)
            else:
                groups.append([s])
        return tuple(tuple(g) for g in groups)

    @property
    def speaker_kinds(self) -> tuple[str, ...]:
        """What the prior speakers did, for the acknowledgement: their kind, else read from
        ``did`` (部署 → deployment, 表态 → pledge…), else report; a decision that honours
        nobody (宣读了工作方案) is ``other``, so no 祝贺 answers it (SpeakerCtx.ack_kind)."""
        return tuple(dict.fromkeys(s.ack_kind for s in self.prior_speakers))

    @property
    def peer_kind(self) -> str:
        """What the units ranked with this one are: 开发区 (园区) for a zone, 乡镇 for a town
        or township, 地区 for a territory, 单位 otherwise."""
        zone = facts.zone_noun(self.organization)
        if zone:
            return zone
        if self.sector == "乡镇":
            return "乡镇"
        return "地区" if self.territory else "单位"

    @property
    def rest_of_year(self) -> str:
        """What is left of the year to work on: 下半年 for a meeting from July on, else 今年."""
        return "下半年" if self.date is not None and self.date.month >= 7 else "今年"

    @property
    def dispatch(self) -> bool:
        """The meeting's name calls it a dispatch meeting (调度会): the economy speech then
        says it schedules the work; otherwise it never calls the meeting that."""
        return "调度" in self.name

    @property
    def peer_noun(self) -> str:
        """Who else is ranked: 参评开发区, 参评乡镇, 参评地区, 参评单位 (:attr:`peer_kind`)."""
        return f"参评{self.peer_kind}"


@dataclass(frozen=True)
class IndicatorCtx:
    """One indicator, with its values as typed and what they mean."""

    name: str
    score: str | None
    full: str | None
    rank: int | None
    previous: int | None
    value: str | None
    unit: str
    target: str | None
    last_year: str | None
    direction: str
    light: str | None
    band: str | None
    verb: str = "为"
    vs_target: str | None = None
    vs_last_year: str | None = None
    target_diff: str | None = None
    last_year_diff: str | None = None
    diff_unit: str = ""
    # the numerals of its ranks, as its assessment's (:attr:`RankingCtx.rank_style`)
    rank_style: str = "arabic"
    # the economy speech's analysis of this lagging indicator: ``must``, ``may`` or "" (none);
    # see :func:`economy.mark_analysed`
    analysis: str = ""

    def __str__(self) -> str:
        return self.name

    @property
    def economy_topic(self) -> str:
        """The economy speech's topic for this indicator (投资, 消费, 总量…), "" when none fits."""
        return economy_indicator_topic(self.name)

    @property
    def lagging(self) -> bool:
        """Below its target or last year (亮灯), or fallen in rank."""
        return self.light is not None or self.direction == DOWN

    @property
    def judged(self) -> bool:
        """A value with a target or last year's figure to hold it against."""
        return self.vs_target is not None or self.vs_last_year is not None

    @property
    def on_track(self) -> bool:
        """Judged and below neither its target nor last year (no light)."""
        return self.judged and self.light is None

    @property
    def red(self) -> bool:
        """亮红灯: below both its target and last year."""
        return self.light == facts.RED

    @property
    def yellow(self) -> bool:
        """亮黄灯: below one of its target and last year."""
        return self.light == facts.YELLOW


@dataclass(frozen=True)
class PeerCtx:
    """A named unit to compare with."""

    name: str
    rank: int | None = None
    score: str | None = None

    def __str__(self) -> str:
        return self.name


# Words with which a target names its own period (全年保三争二, 年底前进入前五).
YEAR_WORDS = ("全年", "今年", "年底", "年内")


@dataclass(frozen=True)
class RankingCtx:
    """An assessment result with its direction, band, size of change and gap to target."""

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
    score: str | None = None
    average: str | None = None
    leader: PeerCtx | None = None
    peers: tuple[PeerCtx, ...] = ()
    indicators: tuple[IndicatorCtx, ...] = ()
    band: str | None = None
    size: str | None = None
    gap: int | None = None
    floor_gap: int | None = None
    below_average: bool | None = None
    leader_gap: str | None = None
    band_words: str | None = None
    strong_unsaid: tuple[ItemCtx, ...] = ()
    # a prior speaker already announced the results (通报了考核结果): the speech does not
    # announce them again, it goes straight to what they mean
    announced: bool = False
    # how the speech writes this assessment's ranks: ``chinese`` (第四名) when the speaker's
    # own words do, else ``arabic`` (第4名); see :func:`facts.rank_style`
    rank_style: str = "arabic"
    # the first assessment of the brief (a later one is introduced by its name: 在……中)
    first: bool = True
    # a prior speaker's words already name this assessment (从刚才通报的结果看, no name again)
    assessment_heard: bool = False
    # who reported the results, when no prior speaker is, or spoke of, that reporter
    # (从刚才通报的【市考核办】……结果看); empty otherwise
    reporter_unsaid: str = ""
    # the strong and weak items a result line still names: not said by a strength, and not
    # an indicator the same part lists itself (when there is no indicators part)
    strong_to_say: tuple[ItemCtx, ...] = ()
    weak_to_say: tuple[ItemCtx, ...] = ()

    @property
    def yearly(self) -> bool:
        """The assessment covers a whole year (period 2025年度): look back on 去年一年."""
        return facts.period_is_year(self.period)

    @property
    def has_ranks(self) -> bool:
        """True when the current rank is known."""
        return self.current is not None

    @property
    def top(self) -> bool:
        """In the top band (榜首 or 前列)."""
        return self.band in facts.TOP_BANDS

    @property
    def bottom(self) -> bool:
        """In the last three places (or 靠后 in a small field)."""
        return self.band in facts.BOTTOM_BANDS

    @property
    def may_extend_lead(self) -> bool:
        """扩大领先 fits: a rank in the top third."""
        return facts.may_extend_lead(self.current, self.total)

    @property
    def gap_said(self) -> str:
        """The places to the target as the speech says them: 两 or 2, after :attr:`rank_style`."""
        if self.gap is None:
            return ""
        return cn_count(self.gap) if self.rank_style == "chinese" else str(self.gap)

    @property
    def target_state(self) -> str | None:
        """Where the rank stands against a target naming ranks (保四争三, 进入前五).

        ``reached`` (the aim is met), ``floor`` (the floor is met, the aim not yet: 保四 kept,
        争三 still open), ``behind`` (short of it), or None (no target rank or no rank).
        """
        if self.gap is None:
            return None
        if self.gap == 0:
            return "reached"
        return "floor" if self.floor_gap == 0 else "behind"

    @property
    def keep_lead(self) -> bool:
        """巩固领先、扩大领先 fits: in the top band, in the top third, not just fallen back,
        and not still short of a target that names ranks (4th with 保三 is no lead)."""
        return (
            self.top
            and self.may_extend_lead
            and self.direction != DOWN
            and self.target_state != "behind"
        )

    @property
    def crisis(self) -> bool:
        """A fall that leaves the top band: the speech may sound the alarm."""
        return self.direction == DOWN and not self.top

    @property
    def lagging(self) -> tuple[IndicatorCtx, ...]:
        """Indicators below target or last year, or fallen in rank."""
        return tuple(i for i in self.indicators if i.lagging)

    @property
    def red(self) -> tuple[IndicatorCtx, ...]:
        """Indicators below both target and last year (亮红灯)."""
        return tuple(i for i in self.indicators if i.red)

    @property
    def yellow(self) -> tuple[IndicatorCtx, ...]:
        """Indicators below one of target and last year (亮黄灯)."""
        return tuple(i for i in self.indicators if i.yellow)

    @property
    def on_track(self) -> tuple[IndicatorCtx, ...]:
        """Indicators held against a target or last year and below neither."""
        return tuple(i for i in self.indicators if i.on_track)

    @property
    def judged(self) -> tuple[IndicatorCtx, ...]:
        """Indicators with a value and a target or last year's figure."""
        return tuple(i for i in self.indicators if i.judged)

    @property
    def unjudged(self) -> tuple[IndicatorCtx, ...]:
        """Indicators with nothing to hold them against (said after the lit groups: 此外，…)."""
        return tuple(i for i in self.indicators if not i.judged)

    @property
    def target_names_year(self) -> bool:
        """The target says its own period (全年、今年、年底、年内…): a speech says 目标是, not
        全年的目标是."""
        return self.target is not None and self.target.startswith(YEAR_WORDS)

    @property
    def itemised(self) -> bool:
        """Some indicator has a score or a rank: the indicators are items of the assessment
        (从……的分项指标看), not the economy's own figures."""
        return any(i.score or i.rank for i in self.indicators)

    @property
    def lights(self) -> str | None:
        """The worst light among the indicators: ``red``, ``yellow``, ``green`` (none lit), or None."""
        if not self.judged:
            return None
        if self.red:
            return facts.RED
        return facts.YELLOW if self.yellow else "green"

    @property
    def name(self) -> str:
        """The assessment's name, with its period when it has one (said once: 2025年度 and
        年度绩效考核 make 2025年度绩效考核), without the reporter's name at its head."""
        return facts.assessment_name(self.period, self.assessment, self.reported_by)


@dataclass(frozen=True)
class MilestoneCtx:
    """A dated step of a measure."""

    when: str
    what: str

    @property
    def comma(self) -> bool:
        """A comma between when and what keeps two figures apart (5月底前，12个项目…)."""
        return facts.needs_comma(self.when, self.what)


@dataclass(frozen=True)
class MeasureCtx:
    """A measure: why, what, who and by when, target and example, with the deadline's kind."""

    title: str
    points: tuple[ItemCtx, ...]
    owner: str | None
    deadline: BriefDate | str | None
    deadline_text: str | None
    co_owners: tuple[str, ...] = ()
    why: str | None = None
    steps: tuple[str, ...] = ()
    milestones: tuple[MilestoneCtx, ...] = ()
    target: str | None = None
    example: str | None = None
    deadline_kind: str | None = None
    topics: tuple[str, ...] = ()
    number: int = 0
    # days from the meeting to the deadline, when both are known (None otherwise)
    days_left: int | None = None
    # the indicator an economy speech links this measure back to (:func:`economy.linked`)
    linked: IndicatorCtx | None = None

    @property
    def economy_topics(self) -> tuple[str, ...]:
        """The economy speech's topics for this measure, finest first (外资外贸, 招商… from the
        title, then 工业、消费、财税, then the rest)."""
        return economy_measure_topics(self.title, self.topics)

    @property
    def economy_method(self) -> str:
        """The topic of the economy speech's method paragraph for this measure (``none``: none)."""
        return economy_method_topic(self.economy_topics)

    @property
    def deadline_near(self) -> bool:
        """The deadline is weeks away (时间紧、一天天临近 fit); False when far or unknown."""
        return self.days_left is not None and 0 <= self.days_left <= facts.NEAR_DAYS

    def __str__(self) -> str:
        return self.title

    @property
    def due_by(self) -> str | None:
        """The deadline as a limit: 6月底前 and 年末 as written, 2026年6月30日 → 2026年6月30日前
        (what 务必在……完成 needs); None without a deadline."""
        text = self.deadline_text
        if text is None:
            return None
        return text if text.endswith(("前", "末")) else f"{text}前"

    @property
    def point_titles(self) -> tuple[str, ...]:
        """The titles of the measure's points, said as a list after its steps."""
        return tuple(p.title for p in self.points)

    @property
    def deadline_dated(self) -> bool:
        """The deadline is a date or a period's end (6月底前): the frame says 前完成."""
        return self.deadline_kind in (facts.DATE, facts.BY_PERIOD)

    @property
    def stock_topics(self) -> tuple[str, ...]:
        """The topics of the stock paragraph that unfolds this measure: its own, 协同 when
        other units work with the owner, 一般 (the general paragraphs) when it has none."""
        extra = ("协同",) if self.co_owners and "协同" not in self.topics else ()
        return (*self.topics, *extra) or ("一般",)

    @property
    def due_at_milestone(self) -> bool:
        """The last milestone's date is the deadline (9月底前……): the milestone says it."""
        return any(s.when == self.deadline_text for s in self.milestones)

    @property
    def deadline_bare(self) -> bool:
        """A recurring deadline that is a bare period word (每月, 每季度)."""
        return self.deadline_kind == facts.RECURRING and facts.deadline_bare(self.deadline_text)

    @property
    def deadline_worded(self) -> bool:
        """The deadline says what is due by when (9月底前全部开工, 11月起常态运行): a frame
        says it whole (要确保……) and adds no 前完成 of its own."""
        return self.deadline_kind != facts.RECURRING and facts.deadline_worded(self.deadline_text)

    @property
    def deadline_verbal(self) -> bool:
        """An ongoing deadline that is an action (长期坚持, 持续推进)."""
        return self.deadline_kind == facts.ONGOING and facts.deadline_verbal(self.deadline_text)

    @property
    def remedy_topics(self) -> tuple[str, ...]:
        """Topics of the measure as a remedy of a warning-education speech (用权, 交往, 监督…
        beside the general ones), from its title, else from what the writer said of it."""
        said = (self.why, *self.steps, *(p.title for p in self.points))
        return integrity.remedy_topics(self.title, self.topics, said)

    @property
    def why_purpose(self) -> bool:
        """``why`` is written as a purpose (针对…, 为了…), not as a fact."""
        return facts.states_purpose(self.why)

    @property
    def deadline_is_date(self) -> bool:
        """True when the deadline is a calendar date (not free text such as 6月底前)."""
        return isinstance(self.deadline, BriefDate)


@dataclass(frozen=True)
class PraiseCtx:
    """A unit or person praised by name, and for what."""

    who: str
    deed: str


@dataclass(frozen=True)
class CaseCtx:
    """A case of a warning-education meeting."""

    who: str
    what: str
    result: str | None
    lesson: str | None
    # what kind of case it is (受贿, 吃请…), each kind told once per speech
    # (:func:`.integrity.case_kinds`)
    kinds: tuple[str, ...] = ()

    @property
    def small_sum(self) -> bool:
        """The case names a sum of money and it is small (under 3万元, :func:`.facts.small_sum`):
        only then may the speech call it 数额不大."""
        return facts.small_sum(self.what)

    @property
    def short(self) -> str:
        """How the speech names the person after the first time: 「某市中院原执行局局长钱某」
        is 钱某 (张某某 stays 张某某); a name not ending in 某 is said whole."""
        return facts.case_short_name(self.who)


@dataclass(frozen=True)
class NextStepCtx:
    """An action the speaker announces."""

    when: str
    what: str
    who: str | None

    @property
    def has_will(self) -> bool:
        """The writer already wrote 将 (县政府将召开…): the frame adds none."""
        return "将" in self.what[:8]

    @property
    def subject_first(self) -> bool:
        """``what`` begins with who does it (各庭室召开…, 县督查室开展…): no 将 before it."""
        return facts.starts_with_subject(self.what, self.who)

    @property
    def needs_will(self) -> bool:
        """The frame adds 将 before ``what``: the writer wrote none and ``what`` does not
        begin with who does it."""
        return not (self.has_will or self.subject_first)

    @property
    def names_who(self) -> bool:
        """``what`` already names ``who``: 「由……负责」 would say it twice."""
        return bool(self.who) and self.who in self.what  # type: ignore[operator]


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
    rankings: tuple[RankingCtx, ...] = ()
    direction: str = NONE
    praise: tuple[PraiseCtx, ...] = ()
    cases: tuple[CaseCtx, ...] = ()
    next_steps: tuple[NextStepCtx, ...] = ()
    remarks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plan: OutlinePlan | None = None

    @property
    def mixed(self) -> bool:
        """有喜有忧: one assessment rose while another fell."""
        return self.direction == MIXED

    @property
    def closing_hailed(self) -> bool:
        """A closing remark of the speaker's opens with 同志们: the template's closing
        paragraph does not address them a second time."""
        return any(r.startswith("同志们") for r in self.remarks.get("closing", ()))

    def as_mapping(self) -> dict[str, Any]:
        """Return the top-level names a template sees."""
        return {
            "meeting": self.meeting,
            "ranking": self.ranking,
            "rankings": self.rankings,
            "direction": self.direction,
            "mixed": self.mixed,
            "closing_hailed": self.closing_hailed,
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "measures": self.measures,
            "praise": self.praise,
            "cases": self.cases,
            "next_steps": self.next_steps,
            "remarks": self.remarks,
            "plan": self.plan,
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
    return ItemCtx(
        trim(item.title),
        _t(item.detail),
        _t(item.example),
        tuple(trim(p) for p in item.points),
        topics_of(item.title, item.detail),
    )


def _indicator(ind: Indicator, total: int | None) -> IndicatorCtx:
    return IndicatorCtx(
        name=trim(ind.name),
        score=facts.number_text(ind.score),
        full=facts.number_text(ind.full),
        rank=ind.rank,
        previous=ind.previous,
        value=facts.number_text(ind.value),
        unit=trim(ind.unit) if ind.unit else "",
        target=facts.number_text(ind.target),
        last_year=facts.number_text(ind.last_year),
        direction=facts.indicator_direction(ind),
        light=facts.indicator_light(ind),
        band=facts.position_band(ind.rank, total),
        verb=facts.indicator_verb(trim(ind.name), ind.unit),
        vs_target=facts.compare(ind.value, ind.target),
        vs_last_year=facts.compare(ind.value, ind.last_year),
        target_diff=facts.difference_text(ind.value, ind.target),
        last_year_diff=facts.difference_text(ind.value, ind.last_year),
        diff_unit=facts.difference_unit(ind.unit),
    )


def _said_elsewhere(title: str, strengths: tuple[ItemCtx, ...]) -> bool:
    """A strong item a strength already names (征管质效 in 征管质效模块名列前茅)."""
    return any(title in f"{s.title}{s.detail or ''}" for s in strengths)


def _ranking(r: Ranking, strengths: tuple[ItemCtx, ...] = ()) -> RankingCtx:
    direction = rank_direction(r.previous, r.current)
    change = abs(r.current - r.previous) if direction != NONE else None  # type: ignore[operator]
    below = None
    if r.score is not None and r.average is not None:
        below = r.score < r.average
    return RankingCtx(
        assessment=_t(r.assessment),
        period=_t(r.period),
        previous=r.previous,
        current=r.current,
        total=r.total,
        target=_t(r.target),
        reported_by=_t(r.reported_by),
        strong_items=tuple(_item(i) for i in r.strong_items),
        weak_items=tuple(_item(i) for i in r.weak_items),
        direction=direction,
        change=change,
        score=facts.number_text(r.score),
        average=facts.number_text(r.average),
        leader=PeerCtx(trim(r.leader.name), None, facts.number_text(r.leader.score))
        if r.leader
        else None,
        peers=tuple(PeerCtx(trim(p.name), p.rank, facts.number_text(p.score)) for p in r.peers),
        indicators=tuple(_indicator(i, r.total) for i in r.indicators),
        band=facts.position_band(r.current, r.total),
        size=facts.change_size(r.previous, r.current),
        gap=facts.target_gap(r.target, r.current),
        floor_gap=facts.target_floor_gap(r.target, r.current),
        below_average=below,
        leader_gap=facts.number_text(r.leader.score - r.score)
        if r.leader and r.leader.score is not None and r.score is not None
        else None,
        band_words=facts.band_words(facts.position_band(r.current, r.total)),
        strong_unsaid=tuple(
            _item(i) for i in r.strong_items if not _said_elsewhere(trim(i.title), strengths)
        ),
    )


def _styled(r: RankingCtx, rank_style: str) -> RankingCtx:
    """The ranking with its ranks, and its indicators' ranks, in the speaker's numerals."""
    indicators = tuple(dataclasses.replace(i, rank_style=rank_style) for i in r.indicators)
    return dataclasses.replace(r, rank_style=rank_style, indicators=indicators)


def _heard(r: RankingCtx, heard: str, speakers: str, listed: bool) -> RankingCtx:
    """Fill in what the result line may leave out: what prior speakers already said
    (``heard``: their words joined by ；, ``speakers``: their names) and, when ``listed``
    (the part lists the indicators itself), the items an indicator already names."""
    shown = {i.name for i in r.indicators} if listed else set()
    by = r.reported_by or ""
    return dataclasses.replace(
        r,
        assessment_heard=bool(r.assessment) and r.assessment in heard,  # type: ignore[operator]
        reporter_unsaid="" if by in heard or by in speakers else by,
        strong_to_say=tuple(i for i in r.strong_unsaid if i.title not in shown),
        weak_to_say=tuple(i for i in r.weak_items if i.title not in shown),
    )


def _measure(
    m: Measure, date_style: str, number: int, meeting_date: BriefDate | None = None
) -> MeasureCtx:
    deadline_text = None
    if isinstance(m.deadline, BriefDate):
        same_year = meeting_date is not None and meeting_date.year == m.deadline.year
        deadline_text = cn_date(m.deadline, date_style, year=not same_year)
    elif m.deadline is not None:
        deadline_text = trim(m.deadline)
    return MeasureCtx(
        title=trim(m.title),
        points=tuple(_item(p) for p in m.points),
        owner=_t(m.owner),
        deadline=m.deadline,
        deadline_text=deadline_text,
        co_owners=tuple(trim(c) for c in m.co_owners),
        why=_t(m.why),
        steps=tuple(trim(s) for s in m.steps),
        milestones=tuple(MilestoneCtx(trim(x.when), trim(x.what)) for x in m.milestones),
        target=_t(m.target),
        example=_t(m.example),
        deadline_kind=facts.deadline_kind(m.deadline),
        topics=topics_of(m.title),
        number=number,
        days_left=facts.days_left(m.deadline, meeting_date),
    )


def _overall(rankings: tuple[RankingCtx, ...]) -> str:
    """The speech's direction over all assessments: mixed (有喜有忧) when one rose and one
    fell, else a fall over a rise over no change: one fall calls for 危机感 even when
    another assessment stayed where it was."""
    directions = [r.direction for r in rankings]
    if facts.mixed_verdict(directions):
        return MIXED
    return next((d for d in (DOWN, UP, SAME) if d in directions), NONE)


def _meeting(brief: Brief, date_style: str) -> MeetingCtx:
    m = brief.meeting
    nxt = m.next_speaker
    return MeetingCtx(
        name=trim(m.name),
        organization=trim(m.organization),
        title=m.title.strip() if m.title else f"在{trim(m.name)}上的讲话",
        date=m.date,
        date_text=cn_date(m.date, date_style) if m.date else None,
        speaker=_t(m.speaker),
        speaker_title=_t(m.speaker_title),
        subtitle=_t(m.subtitle),
        audience=_t(m.audience),
        minutes=m.minutes,
        prior_speakers=tuple(SpeakerCtx(trim(p.who), _t(p.did), p.kind) for p in m.prior_speakers),
        level=m.level or "单位",
        we=facts.collective_noun(m.level, _t(m.we), trim(m.organization)),
        we_given=_t(m.we) is not None,
        units=facts.units_below(m.level),
        territory=(m.level or "单位") in ("区", "县", "市", "省"),
        scope=facts.scope_noun(m.level, trim(m.organization)),
        sector=unit_sector(trim(m.organization), trim(m.name)),
        on_behalf_of=_t(m.on_behalf_of),
        audience_role=facts.audience_role(m.audience_role, m.audience),
        theme=_t(m.theme),
        leadership_body=_t(m.leadership_body),
        next_speaker=NextSpeakerCtx(trim(nxt.who), trim(nxt.does) if nxt.does else "作重要讲话")
        if nxt
        else None,
    )


def _praise(p: Praise) -> PraiseCtx:
    return PraiseCtx(trim(p.who), trim(p.for_))


def _case(c: Case) -> CaseCtx:
    return CaseCtx(trim(c.who), trim(c.what), _t(c.result), _t(c.lesson))


def _cases(cases: list[Case]) -> tuple[CaseCtx, ...]:
    """The cases, each with its kinds (a kind told once, by the first case of it)."""
    plain = [_case(c) for c in cases]
    kinds = integrity.case_kinds((c.who + c.what, c.lesson) for c in plain)
    return tuple(dataclasses.replace(c, kinds=k) for c, k in zip(plain, kinds, strict=True))


def _step(s: NextStep) -> NextStepCtx:
    return NextStepCtx(trim(s.when), trim(s.what), _t(s.who))


def _written(brief: Brief) -> str:
    """The writer's own texts printed as typed (items, measures, praise, next steps): the
    numerals they write ranks in stay in the draft."""
    items = [*brief.strengths, *brief.weaknesses]
    for r in brief.rankings:
        items += [*r.strong_items, *r.weak_items]
    texts = [t for i in items for t in (i.title, i.detail, i.example, *i.points)]
    for m in brief.measures:
        texts += [m.title, m.why, m.target, m.example, *m.steps]
    texts += [p.for_ for p in brief.praise] + [s.what for s in brief.next_steps]
    return "".join(t for t in texts if t)


def build_context(
    brief: Brief,
    options: dict[str, Any] | None = None,
    seed: int = 0,
    plan: OutlinePlan | None = None,
) -> SpeechContext:
    """Build the template context for ``brief`` (``options`` already merged with defaults)."""
    opts = dict(options if options is not None else brief.options)
    date_style = "chinese" if opts.get("date_style") == "chinese" else "arabic"
    strengths = tuple(_item(i) for i in brief.strengths)
    announced = facts.results_announced(
        [(p.who, p.did, p.kind) for p in brief.meeting.prior_speakers],
        [r.reported_by for r in brief.rankings],
    )
    remarks: dict[str, list[str]] = {}
    for remark in brief.remarks:
        remarks.setdefault(remark.at.strip(), []).append(trim(remark.text))
    spoken = "".join("".join(v) for v in remarks.values())
    written = _written(brief)
    prior = brief.meeting.prior_speakers
    heard = "；".join(trim(p.did) for p in prior if p.did and trim(p.did))
    speakers = "；".join(trim(p.who) for p in prior)
    rankings = tuple(
        _heard(
            dataclasses.replace(
                _styled(
                    _ranking(r, strengths),
                    facts.rank_style(spoken, r.previous, r.current, written=written),
                ),
                announced=announced,
                first=n == 0,
            ),
            heard,
            speakers,
            listed=plan is None or plan.part("indicators") is None,
        )
        for n, r in enumerate(brief.rankings)
    )
    rankings = economy.mark_analysed(rankings)
    measures = tuple(
        _measure(x, date_style, n, brief.meeting.date) for n, x in enumerate(brief.measures, 1)
    )
    return SpeechContext(
        meeting=_meeting(brief, date_style),
        ranking=rankings[0] if rankings else None,
        strengths=strengths,
        weaknesses=tuple(_item(i) for i in brief.weaknesses),
        measures=tuple(
            dataclasses.replace(x, linked=economy.linked(rankings, x.economy_topics))
            for x in measures
        ),
        counts=Counts(len(brief.strengths), len(brief.weaknesses), len(brief.measures)),
        options=opts,
        seed=seed,
        rankings=rankings,
        direction=_overall(rankings),
        praise=tuple(_praise(p) for p in brief.praise),
        cases=_cases(brief.cases),
        next_steps=tuple(_step(s) for s in brief.next_steps),
        remarks=Remarks(
            {k: tuple(v) for k, v in remarks.items()}, bool(brief.meeting.prior_speakers)
        ),
        plan=plan,
    )
