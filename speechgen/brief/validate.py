"""Validate loaded brief data into a :class:`~speechgen.brief.Brief`, with located Chinese errors."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputProblems, Problem, UserError
from . import shape_hints
from .loader import LoadedBrief, Path_, format_path
from .model import Brief, BriefDate

_TYPE_WORDS = {
    "int_parsing": "应是整数（如 9），现在是“{input}”",
    "int_type": "应是整数（如 9）",
    "int_from_float": "应是整数，不能有小数",
    "greater_than": "应是大于 {gt} 的整数",
    "less_than_equal": "不能大于 {le}",
    "string_type": "应是一段文字",
    "string_too_short": "不能为空",
    "list_type": "应是一个列表（每项以“- ”开头）",
    "dict_type": "应是“键: 值”的映射",
    "model_type": "应是“键: 值”的映射",
    "model_attributes_type": "应是“键: 值”的映射",
    "missing": "缺少必填项 {field}",
}


def validate_brief(loaded: LoadedBrief) -> Brief:
    """Validate ``loaded.data``; raise :class:`InputProblems` listing every problem.

    Facts that are valid but suspicious (a deadline before the meeting) are added
    to ``loaded.warnings``: render prints them and goes on.
    """
    try:
        brief = Brief.model_validate(loaded.data)
    except ValidationError as exc:
        errors = _drop_missing_explained_by_typo(exc.errors(include_url=False), loaded.data)
        explained, errors = shape_hints.explain(errors, loaded, _model_at, _clean_loc)
        problems = _dedupe(explained + [_to_problem(loaded, err) for err in errors])
        raise InputProblems(problems, summary=_summary(len(problems))) from None
    if brief.meeting.speaker_title and not brief.meeting.speaker:
        problem = loaded.problem(
            ("meeting", "speaker_title"),
            "写了讲话人职务，却没有写讲话人：职务印在署名行的姓名前面（如“局长　王建国”），"
            "请补上 speaker，或删去 speaker_title",
        )
        raise InputProblems([problem], summary=_summary(1))
    for index, message in deadlines_before_meeting(brief):
        warning = loaded.problem(("measures", index, "deadline"), message)
        if warning not in loaded.warnings:
            loaded.warnings.append(warning)
    return brief


def deadlines_before_meeting(brief: Brief) -> list[tuple[int, str]]:
    """``(measure index, Chinese message)`` for each deadline date earlier than the meeting.

    Only a deadline written as a date is compared (``6月底前`` is free text); a brief
    without a meeting date has nothing to compare with.
    """
    meeting = brief.meeting.date
    if meeting is None:
        return []
    found = []
    for index, measure in enumerate(brief.measures):
        deadline = measure.deadline
        if isinstance(deadline, BriefDate) and deadline.to_date() < meeting.to_date():
            found.append(
                (
                    index,
                    f"举措“{measure.title}”的完成时限{deadline}早于会议日期{meeting}，"
                    "请核对年份和月份",
                )
            )
    return found


def _drop_missing_explained_by_typo(errors: list[Any], data: Any) -> list[Any]:
    """A misspelt required key (``organisation``) gives "unknown" and "missing"; keep only the first."""
    suggested = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _clean_loc(tuple(err["loc"]), data)
            close = _suggestion(loc)
            if close:
                suggested.add((*loc[:-1], close))
    return [
        e
        for e in errors
        if not (e["type"] == "missing" and _clean_loc(tuple(e["loc"]), data) in suggested)
    ]


def _summary(count: int) -> str:
    """The closing line after all problems."""
    return f"简报有 {count} 处问题，请逐一修改后再运行。"


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in problems:
        key = (p.line, p.column, p.field, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return sorted(out, key=lambda p: (p.line or 0, p.column or 0))


def _clean_loc(loc: tuple[Any, ...], data: Any) -> Path_:
    """Drop pydantic's internal segments (``function-before[...]``) from an error location.

    A segment is kept when it is a list index, a key present in the brief at that
    point, or has no brackets; so a key the writer typed with brackets in it
    (``templat[e``, ``a[1]``) is reported at that key.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif "[" not in str(part):
            out.append(part)
            node = None
    return tuple(out)


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """Return the pydantic model class that owns the field at ``loc``'s parent."""
    model: type[BaseModel] | None = Brief
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """Find a BaseModel subclass inside ``list[...]``, ``X | None`` or Annotated types."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        return _inner_model(origin)
    return None


def _to_problem(loaded: LoadedBrief, err: dict[str, Any]) -> Problem:
    loc = _clean_loc(tuple(err["loc"]), loaded.data)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return loaded.problem(loc, _unknown_field_message(loc), at_key=True)
    if kind == "missing":
        parent = loc[:-1]
        field = str(loc[-1])
        where = f"{format_path(parent)} 下" if parent else "简报最外层"
        return loaded.problem(
            parent, f"{where}缺少必填项 {field}，请补上“{field}: …”", at_key=bool(parent)
        )
    if kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    elif kind in _TYPE_WORDS:
        message = _TYPE_WORDS[kind].format(
            input=err.get("input"), field=loc[-1] if loc else "", **ctx
        )
    elif kind in ("literal_error", "enum"):
        message = _choice_message(loc, err.get("input"), str(ctx.get("expected", "")))
    else:
        message = f"取值不对（{err['msg']}）"
    if err.get("input") is None and kind in ("string_type", "int_type", "model_type", "dict_type"):
        message = "是空的，请填写内容或删除这一行"
    if kind == "int_parsing":
        message += _fullwidth_digit_hint(err.get("input"))
    return loaded.problem(loc, message)


_TOWN_LEVELS = ("镇", "乡", "街道", "乡镇")


def _choice_message(loc: tuple[Any, ...], value: Any, expected: str) -> str:
    """A value outside a fixed list: the list in Chinese, and for a township's level
    (镇, 乡, 街道) what to write instead."""
    choices = "、".join(c.strip(" '\"") for c in re.split(r",| or ", expected) if c.strip())
    message = f"只能填 {choices} 中的一个，现在写的是“{value}”"
    if loc and loc[-1] == "level" and str(value).strip() in _TOWN_LEVELS:
        message += "；乡镇、街道请填 单位，“全镇上下”会从单位名称得出（也可以用 we 写明）"
    return message


def _fullwidth_digit_hint(value: Any) -> str:
    """``３`` (typed with a Chinese input method) → a hint to write the half-width ``3``."""
    if not isinstance(value, str):
        return ""
    half = unicodedata.normalize("NFKC", value).strip()
    if half != value.strip() and half.isascii() and half.isdigit():
        return f"；这是全角数字，请改成半角数字 {half}"
    return ""


def _allowed_fields(loc: Path_) -> list[str]:
    """The field names allowed beside the field at ``loc``."""
    model = _model_at(loc)
    return list(model.model_fields) if model is not None else []


def _suggestion(loc: Path_) -> str | None:
    """The allowed field name closest to the unknown key at ``loc``, if any is close."""
    if not loc:
        return None
    key = str(loc[-1]).lower().replace("-", "_").replace(" ", "_")
    allowed = _allowed_fields(loc)
    if key in allowed:
        return key
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_field_message(loc: Path_) -> str:
    key = str(loc[-1])
    allowed = _allowed_fields(loc)
    hidden = _hidden_chars(key)
    if hidden:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in hidden)
        close = _suggestion((*loc[:-1], "".join(ch for ch in key if ch not in hidden).strip()))
        return (
            f"字段名“{key.strip()}”里有看不见的字符 {codes}（多半是从网页或聊天软件复制带进来的），"
            f"请删除后重新输入{f'：{close}' if close else '这个字段名'}"
        )
    message = f"不认识的字段“{key}”"
    close = _suggestion(loc)
    if close:
        message += f"，是否想写 {close}？"
    elif allowed:
        message += f"；这里可以写的字段有：{'、'.join(allowed)}"
    return message


def _hidden_chars(key: str) -> list[str]:
    """Invisible characters in a key: format characters (U+200B, U+FEFF …) and non-ASCII spaces."""
    return [
        ch
        for ch in dict.fromkeys(key)
        if unicodedata.category(ch) == "Cf" or (ch.isspace() and ch != " ")
    ]


def locate_setting(loaded: LoadedBrief, key: str, error: UserError) -> UserError:
    """Place an error about a brief setting (``template``, ``profile``, ``shell``) at its line.

    Resolving a template, profile or shell the brief names happens after validation
    (in the pipeline); its "not found" message is then reported like every other
    brief problem: ``file:line:column  key  message`` with the source line. Returns
    ``error`` unchanged when the brief does not set ``key`` (it came from the CLI or
    a template default) or is itself already located.
    """
    if (key,) not in loaded.positions or isinstance(error, InputProblems):
        return error
    located = InputProblems([loaded.problem((key,), error.message)])
    located.exit_code = error.exit_code
    return located
