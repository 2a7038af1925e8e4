"""Word comments anchored on characters of a paragraph, through python-docx's comments API.

python-docx (≥ 1.2) writes the comments part, its relationship and content type,
the comment ids and the range marks; it anchors a comment on whole runs, so the runs
are first cut at the characters the comment concerns (:mod:`speechgen.docx.textmap`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import textmap


def add_comment(document: Any, group: Sequence[Any], start: int, end: int, text: str,
                author: str, date: str | None = None) -> int:  # fmt: skip
    """Anchor a comment holding ``text`` on characters ``[start, end)`` of a paragraph.

    ``document`` is a python-docx ``Document``; ``group`` the paragraph's ``w:p``
    element(s). An empty range marks the character at ``start``; an empty paragraph
    gets an empty run to hold the comment. Returns the comment id.
    """
    from docx.text.run import Run

    length = len(textmap.text_of(group))
    if end <= start:  # a point: mark the character there (the last one at the very end)
        start = max(0, min(start, length - 1))
        end = start + 1
    runs = textmap.runs_between(group, start, min(end, length)) if length else []
    if not runs:
        holder = textmap.element("r")
        group[-1].append(holder)
        runs = [holder]
    comment = document.add_comment(
        [Run(runs[0], document), Run(runs[-1], document)],
        text=text,
        author=author,
        initials=_initials(author),
    )
    if date is not None:
        comment._comment_elm.set(f"{textmap.W}date", date)
    return int(comment.comment_id)


def _initials(author: str) -> str:
    """Initials Word shows in the comment balloon: the first character of the name."""
    return author[:1] if author else ""
