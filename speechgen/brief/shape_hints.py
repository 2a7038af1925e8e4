"""Validation errors that come from the shape of the YAML, explained as the writer's one mistake.

Two mistakes parse as valid YAML but give pydantic errors that point elsewhere:

* a list item with ``: `` in it (``- 甲: 乙``) becomes a one-key mapping: "unknown
  field 甲" plus "title missing". It is one problem: the colon;
* the fields of a section written flush left under it (``meeting:`` then ``name: …``
  at column 1) become top-level keys: "meeting is empty" plus an unknown field for
  each of them. They are one problem each: the missing indentation.

:func:`explain` turns those errors into one located message each and returns the
errors it did not explain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import Problem
from .loader import LoadedBrief, Path_, format_path

ModelAt = Callable[[Path_], type[BaseModel] | None]


def explain(
    errors: list[dict[str, Any]],
    loaded: LoadedBrief,
    model_at: ModelAt,
    clean: Callable[..., Path_],
) -> tuple[list[Problem], list[dict[str, Any]]]:
    """``(problems for the explained mistakes, the errors left)``.

    ``model_at(loc)`` gives the model owning the field at ``loc``; ``clean(loc, data)``
    turns a pydantic location into a field path.
    """
    problems: list[Problem] = []
    covered: list[Path_] = []
    for item in _colon_items(errors, loaded, model_at, clean):
        key, value = next(iter(_at(loaded.data, item).items()))
        typed = f"{key}: {value}" if value is not None else f"{key}:"
        problems.append(
            loaded.problem(
                item,
                f"这一项写成了“{typed}”，其中的“: ”（冒号加空格）让 YAML 把它读成了“键: 值”。"
                f'如果这是一句话，请把整句用引号括起来（- "{typed}"），或改用中文冒号“：”',
            )
        )
        covered.append(item)
    for key, section in _flush_left_keys(errors, loaded, model_at, clean):
        problem = loaded.problem(
            (key,),
            f"“{key}”是 {section} 下面的字段，却顶格写在了最左边，YAML 就把它当成了和 {section} 并列的内容："
            f"请在它前面加两个空格，缩进到“{section}:”下面",
            at_key=True,
        )
        problems.append(replace(problem, field=f"{section}.{key}"))
        covered += [(key,), (section,)]
    left = [
        e
        for e in errors
        if not any(clean(tuple(e["loc"]), loaded.data)[: len(c)] == c for c in covered)
    ]
    return problems, left


def _at(data: Any, path: Path_) -> Any:
    """The value at ``path`` in the loaded data (None when it is not there)."""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _colon_items(errors: list[dict[str, Any]], loaded: LoadedBrief, model_at: ModelAt,
                 clean: Callable[..., Path_]) -> list[Path_]:  # fmt: skip
    """List items typed as one sentence with ``: `` in it, where a plain sentence is allowed."""
    found: list[Path_] = []
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = clean(tuple(err["loc"]), loaded.data)
        item = loc[:-1]
        if len(item) < 2 or not isinstance(item[-1], int) or item in found:
            continue
        value = _at(loaded.data, item)
        if not isinstance(value, dict) or len(value) != 1:
            continue
        (inner,) = value.values()
        if (inner is None or isinstance(inner, str)) and _takes_sentences(item[:-1], model_at):
            found.append(item)
    return found


def _takes_sentences(list_path: Path_, model_at: ModelAt) -> bool:
    """True when the list at ``list_path`` accepts a plain sentence as an item."""
    owner = model_at(list_path)
    return owner is not None and _accepts_sentence(owner, str(list_path[-1]))


@lru_cache(maxsize=64)
def _accepts_sentence(owner: type[BaseModel], name: str) -> bool:
    """True when field ``name`` of ``owner`` accepts a list of plain sentences."""
    info = owner.model_fields.get(name)
    if info is None or info.annotation is None:
        return False
    try:
        TypeAdapter(info.annotation).validate_python(["一句话"])
    except (ValidationError, TypeError):
        return False
    return True


def _flush_left_keys(errors: list[dict[str, Any]], loaded: LoadedBrief, model_at: ModelAt,
                     clean: Callable[..., Path_]) -> list[tuple[str, str]]:  # fmt: skip
    """``(key, section)`` for top-level unknown keys that are fields of an empty section above them."""
    empty = [
        key
        for key, value in loaded.data.items()
        if value is None and (key,) in loaded.key_positions
    ]
    found = []
    for err in errors:
        loc = clean(tuple(err["loc"]), loaded.data)
        if err["type"] != "extra_forbidden" or len(loc) != 1:
            continue
        key = str(loc[0])
        line = loaded.key_positions.get((key,))
        for section in reversed(empty):
            above = loaded.key_positions[(section,)]
            model = model_at((section, key))
            if line and above.line < line.line and model is not None and key in model.model_fields:
                found.append((key, format_path((section,))))
                break
    return found
