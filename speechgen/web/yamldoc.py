"""Round-trip YAML for the workspace: the writer's comments, key order and quoting survive a save.

Briefs are read with ruamel.yaml's round-trip loader, every scalar kept as text (as
speechgen's own loader does). Form input is merged into that document: a value the
writer did not change keeps its original scalar (quotes and all), a cleared optional
field is removed, a cleared required field stays as an empty ``key:``, and a new
field is inserted in schema order. The same merge runs on plain data for previews.

Form input arrives as JSON: an object is ``{key: value}`` for the fields the form
shows, a list is ``[{"o": original index or null, "v": value}, …]`` (so a moved item
keeps its comments), a single value is a string.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from ..errors import UserError
from .shapes import Shape

NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})


class TextResolver(VersionedResolver):
    """Resolve every plain scalar as text: ``NO``, ``0123`` and ``2026-05-10`` stay as typed."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """Plain scalars are strings; tags of collections as usual."""
        if kind is ScalarNode and implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _yaml() -> YAML:
    """A round-trip YAML instance laid out like speechgen's briefs (two-space indents)."""
    y = YAML(typ="rt")
    y.Resolver = TextResolver
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str) -> CommentedMap:
    """Parse brief text into a round-trip document; refuse what is not a mapping."""
    try:
        doc = _yaml().load(text)
    except YAMLError as exc:
        raise UserError(f"简报的 YAML 写法有误，无法在表单里打开：{exc}") from None
    if doc is None:
        return CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise UserError("简报的最外层应是“键: 值”的映射，无法在表单里打开")
    return doc


def dump(doc: Any) -> str:
    """Write a round-trip document back to text."""
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def is_empty_text(value: Any) -> bool:
    """True for a missing, blank or plain ``null``/``~`` scalar."""
    if value is None:
        return True
    if isinstance(value, str):
        if isinstance(value, ScalarString) and value.strip():
            return False
        return not value.strip() or value in NULL_WORDS
    return False


def to_plain(node: Any) -> Any:
    """A round-trip node as plain dicts, lists and strings (plain ``null`` and blanks → "")."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if node is None or (isinstance(node, str) and is_empty_text(node)):
        return ""
    return str(node)


def submitted_empty(value: Any) -> bool:
    """True when form input holds nothing: blank text, or containers of blanks only."""
    if isinstance(value, dict):
        return all(submitted_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(submitted_empty(e.get("v") if isinstance(e, dict) else e) for e in value)
    return value is None or (isinstance(value, str) and not value.strip())


class Merger:
    """Merge form input into a document; ``rt`` selects round-trip (ruamel) containers."""

    def __init__(self, rt: bool, same_date: Any = None) -> None:
        self.rt = rt
        self.same_date = same_date or (lambda a, b: False)

    def new_map(self) -> dict[str, Any]:
        """An empty mapping of the document's kind."""
        return CommentedMap() if self.rt else {}

    def new_seq(self) -> list[Any]:
        """An empty list of the document's kind."""
        return CommentedSeq() if self.rt else []

    def merge(self, node: Any, value: Any, shape: Shape) -> Any:
        """Return ``node`` updated with form input ``value`` (``node`` itself when unchanged)."""
        if shape.kind == "array" and shape.single_ok and isinstance(value, dict):
            value = [{"o": 0, "v": value}]  # one mapping where a list is allowed
        if shape.kind in ("object", "short", "map") and isinstance(value, dict):
            return self.merge_object(node, value, shape)
        if shape.kind == "array" and isinstance(value, list):
            return self.merge_array(node, value, shape)
        if isinstance(value, (dict, list)):
            return node  # input that does not fit the shape is ignored, never saved
        return self.merge_scalar(node, "" if value is None else str(value), shape)

    def merge_scalar(self, node: Any, value: str, shape: Shape) -> Any:
        """Keep the original scalar when the text (or the date it names) is unchanged."""
        if isinstance(node, str) and not isinstance(node, bool):
            if str(node) == value or (is_empty_text(node) and not value.strip()):
                return node
            if shape.kind == "date" and self.same_date(str(node), value):
                return node
        if value in NULL_WORDS or (isinstance(node, DoubleQuotedScalarString) and value):
            return DoubleQuotedScalarString(value) if self.rt else value
        return value

    def merge_object(self, node: Any, value: dict[str, Any], shape: Shape) -> Any:
        """Merge the fields the form showed; fields it did not show are left as they are."""
        fresh = not isinstance(node, dict)  # a string or a new item may stay a string
        if isinstance(node, str) and shape.kind == "short":
            base = self.new_map()
            base[shape.short_key] = node
            node = base
        elif not isinstance(node, dict):
            node = self.new_map()
        for key, sub in value.items():
            if key not in shape.props and shape.kind != "map":
                continue
            sub_shape = shape.props.get(key) or Shape("text")
            present = key in node
            required = key in shape.required
            if submitted_empty(sub) and not (required and sub_shape.is_container):
                if present and not _node_empty(node[key]):
                    if required:
                        node[key] = ""
                    else:
                        del node[key]
                elif not present and required:
                    self._insert(node, key, "", shape)
                continue
            new = self.merge(node.get(key), sub, sub_shape)
            if present:
                if new is not node[key]:
                    node[key] = new
            else:
                self._insert(node, key, new, shape)
        if shape.kind == "short" and fresh and self._only_short(node, shape):
            return node.get(shape.short_key, "")
        return node

    @staticmethod
    def _only_short(node: dict[str, Any], shape: Shape) -> bool:
        """True when a short-writable object holds nothing but its short key."""
        return all(k == shape.short_key or _node_empty(v) for k, v in node.items())

    def _insert(self, node: dict[str, Any], key: str, value: Any, shape: Shape) -> None:
        """Add ``key`` after the fields that come before it in the schema."""
        if not isinstance(node, CommentedMap):
            node[key] = value
            return
        order = list(shape.props)
        rank = order.index(key) if key in order else len(order)
        keys = list(node.keys())
        before = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
        position = before[-1] + 1 if before else 0
        if not before and keys and keys[0] not in order:
            position = len(keys)
        node.insert(position, key, value)

    def merge_array(self, node: Any, value: list[Any], shape: Shape) -> Any:
        """Merge list input; items keep their original node (and comments) when moved."""
        single = shape.single_ok and isinstance(node, dict)
        old = [node] if single else list(node) if isinstance(node, list) else []
        item_shape = shape.item or Shape("text")
        entries = [e if isinstance(e, dict) else {"o": None, "v": e} for e in value]
        entries = [e for e in entries if not submitted_empty(e.get("v"))]
        merged: list[Any] = []
        origins: list[int | None] = []
        for entry in entries:
            origin = entry.get("o")
            origin = origin if isinstance(origin, int) and 0 <= origin < len(old) else None
            base = old[origin] if origin is not None else None
            merged.append(self.merge(base, entry.get("v"), item_shape))
            origins.append(origin)
        if single and len(merged) == 1:
            return merged[0]
        unchanged = isinstance(node, list) and len(merged) == len(old)
        if unchanged and all(a is b for a, b in zip(merged, old, strict=True)):
            return node
        if not isinstance(node, CommentedSeq):
            seq = self.new_seq()
            seq.extend(merged)
            return seq
        comments = dict(node.ca.items)
        list.clear(node)
        list.extend(node, merged)
        node.ca.items.clear()
        for index, origin in enumerate(origins):
            if origin is not None and origin in comments:
                node.ca.items[index] = comments[origin]
        return node


def _node_empty(node: Any) -> bool:
    """True for an empty scalar, list or mapping in the document."""
    if isinstance(node, dict):
        return all(_node_empty(v) for v in node.values())
    if isinstance(node, list):
        return not node
    return is_empty_text(node)


def merge_plain(data: dict[str, Any], value: dict[str, Any], shape: Shape, same_date: Any) -> Any:
    """Merge form input into a copy of plain data (for previews)."""
    return Merger(False, same_date).merge(copy.deepcopy(data), value, shape)


def merge_document(doc: CommentedMap, value: dict[str, Any], shape: Shape, same_date: Any) -> Any:
    """Merge form input into a round-trip document in place and return it."""
    return Merger(True, same_date).merge(doc, value, shape)


def empty_paths(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of fields present in plain data with an empty value (left to fill in)."""
    found: list[tuple[str | int, ...]] = []
    if isinstance(data, dict):
        for key, sub in data.items():
            if sub == "" or sub == [] or sub == {}:
                found.append((*path, key))
            else:
                found += empty_paths(sub, (*path, key))
    elif isinstance(data, list):
        for index, sub in enumerate(data):
            found += empty_paths(sub, (*path, index))
    return found
