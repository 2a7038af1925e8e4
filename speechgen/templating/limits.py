"""Resource limits for untrusted templates that hold for every route a template can take.

:mod:`speechgen.templating.environment` counts output and ticks a clock; this module
closes the routes around those counters, for folder templates and docxtpl alike:

* sizes are checked *before* a big value is built: a width or precision given as an
  argument (``'{0:>{1}}'.format(x, 2000000000)``, ``'%*s' % (n, x)``), padding and
  joining string methods (``ljust``, ``center``, ``join``, ``replace``…), ``+`` and
  ``*`` on strings, lists and huge integers, ``**``;
* collections built by filters (``batch(1)|list``, ``map``, ``sort``…) are capped at
  :data:`MAX_ITEMS` items, and ``wordwrap`` at as many lines;
* :class:`Watchdog` stops a render that runs past its time budget even when the
  template produces no output and calls nothing (a loop over a long string): it
  raises :class:`TemplateTimeout` in the rendering thread, with no signals, so it
  works on Windows and in any thread.

A refusal is a :class:`~speechgen.templating.errors.TemplateLimitError` (exit 2); the
caller adds the template's file and line.
"""

from __future__ import annotations

import re
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from functools import update_wrapper
from itertools import islice
from typing import Any

from jinja2.sandbox import SandboxedFormatter
from markupsafe import EscapeFormatter, Markup

from .errors import TemplateLimitError

MAX_CHARS = 2_000_000  # one string or list built by a template
MAX_ITEMS = 100_000  # items in a collection a filter builds; lines of wordwrap
MAX_INT_BITS = 100_000  # about 30,000 decimal digits
_HUGE_NUMBER = re.compile(r"\d{7,}")
_PADDING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def refuse(what: str) -> TemplateLimitError:
    """The error for a value that would be too big."""
    return TemplateLimitError(f"模板里的{what}结果过大（超过 {MAX_CHARS} 个字符），已停止")


def size_of(value: Any) -> int:
    """Length of a string or sequence, 0 for anything else."""
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def guard_size(size: int, what: str) -> None:
    """Refuse a value of ``size`` characters or items above :data:`MAX_CHARS`."""
    if size > MAX_CHARS:
        raise refuse(what)


def guard_spec(spec: Any, what: str = "格式化宽度") -> None:
    """Refuse a format spec or %-format asking for a width or precision of a million or more."""
    if isinstance(spec, str) and _HUGE_NUMBER.search(spec):
        raise TemplateLimitError(f"模板里的{what}过大，已停止")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ----------------------------------------------------------------------------- str.format


class LimitedFormatter(SandboxedFormatter):
    """The sandbox's ``str.format`` formatter, refusing huge widths even when nested (``{0:>{1}}``)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        """Check the final spec (nested fields already filled in) before padding."""
        guard_spec(format_spec)
        return super().format_field(value, format_spec)


class LimitedEscapeFormatter(LimitedFormatter, EscapeFormatter):
    """:class:`LimitedFormatter` for ``Markup.format`` (escapes the values)."""


def wrap_str_format(env: Any, value: Any) -> Callable[..., str] | None:
    """Jinja's ``str.format``/``format_map`` wrapper, with :class:`LimitedFormatter`."""
    if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in (
        "format",
        "format_map",
    ):
        return None
    owner: Any = value.__self__
    if not isinstance(owner, str):
        return None
    str_type: type[str] = type(owner)
    is_format_map = value.__name__ == "format_map"
    formatter: LimitedFormatter = (
        LimitedEscapeFormatter(env, escape=owner.escape)
        if isinstance(owner, Markup)
        else LimitedFormatter(env)
    )

    def wrapper(*args: Any, **kwargs: Any) -> str:
        if is_format_map:
            if kwargs or len(args) != 1:
                raise TypeError("format_map() 只接受一个映射参数")
            kwargs, args = args[0], ()
        return str_type(formatter.vformat(owner, args, kwargs))

    return update_wrapper(wrapper, value)


# ----------------------------------------------------------------------------- calls and operators


def guard_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a string method call that would build a huge string (``'x'.ljust(10**9)``)."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str) or not isinstance(obj, types.BuiltinMethodType):
        return
    name = obj.__name__
    numbers = [a for a in (*args, *kwargs.values()) if _is_int(a)]
    if name in _PADDING_METHODS:
        width = max(numbers, default=0)
        factor = owner.count("\t") if name == "expandtabs" else 1
        guard_size(len(owner) + width * factor, f"字符串方法 {name}")
    elif name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        hits = owner.count(old) if isinstance(old, str) and old else len(owner) + 1
        guard_size(len(owner) + hits * size_of(new), "字符串方法 replace")
    elif name == "join" and args:
        items = args[0]
        if isinstance(items, (list, tuple)):
            guard_size(sum(len(str(i)) for i in items) + len(owner) * len(items), "字符串方法 join")


def guard_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``+``, ``*``, ``%`` and ``**`` results that would be huge, before computing them."""
    if operator == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            guard_size(size_of(left) + size_of(right), "加法（+）")
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            if _is_int(n) and isinstance(seq, (str, list, tuple)):
                guard_size(size_of(seq) * n, "重复运算（*）")
        if (
            _is_int(left)
            and _is_int(right)
            and left.bit_length() + right.bit_length() > MAX_INT_BITS
        ):
            raise TemplateLimitError("模板里的乘法结果数字过大，已停止")
    elif operator == "**":
        if _is_int(right) and (
            right > 64 or (_is_int(left) and left.bit_length() * right > MAX_INT_BITS)
        ):
            raise TemplateLimitError("模板里的乘方运算过大，已停止")
    elif operator == "%" and isinstance(left, str):
        guard_spec(left)
        values = right if isinstance(right, tuple) else (right,)
        if "*" in left and any(_is_int(v) and abs(v) > MAX_CHARS for v in values):
            raise TemplateLimitError("模板里的格式化宽度过大，已停止")
        guard_size(len(left) + sum(size_of(v) for v in values), "格式化（%）")


# ----------------------------------------------------------------------------- filters and globals


def _capped(items: Iterable[Any], what: str) -> list[Any]:
    """``list(items)``, refused when there are more than :data:`MAX_ITEMS`."""
    found = list(islice(items, MAX_ITEMS + 1))
    if len(found) > MAX_ITEMS:
        raise TemplateLimitError(f"模板里的 {what} 得到了超过 {MAX_ITEMS} 项，已停止")
    return found


def _capped_iter(items: Iterable[Any], what: str) -> Iterator[Any]:
    """Yield from ``items``, refused past :data:`MAX_ITEMS`."""
    for count, item in enumerate(items, 1):
        if count > MAX_ITEMS:
            raise TemplateLimitError(f"模板里的 {what} 得到了超过 {MAX_ITEMS} 项，已停止")
        yield item


def _limit_collection_filter(func: Any, name: str) -> Any:
    """Wrap a filter that builds a collection: its input and its output stay within :data:`MAX_ITEMS`."""
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0

    def limited(*args: Any, **kwargs: Any) -> Any:
        if len(args) > skip and hasattr(args[skip], "__len__"):
            length = len(args[skip])
            count = _items_made(name, length, args[skip + 1 :], kwargs)
            if count > MAX_ITEMS:
                raise TemplateLimitError(
                    f"模板里的 {name} 过滤器会得到 {count} 项，超过上限 {MAX_ITEMS}，已停止"
                )
        result = func(*args, **kwargs)
        if isinstance(result, (list, tuple)):
            return _capped(result, f"{name} 过滤器")
        if isinstance(result, Iterator):
            return _capped_iter(result, f"{name} 过滤器")
        return result

    if skip:
        limited.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return update_wrapper(limited, func)


def _items_made(name: str, length: int, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How many items filter ``name`` makes from ``length`` items (batch: one list per batch)."""
    size: Any = args[0] if args else kwargs.get("linecount", kwargs.get("slices"))
    if not _is_int(size):
        return length
    if name == "batch":
        return int(length // max(1, size) + 1)
    if name == "slice":
        return int(max(size, length))
    return length


def _limit_wordwrap(func: Any) -> Any:
    """``wordwrap`` refused when it would make more than :data:`MAX_ITEMS` lines."""
    skip = 1 if hasattr(func, "jinja_pass_arg") else 0

    def limited(*args: Any, **kwargs: Any) -> Any:
        text = args[skip] if len(args) > skip else ""
        width = args[skip + 1] if len(args) > skip + 1 else kwargs.get("width", 79)
        if isinstance(text, str) and _is_int(width) and len(text) // max(1, width) > MAX_ITEMS:
            raise TemplateLimitError(f"模板里的 wordwrap 会得到超过 {MAX_ITEMS} 行，已停止")
        return func(*args, **kwargs)

    if skip:
        limited.jinja_pass_arg = func.jinja_pass_arg  # type: ignore[attr-defined]
    return update_wrapper(limited, func)


COLLECTION_FILTERS = ("list", "batch", "slice", "sort", "unique", "reverse", "map", "select",
                      "reject", "selectattr", "rejectattr", "dictsort", "groupby", "items")  # fmt: skip


def install_limits(env: Any) -> None:
    """Replace the filters and globals of ``env`` that can build without bound."""
    for name in COLLECTION_FILTERS:
        if name in env.filters:
            env.filters[name] = _limit_collection_filter(env.filters[name], name)
    env.filters["wordwrap"] = _limit_wordwrap(env.filters["wordwrap"])
    lipsum = env.globals.get("lipsum")
    if lipsum is not None:

        def limited_lipsum(n: int = 5, *args: Any, **kwargs: Any) -> Any:
            if not _is_int(n) or n > 100:
                raise TemplateLimitError("模板里的 lipsum 段数过多（最多 100 段），已停止")
            return lipsum(n, *args, **kwargs)

        env.globals["lipsum"] = update_wrapper(limited_lipsum, lipsum)


# ----------------------------------------------------------------------------- time


class TemplateTimeout(TemplateLimitError):
    """Raised in a render that ran past its time budget (by :class:`Watchdog`)."""

    seconds = 10.0

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or f"模板运行超过 {self.seconds:g} 秒，已停止（模板里可能有过大的循环）"
        )


class Watchdog:
    """Stop the current thread's render after ``seconds``, even inside a silent loop.

    A helper thread waits; when the time is up it raises :class:`TemplateTimeout` in
    the rendering thread (CPython's ``PyThreadState_SetAsyncExc``: no signals, so
    Windows and worker threads are covered). :meth:`stop` cancels it and clears an
    exception that was raised but not yet delivered. Where that API is missing
    (another Python), only the budget's own clock checks remain.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.target = threading.get_ident()
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.fired = False
        self.thread: threading.Thread | None = None

    def start(self) -> Watchdog:
        """Start waiting (in a daemon thread)."""
        if _set_async_exc() is not None:
            self.thread = threading.Thread(
                target=self._wait, name="speechgen-watchdog", daemon=True
            )
            self.thread.start()
        return self

    def _wait(self) -> None:
        if self.done.wait(self.seconds):
            return
        with self.lock:
            if self.done.is_set():
                return
            exc = type("TemplateTimeout", (TemplateTimeout,), {"seconds": self.seconds})
            self.fired = _raise_in(self.target, exc)

    def stop(self) -> None:
        """Cancel: the render finished (or failed) on its own."""
        with self.lock:
            self.done.set()
            if self.fired:
                _raise_in(self.target, None)  # clear it if it has not been delivered yet
        if self.thread is not None:
            self.thread.join()


def _set_async_exc() -> Any:
    """CPython's ``PyThreadState_SetAsyncExc``, or None where it is not available."""
    try:
        import ctypes

        return ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):
        return None


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> bool:
    """Raise ``exc`` in thread ``thread_id`` at its next bytecode (None clears); True when set."""
    import ctypes

    func = _set_async_exc()
    target = ctypes.c_ulong(thread_id)
    return bool(func(target, ctypes.py_object(exc) if exc is not None else None))
