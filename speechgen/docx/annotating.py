"""Write comments and mechanical fixes into a copy of a draft: the docx side of ``check --annotate``.

Paragraphs are named by their index as the reader sees them, characters by their
offset in that paragraph's text, so a finding of ``check`` lands on exactly the
characters it concerns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from . import textmap
from .comments import add_comment
from .reader import paragraph_groups
from .revisions import Reviser
from .textdiff import Edit


@dataclass(frozen=True)
class Note:
    """A comment saying ``text`` on characters ``[start, end)`` of paragraph ``para``.

    ``end`` None means to the end of the paragraph.
    """

    para: int
    start: int
    end: int | None
    text: str


def annotate_bytes(data: bytes, notes: Sequence[Note], fixes: dict[int, list[Edit]],
                   author: str, date: str | None = None) -> tuple[bytes, int, int]:  # fmt: skip
    """``data`` with a comment per note and ``fixes`` (by paragraph) as tracked changes.

    Returns ``(bytes, comments written, edits made)``; the bytes are not yet stamped.
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    groups = paragraph_groups(body)
    reviser = Reviser(body, author, date)
    comments = 0
    for note in notes:
        if not 0 <= note.para < len(groups):
            continue
        group = groups[note.para]
        end = len(textmap.text_of(group)) if note.end is None else note.end
        add_comment(document, group, note.start, end, note.text, author, reviser.date)
        comments += 1
    edits = 0
    for index, paragraph_edits in sorted(fixes.items()):
        if 0 <= index < len(groups):
            edits += reviser.apply(groups[index], paragraph_edits)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), comments, edits
