"""The brief's own facts: a measure due before the meeting is held.

``validate`` warns about this when a brief is rendered; ``check`` reports it as
``brief.deadline_before_meeting`` when a brief is checked (or given with
``--brief``), at the paragraph of the measure in the speech.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, Finding
from .against_brief import find_title, following_paras
from .context import CheckContext
from .numbers import dates


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report deadlines earlier than the meeting date of the brief."""
    brief = ctx.brief
    if brief is None or not (ctx.compare or doc.kind == "brief"):
        return
    from ...brief.validate import (
        deadlines_before_meeting,  # only with a brief: keeps text checks light
    )

    for index, message in deadlines_before_meeting(brief):
        measure = brief.measures[index]
        para, offset = _deadline_position(doc, measure.title, measure.deadline)
        where = f"（简报 measures.第{index + 1}项.deadline）"
        yield Finding("brief.deadline_before_meeting", message + where, para, offset)


def _deadline_position(
    doc: Document, title: str, deadline: object
) -> tuple[int | None, int | None]:
    """Where the speech gives the measure's deadline (or its title); ``(None, None)`` if nowhere."""
    start = find_title(doc, title)
    if start is None:
        return None, None
    wanted = tuple(getattr(deadline, name) for name in ("year", "month", "day"))
    for index in [start, *following_paras(doc, start)]:
        for m, year, month, day, _ in dates(doc.paras[index].text):
            if (year, month, day) == wanted:
                return index, m.start()
    return start, 0
