"""Read a YAML brief into plain data, keeping every value as the writer typed it.

The loader walks PyYAML's event stream itself (libyaml when present) instead of
constructing objects, so that:

* every scalar stays a string (``NO``, ``0123``, ``1.10``, ``14:30`` are not
  converted; the schema converts what it wants as numbers or dates);
* an unquoted ``null``/``~`` or an empty value is ``None``;
* tags, anchors, aliases and merge keys are refused;
* duplicate keys, excessive nesting and oversized files are errors;
* the line and column of every key and value are recorded for error messages.

Text rules (documented in the README): a vertical tab (U+000B, Word's Shift+Enter
when pasted) becomes a line break ``\\n``; any other character that Word cannot
store (C0 controls except tab and newline, lone surrogates, U+FFFE/U+FFFF) is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputProblems, Problem, UserError

MAX_BRIEF_BYTES = 1_000_000
MAX_DEPTH = 20
# A literal vertical tab is not allowed by YAML's reader; it is swapped for this
# noncharacter before parsing and turned into a line break afterwards.
_VT_SENTINEL = "\ufdd0"
NULL_WORDS = {"", "~", "null", "Null", "NULL"}

Path_ = tuple[str | int, ...]

_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")

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
        if mark is None and isinstance(loc[-1:], tuple) and loc and isinstance(loc[-1], str):
            mark = self.positions.get(tuple(loc)) or self.key_positions.get(tuple(loc))
        mark = mark or self.mark_for(loc)
        return Problem(
            file=self.path,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            field=format_path(loc),
            message=message,
            source_line=self.source_line(mark.line if mark else None),
        )


def format_path(loc: Path_) -> str:
    """Format ``('measures', 0, 'title')`` as ``measures[0].title``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def decode_brief(raw: bytes, path: str, encoding: str | None = None) -> str:
    """Decode brief bytes strictly: UTF-8 (BOM allowed) unless ``encoding`` is given."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and encoding is None:
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    enc = encoding or "utf-8-sig"
    try:
        text = raw.decode(enc)
    except LookupError:
        raise UserError(f"{path}: 不认识的编码名称 {encoding!r}，常用的有 utf-8、gb18030") from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = ""
        if encoding is None:
            try:
                raw.decode("gb18030")
                hint = (
                    "看起来是 GBK/GB18030 编码（例如记事本或 WPS 另存的 ANSI 文件）。"
                    "请另存为 UTF-8，或加上 --encoding gb18030 重新运行。"
                )
            except UnicodeDecodeError:
                hint = "请用 UTF-8 编码保存简报，或用 --encoding 指明文件的编码。"
        raise UserError(
            f"{path}:{line}:{col}  文件不是 {'UTF-8' if encoding is None else encoding} "
            f"编码（第 {exc.start + 1} 个字节 0x{raw[exc.start]:02X} 无法解码）。{hint}"
        ) from None
    return text


def read_brief_text(path: Path, encoding: str | None = None) -> str:
    """Read and decode a brief file, refusing missing, oversized or non-file paths."""
    shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{shown}: 找不到简报文件，请检查路径是否正确") from None
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取简报（{exc.strerror}）") from None
    if path.is_dir():
        raise UserError(f"{shown}: 这是一个文件夹，不是简报文件") from None
    if size > MAX_BRIEF_BYTES:
        raise UserError(
            f"{shown}: 简报文件有 {size / 1_000_000:.1f} MB，超过上限 "
            f"{MAX_BRIEF_BYTES // 1_000_000} MB，请检查是否选错了文件"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取简报（{exc.strerror}）") from None
    return decode_brief(raw, shown, encoding)


def load_brief(path: Path, encoding: str | None = None) -> LoadedBrief:
    """Read a brief file into a :class:`LoadedBrief`."""
    text = read_brief_text(path, encoding)
    return parse_brief_text(text, str(path))


def parse_brief_text(text: str, path: str = "<brief>") -> LoadedBrief:
    """Parse YAML text into plain data with positions; raise :class:`InputProblems`."""
    _refuse_raw_control_chars(text, path)
    builder = _Builder(path, text.replace("\x0b", _VT_SENTINEL))
    data = builder.build()
    if builder.problems:
        raise InputProblems(builder.problems)
    loaded = LoadedBrief(path, text, data, builder.positions, builder.key_positions)
    return loaded


def _yaml_error_message(exc: yaml.MarkedYAMLError) -> str:
    """Translate a PyYAML syntax error into a Chinese explanation with a fix."""
    problem = (exc.problem or "") + " " + (exc.context or "")
    if "found character '\\t'" in problem or "'\\t'" in problem:
        return "缩进里有制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格"
    if "mapping values are not allowed" in problem:
        return "值里出现了“: ”（冒号加空格），请把整个值用引号括起来"
    if "expected a single document" in problem or "but found another document" in problem:
        return "一个简报文件只能有一个文档，请删除中间的“---”分隔行"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "引号没有闭合，请补上结尾的引号"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "方括号或花括号没有闭合，请检查 [ ] 或 { } 是否成对"
    if "cannot start any token" in problem:
        return "值以 @ 或 ` 等特殊字符开头，请把整个值用引号括起来"
    if "special characters are not allowed" in problem or "unacceptable character" in problem:
        return "文件里有不可见的控制字符（如 NUL），请删除它"
    if "exceeded maximum nesting depth" in problem:
        return f"嵌套层级过深（最多 {MAX_DEPTH} 层）"
    if "could not find expected ':'" in problem:
        return "这一行缺少“键: 值”中的冒号，或者上一行的缩进不对"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "缩进不一致：同一层级的键要对齐，列表项以“- ”开头"
    if "did not find expected '-' indicator" in problem:
        return "列表的缩进不一致，每个列表项都要以“- ”开头并对齐"
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return "简报不支持 YAML 锚点和别名（& 和 *），请把内容直接写出来"
    return f"YAML 格式错误（{problem.strip()}），请检查这一行的缩进、冒号和引号"


class _Builder:
    """Turns a YAML event stream into plain data, collecting problems."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.positions: dict[Path_, Mark] = {}
        self.key_positions: dict[Path_, Mark] = {}

    def _problem(self, mark: Any, field_path: Path_, message: str) -> None:
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        src = self.lines[line - 1] if line and 0 < line <= len(self.lines) else None
        self.problems.append(Problem(self.path, line, col, format_path(field_path), message, src))

    def build(self) -> dict[str, Any]:
        """Parse the whole stream and return the top-level mapping."""
        try:
            events = list(yaml.parse(self.text, Loader=_Loader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self._problem(mark, (), _yaml_error_message(exc))
            return {}
        except yaml.YAMLError as exc:  # ReaderError has no marks of the usual kind
            self._problem(None, (), _yaml_error_message_plain(exc))
            return {}
        except RecursionError:
            self._problem(None, (), f"嵌套层级过深（最多 {MAX_DEPTH} 层）")
            return {}
        docs = [e for e in events if isinstance(e, yaml.DocumentStartEvent)]
        if len(docs) > 1:
            self._problem(docs[1].start_mark, (), "一个简报文件只能有一个文档，请删除中间的“---”分隔行")
            return {}
        body = [
            e
            for e in events
            if not isinstance(
                e,
                (
                    yaml.StreamStartEvent,
                    yaml.StreamEndEvent,
                    yaml.DocumentStartEvent,
                    yaml.DocumentEndEvent,
                ),
            )
        ]
        if not body:
            self._problem(None, (), "简报是空的：至少需要 meeting 下的 name 和 organization")
            return {}
        self._events = body
        self._i = 0
        first = body[0]
        value = self._node((), 0)
        if self.problems:
            return {}
        if not isinstance(value, dict):
            kind = "列表" if isinstance(value, list) else "单个值"
            self._problem(
                first.start_mark, (), f"简报的最外层应是“键: 值”的映射（如 meeting:、measures:），现在是{kind}"
            )
            return {}
        return value

    def _next(self) -> Any:
        event = self._events[self._i]
        self._i += 1
        return event

    def _check_node_event(self, event: Any, path: Path_) -> bool:
        """Refuse anchors and explicit tags; return False when the node must be skipped."""
        ok = True
        if getattr(event, "anchor", None):
            self._problem(event.start_mark, path, "简报不支持 YAML 锚点（&名称），请把内容直接写出来")
            ok = False
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit_tag = tag not in (None, "!") and not (
            implicit is True or (isinstance(implicit, tuple) and any(implicit))
        )
        if tag not in (None, "!") and explicit_tag:
            self._problem(event.start_mark, path, f"简报不支持 YAML 标签 {tag}，请删除它，只写值本身")
            ok = False
        elif tag not in (None, "!") and isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._problem(event.start_mark, path, f"简报不支持 YAML 标签 {tag}，请删除它，只写值本身")
            ok = False
        return ok

    def _node(self, path: Path_, depth: int) -> Any:
        event = self._next()
        mark = Mark(event.start_mark.line + 1, event.start_mark.column + 1)
        self.positions.setdefault(path, mark)
        if isinstance(event, yaml.AliasEvent):
            self._problem(event.start_mark, path, "简报不支持 YAML 别名（*名称），请把内容直接写出来")
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
                self._problem(key_event.start_mark, path, "键必须是简单的文字，不能是列表或映射")
                self._skip(key_event)
                self._skip(self._next())
                continue
            key = key_event.value
            key_mark = Mark(key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            if key == "<<" and not key_event.style:
                self._problem(key_event.start_mark, path, "简报不支持 YAML 合并键（<<），请把内容直接写出来")
            self._check_node_event(key_event, path)
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

    def _scalar(self, event: Any, path: Path_) -> str | None:
        value: str = event.value
        plain = not event.style
        if plain and value in NULL_WORDS:
            return None
        value = value.replace(_VT_SENTINEL, "\n").replace("\x0b", "\n")
        bad = _ILLEGAL_CHARS.search(value)
        if bad:
            ch = bad.group()
            self._problem(
                event.start_mark,
                path,
                f"含有 Word 无法保存的字符 U+{ord(ch):04X}（控制字符或无效字符），请删除它",
            )
        return value


def _refuse_raw_control_chars(text: str, path: str) -> None:
    """Report control characters typed literally in the file (the YAML reader rejects them)."""
    problems = []
    lines = text.splitlines()
    for lineno, line in enumerate(lines, 1):
        for m in _ILLEGAL_CHARS.finditer(line.replace("\x0b", " ")):
            problems.append(
                Problem(
                    path,
                    lineno,
                    m.start() + 1,
                    "",
                    f"含有 Word 无法保存的控制字符 U+{ord(m.group()):04X}，请删除它",
                    line,
                )
            )
    if problems:
        raise InputProblems(problems)


def _yaml_error_message_plain(exc: yaml.YAMLError) -> str:
    text = str(exc)
    if "special characters are not allowed" in text or "unacceptable character" in text:
        return "文件里有不可见的控制字符（如 NUL），请删除它"
    return f"无法读取 YAML（{text}）"
