"""Indentation mistakes in a brief, told precisely.

YAML reports a misplaced indentation where it finally stops making sense, usually
with a message about something else ("mapping values are not allowed here"). The
helpers here look at the lines around such an error and name the real mistake:

* a key indented more than the key above it (``   speaker:`` under ``  organization:``):
  YAML reads it as the continuation of the value above;
* a key indented less than its neighbours (``organization:`` flush left between
  ``  name:`` and ``  speaker:``): YAML ends the section there, and the next,
  correctly indented key then fails;
* a tab in the indentation, named with the field the line was meant for.

Each works from the raw lines plus the YAML events parsed before the error (which
give the field path of the keys above).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .paths import Path_, format_path, open_path

# A "key:" line (possibly a list item "- key:"): indentation, key.
_KEY_LINE = re.compile(r"^([ \t]*)(?:-[ ]+)?([A-Za-z_][A-Za-z0-9_]*)[ ]*:(?:[ \t]|$)")


def _content_line_above(lines: list[str], index: int) -> int | None:
    """The nearest line above ``index`` that is neither blank nor a comment."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def key_path_on_line(events: list[Any], line: int) -> Path_ | None:
    """The field path of the last mapping key YAML parsed on ``line`` (0-based), if any."""
    for i in range(len(events) - 1, -1, -1):
        event = events[i]
        if event.start_mark is None or event.start_mark.line < line:
            return None
        if isinstance(event, yaml.ScalarEvent) and event.start_mark.line == line:
            path = open_path(events[: i + 1])
            if path and path[-1] == event.value:
                return path
    return None


def tab_field(events: list[Any], lines: list[str], line: int) -> Path_ | None:
    """The field a line indented with a tab was meant for (the key above gives its place).

    After ``key: value`` the tab line is that key's sibling; after ``key:`` with no
    value it is its child.
    """
    above = _content_line_above(lines, line)
    if above is None:
        return None
    path = key_path_on_line(events, above)
    if path is None:
        return None
    parent = path if lines[above].rstrip().endswith(":") else path[:-1]
    found = _KEY_LINE.match(lines[line]) if line < len(lines) else None
    return (*parent, found.group(2)) if found else parent


def indent_hint(
    events: list[Any], lines: list[str], line: int, column: int
) -> tuple[int, int, Path_, str] | None:
    """``(line, column, field, message)`` for a key indented unlike its neighbours, or None.

    ``line`` and ``column`` (0-based) are where YAML stopped: at the colon of a key
    more indented than the ``key: value`` line above it. Either that key has too many
    spaces, or the line above has too few (when a sibling further up is indented
    like this line).
    """
    here = _KEY_LINE.match(lines[line]) if line < len(lines) else None
    above = _content_line_above(lines, line)
    if here is None or above is None or "\t" in here.group(1):
        return None
    if lines[line].find(":", here.end(2)) != column:
        return None  # YAML stopped elsewhere on the line (a colon inside the value)
    up = _KEY_LINE.match(lines[above])
    if up is None or "\t" in up.group(1) or not lines[above][up.end() :].split(" #")[0].strip():
        return None  # the line above opens a section: indenting under it is right
    indent, up_indent = len(here.group(1)), len(up.group(1))
    if indent <= up_indent:
        return None
    sibling = _sibling_above(lines, above, indent)
    if sibling is not None:
        sibling_key = _KEY_LINE.match(lines[sibling])
        sibling_path = key_path_on_line(events, sibling)
        if sibling_key is not None and sibling_path is not None:
            parent = sibling_path[:-1]
            missing = indent - up_indent
            message = (
                f"“{up.group(2)}”比上面的“{sibling_key.group(2)}”少缩进了 {missing} 个空格，"
                f"YAML 就认为 {format_path(parent) or '上一段'} 到这里结束了（下一行的“{here.group(2)}”却还缩进着）："
                f"请在“{up.group(2)}”前面补上 {missing} 个空格，与“{sibling_key.group(2)}”对齐"
            )
            return above, 0, (*parent, up.group(2)), message
    path = key_path_on_line(events, above)
    field = (*path[:-1], here.group(2)) if path else (here.group(2),)
    extra = indent - up_indent
    message = (
        f"“{here.group(2)}”比上一行的“{up.group(2)}”多缩进了 {extra} 个空格，"
        "YAML 就把它当成了上一行的值的续行：同一层的键要左边对齐，请删掉多出的空格"
    )
    return line, indent, field, message


def _sibling_above(lines: list[str], above: int, indent: int) -> int | None:
    """A key line above ``above`` indented by exactly ``indent``, in the same block, if any."""
    for i in range(above - 1, -1, -1):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        level = _indent(lines[i])
        if level == indent and _KEY_LINE.match(lines[i]):
            return i
        if level < indent:
            return None
    return None
