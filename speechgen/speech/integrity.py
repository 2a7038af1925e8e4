"""What a warning-education speech (警示教育会) reads from its cases and its remedies.

The warning template picks its reasoning by angle: a case is told by what kind of case it
is (受贿, 吃请, 泄密…), a remedy by what it governs (用权, 交往, 监督…). Both are found
from the writer's words, first match in table order, so the template only passes them on
to the material library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# A remedy's own topics beside the general ones (speechgen.speech.topics).
REMEDY_WORDS: dict[str, tuple[str, ...]] = {
    "交往": ("交往", "宴请", "中介", "当事人", "纳税人", "律师", "三个规定", "请托", "打招呼"),
    "作风": ("吃喝", "四风", "公车", "礼品", "礼金", "作风"),
    "教育": ("教育", "培训", "谈话", "提醒", "承诺", "警示"),
    "用权": (
        "执法",
        "执行",
        "稽查",
        "审批",
        "审核",
        "退税",
        "案款",
        "采购",
        "招投标",
        "资金",
        "权力",
    ),
    "监督": ("监督", "复核", "轮岗", "留痕", "公开", "报告", "通报", "巡察", "检查", "明察暗访"),
    "节点": ("节日", "节前", "节假", "中秋", "国庆", "春节", "元旦", "端午", "五一"),
}

# What kind of case it is, read from who did what.
CASE_WORDS: dict[str, tuple[str, ...]] = {
    "侵占": ("虚报", "虚开", "套取", "侵占", "挪用", "私用", "贪污"),
    "受贿": ("收受", "受贿", "好处费", "财物", "索取", "索要"),
    "吃请": ("宴请", "吃请", "购物卡", "礼品", "礼金", "吃喝", "旅游"),
    "小岗位": ("书记员", "聘用", "辅助", "协管", "临时", "科员", "窗口"),
    "放水": ("拖延", "选择性", "减轻处罚", "违规办理", "违规会见", "打招呼", "干预", "放水"),
    "泄密": ("泄露", "透露", "复印", "通风报信", "泄密"),
}

# Words of a lesson that already says what a kind of case teaches: the speech does not
# tell that kind's point again.
LESSON_WORDS: dict[str, tuple[str, ...]] = {
    "受贿": ("受贿", "权钱", "收钱"),
    "吃请": ("饭", "宴", "吃"),
    "泄密": ("泄", "信息", "秘密"),
    "放水": ("通融", "放水", "口子"),
    "小岗位": ("岗位",),
    "侵占": ("公款", "占"),
}


def _named(table: dict[str, tuple[str, ...]], text: str) -> list[str]:
    """The keys of ``table`` whose words appear in ``text``, in code-point order of the key."""
    return [key for key, words in sorted(table.items()) if any(w in text for w in words)]


def remedy_topics(
    title: str, topics: Sequence[str], said: Iterable[str | None] = ()
) -> tuple[str, ...]:
    """A remedy's topics: its general ``topics`` and the remedy topics its title names.

    When neither gives any, the remedy topics named anywhere in what the writer said of
    it (``said``: why, steps, point titles) stand in.
    """
    found = list(topics) + _named(REMEDY_WORDS, title)
    if found:
        return tuple(found)
    return tuple(_named(REMEDY_WORDS, title + "".join(t for t in said if t)))


def case_kinds(cases: Iterable[tuple[str, str | None]]) -> tuple[tuple[str, ...], ...]:
    """Each case's kinds, from ``(who + what, lesson)`` pairs in speech order.

    A kind is told once per speech (the first case of that kind carries it), and not for a
    case whose own lesson already says it.
    """
    seen: list[str] = []
    out = []
    for deed, lesson in cases:
        kinds = [
            kind
            for kind in _named(CASE_WORDS, deed)
            if kind not in seen and not any(w in (lesson or "") for w in LESSON_WORDS[kind])
        ]
        seen += kinds
        out.append(tuple(kinds))
    return tuple(out)


def case_named(text: str, shorts: Sequence[str]) -> int | None:
    """The index of the first case whose short name (钱某) ``text`` mentions, or None."""
    return next((i for i, short in enumerate(shorts) if short in text), None)
