"""Carry out an update's edit script on a person's draft: the docx side of ``speechgen update``.

The script (planned by :mod:`speechgen.updating.merge`) names paragraphs by their index
in the draft as the reader sees them and in the new render:

* :class:`Revise` — make a draft paragraph read like a new one, as small tracked changes
  (or only the given ``edits``, e.g. a renumbered heading a person had edited);
* :class:`Delete` — a tracked deletion of a whole paragraph;
* :class:`Comment` — a comment on a whole paragraph, people's text untouched;
* :class:`Insert` — a copy of a new paragraph as a tracked insertion, before (or after) a
  draft paragraph, or at the end.

Everything else in the draft — people's own tracked changes, comments, direct formatting,
paragraphs they added — is left as it is.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import textmap
from .comments import add_comment
from .reader import paragraph_groups
from .revisions import Reviser
from .textdiff import Edit


@dataclass(frozen=True)
class Revise:
    """Make draft paragraph ``draft`` read like new paragraph ``new``, as tracked changes.

    With ``edits`` only those edits (offsets into the draft paragraph) are made.
    """

    draft: int
    new: int
    edits: tuple[Edit, ...] | None = None


@dataclass(frozen=True)
class Delete:
    """Delete draft paragraph ``draft`` as a tracked deletion."""

    draft: int


@dataclass(frozen=True)
class Comment:
    """Keep draft paragraph ``draft`` as it is and attach a comment saying ``text``.

    ``new`` is the new render's version of the paragraph (None when it has none).
    """

    draft: int
    new: int | None
    text: str


@dataclass(frozen=True)
class Insert:
    """Insert new paragraph ``new`` before (``after``: after) draft paragraph ``draft``.

    ``draft`` is None when the draft has no paragraph to anchor on: then at the end.
    """

    new: int
    draft: int | None
    after: bool = False


Step = Revise | Delete | Comment | Insert


def draft_texts(data: bytes) -> list[str]:
    """The paragraph texts of a .docx as the edit script counts them (the reader's view)."""
    from .reader import read_docx_bytes

    return read_docx_bytes(data, "讲话稿").texts()


def apply_steps(draft: bytes, new: bytes, steps: Sequence[Step], author: str,
                date: str | None = None) -> bytes:  # fmt: skip
    """The draft with ``steps`` made by ``author``; returns the package's bytes (unstamped)."""
    import docx

    document = docx.Document(io.BytesIO(draft))
    body = document.element.body
    groups = paragraph_groups(body)
    source = paragraph_groups(docx.Document(io.BytesIO(new)).element.body)
    reviser = Reviser(body, author, date)
    for step in steps:
        if isinstance(step, Revise):
            if step.edits is None:
                reviser.revise(groups[step.draft], source[step.new])
            else:
                reviser.apply(groups[step.draft], step.edits, source[step.new])
        elif isinstance(step, Delete):
            reviser.delete_paragraph(groups[step.draft])
        elif isinstance(step, Comment):
            group = groups[step.draft]
            end = len(textmap.text_of(group))
            add_comment(document, group, 0, end, step.text, author, reviser.date)
    _insert(steps, groups, source, reviser, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _insert(steps: Sequence[Step], groups: list[list[Any]], source: list[list[Any]],
            reviser: Reviser, body: Any) -> None:  # fmt: skip
    """Insert the new render's own paragraphs at their anchors, in the order given."""
    last_after: dict[int | None, Any] = {}
    for step in steps:
        if not isinstance(step, Insert):
            continue
        for element in source[step.new]:
            p = reviser.inserted_paragraph(element)
            if step.draft is None:
                anchor = last_after.get(None)
                if anchor is not None:
                    anchor.addnext(p)
                else:
                    _append_to_body(body, p)
                last_after[None] = p
            elif step.after:
                anchor = last_after.get(step.draft, groups[step.draft][-1])
                anchor.addnext(p)
                last_after[step.draft] = p
            else:
                groups[step.draft][0].addprevious(p)


def _append_to_body(body: Any, p: Any) -> None:
    """Add ``p`` as the body's last paragraph (before the final section properties)."""
    last = body[-1] if len(body) else None
    if last is not None and last.tag == textmap.W + "sectPr":
        last.addprevious(p)
    else:
        body.append(p)
