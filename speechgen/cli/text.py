"""Chinese for the parts of the command line that come from click (inside typer).

click prints its help headings ("Usage:", "Options:") and usage errors ("No such
option", "Missing argument") in English with no translation hook. :func:`install`
switches them to Chinese: a help formatter with Chinese headings, a Chinese help
option, and a ``show`` for usage errors that translates the known messages.
"""

from __future__ import annotations

import re
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


class ChineseHelpFormatter(click_formatting.HelpFormatter):
    """click's help formatter with Chinese headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """Write the usage line with a Chinese prefix."""
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def section(self, name: str) -> Any:
        """Open a help section with its Chinese heading."""
        return super().section(_SECTIONS.get(name, name))


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
