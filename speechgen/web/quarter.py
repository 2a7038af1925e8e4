"""Copy last quarter's brief into this quarter's: keep the standing facts, empty the new ones.

``previous`` takes the last ``current``; ``current``, the meeting date, scores,
indicators' values, deadlines written as dates and ``next_steps`` are emptied, so the
form marks them to fill in. Keys that a brief does not have are left alone, so the
rules apply to briefs of every version (one assessment or a list of them).
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yamldoc import is_empty_text

_QUARTER = re.compile(
    r"^(?P<head>.*?)(?P<year>\d{4})(?P<sep>[-_ ]?)(?P<q>[Qq])(?P<n>[1-4])(?P<tail>.*)$"
)
SCORE_KEYS = ("score", "average")


def _empty(node: CommentedMap, key: str) -> None:
    """Empty ``key`` when present (the key stays, so the form asks for it)."""
    if key in node and not is_empty_text(node[key]):
        node[key] = ""


def _shift(node: CommentedMap, new: str, old: str) -> None:
    """``old`` takes the value of ``new``, which is emptied (rank → previous)."""
    if new not in node or is_empty_text(node[new]):
        return
    if old in node:
        node[old] = node[new]
    else:
        node.insert(list(node.keys()).index(new), old, node[new])
    node[new] = ""


def _maps(node: Any) -> list[CommentedMap]:
    """A mapping, or the mappings of a list, as a list."""
    if isinstance(node, CommentedMap):
        return [node]
    if isinstance(node, list):
        return [n for n in node if isinstance(n, CommentedMap)]
    return []


def copy_rules(doc: CommentedMap, is_date: Any) -> CommentedMap:
    """Apply the quarter-copy rules to a round-trip document in place; return it."""
    meeting = doc.get("meeting")
    if isinstance(meeting, CommentedMap):
        _empty(meeting, "date")
    for ranking in _maps(doc.get("ranking")):
        _shift(ranking, "current", "previous")
        for key in SCORE_KEYS:
            _empty(ranking, key)
        for leader in _maps(ranking.get("leader")):
            _empty(leader, "score")
        for peer in _maps(ranking.get("peers")):
            _empty(peer, "score")
            _empty(peer, "rank")
        for indicator in _maps(ranking.get("indicators")):
            _shift(indicator, "rank", "previous")
            _empty(indicator, "score")
            _empty(indicator, "value")
    for measure in _maps(doc.get("measures")):
        deadline = measure.get("deadline")
        if isinstance(deadline, str) and is_date(deadline):
            measure["deadline"] = ""
    if "next_steps" in doc and doc["next_steps"]:
        doc["next_steps"] = CommentedSeq()
    return doc


def next_name(stem: str) -> str:
    """A name for the copy: ``2026Q2`` → ``2026Q3``, ``2026Q4`` → ``2027Q1``, else ``<stem>-副本``."""
    m = _QUARTER.match(stem)
    if not m:
        return f"{stem}-副本"
    year, quarter = int(m["year"]), int(m["n"]) + 1
    if quarter == 5:
        year, quarter = year + 1, 1
    return f"{m['head']}{year}{m['sep']}{m['q']}{quarter}{m['tail']}"
