"""The template functions that draw on the material library: ``say``, ``fill``, ``heading``.

They read the render's :class:`~.material.Picker` from the template context, so the
sandboxed template never holds it. ``say`` gives the sentences a passage always needs,
``fill`` adds library material while the part's length budget lasts, ``heading`` gives a
part's or a section's heading from one heading set, so siblings share one shape.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from markupsafe import Markup, escape

from ..errors import UserError
from ..speech.context import SpeechContext
from .material import TAG_VALUES, Picker

PICKER = "__picker__"


def _picker(ctx: Any) -> Picker:
    picker = ctx.get(PICKER)
    if picker is None:
        raise UserError("模板在没有素材库的情况下调用了 say/fill/heading")
    return picker


def _extra(kwargs: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Extra tags given by the template: a string or a list of strings each."""
    out = {}
    for name, value in kwargs.items():
        if isinstance(value, (list, tuple)):
            out[name] = tuple(str(v) for v in value)
        else:
            out[name] = (str(value),)
    return out


def _render(ctx: Any, texts: list[str]) -> Markup:
    """Material may use the template's names (``{{ meeting.we }}``): render each entry."""
    env = ctx.environment
    rendered = []
    for text in texts:
        if "{" in text:
            rendered.append(_compiled(env, text).render(ctx.get_all()))
        else:
            rendered.append(str(escape(text)))
    return Markup("".join(rendered))


_COMPILED: dict[tuple[int, str], Any] = {}


def _compiled(env: Any, text: str) -> Any:
    """Compile a material entry once per environment (environments live as long as the process)."""
    key = (id(env), text)
    template = _COMPILED.get(key)
    if template is None:
        if len(_COMPILED) > 5000:
            _COMPILED.clear()
        template = _COMPILED[key] = env.from_string(text)
    return template


@pass_context
def say(ctx: Any, slot: str, key: Any = "", n: int = 1, **tags: Any) -> Markup:
    """``n`` fitting entries of ``slot`` (one by default), reproducible for ``key``."""
    return _render(ctx, _picker(ctx).say(slot, str(key), n, **_extra(tags)))


@pass_context
def fill(ctx: Any, slot: str, where: Any, key: Any = "", most: int = 0, **tags: Any) -> Markup:
    """Library entries of ``slot`` for the part ``where`` (its plan or key) within its budget.

    ``most`` caps how many entries this call may add (0: as many as the budget allows).
    """
    place = getattr(where, "key", None) or str(where)
    cap = most if isinstance(most, int) and not isinstance(most, bool) and most > 0 else 0
    return _render(ctx, _picker(ctx).fill(slot, place, str(key), cap, **_extra(tags)))


@pass_context
def heading(ctx: Any, slot: str, kind: str, kinds: Any = ()) -> str:
    """The heading of ``kind`` from one heading set of ``slot`` covering all ``kinds``."""
    picker = _picker(ctx)
    wanted = _needed(ctx.get("plan"), kind, tuple(kinds) or (kind,))
    cache = ctx.get("__heading_sets__")
    cache_key = (slot, wanted)
    chosen = cache.get(cache_key) if cache is not None else None
    if chosen is None:
        chosen = picker.heading_set(slot, wanted)
        if cache is not None:
            cache[cache_key] = chosen
    if kind not in chosen:
        raise UserError(f"素材库“{slot}”里没有同时含 {'、'.join(wanted)} 的标题组")
    return chosen[kind]


def _needed(plan: Any, kind: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds a heading set must cover: parts whose heading the writer gave (a custom
    part always has one) need none from the set, so 「situation, measures, custom」 asks
    a set for situation and measures only — also of a template that passes ``plan.kinds``
    rather than ``plan.stock_kinds``."""
    parts = getattr(plan, "parts", None)
    if not parts:
        return kinds
    planned = {p.kind for p in parts}
    unheaded = {p.kind for p in parts if not p.heading}
    return tuple(k for k in kinds if k == kind or k not in planned or k in unheaded)


def material_tags(context: SpeechContext) -> dict[str, tuple[str, ...]]:
    """What the speech is about, as the tags material is chosen by."""
    r = context.ranking
    has = [
        name
        for name, present in (
            ("ranking", r is not None and r.current is not None),
            ("strengths", bool(context.strengths)),
            ("weaknesses", bool(context.weaknesses)),
            ("measures", bool(context.measures)),
            ("praise", bool(context.praise)),
            ("cases", bool(context.cases)),
            ("target", r is not None and r.target is not None),
        )
        if present
    ]
    m = context.meeting
    return {
        "direction": (context.direction,),
        "band": ((r.band if r is not None and r.band else "none"),),
        "size": ((r.size if r is not None and r.size else "none"),),
        "level": (m.level,),
        "role": (m.audience_role or "none",),
        "territory": ("true" if m.territory else "false",),
        "sector": (m.sector,),
        "has": tuple(has),
        # any device may be used; a template narrows it with say(..., device=...)
        "device": TAG_VALUES["device"],
    }


SLOT_FUNCTIONS = {"say": say, "fill": fill, "heading": heading}
