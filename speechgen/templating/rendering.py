"""Render a speech template against a context: returns the markup text.

Holds one environment per set of template roots (compiled templates are cached by
Jinja inside it), the phrase-bank global, option merging and the translation of
Jinja errors into messages that name the template file and line.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from jinja2 import (
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from ..brief.loader import LoadedBrief
from ..errors import InputProblems, Problem, UserError
from ..speech.context import SpeechContext
from ..speech.plan import PartNeed, TemplateOutline
from .environment import (
    SpeechEnvironment,
    make_environment,
    render_with_budget,
)
from .errors import chinese_syntax_message, template_location
from .material import Library, Picker, load_library
from .registry import (
    ORIGIN_BUILTIN,
    FolderLoader,
    TemplateInfo,
    discover,
    load_phrases,
    outline_spec,
    template_chain,
    usable_names,
)
from .slots import PICKER, SLOT_FUNCTIONS, material_tags

_ENVS: dict[tuple[Any, ...], SpeechEnvironment] = {}
_PHRASES: dict[tuple[str, float], dict[str, list[str]]] = {}
_COMPILED_PHRASES: dict[tuple[int, str], Any] = {}


def environment_for(roots: list[tuple[Path, str]], info: TemplateInfo) -> SpeechEnvironment:
    """Return the cached environment for these roots (and an out-of-roots template)."""
    key = (
        tuple((str(p), o) for p, o in roots),
        str(info.folder) if info.origin == "路径" else None,
    )
    env = _ENVS.get(key)
    if env is None:
        extra = info if info.origin == "路径" else None
        env = make_environment(FolderLoader(roots, extra))
        env.globals["phrase"] = _phrase
        _ENVS[key] = env
    return env


def merge_options(
    info: TemplateInfo, given: dict[str, Any], loaded: LoadedBrief | None
) -> dict[str, Any]:
    """Fill option defaults from the manifest; refuse undeclared options and bad choices."""
    declared = {o.name: o for o in info.options}
    merged = {name: spec.default for name, spec in declared.items()}
    problems: list[Problem] = []
    for key, value in given.items():
        spec = declared.get(key)
        if spec is None:
            names = "、".join(declared) or "（无）"
            msg = f"模板 {info.name} 没有选项“{key}”；它声明的选项有：{names}"
            problems.append(_problem(loaded, ("options", key), msg))
            continue
        bad = spec.check(value)
        if bad is not None:
            problems.append(_problem(loaded, ("options", key), bad))
            continue
        merged[key] = value
    if problems:
        raise InputProblems(problems)
    return merged


def _problem(loaded: LoadedBrief | None, loc: tuple[str, ...], msg: str) -> Problem:
    if loaded is None:
        return Problem("<brief>", None, None, ".".join(loc), msg)
    return loaded.problem(loc, msg, at_key=True)


def phrase_index(key: str, count: int, seed: int | None, n: int = 0) -> int:
    """Which of ``count`` wordings to use for ``key``.

    Without a seed the first wording (then the next ones for ``n`` = 1, 2…); with a
    seed, an offset derived from the key plus the seed, so seeds next to each other
    always pick different wordings and the same seed always picks the same one.
    """
    if not seed:
        return n % count
    return (zlib.crc32(key.encode()) + seed + n) % count


@pass_context
def _phrase(ctx: Any, key: str, n: int = 0) -> Markup:
    """Pick one wording of a stock passage, reproducibly from the seed, and render it.

    ``n`` picks a different wording for the n-th use of the same key (e.g. in a loop).
    """
    bank: dict[str, list[str]] = ctx.get("__phrases__") or {}
    choices = bank.get(key)
    if not choices:
        raise UserError(f"措辞库里没有“{key}”：请在模板的 phrases.yaml 里添加，或改正名称")
    if not isinstance(n, int) or isinstance(n, bool):
        raise UserError(f'phrase("{key}", n) 的 n 应是整数')
    index = phrase_index(key, len(choices), ctx.get("seed"), n)
    return Markup(_compiled_phrase(ctx.environment, choices[index]).render(ctx.get_all()))


def _compiled_phrase(env: Any, text: str) -> Any:
    """Compile a phrase once per environment (environments live as long as the process)."""
    cache_key = (id(env), text)
    template = _COMPILED_PHRASES.get(cache_key)
    if template is None:
        if len(_COMPILED_PHRASES) > 5000:
            _COMPILED_PHRASES.clear()
        template = _COMPILED_PHRASES[cache_key] = env.from_string(text)
    return template


def missing_required(info: TemplateInfo, context: SpeechContext) -> list[str]:
    """The manifest's ``requires`` fields (dotted, e.g. ``meeting.date``) the brief left empty."""
    missing = []
    values = context.as_mapping()
    for dotted in info.requires:
        head, *rest = dotted.split(".")
        value: Any = values.get(head)
        for attr in rest:
            value = getattr(value, attr, None) if value is not None else None
        if value is None or (isinstance(value, (tuple, list, str, dict)) and not value):
            missing.append(dotted)
    return missing


def render_markup(
    info: TemplateInfo,
    context: SpeechContext,
    roots: list[tuple[Path, str]],
    picker: Picker | None = None,
) -> str:
    """Render ``info``'s entry template with ``context``; return the markup text.

    ``picker`` chooses material from the template's library (``say``, ``fill``, ``heading``).
    """
    if info.skeleton:
        raise UserError(
            f"模板 {info.name}（{info.cn_name or '骨架'}）是其他模板共用的骨架，单独使用只会生成一篇空讲话："
            f"请改用 {usable_names(discover(roots))}"
        )
    missing = missing_required(info, context)
    if missing:
        raise UserError(
            f"模板 {info.name} 需要简报填写：{'、'.join(missing)}（见 speechgen templates show {info.name}）"
        )
    env = environment_for(roots, info)
    loader = env.loader
    assert isinstance(loader, FolderLoader)
    key = (
        str(info.folder),
        (info.folder / "phrases.yaml").stat().st_mtime
        if (info.folder / "phrases.yaml").exists()
        else 0.0,
    )
    phrases = _PHRASES.get(key)
    if phrases is None:
        phrases = _PHRASES[key] = load_phrases(info, loader)
    try:
        template = env.get_template(info.entry_name)
        _note_misspelt_blocks(env, info, template)
        values = context.as_mapping() | {"__phrases__": phrases}
        if picker is None:
            picker = Picker(
                template_library(info, roots),
                material_tags(context),
                context.seed,
                salt=context.meeting.name,
            )
        values |= SLOT_FUNCTIONS | {PICKER: picker, "__heading_sets__": {}}
        return render_with_budget(template, values)
    except UserError:
        raise
    except TemplateError as exc:
        raise UserError(describe_template_error(exc, info)) from None
    except (
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        IndexError,
        ZeroDivisionError,
        OverflowError,
        MemoryError,
    ) as exc:
        where = template_location(exc, None)
        raise UserError(f"{where}: 模板运行出错：{type(exc).__name__}: {exc}") from None


_CHECKED_BLOCKS: set[tuple[int, str, str]] = set()
_TEMPLATE_WARNINGS: list[str] = []


def _note_misspelt_blocks(env: Any, info: TemplateInfo, template: Any) -> None:
    """Warn (once per template file and process) about overridden blocks no parent has.

    Built-in templates are checked by the test suite, so only the writer's own are read.
    """
    key = (id(env), str(template.filename), str(getattr(template, "_uptodate", "")))
    if info.origin == ORIGIN_BUILTIN or key in _CHECKED_BLOCKS:
        return
    _CHECKED_BLOCKS.add(key)
    from .authoring import misspelt_blocks

    try:
        found = misspelt_blocks(env, info.entry_name)
    except TemplateError:
        return  # a missing or broken parent is reported by the render itself
    _TEMPLATE_WARNINGS.extend(f"警告：{template.filename}:{line}  {msg}" for line, msg in found)


def template_warnings() -> list[str]:
    """Warnings about templates noted since the last call (each once per process)."""
    found = list(_TEMPLATE_WARNINGS)
    _TEMPLATE_WARNINGS.clear()
    return found


def describe_template_error(exc: TemplateError, info: TemplateInfo) -> str:
    """A Chinese message naming the template file and line of a Jinja error."""
    if isinstance(exc, TemplateSyntaxError):
        from .authoring import unclosed_message, unclosed_tag
        from .environment import make_environment

        file = exc.filename or exc.name or info.folder
        source = getattr(exc, "source", None)
        opened = (
            unclosed_tag(make_environment(), source, exc.message or "", exc.lineno)
            if source
            else None
        )
        if opened is not None:
            return f"{file}:{opened[0]}  模板语法错误：{unclosed_message(opened, exc.lineno)}"
        return f"{file}:{exc.lineno}  模板语法错误：{chinese_syntax_message(exc.message or '')}"
    where = template_location(exc, None)
    if where == "<template>":
        where = str(info.folder / info.entry)
    if isinstance(exc, SecurityError):
        return f"{where}  {exc.message}，已拒绝；什么也没有写入"
    if isinstance(exc, UndefinedError):
        return (
            f"{where}  模板用到了不存在的字段 {undefined_field(exc.message or '')}："
            "请检查拼写；简报里可以不填的内容，在模板里先用 {% if %} 判断"
        )
    if isinstance(exc, TemplateNotFound):
        return f"{where}  找不到模板文件“{exc.name}”：模板只能引用模板文件夹里的文件"
    return f"{where}  模板出错：{exc.message or type(exc).__name__}"


# Context classes → the name a template reaches them by (list items have no fixed name).
_OWNER_NAMES = {
    "MeetingCtx": "meeting",
    "RankingCtx": "ranking",
    "Counts": "counts",
    "dict": "options",
}
_ITEM_NAMES = {"ItemCtx": "要点", "SpeakerCtx": "此前发言", "MeasureCtx": "举措"}
_UNDEFINED = re.compile(r"^'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"^'?(?:[\w.]+\.)?(\w+)(?: object)?'? has no attribute '([^']+)'")
_NO_ELEMENT = re.compile(r"has no element '?([^']+?)'?$")


def undefined_field(message: str) -> str:
    """The field a Jinja UndefinedError names, as a template writes it.

    ``'x' is undefined`` → ``x``; ``'speechgen.context.MeetingCtx object' has no
    attribute 'y'`` → ``meeting.y``; an unknown owner keeps just the name.
    """
    found = _UNDEFINED.match(message)
    if found:
        return found.group(1)
    element = _NO_ELEMENT.search(message)
    if element:
        key = element.group(1)
        return f"列表里的第 {int(key) + 1} 项" if key.isdigit() else f"“{key}”"
    found = _NO_ATTRIBUTE.match(message)
    if found is None:
        return f"（{message}）" if message else ""
    owner, name = found.groups()
    if owner == "None":
        return f"{name}（它的上一级在简报里没有填）"
    if owner in _ITEM_NAMES:
        return f"{name}（{_ITEM_NAMES[owner]}里没有这个字段）"
    prefix = _OWNER_NAMES.get(owner)
    return f"{prefix}.{name}" if prefix else name


def template_outline(info: TemplateInfo, roots: list[tuple[Path, str]]) -> TemplateOutline:
    """What ``info`` (or the nearest ancestor declaring parts) says about its outline."""
    loader = environment_for(roots, info).loader
    assert isinstance(loader, FolderLoader)
    spec = outline_spec(template_chain(info, loader.candidates()))
    offered = tuple(spec.get("parts") or ())
    sections = {str(k): tuple(v or ()) for k, v in (spec.get("sections") or {}).items()}
    items = {str(k): str(v) for k, v in (spec.get("items") or {}).items()}
    try:
        length = int(spec.get("length") or 2450)
    except (TypeError, ValueError):
        raise UserError(f"{info.folder / 'manifest.yaml'}: length 应是字数，如 2450") from None
    return TemplateOutline(
        offered=offered,
        default=tuple(spec.get("outline") or offered),
        sections=sections,
        items=items,
        length=length,
        declared=bool(spec),
        needs=_needs(spec.get("needs"), info),
        weights=_weights(spec.get("weights"), info),
    )


def _weights(raw: Any, info: TemplateInfo) -> dict[str, float]:
    """The manifest's ``weights`` (``learning: 1``): a kind's share of the length budget."""
    if not raw:
        return {}
    where = info.folder / "manifest.yaml"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: weights 应是“部分类型: 比重”的映射，如 learning: 1")
    out = {}
    for kind, value in raw.items():
        try:
            weight = float(value)
        except (TypeError, ValueError):
            raise UserError(f"{where}: weights.{kind} 应是数字，如 1 或 2.5") from None
        if weight <= 0:
            raise UserError(f"{where}: weights.{kind} 应大于 0")
        out[str(kind)] = weight
    return out


def _needs(raw: Any, info: TemplateInfo) -> dict[str, PartNeed]:
    """The manifest's ``needs`` (``learning: {least: 2, option: {combine: commendation}}``)."""
    if not raw:
        return {}
    where = info.folder / "manifest.yaml"
    if not isinstance(raw, dict):
        raise UserError(f"{where}: needs 应是“部分类型: 条件”的映射")
    out = {}
    for kind, spec in raw.items():
        spec = spec if isinstance(spec, dict) else {}
        try:
            least = int(spec.get("least") or 1)
        except (TypeError, ValueError):
            raise UserError(f"{where}: needs.{kind}.least 应是数字，如 2") from None
        option = spec.get("option") or {}
        if not isinstance(option, dict):
            raise UserError(f"{where}: needs.{kind}.option 应是“选项: 值”的映射")
        out[str(kind)] = PartNeed(least, {str(k): str(v) for k, v in option.items()})
    return out


def template_library(info: TemplateInfo, roots: list[tuple[Path, str]]) -> Library:
    """The material library of ``info`` and its ancestors (ancestors' entries first)."""
    loader = environment_for(roots, info).loader
    assert isinstance(loader, FolderLoader)
    chain = template_chain(info, loader.candidates())
    return load_library(t.folder for t in reversed(chain))
