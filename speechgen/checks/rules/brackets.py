"""Brackets read aloud (spoken.bracket): a speech is heard, and （…） cannot be heard.

Left alone: a heading number (a bracket holding only a numeral: （一） （1）, also
where a scraped text has run its headings into one paragraph), a line at the top
that is one bracket as a whole (the date line 「（2026年5月10日）」), empty brackets
(``placeholder.empty`` reports those), and brackets inside a document title
《……（试行）》, which belong to the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..text import snippet
from .context import CheckContext

BYLINE_AREA = 8
_BRACKET = re.compile(r"[（(]([^（()）]*)[）)]")
_TITLE = re.compile(r"《[^《》]*》")
_NUMERAL = re.compile(r"[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2}")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report each bracket with something inside in the spoken text."""
    for index, para in enumerate(doc.paras):
        text = para.text
        if index < BYLINE_AREA and _BRACKET.fullmatch(text.strip()):
            continue  # the date line under the title
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        for m in _BRACKET.finditer(text):
            if not m.group(1).strip() or _NUMERAL.fullmatch(m.group(1).strip()):
                continue
            if any(start < m.start() and m.end() <= end for start, end in titles):
                continue
            yield Finding(
                "spoken.bracket",
                f"讲话是念给人听的，括号里的话念不出来：{snippet(text, m.start(), m.end(), 4)}，"
                "可改成正文（如用逗号接上）或删去",
                index,
                m.start(),
                length=m.end() - m.start(),
            )
