"""Facts derived from the brief (DESIGN.md §3): pure functions, no wording decisions.

Position band, size of a change, gap to a target, deadline kind, the collective noun
for "we", the audience role, indicator lag and a mixed verdict. Templates and the
material library read these instead of comparing numbers themselves.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from collections.abc import Sequence
from decimal import Decimal

from ..brief.model import BriefDate, Indicator, cn_to_int
from .numerals import cn_number

# Position bands, tested in DESIGN.md §3's order.
TOP, LEADING, UPPER, LAST, SECOND_LAST, THIRD_LAST, LOW, LOWER = (
    "榜首",
    "前列",
    "中上游",
    "末位",
    "倒数第二",
    "倒数第三",
    "靠后",
    "中下游",
)
TOP_BANDS = (TOP, LEADING)
BOTTOM_BANDS = (LAST, SECOND_LAST, THIRD_LAST, LOW)


def position_band(current: int | None, total: int | None) -> str | None:
    """The band of rank ``current`` among ``total`` units; None without both."""
    if current is None or total is None or total <= 0:
        return None
    r, n = current, total
    if r == 1:
        return TOP
    if r <= math.ceil(n / 4):
        return LEADING
    if r <= math.ceil(n / 2):
        return UPPER
    if r == n:
        return LAST
    if n >= 6:
        if r == n - 1:
            return SECOND_LAST
        if r == n - 2:
            return THIRD_LAST
    elif r >= n - 2:
        return LOW
    return LOWER


_BAND_WORDS = {
    TOP: "位居榜首",
    LEADING: "处于第一方阵",
    UPPER: "处于中上游",
    LOWER: "处于中下游",
    LAST: "排在末位",
    SECOND_LAST: "排在倒数第二位",
    THIRD_LAST: "排在倒数第三位",
    LOW: "位次靠后",
}


def band_words(band: str | None) -> str | None:
    """How a speech says a band: 处于中上游, 排在末位…"""
    return _BAND_WORDS.get(band) if band else None


# What follows a rank written without 名 (从第四掉到第九，…): a verb of moving or a stop;
# 第二季度, 第一责任人 or 第三批 are no rank.
_RANK_AFTER = "(?:名|位|[掉退滑落跌升进上下到至回挤冲，。、！？；”）]|$)"


_ARABIC_RANK = re.compile(r"第\d+名")


def rank_style(spoken: str, *ranks: int | None, written: str = "") -> str:
    """``chinese`` when the speaker's own words (``spoken``) write one of ``ranks`` in
    Chinese numerals (第四名, or 从第四掉到第九 when the writer's other texts, ``written``,
    write no rank in Arabic numerals: 第4名 there is printed as typed), else ``arabic``:
    the draft writes ranks as the speaker does."""
    if any(n and f"第{cn_number(n)}名" in spoken for n in ranks):
        return "chinese"
    if _ARABIC_RANK.search(written):
        return "arabic"
    said = any(n and re.search(f"第{cn_number(n)}{_RANK_AFTER}", spoken) for n in ranks)
    return "chinese" if said else "arabic"


def may_extend_lead(current: int | None, total: int | None) -> bool:
    """扩大领先 fits only a rank in the top third."""
    return current is not None and total is not None and current <= math.ceil(total / 3)


def change_size(previous: int | None, current: int | None) -> str | None:
    """小幅 for 1–2 places, 大幅 for 3 or more, None when unchanged or unknown."""
    if previous is None or current is None or previous == current:
        return None
    return "小幅" if abs(previous - current) <= 2 else "大幅"


_KEEP_AIM = re.compile(r"保([一二三四五六七八九十\d]+)争([一二三四五六七八九十\d]+)")
_TOP_N = re.compile(r"(?:进入|进|挺进|跻身|保持|稳居|确保)?前([一二三四五六七八九十\d]+)(?:名|位)?")
# 争创一流 / 争先进位 name no rank: only a first place does.
_FIRST = re.compile(r"争(?:创|夺)?(?:第一|头名|榜首)|夺冠")


def _num(text: str) -> int | None:
    return int(text) if text.isdigit() else cn_to_int(text)


def target_rank(target: str | None) -> tuple[int | None, int | None]:
    """``(floor, aim)`` ranks a target names: 保四争三 → (4, 3); 进入前五 → (5, 5); 争第一 → (1, 1).

    A target such as 争先进位 names no rank: (None, None).
    """
    if not target:
        return None, None
    m = _KEEP_AIM.search(target)
    if m:
        return _num(m.group(1)), _num(m.group(2))
    m = _TOP_N.search(target)
    if m:
        n = _num(m.group(1))
        return n, n
    if _FIRST.search(target):
        return 1, 1
    return None, None


def target_gap(target: str | None, current: int | None) -> int | None:
    """Places still to gain to reach the target's aim (0 when reached); None when unknowable."""
    _floor, aim = target_rank(target)
    if aim is None or current is None:
        return None
    return max(0, current - aim)


def target_floor_gap(target: str | None, current: int | None) -> int | None:
    """Places still to gain to reach the target's floor (保四: 4th), 0 when within it."""
    floor, _aim = target_rank(target)
    if floor is None or current is None:
        return None
    return max(0, current - floor)


# Deadline kinds (DESIGN.md §3).
DATE, BY_PERIOD, RECURRING, ONGOING, OTHER = "date", "by_period", "recurring", "ongoing", "other"
_CN_DIGITS = "一二三四五六七八九十两半"
# 每月, 每两周, 每个季度, 逐月, 每季度一次, 按照“每月调度”, 月度调度, 一月一调度…
_RECURRING = re.compile(
    rf"(每|逐)[{_CN_DIGITS}\d]*个?(天|日|周|星期|旬|月|季|季度|半年|年)"
    r"|定期|按(月|季|周|旬|年)|一(月|季|周|旬)一"
    r"|(^|按照“?|实行|坚持)(月|季|周|旬)度?(调度|通报|例会|盘点|督查|报送)"
)
_ONGOING = re.compile(r"长期|常态|长效|持续|始终|久久为功|常抓不懈|全年|贯穿")
# 6月底前, 三季度末, 年底前, 上半年, 本月内, 7月15日前…
_BY_PERIOD = re.compile(
    r"(前|底|末|初|中旬|上旬|下旬|以内|之内|内|月|季度|半年|年底|年内|年末|日)$|前完成|底前|末前"
)
# Two points in time joined: 6月1日至9月30日, 6月至9月, 汛期前后.
_SPAN = re.compile(r"(?:日|月|号|年)\s*(?:至|到|—|－|-|~|～)\s*\S")
# A calendar day without its year (6月30日) is a date, as 2026-06-30 is.
_MONTH_DAY = re.compile(
    r"^\s*(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]\s*$"
)


def deadline_kind(deadline: BriefDate | str | None) -> str | None:
    """``date``, ``by_period`` (6月底前), ``recurring`` (每月), ``ongoing`` (长期坚持) or ``other``."""
    if deadline is None:
        return None
    if isinstance(deadline, BriefDate):
        return DATE
    text = deadline.strip()
    if _SPAN.search(text):
        return OTHER  # 6月1日至9月30日: a period of duty, not a date to finish by
    if _MONTH_DAY.match(text):
        return DATE
    if _RECURRING.search(text):
        return RECURRING
    if _ONGOING.search(text):
        return ONGOING
    if _BY_PERIOD.search(text):
        return BY_PERIOD
    return OTHER


_BARE_PERIOD = re.compile(
    r"^(?:每|逐)(?:天|日|周|旬|个?月|季|季度|半年|年)$|^定期$|^按(?:月|季|周)$"
)
_VERB_END = re.compile(r"(?:坚持|推进|开展|抓好|落实|用力|推动|跟进|实施|执行|监管|整改)$")


def deadline_bare(text: str | None) -> bool:
    """A recurring deadline that is only a period word (每月, 每季度, 逐月): 「每月调度一次」 fits it."""
    return bool(text) and bool(_BARE_PERIOD.match(text.strip()))  # type: ignore[union-attr]


def deadline_verbal(text: str | None) -> bool:
    """An ongoing deadline that is itself an action (长期坚持, 持续推进): 「要长期坚持」 fits it."""
    return bool(text) and bool(_VERB_END.search(text.strip()))  # type: ignore[union-attr]


_PURPOSE = re.compile(r"^(?:针对|为了|为|围绕|聚焦|着眼|着力|立足|紧扣|对准|解决)")


def states_purpose(text: str | None) -> bool:
    """A measure's ``why`` written as a purpose (针对…, 为了…) rather than as a fact."""
    return bool(text) and bool(_PURPOSE.match(text.strip()))  # type: ignore[union-attr]


def needs_comma(when: str, what: str) -> bool:
    """「5月底前，12个项目全部开工」: a comma keeps two figures apart (no comma in 「7月底完成督办」)."""
    return bool(what) and (what[0].isdigit() or what[0] in "一二三四五六七八九十百全各所")


_SPEAKER_WORDS = (
    ("pledge", ("表态",)),
    ("decision", ("宣读", "表彰决定")),
    ("video", ("观看", "播放", "专题片", "警示片")),
    ("deployment", ("部署", "安排", "布置")),
)


def speaker_kind(did: str | None) -> str:
    """What a prior speaker did, read from their ``did`` when no kind is given (report else)."""
    for kind, words in _SPEAKER_WORDS:
        if did and any(w in did for w in words):
            return kind
    return "report"


_COMMEND_WORDS = ("表彰", "奖励", "先进", "荣誉", "嘉奖", "记功", "授予", "命名")
_DISCIPLINE_WORDS = ("处分", "处理决定", "问责", "通报批评", "追责", "处罚", "开除", "免职")


def decision_about(did: str | None) -> str | None:
    """What a decision read out at the meeting is about, from the words of ``did``.

    「宣读了表彰决定」 → commend, 「宣读了处分决定」 → discipline, 「宣读了工作方案」 → other;
    None when nothing was written (the genre's usual decision is meant).
    """
    if not did:
        return None
    if any(w in did for w in _COMMEND_WORDS):
        return "commend"
    if any(w in did for w in _DISCIPLINE_WORDS):
        return "discipline"
    return "other"


_WE = {
    "单位": "全体干部职工",
    "系统": "全系统上下",
    "区": "全区上下",
    "县": "全县上下",
    "市": "全市上下",
    "省": "全省上下",
}
_UNITS_BELOW = {
    "单位": "各部门",
    "系统": "各单位",
    "区": "各街道各部门",
    "县": "各乡镇各部门",
    "市": "各区县各部门",
    "省": "各市各部门",
}


_SCOPE = {"系统": "全系统", "区": "全区", "县": "全县", "市": "全市", "省": "全省"}


# What a unit calls itself as a whole, by the end of its name (某某市市场监管局 → 全局).
_UNIT_SCOPES = (
    (("集团有限公司", "集团股份有限公司", "集团公司", "集团"), "全集团"),
    (("公司",), "全公司"),
    (("法院", "检察院", "医院", "研究院", "设计院", "学院", "科学院"), "全院"),
    (("大学", "学校", "中学", "小学"), "全校"),
    (("银行", "分行", "支行"), "全行"),
    (("局",), "全局"),
    (("厅",), "全厅"),
    (("委员会", "委"), "全委"),
    (("办公室",), "全办"),
    (("处",), "全处"),
    (("所",), "全所"),
    (("站",), "全站"),
    (("队",), "全队"),
    (("中心",), "全中心"),
    (("海关",), "全关"),
    (("街道",), "全街道"),
    (("社区",), "全社区"),
    (("镇",), "全镇"),
    (("乡",), "全乡"),
    (("村",), "全村"),
    (("县",), "全县"),
    (("区",), "全区"),
    (("市",), "全市"),
    (("省",), "全省"),
)
_NAME_TAILS = ("人民政府", "政府", "办事处", "党委", "党组", "党工委")


def unit_scope(organization: str) -> str | None:
    """How a unit names itself as a whole (全局, 全院, 全公司, 全镇…); None when unclear."""
    name = organization.strip()
    for tail in _NAME_TAILS:
        if name.endswith(tail) and len(name) > len(tail):
            name = name[: -len(tail)]
            break
    for endings, scope in _UNIT_SCOPES:
        if name.endswith(endings):
            return scope
    return None


# A development zone or industrial park: a 区 by level, ranked among other zones, not 地区
# (高新技术产业开发区, 经开区, 工业园区).
_ZONES = (
    (("开发区", "高新区", "经开区", "保税区", "试验区"), "开发区"),
    (("园区", "产业园", "工业园", "科技园"), "园区"),
)


def zone_noun(organization: str) -> str | None:
    """What a zone's peers are called (开发区, 园区) when ``organization`` is one; else None."""
    for words, noun in _ZONES:
        if any(w in organization for w in words):
            return noun
    return None


def scope_noun(level: str | None, organization: str) -> str:
    """What the speech's goals belong to: the territory (全县, 全市…) or the unit as a
    whole (全局, 全院, 全公司…), never its full legal name when a short one is known."""
    if (level or "单位") in _SCOPE:
        return _SCOPE[level or "单位"]
    return unit_scope(organization) or organization


def collective_noun(level: str | None, we: str | None = None, organization: str = "") -> str:
    """Who "we" are: the brief's ``we``, else the usual noun for the level (a unit: 全局上下)."""
    if we:
        return we
    if (level or "单位") == "单位":
        scope = unit_scope(organization)
        return f"{scope}上下" if scope else _WE["单位"]
    return _WE[level or "单位"]


def units_below(level: str | None) -> str:
    """The units a speech addresses below the speaker: 各部门, 各乡镇各部门…"""
    return _UNITS_BELOW[level or "单位"]


# Words that name a role in ``audience``, most senior first. 科室/中层 name middle cadres
# even with 负责同志 (各科室负责同志); 全体 alone is only a quantifier (全体中层干部).
_ROLE_WORDS = (
    (
        "领导干部",
        (
            "领导干部",
            "领导班子",
            "班子成员",
            "主要负责",
            "一把手",
            "局领导",
            "县级领导",
            "负责同志",
        ),
    ),
    ("中层干部", ("中层", "科长", "科室", "股室", "部门负责人", "骨干")),
    (
        "全体干部职工",
        ("全体干部", "全体人员", "全体同志", "全体党员", "干部职工", "职工", "员工", "党员干部"),
    ),
)


def audience_role(role: str | None, audience: str | None) -> str | None:
    """The audience role: given, or read from ``audience`` when it names one; else None.

    When ``audience`` names several roles (局领导班子成员和中层干部), the broadest one
    wins: a speech may ask of an audience only what it may ask of all of it.
    """
    if role:
        return role
    if not audience:
        return None
    named = [name for name, words in _ROLE_WORDS if any(w in audience for w in words)]
    return named[-1] if named else None


RED, YELLOW = "red", "yellow"


# Indicators where a smaller figure is the better result (失业率, 能耗, 事故起数…).
LOWER_IS_BETTER = (
    "失业",
    "能耗",
    "能源消耗",
    "排放",
    "污染",
    "细颗粒物",
    "PM2.5",
    "事故",
    "死亡",
    "发案",
    "投诉",
    "信访",
    "逾期",
    "不良",
    "负债",
    "债务",
    "亏损",
    "成本",
    "用时",
    "时长",
)


_REDUCTION = ("下降", "降低", "减少", "压减", "降幅", "化解", "处置")


def lower_is_better(name: str) -> bool:
    """True for an indicator whose smaller figure is the better one (城镇调查失业率).

    A reduction (能耗下降率, 不良贷款处置) is again better when larger.
    """
    if any(word in name for word in _REDUCTION):
        return False
    return any(word in name for word in LOWER_IS_BETTER)


def indicator_light(ind: Indicator) -> str | None:
    """亮红灯 (``red``) worse than both target and last year, 亮黄灯 (``yellow``) worse than one.

    Worse is below for most indicators and above for those where less is better
    (:func:`lower_is_better`: 失业率 above its target is the one that lags).
    """
    if ind.value is None:
        return None
    inverted = lower_is_better(ind.name)
    below = [
        ref is not None and (ind.value > ref if inverted else ind.value < ref)
        for ref in (ind.target, ind.last_year)
        if ref is not None
    ]
    if not below:
        return None
    misses = sum(below)
    if misses == 0:
        return None
    return RED if misses == len(below) == 2 else YELLOW


def indicator_direction(ind: Indicator) -> str:
    """For a ranked indicator: up, down, same or none, as for a whole assessment."""
    if ind.rank is None or ind.previous is None:
        return "none"
    if ind.rank < ind.previous:
        return "up"
    return "down" if ind.rank > ind.previous else "same"


ABOVE, BELOW, EQUAL = "above", "below", "equal"


def compare(value: Decimal | None, reference: Decimal | None) -> str | None:
    """``above``, ``below`` or ``equal`` when both numbers are given, else None."""
    if value is None or reference is None:
        return None
    if value > reference:
        return ABOVE
    return BELOW if value < reference else EQUAL


def difference_text(value: Decimal | None, reference: Decimal | None) -> str | None:
    """How far apart two figures are, as a speech reads it: 6.0 and 5.2 → 0.8 (never negative)."""
    if value is None or reference is None:
        return None
    diff = abs(value - reference)
    text = format(diff, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


PERCENT_UNITS = ("%", "％")


def difference_unit(unit: str | None) -> str:
    """The unit of a difference: percentages differ by 个百分点, other figures by their unit."""
    if unit is None:
        return ""
    return "个百分点" if unit.strip() in PERCENT_UNITS else unit.strip()


_AMOUNT_UNITS = ("亿元", "万元", "元", "亿", "万", "千元", "万吨", "吨", "万千瓦时", "亿千瓦时")


def indicator_verb(name: str, unit: str | None) -> str:
    """The word between an indicator's name and its value.

    增长/增速 figures follow their name directly (规上工业增加值增长8.1%), amounts are
    完成 (固定资产投资完成12.5亿元), anything else 为 (城镇化率为61.2%).
    """
    if name.endswith(("增长", "下降", "增加", "减少")):
        return ""
    if (unit or "").strip() in _AMOUNT_UNITS:
        return "完成"
    return "为"


def mixed_verdict(directions: list[str]) -> bool:
    """有喜有忧: at least one assessment rose and at least one fell."""
    return "up" in directions and "down" in directions


def number_text(value: Decimal | None) -> str | None:
    """A number as the writer typed it."""
    return None if value is None else str(value)


# --- next steps and deadlines ------------------------------------------------------------

_LEADING_VERBS = (
    "召开",
    "组织",
    "开展",
    "完成",
    "启动",
    "举办",
    "印发",
    "出台",
    "进行",
    "建立",
    "制定",
    "推动",
    "推进",
    "落实",
    "实现",
    "部署",
    "派出",
    "分赴",
    "赴",
    "到",
    "对",
    "把",
    "向",
    "在",
    "就",
    "请",
    "邀请",
    "抽调",
    "集中",
)
_SUBJECT = re.compile(
    r"^(?:各|全|由)|^[\u4e00-\u9fff]{1,14}?"
    r"(?:局|委|办|室|科|院|部|厅|组|队|处|所|站|中心|政府|公司|乡镇|街道|庭|单位|部门|村|社区)"
    r"(?:要|将|会同|牵头|负责|组织|召开|开展|完成|对|向|把|到|赴|分赴|派出|抽调)"
)


# A clause that opens with a counted noun has its own subject or topic: 5个薄弱村报送…,
# 3个督导组分赴…, 12个项目集中开工 (将 before it would read as 把).
_COUNTED = re.compile(
    r"^(?:\d+|[一二两三四五六七八九十百]+)(?:个|家|所|名|位|支|批|户|条|项|座|处|台)"
    r"[\u4e00-\u9fff]"
)


def starts_with_subject(what: str, who: str | None = None) -> bool:
    """True when an announced action names who does it first (各庭室召开…, 督查室开展…,
    5个薄弱村报送…): the frame adds no 将 before it."""
    text = what.strip()
    if who and text.startswith(who):
        return True
    if text.startswith(_LEADING_VERBS):
        return False
    return bool(_SUBJECT.match(text) or _COUNTED.match(text))


_ANNOUNCING = ("通报", "宣布", "公布", "介绍", "说明", "报告")
_RESULTS = ("考核", "考评", "排名", "名次", "测评", "评估结果", "评价结果")


def results_announced(
    speakers: Sequence[tuple[str, str | None, str | None]], reported_by: Sequence[str | None]
) -> bool:
    """A prior speaker announced the assessment results (通报了…结果), or is the one who
    reported them: the speech then takes the results as heard."""
    reporters = {r.strip() for r in reported_by if r}
    for who, did, _kind in speakers:
        if not did:
            continue
        about_results = any(word in did for word in _RESULTS)
        if about_results and any(word in did for word in _ANNOUNCING):
            return True  # 通报了考核结果 (not 通报了推进情况)
        if who.strip() in reporters and about_results:
            return True
    return False


NEAR_DAYS = 45
_MONTH = re.compile(
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
)
_YEAR_END = re.compile(r"年底|年末|年内|全年|今年")
_HALF = re.compile(r"上半年")
_QUARTER = re.compile(r"([一二三四1-4])季度")


def _as_int(text: str) -> int | None:
    """A numeral written in digits or in Chinese (6, 六, 十二)."""
    return int(text) if text.isdigit() else cn_to_int(text)


def deadline_date(deadline: BriefDate | str | None, year: int) -> _dt.date | None:
    """The last day a deadline allows, in ``year`` when it names none; None when unclear."""
    if deadline is None:
        return None
    if isinstance(deadline, BriefDate):
        return deadline.to_date()
    text = deadline.strip()
    if deadline_kind(text) == RECURRING or deadline_kind(text) == ONGOING:
        return None
    m = _MONTH.search(text)
    if m:
        month = _as_int(m.group(1))
        if month is None or not 1 <= month <= 12:
            return None
        day = _as_int(m.group(2)) if m.group(2) else None
        last = calendar.monthrange(year, month)[1]
        return _dt.date(year, month, min(day or last, last))
    q = _QUARTER.search(text)
    if q:
        quarter = _as_int(q.group(1))
        if quarter is None or not 1 <= quarter <= 4:
            return None
        month = quarter * 3
        return _dt.date(year, month, calendar.monthrange(year, month)[1])
    if _HALF.search(text):
        return _dt.date(year, 6, 30)
    if _YEAR_END.search(text):
        return _dt.date(year, 12, 31)
    return None


def days_left(deadline: BriefDate | str | None, meeting_date: BriefDate | None) -> int | None:
    """Days from the meeting to the deadline; None without a meeting date or a clear deadline."""
    if meeting_date is None:
        return None
    when = meeting_date.to_date()
    due = deadline_date(deadline, when.year)
    return (due - when).days if due is not None else None


# --- warning-education helpers -----------------------------------------------------------

# (from, to) as month*100+day: the weeks before 元旦春节, 清明, 五一 and 中秋国庆
_HOLIDAY_WINDOWS = ((1215, 1231), (101, 215), (320, 405), (415, 505), (901, 1008))


def before_holidays(month: int, day: int) -> bool:
    """True in the weeks before a public holiday, when 节日期间 discipline is topical."""
    md = month * 100 + day
    return any(start <= md <= end for start, end in _HOLIDAY_WINDOWS)


def case_short_name(who: str) -> str:
    """钱某 for 「某市中级人民法院原执行局局长钱某」, 张某某 for 「…张某某」, else ``who``."""
    who = who.strip()
    if who.endswith("某某") and len(who) > 3:
        return who[-3:]
    if who.endswith("某") and len(who) > 2:
        return who[-2:]
    return who


# --- the campaign a mobilization meeting launches ----------------------------------------

_QUOTED = re.compile(r"“([^”]{2,20})”(行动)?")
_MEETING_WORDS = re.compile(
    r"(?:动员部署大会|动员部署会议|动员部署会|动员大会|动员会议|动员会|部署会议|部署会|推进会议|推进会"
    r"|誓师大会|启动大会|启动会|工作会议|工作会|会议|大会)$"
)
_JOINED = re.compile(r"暨|动员|誓师|启动|部署")
_LEADING_PLACE = re.compile(
    r"^(?:全[省市县区镇乡]|[\u4e00-\u9fff]{1,5}?(?:省|市|县|区|镇|乡|街道))"
)
_LEADING_TIME = re.compile(
    r"^(?:\d{4}(?:[—－–-]\d{4})?年度?|[一二三四]季度|上半年|下半年|年度|今年)"
)
# Words after the campaign that make it no noun a speaker says (创建三级甲等综合医院迎评,
# 防汛备汛工作): 打好创建三级甲等综合医院这场硬仗, not …迎评这场硬仗.
_CAMPAIGN_TAIL = re.compile(r"(?:迎评|迎检|迎审|迎查|迎验|工作)+$")
# What is left of a meeting name that launches nothing (2026年度表彰暨动员部署大会 → 表彰).
_NO_CAMPAIGN = re.compile(r"^(?:工作|年度|总结|表彰|先进|大会|会议|部署|动员)+$|会$")


def campaign_name(name: str) -> str | None:
    """What a mobilization meeting launches, from its name: 「全县“百日攻坚”行动动员大会」 →
    “百日攻坚”行动; 「全市创建全国文明城市动员大会」 → 创建全国文明城市; None when unclear.

    Words a speaker would not say after it are left off (创建三级甲等综合医院迎评 → 创建三级甲等
    综合医院, 防汛备汛工作 → 防汛备汛), and a name that launches nothing (表彰暨动员部署大会)
    gives None, so the speech falls back on its general words (这次部署)."""
    quoted = _QUOTED.search(name)
    if quoted:
        return f"“{quoted.group(1)}”{quoted.group(2) or ''}"
    core = _MEETING_WORDS.sub("", name.strip())
    core = _JOINED.split(core, maxsplit=1)[0]  # 创建全国文明城市动员部署暨表彰 → 创建全国文明城市
    place = _LEADING_PLACE.match(core)
    if place and len(core) - place.end() >= 2:
        core = core[place.end() :]
    core = _LEADING_TIME.sub("", core)
    core = _CAMPAIGN_TAIL.sub("", core)
    if _NO_CAMPAIGN.search(core):
        return None
    return core if len(core) >= 2 else None


_SPREAD = re.compile(
    r"(?:部分|有的|个别|一些|少数|不少)[^，。；、]{0,3}?"
    r"(?:单位|部门|科室|干部|同志|党员|职工|村|乡镇|街道|所队|派出所|学校|站所|科|所|窗口|班组)"
)


def spread_problem(text: str | None) -> bool:
    """A problem found in some of the audience's own units or people (部分科室、有的村、个别干部):
    others may have it too, so 「有则改之、无则加勉」 fits; one project's lag or a fact about
    firms or the public (部分小微企业负责人) does not qualify."""
    return bool(text) and bool(_SPREAD.search(text or ""))


_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万)?元")
_SMALL_SUM_WAN = 3.0  # below 3万元 a sum is 数额不大 (the threshold of 数额较大 for embezzlement)


def sum_in_wan(text: str | None) -> float | None:
    """The largest sum of money written in ``text`` with Arabic digits, in 万元
    (「共计67万元」 → 67.0, 「5000元」 → 0.5); None when no sum is written that way."""
    sums = []
    for number, unit in _AMOUNT.findall(text or ""):
        value = float(number)
        sums.append(value * 10000 if unit == "亿" else value if unit == "万" else value / 10000)
    return max(sums) if sums else None


def small_sum(text: str | None) -> bool:
    """True when the case names a sum and it is small (under 3万元): only then may a speech say
    数额不大 or 小便宜; a case with no sum, or a large one, is never called small."""
    amount = sum_in_wan(text)
    return amount is not None and amount < _SMALL_SUM_WAN


_YEAR_PERIOD = re.compile(r"^(?:\d{4}年度?|\d{4}年全年|年度|全年)$")


def period_is_year(period: str | None) -> bool:
    """A whole year's assessment period (2025年度, 2025年, 全年): the speech looks back on
    去年一年 rather than 这段时间."""
    return bool(period) and bool(_YEAR_PERIOD.match((period or "").strip()))


_CIVIC = re.compile(
    r"城市|城区|县城|城镇|村镇|乡村|模范城|示范(?:区|县|市)|(?:文明|卫生|园林|森林|生态)(?:城|县|区|镇|村)"
)


def civic_campaign(campaign: str | None) -> bool:
    """A campaign that creates a title for a place (创建全国文明城市, 国家卫生县城): its material may
    speak of 背街小巷, 测评 and what 群众 gain; not a unit's own bid (创建三级甲等医院, 文明单位)."""
    if not campaign:
        return False
    return campaign.startswith("创建") and bool(_CIVIC.search(campaign))


_SAFETY_WORDS = ("防汛", "度汛", "汛期", "安全", "防火", "消防", "防台", "防灾", "抗旱")


def safety_goal(name: str) -> str | None:
    """安全度汛 for a flood-season meeting, 安全稳定 for another safety one, else None."""
    if not any(word in name for word in _SAFETY_WORDS):
        return None
    return "安全度汛" if "汛" in name else "安全稳定"


_DUE_VERBS = re.compile(
    r"完成|开工|竣工|建成|投用|投运|运行|上线|实现|达到|到位|启动|召开|开展|整改|销号|办结|覆盖"
)


def deadline_worded(text: str | None) -> bool:
    """A deadline written as a whole clause (10月中旬前完成首轮谈话), not just a time."""
    if not text:
        return False
    text = text.strip()
    if text.endswith(("前完成", "底前完成", "前全部完成")) and len(text) <= 9:
        return True  # 6月底前完成: the frame must not add another 完成
    return bool(_DUE_VERBS.search(text))


# A period ending in one of these units, and the word an assessment's name may repeat it with.
_PERIOD_UNITS = (
    ("半年度", "半年度"),
    ("半年", "半年度"),
    ("年度", "年度"),
    ("季度", "季度"),
    ("月", "月度"),
)
_QUARTER_BEFORE = "一二三四1234"


def _period_unit_said(period: str, name: str) -> tuple[str, str]:
    """The period and the name with the period's unit said once, when the name carries
    it elsewhere than at its start: 2025年度 + 全省人社系统年度绩效考核 → 2025年 + the name
    as written (the year is all the period adds); 2026年一季度 + 全县实绩季度考评 → the
    period + 全县实绩考评 (the quarter is trimmed from the name, as 月度 and 半年度 are)."""
    for unit, word in _PERIOD_UNITS:
        if not period.endswith(unit):
            continue
        at = name.find(word)
        if at < 0:
            return period, name
        if unit == "年度":
            head = period[: -len("度")]
            return (head, name) if head[:-1] else (period, name)
        if word == "季度" and at and name[at - 1] in _QUARTER_BEFORE:
            return period, name  # the name names its own quarter (全省前三季度考核)
        return period, name[:at] + name[at + len(word) :]
    return period, name


def assessment_parts(
    period: str | None, assessment: str | None, reporter: str | None = None
) -> tuple[str, str]:
    """The period and the assessment's name as the speech says them (either may be shortened,
    see :func:`assessment_name`); the period is "" when there is none or the name has it."""
    name = assessment or "考核"
    if reporter and name.startswith(reporter) and len(name) - len(reporter) >= 4:
        name = name[len(reporter) :]
    if not period or period in name:
        return "", name
    if any(name.startswith(period[-size:]) for size in range(2, len(period) + 1)):
        return period, name  # joined on the shared words by assessment_name
    return _period_unit_said(period, name)


def assessment_name(period: str | None, assessment: str | None, reporter: str | None = None) -> str:
    """An assessment's name with its period in front, the period said once: an assessment
    that already names it stays as written, a period ending where the name begins
    (2025年度 + 年度绩效考核) is joined on the shared words, and a unit the name repeats
    further on (……年度绩效考核, ……季度考评) is said once (:func:`_period_unit_said`).

    A name that opens with its ``reporter`` (市国资委市属国有企业经营业绩考核, reported by
    市国资委) loses that head: the speech says who reported the results right before it."""
    said, name = assessment_parts(period, assessment, reporter)
    for size in range(min(len(said), len(name)), 1, -1):
        if name.startswith(said[-size:]):
            return said + name[size:]
    return said + name
