"""The near-term arrangements (``next_steps``) said in one sentence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def steps_said(steps: Iterable[Any], duty: str = "具体负责") -> str:
    """Each step as 何时，做什么 (without 将), joined by ；and closed by 。; who is in charge is
    added (由……具体负责) only where the step does not already name them ("" for none)."""
    said = []
    for s in steps:
        who = f"，由{s.who}{duty}" if s.who and not s.names_who else ""
        said.append(f"{s.when}，{s.what}{who}")
    return "；".join(said) + "。" if said else ""


@dataclass(frozen=True)
class SharedOwner:
    """One unit in charge of several near-term steps: said once after them (由……具体负责)."""

    who: str
    count: int  # how many steps it is in charge of
    all: bool  # it is in charge of every step (这N件事都由……)


def shared_owner(steps: Iterable[Any]) -> SharedOwner | None:
    """The one unit in charge of more than one step, when every step that needs its unit
    named (``who`` given and not already in ``what``) has that same unit; else None."""
    steps = list(steps)
    owned = [s for s in steps if s.who and not s.names_who]
    whos = {s.who for s in owned}
    if len(owned) < 2 or len(whos) != 1:
        return None
    return SharedOwner(owned[0].who, len(owned), len(owned) == len(steps))
