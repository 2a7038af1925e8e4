"""A count word that disagrees with its list (spoken.count_word).

「以下三点：」「两个方面：」「三个问题：」 announce a number; 「不少亮点：」「困难和挑战不少：」
「一些问题：」 announce more than one. The list is what follows the colon: points
numbered 一是、二是 (一要, 第一，, 首先…, going on in the paragraphs after it) or
（一）（二）, or items separated by ； in that sentence, or short words separated by
、 (all but the last at most :data:`SHORT_WORD` characters). A colon that ends its paragraph announces the numbered points or the
headings that follow. 「讲两点意见」-style announcements that ``structure.count``
already checks are left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...speech.numerals import cn_count
from ..model import Document, Finding
from ..outline import Heading
from ..sequences import first_run, run_count
from ..text import number_value, snippet, spoken_length
from .context import CheckContext
from .structure import ANNOUNCE, continued, following_count, point_paragraphs

SHORT_WORD = 6
_NOT_A_NUMBER_BEFORE = "0-9０-９零〇一二两三四五六七八九十百千万第"
EXPLICIT = re.compile(
    rf"(?<![{_NOT_A_NUMBER_BEFORE}])(?P<n>[一两二三四五六七八九十]|[1-9](?![0-9]))\s*"
    r"(?P<unit>个方面|方面|个|点|项|条|大|类|种)"
    r"(?P<noun>[^，。；：:！？、“”\s]{0,8})[：:]"
)
VAGUE = re.compile(
    r"(?P<w>不少|很多|许多|一些|诸多|若干|众多|多个|多项|几个|几点|几项|几大)"
    r"(?P<noun>[^，。；：:！？、“”\s]{0,8})[：:]"
    r"|(?P<noun2>[^，。；：:！？、“”\s]{1,10}?)(?P<w2>不少|很多|较多|众多|颇多)[：:]"
)
_SENTENCE_END = re.compile(r"[。！？!?]")
_SINGLE = re.compile(r"同一|一句|一个|一件|一条|一种")
_QUESTION = re.compile(r"[^。！？!?]+[？?]")
_LEADING_QUESTIONS = re.compile(r"(?:[^。！？!?]+[？?])+")
_BRACKET_NUMBER = re.compile(r"[（(](?:[一二三四五六七八九十]{1,2}|[0-9]{1,2})[）)]")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Compare each count word before a colon with the items after it."""
    headings = ctx.outline(doc)
    heading_paras = {h.para for h in headings}
    for index, para in enumerate(doc.paras):
        text = para.text
        announced = [(m.start(), m.end()) for m in ANNOUNCE.finditer(text)]
        for m in EXPLICIT.finditer(text):
            wanted = number_value(m.group("n"))
            overlaps = any(s < m.end() and m.start() < e for s, e in announced)
            found = _items(doc, index, m.end(), headings, heading_paras, leave_lists=overlaps)
            if wanted == 1 and found is not None and not _is_list(text, m.end()):
                continue  # 「一个问题：」 before a sentence with 、 in it is no list
            if wanted is None or found is None or found == wanted:
                continue
            yield Finding(
                "spoken.count_word",
                f"这里说{snippet(text, m.start(), m.end(), 2)}（{cn_count(wanted)}{m.group('unit')}），"
                f"后面实际列了{cn_count(found)}项，数目对不上",
                index,
                m.start(),
                length=m.end() - m.start(),
            )
        for m in VAGUE.finditer(text):
            if _SINGLE.search(m.group("noun") or m.group("noun2") or ""):
                continue  # 「很多人都说过同一句话：」 counts the people, not what follows
            found = _items(doc, index, m.end(), headings, heading_paras, leave_lists=False)
            if found is None or found >= 2:
                continue
            word = m.group("w") or m.group("w2")
            yield Finding(
                "spoken.count_word",
                f"这里说{snippet(text, m.start(), m.end(), 2)}，后面却只列了一项："
                f"只有一项时不要说“{word}”（或再补充几项）",
                index,
                m.start(),
                length=m.end() - m.start(),
            )


def _items(
    doc: Document,
    index: int,
    colon_end: int,
    headings: list[Heading],
    heading_paras: set[int],
    *,
    leave_lists: bool,
) -> int | None:
    """How many items the list after the colon at ``colon_end`` has; None when unclear.

    ``leave_lists`` skips numbered lists and lists in the following paragraphs
    (``structure.count`` counts those after 「讲两点意见」-style announcements).
    """
    rest = doc.paras[index].text[colon_end:]
    if not rest.strip():
        if leave_lists:
            return None
        by_para = {h.para: h for h in headings}
        count, _what = following_count(index, headings, by_para)
        if count is None:
            count, _what = point_paragraphs(doc, index + 1, heading_paras)
        return count
    run = first_run(rest)
    if run and run[0].start <= 1 and (len(run) >= 2 or run[0].style == "是"):
        return None if leave_lists else run_count(continued(doc, index, run, heading_paras))
    marks = _BRACKET_NUMBER.findall(rest)
    if _BRACKET_NUMBER.match(rest.lstrip()):
        return len(marks) if len(marks) >= 2 else None  # （一） alone: its list goes on below
    questions = _LEADING_QUESTIONS.match(rest)
    if questions:
        return len(
            _QUESTION.findall(questions.group(0))
        )  # 「多问几个为什么：为什么……？为什么……？」
    end = _SENTENCE_END.search(rest)
    sentence = rest[: end.start()] if end else rest
    items = [s for s in sentence.split("；") if s.strip()]
    if len(items) >= 2:
        return len(items)
    words = sentence.split("、")
    if len(words) >= 2 and all(spoken_length(w) <= SHORT_WORD for w in words[:-1]):
        return len(words)
    return 1


def _is_list(text: str, colon_end: int) -> bool:
    """True when the colon is followed by ；-separated items or numbered points."""
    rest = text[colon_end:]
    end = _SENTENCE_END.search(rest)
    return not rest.strip() or "；" in rest[: end.start() if end else None] or bool(first_run(rest))
