"""Length: characters per part and in total, against meeting.minutes and the length budget.

Too long: the speaking time exceeds ``meeting.minutes`` by more than 10 %. Too short:
the draft has less than 70 % of its budget (:mod:`..budget`: the minutes at the
speaking rate, else the genre's default length).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...speech.budget import missing_material, thin_note
from ..budget import speech_budget, template_uses
from ..model import Document, Finding
from ..outline import parts
from ..text import spoken_length
from .context import CheckContext

OVER_TARGET = 1.1
UNDER_BUDGET = 0.7
BALANCE = 3


@dataclass(frozen=True)
class Section:
    """A stretch of the speech (开头, 第一部分…) and its spoken length."""

    label: str
    para: int
    number: int | None
    chars: int


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Record the length statistics and flag a speech longer than its target."""
    sections = [
        Section(
            label,
            start,
            doc.paras[start].number if start < len(doc.paras) else None,
            sum(spoken_length(p.text) for p in doc.paras[start:end]),
        )
        for label, start, end in parts(doc, ctx.outline(doc))
    ]
    total = sum(s.chars for s in sections)
    minutes = total / ctx.chars_per_minute
    target = ctx.minutes
    budget = speech_budget(ctx.brief, ctx.chars_per_minute) if ctx.brief is not None else None
    ctx.stats.update(
        {
            "chars": total,
            "minutes": round(minutes, 1),
            "chars_per_minute": ctx.chars_per_minute,
            "target_minutes": target,
            "budget": budget.chars if budget else None,
            "parts": [
                {"label": s.label, "paragraph": s.number, "chars": s.chars} for s in sections
            ],
        }
    )
    if target and minutes > target * OVER_TARGET:
        yield Finding(
            "length.time",
            f"全文约{total}字，按每分钟{ctx.chars_per_minute}字约需{minutes:.0f}分钟，"
            f"超过了目标时长{target}分钟",
        )
    uses = template_uses(str(getattr(ctx.brief, "template", "") or "")) if ctx.brief else None
    if budget and total < budget.chars * UNDER_BUDGET:
        fields = "；".join(missing_material(ctx.brief, uses)[:6]) or "举措的 why、steps、example"
        yield Finding(
            "length.short",
            f"全文约{total}字，不到篇幅预算{budget.chars}字（{budget.source}）的"
            f"{UNDER_BUDGET:.0%}：讲话显得单薄。可在简报中补充：{fields}",
        )
    elif budget and ctx.brief is not None:
        note = thin_note(ctx.brief, total, budget.chars, uses)
        if note:
            yield Finding("length.thin", note.removeprefix("提示："))
    body = [s for s in sections if s.label not in ("开头", "全文")]
    if len(body) >= 2:
        longest = max(body, key=lambda s: s.chars)
        shortest = min(body, key=lambda s: s.chars)
        if shortest.chars and longest.chars > BALANCE * shortest.chars:
            yield Finding(
                "length.balance",
                f"{shortest.label}只有{shortest.chars}字，{longest.label}有{longest.chars}字，篇幅相差悬殊",
                shortest.para,
                0,
            )
