"""Where each character a reader sees lies in a paragraph's runs, and cutting runs there.

A paragraph as the reader counts it (:func:`speechgen.docx.reader.paragraph_groups`)
is one or more ``w:p`` elements; its text is the text of its *visible* runs: runs not
inside a tracked deletion, a text box or a compatibility fallback. Tracked changes and
comments are anchored on whole runs, so to mark characters 12–14 the runs are first
cut at those offsets; both halves keep the run's properties (``w:rPr``), so a cut never
changes how the text looks.

Works on lxml elements (python-docx's tree).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import ns
from .reader import element_text

W = ns.tag(ns.W, "")
MC_FALLBACK = ns.tag(ns.MC, "Fallback")
XML_SPACE = ns.tag(ns.XML, "space")
_HIDDEN = {W + "del", W + "moveFrom", W + "txbxContent", MC_FALLBACK}


@dataclass(frozen=True)
class Piece:
    """A visible run and the span ``[start, end)`` of its text in the paragraph."""

    run: Any
    start: int
    end: int


def element(name: str, attrs: dict[str, str] | None = None) -> Any:
    """A new WordprocessingML element ``w:name`` of python-docx's element classes.

    Made through python-docx's parser so that runs it creates are its ``CT_R`` and can
    carry its comment anchors.
    """
    from docx.oxml.parser import OxmlElement

    el = OxmlElement(f"w:{name}")
    for key, value in (attrs or {}).items():
        el.set(key, value)
    return el


def _sub(parent: Any, name: str) -> Any:
    """Append a new ``w:name`` child to ``parent`` and return it."""
    el = element(name)
    parent.append(el)
    return el


def _visible(run: Any, stop: Any) -> bool:
    """True unless ``run`` sits inside a deletion, text box or fallback below ``stop``."""
    node = run.getparent()
    while node is not None and node is not stop:
        if node.tag in _HIDDEN:
            return False
        node = node.getparent()
    return True


def pieces(group: Sequence[Any]) -> list[Piece]:
    """The visible runs of a paragraph (one or more ``w:p``) with their text spans."""
    out: list[Piece] = []
    pos = 0
    for p in group:
        for run in p.iter(W + "r"):
            if not _visible(run, p):
                continue
            n = len(element_text(run))
            out.append(Piece(run, pos, pos + n))
            pos += n
    return out


def text_of(group: Sequence[Any]) -> str:
    """The paragraph's visible text (what ``check`` reads)."""
    return "".join(element_text(piece.run) for piece in pieces(group))


def _child_length(child: Any) -> int:
    """Characters a run child contributes to the text, counted by the reader itself."""
    if child.tag == W + "t":
        return len(child.text or "")
    if not isinstance(child.tag, str) or child.tag == W + "rPr":
        return 0
    holder = element("r")
    holder.append(copy.deepcopy(child))
    return len(element_text(holder))


def split_run(run: Any, offset: int) -> Any:
    """Cut ``run`` so its first ``offset`` characters stay and the rest move to a new run.

    The new run (returned) follows ``run`` and carries a copy of its ``w:rPr``.
    ``offset`` must lie strictly inside the run's text.
    """

    right = element("r", dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    pos = 0
    moving = False
    for child in list(run):
        if child.tag == W + "rPr":
            continue
        if moving:
            right.append(child)
            continue
        n = _child_length(child)
        if pos + n <= offset:
            pos += n
            continue
        cut = offset - pos
        if cut > 0 and child.tag == W + "t":
            tail = _sub(right, "t")
            tail.text = (child.text or "")[cut:]
            tail.set(XML_SPACE, "preserve")
            child.text = (child.text or "")[:cut]
            child.set(XML_SPACE, "preserve")
        else:
            right.append(child)
        moving = True
    run.addnext(right)
    return right


def boundary(group: Sequence[Any], offset: int) -> None:
    """Make sure a run starts or ends exactly at ``offset`` (cutting one if needed)."""
    for piece in pieces(group):
        if piece.start < offset < piece.end:
            split_run(piece.run, offset - piece.start)
            return


def runs_between(group: Sequence[Any], start: int, end: int) -> list[Any]:
    """The visible runs covering exactly ``[start, end)``, cutting runs at both ends."""
    boundary(group, start)
    boundary(group, end)
    return [p.run for p in pieces(group) if p.start >= start and p.end <= end and p.end > p.start]


def run_at(group: Sequence[Any], offset: int) -> Any | None:
    """The visible run holding the character at ``offset`` (the last one at the very end)."""
    found = None
    for piece in pieces(group):
        if piece.end > piece.start:
            found = piece.run
            if piece.start <= offset < piece.end:
                return piece.run
    return found


def run_properties(run: Any | None) -> Any | None:
    """A copy of a run's ``w:rPr`` without revision marks, or None."""
    if run is None:
        return None
    rpr = run.find(W + "rPr")
    if rpr is None:
        return None
    clean = copy.deepcopy(rpr)
    for mark in (
        clean.findall(W + "rPrChange") + clean.findall(W + "ins") + clean.findall(W + "del")
    ):
        clean.remove(mark)
    return clean


def make_run(text: str, rpr: Any | None) -> Any:
    """A new ``w:r`` showing ``text`` (tabs as ``w:tab``, line breaks as ``w:br``)."""
    run = element("r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for i, line in enumerate(text.split("\n")):
        if i:
            _sub(run, "br")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                _sub(run, "tab")
            if chunk:
                t = _sub(run, "t")
                t.text = chunk
                t.set(XML_SPACE, "preserve")
    return run


def styled_runs(text: str, source: Sequence[Any], start: int) -> list[Any]:
    """Runs for ``text`` that take their look from ``source`` at offsets ``start``… .

    ``source`` is the paragraph the text comes from (the new render's ``w:p``), so
    an inserted run-in heading gets the heading's character style and body text the
    body's. Consecutive characters under the same source run become one run.
    """
    spans = [pc for pc in pieces(source) if pc.end > pc.start]
    out: list[Any] = []
    pos = 0
    while pos < len(text):
        at = start + pos
        run = next((pc for pc in spans if pc.start <= at < pc.end), spans[-1] if spans else None)
        take = len(text) - pos
        if run is not None and run.start <= at < run.end:
            take = min(take, run.end - at)
        out.append(make_run(text[pos : pos + take], run_properties(run.run if run else None)))
        pos += take
    return out
