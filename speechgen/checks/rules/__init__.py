"""The rule catalogue of ``speechgen check``: ids, default severities and what they find.

Each family lives in its own module with a ``check(doc, ctx)`` generator; the
ids here are what ``--ignore`` and the config file name (a family name such as
``punct`` switches off all its rules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Document, Finding
from .context import CheckContext


@dataclass(frozen=True)
class RuleSpec:
    """One rule: its id, default severity and a one-line Chinese description."""

    id: str
    severity: str
    description: str

    @property
    def family(self) -> str:
        """The part before the dot: ``punct`` for ``punct.unpaired``."""
        return self.id.split(".", 1)[0]


RULES: dict[str, RuleSpec] = {
    spec.id: spec
    for spec in (
        RuleSpec(
            "placeholder.text", "error", "遗留占位符：某某、XX、×××、〇〇、TODO、【待补充】等"
        ),
        RuleSpec("placeholder.template", "error", "没有渲染的模板标记 {{ }} 或 {% %}"),
        RuleSpec(
            "placeholder.markup", "error", "讲话稿标记 # ## ** +是 留在正文里（标题粘进了段落）"
        ),
        RuleSpec("placeholder.empty", "warning", "空括号、空引号：（）【】《》“”"),
        RuleSpec("punct.unpaired", "error", "引号、括号、书名号不成对：“” ‘’ （） 《》 【】"),
        RuleSpec("punct.halfwidth", "warning", "中文之间用了半角标点 , . : ; ? ! ( )"),
        RuleSpec("punct.dash", "warning", "破折号写成 - 或 —（应为 ——）"),
        RuleSpec("punct.ellipsis", "warning", "省略号写成 ... 或 。。。（应为 ……）"),
        RuleSpec("punct.doubled", "warning", "标点重复或连用，如 ，， 。，"),
        RuleSpec(
            "structure.count", "error", "「讲两点意见」等说的数目与后面实际的部分或小点数不符"
        ),
        RuleSpec(
            "structure.numbering",
            "error",
            "标题或「一是、二是」序号跳号、重号、没有从（一）重新开始",
        ),
        RuleSpec("structure.level", "warning", "标题跳级，如 一、 下面直接是 1."),
        RuleSpec("structure.zero", "error", "宣布的数目是零，如「讲零点意见」「以下零个方面」"),
        RuleSpec(
            "structure.lone", "warning", "序号只有第一项：「一是」没有「二是」，（一）下没有（二）"
        ),
        RuleSpec("parallel.pattern", "warning", "并列标题中有一个不合共同的开头或结尾"),
        RuleSpec("parallel.length", "info", "并列标题中有一个明显过长或过短"),
        RuleSpec(
            "parallel.skeleton",
            "warning",
            "并列标题的句式不同：分句数或「但」「更要」「要」「把」「和」「的」、引号的位置不一样",
        ),
        RuleSpec(
            "numbers.mixed", "warning", "同类数字写法不一致，如 第3名 与 第三名、两种日期写法"
        ),
        RuleSpec("numbers.date", "error", "不存在的日期，如 2026年2月30日"),
        RuleSpec("numbers.fullwidth", "warning", "全角数字，如 ３月 应写作 3月"),
        RuleSpec("numbers.rank", "error", "名次大于参加排名的单位数（需 --brief 或检查简报）"),
        RuleSpec("length.time", "warning", "估计讲话时间超过简报的目标时长 meeting.minutes"),
        RuleSpec(
            "length.short",
            "warning",
            "全文不到篇幅预算的 70%（预算 = meeting.minutes × 语速，没有时长时按模板的默认篇幅）",
        ),
        RuleSpec(
            "length.thin",
            "info",
            "全文在篇幅预算的 70%～85% 之间：列出简报里还可以补充的内容（不会用重复的话凑字数）",
        ),
        RuleSpec("length.balance", "info", "各部分篇幅相差悬殊（最长的超过最短的 3 倍）"),
        RuleSpec("spoken.repeat", "warning", "同一篇讲话里有一句话（10 个字以上）讲了两遍"),
        RuleSpec("spoken.bracket", "warning", "正文里有括号（念不出来），标题序号和日期行除外"),
        RuleSpec(
            "spoken.count_word",
            "warning",
            "数量词与后面列出的项数不符：「以下三点：」后面两项，「不少亮点：」后面只有一项",
        ),
        RuleSpec(
            "spoken.deadline",
            "warning",
            "时限的说法自相矛盾：「长期坚持」「每月」与「前完成」「按时完成」「倒排工期」同句，"
            "或「6月30日前」与「久久为功」「常抓不懈」同句",
        ),
        RuleSpec(
            "brief.missing",
            "error",
            "简报中的成绩、差距、举措或其他任何一项内容（细节也算）在稿中找不到了（需 --brief）",
        ),
        RuleSpec(
            "brief.unrendered",
            "warning",
            "检查简报时：简报中的某项内容没有写进生成的讲话稿（模板没有用到它）",
        ),
        RuleSpec("brief.changed", "error", "名次或日期与简报不一致（需 --brief）"),
        RuleSpec(
            "brief.deadline_before_meeting",
            "warning",
            "简报中举措的完成时限早于会议日期（检查简报或给了 --brief 时）",
        ),
        RuleSpec("revision.pending", "info", "Word 稿中有未处理的修订（插入、删除）"),
        RuleSpec("revision.comment", "info", "Word 稿中有批注"),
    )
}
FAMILIES = sorted({spec.family for spec in RULES.values()})

Check = Callable[[Document, CheckContext], Iterable[Finding]]


def all_checks() -> list[Check]:
    """The check functions of every rule family, in report order."""
    from . import (
        against_brief,
        brackets,
        brief_facts,
        count_words,
        deadline_words,
        length,
        lone_points,
        numbers,
        parallelism,
        placeholders,
        punctuation,
        repeats,
        structure,
        values,
    )

    return [
        placeholders.check,
        punctuation.check,
        structure.check,
        lone_points.check,
        parallelism.check,
        numbers.check,
        length.check,
        repeats.check,
        brackets.check,
        count_words.check,
        deadline_words.check,
        against_brief.check,
        values.check,
        brief_facts.check,
    ]
