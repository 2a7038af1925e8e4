"""Document blocks and their numbering: the layer between markup text and the writer.

Heading numbers (一、（一）1.（1）) are computed here from position and restart under
each parent, so templates never type them. Count tokens (``%%parts%%`` and
``%%subs%%`` (level-2 headings or inline points of the part) in the markup, carried here as :data:`COUNT_MARK` pairs) are replaced by the real number of parts or sub-points, written as a
Chinese quantity (两, 三…), so 「讲两点意见」 always matches the structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numerals import cn_count, cn_number

CLOSING_PUNCT = "。！？；：…”’）"


def join_lines(text: str) -> str:
    """``text`` on one line: line breaks dropped, a space kept only between two Latin words."""
    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        if (
            out
            and line
            and out[-1].isascii()
            and out[-1].isalnum()
            and line[0].isascii()
            and line[0].isalnum()
        ):
            out += " "
        out += line
    return out


@dataclass(frozen=True)
class Title:
    """The speech title; a line break in it is one the writer typed."""

    text: str

    @property
    def one_line(self) -> str:
        """The title on one line (for a Markdown heading or a document property)."""
        return join_lines(self.text)


@dataclass(frozen=True)
class Subtitle:
    """A second title line (——…)."""

    text: str


@dataclass(frozen=True)
class Byline:
    """A centred line under the title: the date in parentheses, or the speaker."""

    text: str


@dataclass(frozen=True)
class Salutation:
    """The flush-left first address, 同志们："""

    text: str


@dataclass(frozen=True)
class Heading:
    """A numbered heading; ``number`` is filled by :func:`number_headings`."""

    level: int
    text: str
    number: str = ""

    @property
    def full_text(self) -> str:
        """Number and text as printed on a line of its own (no closing punctuation)."""
        return self.number + self.text.rstrip("。；;")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph.

    ``lead`` is a bold lead sentence, ``heading`` a run-in heading, and ``point`` marks
    an inline sub-point whose sequence word (一是、二要…) is filled into ``seq``.
    """

    text: str
    lead: str = ""
    heading: Heading | None = None
    point: str = ""
    seq: str = ""

    @property
    def plain_text(self) -> str:
        """The paragraph as one string, run-in heading, sequence word and lead included."""
        head = run_in_text(self.heading) if self.heading else ""
        return head + self.seq + self.lead + self.text


Block = Title | Subtitle | Byline | Salutation | Heading | Paragraph


TOP_STYLES = ("一、", "第一，", "一要", "首先")


def sequence_word(n: int, total: int) -> str:
    """首先 / 其次 / 再次 / 最后 for item ``n`` of ``total`` (at most four)."""
    if n == 1:
        return "首先"
    if n == total and total > 2:
        return "最后"
    return "其次" if n == 2 else "再次"


def heading_number(level: int, n: int, style: str = "一、", total: int = 0) -> str:
    """Return the sequence mark for the ``n``-th heading of ``level``: 一、（一）1.（1）.

    Level-1 headings follow the outline's ``style``: 一、, 第一，, 一要 or 首先 (then 其次,
    再次, 最后 — ``total`` is the number of siblings).
    """
    if level == 1:
        if style == "第一，":
            return f"第{cn_number(n)}，"
        if style == "一要":
            return f"{cn_number(n)}要"
        if style == "首先":
            return sequence_word(n, total) + "，"
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


# Closing quotes and brackets: the sentence end, if any, is just before them.
_CLOSERS = "”’）)」』》〉】"
# Marks that join clauses: a heading sentence cannot end on one (it would run on into the body).
_JOINING = "；;，,、"


def run_in_text(heading: Heading) -> str:
    """A run-in heading ends its sentence with 。 unless it already has closing punctuation.

    A closing quote or bracket is looked past (``加强（管理）`` and ``“抓落实”`` get 。, while
    ``“抓落实！”`` does not), and one trailing joining mark (``；``, ``，``, ``、``) is
    replaced by 。 instead of leaving ``加强管理；这项工作……``.
    """
    text = heading.number + heading.text
    if text.endswith(tuple(_JOINING)) and not text[:-1].endswith(tuple(_JOINING + CLOSING_PUNCT)):
        return text[:-1] + "。"
    if text.rstrip(_CLOSERS).endswith(tuple(_SENTENCE_END)):
        return text
    return text + "。"


_SENTENCE_END = "。！？：…!?."


def _point_groups(blocks: list[Block]) -> list[int]:
    """For each block, how many inline points its group (between headings) has."""
    sizes: list[int] = []
    group: list[int] = []
    count = 0
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            sizes.extend([count] * len(group))
            group, count = [], 0
        group.append(i)
        if isinstance(block, Paragraph) and block.point:
            count += 1
    sizes.extend([count] * len(group))
    return sizes


def number_headings(blocks: list[Block], style: str = "一、") -> list[Block]:
    """Number headings by position; each level restarts under its parent.

    Inline points are numbered too, restarting after every heading: ``+是`` gives 一是、二是,
    ``+要`` 一要、二要, ``+先`` 首先、其次、再次、最后. Level-1 headings follow ``style``.
    """
    counters = [0, 0, 0, 0, 0]
    tops = sum(1 for b in blocks if isinstance(b, Heading) and b.level <= 1)
    group_sizes = _point_groups(blocks)
    points = 0
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 4)
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            points = 0
            number = heading_number(level, counters[level], style, tops)
            text = block.text
            if level == 1 and style == "一要" and text.startswith("要"):
                text = text[1:]
            block = replace(block, level=level, number=number, text=text)
        elif isinstance(block, Paragraph) and block.point:
            points += 1
            if block.point == "先":
                seq = sequence_word(points, group_sizes[i]) + "，"
            else:
                seq = f"{cn_number(points)}{block.point}"
            block = replace(block, seq=seq)
        out.append(block)
    return out


COUNT_MARK = "\ufdd1"
_TOKEN = re.compile(COUNT_MARK + r"(parts|subs)" + COUNT_MARK)


def fill_counts(blocks: list[Block]) -> list[Block]:
    """Replace ``%%parts%%`` and ``%%subs%%`` with the real counts, as Chinese quantities."""
    parts = sum(1 for b in blocks if isinstance(b, Heading) and b.level == 1)
    subs_by_part: dict[int, int] = {}
    part = 0
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            part += 1
        elif (isinstance(b, Heading) and b.level == 2) or (isinstance(b, Paragraph) and b.point):
            subs_by_part[part] = subs_by_part.get(part, 0) + 1

    out: list[Block] = []
    part = 0
    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            part += 1

        def sub(m: re.Match[str], _part: int = part) -> str:
            return cn_count(parts if m.group(1) == "parts" else subs_by_part.get(_part, 0))

        if isinstance(b, Paragraph):
            b = replace(b, text=_TOKEN.sub(sub, b.text), lead=_TOKEN.sub(sub, b.lead))
        elif isinstance(b, (Heading, Title, Subtitle, Byline, Salutation)):
            b = replace(b, text=_TOKEN.sub(sub, b.text))
        out.append(b)
    return out


def run_in(blocks: list[Block], levels: frozenset[int]) -> list[Block]:
    """Merge each heading of ``levels`` into the paragraph that follows it."""
    out: list[Block] = []
    pending: Heading | None = None
    for b in blocks:
        if pending is not None:
            if isinstance(b, Paragraph) and b.heading is None:
                out.append(replace(b, heading=pending))
                pending = None
                continue
            out.append(pending)
            pending = None
        if isinstance(b, Heading) and b.level in levels:
            pending = b
            continue
        out.append(b)
    if pending is not None:
        out.append(pending)
    return out


def finish(
    blocks: list[Block], run_in_levels: frozenset[int] = frozenset({2}), style: str = "一、"
) -> list[Block]:
    """Number headings, fill counts and apply run-in headings: the blocks the writer gets."""
    return run_in(fill_counts(number_headings(blocks, style)), run_in_levels)
