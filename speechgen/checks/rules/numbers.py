"""Numbers and dates: mixed forms (第3名 / 第三名), impossible dates, ranks beyond the total."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document, Finding
from ..text import digits_to_int, number_value, snippet
from .context import CheckContext

_NUM = r"[0-9０-９]{1,6}|[一二两三四五六七八九十百]{1,5}"
RANK = re.compile(rf"第\s*({_NUM})\s*名")
_CN_DATE_DIGITS = "〇○零一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
ARABIC_DATE = re.compile(r"(?<![0-9])([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
CHINESE_DATE = re.compile(
    rf"([{_CN_DATE_DIGITS}]{{4}})年([{_CN_SMALL}]{{1,3}})月([{_CN_SMALL}]{{1,3}})日"
)
_MONTH_DAY = re.compile(r"(?<![0-9年])([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_YEAR_MONTH = re.compile(r"(?<![0-9])([0-9]{4})\s*年\s*([0-9]{1,3})\s*月")


@dataclass(frozen=True)
class Mention:
    """A number found in the text: where, its value, and whether it was written in Chinese."""

    para: int
    start: int
    end: int
    value: int
    chinese: bool
    text: str


def ranks(doc: Document) -> list[Mention]:
    """Every 第N名 in the document."""
    found = []
    for index, para in enumerate(doc.paras):
        for m in RANK.finditer(para.text):
            value = number_value(m.group(1))
            if value is not None:
                chinese = not m.group(1)[0].isdigit()
                found.append(Mention(index, m.start(), m.end(), value, chinese, m.group(0)))
    return found


def dates(text: str) -> Iterator[tuple[re.Match[str], int, int, int, bool]]:
    """Full dates in ``text``: ``(match, year, month, day, written in Chinese)``."""
    for m in ARABIC_DATE.finditer(text):
        yield m, int(m.group(1)), int(m.group(2)), int(m.group(3)), False
    for m in CHINESE_DATE.finditer(text):
        year, month, day = (
            digits_to_int(m.group(1)),
            number_value(m.group(2)),
            number_value(m.group(3)),
        )
        if year is not None and month is not None and day is not None:
            yield m, year, month, day, True


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Mixed forms, impossible dates and (with a brief) ranks beyond the number of units."""
    rank_list = ranks(doc)
    yield from _mixed(rank_list, "名次")
    date_mentions = []
    for index, para in enumerate(doc.paras):
        text = para.text
        for m, year, month, day, chinese in dates(text):
            date_mentions.append(Mention(index, m.start(), m.end(), 0, chinese, m.group(0)))
            if not _valid(year, month, day):
                yield Finding(
                    "numbers.date",
                    f"日期不存在：{snippet(text, m.start(), m.end(), 2)}",
                    index,
                    m.start(),
                    length=m.end() - m.start(),
                )
        yield from _partial_dates(text, index)
        for m in FULLWIDTH_DIGITS.finditer(text):
            yield Finding(
                "numbers.fullwidth",
                f"全角数字“{m.group(0)}”应写作半角“{to_halfwidth(m.group(0))}”："
                f"{snippet(text, m.start(), m.end(), 4)}",
                index,
                m.start(),
                length=m.end() - m.start(),
            )
    yield from _mixed(date_mentions, "日期")
    total = max((r.total for r in ctx.rankings if r.total), default=None)
    if total:
        for r in rank_list:
            if r.value > total:
                text = doc.paras[r.para].text
                yield Finding(
                    "numbers.rank",
                    f"{snippet(text, r.start, r.end, 2)}超过了参加排名的单位数（共{total}个）",
                    r.para,
                    r.start,
                    length=r.end - r.start,
                )


FULLWIDTH_DIGITS = re.compile("[\uff10-\uff19]+")


def to_halfwidth(digits: str) -> str:
    """Full-width digits ３２ as ASCII 32."""
    return digits.translate({0xFF10 + i: ord("0") + i for i in range(10)})


def _valid(year: int, month: int, day: int) -> bool:
    """True when the calendar has this day."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _partial_dates(text: str, index: int) -> Iterator[Finding]:
    """Dates without a year (2月30日) or without a day (2026年13月) that cannot exist."""
    full = [(m.start(), m.end()) for m in ARABIC_DATE.finditer(text)]
    for m in _MONTH_DAY.finditer(text):
        if any(s <= m.start() < e for s, e in full):
            continue
        if not _valid(2024, int(m.group(1)), int(m.group(2))):  # a leap year allows 2月29日
            yield Finding(
                "numbers.date",
                f"日期不存在：{snippet(text, m.start(), m.end(), 2)}",
                index,
                m.start(),
                length=m.end() - m.start(),
            )
    for m in _YEAR_MONTH.finditer(text):
        if not 1 <= int(m.group(2)) <= 12:
            yield Finding(
                "numbers.date",
                f"月份不存在：{snippet(text, m.start(), m.end(), 2)}",
                index,
                m.start(),
                length=m.end() - m.start(),
            )


def _mixed(mentions: list[Mention], what: str) -> Iterator[Finding]:
    """When both forms occur, flag the occurrences of the less used (or later) form."""
    arabic = [m for m in mentions if not m.chinese]
    chinese = [m for m in mentions if m.chinese]
    if not arabic or not chinese:
        return
    major, minor = (
        (arabic, chinese)
        if len(arabic) > len(chinese)
        or (len(arabic) == len(chinese) and arabic[0].para <= chinese[0].para)
        else (chinese, arabic)
    )
    form = "汉字" if major is chinese else "阿拉伯数字"
    for m in minor:
        yield Finding(
            "numbers.mixed",
            f"{what}“{m.text}”与文中其他处（如“{major[0].text}”）写法不一致，同类数字应统一用{form}",
            m.para,
            m.start,
            length=m.end - m.start,
        )
