"""``speechgen new``: write a commented brief for a template, plus its schema file.

The brief is the template's sample brief (``sample:`` in its manifest, inherited from
the template it extends) written out field by field with a Chinese comment above each
field; fields the sample leaves out appear commented out, so every field is
explained. The JSON Schema is written beside it and the brief's first line points
editors at it.
"""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..brief.files import read_user_text
from ..brief.loader import parse_brief_text
from ..brief.model import Brief
from ..brief.schema import brief_schema, schema_text
from .registry import TemplateInfo

INDENT = "  "
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")
_FALLBACK = {"meeting": {"name": "某某会议", "organization": "某某单位"}}


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation (``Optional``, ``list``, ``Annotated``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is None and not isinstance(annotation, types.UnionType):
        return None
    for arg in typing.get_args(annotation):
        found = model_of(arg)
        if found is not None:
            return found
    return None


def scalar(value: Any) -> str:
    """A YAML scalar for a brief value: plain when safe, double-quoted otherwise."""
    text = str(value)
    if text and _PLAIN.match(text) and ": " not in text and not text.endswith((":", " ")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, depth: int) -> str:
    return f"{INDENT * depth}# {text}"


def _emit_model(
    model: type[BaseModel],
    data: dict[str, Any],
    depth: int,
    lines: list[str],
    first: bool = True,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Write ``data`` as the fields of ``model``; comments only when ``first``.

    Fields missing from ``data`` are written commented out, so every field is explained.
    """
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name
        if name in skip:
            continue
        described = info.description or ""
        if name not in data:
            if first:
                lines.append(_comment(f"{name}:    （可选）{described}", depth))
                if depth == 0:
                    lines.append("")
            continue
        if first and described:
            lines.append(_comment(described, depth))
        _emit_value(name, data[name], model_of(info.annotation), depth, lines, first)
        if depth == 0:
            lines.append("")


def _emit_value(
    key: str, value: Any, model: type[BaseModel] | None, depth: int, lines: list[str], first: bool
) -> None:
    """Write ``key: value`` (a scalar, list or mapping) at ``depth``."""
    pad = INDENT * depth
    if isinstance(value, dict):
        if not value:
            lines.append(f"{pad}{key}: {{}}")
            return
        lines.append(f"{pad}{key}:")
        if model is not None:
            _emit_model(model, value, depth + 1, lines, first)
        else:
            for k, v in value.items():
                _emit_value(k, v, None, depth + 1, lines, first)
        return
    if isinstance(value, list):
        if not value:
            lines.append(f"{pad}{key}: []")
            return
        lines.append(f"{pad}{key}:")
        for i, item in enumerate(value):
            _emit_item(item, model, depth + 1, lines, first and i == 0)
        return
    lines.append(f"{pad}{key}: {scalar(value)}")


def _emit_item(
    item: Any, model: type[BaseModel] | None, depth: int, lines: list[str], first: bool
) -> None:
    """Write one list item: ``- text`` or ``- key: value`` with the rest indented."""
    pad = INDENT * depth
    if not isinstance(item, dict):
        lines.append(f"{pad}- {scalar(item)}")
        return
    sub: list[str] = []
    if model is not None:
        present = {k: v for k, v in item.items()}
        for field_name, info in model.model_fields.items():
            name = info.alias or field_name
            if name in present:
                if first and info.description:
                    sub.append(_comment(info.description, depth + 1))
                _emit_value(name, present[name], model_of(info.annotation), depth + 1, sub, first)
    else:
        for k, v in item.items():
            _emit_value(k, v, None, depth + 1, sub, first)
    body = [line for line in sub if not line.lstrip().startswith("#")]
    comments = [line for line in sub if line.lstrip().startswith("#")]
    if not body:
        return
    # Comments go above the item; the first field sits on the "- " line.
    lines.extend(c[len(INDENT) :] if c.startswith(pad + INDENT) else c for c in comments)
    lines.append(f"{pad}- {body[0].lstrip()}")
    lines.extend(body[1:])


def sample_data(info: TemplateInfo) -> dict[str, Any]:
    """The template's sample brief as plain data (every value a string), or a minimal one."""
    if info.sample is None or not info.sample.exists():
        return dict(_FALLBACK)
    text = read_user_text(info.sample, shown=str(info.sample), noun="示例简报")
    return dict(parse_brief_text(text, str(info.sample)).data)


def _options_block(info: TemplateInfo, given: dict[str, Any]) -> list[str]:
    """The ``options:`` section: every declared option with its description and choices."""
    if not info.options:
        return []
    lines = ["# 模板选项（模板清单里声明的；不写就用默认值）", "options:"]
    for spec in info.options:
        choices = f"（可选值：{'、'.join(spec.choices)}）" if spec.choices else ""
        lines.append(_comment(f"{spec.description or spec.name}{choices}", 1))
        value = given.get(spec.name, spec.default)
        if value is None:
            lines.append(_comment(f"{spec.name}:", 1))
        else:
            _emit_value(spec.name, value, None, 1, lines, True)
    lines.append("")
    return lines


def brief_text(info: TemplateInfo, template_spec: str, schema_ref: str) -> str:
    """The commented brief for ``info``: schema line, header, then every field."""
    data = sample_data(info)
    label = f"{info.cn_name}（{info.name}）" if info.cn_name else info.name
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# 讲话稿简报：{label}。{info.description}".rstrip("。") + "。",
        "# 把示例内容改成本次会议的实际情况，然后运行：speechgen render 本文件",
        "# 键用英文，值用中文；“#”开头的是说明，可以删掉；带“（可选）”的字段去掉“#”即可启用。",
        "",
        _comment(Brief.model_fields["template"].description or "", 0),
        f"template: {scalar(template_spec)}",
        "",
    ]
    lines += _options_block(info, data.get("options") or {})
    body: list[str] = []
    _emit_model(Brief, data, 0, body, True, skip=frozenset({"template", "options"}))
    lines += body
    return "\n".join(lines).rstrip() + "\n"


def builtin_template_names() -> list[str]:
    """The built-in templates' names, then their Chinese names (the schema's examples)."""
    from .registry import ORIGIN_BUILTIN, builtin_root, discover

    builtins = discover([(builtin_root(), ORIGIN_BUILTIN)])
    names = [n for n in sorted(builtins) if not builtins[n][0].skeleton]
    return names + [builtins[n][0].cn_name for n in names if builtins[n][0].cn_name]


def template_schema() -> dict[str, Any]:
    """The brief's JSON Schema with the built-in template names as examples."""
    return brief_schema(builtin_template_names())


def template_schema_text() -> str:
    """:func:`template_schema` as the text ``speechgen schema`` and ``new`` write."""
    return schema_text(builtin_template_names())
