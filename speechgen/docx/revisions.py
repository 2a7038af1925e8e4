"""Write tracked changes (``w:ins`` / ``w:del``) that Word and WPS show for review.

Every change speechgen makes to a person's draft is a revision the leader can accept
or reject: characters inserted or deleted inside a paragraph (at the granularity of
:mod:`speechgen.docx.textdiff`, so 「第9名」→「第8名」 is one character struck and one
added), whole paragraphs inserted or deleted (their runs *and* their paragraph mark,
so accepting closes the gap and rejecting leaves nothing behind).

A :class:`Reviser` holds the author, the one timestamp of this run and the next
free ``w:id``; ids are unique among every ``w:id`` already in the document.
Deleted runs keep their properties; inserted runs take theirs from the paragraph
the new text comes from. Works on lxml trees (python-docx's document element).
"""

from __future__ import annotations

import copy
import datetime as _dt
from collections.abc import Sequence
from typing import Any

from . import textmap
from .textdiff import Edit, diff_edits

W = textmap.W
_WRAPPERS = {W + "ins", W + "moveTo"}
# pPr children that must come after w:rPr (ECMA-376 CT_PPr order).
_AFTER_RPR = {W + "sectPr", W + "pPrChange"}


def timestamp(now: _dt.datetime | None = None) -> str:
    """``w:date`` text: UTC, whole seconds, ``2026-05-10T14:30:00Z``."""
    moment = (now or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class Reviser:
    """Writes revisions by one author at one time into one document tree."""

    def __init__(self, root: Any, author: str, date: str | None = None) -> None:
        self.author = author
        self.date = date or timestamp()
        used = [0]
        for el in root.iter():
            value = el.get(W + "id") if isinstance(el.tag, str) else None
            if value is not None and value.lstrip("-").isdigit():
                used.append(int(value))
        self._next = max(used) + 1

    # ------------------------------------------------------------------ elements

    def mark(self, tag: str) -> Any:
        """A new ``w:ins`` or ``w:del`` element with id, author and date."""
        el = textmap.element(tag)
        el.set(W + "id", str(self._next))
        el.set(W + "author", self.author)
        el.set(W + "date", self.date)
        self._next += 1
        return el

    # ------------------------------------------------------------------ characters

    def delete_runs(self, runs: Sequence[Any]) -> Any | None:
        """Wrap ``runs`` (consecutive, in order) in ``w:del``; return the last wrapper."""
        last = None
        for group in _sibling_groups(runs):
            wrapper = self.mark("del")
            group[0].addprevious(wrapper)
            first, final = group[0], group[-1]
            parent = first.getparent()
            members = list(parent)[list(parent).index(first) : list(parent).index(final) + 1]
            for el in members:
                wrapper.append(el)
            _to_deleted_text(wrapper)
            last = wrapper
        return last

    def insert_runs(self, runs: Sequence[Any], *, after: Any | None = None,
                    before: Any | None = None, paragraph: Any | None = None) -> Any:  # fmt: skip
        """Put ``runs`` in a new ``w:ins`` after/before an element, or at a paragraph's end."""
        wrapper = self.mark("ins")
        for run in runs:
            wrapper.append(run)
        if after is not None:
            _lift(after, wrapper, side="after")
        elif before is not None:
            _lift(before, wrapper, side="before")
        else:
            assert paragraph is not None
            paragraph.append(wrapper)
        return wrapper

    def replace_span(self, group: Sequence[Any], start: int, end: int, text: str,
                     source: Sequence[Any] | None = None, source_start: int = 0) -> None:  # fmt: skip
        """Delete ``[start, end)`` of a paragraph and insert ``text`` there, both tracked.

        Inserted runs look like ``source`` at ``source_start`` (the new render's
        paragraph), or like the first deleted character when no source is given.
        """
        deleted = textmap.runs_between(group, start, end) if end > start else []
        look = textmap.run_properties(deleted[0] if deleted else textmap.run_at(group, start))
        last_del = self.delete_runs(deleted) if deleted else None
        if not text:
            return
        runs = (
            textmap.styled_runs(text, source, source_start)
            if source is not None
            else [textmap.make_run(text, look)]
        )
        if last_del is not None:
            self.insert_runs(runs, after=last_del)
            return
        textmap.boundary(group, start)
        spans = textmap.pieces(group)
        before = next((pc.run for pc in spans if pc.start == start and pc.end > pc.start), None)
        ending = [pc.run for pc in spans if pc.end == start and pc.end > pc.start]
        if ending:
            self.insert_runs(runs, after=ending[-1])
        elif before is not None:
            self.insert_runs(runs, before=before)
        else:
            self.insert_runs(runs, paragraph=group[-1])

    def revise(self, group: Sequence[Any], source: Sequence[Any]) -> int:
        """Turn the paragraph's text into ``source``'s text with small tracked edits.

        Returns the number of edits.
        """
        edits = diff_edits(textmap.text_of(group), textmap.text_of(source))
        return self.apply(group, edits, source)

    def apply(self, group: Sequence[Any], edits: Sequence[Edit],
              source: Sequence[Any] | None = None) -> int:  # fmt: skip
        """Make ``edits`` (offsets into the paragraph's text, left to right) as tracked changes.

        ``source`` is the paragraph holding the text after the edits, whose look the
        inserted characters take. Edits are made right to left so offsets stay valid.
        """
        shift = 0
        placed = []
        for e in edits:
            placed.append((e, e.start + shift))
            shift += len(e.text) - (e.end - e.start)
        for e, new_start in reversed(placed):
            self.replace_span(group, e.start, e.end, e.text, source, new_start)
        return len(edits)

    # ------------------------------------------------------------------ paragraphs

    def delete_paragraph(self, group: Sequence[Any]) -> None:
        """Delete a whole paragraph: its visible runs and its paragraph mark(s)."""
        runs = [pc.run for pc in textmap.pieces(group)]
        if runs:
            self.delete_runs(runs)
        for p in group:
            _mark_paragraph(p, self.mark("del"))

    def inserted_paragraph(self, source: Any) -> Any:
        """A copy of ``source`` (a ``w:p`` of the new render) marked as a tracked insertion."""
        p = copy.deepcopy(source)
        for group in _sibling_groups([pc.run for pc in textmap.pieces([p])]):
            wrapper = self.mark("ins")
            group[0].addprevious(wrapper)
            parent = group[0].getparent()
            members = list(parent)[list(parent).index(group[0]) : list(parent).index(group[-1]) + 1]
            for el in members:
                wrapper.append(el)
        # Range marks and bookmarks of the render never carry over.
        for el in list(p.iter(W + "bookmarkStart", W + "bookmarkEnd")):
            el.getparent().remove(el)
        _mark_paragraph(p, self.mark("ins"))
        return p


def _sibling_groups(runs: Sequence[Any]) -> list[list[Any]]:
    """Split ``runs`` into groups that share one parent, keeping order."""
    groups: list[list[Any]] = []
    for run in runs:
        if groups and groups[-1][-1].getparent() is run.getparent():
            groups[-1].append(run)
        else:
            groups.append([run])
    return groups


def _to_deleted_text(scope: Any) -> None:
    """``w:t`` → ``w:delText`` and ``w:instrText`` → ``w:delInstrText`` under ``scope``."""
    for tag, new in ((W + "t", W + "delText"), (W + "instrText", W + "delInstrText")):
        for el in list(scope.iter(tag)):
            el.tag = new


def _lift(anchor: Any, wrapper: Any, *, side: str) -> None:
    """Place ``wrapper`` next to ``anchor``, outside any ``w:ins`` the anchor is in.

    A tracked insertion cannot nest in another one, so when ``anchor`` sits inside
    someone's ``w:ins`` that wrapper is split there and ours goes between the halves.
    """
    parent = anchor.getparent()
    if parent is None or parent.tag not in _WRAPPERS:
        (anchor.addnext if side == "after" else anchor.addprevious)(wrapper)
        return
    children = list(parent)
    index = children.index(anchor) + (1 if side == "after" else 0)
    if index >= len(children):
        _lift(parent, wrapper, side="after")
        return
    if index == 0:
        _lift(parent, wrapper, side="before")
        return

    tail = textmap.element(parent.tag.split("}")[1], dict(parent.attrib))
    for el in children[index:]:
        tail.append(el)
    parent.addnext(tail)
    parent.addnext(wrapper)


def _mark_paragraph(p: Any, mark: Any) -> None:
    """Record ``mark`` (``w:ins``/``w:del``) on the paragraph mark: ``w:pPr/w:rPr``."""

    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = textmap.element("pPr")
        p.insert(0, ppr)
    rpr = ppr.find(W + "rPr")
    if rpr is None:
        rpr = textmap.element("rPr")
        later = [c for c in ppr if c.tag in _AFTER_RPR]
        if later:
            later[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    for old in rpr.findall(W + "ins") + rpr.findall(W + "del"):
        rpr.remove(old)
    rpr.insert(0, mark)
