"""The brief: pydantic models of the facts of one meeting (DESIGN.md §3).

Values arrive as strings from :mod:`speechgen.loader`; the models convert what the
schema wants as numbers or dates and keep every other text exactly as typed.
Error messages raised here are Chinese; :mod:`speechgen.validate` adds positions.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
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


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_RANK_TEXT = re.compile(r"^\s*第?\s*([0-9０-９]+|[零〇一二两三四五六七八九十百]+)\s*[名位]?\s*$")


def cn_to_int(text: str) -> int | None:
    """``八`` → 8, ``十二`` → 12, ``二十`` → 20, ``一百零三`` → 103; None when not a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def parse_rank(value: Any) -> Any:
    """A rank may be typed as 8, ８, 第8名, 第八名 or 八: all mean 8."""
    if not isinstance(value, str):
        return value
    m = _RANK_TEXT.match(value)
    if not m:
        return value
    digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return int(digits)
    number = cn_to_int(digits)
    return number if number is not None else value


def parse_number(value: Any) -> Decimal:
    """A score or figure as a Decimal keeping the digits typed; a Chinese error otherwise."""
    if isinstance(value, bool):
        raise ValueError("应是一个数字，如 86.5")
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{value}”不是数字，应写成 86.5 这样的数") from None
        if number.is_finite():
            return number
    raise ValueError(f"“{value}”不是数字，应写成 86.5 这样的数")


NumberValue = Annotated[
    Decimal,
    BeforeValidator(parse_number),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["number", "string"], "description": "数字，如 86.5"}),
]
"""A score or figure, kept as typed (``95`` stays 95, ``6.0`` stays 6.0)."""


class Item(_Model):
    """A strength, weakness or point: a short title with optional detail, example and sub-points."""

    title: Text = Field(description="要点（一句话）")
    detail: OptText = Field(None, description="展开说明（可选）")
    example: OptText = Field(None, description="一个具体事例，讲话人可以讲给大家听（可选）")
    points: list[Text] = Field(
        default_factory=list, description="分几点说（可选），在这一项里说成一是、二是"
    )


ItemValue = Annotated[Item, BeforeValidator(_title_from_string)]


def _speaker_from_string(value: Any) -> Any:
    return {"who": value} if isinstance(value, str) else value


SPEAKER_KINDS = ("report", "pledge", "deployment", "decision", "video", "other")


class PriorSpeaker(_Model):
    """Someone who spoke (or something shown) before the leader at this meeting."""

    who: Text = Field(description="谁讲过话，如 几位副职领导、某某同志；播放视频时写视频名")
    did: OptText = Field(None, description="讲了什么，如 对全年工作进行了部署")
    kind: Literal["report", "pledge", "deployment", "decision", "video", "other"] | None = Field(
        None,
        description=(
            "发言的类型：report 汇报、pledge 表态发言、deployment 部署工作、"
            "decision 宣读决定、video 观看视频、other 其他"
        ),
    )


class NextSpeaker(_Model):
    """A higher leader who speaks after this speech."""

    who: Text = Field(description="谁接着讲话，如 县委张书记")
    does: OptText = Field(None, description="做什么，如 作重要讲话（不填则为“作重要讲话”）")


LEVELS = ("单位", "系统", "区", "县", "市", "省")
AUDIENCE_ROLES = ("领导干部", "中层干部", "全体干部职工")


class Meeting(_Model):
    """The meeting itself."""

    name: Text = Field(description="会议名称，如 全市形势分析会（必填）")
    organization: Text = Field(description="召开会议的单位，如 某某市某某局（必填）")
    date: DateValue | None = Field(None, description="会议日期，2026-05-10 或 2026年5月10日")
    speaker: OptText = Field(None, description="讲话人姓名")
    speaker_title: OptText = Field(
        None,
        description="讲话人职务，如 局长；印在署名行的姓名前面（局长　王建国），要和 speaker 一起写",
    )
    title: OptText = Field(
        None,
        description="讲话标题；不填则为“在<会议名称>上的讲话”。太长时自动在词与词之间回行；要自己定回行处，就在标题里换行",
    )
    subtitle: OptText = Field(None, description="副标题（可选，以——开头的第二行标题）")
    audience: OptText = Field(None, description="听众，如 中层干部")
    minutes: int | None = Field(None, gt=0, le=600, description="目标讲话时长（分钟，可选）")
    level: Literal["单位", "系统", "区", "县", "市", "省"] | None = Field(
        None,
        description=(
            "“我们”是谁：单位（机关对本单位干部讲，默认）、系统（全市系统）、"
            "区、县、市、省（一个地方：全县上下、各乡镇各部门）"
        ),
    )
    we: OptText = Field(None, description="集体称呼，如 全县上下；不填按 level 推出")
    on_behalf_of: OptText = Field(None, description="“我代表……”的对象，如 县委、县政府（可选）")
    audience_role: Literal["领导干部", "中层干部", "全体干部职工"] | None = Field(
        None,
        description="听众的身份：领导干部、中层干部或全体干部职工；决定讲话能向他们提什么要求",
    )
    theme: OptText = Field(None, description="今年的主题或口号，如 落实年")
    leadership_body: OptText = Field(None, description="领导班子的称呼，如 党组、党委、班子")
    next_speaker: NextSpeaker | None = Field(None, description="本讲话之后还有领导讲话（可选）")
    prior_speakers: list[Annotated[PriorSpeaker, BeforeValidator(_speaker_from_string)]] = Field(
        default_factory=list, description="此前发言的人和内容"
    )


Rank = Annotated[int, BeforeValidator(parse_rank), Field(gt=0, le=100_000)]


class Leader(_Model):
    """The unit ranked first in an assessment."""

    name: Text = Field(description="第一名的单位，如 某某县")
    score: NumberValue | None = Field(None, description="第一名的得分")


class Peer(_Model):
    """A named neighbour to compare with."""

    name: Text = Field(description="单位名称")
    rank: Rank | None = Field(None, description="它的名次")
    score: NumberValue | None = Field(None, description="它的得分")


class Indicator(_Model):
    """One indicator of an assessment or of the economy: score and rank, or value against target."""

    name: Text = Field(description="指标名称，如 基层党建、地区生产总值增速")
    score: NumberValue | None = Field(None, description="得分")
    full: NumberValue | None = Field(None, description="满分")
    rank: Rank | None = Field(None, description="本次名次")
    previous: Rank | None = Field(None, description="上次名次")
    value: NumberValue | None = Field(None, description="指标值，如 5.2")
    unit: OptText = Field(None, description="单位，如 %、亿元")
    target: NumberValue | None = Field(None, description="目标值")
    last_year: NumberValue | None = Field(None, description="去年同期值")


class Ranking(_Model):
    """The result of an assessment (考核排名); lower rank numbers are better."""

    assessment: OptText = Field(None, description="考核名称，如 全省系统工作业绩考核")
    period: OptText = Field(None, description="考核期，如 2025年度")
    previous: Rank | None = Field(None, description="上次名次（正整数，可选）")
    current: Rank | None = Field(None, description="本次名次（正整数，数字越小越好）")
    total: Rank | None = Field(None, description="参加排名的单位数（可选）")
    target: OptText = Field(None, description="目标，文字，如 保四争三、进入前五")
    reported_by: OptText = Field(None, description="通报考核结果的部门或人，如 考核办")
    score: NumberValue | None = Field(None, description="本单位得分")
    average: NumberValue | None = Field(None, description="全部参评单位的平均分")
    leader: Leader | None = Field(None, description="第一名：name 单位、score 得分")
    peers: list[Peer] = Field(default_factory=list, description="可比的兄弟单位：name、rank、score")
    indicators: list[Indicator] = Field(
        default_factory=list, description="分项指标的得分、名次或指标值，每项都会讲到"
    )
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


RankingValue = Annotated[
    Annotated[Ranking, Tag("[one]")] | Annotated[list[Ranking], Tag("[many]")],
    Discriminator(lambda v: "[many]" if isinstance(v, list) else "[one]"),
]
"""One assessment, or a list of them (results moving in different directions)."""


class Milestone(_Model):
    """A dated step of a measure."""

    when: Text = Field(description="时间，如 7月底")
    what: Text = Field(description="完成什么，如 完成第一轮督办")


class Measure(_Model):
    """One measure: why, what (steps, points), who and by when, target and example."""

    title: Text = Field(description="举措标题，如 形成各司其职的担当体系")
    points: list[ItemValue] = Field(default_factory=list, description="具体要求，每条一句")
    owner: OptText = Field(None, description="牵头单位或责任人")
    co_owners: list[Text] = Field(default_factory=list, description="配合单位")
    deadline: DeadlineValue | None = Field(
        None,
        description="完成时限：日期（2026-06-30）、期限（6月底前）、周期（每月）或长期（长期坚持）",
    )
    why: OptText = Field(None, description="针对什么问题，如 针对布置了工作不跟踪的问题")
    steps: list[Text] = Field(default_factory=list, description="怎么做：几个步骤")
    milestones: list[Milestone] = Field(
        default_factory=list, description="节点：when 时间、what 完成什么"
    )
    target: OptText = Field(None, description="要达到的目标，如 重点事项按期办结率达到95%以上")
    example: OptText = Field(None, description="可以借鉴的做法或事例")


MeasureValue = Annotated[Measure, BeforeValidator(_title_from_string)]


class Praise(_Model):
    """A unit or person praised by name (点名表扬)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    who: Text = Field(description="表扬谁，如 某某镇")
    for_: Text = Field(alias="for", description="表扬什么，如 项目攻坚成效明显")


class Case(_Model):
    """A case for a warning-education meeting (警示教育会)."""

    who: Text = Field(description="案中人，如 某局原副局长王某")
    what: Text = Field(description="做了什么，如 利用审批权收受财物")
    result: OptText = Field(None, description="受到的处理，如 被开除党籍、判处有期徒刑五年")
    lesson: OptText = Field(None, description="教训，如 权力监督不能有空白")


REMARK_PLACE = re.compile(r"^(opening|closing|(parts|measures)\.([1-9]\d*))$")


class Remark(_Model):
    """The speaker's own words, placed verbatim."""

    at: Text = Field(
        description="放在哪里：opening 开场、parts.N 第N部分、measures.N 第N项举措、closing 结尾"
    )
    text: Text = Field(description="讲话人自己的话，原样放进讲话稿")

    @model_validator(mode="after")
    def _known_place(self) -> Remark:
        if not REMARK_PLACE.match(self.at.strip()):
            raise ValueError(
                f"at 写成了“{self.at}”：只能是 opening、closing、parts.N 或 measures.N（N 从 1 数）"
            )
        return self


class NextStep(_Model):
    """A dated action the speaker announces (「本月底将……」)."""

    when: Text = Field(description="什么时候，如 本月底")
    what: Text = Field(description="做什么，如 组织到全省第一名的某某县交流学习")
    who: OptText = Field(None, description="由谁负责，如 办公室")


PART_KINDS = (
    "situation",
    "strengths",
    "weaknesses",
    "focus",
    "measures",
    "requirements",
    "learning",
    "cases",
    "indicators",
    "custom",
)
PART_KIND_NAMES = {
    "situation": "形势与排名",
    "strengths": "成绩",
    "weaknesses": "差距与问题",
    "focus": "重点与思路",
    "measures": "举措与任务",
    "requirements": "作风、纪律与保障",
    "learning": "学习先进",
    "cases": "案例剖析",
    "indicators": "指标运行",
    "custom": "自己写的部分",
}
PartKind = Literal[
    "situation",
    "strengths",
    "weaknesses",
    "focus",
    "measures",
    "requirements",
    "learning",
    "cases",
    "indicators",
    "custom",
]


class OutlinePart(_Model):
    """One 一、 part of the speech, chosen from the kinds the template offers."""

    kind: PartKind = Field(
        description=(
            "部分的类型：situation 形势与排名、strengths 成绩、weaknesses 差距与问题、focus 重点与思路、"
            "measures 举措与任务、requirements 作风纪律与保障、learning 学习先进、cases 案例剖析、"
            "indicators 指标运行、custom 自己写的部分"
        )
    )
    heading: OptText = Field(None, description="这一部分的标题（不填则用模板的标题）")
    items: Literal["headings", "一是", "一要", "首先", "none"] | None = Field(
        None,
        description="小点写法：headings（（一）小标题）、一是、一要、首先，或 none（不分小点）",
    )
    select: list[Annotated[int, Field(gt=0)]] = Field(
        default_factory=list, description="measures 部分：放哪几项举措（从 1 数），如 [1, 2]"
    )
    text: list[Text] = Field(default_factory=list, description="custom 部分：每段一项")

    @model_validator(mode="after")
    def _custom_has_words(self) -> OutlinePart:
        if self.kind == "custom" and (not self.heading or not self.text):
            raise ValueError("kind: custom 的部分要写 heading（标题）和 text（各段文字）")
        if self.kind != "custom" and self.text:
            raise ValueError(f"text 只用于 kind: custom 的部分；{self.kind} 部分的文字由模板生成")
        if self.select and self.kind != "measures":
            raise ValueError("select 只用于 kind: measures 的部分")
        return self


class Outline(_Model):
    """The writer's outline: which parts, in which order, numbered and announced how."""

    announce: Literal["count", "few", "none"] | None = Field(
        None, description="开场怎么预告：count（讲三点意见）、few（讲几点意见）、none（不预告）"
    )
    numbering: Literal["一、", "第一，", "一要", "首先"] | None = Field(
        None, description="一级标题的编号：一、、第一，、一要 或 首先（首先只能用于最多四部分）"
    )
    refrain: OptText = Field(None, description="每个一级标题共用的结尾，如 保四争三")
    parts: list[OutlinePart] = Field(default_factory=list, description="各部分，按讲话顺序")

    @model_validator(mode="after")
    def _first_at_most_four(self) -> Outline:
        if self.numbering == "首先" and len(self.parts) > 4:
            raise ValueError("numbering: 首先 只能用于最多四个部分（首先、其次、再次、最后）")
        return self


class Brief(_Model):
    """A whole meeting brief (DESIGN.md §3, version 2)."""

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
    keep_placeholders: bool = Field(
        False,
        description="示例或范文简报写 true：其中的“某某”等占位符是有意保留的，"
        "生成后的检查摘要把它们单独注明，不算错误",
    )
    meeting: Meeting = Field(description="会议信息")
    praise: list[Praise] = Field(default_factory=list, description="点名表扬：who 谁、for 什么")
    ranking: RankingValue | None = Field(
        None, description="考核排名：一项考核，或几项考核的列表（可选；不填则讲话不谈排名）"
    )
    strengths: list[ItemValue] = Field(default_factory=list, description="成绩和优势")
    weaknesses: list[ItemValue] = Field(default_factory=list, description="差距和不足")
    measures: list[MeasureValue] = Field(
        default_factory=list, description="下一步举措，每条成为一个（N）小点"
    )
    cases: list[Case] = Field(default_factory=list, description="警示教育会的案例")
    remarks: list[Remark] = Field(default_factory=list, description="讲话人自己的话，原样放入")
    next_steps: list[NextStep] = Field(
        default_factory=list, description="讲话人要宣布的近期安排：when、what、who"
    )
    outline: Outline | None = Field(None, description="自定提纲（可选；不填用模板的默认提纲）")

    @property
    def rankings(self) -> tuple[Ranking, ...]:
        """Every assessment of the brief, whether one or a list was given."""
        if self.ranking is None:
            return ()
        if isinstance(self.ranking, list):
            return tuple(self.ranking)
        return (self.ranking,)

    @model_validator(mode="after")
    def _places_exist(self) -> Brief:
        parts = len(self.outline.parts) if self.outline and self.outline.parts else None
        for n, remark in enumerate(self.remarks, start=1):
            m = REMARK_PLACE.match(remark.at.strip())
            if not m or not m.group(2):
                continue
            index = int(m.group(3))
            if m.group(2) == "measures" and index > len(self.measures):
                raise ValueError(
                    f"第{n}条 remarks 放在 {remark.at}，但只有 {len(self.measures)} 项举措"
                )
            if m.group(2) == "parts" and parts is not None and index > parts:
                raise ValueError(f"第{n}条 remarks 放在 {remark.at}，但提纲只有 {parts} 个部分")
        if self.outline:
            for part in self.outline.parts:
                wrong = [i for i in part.select if i > len(self.measures)]
                if wrong:
                    raise ValueError(
                        f"outline 的 select 里写了第{wrong[0]}项举措，但只有 {len(self.measures)} 项"
                    )
        return self
