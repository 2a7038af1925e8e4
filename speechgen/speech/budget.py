"""A draft shorter than its budget: say so, and name what the writer could add.

A speech is never padded with repeated sentences; when the library material has run
out or stopped at the budget and the draft is still short, the writer's own material
is what closes the gap. This names the fields of the brief that are still empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

THIN = 0.85
SHOWN = 6


def missing_material(brief: Any, uses: Sequence[str] | None = None) -> list[str]:
    """Fields (as the writer types them) that would lengthen the speech, most useful first.

    ``uses`` (the template's rendered sections) leaves out what the template would not
    say anyway: a warning-education speech is never asked for strengths.
    """
    out: list[str] = []

    def used(section: str) -> bool:
        return uses is None or section in uses

    measures = getattr(brief, "measures", ()) if used("measures") else ()
    for n, m in enumerate(measures or (), start=1):
        empty = [f for f in ("why", "steps", "target", "example") if not getattr(m, f, None)]
        if empty:
            out.append(f"第{n}项举措的 {'、'.join(empty)}")
    for section, name in (("strengths", "成绩"), ("weaknesses", "差距")):
        if not used(section):
            continue
        items = getattr(brief, section, ()) or ()
        if not items:
            out.append(f"{section}（{name}）")
        elif not any(getattr(i, "detail", None) or getattr(i, "example", None) for i in items):
            out.append(f"{section} 各项的 detail、example")
    for field, name in (("remarks", "讲话人自己的话"), ("next_steps", "近期安排")):
        if used(field) and not getattr(brief, field, None):
            out.append(f"{field}（{name}）")
    return out


def thin_note(
    brief: Any, length: int, budget: int, uses: Sequence[str] | None = None
) -> str | None:
    """A Chinese note when ``length`` is under 85 % of ``budget``, naming fields to fill."""
    if budget <= 0 or length >= budget * THIN:
        return None
    fields = missing_material(brief, uses)
    shown = "；".join(fields[:SHOWN]) + ("等" if len(fields) > SHOWN else "")
    advice = f"可以在简报里补充：{shown}" if fields else "可以在简报里补充更多具体情况"
    return (
        f"提示：稿子约{length}字，只有篇幅预算{budget}字的{length * 100 // budget}%。"
        f"{advice}。speechgen 不会用重复的话凑字数"
    )
