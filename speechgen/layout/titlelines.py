"""Break a long speech title into lines the way GB/T 9704 §7.3.3 asks.

「回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形」:
a title too long for one line is broken between words, never inside one, into a
trapezoid (正梯形, each line longer than the one above: 10 over 14) or, from three
lines on, a diamond (菱形, the longest line in the middle); never a rectangle, an
hourglass or the inverted trapezoid that filling the first line makes (19 over 13).

Word boundaries come from rjieba (jieba's dictionary in Rust; the only segmenter
light enough here: its dictionary builds in about 0.2 s against 1.2 s for pure-Python
jieba, and it is imported only when a title needs breaking). A few rules of the genre
refine them: numbers and dates stay whole (``二〇二六年``), the closing 「上的讲话」 stays
whole and keeps its noun, 「、」 ends a line and a conjunction (暨、和、与、及) begins one,
and no line starts with closing punctuation or ends with an opening mark.

A title the writer broke (a line break typed in ``meeting.title``) is left as typed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import combinations

from .profile import Profile

_NUMERAL = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千两")
_NUMBER_UNIT = set("年月日度届次季期号")
_NO_LINE_START = set("，。、；：？！）》」』”’…—·,.;:?!)]%")
_NO_LINE_END = set("（《「『“‘([")
_JOINERS = frozenset({"暨", "和", "与", "及", "以及", "并"})
_TAIL = re.compile(r"上的(?:讲话|致辞|发言|总结讲话|主持词|报告)$")
_MAX_LINES = 4  # a longer title is filled line by line (no shape search)
_TIME_ENDS = ("年", "年度", "季度", "半年", "月份", "月")
_SCOPE_ENDS = ("局", "委", "厅", "办", "院", "系统", "政府", "公司", "集团")
_SCOPES = frozenset(
    {"全国", "全省", "全市", "全县", "全区", "全州", "全盟", "全旗", "全镇", "全乡"}
)
_EXTRA_LINE = 4.0  # cost of each line beyond the fewest the width allows
_IDEAL_STEP = 3  # characters each line grows by (or shrinks by, below a diamond's middle)


def title_width(profile: Profile) -> int:
    """How many Chinese title characters fit on one line of ``profile``'s type area."""
    page = profile.page
    width_pt = (page.width_mm - page.left_mm - page.right_mm) * 72 / 25.4
    advance = (profile.element("title").size or 22) + profile.char_spacing_pt
    return max(4, math.floor((width_pt + 0.5) / advance))


def text_width(text: str) -> float:
    """Printed width in Chinese characters: a Latin letter, digit or space is half of one.

    East-Asian-ambiguous marks (“ ” — …) count as whole: the draft draws them in the
    Chinese font.
    """
    return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1.0 for c in text)


def title_lines(text: str, width: int) -> list[str]:
    """The lines of ``text`` as printed: as typed when it has line breaks or fits, else shaped."""
    if "\n" in text or text_width(text) <= width:
        return text.split("\n")
    cuts = _best_cuts(text, width)
    bounds = [0, *cuts, len(text)]
    lines = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    for i in range(1, len(lines)):  # a space between Latin words ends the line above, unseen
        stripped = lines[i].lstrip(" ")
        lines[i - 1] += lines[i][: len(lines[i]) - len(stripped)]
        lines[i] = stripped
    return lines


# ----------------------------------------------------------------------------- candidates


def _words(text: str) -> list[str]:
    """``text`` cut into words (rjieba builds its dictionary when first imported)."""
    import rjieba

    return list(rjieba.cut(text))


def _break_costs(text: str) -> dict[int, float]:
    """Positions where a line may end, each with its cost (lower is better).

    Only word boundaries qualify. Best are the joints between coordinate topics
    (before 暨、和、与、及, after 、); good are the ends of the scope and time that
    open a title (在全市税务系统 / 2026年度); a boundary inside a topic phrase
    (作风 / 建设) is the last choice; breaking off 「上的讲话」 is worse still.
    """
    words = _words(text)
    tail = _TAIL.search(text)
    tail_start = tail.start() if tail else len(text)
    costs: dict[int, float] = {}
    pos = 0
    for word, following in zip(words, words[1:], strict=False):
        pos += len(word)
        before, after = text[pos - 1], text[pos]
        if pos > tail_start or after in _NO_LINE_START or before in _NO_LINE_END:
            continue
        if before in _NUMERAL and (after in _NUMERAL or after in _NUMBER_UNIT) or before == "第":
            continue
        if (
            len(following) == 1
            and "\u4e00" <= following <= "\u9fff"
            and following not in _JOINERS | _NUMERAL
        ):
            continue  # 「分析 / 会」「滨江 / 市」: a lone character belongs to the word before it
        if following in _JOINERS or before == "、":
            cost = -6.0
        elif word in _JOINERS:
            cost = -3.0
        elif word.endswith(_TIME_ENDS) or word.endswith(_SCOPE_ENDS) or word in _SCOPES:
            cost = 0.0
        else:
            cost = 5.0
        if pos == tail_start:
            cost += 8  # 「上的讲话」 cut off from its meeting
        costs[pos] = cost
    return costs


# ----------------------------------------------------------------------------- shapes


def _shape_cost(widths: list[float], strict: bool) -> float | None:
    """How far line ``widths`` are from a good trapezoid or diamond; None when neither.

    Lines grow to a longest line and may shrink after it (a diamond needs three lines
    and a first and last line shorter than the longest). Each step should be about
    :data:`_IDEAL_STEP` characters; the cost grows linearly with the difference, so a
    better break point outweighs a less even shape.
    """
    peak = widths.index(max(widths))
    if peak == 0:
        return None  # a rectangle or an inverted trapezoid
    rising = [b - a for a, b in zip(widths[: peak + 1], widths[1 : peak + 1], strict=False)]
    falling = [a - b for a, b in zip(widths[peak:], widths[peak + 1 :], strict=False)]
    low = 0.5 if strict else 0.0
    if any(step < low for step in rising + falling):
        return None
    return float(sum(abs(step - _IDEAL_STEP) for step in rising + falling))


def _prefix_widths(text: str) -> list[float]:
    """``out[i]`` is the printed width of ``text[:i]``."""
    out = [0.0]
    for c in text:
        out.append(out[-1] + text_width(c))
    return out


def _best_cuts(text: str, width: int) -> list[int]:
    """Break positions for the best-shaped split of ``text`` (fewest lines preferred)."""
    prefix = _prefix_widths(text)
    least = math.ceil(prefix[-1] / width)
    if least > _MAX_LINES:
        return _fill(prefix, width)
    costs = _break_costs(text)
    positions = sorted(costs)
    for strict in (True, False):
        best: tuple[float, tuple[int, ...]] | None = None
        for lines in range(least, min(least + 1, _MAX_LINES) + 1):
            for cuts in combinations(positions, lines - 1):
                bounds = [0, *cuts, len(text)]
                if min(b - a for a, b in zip(bounds, bounds[1:], strict=False)) < 2:
                    continue
                widths = [prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:], strict=False)]
                if max(widths) > width:
                    continue
                shape = _shape_cost(widths, strict)
                if shape is None:
                    continue
                score = shape + sum(costs[c] for c in cuts) + _EXTRA_LINE * (lines - least)
                if best is None or score < best[0]:
                    best = (score, cuts)
        if best is not None:
            return list(best[1])
    return _fill(prefix, width)


def _fill(prefix: list[float], width: int) -> list[int]:
    """Last resort (no word boundary gives a fitting shape): lines of equal width, none too wide."""
    lines = math.ceil(prefix[-1] / max(1, width - 1))
    cuts: list[int] = []
    for k in range(1, lines):
        goal = prefix[-1] * k / lines
        cuts.append(max(i for i, w in enumerate(prefix) if w <= goal))
    return cuts
