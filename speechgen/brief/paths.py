"""Field paths in a brief: how a writer reads them, and where YAML stopped parsing."""

from __future__ import annotations

from typing import Any

import yaml

Path_ = tuple[str | int, ...]


def format_path(loc: Path_) -> str:
    """Format a field path for a writer, counting list items from 1 as writers do.

    ``('meeting', 'name')`` → ``meeting.name``; ``('measures', 0, 'title')`` →
    ``measures.第1项.title``; ``('measures', 1, 'points', 2)`` → ``measures.第2项.points.第3项``.
    No spaces, so ``file:line:column  field  message`` stays easy to read and to parse.
    """
    return ".".join(f"第{part + 1}项" if isinstance(part, int) else str(part) for part in loc)


def open_path(events: list[Any], error_line: int | None = None) -> Path_:
    """The field path of the node being parsed after ``events`` (for syntax errors).

    When the last value parsed sits on ``error_line`` (0-based), the error is about
    that value (``name: Agenda: Q3``), so its path is returned.
    """
    last_value: tuple[Path_, int] | None = None
    stack: list[list[Any]] = []  # [kind, key-or-index, expecting_value]
    path: list[str | int] = []

    def node_done() -> None:
        if not stack:
            return
        top = stack[-1]
        if top[0] == "map":
            top[2] = not top[2]
        else:
            top[1] += 1

    for e in events:
        if isinstance(e, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if stack:
                path.append(stack[-1][1])
            stack.append(
                ["map", None, False] if isinstance(e, yaml.MappingStartEvent) else ["seq", 0, True]
            )
        elif isinstance(e, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            if path and stack:
                path.pop()
            node_done()
        elif isinstance(e, (yaml.ScalarEvent, yaml.AliasEvent)):
            if stack and stack[-1][0] == "map" and not stack[-1][2]:
                stack[-1][1] = getattr(e, "value", "")
            elif stack:
                last_value = ((*path, stack[-1][1]), getattr(e.start_mark, "line", -1))
            node_done()
    if stack and stack[-1][2]:
        return (*path, stack[-1][1])
    if last_value is not None and last_value[1] == error_line:
        return last_value[0]
    return tuple(path)
