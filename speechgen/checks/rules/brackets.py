"""Brackets read aloud (spoken.bracket): a speech is heard, and （…） cannot be heard.

Left alone: a heading number opening its paragraph (（一） （1）), a line at the top
that is one bracket as a whole (the date line 「（2026年5月10日）」), empty brackets
(``placeholder.empty`` reports those), and brackets inside a document title
《……（试行）》, which belong to the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Finding
from ..outline import match_heading
from ..text import snippet
from .context import CheckContext

BYLINE_AREA = 8
_BRACKET = re.compile(r"[（(]([^（()）]*)[）)]")
_TITLE = re.compile(r"《[^《》]*》")


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Report each bracket with something inside in the spoken text."""
    for index, para in enumerate(doc.paras):
        text = para.text
        if index < BYLINE_AREA and _BRACKET.fullmatch(text.strip()):
            continue  # the date line under the title
        skip = _heading_number_end(text)
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        for m in _BRACKET.finditer(text):
            if m.end() <= skip or not m.group(1).strip():
                continue
            if any(start < m.start() and m.end() <= end for start, end in titles):
                continue
            yield Finding(
                "spoken.bracket",
                f"讲话是念给人听的，括号里的话念不出来：{snippet(text, m.start(), m.end(), 4)}，"
                "可改成正文（如用逗号接上）或删去",
                index,
                m.start(),
            )


def _heading_number_end(text: str) -> int:
    """End of the （一）/（1） number opening ``text``, or 0."""
    found = match_heading(text)
    if found is None or found[0] not in (2, 4):
        return 0
    return text.index(found[2]) + len(found[2])
