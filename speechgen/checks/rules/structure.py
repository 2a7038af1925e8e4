"""Structure: announced counts (讲两点意见), heading numbering, skipped heading levels."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...speech.numerals import cn_count
from ..model import Document, Finding
from ..outline import Heading, marker_text, sibling_groups
from ..text import cn_to_int, snippet
from .context import CheckContext

_ANNOUNCE = re.compile(
    r"(?:(?<=[讲谈说])|(?<=强调)|(?<=以下)|(?<=如下))([两二三四五六七八九十]{1,2}|[2-9])\s*个\s*问题"
    r"|(?:以下|如下)?([两二三四五六七八九十]{1,2}|[2-9])\s*"
    r"(?:点\s*(?:意见|要求|看法|建议|体会|想法|希望)|个\s*方面)"
)
_ZERO = re.compile(
    r"(?:(?<=[讲谈说])|(?<=强调)|(?<=以下)|(?<=如下))([零〇0０])\s*个\s*问题"
    r"|(?:(?<=[讲谈说提出下])|(?<=强调))([零〇0０])\s*点\s*(?:意见|要求|看法|建议|体会|想法|希望)"
    r"|(?<![0-9０-９〇零一二两三四五六七八九十百千万])([零〇0０])\s*个\s*方面"
)
_INLINE = re.compile(r"(?:^|(?<=[，。；：、！？\s“]))([一二三四五六七八九十]{1,2})是")
_LEADING = re.compile(r"([一二三四五六七八九十]{1,2})是")
_PART_NAMES = {
    1: "部分（一、二、……）",
    2: "小标题（（一）（二）……）",
    3: "小点（1. 2. ……）",
    4: "小点（（1）（2）……）",
}
_LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Compare announced counts with what follows; check numbering and levels."""
    headings = ctx.outline(doc)
    yield from _announced_counts(doc, headings)
    yield from _zero_counts(doc)
    for group in sibling_groups(headings):
        yield from _numbering(group, headings)
    yield from _skipped_levels(headings)
    for index, para in enumerate(doc.paras):
        yield from _inline_numbering(para.text, index)
    yield from _paragraph_point_numbering(doc)


def _announced_counts(doc: Document, headings: list[Heading]) -> Iterator[Finding]:
    """「讲两点意见」「以下三点要求」「三个方面」 against the parts or points that follow."""
    by_para = {h.para: h for h in headings}
    for index, para in enumerate(doc.paras):
        text = para.text
        for m in _ANNOUNCE.finditer(text):
            number = m.group(1) or m.group(2)
            announced = int(number) if number.isdigit() else cn_to_int(number)
            if not announced:
                continue
            rest = text[m.end() :]
            found = _inline_count(rest) if "一是" in rest else None
            what = "小点（一是、二是……）"
            if found is None:
                if re.search(r"[。！？]\s*\S", rest):
                    continue  # not the last sentence: a passing mention, not an announcement
                found, what = _following_count(index, headings, by_para)
                if found is None:
                    found = _point_paragraphs(doc, index + 1)
                    what = "小点（一是、二是……）"
            if found is not None and found != announced:
                yield Finding(
                    "structure.count",
                    f"这里说{snippet(text, m.start(), m.end(), 2)}（{announced}个），"
                    f"后面实际有{cn_count(found)}个{what}",
                    index,
                    m.start(),
                )


def _zero_counts(doc: Document) -> Iterator[Finding]:
    """「讲零点意见」「以下零个方面」: a count of nothing, usually an empty list in the brief."""
    for index, para in enumerate(doc.paras):
        for m in _ZERO.finditer(para.text):
            yield Finding(
                "structure.zero",
                f"这里宣布的数目是零：{snippet(para.text, m.start(), m.end(), 4)}，"
                "像是漏了内容（简报中的列表是空的？）",
                index,
                m.start(),
            )


def _following_count(
    index: int, headings: list[Heading], by_para: dict[int, Heading]
) -> tuple[int | None, str]:
    """How many sibling headings follow paragraph ``index`` one level below its context."""
    before = [h for h in headings if h.para <= index]
    context_level = before[-1].level if before else 0
    after = [h for h in headings if h.para > index]
    if not after or after[0].level <= context_level:
        return None, ""
    level = after[0].level
    count = 0
    for h in after:
        if h.level < level:
            break
        if h.level == level:
            count += 1
    return count, _PART_NAMES[level]


def _leading_point(text: str) -> int | None:
    """N when the paragraph opens with 「N是」."""
    m = _LEADING.match(text.lstrip())
    return cn_to_int(m.group(1)) if m else None


def _point_paragraphs(doc: Document, start: int) -> int | None:
    """Points written as paragraphs opening with 一是、二是… from ``start`` on.

    One such paragraph holding all the points counts its inline 「N是」 instead.
    """
    run = list(_point_run(doc, start))
    if not run:
        return None
    if len(run) == 1:
        return _inline_count(doc.paras[start].text)
    return len(run)


def _point_run(doc: Document, start: int) -> Iterator[int]:
    """Indexes of consecutive paragraphs from ``start`` that open with 「N是」, 一是 first."""
    if start >= len(doc.paras) or _leading_point(doc.paras[start].text) != 1:
        return
    for index in range(start, len(doc.paras)):
        if _leading_point(doc.paras[index].text) is None:
            return
        yield index


def _inline_count(text: str) -> int | None:
    """The highest N of 「N是」 points in ``text`` (一是…三是 → 3)."""
    values = [cn_to_int(m.group(1)) or 0 for m in _INLINE.finditer(text)]
    return max(values) if values else None


def _numbering(group: list[Heading], headings: list[Heading]) -> Iterator[Finding]:
    """Siblings must run 1, 2, 3…: no gaps, no repeats, restarting under each parent."""
    previous = 0
    for h in group:
        expected = previous + 1
        if h.number == expected:
            previous = h.number
            continue
        shown = marker_text(h.level, h.number)
        if h.number == previous:
            msg = f"标题序号“{shown}”重复了"
        elif previous == 0 and h.parent is not None:
            msg = f"上一级标题下的第一个小标题应从“{marker_text(h.level, 1)}”重新编号，这里是“{shown}”"
        elif h.number > expected:
            msg = f"标题序号跳号：“{shown}”前面缺少“{marker_text(h.level, expected)}”"
        else:
            msg = f"标题序号颠倒：“{shown}”排在“{marker_text(h.level, previous)}”之后"
        yield Finding("structure.numbering", msg, h.para, 0)
        previous = h.number


def _skipped_levels(headings: list[Heading]) -> Iterator[Finding]:
    """A heading more than one level below its enclosing heading (一、 then 1.)."""
    for h in headings:
        if h.parent is None:
            continue
        parent = headings[h.parent]
        if h.level > parent.level + 1:
            yield Finding(
                "structure.level",
                f"标题跳级：“{parent.marker}”下面直接出现“{h.marker}”，"
                f"中间缺少“{_LEVEL_NAMES[parent.level + 1]}”这一级",
                h.para,
                0,
            )


def _inline_numbering(text: str, index: int) -> Iterator[Finding]:
    """「一是、二是、三是」 inside a paragraph must run without gaps or repeats."""
    matches = list(_INLINE.finditer(text))
    if not matches or cn_to_int(matches[0].group(1)) != 1:
        return
    previous = 0
    for m in matches:
        value = cn_to_int(m.group(1)) or 0
        if value == previous + 1:
            previous = value
            continue
        if value == 1:
            previous = 1  # a new run of points in the same paragraph
            continue
        problem = "重复了" if value == previous else "跳号或颠倒了"
        yield Finding(
            "structure.numbering",
            f"“{m.group(0)}”{problem}（前一个是“{_cn(previous)}是”）："
            f"{snippet(text, m.start(), m.end())}",
            index,
            m.start(),
        )
        previous = value


def _cn(n: int) -> str:
    """Chinese numeral for small ``n`` (一, 二…)."""
    from ...speech.numerals import cn_number

    return cn_number(n)


def _paragraph_point_numbering(doc: Document) -> Iterator[Finding]:
    """Paragraphs opening with 一是、二是、三是 in a row must be numbered without gaps."""
    index = 0
    while index < len(doc.paras):
        run = list(_point_run(doc, index))
        if not run:
            index += 1
            continue
        previous = 0
        for i in run:
            value = _leading_point(doc.paras[i].text) or 0
            if value != previous + 1:
                problem = "重复了" if value == previous else "跳号或颠倒了"
                yield Finding(
                    "structure.numbering",
                    f"段首的“{_cn(value)}是”{problem}（上一段是“{_cn(previous)}是”）",
                    i,
                    0,
                )
            previous = value
        index = run[-1] + 1
