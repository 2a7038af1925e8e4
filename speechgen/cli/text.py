"""Chinese for the parts of the command line that come from click (inside typer).

click prints its help headings ("Usage:", "Options:") and usage errors ("No such
option", "Missing argument") in English with no translation hook. :func:`install`
switches them to Chinese: a help formatter with Chinese headings, a Chinese help
option, and a ``show`` for usage errors that translates the known messages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

try:  # typer >= 0.20 vendors click as typer._click
    from typer import _click as click_mod
    from typer._click import core as click_core
    from typer._click import decorators as click_decorators
    from typer._click import exceptions as click_exceptions
    from typer._click import formatting as click_formatting
except ImportError:  # pragma: no cover - older typer depends on click itself
    import click as click_mod  # type: ignore[no-redef]
    from click import core as click_core  # type: ignore[no-redef]
    from click import decorators as click_decorators  # type: ignore[no-redef]
    from click import exceptions as click_exceptions  # type: ignore[no-redef]
    from click import formatting as click_formatting  # type: ignore[no-redef]

ClickException = click_exceptions.ClickException
UsageError = click_exceptions.UsageError

HELP_TEXT = "显示本帮助并退出"
_SECTIONS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}

_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Missing (?:argument|parameter):? '?([^'.]+)'?\.?"), r"缺少参数 \1"),
    (re.compile(r"No such option: (\S+)(?:\s+Did you mean (\S+?)\?)?"), r"没有这个选项：\1"),
    (
        re.compile(r"No such command '([^']+)'\.(?:\s+Did you mean '([^']+)'\?)?"),
        r"没有这个命令“\1”",
    ),
    (re.compile(r"Option '([^']+)' requires an argument\."), r"选项 \1 后面需要写一个值"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), r"多余的参数：\1"),
    (
        re.compile(r"Invalid value for '([^']+)'(?: / '[^']+')*: (.*)", re.S),
        r"选项 \1 的取值无效：\2",
    ),
]
_VALUE_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:Value error, )?'([^']*)' is not one of (.+)\."), r"“\1”不在可选值 \2 之中"),
    (re.compile(r"Input should be a valid integer.*"), r"应是整数"),
    (re.compile(r"'?([^']*)'? is not a valid integer.*"), r"“\1”不是整数"),
    (re.compile(r"Input should be greater than or equal to (\d+).*"), r"应不小于 \1"),
    (re.compile(r"(.*) is not in the range (.*)\."), r"\1 超出范围 \2"),
]


def translate(message: str) -> str:
    """Translate a click usage-error message to Chinese (unknown messages pass through)."""
    suggestion = re.search(r"Did you mean '?([^'?]+)'?\?", message)
    for pattern, replacement in _MESSAGES:
        m = pattern.match(message.strip())
        if m:
            text = m.expand(replacement)
            for vpattern, vrepl in _VALUE_MESSAGES:
                text = vpattern.sub(vrepl, text)
            if suggestion:
                text += f"，是否想写 {suggestion.group(1)}？"
            return text
    return message


# click's English words in usage lines, value placeholders and notes after a help text.
_USAGE_WORDS = [
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("[ARGS]...", "[参数]..."),
]
_METAVARS = [
    (re.compile(r"\s*<list\[[^\]]*\]>"), ""),  # the argument's own name says what it is
    (re.compile(r"<(?:str|text)>"), "<文字>"),
    (re.compile(r"<path>"), "<路径>"),
    (re.compile(r"<(?:file|filename)>"), "<文件>"),
    (re.compile(r"<directory>"), "<文件夹>"),
    (re.compile(r"<int(?: range)?>"), "<整数>"),
    (re.compile(r"<float(?: range)?>"), "<数字>"),
]
_NOTES = [
    (re.compile(r"\[required\]"), "[必填]"),
    (re.compile(r"\[default: ([^\]]*)\]"), r"[默认：\1]"),
    (re.compile(r"\[env var: ([^\]]*)\]"), r"[环境变量：\1]"),
    (re.compile(r"\[x>=(-?[\d.]+)\]"), r"[不小于 \1]"),
    (re.compile(r"\[x<=(-?[\d.]+)\]"), r"[不大于 \1]"),
    (re.compile(r"\[(-?[\d.]+)<=x<=(-?[\d.]+)\]"), r"[\1–\2]"),
]


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: Chinese characters and full-width marks take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_columns(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns (between words for Latin text)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for token in re.findall(r"\[[^\]]*\]|[A-Za-z0-9_./<>=:-]+ ?|.", paragraph):
            size = display_width(token)
            if used + size > width and line.strip():
                lines.append(line.rstrip())
                line, used = "", 0
                token = token.lstrip()
                size = display_width(token)
            line += token
            used += size
        lines.append(line.rstrip())
    return lines


def chinese_term(text: str) -> str:
    """An option or argument column with its value placeholder in Chinese."""
    for pattern, replacement in _METAVARS:
        text = pattern.sub(replacement, text)
    return text


def chinese_note(text: str) -> str:
    """A help text with click's notes ([required], [default: …], ranges) in Chinese."""
    for pattern, replacement in _NOTES:
        text = pattern.sub(replacement, text)
    return text


class ChineseHelpFormatter(click_formatting.HelpFormatter):
    """click's help formatter in Chinese, with columns aligned for double-width characters."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Write the usage line with a Chinese prefix and Chinese placeholders."""
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def section(self, name: str) -> Any:
        """Open a help section with its Chinese heading."""
        return super().section(_SECTIONS.get(name, name))

    def write_heading(self, heading: str) -> None:
        """A section heading with a full-width colon (选项：)."""
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        """Write option and command rows, measuring every column in terminal columns."""
        rows = [(chinese_term(first), chinese_note(second)) for first, second in rows]
        if not rows:
            return
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        text_width = max(self.width - first_col - self.current_indent - 2, 10)
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            used = display_width(first)
            if used <= first_col - col_spacing:
                self.write(" " * (first_col - used))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_columns(second, text_width)
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_col}{line}\n")


def _show_usage_error(self: Any, file: Any = None) -> None:
    from ..console import echo_err

    hint = ""
    ctx = getattr(self, "ctx", None)
    if ctx is not None:
        hint = f"\n用“{ctx.command_path} --help”查看用法。"
    echo_err(f"错误：{translate(self.format_message())}{hint}")


def _show_click_exception(self: Any, file: Any = None) -> None:
    from ..console import echo_err

    echo_err(f"错误：{translate(self.format_message())}")


def _chinese_help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    def help_option(*args: Any, **kwargs: Any) -> Any:
        decorate = original(*args, **kwargs)

        def apply(command: Any) -> Any:
            result = decorate(command)
            command.params[-1].help = HELP_TEXT
            return result

        return apply

    return help_option


def install() -> None:
    """Switch click's help and usage errors to Chinese (idempotent)."""
    if getattr(click_mod, "_speechgen_chinese", False):
        return
    click_core.Context.formatter_class = ChineseHelpFormatter
    UsageError.show = _show_usage_error  # type: ignore[method-assign]
    ClickException.show = _show_click_exception  # type: ignore[method-assign]
    click_decorators.help_option = _chinese_help_option(click_decorators.help_option)
    setattr(click_mod, "_speechgen_chinese", True)  # noqa: B010
