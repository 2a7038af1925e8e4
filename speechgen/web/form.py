"""The brief form, built from the brief's JSON Schema and the template's manifest.

Every field the schema has becomes a form field (labels and help from its Chinese
descriptions), so a field the schema gains appears without new page code; the
template's manifest adds its options (choices become menus) and says which parts of
the brief it uses (the others are folded away, still saved as they are).

The markup follows a few conventions the page script relies on: every field or list
item holds exactly one ``.c`` element, its content: ``[data-obj]`` (named fields),
``[data-list]`` (items, each with ``data-origin``, its index when the page was made)
or a control (``[data-value]``). ``data-path`` names fields as the CLI does
(``measures[0].title``), so messages land at their field.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from . import engine
from .shapes import Shape, brief_shape
from .validation import Path_, format_path

LONG_TEXT = frozenset({"detail", "text", "did", "example", "lesson", "why", "what", "result"})
SETTINGS = ("template", "profile", "shell", "options")


def esc(value: Any) -> str:
    """HTML-escape a value (None → empty)."""
    return html.escape("" if value is None else str(value), quote=True)


_SHAPES: dict[int, tuple[dict[str, Any], Shape]] = {}


def schema_shape() -> Shape:
    """The whole brief's shape, from the schema the ``schema`` command writes (kept per schema)."""
    schema = engine.brief_schema()
    cached = _SHAPES.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _SHAPES[id(schema)] = (schema, brief_shape(schema, engine.date_pattern()))
    return cached[1]


def options_shape(template: engine.TemplateForm | None) -> Shape:
    """The ``options`` mapping as the template's manifest declares it."""
    props: dict[str, Shape] = {}
    for option in template.options if template else ():
        default = (
            option.default if not isinstance(option.default, list) else "、".join(option.default)
        )
        help_text = option.description + (
            f"（不选则用默认：{default}）" if default not in (None, "") else ""
        )
        if option.kind == "choice":
            props[option.name] = Shape("choice", help_text, choices=option.choices)
        elif option.kind == "list":
            props[option.name] = Shape("array", help_text, item=Shape("text", "一项"))
        else:
            props[option.name] = Shape("text", help_text)
    return Shape("map", "模板选项（模板清单里声明的）", "模板选项", props)


def full_shape(template: engine.TemplateForm | None) -> Shape:
    """The brief's shape with ``options`` described by the template."""
    shape = schema_shape()
    props = dict(shape.props)
    if "options" in props:
        props["options"] = options_shape(template)
    return replace(shape, props=props)


def _label(key: str, shape: Shape, required: bool) -> str:
    tag = '<span class="req">必填</span>' if required else ""
    return (f'<span class="label">{esc(shape.label or key)}{tag}'
            f'<code class="key">{esc(key)}</code></span>')  # fmt: skip


def help_text(shape: Shape) -> str:
    """The description when it says more than the label (not just the label plus （可选）)."""
    text = shape.description.strip()
    rest = text.removeprefix(shape.label).strip()
    if not text or rest in ("", "（可选）", "（必填）", "(可选)"):
        return ""
    return text


def _help(shape: Shape) -> str:
    text = help_text(shape)
    return f'<span class="help">{esc(text)}</span>' if text else ""


def render_control(shape: Shape, value: Any, key: str) -> str:
    """One value's control: input, date, menu or text area."""
    text = "" if isinstance(value, (dict, list)) or value is None else str(value)
    if shape.kind in ("choice", "boolean"):
        options = ['<option value="">（不选）</option>']
        choices = list(shape.choices)
        if text and text not in choices:
            choices.insert(0, text)
        for choice in choices:
            selected = " selected" if choice == text else ""
            options.append(f'<option value="{esc(choice)}"{selected}>{esc(choice)}</option>')
        return f'<select class="c" data-value>{"".join(options)}</select>'
    if shape.kind == "date":
        iso = engine.parse_date(text) if text else ""
        if iso is not None:
            return f'<input class="c" data-value type="date" value="{esc(iso)}">'
    if shape.kind in ("integer", "number"):
        return f'<input class="c" data-value type="text" inputmode="decimal" value="{esc(text)}">'
    if key in LONG_TEXT or "\n" in text:
        return f'<textarea class="c" data-value rows="1">{esc(text)}</textarea>'
    listed = ""
    if shape.examples:
        listing = "".join(f'<option value="{esc(e)}">' for e in shape.examples)
        listed = f' list="dl-{esc(key)}"'
        return (f'<input class="c" data-value type="text"{listed} value="{esc(text)}">'
                f'<datalist id="dl-{esc(key)}">{listing}</datalist>')  # fmt: skip
    return f'<input class="c" data-value type="text" value="{esc(text)}">'


class FormRenderer:
    """Render fields, recursively, with their paths and to-fill marks."""

    def __init__(self, todo: Iterable[str] = ()) -> None:
        self.todo = set(todo)

    def field(self, key: str, shape: Shape, value: Any, path: Path_, required: bool) -> str:
        """A named field: label, help, content and a place for its message."""
        where = format_path(path)
        marks = ' data-todo=""' if where in self.todo else ""
        content = self.content(shape, value, path, key)
        kind = "group" if shape.is_container else "field"
        tag = "fieldset" if shape.is_container else "label"
        head = (
            f"<legend>{_label(key, shape, required)}</legend>{_help(shape)}"
            if shape.is_container
            else f"{_label(key, shape, required)}"
        )
        tail = "" if shape.is_container else _help(shape)
        return (
            f'<{tag} class="{kind}" data-key="{esc(key)}" data-path="{esc(where)}"'
            f' data-kind="{shape.kind}"{marks}>{head}{content}{tail}'
            f'<span class="msg" aria-live="polite"></span></{tag}>'
        )

    def content(self, shape: Shape, value: Any, path: Path_, key: str) -> str:
        """The ``.c`` element of a field: nested fields, a list, or a control."""
        if shape.kind in ("object", "short", "map"):
            if isinstance(value, str) and shape.kind == "short":
                value = {shape.short_key: value}
            return self.object(shape, value if isinstance(value, dict) else {}, path)
        if shape.kind == "array":
            items = (
                value if isinstance(value, list) else ([value] if isinstance(value, dict) else [])
            )
            return self.array(shape, items, path, key)
        return render_control(shape, value, key)

    def object(self, shape: Shape, value: dict[str, Any], path: Path_,
               keys: Iterable[str] | None = None, top: bool = False) -> str:  # fmt: skip
        """Named fields of an object (all of the shape's, or ``keys``; ``top``: a part of the brief)."""
        parts = []
        for name in keys if keys is not None else shape.props:
            sub = shape.props[name]
            parts.append(
                self.field(name, sub, value.get(name), (*path, name), name in shape.required)
            )
        mark = " data-top" if top else ""
        return f'<div class="c obj" data-obj{mark}>{"".join(parts)}</div>'

    def item(self, shape: Shape, value: Any, path: Path_, origin: int | None, key: str) -> str:
        """One list item with its move and delete buttons."""
        where = format_path(path)
        marks = ' data-todo=""' if where in self.todo else ""
        inner = self.content(shape, value, path, key)
        return (
            f'<div class="item" data-origin="{"" if origin is None else origin}" data-path="{esc(where)}"'
            f' data-kind="{shape.kind}"{marks}>'
            f'<div class="item-bar"><span class="item-no"></span>'
            f'<button type="button" class="mini" data-act="up" title="上移">↑</button>'
            f'<button type="button" class="mini" data-act="down" title="下移">↓</button>'
            f'<button type="button" class="mini danger" data-act="remove" title="删除这一项">删除</button>'
            f'</div>{inner}<span class="msg"></span></div>'
        )

    def array(self, shape: Shape, items: list[Any], path: Path_, key: str) -> str:
        """A list that grows, shrinks and reorders; its blank item is a ``<template>``."""
        item_shape = shape.item or Shape("text")
        rows = "".join(self.item(item_shape, v, (*path, i), i, key) for i, v in enumerate(items))
        blank = FormRenderer().item(item_shape, None, (*path, 0), None, key)
        noun = item_shape.label if item_shape.label and len(item_shape.label) <= 8 else "一项"
        return (
            f'<div class="c list" data-list><div class="items">{rows}</div>'
            f"<template>{blank}</template>"
            f'<button type="button" class="add" data-act="add">＋ 添加{esc(noun)}</button></div>'
        )


def render_form(data: dict[str, Any], template: engine.TemplateForm | None,
                todo: Iterable[str] = ()) -> str:  # fmt: skip
    """The whole brief form: settings, the fields the template uses, then the others folded."""
    shape = full_shape(template)
    renderer = FormRenderer(todo)
    used = set(template.uses) if template and template.uses else set(shape.props)
    settings = [k for k in SETTINGS if k in shape.props]
    main = [k for k in shape.props if k not in SETTINGS and (k in used or k in shape.required)]
    other = [k for k in shape.props if k not in SETTINGS and k not in main]
    sections = [
        '<section class="settings"><h2>模板与版式</h2>',
        renderer.object(shape, data, (), settings, top=True),
        "</section>",
        '<section class="main">',
        renderer.object(shape, data, (), main, top=True),
        "</section>",
    ]
    if other:
        filled = any(k in data for k in other)
        sections += [
            f'<details class="unused"{" open" if filled else ""}><summary>本模板不使用的字段'
            f"（{esc('、'.join(other))}）</summary>",
            renderer.object(shape, data, (), other, top=True),
            "</details>",
        ]
    return f'<div class="form-root">{"".join(sections)}</div>'


def render_options(data: dict[str, Any], template: engine.TemplateForm | None) -> str:
    """Just the ``options`` field (the page swaps it when the template changes)."""
    shape = options_shape(template)
    value = data.get("options") if isinstance(data.get("options"), dict) else {}
    return FormRenderer().field("options", shape, value, ("options",), False)
