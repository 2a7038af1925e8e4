"""The three-way paragraph merge behind ``speechgen update`` (pure Python, no XML).

Three versions of the speech meet: what speechgen generated last time (*old*, kept in
the draft), what the draft holds now (*draft*, people's edits included) and what
speechgen generates from the brief today (*new*). Paragraphs are aligned old↔draft and
old↔new — identical texts first, then, between those anchors, the most similar pairs
(a paragraph a person reworded, a heading renumbered) — and each old paragraph decides
what happens to its draft paragraph:

========================  ==========================  ====================================
people                    new render                  result
========================  ==========================  ====================================
did not touch it          same                        kept
did not touch it          changed                     ``Revise`` (tracked changes)
did not touch it          removed                     ``Delete`` (tracked deletion)
edited it                 same                        kept (people's text)
edited it                 changed or removed          ``Comment`` with the new wording
edited a heading          renumbered it only          ``Revise`` of the number only
deleted it                anything                    stays deleted
========================  ==========================  ====================================

Paragraphs people added stay where they are; paragraphs only the new render has are
inserted before the draft paragraph of the next generated paragraph that survives
(after the last one at the very end). The steps are those of
:mod:`speechgen.docx.merging`, which carries them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..docx.generated import GeneratedPara
from ..docx.merging import Comment, Delete, Insert, Revise, Step
from ..docx.textdiff import diff_edits, similarity

PAIR_THRESHOLD = 0.5
_NUMBER = re.compile(
    r"^(?:第?[一二三四五六七八九十百]+[、是要]|（[一二三四五六七八九十百]+）|[0-9]+[.．、]|（[0-9]+）)"
)


def comment_text(new: GeneratedPara | None) -> str:
    """What the comment on a paragraph people edited says (Chinese)."""
    if new is None:
        return (
            "重新生成的稿子里已没有这一段（按新的简报不再生成）；"
            "这一段经人修改过，已保留，请斟酌是否删去"
        )
    return f"重新生成的文字：{new.text}"


@dataclass
class MergePlan:
    """What to do to the draft, and how each old paragraph fared (for the summary)."""

    actions: list[Step]
    old_to_draft: dict[int, int]
    old_to_new: dict[int, int]

    def count(self, kind: type) -> int:
        """How many actions of ``kind`` the plan holds."""
        return sum(1 for a in self.actions if isinstance(a, kind))


def align(a: Sequence[str], b: Sequence[str], kinds_a: Sequence[str] | None = None,
          kinds_b: Sequence[str] | None = None) -> dict[int, int]:  # fmt: skip
    """Pair paragraphs of ``a`` with paragraphs of ``b`` in order; return ``{i: j}``.

    Identical texts are paired first (difflib's longest matching blocks); in each gap
    between them, pairs of similar paragraphs (at least :data:`PAIR_THRESHOLD`, and of
    the same kind when both kinds are known) are chosen to maximise total similarity.
    """
    pairs: dict[int, int] = {}
    matcher = SequenceMatcher(None, list(a), list(b), autojunk=False)
    i0 = j0 = 0
    for block in matcher.get_matching_blocks():
        pairs.update(_pair_gap(a, b, range(i0, block.a), range(j0, block.b), kinds_a, kinds_b))
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
        i0, j0 = block.a + block.size, block.b + block.size
    return pairs


def _pair_gap(a: Sequence[str], b: Sequence[str], rows: range, cols: range,
              kinds_a: Sequence[str] | None, kinds_b: Sequence[str] | None) -> dict[int, int]:  # fmt: skip
    """The best order-keeping pairing of similar paragraphs inside one gap (a small DP)."""
    if not rows or not cols:
        return {}
    n, m = len(rows), len(cols)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sims: dict[tuple[int, int], float] = {}
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            i, j = rows[x], cols[y]
            same_kind = kinds_a is None or kinds_b is None or _compatible(kinds_a[i], kinds_b[j])
            s = similarity(a[i], b[j]) if same_kind else 0.0
            sims[(x, y)] = s
            take = score[x + 1][y + 1] + s if s >= PAIR_THRESHOLD else -1.0
            score[x][y] = max(take, score[x + 1][y], score[x][y + 1])
    pairs: dict[int, int] = {}
    x = y = 0
    while x < n and y < m:
        s = sims[(x, y)]
        if s >= PAIR_THRESHOLD and score[x][y] == score[x + 1][y + 1] + s:
            pairs[rows[x]] = cols[y]
            x, y = x + 1, y + 1
        elif score[x][y] == score[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs


def _compatible(kind_a: str, kind_b: str) -> bool:
    """Paragraphs of these kinds may be versions of one another."""
    return kind_a == kind_b or "document" in (kind_a, kind_b)


def number_only(old: str, draft: str, new: str) -> bool:
    """True when ``old``→``new`` only changes a leading number that ``draft`` still has."""
    mark = _NUMBER.match(old)
    if mark is None or not draft.startswith(mark.group(0)):
        return False
    edits = diff_edits(old, new)
    return bool(edits) and all(e.end <= mark.end() for e in edits)


def plan_merge(old: Sequence[GeneratedPara], draft: Sequence[str],
               new: Sequence[GeneratedPara]) -> MergePlan:  # fmt: skip
    """The merge plan for a draft; see the module docstring for the rules."""
    old_texts = [p.text for p in old]
    new_texts = [p.text for p in new]
    kinds_old = [p.kind for p in old]
    old_to_draft = align(old_texts, draft)
    old_to_new = align(old_texts, new_texts, kinds_old, [p.kind for p in new])
    actions: list[Step] = []
    for o, para in enumerate(old):
        d, n = old_to_draft.get(o), old_to_new.get(o)
        if d is None:
            continue  # people deleted it: it stays deleted
        edited = draft[d] != para.text
        changed = n is None or new_texts[n] != para.text
        if not changed:
            continue
        if not edited:
            actions.append(Revise(d, n) if n is not None else Delete(d))
        elif n is not None and number_only(para.text, draft[d], new_texts[n]):
            actions.append(Revise(d, n, tuple(diff_edits(para.text, new_texts[n]))))
        else:
            actions.append(Comment(d, n, comment_text(new[n] if n is not None else None)))
    actions.extend(_insertions(old_to_draft, old_to_new, len(new)))
    return MergePlan(actions, old_to_draft, old_to_new)


def _insertions(old_to_draft: dict[int, int], old_to_new: dict[int, int],
                new_count: int) -> list[Insert]:  # fmt: skip
    """Paragraphs only the new render has, each anchored on a surviving draft paragraph."""
    matched_new = set(old_to_new.values())
    anchor: dict[int, int] = {}  # new index -> draft index, through old
    for o, n in old_to_new.items():
        if o in old_to_draft:
            anchor[n] = old_to_draft[o]
    out: list[Insert] = []
    for n in range(new_count):
        if n in matched_new:
            continue
        following = next((anchor[k] for k in range(n + 1, new_count) if k in anchor), None)
        if following is not None:
            out.append(Insert(n, following))
            continue
        preceding = next((anchor[k] for k in range(n - 1, -1, -1) if k in anchor), None)
        out.append(Insert(n, preceding, after=True))
    return out
