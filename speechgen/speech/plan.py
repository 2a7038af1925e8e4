"""Plan the outline: which parts, in which order, numbered how, and how long each may be.

A template's manifest offers part kinds and a default outline; the brief's ``outline``
chooses, orders and renames parts, sets each part's sub-item style, the announce style,
the top-level numbering and a refrain. The planner decides; templates only follow the
plan, and the blocks layer numbers what it says (DESIGN.md §2–§4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..brief.model import PART_KIND_NAMES, Brief, OutlinePart
from .spoken import trim

CHARS_PER_MINUTE = 220
FRAME_SHARE = 0.14  # opening and closing together
KIND_WEIGHTS = {
    "situation": 3.0,
    "strengths": 2.0,
    "weaknesses": 2.0,
    "focus": 2.0,
    "measures": 4.0,
    "requirements": 2.0,
    "learning": 2.0,
    "cases": 3.0,
    "indicators": 3.0,
    "custom": 1.0,
}
ITEM_STYLES = ("headings", "一是", "一要", "首先", "none")
INLINE_ITEM_STYLES = ("一是", "一要", "首先")
# Rhetorical devices material may be tagged with (``when: {device: …}``).
DEVICES = ("反问", "有的有的", "比喻", "三句", "俗语", "直接称呼", "坦率")
CANDOUR = "坦率"


def devices_beside(remarks: Sequence[str]) -> tuple[str, ...]:
    """The devices stock material may use in a passage: all of them, but no candour
    (说实话……) where the speaker already speaks in their own words (``remarks``)."""
    return tuple(d for d in DEVICES if d != CANDOUR) if remarks else DEVICES


# Brief sections and the part kind that renders them.
SECTION_OF_KIND = {
    "strengths": "strengths",
    "weaknesses": "weaknesses",
    "measures": "measures",
    "cases": "cases",
    "learning": "praise",
}


@dataclass(frozen=True)
class TemplateOutline:
    """What a template's manifest says about outlines (plain data, read by the registry)."""

    offered: tuple[str, ...]
    default: tuple[str, ...]
    sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    items: Mapping[str, str] = field(default_factory=dict)
    length: int = 2450
    declared: bool = True  # False for a template whose manifest names no part kinds
    # a default-outline part that needs more than one item of its material, or an option:
    # {"learning": PartNeed(least=2, options={"combine": "commendation"})}
    needs: Mapping[str, PartNeed] = field(default_factory=dict)
    # the manifest's own share of the budget for some kinds (else KIND_WEIGHTS)
    weights: Mapping[str, float] = field(default_factory=dict)

    def weight(self, kind: str) -> float:
        """How large a part of ``kind`` is against its siblings."""
        return self.weights.get(kind, KIND_WEIGHTS[kind])


@dataclass(frozen=True)
class PartNeed:
    """When a default-outline part is worth its own heading: at least ``least`` items of
    its material (praise for 学习先进), or one of ``options`` set to the given value."""

    least: int = 1
    options: Mapping[str, str] = field(default_factory=dict)

    def met(self, count: int, chosen: Mapping[str, object]) -> bool:
        """True when the brief gives ``count`` items and its options are ``chosen``."""
        if any(str(chosen.get(k)) == v for k, v in self.options.items()):
            return True
        return count >= self.least


@dataclass(frozen=True)
class PartPlan:
    """One 一、 part: its kind, the writer's heading if any, how its items are numbered."""

    kind: str
    number: int
    key: str
    heading: str | None
    items: str
    measures: tuple[int, ...] = ()
    text: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    budget: int = 0
    remarks: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The kind's Chinese name (形势与排名, 举措与任务…)."""
        return PART_KIND_NAMES[self.kind]

    @property
    def inline(self) -> bool:
        """Its items are said in running text (一是, 一要, 首先): a list inside one of them
        is joined by semicolons, not numbered again."""
        return self.items in INLINE_ITEM_STYLES

    @property
    def devices(self) -> tuple[str, ...]:
        """Devices this part's stock material may use (:func:`devices_beside` its remarks)."""
        return devices_beside(self.remarks)


@dataclass(frozen=True)
class OutlinePlan:
    """The speech's outline as the blocks layer will number it."""

    parts: tuple[PartPlan, ...]
    announce: str = "count"
    numbering: str = "一、"
    refrain: str | None = None
    budget: int = 0
    frame_budget: int = 0

    def part(self, kind: str) -> PartPlan | None:
        """The first part of ``kind``, or None."""
        return next((p for p in self.parts if p.kind == kind), None)

    def first_of(self, *kinds: str) -> PartPlan | None:
        """The first part of any of ``kinds``, or None."""
        return next((p for p in self.parts if p.kind in kinds), None)

    def last_of(self, *kinds: str) -> PartPlan | None:
        """The last part of any of ``kinds``, or None (where a closing word of theirs goes)."""
        return next((p for p in reversed(self.parts) if p.kind in kinds), None)

    @property
    def devices(self) -> tuple[str, ...]:
        """Every device (:data:`DEVICES`): the opening's and closing's stock material may use any."""
        return DEVICES

    def devices_beside(self, remarks: Sequence[str]) -> tuple[str, ...]:
        """The devices for a passage where the speaker says ``remarks`` (no candour then)."""
        return devices_beside(remarks)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the parts, in order."""
        return tuple(p.kind for p in self.parts)

    @property
    def stock_kinds(self) -> tuple[str, ...]:
        """Kinds of the parts whose heading comes from a heading set (no heading of the writer's)."""
        return tuple(dict.fromkeys(p.kind for p in self.parts if not p.heading))

    @property
    def stock_keys(self) -> tuple[str, ...]:
        """Keys of those parts (measures, measures2…): a second part of one kind gets its
        own heading from the same set."""
        return tuple(p.key for p in self.parts if not p.heading)


class OutlineProblem(Exception):
    """A brief's outline the template cannot follow: ``loc`` in the brief and a Chinese message."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


def budget_for(brief: Brief, template: TemplateOutline, rate: int = CHARS_PER_MINUTE) -> int:
    """The length budget in characters: minutes × rate, else the template's default."""
    minutes = brief.meeting.minutes
    return minutes * rate if minutes else template.length


def _material_count(kind: str, brief: Brief) -> int | None:
    """How many items the brief gives for a part of ``kind`` (None: a kind with no list)."""
    counts = {
        "strengths": len(brief.strengths),
        "weaknesses": len(brief.weaknesses),
        "measures": len(brief.measures),
        "cases": len(brief.cases),
        "learning": len(brief.praise),
    }
    return counts.get(kind)


def _worth_a_part(
    kind: str, brief: Brief, template: TemplateOutline, options: Mapping[str, object]
) -> bool:
    """A default-outline part is kept when the brief gives material for it (or for a
    section folded into it), and what the manifest's ``needs`` asks of it."""
    need = template.needs.get(kind)
    if need is not None:
        return need.met(_material_count(kind, brief) or 0, options)
    return _has_material(kind, brief) or any(
        _has_material(s, brief) for s in template.sections.get(kind, ())
    )


def _has_material(kind: str, brief: Brief) -> bool:
    """Whether the brief gives anything for a part of ``kind`` in a default outline."""
    if kind == "indicators":
        return any(r.indicators for r in brief.rankings)
    count = _material_count(kind, brief)
    return count is None or count > 0


def _worth_a_section(kind: str, brief: Brief) -> bool:
    """A kind folded into another part as a sub-point is said when the brief gives material
    for it; a focus sub-point (重点) names the measures deployed, so it needs two of them."""
    if kind == "focus":
        return len(brief.measures) > 1
    return _has_material(kind, brief)


def _check_kinds(brief: Brief, template: TemplateOutline) -> None:
    assert brief.outline is not None
    offered = "、".join(f"{k}（{PART_KIND_NAMES[k]}）" for k in template.offered)
    for n, part in enumerate(brief.outline.parts):
        if part.kind != "custom" and part.kind not in template.offered:
            raise OutlineProblem(
                ("outline", "parts", n, "kind"),
                f"这个模板没有“{part.kind}”部分；可用的部分有 {offered}，以及 custom（自己写的部分）",
            )


def plan_outline(
    brief: Brief, template: TemplateOutline, options: Mapping[str, object] | None = None
) -> OutlinePlan:
    """Plan the outline for ``brief`` under ``template``; raise :class:`OutlineProblem`."""
    options = options or {}
    outline = brief.outline
    chosen: list[tuple[str, OutlinePart | None]]
    if outline is not None and outline.parts:
        _check_kinds(brief, template)
        chosen = [(p.kind, p) for p in outline.parts]
    else:
        chosen = [(k, None) for k in template.default if _worth_a_part(k, brief, template, options)]
    kinds = [k for k, _ in chosen]
    substyle = options.get("substyle")
    total = budget_for(brief, template)
    frame = int(total * FRAME_SHARE)
    weights = [template.weight(k) for k in kinds] or [1.0]
    unit = (total - frame) / sum(weights)
    selected = {i for _, p in chosen if p is not None for i in p.select}
    parts = []
    seen: dict[str, int] = {}
    for number, (kind, given) in enumerate(chosen, start=1):
        seen[kind] = seen.get(kind, 0) + 1
        items = (given.items if given else None) or _default_items(kind, template, substyle)
        measures: tuple[int, ...] = ()
        if kind == "measures":
            if given is not None and given.select:
                measures = tuple(given.select)
            else:
                measures = tuple(i for i in range(1, len(brief.measures) + 1) if i not in selected)
        sections = tuple(
            s
            for s in template.sections.get(kind, ())
            if s not in kinds and _worth_a_section(s, brief)
        )
        parts.append(
            PartPlan(
                kind=kind,
                number=number,
                key=kind if seen[kind] == 1 else f"{kind}{seen[kind]}",
                heading=trim(given.heading) if given and given.heading else None,
                items=items,
                measures=measures,
                text=tuple(trim(t) for t in given.text) if given else (),
                sections=sections,
                budget=int(unit * template.weight(kind)),
                remarks=tuple(
                    trim(r.text) for r in brief.remarks if r.at.strip() == f"parts.{number}"
                ),
            )
        )
    return OutlinePlan(
        parts=tuple(parts),
        announce=(outline.announce if outline and outline.announce else "count"),
        numbering=(outline.numbering if outline and outline.numbering else "一、"),
        refrain=trim(outline.refrain) if outline and outline.refrain else None,
        budget=total,
        frame_budget=frame,
    )


def _default_items(kind: str, template: TemplateOutline, substyle: object) -> str:
    """A part's sub-item style when the brief does not set one: the option, then the manifest."""
    if substyle == "inline":
        return "一是"
    if substyle == "headings":
        return "headings"
    return template.items.get(kind, "headings")


def unrendered_fields(
    brief: Brief, plan: OutlinePlan, uses: Sequence[str], declared: bool = True
) -> list[str]:
    """Brief sections that hold values but that neither the template nor the outline renders."""
    missing = []
    rendered_kinds = set(plan.kinds) | {s for p in plan.parts for s in p.sections}
    present = {
        "strengths": bool(brief.strengths),
        "weaknesses": bool(brief.weaknesses),
        "measures": bool(brief.measures),
        "cases": bool(brief.cases),
        "praise": bool(brief.praise),
        "ranking": bool(brief.rankings),
        "remarks": bool(brief.remarks),
        "next_steps": bool(brief.next_steps),
    }
    for section, has in present.items():
        if has and section not in uses:
            missing.append(section)
    for kind, section in SECTION_OF_KIND.items() if declared else ():
        if present.get(section) and section in uses and kind not in rendered_kinds:
            if section == "praise" and "praise" in uses:
                continue  # praise has a place in the opening or closing when no part holds it
            missing.append(section)
    if declared and brief.measures and "measures" in plan.kinds:
        covered = {i for p in plan.parts for i in p.measures}
        left = [i for i in range(1, len(brief.measures) + 1) if i not in covered]
        if left:
            missing.append(f"measures（第{'、'.join(map(str, left))}项没有放进任何部分）")
    return sorted(set(missing), key=missing.index)
