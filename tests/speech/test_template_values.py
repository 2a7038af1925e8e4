"""Values the genre templates read instead of deciding in Jinja: a warning speech's case
kinds and remedy topics, the devices a passage may use, where a kind's parts begin and end,
a deadline as a limit and whether the speaker's closing already says 同志们."""

from __future__ import annotations

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.speech import integrity
from speechgen.speech.context import build_context
from speechgen.speech.plan import DEVICES, OutlinePlan, PartPlan, devices_beside
from speechgen.templating.environment import names_case

MEETING = "meeting: {name: 警示教育大会, organization: 某某局}\n"


def _ctx(text: str):
    return build_context(validate_brief(parse_brief_text(MEETING + text, "b.yaml")))


def test_case_kinds_are_told_once_and_not_after_a_lesson_that_says_them() -> None:
    kinds = integrity.case_kinds(
        [
            ("张某收受好处费并泄露信息", None),
            ("李某收受财物", None),
            ("王某接受宴请", "一顿饭也能吃出问题"),
        ]
    )
    assert kinds == (("受贿", "泄密"), (), ())


def test_cases_in_the_context_carry_their_kinds() -> None:
    ctx = _ctx(
        "cases:\n"
        "  - {who: 某局原科员钱某, what: 多次收受服务对象购物卡}\n"
        "  - {who: 孙某, what: 收受财物}\n"
    )
    assert ctx.cases[0].kinds == ("受贿", "吃请", "小岗位")
    assert ctx.cases[1].kinds == ()


def test_remedy_topics_come_from_the_title_before_what_was_said_of_it() -> None:
    assert integrity.remedy_topics("规范执法权力运行", ()) == ("用权",)
    assert integrity.remedy_topics("开展专项行动", (), ["加强监督", None]) == ("监督",)
    # a title with a general topic keeps the said words out
    assert integrity.remedy_topics("队伍建设", ("队伍",), ["加强监督"]) == ("队伍",)


def test_measure_remedy_topics_read_why_steps_and_points() -> None:
    ctx = _ctx(
        "measures:\n  - title: 开展专项行动\n    steps: [节前发通知]\n  - title: 清理中介交往\n"
    )
    assert ctx.measures[0].remedy_topics == ("节点",)
    assert ctx.measures[1].remedy_topics == ("交往",)


def test_a_remark_follows_the_first_case_it_names() -> None:
    ctx = _ctx("cases:\n  - {who: 原科长赵某, what: 收受财物}\n  - {who: 钱某某, what: 泄露信息}\n")
    assert names_case("钱某某和赵某都是老同志", ctx.cases) == 0
    assert names_case("说到钱某某", ctx.cases) == 1
    assert names_case("说实话", ctx.cases) is None


def test_no_candour_where_the_speaker_speaks() -> None:
    assert devices_beside([]) == DEVICES
    assert "坦率" not in devices_beside(["我说两句"])
    part = PartPlan(kind="cases", number=1, key="cases", heading=None, items="headings")
    assert part.devices == DEVICES
    spoken = PartPlan(
        kind="cases", number=1, key="cases", heading=None, items="headings", remarks=("话",)
    )
    assert "坦率" not in spoken.devices


def test_first_and_last_part_of_kinds() -> None:
    parts = tuple(
        PartPlan(kind=k, number=n, key=key, heading=None, items="headings")
        for n, (k, key) in enumerate(
            [("cases", "cases"), ("measures", "measures"), ("focus", "focus"), ("measures", "m2")],
            1,
        )
    )
    plan = OutlinePlan(parts=parts)
    assert plan.first_of("requirements", "focus") is parts[2]
    assert plan.last_of("measures") is parts[3]
    assert plan.first_of("learning") is None


def test_due_by_reads_a_deadline_as_a_limit() -> None:
    ctx = _ctx(
        "measures:\n"
        "  - {title: 甲, deadline: 6月底前}\n"
        "  - {title: 乙, deadline: 2026-06-30}\n"
        "  - {title: 丙, deadline: 年末}\n"
        "  - {title: 丁}\n"
    )
    assert [m.due_by for m in ctx.measures] == ["6月底前", "2026年6月30日前", "年末", None]


def test_closing_hailed_when_a_closing_remark_opens_with_tongzhimen() -> None:
    said = "remarks:\n  - {at: closing, text: 同志们，散会！}\n"
    assert _ctx(said).closing_hailed
    assert not _ctx("remarks:\n  - {at: closing, text: 最后，祝大家节日快乐}\n").closing_hailed
    assert not _ctx("").closing_hailed


def test_stock_topics_add_working_together_and_fall_back_to_the_general() -> None:
    ctx = _ctx(
        "measures:\n"
        "  - {title: 加强队伍建设, owner: 人事科, co_owners: [办公室]}\n"
        "  - {title: 甲项工作}\n"
        "  - {title: 乙项工作, owner: 办公室, co_owners: [财务科]}\n"
    )
    assert ctx.measures[0].stock_topics == (*ctx.measures[0].topics, "协同")
    assert ctx.measures[1].stock_topics == ("一般",)
    assert ctx.measures[2].stock_topics == ("协同",)


def test_a_deadline_said_by_the_last_milestone_is_due_at_a_milestone() -> None:
    ctx = _ctx(
        "measures:\n"
        "  - title: 甲\n    deadline: 6月底前\n"
        "    milestones: [{when: 5月底前, what: 开工}, {when: 6月底前, what: 完工}]\n"
        "  - title: 乙\n    deadline: 9月底前\n    milestones: [{when: 5月底前, what: 开工}]\n"
        "  - {title: 丙, deadline: 9月底前}\n"
    )
    assert [m.due_at_milestone for m in ctx.measures] == [True, False, False]


def test_one_unit_in_charge_of_several_steps_is_named_once() -> None:
    from speechgen.speech.steps import shared_owner

    ctx = _ctx(
        "next_steps:\n"
        "  - {when: 4月底前, what: 召开推进会, who: 办公室}\n"
        "  - {when: 5月上旬, what: 办公室组织学习, who: 办公室}\n"
        "  - {when: 5月底前, what: 开展督查, who: 办公室}\n"
    )
    shared = shared_owner(ctx.next_steps)
    assert shared is not None and (shared.who, shared.count, shared.all) == ("办公室", 2, False)
    two = _ctx(
        "next_steps:\n  - {when: 4月, what: 甲, who: 办公室}\n  - {when: 5月, what: 乙, who: 财务科}\n"
    )
    assert shared_owner(two.next_steps) is None
    one = _ctx(
        "next_steps:\n  - {when: 4月, what: 甲, who: 办公室}\n  - {when: 5月, what: 乙, who: 办公室}\n"
    )
    assert shared_owner(one.next_steps) == type(shared)("办公室", 2, True)


def test_measure_values_the_base_macros_read() -> None:
    ctx = _ctx(
        "measures:\n"
        "  - {title: 甲, deadline: 6月底前, points: [一要快, 二要实]}\n"
        "  - {title: 乙, deadline: 每月}\n"
    )
    dated, monthly = ctx.measures
    assert dated.deadline_dated and not monthly.deadline_dated
    assert dated.point_titles == ("一要快", "二要实") and monthly.point_titles == ()


def test_a_step_gets_jiang_only_where_the_writer_left_it_out() -> None:
    ctx = _ctx(
        "next_steps:\n"
        "  - {when: 4月底前, what: 召开推进会, who: 办公室}\n"
        "  - {when: 5月, what: 县政府将召开现场会}\n"
        "  - {when: 6月, what: 办公室组织学习, who: 办公室}\n"
    )
    assert [s.needs_will for s in ctx.next_steps] == [True, False, False]


def test_opening_words_that_congratulate() -> None:
    from speechgen.speech.remarks import Remarks

    assert Remarks({"opening": ("首先，向受表彰的同志们表示祝贺",)}).congratulates
    assert not Remarks({"opening": ("今天的会很重要",), "closing": ("祝贺大家",)}).congratulates


def test_a_part_said_in_running_text_is_inline() -> None:
    styles = ("一是", "首先", "headings")
    inline = [PartPlan("measures", 1, "measures", None, s).inline for s in styles]
    assert inline == [True, True, False]


def test_elaborated_items_and_lit_indicators() -> None:
    from types import SimpleNamespace as NS

    from speechgen.speech.figures import any_lit
    from speechgen.speech.spoken import elaborated

    assert elaborated([NS(example=None, points=()), NS(example="比如", points=())])
    assert not elaborated([NS(example=None, points=())])
    assert any_lit([NS(lights="green"), NS(lights="yellow")])
    assert not any_lit([NS(lights=None), NS(lights="green")])
