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

import contextlib
import contextvars
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    FileSystemBytecodeCache,
    StrictUndefined,
    Template,
    TemplateRuntimeError,
    nodes,
    pass_context,
    pass_eval_context,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join
from jinja2.runtime import Namespace
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..safewrite import user_cache_dir
from ..speech import economy, figures, integrity, numerals, remedies, steps
from ..speech.commendation import Commendation, commendation_view
from ..speech.spoken import as_sentence, elaborated
from . import limits
from .errors import TemplateLimitError, template_location
from .inline import InlineMaterial
from .placing import place_remarks

MAX_OUTPUT_CHARS = 2_000_000
MAX_XML_CHARS = 20_000_000  # a Word template's or shell's rendered XML, tags included
MAX_TEXT_RUN = 2_000_000  # text between two tags: under lxml's 10 MB text-node limit
MAX_SECONDS = 10.0
MAX_RANGE = 10_000

# Characters that have a meaning in the speech markup; values get them as entities.
# Every other line-break character (which ``str.splitlines`` would split the markup
# at) becomes the escaped line break, so a value can never start a markup line.
_ESCAPE_TABLE = str.maketrans(
    {ch: f"&#{ord(ch)};" for ch in "&<>\"'\n#*%=@+"}
    | {ch: "&#10;" for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
)


@dataclass
class RenderBudget:
    """Limits on one render: output characters and seconds."""

    max_chars: int = field(default_factory=lambda: MAX_OUTPUT_CHARS)
    max_seconds: float = field(default_factory=lambda: MAX_SECONDS)
    started: float = 0.0
    produced: int = 0

    def start(self) -> None:
        """Start the clock."""
        self.started = time.perf_counter()
        self.produced = 0

    def tick(self) -> None:
        """Raise when the render has run too long."""
        if time.perf_counter() - self.started > self.max_seconds:
            raise TemplateLimitError(
                f"模板运行超过 {self.max_seconds:g} 秒，已停止（模板里可能有过大的循环）"
            )

    def add_output(self, chunk: str) -> None:
        """Count produced characters; raise when over the cap."""
        self.produced += len(chunk)
        if self.produced > self.max_chars:
            raise TemplateLimitError(
                f"模板输出超过 {self.max_chars} 个字符，已停止（模板可能在无限重复输出）"
            )
        self.tick()


_budget: contextvars.ContextVar[RenderBudget | None] = contextvars.ContextVar(
    "budget", default=None
)


def _tick() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.tick()


def refuse_non_text(value: Any) -> None:
    """Refuse a value a template should not print as it is (Python's text of it would leak in).

    ``None`` and true/false, lists, tuples and mappings (``()``, ``{}``, ``['甲']``) and
    objects without a text form of their own (a context record prints as
    ``MeetingCtx(name=…)``, a function or macro as ``<function …>``).
    """
    if value is None:
        raise TemplateRuntimeError("模板输出了一个空值（None），请用 {% if %} 判断该字段是否填写")
    if isinstance(value, bool):
        raise TemplateRuntimeError("模板直接输出了真/假值，请改用 {% if %} 判断")
    if isinstance(value, (str, int, float)) or hasattr(value, "__html__"):
        return
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        raise TemplateRuntimeError(
            "模板直接输出了一个列表或映射，请用 {% for %} 逐项输出，或用 join_cn 过滤器连起来"
        )
    if type(value).__str__ is object.__str__:
        raise TemplateRuntimeError(
            f"模板直接输出了一个 {type(value).__name__} 对象，请输出它的某个字段（如 meeting.name）"
        )


def escape_value(value: Any) -> Markup:
    """Escape a value for the speech markup: HTML entities plus the markup's own characters."""
    refuse_non_text(value)
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_ESCAPE_TABLE))


def _limited_range(*args: int) -> Iterator[int]:
    """``range`` for templates: refused at once above :data:`MAX_RANGE` steps, timed while iterating."""
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateLimitError(f"模板里的 range() 有 {len(r)} 步，超过上限 {MAX_RANGE}，已停止")
    return _timed(r)


def _timed(r: range) -> Iterator[int]:
    for i, n in enumerate(r):
        if i % 256 == 0:
            _tick()
        yield n


# Size guards: checked before a big string is built, with or without a running budget,
# so they also protect docxtpl renders. They cover the cheap ways to build huge text
# (repetition, padding widths, concatenation, join, replace, accumulating in a namespace).
_HUGE_WIDTH = re.compile(r"\d{7,}")


def _size(value: Any) -> int:
    """Length of a string or sequence, 0 for anything else."""
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _guard_size(size: int, what: str) -> None:
    """Refuse a value of ``size`` characters/items above the output cap."""
    if size > MAX_OUTPUT_CHARS:
        raise TemplateLimitError(
            f"模板里的{what}结果过大（超过 {MAX_OUTPUT_CHARS} 个字符），已停止"
        )


def _guard_format(fmt: Any) -> None:
    """Refuse format strings asking for a padding width of a million or more."""
    if isinstance(fmt, str) and _HUGE_WIDTH.search(fmt):
        raise TemplateLimitError("模板里的格式化宽度过大，已停止")


def guard_parts(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """Called by compiled templates before ``a ~ b ~ c`` is joined."""
    _guard_size(sum(_size(p) for p in parts), "字符串拼接（~）")
    return parts


class _GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with ``~`` concatenation checked by :func:`guard_parts`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802
        func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        if not frame.eval_ctx.volatile:
            func_name = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"{func_name}(environment.guard_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


class _GuardedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the output cap."""

    def __setitem__(self, name: str, value: Any) -> None:
        _guard_size(_size(value), "变量")
        super().__setitem__(name, value)


def _guard_filter(func: Any, what: str) -> Any:
    """Wrap a string filter: refuse huge numeric arguments and format widths, cap the result."""
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0  # the context/environment argument

    def guarded(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[skip], args[skip + 1 :]) if len(args) > skip else (None, ())
        for arg in (*rest, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and arg > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(f"模板里 {what} 过滤器的参数过大，已停止")
        if what == "format":
            _guard_format(value)
        if what == "replace" and len(rest) >= 2:
            _guard_size(_size(value) // max(1, _size(rest[0])) * _size(rest[1]), " replace 过滤器")
        result = func(*args, **kwargs)
        _guard_size(_size(result), f" {what} 过滤器")
        return result

    if skip:
        guarded.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return guarded


@pass_eval_context
def _guarded_join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
    """``join`` that refuses to build more than the output cap."""
    items = list(value)
    if len(items) > MAX_OUTPUT_CHARS:
        _guard_size(len(items), " join 过滤器")
    if attribute is None:
        _guard_size(sum(len(str(i)) for i in items) + len(d) * len(items), " join 过滤器")
    return do_join(eval_ctx, items, d, attribute)


class SpeechEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with resource checks on calls, attributes and operators."""

    intercepted_binops = frozenset(["+", "*", "**", "%"])
    code_generator_class = _GuardedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.guard_parts = guard_parts
        self.globals["namespace"] = _GuardedNamespace
        self.globals["range"] = _limited_range
        self.filters["join"] = _guarded_join
        for name in ("center", "indent", "format", "replace", "wordwrap", "truncate"):
            self.filters[name] = _guard_filter(self.filters[name], name)
        limits.install_limits(self)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N807
        _tick()
        for arg in (*args, *kwargs.values()):
            _guard_size(_size(arg), "参数")
        limits.guard_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format``/``format_map`` reached from a template: widths checked field by field."""
        return limits.wrap_str_format(self, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """The error for a blocked attribute, in Chinese (``__globals__``, ``append`` …)."""
        return self.undefined(
            f"模板不允许访问 {type(obj).__name__} 对象的“{attribute}”（模板在沙箱里运行，只能读取简报内容）",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        _tick()
        limits.guard_binop(operator_name, left, right)
        return super().call_binop(context, operator_name, left, right)


def make_environment(loader: BaseLoader | None = None) -> SpeechEnvironment:
    """Build the strict sandboxed environment with the genre's filters."""
    env = SpeechEnvironment(
        loader=loader,
        extensions=[InlineMaterial],
        undefined=StrictUndefined,
        autoescape=True,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
        cache_size=400,
        bytecode_cache=bytecode_cache(),
    )
    install_filters(env)
    return env


def bytecode_cache() -> Any:
    """Compiled templates kept on disk, so a cold start does not recompile unchanged templates.

    Jinja keys each entry by template name and a checksum of its source, so an edited
    template is recompiled. ``SPEECHGEN_NO_CACHE=1`` turns it off; an unwritable cache
    folder just means no cache.
    """
    import os

    if os.environ.get("SPEECHGEN_NO_CACHE") == "1":
        return None
    folder = user_cache_dir() / f"jinja-{_compiler_stamp()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        prune_bytecode_cache(folder)
    except OSError:
        return None
    return _ForgivingBytecodeCache(str(folder))


class _ForgivingBytecodeCache(FileSystemBytecodeCache):
    """A cache that is only ever a speed-up: a file another process removed or is still
    writing, or a full disk, means compiling again, never a failed render."""

    def load_bytecode(self, bucket: Any) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


CACHE_FILES_KEPT = 200  # compiled templates kept on disk; the oldest go first
STALE_AFTER = 7 * 24 * 3600  # another version's folder unused this long is removed


def prune_bytecode_cache(folder: Path, keep: int = CACHE_FILES_KEPT) -> None:
    """Keep the compiled-template cache small: at most ``keep`` files, no stale compiler folders.

    Every edit of a template adds a file (the key includes the source's checksum), and
    a new speechgen version starts a new ``jinja-…`` folder; without pruning both grow
    for ever. Listing the folder is cheap; file times are read only when it is over.
    """
    now = time.time()
    for sibling in folder.parent.glob("jinja-*"):
        # another installed version (or a checkout being developed) may be running now:
        # only a folder nobody has written to for a week goes
        if sibling == folder or not sibling.is_dir():
            continue
        if now - sibling.stat().st_mtime < STALE_AFTER:
            continue
        for old in sibling.iterdir():
            old.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            sibling.rmdir()
    names = os.listdir(folder)
    if len(names) <= keep:
        return
    entries = []
    for name in names:
        path = folder / name
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort()
    for _, path in entries[: len(entries) - keep * 3 // 4]:
        if path.suffix == ".cache":  # never a temporary file another process is writing
            path.unlink(missing_ok=True)


def _compiler_stamp() -> str:
    """Version plus a digest of this module: compiled code depends on the sandbox's code generator."""
    import hashlib

    from ..version import __version__

    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"{__version__}-{digest}"


class BudgetedTemplate(Template):
    """A template whose ``render`` counts its output against the running budget.

    docxtpl calls ``render`` (not ``generate``) on each XML part, so this is where a
    Word template's or shell's output is capped; a run of text longer than
    :data:`MAX_TEXT_RUN` is refused too, since the XML parser docxtpl uses would
    silently cut it.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render chunk by chunk under the budget (plainly when no budget runs)."""
        budget = _budget.get()
        if budget is None:
            return super().render(*args, **kwargs)
        chunks = []
        for chunk in self.generate(*args, **kwargs):
            budget.add_output(chunk)
            chunks.append(chunk)
        text = "".join(chunks)
        guard_text_runs(text)
        return text


def guard_text_runs(xml: str) -> None:
    """Refuse rendered XML holding a text run (a paragraph's text) over :data:`MAX_TEXT_RUN` characters."""
    for run in re.finditer(r"(?<=>)[^<]+", xml):
        if run.end() - run.start() > MAX_TEXT_RUN:
            start = xml[run.start() : run.start() + 20].strip()
            raise TemplateLimitError(
                f"模板生成的一段文字（以“{start}…”开头）超过 {MAX_TEXT_RUN} 个字符，已停止，"
                "没有写入截断的文档"
            )


def make_xml_environment() -> SpeechEnvironment:
    """The same sandboxed, strict, autoescaping environment for docxtpl (Word shells and templates).

    Values are escaped for XML by autoescaping; the markup ``finalize`` is not used,
    but printing ``None`` is still refused. Render under :func:`xml_budget_scope`.
    """
    env = SpeechEnvironment(undefined=StrictUndefined, autoescape=True, finalize=_refuse_none)
    env.template_class = BudgetedTemplate
    install_filters(env)
    return env


@contextmanager
def xml_budget_scope() -> Iterator[RenderBudget]:
    """:func:`budget_scope` for a docxtpl render: the XML output cap, and limit errors for
    a recursion too deep or memory running out; each error carries ``lineno``, the line
    of docxtpl's XML source (one paragraph a line) where it happened, when known."""
    with budget_scope(RenderBudget(max_chars=MAX_XML_CHARS)) as active:
        try:
            yield active
        except TemplateLimitError as exc:
            exc.lineno = exc.lineno or _template_line(exc)
            raise
        except RecursionError as exc:
            error = TemplateLimitError("模板递归过深（可能有宏调用自身），已停止")
            error.lineno = _template_line(exc)
            raise error from None
        except MemoryError:
            raise TemplateLimitError("模板用尽了内存（可能在生成过大的内容），已停止") from None


def _template_line(exc: BaseException) -> int | None:
    """The line of the innermost template frame in ``exc``'s traceback, if any."""
    where = template_location(exc, None)
    number = where.rpartition(":")[2]
    return int(number) if ":" in where and number.isdigit() else None


def _refuse_none(value: Any) -> Any:
    """Finalize for XML templates: refuse what :func:`refuse_non_text` refuses, keep the rest."""
    refuse_non_text(value)
    return value


def install_filters(env: Any) -> None:
    """Register the genre's filters (and the commendation speech's decisions) on any Jinja environment."""
    env.filters.update(
        cn=numerals.cn_number,
        cn_count=numerals.cn_count,
        ordinal=numerals.ordinal,
        cn_date=numerals.cn_date,
        join_cn=_join_filter,
        join_counted=_join_counted,
        figures=figures.indicator_figures,
        tally=figures.light_tally,
        figures_said=figures.figures_said,
        light_group=figures.light_group,
        rank_change=rank_change_phrase,
        bare=strip_end_punct,
        said=as_sentence,
        names_case=names_case,
    )
    env.filters.update(
        remedy_lead=remedies.remedy_lead, steps_said=steps.steps_said, analysed=economy.analysed
    )
    env.filters.update(shared_owner=steps.shared_owner)
    env.filters.update(place_remarks=place_remarks, elaborated=elaborated, any_lit=figures.any_lit)
    env.globals["commendation"] = _commendation


@pass_context
def _commendation(context: Any) -> Commendation:
    """``commendation()``: the commendation speech's decisions from the rendering context."""
    return commendation_view(context)


def names_case(text: Any, cases: Iterable[Any]) -> int | None:
    """The index of the first case whose short name (钱某) ``text`` mentions, or None:
    the writer's remark on a case follows that case."""
    return integrity.case_named(str(text), [c.short for c in cases])


def _join_filter(items: Any, last: str = "和", sep: str = "、") -> Markup:
    """Join items with 、 and 和, escaping each item."""
    return Markup(numerals.join_cn([escape_value(i) for i in items], str(escape_value(last)), sep))


def _join_counted(items: Any) -> Markup:
    """Join items as :func:`_join_filter` does and say how many when there are several:
    甲、乙和丙三项 (one item is said alone)."""
    items = list(items)
    count = f"{numerals.cn_count(len(items))}项" if len(items) > 1 else ""
    return _join_filter(items) + count


_JOINING_PUNCT = "。；;，,、"


def strip_end_punct(text: Any) -> str:
    """Drop one closing 。；， so a brief item can be joined into a longer sentence.

    Only a single separator-like mark is removed (never an ellipsis, ``...``, ``！`` or
    ``？``), so the writer's text otherwise appears exactly as typed.
    """
    value = str(text).rstrip(" ")
    if len(value) > 1 and value[-1] in _JOINING_PUNCT and value[-2] not in _JOINING_PUNCT + ".…":
        return value[:-1]
    return value


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
    diff_text = numerals.cn_count(diff) if style == "chinese" else str(diff)
    if cur > prev:
        return f"从{before}下降到{now}，后退了{diff_text}个位次"
    if cur < prev:
        return f"从{before}上升到{now}，前进了{diff_text}个位次"
    return f"与上次持平，仍为{now}"


def render_with_budget(
    template: Any, context: dict[str, Any], budget: RenderBudget | None = None
) -> str:
    """Render ``template`` chunk by chunk under ``budget``; return the text.

    A limit error, or a recursion too deep (a macro calling itself), is reported
    with the template file and line where it happened.
    """
    with budget_scope(budget) as active:
        try:
            chunks = []
            for chunk in template.generate(context):
                active.add_output(chunk)
                chunks.append(chunk)
            return "".join(chunks)
        except TemplateLimitError as exc:
            raise TemplateLimitError(f"{template_location(exc, template)}  {exc.message}") from None
        except RecursionError as exc:
            where = template_location(exc, template)
            raise TemplateLimitError(f"{where}  模板递归过深（可能有宏调用自身），已停止") from None


@contextmanager
def budget_scope(budget: RenderBudget | None = None) -> Iterator[RenderBudget]:
    """Run a render (also a docxtpl one) under a time and output budget."""
    active = budget or RenderBudget()
    active.start()
    token = _budget.set(active)
    watchdog = limits.Watchdog(active.max_seconds).start()
    try:
        yield active
    finally:
        watchdog.stop()
        _budget.reset(token)
