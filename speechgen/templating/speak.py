"""Render a brief's speech markup: plan the outline, render, then fill parts to their budget.

The first pass renders with no library filler and measures each part; the second pass
gives each part's ``fill`` calls what its length budget still lacks (never more than the
whole speech lacks), so the writer's own material is always in full and library material
stops at the budget (DESIGN.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..brief.loader import LoadedBrief
from ..brief.model import Brief
from ..errors import InputProblems, Problem, UserError
from ..speech import markup
from ..speech.blocks import Heading, Paragraph
from ..speech.context import SpeechContext, build_context
from ..speech.plan import OutlinePlan, OutlineProblem, plan_outline, unrendered_fields
from .material import Picker, spoken_length
from .registry import TemplateInfo
from .rendering import merge_options, render_markup, template_library, template_outline
from .slots import material_tags

FRAME = "frame"
TOP_UP = 0.9  # a filled draft under this share of its budget gets one more filling pass


@dataclass(frozen=True)
class Spoken:
    """A rendered speech's markup and the context and plan it was rendered from."""

    text: str
    context: SpeechContext
    plan: OutlinePlan


def plan_for(
    brief: Brief,
    info: TemplateInfo,
    roots: list[tuple[Path, str]],
    options: dict[str, Any],
    loaded: LoadedBrief | None = None,
) -> OutlinePlan:
    """The outline plan, or a located error for an outline the template cannot follow."""
    try:
        return plan_outline(brief, template_outline(info, roots), options)
    except OutlineProblem as exc:
        raise _located(loaded, exc.loc, exc.message) from None


def refuse_unrendered(
    brief: Brief,
    info: TemplateInfo,
    roots: list[tuple[Path, str]],
    plan: OutlinePlan,
    loaded: LoadedBrief | None,
) -> None:
    """Exit 2 naming brief values the template or the outline would drop (never silently).

    A template whose manifest declares no ``uses`` is not judged: nothing says what it renders.
    """
    if not info.uses:
        return
    declared = template_outline(info, roots).declared
    missing = unrendered_fields(brief, plan, info.uses, declared)
    if missing:
        fields = "、".join(info.uses) or "（无）"
        kinds = "、".join(plan.kinds)
        raise _located(
            loaded,
            (missing[0].split("（")[0],),
            f"模板 {info.name} 按现在的提纲（{kinds}）不会讲到简报里的 {'、'.join(missing)}："
            f"请换一个模板、在 outline 里加上相应的部分，或删去这些内容（这个模板用到：{fields}）",
        )


def _located(loaded: LoadedBrief | None, loc: tuple[Any, ...], message: str) -> UserError:
    if loaded is None:
        return UserError(f"{'.'.join(str(x) for x in loc)}  {message}")
    return InputProblems([loaded.problem(loc, message, at_key=True)])


def speak(
    brief: Brief,
    info: TemplateInfo,
    roots: list[tuple[Path, str]],
    *,
    seed: int = 0,
    loaded: LoadedBrief | None = None,
) -> Spoken:
    """Render ``brief`` with ``info``: the markup of a speech filled to its length budget."""
    options = merge_options(info, dict(brief.options), loaded)
    plan = plan_for(brief, info, roots, options, loaded)
    context = build_context(brief, options, seed, plan)
    picker = Picker(
        template_library(info, roots), material_tags(context), seed, salt=context.meeting.name
    )
    first = render_markup(info, context, roots, picker)
    refuse_unrendered(brief, info, roots, plan, loaded)
    if not picker.fill_calls:
        return Spoken(first, context, plan)
    source = str(info.folder / info.entry)
    budgets = fill_budgets(first, plan, source)
    second = render_markup(info, context, roots, picker.second_pass(budgets))
    more = topped_up(budgets, second, plan, source)
    if more is None:
        return Spoken(second, context, plan)
    return Spoken(render_markup(info, context, roots, picker.second_pass(more)), context, plan)


def part_lengths(text: str, source: str) -> tuple[int, list[int]]:
    """Spoken length of the opening (before the first part) and of each level-1 part."""
    opening = 0
    parts: list[int] = []
    for block in markup.parse(text, source):
        if isinstance(block, Heading) and block.level == 1:
            parts.append(spoken_length(block.text))
            continue
        if isinstance(block, (Heading, Paragraph)):
            size = spoken_length(block.text) + (
                spoken_length(block.lead) if isinstance(block, Paragraph) else 0
            )
            if parts:
                parts[-1] += size
            else:
                opening += size
    return opening, parts


def fill_budgets(text: str, plan: OutlinePlan, source: str) -> dict[str, int]:
    """What each part (and the frame) still lacks, scaled to what the whole speech lacks."""
    opening, lengths = part_lengths(text, source)
    wants = {FRAME: max(0, plan.frame_budget - opening)}
    for part, length in zip(plan.parts, lengths, strict=False):
        wants[part.key] = max(0, part.budget - length)
    lacking = max(0, plan.budget - opening - sum(lengths))
    asked = sum(wants.values())
    if asked > lacking and asked > 0:
        wants = {k: int(v * lacking / asked) for k, v in wants.items()}
    return wants


def topped_up(
    budgets: dict[str, int], text: str, plan: OutlinePlan, source: str
) -> dict[str, int] | None:
    """Budgets for one more filling pass when the filled draft is still under 90 % of its
    budget: what the draft still lacks is added to every place that had a budget, in
    proportion; a place whose material is capped or used up cannot spend it, so the
    others do. None when no pass is due."""
    opening, lengths = part_lengths(text, source)
    length = opening + sum(lengths)
    if plan.budget <= 0 or length >= plan.budget * TOP_UP:
        return None
    open_places = {k: v for k, v in budgets.items() if v > 0}
    if not open_places:
        return None
    lacking = plan.budget - length
    total = sum(open_places.values())
    return {k: v + (lacking * open_places.get(k, 0)) // total for k, v in budgets.items()}


def problems_of(error: UserError) -> list[Problem]:
    """The located problems of an error (for callers that collect them)."""
    return list(getattr(error, "problems", []))
