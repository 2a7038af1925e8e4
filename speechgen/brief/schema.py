"""``speechgen schema``: the brief's JSON Schema (Chinese descriptions) for editors.

The schema comes from :class:`speechgen.brief.Brief`; editors that read the
``# yaml-language-server: $schema=…`` line of a brief use it to complete and check
the brief offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Brief

SCHEMA_FILE = "speechgen.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


# Chinese titles and descriptions of the schema's definitions (the models' docstrings are English).
_DEFS = {
    "Item": ("要点", "一句话，或写成 title（要点）加 detail（展开说明）"),
    "Measure": ("举措", "一句话的举措标题，或写成 title、points、owner、deadline"),
    "PriorSpeaker": ("此前发言", "发言人，或写成 who（谁）加 did（讲了什么）"),
    "Meeting": ("会议", "会议信息：name 和 organization 必填"),
    "Ranking": ("考核排名", "考核排名；名次数字越小越好，只有目标（如 保四争三）也可以"),
}
# Definitions a brief may also give as a plain string (see the BeforeValidators in brief.py).
_STRING_OK = {"Item", "Measure", "PriorSpeaker"}
# speechgen reads a quoted number ("3") like a bare one, so editors must accept it too.
_DIGITS = {"type": "string", "pattern": "^[0-9]+$", "description": '也可以写成带引号的数字，如 "3"'}


def _chinese(node: Any) -> Any:
    """Drop pydantic's English property titles and let list items be plain strings too."""
    if isinstance(node, list):
        return [_chinese(n) for n in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    if len(node) == 1 and name in _STRING_OK:
        return {"anyOf": [{"type": "string", "minLength": 1, "description": _DEFS[name][1]}, node]}
    if node.get("type") == "integer":
        return {"anyOf": [node, _DIGITS]}
    out = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {
                k: {kk: _chinese(vv) for kk, vv in v.items() if kk != "title"}
                for k, v in value.items()
            }
        else:
            out[key] = _chinese(value)
    return out


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of a brief, with the built-in template names as examples."""
    from ..templating.registry import ORIGIN_BUILTIN, builtin_root, discover

    raw = Brief.model_json_schema()
    for name, (title, description) in _DEFS.items():
        if name in raw.get("$defs", {}):
            raw["$defs"][name]["title"] = title
            raw["$defs"][name]["description"] = description
    schema: dict[str, Any] = {"$schema": DRAFT, **_chinese(raw)}
    builtins = discover([(builtin_root(), ORIGIN_BUILTIN)])
    names = [n for n in sorted(builtins) if not builtins[n][0].skeleton]
    cn_names = [builtins[n][0].cn_name for n in names if builtins[n][0].cn_name]
    template = schema.get("properties", {}).get("template")
    if isinstance(template, dict):
        template["examples"] = names + cn_names
    return schema


def schema_text() -> str:
    """The schema as pretty JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(brief_schema(), ensure_ascii=False, indent=2) + "\n"


def run_schema(output: Path | None) -> int:
    """Print the schema, or write it to ``output``; return the exit code."""
    from ..console import echo_err, echo_out
    from ..safewrite import atomic_write

    text = schema_text()
    if output is None or str(output) == "-":
        echo_out(text)
        return 0
    atomic_write(output, text.encode("utf-8"))
    echo_err(f"已写入简报的 JSON Schema：{output}")
    return 0
