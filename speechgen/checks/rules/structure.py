"""Structure: announced counts (讲两点意见), heading numbering, skipped heading levels.

Numbering in every style is checked: headings 一、（一）1.（1）, a top level numbered
第一， / 一要 / 首先 (see :mod:`..outline`), and points 一是 / 一要 / 第一， / 首先…其次
that open paragraphs or run inside one (see :mod:`..sequences`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...speech.numerals import cn_count
from ..model import Document, Finding
from ..outline import STANDARD, Heading, marker_text, sibling_groups
from ..sequences import (
    STYLES,
    SeqWord,
    find_words,
    first_run,
    leading_word,
    order_problems,
    run_count,
    word_text,
)
from ..text import cn_to_int, snippet
from .context import CheckContext

ANNOUNCE = re.compile(
    r"(?:(?<=[讲谈说])|(?<=强调)|(?<=以下)|(?<=如下))([两二三四五六七八九十]{1,2}|[2-9])\s*个\s*问题"
    r"|(?:以下|如下)?([两二三四五六七八九十]{1,2}|[2-9])\s*"
    r"(?:点\s*(?:意见|要求|看法|建议|体会|想法|希望)|个\s*方面)"
)
_ZERO = re.compile(
    r"(?:(?<=[讲谈说])|(?<=强调)|(?<=以下)|(?<=如下))([零〇0０])\s*个\s*问题"
    r"|(?:(?<=[讲谈说提出下])|(?<=强调))([零〇0０])\s*点\s*(?:意见|要求|看法|建议|体会|想法|希望)"
    r"|(?<![0-9０-９〇零一二两三四五六七八九十百千万])([零〇0０])\s*个\s*方面"
)
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
        if group[0].style == STANDARD:
            yield from _numbering(group, headings)
        else:
            yield from _word_numbering(group)
    yield from _skipped_levels(headings)
    for index, para in enumerate(doc.paras):
        yield from _inline_numbering(para.text, index)
    yield from _paragraph_point_numbering(doc, {h.para for h in headings})


def _announced_counts(doc: Document, headings: list[Heading]) -> Iterator[Finding]:
    """「讲两点意见」「以下三点要求」「三个方面」 against the parts or points that follow."""
    by_para = {h.para: h for h in headings}
    heading_paras = set(by_para)
    for index, para in enumerate(doc.paras):
        text = para.text
        for m in ANNOUNCE.finditer(text):
            number = m.group(1) or m.group(2)
            announced = int(number) if number.isdigit() else cn_to_int(number)
            if not announced:
                continue
            rest = text[m.end() :]
            inline = first_run(rest)
            if len(inline) == 1 and inline[0].style != "是":
                inline = []  # a lone 首先 or 第一 starts a sentence, not a list
            found = run_count(continued(doc, index, inline, heading_paras)) if inline else None
            what = points_name(inline[0].style) if inline else ""
            if found is None:
                if re.search(r"[。！？]\s*\S", rest):
                    continue  # not the last sentence: a passing mention, not an announcement
                found, what = following_count(index, headings, by_para)
                if found is None:
                    found, what = point_paragraphs(doc, index + 1, heading_paras)
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


def following_count(
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
    if after[0].style != STANDARD:
        first, second = (word_text(after[0].style, n) for n in (1, 2))
        return count, f"部分（{first}、{second}……）"
    return count, _PART_NAMES[level]


def continued(doc: Document, index: int, run: list[SeqWord], headings: set[int]) -> list[SeqWord]:
    """``run`` (points inside paragraph ``index``) with the points of the paragraphs after it.

    「讲三点意见：一是……。」 may go on in paragraphs opening with 二是、三是: they count too,
    up to a heading, a paragraph that opens otherwise, or a new list starting at 一是.
    """
    words = list(run)
    style = run[0].style if run else ""
    for following in range(index + 1, len(doc.paras)):
        word = leading_word(doc.paras[following].text) if following not in headings else None
        if word is None or word.style != style or word.value == 1:
            break
        words += find_words(doc.paras[following].text, style)
    return words


def points_name(style: str) -> str:
    """What a run of points of ``style`` is called in a message: 小点（一是、二是……）."""
    return f"小点（{word_text(style, 1)}、{word_text(style, 2)}……）"


def point_paragraphs(doc: Document, start: int, headings: set[int]) -> tuple[int | None, str]:
    """Points written as paragraphs opening with 一是、二是… (or 一要, 第一，, 首先) from ``start``.

    One such paragraph holding all the points counts its inline words instead.
    Returns the count (None when no run starts at ``start``) and what was counted.
    """
    run = point_run(doc, start, headings)
    if not run:
        return None, ""
    if len(run) == 1:
        inline = first_run(doc.paras[start].text)
        return run_count(inline), points_name(inline[0].style)
    return run_count(run), points_name(run[0].style)


def point_run(doc: Document, start: int, headings: set[int]) -> list[SeqWord]:
    """The opening words of consecutive paragraphs from ``start`` numbered in one style.

    The run starts with the style's first word (一是, 一要, 第一, 首先) and stops at a
    paragraph that opens otherwise, or at a heading. Each word's ``start`` is the
    index of its paragraph.
    """
    run: list[SeqWord] = []
    for index in range(start, len(doc.paras)):
        word = leading_word(doc.paras[index].text) if index not in headings else None
        if word is None or (run and word.style != run[0].style) or (not run and word.value != 1):
            break
        run.append(SeqWord(word.style, word.value, index, index, word.text))
    return run


def _word_numbering(group: list[Heading]) -> Iterator[Finding]:
    """Top-level headings numbered 第一， / 一要 / 首先: in order, without gaps or repeats."""
    words = [SeqWord(h.style, h.number, h.para, h.para, h.marker) for h in group]
    if words and words[0].value != 1:
        first = word_text(words[0].style, 1)
        yield Finding(
            "structure.numbering",
            f"第一个部分应从“{first}”开始，这里是“{word_text(words[0].style, words[0].value)}”",
            words[0].start,
            0,
        )
    for word, problem in order_problems(words):
        yield Finding("structure.numbering", f"部分的序号{problem}", word.start, 0)


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
    """「一是、二是」「一要、二要」「第一，第二，」「首先…其次…」 in a paragraph run in order."""
    for style in STYLES:
        words = find_words(text, style)
        if not words or words[0].value != 1:
            continue
        for word, problem in order_problems(words):
            yield Finding(
                "structure.numbering",
                f"{problem}：{snippet(text, word.start, word.end)}",
                index,
                word.start,
            )


def _paragraph_point_numbering(doc: Document, headings: set[int]) -> Iterator[Finding]:
    """Paragraphs opening with 一是、二是 (一要, 第一，, 首先…) in a row are numbered in order."""
    index = 0
    while index < len(doc.paras):
        run = point_run(doc, index, headings)
        if len(run) < 2:
            index += 1
            continue
        for word, problem in order_problems(run):
            yield Finding("structure.numbering", f"段首的{problem}", word.start, 0)
        index = run[-1].start + 1
