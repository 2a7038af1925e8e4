"""Structure: a numbered sequence with only its first item (一是 without 二是, a lone （一）).

Numbering a single point reads as if the rest had been cut: the reviewer either
adds the second point or drops the number. Both the inline points 「一是」「一要」
and the numbered sub-headings （一） 1. （1） are checked; a lone top-level 一、 is
not (a part of a speech checked on its own is common).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..outline import Heading, marker_text, sibling_groups
from ..text import cn_to_int, snippet
from .context import CheckContext

_POINT = re.compile(r"(?:^|(?<=[，。；：、！？\s“]))([一二三四五六七八九十]{1,2})([是要])")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report lone first headings and lone 「一是」「一要」 points."""
    headings = ctx.outline(doc)
    yield from _lone_headings(headings)
    heading_paras = {h.para for h in headings}
    markers = {
        h.para: len(h.marker) + len(doc.paras[h.para].text) - len(doc.paras[h.para].text.lstrip())
        for h in headings
    }
    for index, para in enumerate(doc.paras):
        for m in _POINT.finditer(para.text):
            if m.end() <= markers.get(index, 0):
                continue  # the 一要 numbering a top-level part is a heading, not a point
            if m.group(1) == "一" and _next_point(doc, index, m.end(), heading_paras) in (None, 1):
                yield Finding(
                    "structure.lone",
                    f"有“{m.group(0)}”却没有“二{m.group(2)}”：只有一点时不必编号，"
                    f"可去掉“{m.group(0)}”或补上第二点：{snippet(m.string, m.start(), m.end())}",
                    index,
                    m.start(),
                )


def _lone_headings(headings: list[Heading]) -> Iterator[Finding]:
    """A first sub-heading (（一） 1. （1）) that has no sibling under the same parent."""
    for group in sibling_groups(headings):
        if len(group) != 1 or group[0].number != 1 or group[0].level == 1:
            continue
        h = group[0]
        second = marker_text(h.level, 2)
        where = "同一个上级标题下" if h.parent is not None else "全文中"
        yield Finding(
            "structure.lone",
            f"标题“{h.marker}”{where}没有“{second}”：只有一项时不必编号，"
            f"可去掉序号或补上“{second}”",
            h.para,
            0,
        )


def _next_point(doc: Document, index: int, start: int, heading_paras: set[int]) -> int | None:
    """The number of the next 「N是/N要」 after ``start`` in paragraph ``index`` or its part.

    The search goes on into the following paragraphs up to the next heading; None
    when no further point is found there.
    """
    m = _POINT.search(doc.paras[index].text, start)
    if m:
        return cn_to_int(m.group(1))
    for following in range(index + 1, len(doc.paras)):
        if following in heading_paras:
            return None
        m = _POINT.search(doc.paras[following].text)
        if m:
            return cn_to_int(m.group(1))
    return None
