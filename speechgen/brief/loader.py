"""Read a YAML brief into plain data, keeping every value as the writer typed it.

The loader walks PyYAML's event stream itself (libyaml when present) instead of
constructing objects, so that:

* every scalar stays a string (``NO``, ``0123``, ``1.10``, ``14:30``, ``+86…`` are
  not converted; the schema converts what it wants as numbers or dates);
* an unquoted ``null``/``~`` or an empty value is ``None``;
* tags, anchors, aliases and merge keys are refused;
* duplicate keys, excessive nesting and oversized files are errors;
* the line and column of every key and value are recorded for error messages,
  and a syntax error names the field it happened in.

Text rules (docs/errors.md): a vertical tab (U+000B, Word's Shift+Enter when
pasted), typed or written as ``"\\v"``, becomes a line break ``\\n``, as do
``\\r\\n``, ``\\r``, U+0085, U+2028 and U+2029 inside a value; any other
character that Word cannot store (C0 controls except tab and newline, DEL and C1
controls, lone surrogates, U+FFFE/U+FFFF, noncharacters U+FDD0–U+FDEF) is an error
naming the field and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputProblems, Problem, UserError
from .files import read_user_file
from .messages import (
    BAD_SENTINEL,
    MAX_DEPTH,
    bad_char_message,
    decode_brief,
    key_typing_hint,
    locate_syntax_error,
)
from .paths import Path_, format_path

MAX_BRIEF_BYTES = 1_000_000
NULL_WORDS = {"", "~", "null", "Null", "NULL"}


# Characters Word cannot store, or that YAML's reader refuses when typed raw.
_ILLEGAL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Raw bad characters are swapped for these noncharacters before parsing (the YAML
# reader accepts them) and reported, or turned into a line break, afterwards.
_VT_SENTINEL = "\ufdd0"
_BAD_SENTINEL = BAD_SENTINEL
_TAG_PREFIX = "tag:yaml.org,2002:"
_EMPTY_EVENTS = (
    yaml.StreamStartEvent,
    yaml.StreamEndEvent,
    yaml.DocumentStartEvent,
    yaml.DocumentEndEvent,
)

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Loader: Any = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.BaseLoader


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the source text."""

    line: int
    column: int


@dataclass
class LoadedBrief:
    """The plain data of a brief with the position of each key and value."""

    path: str
    text: str
    data: dict[str, Any]
    positions: dict[Path_, Mark] = field(default_factory=dict)
    key_positions: dict[Path_, Mark] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def source_line(self, line: int | None) -> str | None:
        """Return source line ``line`` (1-based) or None."""
        if line is None:
            return None
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else None

    def mark_for(self, loc: Path_) -> Mark | None:
        """Return the best known position for a field path (its longest known prefix)."""
        for cut in range(len(loc), -1, -1):
            prefix = tuple(loc[:cut])
            if prefix in self.positions:
                return self.positions[prefix]
            if prefix in self.key_positions:
                return self.key_positions[prefix]
        return None

    def problem(self, loc: Path_, message: str, *, at_key: bool = False) -> Problem:
        """Build a located :class:`Problem` for a field path."""
        mark = self.key_positions.get(tuple(loc)) if at_key else None
        mark = mark or self.mark_for(loc)
        return Problem(
            file=self.path,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            field=format_path(loc),
            message=message,
            source_line=self.source_line(mark.line if mark else None),
        )

    def warning_messages(self) -> list[str]:
        """The warnings (e.g. a `` #`` that cut a value short), formatted for stderr."""
        return [f"警告：{w.format()}" for w in self.warnings]


def read_brief_text(path: Path, encoding: str | None = None) -> str:
    """Read and decode a brief file, refusing missing, oversized or non-file paths."""
    shown = str(path)
    raw = read_user_file(path, shown=shown, noun="简报文件", limit=MAX_BRIEF_BYTES)
    return decode_brief(raw, shown, encoding)


def load_brief(path: Path, encoding: str | None = None) -> LoadedBrief:
    """Read a brief file into a :class:`LoadedBrief`."""
    text = read_brief_text(path, encoding)
    return parse_brief_text(text, str(path))


def parse_brief_text(text: str, path: str = "<brief>", *, allow_empty: bool = False) -> LoadedBrief:
    """Parse YAML text into plain data with positions; raise :class:`InputProblems`.

    An empty document is an error (a brief needs a meeting) unless ``allow_empty``
    (other YAML files read with the same strict rules), which gives ``{}``.
    """
    if len(text) > MAX_BRIEF_BYTES:
        raise UserError(
            f"{path}: 内容超过 {MAX_BRIEF_BYTES // 1_000_000} MB 上限，请检查是否选错了文件"
        )
    builder = _Builder(path, text)
    builder.allow_empty = allow_empty
    data = builder.build()
    if builder.problems:
        raise InputProblems(builder.problems)
    return LoadedBrief(path, text, data, builder.positions, builder.key_positions, builder.warnings)


# Line breaks YAML knows but editors do not draw as new lines (NEL, LS, PS) are, like a
# vertical tab, masked before parsing: the YAML parser would otherwise count them as
# new lines (shifting every reported line number) and break or fold the value at them.
_SOFT_BREAKS = frozenset("\x0b\x85\u2028\u2029")
_MASKED = re.compile(f"{_ILLEGAL_CHARS.pattern}|[\x85\u2028\u2029]")


def _mask(text: str) -> tuple[str, dict[int, str]]:
    """Swap raw characters YAML or Word refuse for sentinels; return the text and what was swapped."""
    swapped: dict[int, str] = {}

    def swap(m: re.Match[str]) -> str:
        swapped[m.start()] = m.group()
        return _VT_SENTINEL if m.group() in _SOFT_BREAKS else _BAD_SENTINEL

    return _MASKED.sub(swap, text), swapped


_LINE_BREAK = re.compile("\r\n|[\r\n]")
# Line breaks inside a value, however written, become "\n" (docs/errors.md).
_LINE_BREAKS_IN_VALUE = re.compile("\r\n|[\r\x0b\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Split ``text`` into lines as editors and the (masked) YAML parser count them.

    Only CR LF, CR and LF end a line (unlike ``str.splitlines``, not VT, FF, NEL,
    LS or PS, which are masked before parsing).
    """
    return _LINE_BREAK.split(text)


class _Builder:
    """Turns a YAML event stream into plain data, collecting problems and warnings."""

    MAX_PROBLEMS = 30
    allow_empty = False

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = split_lines(text)
        self.masked, self.swapped = _mask(text)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.positions: dict[Path_, Mark] = {}
        self.key_positions: dict[Path_, Mark] = {}
        self._refused: dict[str, int] = {}
        self._events: list[Any] = []
        self._i = 0

    def _problem(
        self, mark: Any, field_path: Path_, message: str, *, warning: bool = False
    ) -> None:
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        src = self.lines[line - 1] if line and 0 < line <= len(self.lines) else None
        target = self.warnings if warning else self.problems
        if len(target) < self.MAX_PROBLEMS:
            target.append(Problem(self.path, line, col, format_path(field_path), message, src))

    def _refuse_once(self, kind: str, mark: Any, path: Path_, message: str) -> None:
        """Report the first anchor/alias/tag of a kind only (an alias bomb has hundreds)."""
        self._refused[kind] = self._refused.get(kind, 0) + 1
        if self._refused[kind] == 1:
            self._problem(mark, path, message)

    def build(self) -> dict[str, Any]:
        """Parse the whole stream and return the top-level mapping."""
        events = self._events
        try:
            for event in yaml.parse(self.masked, Loader=_Loader):
                events.append(event)
        except yaml.MarkedYAMLError as exc:
            mark, where, message = locate_syntax_error(exc, events, self.masked)
            self._problem(mark, where, message)
            return {}
        except yaml.YAMLError as exc:  # a ReaderError: characters the masking did not cover
            self._problem(None, (), f"无法读取 YAML（{exc}）")
            return {}
        except RecursionError:
            self._problem(None, (), f"嵌套层级过深（最多 {MAX_DEPTH} 层）")
            return {}
        docs = [e for e in events if isinstance(e, yaml.DocumentStartEvent)]
        if len(docs) > 1:
            self._problem(
                docs[1].start_mark, (), "一个简报文件只能有一个文档，请删除中间的“---”分隔行"
            )
            return {}
        self._events = [e for e in events if not isinstance(e, _EMPTY_EVENTS)]
        if not self._events:
            self._empty()
            return {}
        first = self._events[0]
        value = self._node((), 0)
        self._summarise_refusals()
        if self.problems:
            return {}
        if value is None:
            self._empty()
            return {}
        if not isinstance(value, dict):
            kind = "列表" if isinstance(value, list) else "单个值"
            hint = key_typing_hint(self.lines, first.start_mark.line)
            if kind == "单个值" and hint is not None:
                line, column, message = hint
                self._problem(yaml.Mark(self.path, 0, line, column, "", 0), (), message)
                return {}
            self._problem(
                first.start_mark,
                (),
                f"简报的最外层应是“键: 值”的映射（如 meeting:、measures:），现在是{kind}",
            )
            return {}
        return value

    def _empty(self) -> None:
        """Report a brief with no content (empty, only comments, ``---`` or ``null``) at line 1."""
        if self.allow_empty:
            return
        message = (
            "简报是空的：至少需要 meeting 下的 name 和 organization，可以用 speechgen new 生成一份"
        )
        shown = self.lines[0] if self.lines and self.lines[0].strip() else None
        self.problems.append(Problem(self.path, 1, 1, "meeting", message, shown))

    def _summarise_refusals(self) -> None:
        """Append how many more anchors/aliases/tags there were to their first problem."""
        for i, p in enumerate(self.problems):
            for kind, count in self._refused.items():
                if count > 1 and kind in p.message:
                    self.problems[i] = Problem(
                        p.file,
                        p.line,
                        p.column,
                        p.field,
                        f"{p.message}（全文共 {count} 处）",
                        p.source_line,
                    )

    def _next(self) -> Any:
        event = self._events[self._i]
        self._i += 1
        return event

    def _check_node_event(self, event: Any, path: Path_) -> None:
        """Refuse anchors and explicit tags."""
        if getattr(event, "anchor", None):
            self._refuse_once(
                "锚点", event.start_mark, path, "简报不支持 YAML 锚点（&名称），请把内容直接写出来"
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        plain = implicit is True or (isinstance(implicit, tuple) and any(implicit))
        is_collection = isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
        if tag not in (None, "!") and (not plain or is_collection):
            shown = "!!" + tag.removeprefix(_TAG_PREFIX) if tag.startswith(_TAG_PREFIX) else tag
            self._refuse_once(
                "标签",
                event.start_mark,
                path,
                f"简报不支持 YAML 标签 {shown}，请删除它，只写值本身",
            )

    def _node(self, path: Path_, depth: int) -> Any:
        event = self._next()
        self.positions.setdefault(
            path, Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        )
        if isinstance(event, yaml.AliasEvent):
            self._refuse_once(
                "别名", event.start_mark, path, "简报不支持 YAML 别名（*名称），请把内容直接写出来"
            )
            return None
        if depth > MAX_DEPTH:
            self._problem(event.start_mark, path, f"嵌套层级过深（最多 {MAX_DEPTH} 层）")
            self._skip(event)
            return None
        self._check_node_event(event, path)
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(self._events[self._i], yaml.SequenceEndEvent):
                items.append(self._node((*path, len(items)), depth + 1))
            self._next()
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path, depth)
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def _skip(self, event: Any) -> None:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            level = 1
            while level:
                e = self._next()
                if isinstance(e, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    level += 1
                elif isinstance(e, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    level -= 1

    def _mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        while not isinstance(self._events[self._i], yaml.MappingEndEvent):
            key_event = self._next()
            if not isinstance(key_event, yaml.ScalarEvent):
                self._problem(
                    key_event.start_mark, path, "键必须是简单的文字，不能是列表、映射或别名"
                )
                self._skip(key_event)
                self._skip(self._next())
                continue
            self._check_node_event(key_event, path)
            key = self._scalar(key_event, path, is_key=True) or ""
            start: Any = key_event.start_mark
            key_mark = Mark(start.line + 1, start.column + 1)
            if key == "<<" and not key_event.style:
                self._problem(
                    key_event.start_mark, path, "简报不支持 YAML 合并键（<<），请把内容直接写出来"
                )
            child = (*path, key)
            if key in first_seen:
                self._problem(
                    key_event.start_mark,
                    child,
                    f"键“{key}”重复了（第一次出现在第 {first_seen[key]} 行），请删除或合并其中一个",
                )
                self._node(("<duplicate>",), depth + 1)
                continue
            first_seen[key] = key_mark.line
            self.key_positions[child] = key_mark
            result[key] = self._node(child, depth + 1)
        self._next()
        return result

    def _scalar(self, event: Any, path: Path_, *, is_key: bool = False) -> str | None:
        value: str = event.value
        plain = not event.style
        if plain and not is_key:
            self._warn_comment(event, path)
            if value in NULL_WORDS:
                return None
        if _BAD_SENTINEL in value:
            index, ch = self._swapped_in(event)
            line = self.masked.count("\n", 0, index)
            column = index - (self.masked.rfind("\n", 0, index) + 1)
            mark = yaml.Mark(self.path, index, line, column, "", 0)
            self._problem(mark, path, bad_char_message(ch))
            return value
        value = _LINE_BREAKS_IN_VALUE.sub("\n", value.replace(_VT_SENTINEL, "\n"))
        bad = _ILLEGAL_CHARS.search(value)
        if bad:
            self._problem(event.start_mark, path, bad_char_message(bad.group()))
        return value

    def _swapped_in(self, event: Any) -> tuple[int, str]:
        """The first raw bad character inside a scalar's source span."""
        start, end = event.start_mark.index, event.end_mark.index
        for index in sorted(self.swapped):
            if start <= index < end and self.swapped[index] not in _SOFT_BREAKS:
                return index, self.swapped[index]
        return start, _BAD_SENTINEL  # pragma: no cover - a sentinel always comes from a swap

    def _warn_comment(self, event: Any, path: Path_) -> None:
        """Warn when `` #`` right after a plain value (``Item #1``, ``room: #12``) cut it short.

        A comment written on purpose has a space after ``#`` (``# 说明``) or two spaces
        before it, so only `` #x`` directly after a value on the same line is flagged.
        """
        start: Any = event.start_mark
        end: Any = event.end_mark
        if end is None or end.line != start.line or end.line >= len(self.lines):
            return
        line = self.lines[end.line]
        column = end.column + (
            1 if event.value == "" and line[end.column : end.column + 1] == ":" else 0
        )
        rest = line[column:]
        if re.match(r"^[ \t]#\S", rest) and not rest.startswith(("  ", "\t\t")):
            mark = yaml.Mark(self.path, end.index, end.line, column + 1, "", 0)
            self._problem(
                mark,
                path,
                f"“ #”后面的“{rest.strip()[:20]}”被当成了注释，没有算进值里；如果它是值的一部分，请把整个值用引号括起来",
                warning=True,
            )
