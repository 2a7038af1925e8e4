"""The economy meeting's decisions, made before the template speaks.

Which lagging indicators the indicators part analyses (and which of them it must), and
which indicator a measure links back to. The template keeps the words; this module only
says which passage a place takes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

# An indicator's analysis: said whatever the length budget (``MUST``), or only while the
# part's budget lasts (``MAY``); "" for an indicator the speech does not analyse.
MUST = "must"
MAY = "may"
# At most this many red indicators get an analysis the budget cannot drop.
MOST_MUST = 2
# The GDP: the sum of the others, analysed after the rest of its group.
TOTAL = "总量"

R = TypeVar("R")


def mark_analysed(rankings: Sequence[R]) -> tuple[R, ...]:
    """``rankings`` with each lagging indicator's ``analysis`` set.

    Indicators are taken as the speech says them: assessment by assessment, the yellow
    group before the red one, 总量 last in its group. One indicator per economy topic is
    analysed (the first said); a red one is a ``MUST`` while fewer than :data:`MOST_MUST`
    are, every other one a ``MAY``.
    """
    marks: dict[int, str] = {}
    done: set[str] = set()
    must = 0
    for r in rankings:
        for group in (r.yellow, r.red):  # type: ignore[attr-defined]
            for i in analysed_order(group):
                kind = i.economy_topic
                if not kind or kind in done:
                    continue
                done.add(kind)
                if i.red and must < MOST_MUST:
                    marks[id(i)] = MUST
                    must += 1
                else:
                    marks[id(i)] = MAY
    return tuple(_with_marks(r, marks) for r in rankings)


def _with_marks(r: R, marks: dict[int, str]) -> R:
    """``r`` with the marked indicators' ``analysis`` filled in."""
    indicators = r.indicators  # type: ignore[attr-defined]
    marked = tuple(dataclasses.replace(i, analysis=marks.get(id(i), "")) for i in indicators)
    return dataclasses.replace(r, indicators=marked)  # type: ignore[type-var]


def analysed_order(group: Iterable[Any]) -> list[Any]:
    """A group's indicators in the order their analyses are said: 总量 after the rest."""
    items = list(group)
    return [i for i in items if i.economy_topic != TOTAL] + [
        i for i in items if i.economy_topic == TOTAL
    ]


def analysed(group: Iterable[Any]) -> list[Any]:
    """The indicators of a lit group the speech analyses, in the order it says them."""
    return [i for i in analysed_order(group) if i.analysis]


def linked(rankings: Iterable[Any], topics: Sequence[str]) -> Any:
    """The first judged indicator (assessment by assessment) of one of ``topics``: the
    indicator a measure without a why links back to (前面讲到，……亮了红灯), or None."""
    for r in rankings:
        for i in r.judged:
            if i.economy_topic in topics:
                return i
    return None
