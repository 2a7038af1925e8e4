"""Layout profiles: page, fonts, sizes and spacing of a draft, kept as small YAML files.

A profile names sizes by 字号 (三号) or in points; :data:`ZIHAO` is the one place
names map to points. Built-ins live in ``speechgen/profiles/``; a writer copies one,
changes what the office needs and passes its path.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from ..brief.loader import load_brief, parse_brief_text
from ..errors import InputProblems, UserError

ZIHAO: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "speech"


def to_points(value: Any) -> float:
    """Convert ``三号``, ``16``, ``16pt`` or ``16磅`` to points."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text in ZIHAO:
        return ZIHAO[text]
    number = text.removesuffix("pt").removesuffix("磅").strip()
    try:
        pts = float(number)
    except ValueError:
        names = "、".join(ZIHAO)
        raise ValueError(f"“{value}”不是字号：写字号名（{names}）或磅值（如 16）") from None
    if not 1 <= pts <= 200:
        raise ValueError(f"字号 {pts} 磅超出范围（1–200）")
    return pts


Points = Annotated[float, BeforeValidator(to_points)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ELEMENTS = (
    "title",
    "subtitle",
    "byline",
    "salutation",
    "body",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "lead",
    "page_number",
)
ElementName = Literal[
    "title",
    "subtitle",
    "byline",
    "salutation",
    "body",
    "heading1",
    "heading2",
    "heading3",
    "heading4",
    "lead",
    "page_number",
]
DEFAULT_FONT = "仿宋_GB2312"
DEFAULT_SIZE = 16.0


class ElementStyle(_Model):
    """Font and paragraph settings of one element (title, body, heading1…).

    Unset fields fall back to the body's; ``indent`` is the first-line indent of
    :attr:`Profile.indent_chars` (on for body and headings, off for the rest).
    """

    font: str | None = Field(default=None, min_length=1, max_length=64)
    size: Points | None = None
    bold: bool | None = None
    align: Literal["left", "center", "right", "both"] | None = None
    indent: bool | None = None


class Page(_Model):
    """Paper and margins in millimetres."""

    width_mm: float = Field(default=210, gt=50, lt=1000)
    height_mm: float = Field(default=297, gt=50, lt=1000)
    top_mm: float = Field(default=37, ge=0, lt=200)
    bottom_mm: float = Field(default=35, ge=0, lt=200)
    left_mm: float = Field(default=28, ge=0, lt=200)
    right_mm: float = Field(default=26, ge=0, lt=200)
    header_mm: float = Field(default=15, ge=0, lt=200)
    footer_mm: float = Field(default=25, ge=0, lt=200)


class Profile(_Model):
    """A complete layout profile."""

    name: str
    description: str = ""
    page: Page = Page()
    line_pitch_pt: float = Field(default=28.95, gt=5, lt=100)
    title_line_pitch_pt: float = Field(default=28.95, gt=5, lt=150)
    char_spacing_pt: float = Field(default=-0.3, ge=-5, le=20)
    grid: Literal["lines", "none"] = "lines"
    indent_chars: float = Field(default=2, ge=0, le=10)
    run_in_levels: list[int] = Field(default_factory=lambda: [2])
    keep_with_next: bool = True
    widow_control: bool = False
    blank_lines_after_title: int = Field(default=0, ge=0, le=5)
    blank_lines_after_byline: int = Field(default=1, ge=0, le=5)
    page_numbers: Literal["odd-even", "center", "none"] = "odd-even"
    page_number_format: str = "— {n} —"
    page_number_indent_chars: float = Field(default=1, ge=0, le=10)
    latin_font: str = Field(default="Times New Roman", min_length=1, max_length=64)
    elements: dict[ElementName, ElementStyle] = Field(default_factory=dict)
    alt_fonts: dict[str, str] = Field(default_factory=dict)

    @field_validator("run_in_levels")
    @classmethod
    def _levels(cls, levels: list[int]) -> list[int]:
        bad = [n for n in levels if not 1 <= n <= 4]
        if bad:
            raise ValueError(f"标题级别只能是 1–4（一、（一）1.（1）），不能是 {bad[0]}")
        return sorted(set(levels))

    @field_validator("page_number_format")
    @classmethod
    def _page_format(cls, text: str) -> str:
        if text.count("{n}") != 1:
            raise ValueError("页码格式里要有且只有一个 {n}（页码数字的位置），如“— {n} —”")
        return text

    def element(self, name: str) -> ElementStyle:
        """Return the style of ``name`` with the body's settings filled in where unset."""
        body = self.elements.get("body", ElementStyle())
        own = self.elements.get(name, ElementStyle())  # type: ignore[call-overload]
        merged = body.model_dump() | {k: v for k, v in own.model_dump().items() if v is not None}
        merged["font"] = merged.get("font") or DEFAULT_FONT
        merged["size"] = merged.get("size") or DEFAULT_SIZE
        return ElementStyle(**merged)

    def fonts(self) -> list[str]:
        """Every font the draft names (Latin font first, then each element's), in a stable order."""
        names = [self.latin_font] + [self.element(e).font or DEFAULT_FONT for e in ELEMENTS]
        return list(dict.fromkeys(names))


def builtin_profiles() -> list[str]:
    """Names of the built-in profiles."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load_profile(spec: str | None, base_dir: Path | None = None) -> Profile:
    """Load a profile by built-in name or by path (relative to ``base_dir``)."""
    spec = spec or DEFAULT_PROFILE
    if spec in builtin_profiles():
        return _load_builtin(spec)
    path = Path(spec)
    if not path.is_absolute() and base_dir is not None and not path.exists():
        path = base_dir / path
    if not path.exists():  # a folder or a special file is refused when it is read
        names = "、".join(builtin_profiles())
        raise UserError(f"找不到版式“{spec}”：可用的内置版式有 {names}，或给出版式 YAML 文件的路径")
    loaded = load_brief(path)
    return _parse(loaded.data, str(path), loaded.text)


@lru_cache(maxsize=8)
def _load_builtin(name: str) -> Profile:
    path = PROFILE_DIR / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    return _parse(parse_brief_text(text, str(path)).data, str(path), text)


def _parse(data: dict[str, Any], shown: str, text: str) -> Profile:
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        loaded = parse_brief_text(text, shown)
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, int) or "[" not in str(p))
            ctx = err.get("ctx") or {}
            msg = str(ctx.get("error", "")) or _profile_message(err)
            problems.append(loaded.problem(loc, msg, at_key=err["type"] == "extra_forbidden"))
        raise InputProblems(
            problems, summary=f"版式文件 {shown} 有 {len(problems)} 处问题。"
        ) from None


def _profile_message(err: Any) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "版式里不认识的字段，请对照内置版式 speech.yaml 检查拼写"
    if kind == "literal_error":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        return (
            f"取值只能是 {expected.replace(' or ', '、').replace(', ', '、').replace(chr(39), '')}"
        )
    if kind in ("float_parsing", "int_parsing", "bool_parsing"):
        return f"取值“{err.get('input')}”不对：应是{'数字' if kind != 'bool_parsing' else ' true 或 false'}"
    if kind == "missing":
        return "缺少必填项"
    bounds = {
        "greater_than": "应大于",
        "greater_than_equal": "应不小于",
        "less_than": "应小于",
        "less_than_equal": "应不大于",
    }
    if kind in bounds:
        limit = next(iter((err.get("ctx") or {}).values()), "")
        return f"取值“{err.get('input')}”超出范围：{bounds[kind]} {limit}"
    if kind in ("string_too_short", "string_too_long"):
        return "字体名不能为空，也不能超过 64 个字符"
    if kind in ("dict_type", "list_type", "string_type"):
        return f"这里的写法不对（{'应是若干“名称: 取值”' if kind == 'dict_type' else '应是列表，如 [2]' if kind == 'list_type' else '应是文字'}）"
    return f"取值不对（{err['msg']}）"
