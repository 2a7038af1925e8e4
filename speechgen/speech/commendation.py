"""Decisions of the commendation speech (总结表彰会), so that its template only says things.

Where the results, shortfalls and targets go, how much stock material a passage may add,
which rhetorical devices fit, which measures and weaknesses a part speaks of: all read
from the plan and the brief's facts here. The template asks ``commendation()`` once and
keeps every sentence it says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from .plan import DEVICES, OutlinePlan, PartPlan

REVIEW_KINDS = ("situation", "strengths")
GOAL_KINDS = ("focus", "measures")
QUESTION = "反问"
CHEER = "祝贺"
DECISION = "decision"
UNIT = "单位"
PLAIN_ITEMS = ("一是", "一要", "首先")
# The learning part's three qualities (学担当、学进取、学实干) and the words of a deed that
# show each: a named honouree is told under the quality its deed shows best.
TRAITS = ("loyal", "strive", "devote")
TRAIT_WORDS = {
    "loyal": (
        "抢修",
        "抢通",
        "连续",
        "连夜",
        "昼夜",
        "冲",
        "救",
        "险",
        "攻坚",
        "侦破",
        "抗",
        "关键时刻",
    ),
    "strive": ("第一", "最高", "为零", "零", "首", "率先", "创新", "推行", "下降", "提升", "优秀"),
    "devote": ("扎根", "一线", "坚守", "默默", "带班", "完成", "年", "服务", "劝阻"),
}
# budget (characters) from which a passage may add two or three stock paragraphs
MORE_AT = ((3600, 3), (2800, 2))


@dataclass(frozen=True)
class Commendation:
    """What the commendation template decides, from the plan and the brief's facts."""

    plan: OutlinePlan
    ranking: Any = None
    rankings: Sequence[Any] = ()
    opening: Sequence[str] = ()
    weaknesses: Sequence[Any] = ()
    measures: Sequence[Any] = ()
    speaker_kinds: Sequence[str] = ()
    scope: str = ""
    level: str = UNIT
    praise: Sequence[Any] = ()
    next_steps: Sequence[Any] = ()

    @property
    def review(self) -> PartPlan | None:
        """The part that looks back (回顾成绩), or None."""
        return self.plan.first_of(*REVIEW_KINDS)

    @property
    def goal(self) -> PartPlan | None:
        """The part that looks ahead (锚定新目标), or None."""
        return self.plan.first_of(*GOAL_KINDS)

    @property
    def rank_at(self) -> PartPlan | None:
        """Where the assessment results are said: the review, else the goals."""
        return self.review or self.goal

    @property
    def weak_at(self) -> PartPlan | None:
        """Where the shortfalls and the rank targets are said: the goals, else the review."""
        return self.goal or self.review

    @property
    def last_goal(self) -> PartPlan | None:
        """The last part that looks ahead: the near-term steps and the leadership's word go there."""
        return self.plan.last_of(*GOAL_KINDS)

    @property
    def ack(self) -> str | None:
        """What the earlier speakers did that the acknowledgement answers: the first kind
        other than the decision read out (its congratulations are the speech's own)."""
        return next((k for k in self.speaker_kinds if k != DECISION), None)

    @property
    def cheered(self) -> bool:
        """The speaker's own opening words already congratulate (祝贺) the honoured."""
        return CHEER in "".join(self.opening)

    @property
    def more(self) -> int:
        """How many stock paragraphs a passage may add: more for a longer budget."""
        return next((n for least, n in MORE_AT if self.plan.budget >= least), 1)

    @property
    def devices(self) -> tuple[str, ...]:
        """The devices stock material may use: a rhetorical question only after a fall."""
        fell = self.ranking is not None and self.ranking.direction == "down"
        return tuple(d for d in DEVICES if d != QUESTION or fell)

    def alarm_devices(self, part: PartPlan | None) -> tuple[str, ...]:
        """The devices of the alarm after a fall: no candour beside the speaker's own words
        on the part (only the rhetorical question then)."""
        return (QUESTION,) if part is not None and part.remarks else self.devices

    def targets(self, part: PartPlan) -> tuple[Any, ...]:
        """The assessments with a target, when ``part`` is where targets are said."""
        return tuple(r for r in self.rankings if r.target) if part == self.weak_at else ()

    def weak(self, part: PartPlan) -> tuple[Any, ...]:
        """The weaknesses ``part`` speaks of (those of its sections)."""
        return tuple(self.weaknesses) if "weaknesses" in part.sections else ()

    @property
    def weak_items(self) -> tuple[Any, ...]:
        """The assessment items that lost points, over every assessment."""
        return tuple(i for r in self.rankings for i in r.weak_items)

    def lost(self, part: PartPlan) -> tuple[Any, ...]:
        """The assessment items that lost points and that none of the weaknesses ``part``
        speaks of already names (线损管理 after 线损管理仍有短板 is not said again)."""
        said = "".join(f"{w.title}{w.detail or ''}" for w in self.weak(part))
        return tuple(i for i in self.weak_items if i.title not in said)

    def goals(self, part: PartPlan) -> tuple[Any, ...]:
        """The measures ``part`` deploys: all of them in a part with a measures section,
        else those the outline gave it."""
        if "measures" in part.sections:
            return tuple(self.measures)
        return tuple(x for x in self.measures if x.number in part.measures)

    @staticmethod
    def nested(part: PartPlan) -> bool:
        """The part's items are 一是/一要/首先 points: lists inside them are joined with ；."""
        return part.items in PLAIN_ITEMS

    def plain(self, part: PartPlan) -> bool:
        """The part's measures are 一是/一要/首先 points (their own lists then use ；)."""
        return self.nested(part) and len(self.goals(part)) > 1

    @staticmethod
    def reasoned(x: Any) -> bool:
        """A measure with the writer's why gets one stock paragraph more, unless it already
        says what to do (steps or points) and to what end (a target)."""
        return bool(x.why and not ((x.steps or x.points) and x.target))

    @property
    def named(self) -> dict[str, Any]:
        """Which praised unit or person each quality of the learning part is told through
        (``loyal``, ``strive``, ``devote`` to a praise entry), when two or more are praised:
        the assignment whose deeds show the qualities best, ties kept in the brief's order."""
        if len(self.praise) < 2:
            return {}
        best: tuple[int, ...] = ()
        best_score = -1
        for order in permutations(range(len(self.praise)), min(len(TRAITS), len(self.praise))):
            score = sum(_shows(self.praise[i].deed, t) for i, t in zip(order, TRAITS, strict=False))
            if score > best_score:
                best, best_score = order, score
        return {t: self.praise[i] for i, t in zip(best, TRAITS, strict=False)}

    def told(self, trait: str) -> str:
        """The honouree and deed a quality opens with (「抗冰保电突击队在老鹰岭……」), or ""."""
        p = self.named.get(trait)
        return f"{p.who}{p.deed}" if p is not None else ""

    @property
    def unnamed(self) -> tuple[Any, ...]:
        """The praised the learning part lists before its qualities: those no quality tells."""
        told = [id(p) for p in self.named.values()]
        return tuple(p for p in self.praise if id(p) not in told)

    @property
    def steps_slot(self) -> str:
        """The material that announces the near-term steps: one step or several."""
        return "measures.next_steps" if len(self.next_steps) > 1 else "measures.next_step"

    @property
    def home(self) -> str:
        """What the unit's 发展/事业 belongs to: a unit's own noun without 全 (公司 from
        全公司: 全公司发展 reads wrong); the scope itself for a territory or system (全县,
        全系统) and for a one-character unit noun (全局, 全院)."""
        if self.level != UNIT or not self.scope.startswith("全") or len(self.scope) < 3:
            return self.scope
        return self.scope[1:]

    @property
    def leads(self) -> bool:
        """First place, not reached by a fall: the speech may speak of extending the lead."""
        r = self.ranking
        return r is not None and r.band == "榜首" and r.direction != "down"

    @property
    def holds(self) -> bool:
        """In the top places and not short of a target: keep the place (no 领先 said)."""
        r = self.ranking
        return r is not None and r.keep_lead and r.target_state in (None, "reached")


def _shows(deed: str, trait: str) -> int:
    """How many of a quality's words a deed has (连续作业、抢通 show 担当)."""
    return sum(w in deed for w in TRAIT_WORDS[trait])


def commendation_view(values: Mapping[str, Any]) -> Commendation:
    """The decisions for a commendation speech from the template's context ``values``."""
    remarks = values.get("remarks") or {}
    return Commendation(
        plan=values["plan"],
        ranking=values.get("ranking"),
        rankings=values.get("rankings") or (),
        opening=tuple(remarks.get("opening", ())),
        weaknesses=values.get("weaknesses") or (),
        measures=values.get("measures") or (),
        speaker_kinds=tuple(values["meeting"].speaker_kinds),
        scope=values["meeting"].scope,
        level=values["meeting"].level,
        praise=values.get("praise") or (),
        next_steps=values.get("next_steps") or (),
    )
