"""Parallelism: sibling headings share a pattern (形成…体系); flag the one that breaks it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from statistics import median

from ..model import Document, Finding
from ..outline import Heading, sibling_groups
from ..text import CJK_RE
from .context import CheckContext

MIN_GROUP = 3
AFFIX = 2


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Check every group of three or more sibling headings."""
    for group in sibling_groups(ctx.outline(doc)):
        titles = [h.title.rstrip("，、：；") for h in group]
        if len(group) < MIN_GROUP or not all(titles):
            continue
        yield from _affix(group, titles, prefix=True)
        yield from _affix(group, titles, prefix=False)
        yield from _length(group, titles)


def _affix(group: list[Heading], titles: list[str], *, prefix: bool) -> Iterator[Finding]:
    """All siblings but one start (or end) alike: the odd one out breaks the pattern."""
    keys = [t[:AFFIX] if prefix else t[-AFFIX:] for t in titles]
    key, count = Counter(keys).most_common(1)[0]
    if count != len(group) - 1 or len(key) < AFFIX or not all(CJK_RE.match(ch) for ch in key):
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
