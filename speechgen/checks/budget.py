"""The length budget of a speech (DESIGN.md §3), as ``check`` counts it.

The budget is ``meeting.minutes`` × the speaking rate; a brief without minutes gets
the default of its genre from :data:`GENRE_CHARS`, the one table of these defaults
in ``check``. The genre is the template's name, its Chinese name, or for an office's
own template the built-in it extends; a template of no known genre whose manifest
declares a ``length`` gets that. A Word template (.docx) or a template found nowhere
has no default, and then no budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

GENRE_CHARS: dict[str, int] = {
    "situation": 2450,
    "progress": 2200,
    "mobilization": 2600,
    "commendation": 2200,
    "warning": 2400,
    "economy": 2600,
}
"""Default length (characters read aloud) of a speech of each genre with no ``minutes``."""

GENRE_NAMES: dict[str, str] = {
    "形势分析会": "situation",
    "工作推进会": "progress",
    "动员部署会": "mobilization",
    "总结表彰会": "commendation",
    "警示教育会": "warning",
    "经济运行分析会": "economy",
    "经济运行分析暨调度会": "economy",
}
"""The Chinese names a brief may give for a built-in template of each genre."""

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
    genre = genre_of(spec)
    if genre is not None:
        return Budget(GENRE_CHARS[genre], f"{genre} 模板没有 meeting.minutes 时的默认篇幅")
    length = _manifest_length(spec)
    if length is None:
        return None
    return Budget(length, f"模板 {spec} 的 manifest 中 length 给出的默认篇幅")


def genre_of(spec: str) -> str | None:
    """The genre of a template spec: a built-in name, a Chinese name, or what it extends."""
    spec = spec.strip()
    if spec in GENRE_CHARS:
        return spec
    if spec in GENRE_NAMES:
        return GENRE_NAMES[spec]
    if not spec or spec.lower().endswith(".docx"):
        return None
    return _extended_genre(spec)


def _extended_genre(spec: str) -> str | None:
    """Follow an office template's ``extends`` chain to a built-in genre (None if none)."""
    from ..errors import UserError

    try:
        return _walk_extends(spec)
    except (UserError, OSError, ValueError):
        return None


def _manifest_length(spec: str) -> int | None:
    """The ``length`` an office template's manifest declares, if it is a positive integer."""
    from ..errors import UserError
    from ..templating.registry import resolve_template, search_roots

    if not spec or spec.lower().endswith(".docx"):
        return None
    try:
        length = resolve_template(spec, search_roots()).manifest.get("length")
    except (UserError, OSError, ValueError):
        return None
    text = str(length).strip() if isinstance(length, (int, str)) else ""
    return int(text) if text.isdigit() and int(text) > 0 else None  # manifests load as text


def _walk_extends(spec: str) -> str | None:
    """The first template in ``spec``'s chain (itself, its parent…) that names a genre."""
    from ..templating.registry import discover, parent_of, resolve_template, search_roots

    roots = search_roots()
    candidates = discover(roots)
    info: Any = resolve_template(spec, roots)
    for _ in range(_MAX_EXTENDS):
        if info is None:
            return None
        if info.name in GENRE_CHARS:
            return str(info.name)
        if info.cn_name in GENRE_NAMES:
            return GENRE_NAMES[info.cn_name]
        info = parent_of(info, candidates)
    return None
