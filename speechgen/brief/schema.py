"""``speechgen schema``: the brief's JSON Schema (Chinese descriptions) for editors.

The schema comes from :class:`speechgen.brief.Brief`; editors that read the
``# yaml-language-server: $schema=…`` line of a brief use it to complete and check
the brief offline.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
    "NextSpeaker": ("接着讲话的领导", "who（谁）加 does（做什么，如 作重要讲话）"),
    "Leader": ("第一名", "name（单位）加 score（得分）"),
    "Peer": ("兄弟单位", "name（单位）、rank（名次）、score（得分）"),
    "Indicator": (
        "分项指标",
        "name 必填；得分类写 score、full、rank、previous，数值类写 value、unit、target、last_year",
    ),
    "Milestone": ("节点", "when（时间）加 what（完成什么）"),
    "Praise": ("点名表扬", "who（表扬谁）加 for（表扬什么）"),
    "Case": ("案例", "who（案中人）、what（做了什么）、result（处理结果）、lesson（教训）"),
    "Remark": (
        "讲话人自己的话",
        "at（放在哪里：opening、parts.N、measures.N、closing）加 text（原话）",
    ),
    "NextStep": ("近期安排", "when（时间）、what（做什么）、who（谁负责）"),
    "OutlinePart": (
        "提纲的一个部分",
        "kind（类型）必填，可写 heading、items、select；custom 部分写 heading 和 text",
    ),
    "Outline": (
        "自定提纲",
        "announce（预告方式）、numbering（一级编号）、refrain（标题共用的结尾）、parts（各部分）",
    ),
}
# Definitions a brief may also give as a plain string (see the BeforeValidators in brief.py).
_STRING_OK = {"Item", "Measure", "PriorSpeaker"}
# speechgen reads a quoted number ("3") like a bare one, so editors must accept it too.
_DIGITS = {"type": "string", "pattern": "^[0-9]+$", "description": '也可以写成带引号的数字，如 "3"'}
# speechgen reads every value as text first: true/false arrive as words, and are accepted so.
_BOOL_WORDS = {"type": "string", "enum": ["true", "false"]}


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
    if node.get("type") == "boolean":
        return {"anyOf": [node, _BOOL_WORDS]}
    out = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            out[key] = {
                k: _chinese({kk: vv for kk, vv in v.items() if kk != "title"})
                for k, v in value.items()
            }
        else:
            out[key] = _chinese(value)
    return out


def brief_schema(template_names: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON Schema of a brief; ``template_names`` become the examples of ``template``."""
    raw = Brief.model_json_schema()
    for name, (title, description) in _DEFS.items():
        if name in raw.get("$defs", {}):
            raw["$defs"][name]["title"] = title
            raw["$defs"][name]["description"] = description
    schema: dict[str, Any] = {"$schema": DRAFT, **_chinese(raw)}
    template = schema.get("properties", {}).get("template")
    if isinstance(template, dict) and template_names:
        template["examples"] = list(template_names)
    return schema


def schema_text(template_names: Sequence[str] = ()) -> str:
    """The schema as pretty JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(brief_schema(template_names), ensure_ascii=False, indent=2) + "\n"
