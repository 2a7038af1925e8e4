"""The length budget of a speech (DESIGN.md §3), as ``check`` counts it.

The budget is ``meeting.minutes`` × the speaking rate; a brief without minutes gets
the ``length`` its template's manifest declares (or the nearest template it extends):
the same number the planner budgets the draft with. A Word template (.docx) or a
template found nowhere has no default, and then no budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MAX_EXTENDS = 10


@dataclass(frozen=True)
class Budget:
    """How many characters the speech should have, and where that number comes from."""

    chars: int
    source: str  # Chinese, for messages: 目标时长20分钟×每分钟220字


def speech_budget(brief: Any, chars_per_minute: int) -> Budget | None:
    """The budget for ``brief``: its minutes at ``chars_per_minute``, else its genre's default."""
    meeting = getattr(brief, "meeting", None)
    minutes = getattr(meeting, "minutes", None)
    if minutes:
        return Budget(
            minutes * chars_per_minute, f"目标时长{minutes}分钟×每分钟{chars_per_minute}字"
        )
    spec = str(getattr(brief, "template", "") or "")
    length = template_length(spec)
    if length is None:
        return None
    return Budget(length, f"模板 {spec} 没有 meeting.minutes 时的默认篇幅")


def template_uses(spec: str) -> tuple[str, ...] | None:
    """The brief sections the template renders (its manifest's ``uses``, joined along the
    chain); None when the template is not found or is a Word template."""
    from ..errors import UserError
    from ..templating.registry import resolve_template, search_roots

    spec = spec.strip() or "situation"
    if spec.lower().endswith(".docx"):
        return None
    try:
        info = resolve_template(spec, search_roots())
    except (UserError, OSError, ValueError):
        return None
    return tuple(info.uses) or None


def template_length(spec: str) -> int | None:
    """The default length the template (or the nearest template it extends) declares.

    The same manifest ``length`` the planner budgets with: one source for both.
    """
    from ..errors import UserError
    from ..templating.registry import discover, resolve_template, search_roots, template_chain

    spec = spec.strip()
    if not spec or spec.lower().endswith(".docx"):
        return None
    try:
        roots = search_roots()
        chain = template_chain(resolve_template(spec, roots), discover(roots))
    except (UserError, OSError, ValueError):
        return None
    for info in chain:
        text = str(info.manifest.get("length") or "").strip()
        if text.isdigit() and int(text) > 0:  # manifests load as text
            return int(text)
    return None
