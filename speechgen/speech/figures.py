"""How a speech reads out an indicator's figures and a set of lights (the spoken layer).

Pure functions over the context's indicator and ranking values; the templates print
their result (escaped like any value) instead of spelling the comparison out in Jinja.
"""

from __future__ import annotations

from typing import Any

from .numerals import cn_count, ordinal

_MORE_LESS = {"below": "低", "above": "高"}


def indicator_figures(i: Any, style: str = "plain") -> str:
    """One indicator as said: its value, then against its target and last year, then its
    score and rank (产值为12亿元，比目标15亿元低3亿元，也比去年同期的13亿元低1亿元，排第4名).

    ``style="economy"`` is the economy speech's reading: a unit per another unit (吨标准煤/万元)
    is read 吨标准煤每万元 once after the value, the target and last year are said as bare
    numbers and the differences carry the numerator's unit (高0.02吨标准煤); and 也 joins two
    rises as well as two falls. The plain reading says 也 only after two falls.
    """
    per = style == "economy" and "/" in i.unit
    unit = "" if per else i.unit
    diff_unit = i.unit.split("/")[0] if per else i.diff_unit
    words = [i.name]
    if i.value:
        read = i.unit.replace("/", "每") if style == "economy" else i.unit
        words.append(f"{i.verb}{i.value}{read}")
    if i.vs_target in _MORE_LESS:
        words.append(f"，比目标{i.target}{unit}{_MORE_LESS[i.vs_target]}{i.target_diff}{diff_unit}")
    elif i.vs_target == "equal":
        words.append(f"，与目标{i.target}{unit}持平")
    if i.vs_last_year in _MORE_LESS:
        same_way = i.vs_last_year == i.vs_target
        also = "也" if same_way and (style == "economy" or i.vs_target == "below") else ""
        more_less = _MORE_LESS[i.vs_last_year]
        words.append(
            f"，{also}比去年同期的{i.last_year}{unit}{more_less}{i.last_year_diff}{diff_unit}"
        )
    elif i.vs_last_year == "equal":
        words.append(f"，与去年同期的{i.last_year}{unit}持平")
    if i.target and not i.value:
        words.append(f"，目标是{i.target}{i.unit}")
    if i.last_year and not i.value:
        words.append(f"，去年同期是{i.last_year}{i.unit}")
    if i.score:
        full = f"满分{i.full}分、" if i.full else ""
        words.append(f"，{full}得{i.score}分")
    ranks = getattr(i, "rank_style", "arabic")  # the numerals of the ranking's ranks
    if i.rank and i.previous and i.rank != i.previous:
        moved = "降" if i.rank > i.previous else "升"
        words.append(f"，名次从{ordinal(i.previous, ranks)}{moved}到{ordinal(i.rank, ranks)}")
    elif i.rank:
        words.append(f"，排{ordinal(i.rank, ranks)}")
    return "".join(words)


def light_tally(r: Any) -> str:
    """How many indicators are on track and how many lit (两项达到预期，一项亮了红灯。);
    only the groups that have indicators are named."""
    groups = ((r.on_track, "项达到预期"), (r.yellow, "项亮了黄灯"), (r.red, "项亮了红灯"))
    said = [f"{cn_count(len(items))}{label}" for items, label in groups if items]
    return "，".join(said) + "。" if said else ""


def figures_said(indicators: Any, style: str = "plain") -> str:
    """Indicators said one after another, joined by ；and closed by 。 ("" for none)."""
    said = [indicator_figures(i, style) for i in indicators]
    return "；".join(said) + "。" if said else ""


def light_group(indicators: Any, label: str, style: str = "plain") -> str:
    """A group of indicators under its light (达到预期、亮黄灯、亮红灯): 亮红灯的是…。 for one,
    亮红灯的有两项：…；…。 for several ("" for none)."""
    items = list(indicators)
    if not items:
        return ""
    head = f"有{cn_count(len(items))}项：" if len(items) > 1 else "是"
    return f"{label}的{head}{figures_said(items, style)}"


def any_lit(rankings: Any) -> bool:
    """Some assessment has an indicator lit red or yellow: the stock lines about lit
    indicators (``has: target``) fit; otherwise those about the ranking."""
    return any(r.lights in ("red", "yellow") for r in rankings)
