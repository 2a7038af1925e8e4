"""Validate brief text exactly as the command line does, and place each message at its field.

Problems come from :func:`speechgen.parse_brief` (the CLI's own messages). A problem
whose value is empty is *to fill in* (a half-filled brief may be saved); any other
problem is an *error* (the brief is not saved until it is fixed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputProblems, SpeechgenError
from .shapes import Shape

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_MISSING = re.compile(r"缺少必填项\s*([A-Za-z_][A-Za-z0-9_]*)")
_LEADING_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s")

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldProblem:
    """A message at a form field (``path`` as ``measures[0].title``; empty: the whole brief)."""

    path: str
    message: str
    todo: bool


def parse_path(text: str) -> Path_:
    """``measures[0].title`` → ``("measures", 0, "title")``."""
    return tuple(int(i) if i else k for k, i in _PART.findall(text))


def format_path(path: Path_) -> str:
    """``("measures", 0, "title")`` → ``measures[0].title``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def value_at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in plain data, or None when the path does not exist."""
    node = data
    for part in path:
        in_list = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        if in_list or (isinstance(node, dict) and part in node):
            node = node[part]
        else:
            return None
    return node


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def place(field: str, message: str, data: dict[str, Any]) -> FieldProblem:
    """Place one CLI problem at the most specific field it is about."""
    path = parse_path(field)
    node = value_at(data, path)
    missing = _MISSING.search(message)
    if missing and isinstance(node, dict):
        return FieldProblem(format_path((*path, missing.group(1))), message, True)
    leading = _LEADING_KEY.match(message)
    if leading and isinstance(node, dict) and leading.group(1) in node:
        path = (*path, leading.group(1))
        node = node[leading.group(1)]
    return FieldProblem(format_path(path), message, _blank(node) if path else False)


def problems_of(exc: SpeechgenError, data: dict[str, Any]) -> list[FieldProblem]:
    """The field problems of a refused brief (one problem for errors that name no field)."""
    if isinstance(exc, InputProblems):
        return [place(p.field, p.message, data) for p in exc.problems]
    return [FieldProblem("", exc.message, False)]


def check_text(text: str, data: dict[str, Any], label: str) -> list[FieldProblem]:
    """Validate brief text with the CLI's rules; return its field problems (none: valid)."""
    from ..facade import parse_brief

    try:
        parse_brief(text, name=label)
    except SpeechgenError as exc:
        return problems_of(exc, data)
    return []


def form_path(path: Path_, shape: Shape, data: Any) -> Path_:
    """The path as the form names it: a lone mapping where a list is allowed is the list's item 0.

    (``ranking.current`` of a brief with one assessment is ``ranking[0].current`` in the
    form, which shows assessments as a list.)
    """
    out: list[str | int] = []
    node: Any = data
    current: Shape | None = shape
    for part in path:
        lone = isinstance(node, dict) and not isinstance(part, int)
        if current is not None and current.kind == "array" and current.single_ok and lone:
            out.append(0)
            current = current.item
        out.append(part)
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            current = current.item if current is not None and current.kind == "array" else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
            current = current.props.get(part) if current is not None else None
    return tuple(out)


def for_form(path: str, shape: Shape, data: Any) -> str:
    """:func:`form_path` for a path written as text."""
    return format_path(form_path(parse_path(path), shape, data)) if path else path
