"""The one Jinja environment every template renders in: sandboxed, strict, autoescaping.

Templates are shared between offices and treated as untrusted code:

* :class:`jinja2.sandbox.ImmutableSandboxedEnvironment` blocks attribute tricks and
  mutation; ``StrictUndefined`` turns every missing name into an error;
* autoescaping is on; the ``finalize`` hook escapes values into the speech markup's
  own escaped form (see :mod:`speechgen.markup`), so a brief value can never inject
  markup, and refuses to print ``None``;
* :class:`RenderBudget` caps output size and wall time without signals (works on
  Windows): it is checked on every output chunk, every sandboxed call and attribute
  access, every ``range`` step and every string/list multiplication.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateRuntimeError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from . import numerals
from .errors import UserError

MAX_OUTPUT_CHARS = 2_000_000
MAX_SECONDS = 10.0
MAX_RANGE = 10_000

# Characters that have a meaning in the speech markup; values get them as entities.
_ESCAPE_TABLE = str.maketrans(
    {ch: f"&#{ord(ch)};" for ch in "&<>\"'\n#*%=@+"}
)


@dataclass
class RenderBudget:
    """Limits on one render: output characters and seconds."""

    max_chars: int = MAX_OUTPUT_CHARS
    max_seconds: float = MAX_SECONDS
    started: float = 0.0
    produced: int = 0

    def start(self) -> None:
        """Start the clock."""
        self.started = time.perf_counter()
        self.produced = 0

    def tick(self) -> None:
        """Raise when the render has run too long."""
        if time.perf_counter() - self.started > self.max_seconds:
            raise TemplateLimitError(f"模板运行超过 {self.max_seconds:g} 秒，已停止（模板里可能有过大的循环）")

    def add_output(self, chunk: str) -> None:
        """Count produced characters; raise when over the cap."""
        self.produced += len(chunk)
        if self.produced > self.max_chars:
            raise TemplateLimitError(f"模板输出超过 {self.max_chars} 个字符，已停止（模板可能在无限重复输出）")
        self.tick()


_budget: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar("budget", default=None)


class TemplateLimitError(UserError):
    """A template exceeded the time or output limits."""


def _tick() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.tick()


def escape_value(value: Any) -> Markup:
    """Escape a value for the speech markup: HTML entities plus the markup's own characters."""
    if value is None:
        raise TemplateRuntimeError("模板输出了一个空值（None），请用 {% if %} 判断该字段是否填写")
    if isinstance(value, bool):
        raise TemplateRuntimeError("模板直接输出了真/假值，请改用 {% if %} 判断")
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_ESCAPE_TABLE))


def _limited_range(*args: int) -> Iterator[int]:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateLimitError(f"模板里的 range() 超过 {MAX_RANGE} 次，已停止")
    for i, n in enumerate(r):
        if i % 256 == 0:
            _tick()
        yield n


class SpeechEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with resource checks on calls, attributes and operators."""

    intercepted_binops = frozenset(["*", "**"])

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N807
        _tick()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        _tick()
        if operator_name == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_OUTPUT_CHARS:
                    raise TemplateLimitError("模板里的重复运算结果过大，已停止")
        if operator_name == "**" and isinstance(right, int) and right > 64:
            raise TemplateLimitError("模板里的乘方运算过大，已停止")
        return super().call_binop(context, operator_name, left, right)


def make_environment(loader: BaseLoader | None = None) -> SpeechEnvironment:
    """Build the strict sandboxed environment with the genre's filters."""
    env = SpeechEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        cache_size=400,
    )
    install_filters(env)
    return env


def make_xml_environment() -> SpeechEnvironment:
    """The same sandboxed, strict, autoescaping environment for docxtpl (Word shells and templates).

    Values are escaped for XML by autoescaping; the markup ``finalize`` is not used,
    but printing ``None`` is still refused.
    """
    env = SpeechEnvironment(undefined=StrictUndefined, autoescape=True, finalize=_refuse_none)
    install_filters(env)
    return env


def _refuse_none(value: Any) -> Any:
    if value is None:
        raise TemplateRuntimeError("模板输出了一个空值（None），请用 {% if %} 判断该字段是否填写")
    return value


def install_filters(env: Any) -> None:
    """Register the genre's filters and the limited ``range`` on any Jinja environment."""
    env.filters.update(
        cn=numerals.cn_number,
        cn_count=numerals.cn_count,
        ordinal=numerals.ordinal,
        cn_date=numerals.cn_date,
        join_cn=_join_filter,
        rank_change=rank_change_phrase,
        bare=strip_end_punct,
    )
    env.globals["range"] = _limited_range


def _join_filter(items: Any, last: str = "和", sep: str = "、") -> Markup:
    """Join items with 、 and 和, escaping each item."""
    return Markup(numerals.join_cn([escape_value(i) for i in items], str(escape_value(last)), sep))


def strip_end_punct(text: Any) -> str:
    """Drop closing punctuation so a brief item can be joined into a longer sentence."""
    return str(text).rstrip("。；;，,.！!、 ")


def rank_change_phrase(ranking: Any, style: str = "arabic") -> str:
    """Describe a rank change: 从第3名下降到第9名、后退6位 / 上升 / 与上次持平."""
    prev, cur = getattr(ranking, "previous", None), getattr(ranking, "current", None)
    if cur is None:
        return ""
    now = numerals.ordinal(cur, style)
    if prev is None:
        return f"位列{now}"
    before = numerals.ordinal(prev, style)
    diff = abs(cur - prev)
    diff_text = numerals.cn_number(diff) if style == "chinese" else str(diff)
    if cur > prev:
        return f"从{before}下降到{now}，后退了{diff_text}个位次"
    if cur < prev:
        return f"从{before}上升到{now}，前进了{diff_text}个位次"
    return f"与上次持平，仍为{now}"


def render_with_budget(template: Any, context: dict[str, Any], budget: RenderBudget | None = None) -> str:
    """Render ``template`` chunk by chunk under ``budget``; return the text."""
    budget = budget or RenderBudget()
    budget.start()
    token = _budget.set(budget)
    try:
        chunks = []
        for chunk in template.generate(context):
            budget.add_output(chunk)
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _budget.reset(token)
