"""Chinese messages for the brief loader: encodings, YAML syntax errors, bad characters, error paths.

Also strict decoding of brief bytes (with the GBK hint) and the helpers that find
where a syntax error happened (the field path, the open bracket).

Kept apart from :mod:`speechgen.loader` so the loader holds only the parsing logic.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import UserError
from .paths import Path_, open_path

MAX_DEPTH = 20
BAD_SENTINEL = "\ufdd1"


def bad_char_message(ch: str) -> str:
    """The message for a character Word cannot store."""
    if "\ud800" <= ch <= "\udfff":
        kind = "无效的代理字符"
    elif ch in (BAD_SENTINEL,) or "\ufdd0" <= ch <= "\uffff":
        kind = "非字符"
    else:
        kind = "控制字符"
    return f"含有 Word 无法保存的字符 U+{ord(ch):04X}（{kind}，通常是从别处复制时带进来的，看不见），请删除它"


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "值里出现了“: ”（冒号加空格），请把整个值用引号括起来"),
    ("expected a single document", "一个简报文件只能有一个文档，请删除中间的“---”分隔行"),
    ("but found another document", "一个简报文件只能有一个文档，请删除中间的“---”分隔行"),
    (
        "while parsing a flow node",
        "方括号或花括号没有闭合，或里面多了逗号，请检查 [ ] 和 { } 是否成对",
    ),
    ("flow sequence", "方括号没有闭合，或里面有未加引号的“: ”，请检查 [ ] 是否成对"),
    ("flow mapping", "花括号没有闭合，或里面有未加引号的内容，请检查 { } 是否成对"),
    ("exceeded maximum nesting depth", f"嵌套层级过深（最多 {MAX_DEPTH} 层）"),
    ("could not find expected ':'", "这一行缺少“键: 值”中的冒号，或者上一行的缩进不对"),
    ("did not find expected key", "缩进不一致：同一层级的键要对齐，列表项以“- ”开头"),
    ("expected <block end>", "缩进不一致：同一层级的键要对齐，列表项以“- ”开头"),
    ("did not find expected '-' indicator", "列表的缩进不一致，每个列表项都要以“- ”开头并对齐"),
    ("found undefined alias", "简报不支持 YAML 锚点和别名（& 和 *），请把内容直接写出来"),
    ("found undefined anchor", "简报不支持 YAML 锚点和别名（& 和 *），请把内容直接写出来"),
    (
        "while scanning an alias",
        "简报不支持 YAML 别名（*名称）；如果 * 是值的一部分，请把整个值用引号括起来",
    ),
    (
        "while scanning an anchor",
        "简报不支持 YAML 锚点（&名称）；如果 & 是值的一部分，请把整个值用引号括起来",
    ),
    (
        "while scanning a tag",
        "简报不支持 YAML 标签（!名称）；如果 ! 是值的一部分，请把整个值用引号括起来",
    ),
    (
        "while scanning a directive",
        "简报里不能有 % 开头的指令行；如果 % 是值的一部分，请把整个值用引号括起来",
    ),
    ("block scalar", "多行文字（| 或 >）的写法不对，下面的行要比键多缩进"),
)


def yaml_error_message(problem: str, char: str) -> str:
    """Translate a PyYAML syntax error into a Chinese explanation with a fix."""
    if "cannot start any token" in problem and char:
        if char in "@`":
            return f"值以“{char}”开头，YAML 不允许，请把整个值用引号括起来"
        return f"这里的“{char}”不能出现在这个位置，请把整个值用引号括起来，或检查缩进"
    for needle, message in _SYNTAX_HINTS:
        if needle in problem:
            return message
    return f"YAML 格式错误（{problem.strip()}），请检查这一行的缩进、冒号和引号"


def open_flow(events: list[Any]) -> int | None:
    """Index of the start event of the innermost ``[``/``{`` not yet closed, if any."""
    stack: list[int] = []
    for i, e in enumerate(events):
        if isinstance(e, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append(i)
        elif isinstance(e, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            stack.pop()
    flows = [i for i in stack if events[i].flow_style]
    return flows[-1] if flows else None


def locate_syntax_error(
    exc: yaml.MarkedYAMLError, events: list[Any], text: str
) -> tuple[Any, Path_, str]:
    """The mark, field path and Chinese message of a YAML syntax error.

    ``events`` are those parsed before the error; an unclosed bracket is reported at
    the bracket, under the field that holds it; an indentation mistake at the line
    that has it, under the field that line was meant for.
    """
    from .indentation import indent_hint, tab_field

    lines = text.split("\n")
    first = exc.problem_mark or exc.context_mark
    problem = f"{exc.problem or ''} {exc.context or ''}"
    if (
        first is not None
        and any(word in problem for word in _STRUCTURE_PROBLEMS)
        and key_typing_hint(lines, first.line) is None
    ):
        found = indent_hint(events, lines, first.line, first.column)
        if found is not None:
            line, column, field, message = found
            return yaml.Mark(first.name, 0, line, column, "", 0), field, message
    mark, message = _syntax_message(exc, text)
    if message == TAB_MESSAGE and mark is not None:
        meant = tab_field(events, lines, mark.line)
        if meant is not None:
            return mark, meant, message
    if "flow" in f"{exc.problem} {exc.context}":
        opened = open_flow(events)
        if opened is not None:
            mark, events = events[opened].start_mark, events[:opened]
    return mark, open_path(events, mark.line if mark is not None else None), message


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, str]:
    """Pick the most useful mark of a syntax error and a Chinese message for it."""
    mark = exc.problem_mark or exc.context_mark
    problem = f"{exc.problem or ''} {exc.context or ''}"
    char = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if "quoted scalar" in problem and "end of stream" in problem:
        return exc.context_mark or mark, "引号没有闭合，请补上结尾的引号"
    if any(word in problem for word in _ESCAPE_PROBLEMS):
        return mark, (
            "双引号里的“\\”是转义符，这里的转义写法无效，或表示的是 Word 无法保存的字符"
            "（如 \\ud800）；含反斜杠的文字（如 Windows 路径）请改用单引号括起来，"
            "或把每个“\\”写成“\\\\”"
        )
    if char == "\t" or "tab character" in problem:
        return mark, TAB_MESSAGE
    if any(word in problem for word in _STRUCTURE_PROBLEMS) and mark is not None:
        found = key_typing_hint(text.split("\n"), mark.line)
        if found is not None:
            line, column, message = found
            return yaml.Mark(mark.name, 0, line, column, "", 0), message
    return mark, yaml_error_message(problem, char)


TAB_MESSAGE = "缩进里有制表符（Tab），YAML 只能用空格缩进，请把 Tab 换成空格"
_ESCAPE_PROBLEMS = ("Unicode character escape", "unknown escape", "hexdecimal", "hexadecimal")
# Errors a mistyped key line upstream typically causes further down.
_STRUCTURE_PROBLEMS = (
    "mapping values are not allowed",
    "could not find expected ':'",
    "did not find expected key",
    "expected <block end>",
)
_FULLWIDTH_COLON = re.compile(r"^([ ]*(?:-[ ]+)?)[A-Za-z_][A-Za-z0-9_]*[ ]*(：)")
_NO_SPACE_COLON = re.compile(r"^([ ]*(?:-[ ]+)?)[A-Za-z_][A-Za-z0-9_]*(:)[^\s:/]")
_WIDE_SPACE_INDENT = re.compile(r"^[ ]*(\u3000)")
KEY_LOOKBACK = 5


def key_typing_hint(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """Find a key line a writer mistyped at or just above ``error_line`` (0-based).

    Chinese input methods make ``name：会`` (full-width colon), ``name:会`` (no space)
    and full-width-space indentation easy to type; YAML then reads the line as part
    of a text value and fails a line or more later with a message about something
    else. Returns the 0-based line and column of the culprit and a Chinese message.
    """
    for index in range(min(error_line, len(lines) - 1), max(-1, error_line - KEY_LOOKBACK), -1):
        line = lines[index]
        if m := _FULLWIDTH_COLON.match(line):
            return (
                index,
                m.start(2),
                ("键后面用了中文冒号“：”，YAML 要用英文冒号加空格，例如“name: 全市形势分析会”"),
            )
        if m := _NO_SPACE_COLON.match(line):
            return (
                index,
                m.start(2),
                ("键后面的英文冒号“:”要跟一个空格，例如“name: 全市形势分析会”"),
            )
        if m := _WIDE_SPACE_INDENT.match(line):
            return index, m.start(1), "缩进里有全角空格，YAML 只能用半角空格缩进，请改成半角空格"
    return None


def decode_brief(raw: bytes, path: str, encoding: str | None = None) -> str:
    """Decode brief bytes strictly: UTF-8 (BOM allowed) or UTF-16 with a BOM, unless ``encoding`` is given.

    Nothing is ever guessed: a file that is not UTF-8 gets a hint (GBK/GB18030 when
    it decodes as such) and the advice to re-save or pass ``--encoding``.
    """
    if encoding is None and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(
                f"{path}: 文件以 UTF-16 标记开头，但内容不是有效的 UTF-16，请另存为 UTF-8"
            ) from None
    enc = encoding or "utf-8-sig"
    try:
        text = raw.decode(enc)
    except LookupError:
        raise UserError(f"{path}: 不认识的编码名称“{encoding}”，常用的有 utf-8、gb18030") from None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        byte_in_line = exc.start - line_start + 1
        # The column counts characters (as editors do), the byte number counts bytes.
        col = len(raw[line_start : exc.start].decode(enc, errors="replace")) + 1
        hint = "请用 UTF-8 编码保存简报，或用 --encoding 指明文件的编码。"
        if encoding is None and _decodes(raw, "gb18030"):
            hint = (
                "看起来是 GBK/GB18030 编码（例如记事本或 WPS 另存的 ANSI 文件）。"
                "请另存为 UTF-8，或加上 --encoding gb18030 重新运行。"
            )
        raise UserError(
            f"{path}:{line}:{col}  文件不是 {'UTF-8' if encoding is None else encoding} "
            f"编码（第 {line} 行第 {byte_in_line} 个字节 0x{raw[exc.start]:02X} 无法解码）。{hint}"
        ) from None
    return text.removeprefix("\ufeff")


def _decodes(raw: bytes, encoding: str) -> bool:
    """True when ``raw`` decodes strictly as ``encoding``."""
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
