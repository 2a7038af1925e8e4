"""The near-term arrangements (``next_steps``) said in one sentence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def steps_said(steps: Iterable[Any], duty: str = "具体负责") -> str:
    """Each step as 何时，做什么 (without 将), joined by ；and closed by 。; who is in charge is
    added (由……具体负责) only where the step does not already name them ("" for none)."""
    said = []
    for s in steps:
        who = f"，由{s.who}{duty}" if s.who and not s.names_who else ""
        said.append(f"{s.when}，{s.what}{who}")
    return "；".join(said) + "。" if said else ""
