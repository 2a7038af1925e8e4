"""The brief: pydantic models of the facts of one meeting (DESIGN.md §3).

Values arrive as strings from :mod:`speechgen.loader`; the models convert what the
schema wants as numbers or dates and keep every other text exactly as typed.
Error messages raised here are Chinese; :mod:`speechgen.validate` adds positions.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

_ISO = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")
_CN = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


@dataclass(frozen=True)
class BriefDate:
    """A calendar date from the brief, remembering the text the writer typed."""

    year: int
    month: int
    day: int
    text: str

    def to_date(self) -> _dt.date:
        """Return the :class:`datetime.date`."""
        return _dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月{self.day}日"


def parse_date(value: Any) -> BriefDate:
    """Parse ``2026-05-10`` or ``2026年5月10日``; raise ValueError (Chinese) otherwise."""
    if isinstance(value, BriefDate):
        return value
    if isinstance(value, _dt.date):
        return BriefDate(value.year, value.month, value.day, value.isoformat())
    if not isinstance(value, str):
        raise ValueError("日期应写成 2026-05-10 或 2026年5月10日")
    m = _ISO.match(value) or _CN.match(value)
    if not m:
        raise ValueError(f"“{value}”不是日期，应写成 2026-05-10 或 2026年5月10日")
    year, month, day = (int(g) for g in m.groups())
    try:
        _dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"“{value}”不是有效的日期（{year}年没有{month}月{day}日）") from None
    return BriefDate(year, month, day, value)


def parse_deadline(value: Any) -> BriefDate | str:
    """A deadline is a date when it looks like one, otherwise free text such as 6月底前."""
    if isinstance(value, (BriefDate, _dt.date)):
        return parse_date(value)
    if not isinstance(value, str):
        raise ValueError("完成时限应写成日期（2026-06-30）或文字（如 6月底前）")
    if _ISO.match(value) or _CN.match(value):
        return parse_date(value)
    if not value.strip():
        raise ValueError("完成时限不能是空白")
    return value


_DATE_SCHEMA = {
    "type": "string",
    "description": "日期，写成 2026-05-10 或 2026年5月10日",
    "pattern": r"^\s*\d{4}\s*(年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})\s*$",
}

DateValue = Annotated[
    BriefDate,
    BeforeValidator(parse_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_DATE_SCHEMA),
]
DeadlineValue = Annotated[
    BriefDate | str,
    BeforeValidator(parse_deadline),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "完成时限：日期（2026-06-30）或文字（如 6月底前、长期坚持）",
        }
    ),
]


def _nonblank(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise ValueError("不能只有空白，请填写内容或删除这一项")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_nonblank)]
OptText = Annotated[str | None, AfterValidator(_nonblank)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _title_from_string(value: Any) -> Any:
    """A list item may be a plain string: treat it as ``{title: ...}``."""
    return {"title": value} if isinstance(value, str) else value


class Item(_Model):
    """A strength, weakness or point: a short title with optional detail."""

    title: Text = Field(description="要点（一句话）")
    detail: OptText = Field(None, description="展开说明（可选）")


ItemValue = Annotated[Item, BeforeValidator(_title_from_string)]


def _speaker_from_string(value: Any) -> Any:
    return {"who": value} if isinstance(value, str) else value


class PriorSpeaker(_Model):
    """Someone who spoke before the leader at this meeting."""

    who: Text = Field(description="谁讲过话，如 几位副职领导、某某同志")
    did: OptText = Field(None, description="讲了什么，如 对全年工作进行了部署")


class Meeting(_Model):
    """The meeting itself."""

    name: Text = Field(description="会议名称，如 全市形势分析会（必填）")
    organization: Text = Field(description="召开会议的单位，如 某某市某某局（必填）")
    date: DateValue | None = Field(None, description="会议日期，2026-05-10 或 2026年5月10日")
    speaker: OptText = Field(None, description="讲话人姓名")
    speaker_title: OptText = Field(None, description="讲话人职务，如 局长")
    title: OptText = Field(None, description="讲话标题；不填则为“在<会议名称>上的讲话”")
    subtitle: OptText = Field(None, description="副标题（可选，以——开头的第二行标题）")
    audience: OptText = Field(None, description="听众，如 中层干部")
    minutes: int | None = Field(None, gt=0, le=600, description="目标讲话时长（分钟，可选）")
    prior_speakers: list[Annotated[PriorSpeaker, BeforeValidator(_speaker_from_string)]] = Field(
        default_factory=list, description="此前发言的人和内容"
    )


Rank = Annotated[int, Field(gt=0, le=100_000)]


class Ranking(_Model):
    """The result of an assessment (考核排名); lower rank numbers are better."""

    assessment: OptText = Field(None, description="考核名称，如 全省系统工作业绩考核")
    period: OptText = Field(None, description="考核期，如 2025年度")
    previous: Rank | None = Field(None, description="上次名次（正整数，可选）")
    current: Rank | None = Field(None, description="本次名次（正整数，数字越小越好）")
    total: Rank | None = Field(None, description="参加排名的单位数（可选）")
    target: OptText = Field(None, description="目标，文字，如 保四争三")
    reported_by: OptText = Field(None, description="通报考核结果的部门或人，如 考核办")
    strong_items: list[ItemValue] = Field(default_factory=list, description="得分靠前的项目")
    weak_items: list[ItemValue] = Field(default_factory=list, description="失分较多的项目")

    @model_validator(mode="after")
    def _ranks_within_total(self) -> Ranking:
        if self.total is not None:
            for name in ("previous", "current"):
                rank = getattr(self, name)
                if rank is not None and rank > self.total:
                    raise ValueError(
                        f"{name} 是第{rank}名，超过了参加排名的单位数 total（{self.total}）"
                    )
        return self


class Measure(_Model):
    """One measure of the execution part; each becomes its own numbered sub-point."""

    title: Text = Field(description="举措标题，如 形成各司其职的担当体系")
    points: list[ItemValue] = Field(default_factory=list, description="具体要求，每条一句")
    owner: OptText = Field(None, description="牵头单位或责任人")
    deadline: DeadlineValue | None = Field(None, description="完成时限")


MeasureValue = Annotated[Measure, BeforeValidator(_title_from_string)]


class Brief(_Model):
    """A whole meeting brief (DESIGN.md §3)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="speechgen 讲话稿简报",
        json_schema_extra={"description": "speechgen 的会议简报：键用英文，值用中文。"},
    )

    template: Text = Field(
        "situation",
        description="模板：内置模板名（situation 或 形势分析会 等）或模板文件夹/.docx 路径",
    )
    profile: str | None = Field(
        None, description="版式：speech、official、large 或版式 YAML 文件路径"
    )
    shell: str | None = Field(None, description="本单位的 Word 外壳 .docx（相对于简报所在文件夹）")
    options: dict[str, Any] = Field(default_factory=dict, description="模板声明的选项")
    meeting: Meeting = Field(description="会议信息")
    ranking: Ranking | None = Field(None, description="考核排名（可选；不填则讲话不谈排名）")
    strengths: list[ItemValue] = Field(default_factory=list, description="成绩和优势")
    weaknesses: list[ItemValue] = Field(default_factory=list, description="差距和不足")
    measures: list[MeasureValue] = Field(
        default_factory=list, description="下一步举措，每条成为一个（N）小点"
    )
