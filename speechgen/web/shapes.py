"""Read the brief's JSON Schema as a tree of field shapes for the form and the YAML merge.

Only the schema is read (never the pydantic models), so a field the schema gains
appears in the form and is saved without new code here. The shapes are:

* ``object``: named fields (``props``), some required;
* ``array``: a list of ``item`` shapes; ``single_ok`` when a lone item may also be
  written as a mapping of its own (one assessment or a list of them);
* ``short``: an object that may also be written as one string, its ``short_key``;
* ``text``, ``integer``, ``number``, ``date``, ``choice``, ``boolean``: one value;
* ``map``: free ``key: value`` pairs (``options``; the template's manifest describes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_LABEL_END = re.compile(r"[，,；;：:（(]")


@dataclass(frozen=True)
class Shape:
    """One field of the brief as the schema describes it."""

    kind: str
    description: str = ""
    title: str = ""
    props: dict[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    item: Shape | None = None
    short_key: str = ""
    single_ok: bool = False
    choices: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """A short Chinese label: the schema title, or the description up to its first comma."""
        if self.title:
            return self.title
        head = _LABEL_END.split(self.description, maxsplit=1)[0].strip()
        return head or self.description

    @property
    def is_container(self) -> bool:
        """True for shapes holding other fields (object, short object, list, map)."""
        return self.kind in ("object", "short", "array", "map")


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/Name``), keeping the referring node's description."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = root
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    merged = dict(target) if isinstance(target, dict) else {}
    if node.get("description"):
        merged["description"] = node["description"]
    return merged


def _alternatives(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of a node, nested ``anyOf``/``oneOf`` flattened."""
    node = _resolve(node, root)
    for key in ("anyOf", "oneOf"):
        if key in node:
            out: list[dict[str, Any]] = []
            for alt in node[key]:
                out += _alternatives(alt, root)
            return out
    return [] if node.get("type") == "null" else [node]


def shape_of(node: dict[str, Any], root: dict[str, Any], date_pattern: str = "") -> Shape:
    """The :class:`Shape` of schema ``node`` (``root`` holds the ``$defs``)."""
    node = _resolve(node, root)
    description = str(node.get("description") or "")
    title = str(node.get("title") or "")
    alts = _alternatives(node, root)
    kinds = {str(a.get("type")) for a in alts}
    objects = [a for a in alts if a.get("type") == "object" and "properties" in a]
    arrays = [a for a in alts if a.get("type") == "array"]
    if arrays and objects:  # one mapping or a list of them
        inner = shape_of(arrays[0], root, date_pattern)
        return Shape("array", description, title, item=inner.item, single_ok=True)
    if objects and "string" in kinds:
        obj = _object(
            objects[0], root, date_pattern, description or str(objects[0].get("description") or "")
        )
        required = [k for k in obj.required if k in obj.props]
        short = required[0] if required else next(iter(obj.props), "")
        return Shape("short", obj.description, obj.title, obj.props, obj.required, short_key=short)
    if objects:
        return _object(objects[0], root, date_pattern, description)
    if arrays:
        items = arrays[0].get("items") or {}
        return Shape("array", description, title, item=shape_of(items, root, date_pattern))
    if "object" in kinds:
        return Shape("map", description, title)
    enum = next((a["enum"] for a in alts if isinstance(a.get("enum"), list)), None)
    if enum is None:
        consts = [a["const"] for a in alts if "const" in a]
        enum = consts or None
    examples = tuple(str(e) for a in alts for e in (a.get("examples") or ()))
    examples += tuple(str(e) for e in node.get("examples") or () if str(e) not in examples)
    if enum:
        return Shape("choice", description, title, choices=tuple(str(e) for e in enum))
    if "integer" in kinds:
        return Shape("integer", description, title)
    if "number" in kinds:
        return Shape("number", description, title)
    if "boolean" in kinds:
        return Shape("boolean", description, title, choices=("true", "false"))
    if date_pattern and any(a.get("pattern") == date_pattern for a in alts):
        return Shape("date", description, title)
    return Shape("text", description, title, examples=examples)


def _object(
    node: dict[str, Any], root: dict[str, Any], date_pattern: str, description: str
) -> Shape:
    """An object shape with its fields in schema order."""
    props = {
        str(name): shape_of(sub, root, date_pattern)
        for name, sub in (node.get("properties") or {}).items()
    }
    required = tuple(str(r) for r in node.get("required") or ())
    return Shape("object", description or str(node.get("description") or ""),
                 str(node.get("title") or ""), props, required)  # fmt: skip


def brief_shape(schema: dict[str, Any], date_pattern: str = "") -> Shape:
    """The whole brief as an object shape."""
    return _object(schema, schema, date_pattern, str(schema.get("description") or ""))
