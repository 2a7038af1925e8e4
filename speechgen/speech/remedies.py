"""How a warning meeting's speech names who leads a remedy, who helps and by when it is done.

Both rotate with the measure's number so that a list of remedies does not repeat one
phrasing: 这项工作由……牵头 / 牵头单位是…… / 由……牵头负责 / 这件事由……抓总."""

from __future__ import annotations

from typing import Any

from .facts import BY_PERIOD, DATE, ONGOING, RECURRING
from .numerals import join_cn

_OWNER_FORMS = ("这项工作由{}牵头", "牵头单位是{}", "由{}牵头负责", "这件事由{}抓总")
_PERIOD_ENDS = "天日周旬月季度年"


def remedy_owner(x: Any) -> str:
    """Who leads the remedy, in the form its number selects."""
    return _OWNER_FORMS[(x.number - 1) % 4].format(x.owner)


def remedy_due(x: Any) -> str:
    """By when the remedy is done: a date or period as 务必在……整改到位 / 确保……全部完成
    (alternating), a recurring one as 坚持每月开展一次，形成常态, an ongoing one as
    常抓不懈; a deadline written as a clause (确保……) is kept as written."""
    t = x.deadline_text
    if x.deadline_worded:
        return f"要确保{t}"
    if x.deadline_kind in (DATE, BY_PERIOD):
        done = "整改到位" if "整" in x.title else "完成"
        if x.number % 2:
            return f"务必在{x.due_by}{done}"
        return f"确保{x.due_by}{'全部' if done == '完成' else ''}{done}"
    if x.deadline_kind == RECURRING:
        every = x.deadline_bare or t[-1:] in _PERIOD_ENDS
        return f"坚持{t}{'开展一次' if every else ''}，形成常态"
    if x.deadline_verbal:
        return f"要{t}、常抓不懈"
    if x.deadline_kind == ONGOING:
        return f"时间要求是{t}，要持续用力、常抓不懈"
    return f"时间要求是{t}"


def remedy_lead(x: Any) -> str:
    """The sentence on who leads the remedy, who helps and by when (这项工作由甲牵头，乙配合，
    务必在6月底前整改到位。); only the time when no owner is given; "" when neither is."""
    if x.owner:
        helpers = f"，{join_cn(list(x.co_owners))}配合" if x.co_owners else ""
        due = f"，{remedy_due(x)}" if x.deadline_text else ""
        return f"{remedy_owner(x)}{helpers}{due}。"
    return f"这项工作{remedy_due(x)}。" if x.deadline_text else ""
