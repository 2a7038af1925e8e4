"""Each rule of ``speechgen check`` with a positive and a negative case (texts built inline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.model import Document, Finding, Para
from speechgen.checks.rules import RULES
from speechgen.facade import load_and_validate

from helpers import FULL_BRIEF, write_brief


def run(text: str, brief=None, compare: bool = False, **settings) -> list[Finding]:
    """Findings for ``text`` (one paragraph per line) as a .txt file would give them."""
    paras = [Para(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    doc = Document("t.txt", "text", paras)
    return check_document(doc, CheckSettings(**settings), brief=brief, compare=compare).findings


def rules(text: str, **kwargs) -> list[str]:
    """Rule ids found in ``text``."""
    return [f.rule for f in run(text, **kwargs)]


@pytest.fixture
def brief(tmp_path: Path):
    """The conftest full brief (previous 3, current 9, total 13), validated."""
    return load_and_validate(write_brief(tmp_path, FULL_BRIEF))[1]


# --- placeholders -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "请某某同志发言。",
        "由XX科牵头。",
        "由xx负责。",
        "××× 同志",
        "〇〇年完成。",
        "TODO 补一句。",
        "此处【待补充】。",
        "时间：（待定）",
    ],
)
def test_placeholder_text_found(text: str) -> None:
    assert "placeholder.text" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "二〇二六年五月十日召开。",
        "二〇〇八年以来。",
        "张某同志发言。",
        "XXL 号衣服",
        "Xbox 主机",
        "这是今年的第一次会议。",
    ],
)
def test_placeholder_text_not_found(text: str) -> None:
    assert "placeholder.text" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "说到底还是人的问题。# 扎实推进重点任务",
        "说到底还是人的问题。## （一）抓好项目",
        "要把工作抓实。**一要抓思想。**",
        "要把工作抓实。+是 **抓思想。**",
    ],
)
def test_markup_left_in_a_paragraph(text: str) -> None:
    assert "placeholder.markup" in _docx_rules(text)
    assert "placeholder.markup" not in rules(text)  # in a .md file it is the file's formatting


@pytest.mark.parametrize("text", ["第#3号文件要落实。", "C# 和 Python 都可以。", "全年增长+5%。"])
def test_no_markup_finding_for_ordinary_text(text: str) -> None:
    assert "placeholder.markup" not in _docx_rules(text)


def _docx_rules(text: str) -> list[str]:
    """Rule ids found in ``text`` read as the paragraphs of a Word draft."""
    doc = Document("d.docx", "docx", [Para(i, line) for i, line in enumerate(text.splitlines())])
    return [f.rule for f in check_document(doc, CheckSettings()).findings]


def test_placeholder_template_and_empty_brackets() -> None:
    assert "placeholder.template" in rules("今天召开{{ meeting.name }}。")
    assert "placeholder.template" in rules("{% if x %}部署工作。")
    assert "placeholder.empty" in rules("参加会议的有（）等单位。")
    assert "placeholder.empty" in rules("学习《》精神。")
    assert not {"placeholder.template", "placeholder.empty"} & set(
        rules("学习《条例》精神（全文）。")
    )


def test_placeholder_location_is_line_and_column() -> None:
    found = [f for f in run("第一行。\n请某某同志发言。") if f.rule == "placeholder.text"]
    assert [(f.para, f.offset) for f in found] == [(1, 1)]


# --- punctuation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "他说“要实干。",
        "要“严的基调“和实干。",
        "这就是”落实年“。",
        "（一肯定成绩",
        "学习《条例精神。",
        "加强【组织领导。",
        "见附件）。",
    ],
)
def test_unpaired_found(text: str) -> None:
    assert "punct.unpaired" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "他说“要实干”。",
        "“标兵”和“追兵”",
        "学习《条例》（2025年版）",
        "他讲了‘实干’二字。",
        "It’s fine。",
        "(一)肯定成绩",
    ],
)
def test_unpaired_not_found(text: str) -> None:
    assert "punct.unpaired" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "名次下降,多个项目",
        "同志们:今天开会",
        "措施明确;有的单位",
        "要求.下面",
        "是否有危机感?大家",
        "干起来!同志们",
        "(一)肯定成绩",
        "大量 , 工作",
    ],
)
def test_half_width_found(text: str) -> None:
    assert "punct.halfwidth" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "增长5,000元",
        "1.加强组织领导",
        "达到3.5%以上",
        "GDP增长",
        "是1+1>2的效果",
        "Version 1.2: done",
        "（一）肯定成绩，名列前茅。",
        "(2026)年",
    ],
)
def test_half_width_not_found(text: str) -> None:
    assert "punct.halfwidth" not in rules(text)


def test_dash_ellipsis_doubled() -> None:
    assert "punct.dash" in rules("关键在人-人是根本。")
    assert "punct.dash" in rules("关键在人—人是根本。")
    assert "punct.dash" not in rules("关键在人——人是根本。2025-2026年度。")
    assert "punct.ellipsis" in rules("等等...都要抓。")
    assert "punct.ellipsis" in rules("等等…都要抓。")
    assert "punct.ellipsis" in rules("等等。。。都要抓。")
    assert "punct.ellipsis" not in rules("等等……都要抓。")
    assert "punct.doubled" in rules("要抓落实，，不能空谈。")
    assert "punct.doubled" in rules("要抓落实。，不能空谈。")
    assert "punct.doubled" not in rules("真的吗？！要抓落实，不能空谈。")


# --- structure --------------------------------------------------------------------------

GOOD_OUTLINE = """下面，我讲两点意见。
一、认清形势
针对当前形势，我提三点要求。
（一）肯定成绩。
（二）正视差距。
（三）突出重点。
二、狠抓落实
我再强调两个方面。
（一）形成担当体系。
（二）形成责任体系。"""


def test_structure_clean_outline_has_no_findings() -> None:
    assert not [r for r in rules(GOOD_OUTLINE) if r.startswith(("structure", "parallel"))]


def test_announced_count_against_parts() -> None:
    text = GOOD_OUTLINE.replace("我讲两点意见", "我讲三点意见")
    found = [f for f in run(text) if f.rule == "structure.count"]
    assert len(found) == 1 and found[0].para == 0
    assert "两个" in found[0].message


def test_announced_count_against_sub_points_and_inline_points() -> None:
    text = GOOD_OUTLINE.replace("我提三点要求", "我提以下四点要求")
    assert [f.para for f in run(text) if f.rule == "structure.count"] == [2]
    assert "structure.count" in rules("从三个方面抓好：一是抓思想；二是抓作风。")
    assert "structure.count" not in rules("从两个方面抓好：一是抓思想；二是抓作风。")
    assert "structure.count" in rules("我提三点要求。\n一是抓思想。\n二是抓作风。")
    assert "structure.count" not in rules("我提两点要求。\n一是抓思想。\n二是抓作风。")


def test_announced_problems() -> None:
    assert "structure.count" in rules("下面，我讲三个问题。\n一、认清形势\n二、狠抓落实")
    assert "structure.count" not in rules("下面，我讲两个问题。\n一、认清形势\n二、狠抓落实")
    assert "structure.count" not in rules("去年解决了三个问题。\n一、认清形势\n二、狠抓落实")


def test_passing_mention_of_a_count_is_not_an_announcement() -> None:
    assert "structure.count" not in rules(
        "这三个方面的工作很重要，大家要抓好。后面还有很多话。\n一、认清形势"
    )


def test_numbering_gap_repeat_and_restart() -> None:
    gap = GOOD_OUTLINE.replace("（三）突出重点", "（四）突出重点").replace("三点要求", "两点要求")
    assert "structure.numbering" in rules(gap)
    repeat = GOOD_OUTLINE.replace("（二）正视差距", "（一）正视差距")
    assert "structure.numbering" in rules(repeat)
    no_restart = GOOD_OUTLINE.replace("（一）形成担当体系", "（四）形成担当体系").replace(
        "（二）形成责任体系", "（五）形成责任体系"
    )
    messages = [f.message for f in run(no_restart) if f.rule == "structure.numbering"]
    assert any("重新编号" in m for m in messages)


def test_inline_point_numbering() -> None:
    assert "structure.numbering" in rules("要做到：一是抓思想；三是抓作风。")
    assert "structure.numbering" in rules("一是抓思想。\n三是抓作风。")
    assert "structure.numbering" not in rules("要做到：一是抓思想；二是抓作风；三是抓落实。")


def test_skipped_level() -> None:
    assert "structure.level" in rules("一、认清形势\n1.肯定成绩。\n2.正视差距。")
    assert "structure.level" not in rules("一、认清形势\n（一）肯定成绩。\n1.具体要求。")


# --- parallelism ------------------------------------------------------------------------

FOUR = """二、狠抓落实
（一）形成各司其职的担当体系。一是……
（二）形成协同高效的责任体系。
（三）{third}。
（四）形成奖惩有力的考核体系。"""


def test_parallel_pattern_breaks() -> None:
    found = [
        f for f in run(FOUR.format(third="建立步步为营的督办体系")) if f.rule == "parallel.pattern"
    ]
    assert [f.para for f in found] == [3]
    assert "形成" in found[0].message
    suffix = [
        f for f in run(FOUR.format(third="形成步步为营的督办机制")) if f.rule == "parallel.pattern"
    ]
    assert [f.para for f in suffix] == [3] and "体系" in suffix[0].message


def test_parallel_pattern_kept() -> None:
    assert not [
        r for r in rules(FOUR.format(third="形成步步为营的督办体系")) if r.startswith("parallel")
    ]


def test_parallel_pattern_ignores_shared_digits() -> None:
    text = "一、2025年工作回顾\n二、2026年主要任务\n三、切实加强组织领导"
    assert "parallel.pattern" not in rules(text)


def test_parallel_length() -> None:
    long = "形成步步为营、层层压实、环环相扣、件件落地、事事有回音的督办体系"
    assert "parallel.length" in rules(FOUR.format(third=long))
    assert "parallel.length" not in rules(FOUR.format(third="形成督办体系"))


# --- numbers and dates ------------------------------------------------------------------


def test_mixed_rank_forms() -> None:
    found = [f for f in run("从第3名下降到第9名。\n去年是第三名。") if f.rule == "numbers.mixed"]
    assert [f.para for f in found] == [1]
    assert "numbers.mixed" not in rules("从第3名下降到第9名。")
    assert "numbers.mixed" not in rules("从第三名下降到第九名。")


def test_mixed_date_forms() -> None:
    assert "numbers.mixed" in rules("2026年5月10日召开。\n二〇二六年六月三十日前完成。")
    assert "numbers.mixed" not in rules("二〇二六年五月十日召开。\n二〇二六年六月三十日前完成。")


@pytest.mark.parametrize(
    "text",
    ["2026年2月30日前完成。", "2025年2月29日", "二〇二六年二月三十日", "4月31日前", "2026年13月"],
)
def test_impossible_dates(text: str) -> None:
    assert "numbers.date" in rules(text)


@pytest.mark.parametrize(
    "text",
    ["2026年2月28日前完成。", "2024年2月29日", "二〇二六年五月十日", "2月29日前", "2026年12月"],
)
def test_possible_dates(text: str) -> None:
    assert "numbers.date" not in rules(text)


def test_rank_beyond_total_needs_a_brief(brief) -> None:
    assert "numbers.rank" in rules("下降到第15名。", brief=brief)
    assert "numbers.rank" not in rules("下降到第9名。", brief=brief)
    assert "numbers.rank" not in rules("下降到第15名。")


# --- length -----------------------------------------------------------------------------


def test_length_over_target(tmp_path: Path) -> None:
    brief = load_and_validate(
        write_brief(tmp_path, FULL_BRIEF.replace("  audience:", "  minutes: 1\n  audience:"))
    )[1]
    assert "length.time" in rules("抓落实" * 100, brief=brief)
    assert "length.time" not in rules("抓落实" * 50, brief=brief)
    assert "length.time" in rules("抓落实" * 50, brief=brief, chars_per_minute=100)


def test_length_balance_and_stats() -> None:
    text = "一、认清形势\n" + "形势严峻。" * 100 + "\n二、狠抓落实\n落实。"
    assert "length.balance" in rules(text)
    assert "length.balance" not in rules("一、认清形势\n形势严峻。\n二、狠抓落实\n狠抓落实。")
    doc = Document("t.txt", "text", [Para(1, "一、认清形势"), Para(2, "形势" * 110)])
    stats = check_document(doc, CheckSettings()).stats
    assert stats["chars"] == 225 and stats["minutes"] == round(225 / 220, 1)
    assert [p["label"] for p in stats["parts"]] == ["第一部分"]


# --- settings ---------------------------------------------------------------------------


def test_ignore_by_rule_or_family() -> None:
    text = "请某某同志发言,大家要“实干。"
    assert "placeholder.text" not in rules(text, ignore={"placeholder.text"})
    assert not [r for r in rules(text, ignore={"punct"}) if r.startswith("punct")]
    assert "placeholder.text" in rules(text, ignore={"punct"})


def test_severity_override_and_defaults() -> None:
    found = run("请某某同志发言。", severity={"placeholder.text": "info"})
    assert {f.severity for f in found} == {"info"}
    assert all(spec.severity in ("error", "warning", "info") for spec in RULES.values())


def found(text: str, rule: str, **settings) -> list[Finding]:
    """Findings of ``rule`` only."""
    return [f for f in run(text, **settings) if f.rule == rule]


def test_placeholder_run_with_a_character_between_is_one_finding() -> None:
    hits = found("在此，我代表某某市某某局，向大家致以问候。", "placeholder.text")
    assert len(hits) == 1
    assert hits[0].offset == len("在此，我代表")
    assert "某某市某某" in hits[0].message


def test_placeholder_overlapping_and_adjacent_matches_are_one_finding() -> None:
    assert len(found("请XX某某同志发言。", "placeholder.text")) == 1
    assert len(found("请〇〇某某同志发言。", "placeholder.text")) == 1


def test_placeholders_apart_or_across_punctuation_stay_separate() -> None:
    hits = found("请某某同志、某某同志发言。", "placeholder.text")
    assert [h.offset for h in hits] == [1, 6]
    assert len(found("某某，某某", "placeholder.text")) == 2


@pytest.mark.parametrize(
    "text",
    ["下面，我讲零点意见。", "工作要抓好以下零个方面：", "我强调零个问题。", "提出0点要求。"],
)
def test_zero_count_is_reported(text: str) -> None:
    hits = found(text, "structure.zero")
    assert len(hits) == 1
    assert hits[0].severity == "error"


@pytest.mark.parametrize(
    "text",
    [
        "下面，我讲两点意见。",
        "工作要抓好以下10个方面：",
        "一百零五个方面的指标全部达标。",
        "今晚零点开始执行新规定。",
        "实现安全事故零发生。",
    ],
)
def test_non_zero_counts_are_not_reported(text: str) -> None:
    assert found(text, "structure.zero") == []


def test_zero_count_can_be_ignored() -> None:
    assert found("下面，我讲零点意见。", "structure.zero", ignore={"structure.zero"}) == []


@pytest.mark.parametrize(
    "text",
    [
        "（一）抓落实。一是明确责任，确保到位。",
        "各单位：一要提高认识。\n一、下一部分\n一要抓好。二要落实。\n二、结束",
        "要做到：一是明确责任。一是压实任务。",
    ],
)
def test_lone_inline_point_is_reported(text: str) -> None:
    hits = found(text, "structure.lone")
    assert hits
    assert hits[0].severity == "warning"
    assert "二" in hits[0].message


@pytest.mark.parametrize(
    "text",
    [
        "要做到：一是明确责任；二是压实任务。",
        "要做到：\n一是明确责任。\n二是压实任务。",
        "抓落实，一要提高认识；二要狠抓落实。",
        "做到统一是前提，第一是关键。",
    ],
)
def test_inline_points_with_a_second_are_not_reported(text: str) -> None:
    assert found(text, "structure.lone") == []


def test_lone_point_does_not_borrow_a_second_from_the_next_part() -> None:
    text = "一、总体要求\n一是提高认识。\n二、具体任务\n一是抓好落实。\n二是强化督查。"
    hits = found(text, "structure.lone")
    assert [h.para for h in hits] == [1]


def test_lone_sub_heading_is_reported_per_parent() -> None:
    text = (
        "一、认清形势\n（一）肯定成绩。\n（二）正视差距。\n二、狠抓落实\n（一）压实责任。\n三、结束"
    )
    hits = found(text, "structure.lone")
    assert [(h.para, h.offset) for h in hits] == [(4, 0)]
    assert "（二）" in hits[0].message


def test_lone_numbered_point_is_reported() -> None:
    text = "（一）肯定成绩。\n1.抓好收入。\n（二）正视差距。\n1.补短板。\n2.强弱项。"
    hits = found(text, "structure.lone")
    assert [h.para for h in hits] == [1]


def test_complete_outline_has_no_lone_finding() -> None:
    text = "一、认清形势\n（一）肯定成绩。\n（二）正视差距。\n二、狠抓落实\n（一）压实责任。\n（二）强化督查。"
    assert found(text, "structure.lone") == []


def test_lone_rule_can_be_ignored_by_id_and_family() -> None:
    text = "（一）抓落实。一是明确责任。"
    assert found(text, "structure.lone", ignore={"structure.lone"}) == []
    assert found(text, "structure.lone", ignore={"structure"}) == []


def test_lone_top_level_heading_is_not_reported() -> None:
    assert found("一、认清形势\n（一）肯定成绩。\n（二）正视差距。", "structure.lone") == []
