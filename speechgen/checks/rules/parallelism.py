"""Parallelism: sibling headings share a pattern (形成…体系); flag the one that breaks it.

Three or more siblings are compared by their first and last two characters and by
length; two or more by their sentence skeleton (:mod:`..skeleton`: clause count and
the places of 但/更要/要/把/和/的 and quotes). A heading already reported for its
opening or ending is not reported again for its skeleton.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from statistics import median

from ..model import Document, Finding
from ..outline import Heading, sibling_groups
from ..skeleton import Skeleton, skeleton
from ..text import is_cjk
from .context import CheckContext

MIN_GROUP = 3
MIN_SKELETON_GROUP = 2
AFFIX = 2


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Check every group of three or more sibling headings."""
    for group in sibling_groups(ctx.outline(doc)):
        titles = [h.title.rstrip("，、：；") for h in group]
        if len(group) < MIN_SKELETON_GROUP or not all(titles):
            continue
        flagged: list[Finding] = []
        if len(group) >= MIN_GROUP:
            flagged += _affix(group, titles, prefix=True)
            flagged += _affix(group, titles, prefix=False)
            yield from flagged
            yield from _length(group, titles)
        done = {f.para for f in flagged}
        yield from (f for f in _skeletons(group, titles) if f.para not in done)


def _skeletons(group: list[Heading], titles: list[str]) -> Iterator[Finding]:
    """Siblings whose skeleton differs from the one most of them share (else the first's)."""
    shapes = [skeleton(t) for t in titles]
    counts = Counter(s.clauses for s in shapes)
    common, count = counts.most_common(1)[0]
    if count == len(group):
        return
    if count == 1:
        common = shapes[0].clauses
    ref = next(i for i, s in enumerate(shapes) if s.clauses == common)
    for h, title, shape in zip(group, titles, shapes, strict=True):
        if shape.clauses != common:
            yield Finding(
                "parallel.skeleton",
                f"并列标题“{h.marker}{title}”的句式“{shape.pattern}”与"
                f"“{group[ref].marker}{titles[ref]}”的“{shapes[ref].pattern}”不同"
                f"{_difference(shape, shapes[ref])}，并列的标题应当同一个句式",
                h.para,
                0,
            )


def _difference(shape: Skeleton, ref: Skeleton) -> str:
    """What differs, in words: the number of clauses, or the frame words."""
    if len(shape.clauses) != len(ref.clauses):
        return f"（分句数{len(shape.clauses)}个对{len(ref.clauses)}个）"
    return "（关键字或其位置不同）"


def _affix(group: list[Heading], titles: list[str], *, prefix: bool) -> Iterator[Finding]:
    """All siblings but one start (or end) alike: the odd one out breaks the pattern."""
    keys = [t[:AFFIX] if prefix else t[-AFFIX:] for t in titles]
    key, count = Counter(keys).most_common(1)[0]
    if count != len(group) - 1 or len(key) < AFFIX or not all(is_cjk(ch) for ch in key):
        return
    sharers = [t for t, k in zip(titles, keys, strict=True) if k == key]
    common = _common(sharers, prefix)
    shown = f"{common}…" if prefix else f"…{common}"
    where = "开头" if prefix else "结尾"
    for h, k, title in zip(group, keys, titles, strict=True):
        if k != key:
            yield Finding(
                "parallel.pattern",
                f"并列标题“{h.marker}{title}”与其他{len(sharers)}个的{where}“{shown}”不一致",
                h.para,
                0,
            )


def _common(titles: list[str], prefix: bool) -> str:
    """The longest prefix (or suffix) all ``titles`` share."""
    if not prefix:
        return _common([t[::-1] for t in titles], True)[::-1]
    first = titles[0]
    size = 0
    while size < len(first) and all(len(t) > size and t[size] == first[size] for t in titles):
        size += 1
    return first[:size]


def _length(group: list[Heading], titles: list[str]) -> Iterator[Finding]:
    """A sibling heading twice as long, or half as long, as the typical one."""
    lengths = [len(t) for t in titles]
    typical = median(lengths)
    for h, title, size in zip(group, titles, lengths, strict=True):
        if abs(size - typical) >= 8 and (size > 2 * typical or size < typical / 2):
            kind = "过长" if size > typical else "过短"
            yield Finding(
                "parallel.length",
                f"并列标题“{h.marker}{title}”{kind}（{size}字，其他一般{typical:g}字）",
                h.para,
                0,
            )
