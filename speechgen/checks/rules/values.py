"""Every value of the brief is in the draft (brief.missing / brief.unrendered).

With ``--brief`` the draft may have been edited: a value no longer found is
``brief.missing`` (the titles of strengths, weaknesses and measures are left to
:mod:`.against_brief`, which tolerates small edits; dates to ``brief.changed``).
When a brief itself is checked, a value missing from its fresh draft was never
written by the template: ``brief.unrendered``. See :mod:`..brief_values` for the
list of values and how each is named.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..brief_values import expected_values
from ..model import Document, Finding
from ..value_match import DraftText
from .context import CheckContext

SHOWN = 30


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per value of the brief the draft does not carry."""
    brief = ctx.brief
    if brief is None or not hasattr(brief, "rankings"):
        return
    if ctx.compare:
        rule, titles, dates = "brief.missing", False, False
    elif doc.kind == "brief":
        rule, titles, dates = "brief.unrendered", True, True
    else:
        return
    draft = DraftText(doc)
    for expected in expected_values(brief, titles=titles, dates=dates):
        if draft.has(expected):
            continue
        shown = expected.shown.strip()
        shown = shown if len(shown) <= SHOWN else shown[:SHOWN] + "…"
        field = f" {expected.field}" if expected.field[0].isascii() else expected.field
        if rule == "brief.missing":
            message = f"简报中{field}“{shown}”在稿中找不到了（被删除或改写了？）"
        else:
            message = f"简报中{field}“{shown}”没有写进讲话稿（模板没有用到这一项）"
        yield Finding(
            rule, message, draft.first_with(expected.where), 0 if expected.where else None
        )
