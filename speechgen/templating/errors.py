"""Where a template error happened, and common Jinja syntax errors in Chinese."""

from __future__ import annotations

import re
from typing import Any

from ..errors import UserError


class TemplateLimitError(UserError):
    """A template exceeded the time, output or size limits.

    ``lineno`` is the template line where it happened, when the caller found it.
    """

    lineno: int | None = None


def template_location(exc: BaseException, template: Any = None) -> str:
    """``file:line`` of the innermost template frame in ``exc``'s traceback (or the template's file)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".txt", ".md", ".xml")) or filename == "<template>":
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found or str(getattr(template, "filename", None) or "<template>")


_SYNTAX_MESSAGES = (
    (
        re.compile(r"unexpected '(\}|%|\))'"),
        "多了一个“{0}”，或者前面少写了一半（{{{{ }}}} 和 {{% %}} 要成对）",
    ),
    (
        re.compile(r"Unexpected end of template.*'(end\w+)'", re.S),
        "缺少 {{% {0} %}}：有一个块没有结束",
    ),
    (
        re.compile(r"Encountered unknown tag '(\w+)'"),
        "不认识的标签“{0}”（拼错了，或缺少与它配对的开始标签）",
    ),
    (re.compile(r"expected token '([^']+)', got '([^']*)'"), "这里应是“{0}”，却写了“{1}”"),
    (re.compile(r"unexpected end of template"), "模板意外结束：有括号、引号或标签没有闭合"),
    (re.compile(r"unexpected char '(.)'"), "这里不能出现“{0}”"),
    (re.compile(r"No filter named '(\w+)'"), "没有名为“{0}”的过滤器"),
    (re.compile(r"No test named '(\w+)'"), "没有名为“{0}”的判断"),
)


_TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", "name": "名称"}


def chinese_syntax_message(message: str) -> str:
    """Translate a common Jinja syntax error into Chinese; keep the original when unknown."""
    for pattern, chinese in _SYNTAX_MESSAGES:
        found = pattern.search(message)
        if found:
            return chinese.format(*(_TOKEN_NAMES.get(g, g) for g in found.groups()))
    return message
