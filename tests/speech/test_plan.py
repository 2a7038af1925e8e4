"""The outline planner: which parts, in which order, numbered how, and how long each may be.

Unit tests call :func:`plan_outline` on briefs built inline; the command-line tests render
with a small template of their own (``helpers.mini_template``), never a built-in one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.errors import UserError
from speechgen.speech.plan import (
    CHARS_PER_MINUTE,
    FRAME_SHARE,
    KIND_WEIGHTS,
    OutlineProblem,
    PartNeed,
    TemplateOutline,
    plan_outline,
    unrendered_fields,
)

from helpers import mini_template, run_cli, write_brief

MEETING = "meeting: {name: 全市形势分析会, organization: 某某市某某局}\n"
MEASURES = "measures: [甲举措, 乙举措, 丙举措, 丁举措]\n"
TEMPLATE = TemplateOutline(
    offered=("situation", "strengths", "weaknesses", "focus", "measures", "requirements"),
    default=("situation", "strengths", "weaknesses", "measures", "requirements"),
    sections={"situation": ("strengths", "weaknesses", "focus")},
    items={"measures": "一是"},
    length=2000,
)


def _brief(text: str):
    return validate_brief(parse_brief_text(MEETING + text, "b.yaml"))


def _plan(text: str, template: TemplateOutline = TEMPLATE, **options: object):
    return plan_outline(_brief(text), template, options)


# --- the default outline -----------------------------------------------------------------


def test_default_outline_drops_parts_with_no_material() -> None:
    plan = _plan(MEASURES)
    assert plan.kinds == ("situation", "measures", "requirements")
    full = _plan("strengths: [甲]\nweaknesses: [乙]\n" + MEASURES)
    assert full.kinds == TEMPLATE.default


def test_sections_fold_into_a_part_only_when_not_parts_of_their_own() -> None:
    plan = _plan("strengths: [甲]\n" + MEASURES)
    # strengths is a part of its own here; focus needs no brief field
    assert plan.part("situation").sections == ("focus",)
    folded = _plan(
        "strengths: [甲]\nweaknesses: [乙]\n" + MEASURES,
        TemplateOutline(TEMPLATE.offered, ("situation", "measures"), TEMPLATE.sections),
    )
    assert folded.part("situation").sections == ("strengths", "weaknesses", "focus")


def test_a_focus_sub_point_needs_two_measures_to_name() -> None:
    # 重点 names the measures deployed: with one measure there is nothing to single out
    one = _plan("strengths: [甲]\nmeasures: [甲举措]\n")
    assert one.part("situation").sections == ()
    two = _plan("strengths: [甲]\nmeasures: [甲举措, 乙举措]\n")
    assert two.part("situation").sections == ("focus",)


def test_default_outline_keeps_a_part_whose_sections_have_material() -> None:
    template = TemplateOutline(
        ("strengths", "measures"), ("strengths", "measures"), {"strengths": ("weaknesses",)}
    )
    assert _plan("weaknesses: [乙]\n" + MEASURES, template).kinds == ("strengths", "measures")
    assert _plan(MEASURES, template).kinds == ("measures",)


# --- the brief's outline -------------------------------------------------------------------

OUTLINE = """\
outline:
  announce: few
  numbering: 第一，
  refrain: 保四争三
  parts:
    - kind: measures
      heading: "  以更实的举措抓落实 \\n"
      items: 首先
    - kind: situation
    - kind: custom
      heading: 以案为鉴
      text: [第一段。, 第二段]
remarks:
  - {at: parts.2, text: 说实话，我是倍感压力。}
  - {at: parts.1, text: 这几项工作我会亲自过问。}
"""


def test_brief_outline_chooses_orders_and_renames_parts() -> None:
    plan = _plan(MEASURES + OUTLINE)
    assert plan.kinds == ("measures", "situation", "custom")
    assert [p.number for p in plan.parts] == [1, 2, 3]
    measures, situation, custom = plan.parts
    assert measures.heading == "以更实的举措抓落实"  # trimmed, never rewritten
    assert situation.heading is None
    assert (measures.items, situation.items) == ("首先", "headings")
    assert custom.text == ("第一段", "第二段")
    assert (plan.announce, plan.numbering, plan.refrain) == ("few", "第一，", "保四争三")
    assert situation.remarks == ("说实话，我是倍感压力",)
    assert measures.remarks == ("这几项工作我会亲自过问",)
    assert measures.measures == (1, 2, 3, 4)


def test_stock_kinds_are_the_parts_a_heading_set_must_name() -> None:
    plan = _plan(MEASURES + OUTLINE)
    assert plan.stock_kinds == ("situation",)  # measures and custom have the writer's heading
    assert _plan(MEASURES).stock_kinds == ("situation", "measures", "requirements")


def test_defaults_when_the_outline_says_nothing_of_them() -> None:
    plan = _plan(MEASURES)
    assert (plan.announce, plan.numbering, plan.refrain) == ("count", "一、", None)
    assert plan.part("measures").items == "一是"  # the manifest's items
    assert plan.part("situation").items == "headings"
    inline = _plan(MEASURES, substyle="inline")
    assert inline.part("situation").items == "一是"


def test_select_splits_measures_and_the_rest_go_to_a_part_without_select() -> None:
    plan = _plan(
        MEASURES + "outline:\n  parts:\n    - {kind: measures, select: [3, 1]}\n"
        "    - {kind: situation}\n    - {kind: measures}\n"
    )
    first, _, rest = plan.parts
    assert (first.key, first.measures) == ("measures", (3, 1))
    assert (rest.key, rest.measures) == ("measures2", (2, 4))
    assert unrendered_fields(_brief(MEASURES), plan, ("meeting", "measures")) == []


def test_measures_left_in_no_part_are_named() -> None:
    brief = _brief(MEASURES + "outline:\n  parts:\n    - {kind: measures, select: [1, 3]}\n")
    plan = plan_outline(brief, TEMPLATE)
    assert unrendered_fields(brief, plan, ("meeting", "measures")) == [
        "measures（第2、4项没有放进任何部分）"
    ]


def test_outline_kind_not_offered_is_located_and_names_the_offered_kinds() -> None:
    with pytest.raises(OutlineProblem) as caught:
        _plan(MEASURES + "outline:\n  parts:\n    - {kind: measures}\n    - {kind: cases}\n")
    assert caught.value.loc == ("outline", "parts", 1, "kind")
    message = caught.value.message
    assert "cases" in message
    for kind in TEMPLATE.offered:
        assert kind in message
    assert "custom" in message  # the writer's own part is always possible


def test_first_numbering_allows_at_most_four_parts() -> None:
    parts = "".join(f"    - {{kind: custom, heading: 第{n}部分, text: [内容]}}\n" for n in range(5))
    with pytest.raises(UserError) as caught:
        _brief("outline:\n  numbering: 首先\n  parts:\n" + parts)
    assert "首先" in str(caught.value) and "四" in str(caught.value)
    four = _plan("outline:\n  numbering: 首先\n  parts:\n" + parts.split("\n", 1)[1])
    assert four.numbering == "首先" and len(four.parts) == 4


# --- budgets -----------------------------------------------------------------------------


def test_budget_is_minutes_times_the_rate_else_the_template_length() -> None:
    assert _plan(MEASURES).budget == TEMPLATE.length
    timed = plan_outline(
        validate_brief(
            parse_brief_text(
                "meeting: {name: 会, organization: 局, minutes: 12}\n" + MEASURES, "b.yaml"
            )
        ),
        TEMPLATE,
    )
    assert CHARS_PER_MINUTE == 220
    assert timed.budget == 12 * 220


def test_frame_share_and_part_weights() -> None:
    plan = _plan("strengths: [甲]\n" + MEASURES)
    assert plan.frame_budget == int(plan.budget * FRAME_SHARE)
    weights = {p.kind: KIND_WEIGHTS[p.kind] for p in plan.parts}
    unit = (plan.budget - plan.frame_budget) / sum(weights.values())
    for part in plan.parts:
        assert part.budget == int(unit * weights[part.kind])
    # measures weigh most: they carry the speech
    assert plan.part("measures").budget > plan.part("situation").budget
    assert plan.part("situation").budget > plan.part("strengths").budget
    # nothing is budgeted twice: parts and frame share the whole budget
    assert (
        plan.budget - len(plan.parts)
        <= plan.frame_budget + sum(p.budget for p in plan.parts)
        <= plan.budget
    )


# --- fields nothing renders ------------------------------------------------------------------


def test_unrendered_fields_name_sections_the_template_does_not_use() -> None:
    brief = _brief(
        "cases:\n  - {who: 某局原副局长王某, what: 收受财物}\n"
        "next_steps:\n  - {when: 本月底, what: 组织交流学习}\n" + MEASURES
    )
    plan = plan_outline(brief, TEMPLATE)
    assert unrendered_fields(brief, plan, ("meeting", "measures")) == ["cases", "next_steps"]
    assert unrendered_fields(brief, plan, ("meeting", "measures", "cases", "next_steps")) == [
        "cases"  # used by the template, but no part of the outline holds cases
    ]


def test_a_section_whose_part_is_left_out_is_unrendered() -> None:
    brief = _brief("strengths: [甲]\n" + MEASURES + "outline:\n  parts: [{kind: measures}]\n")
    plan = plan_outline(brief, TEMPLATE)
    assert unrendered_fields(brief, plan, ("meeting", "strengths", "measures")) == ["strengths"]


# --- through the command line -------------------------------------------------------------


def _render(tmp_path: Path, text: str, **template: object):
    folder = mini_template(tmp_path, **template)  # type: ignore[arg-type]
    brief = write_brief(tmp_path, "template: mini\n" + MEETING + text, "b.yaml")
    return run_cli("render", brief, "--template-dir", folder, "-f", "txt", "-o", "-")


LOCATED = re.compile(r"b\.yaml:(\d+):(\d+)")


def test_cli_refuses_an_outline_kind_the_template_lacks(tmp_path: Path) -> None:
    result = _render(
        tmp_path,
        MEASURES + "outline:\n  parts:\n    - kind: measures\n    - kind: learning\n",
    )
    assert result.exit_code == 2, result.output
    found = LOCATED.search(result.stderr)
    assert found is not None, result.stderr
    assert found.group(1) == "7"  # the line of `- kind: learning`
    assert "learning" in result.stderr and "measures（举措与任务）" in result.stderr
    assert "Traceback" not in result.output


def test_cli_refuses_first_numbering_with_five_parts(tmp_path: Path) -> None:
    parts = "".join(f"    - {{kind: custom, heading: 第{n}部分, text: [内容]}}\n" for n in range(5))
    result = _render(tmp_path, "outline:\n  numbering: 首先\n  parts:\n" + parts)
    assert result.exit_code == 2, result.output
    assert LOCATED.search(result.stderr) and "首先" in result.stderr


def test_cli_refuses_a_section_the_template_does_not_use(tmp_path: Path) -> None:
    result = _render(
        tmp_path,
        MEASURES + "praise:\n  - {who: 某某镇, for: 项目攻坚成效明显}\n",
        uses=("meeting", "measures"),
    )
    assert result.exit_code == 2, result.output
    assert "praise" in result.stderr and LOCATED.search(result.stderr)
    assert "meeting、measures" in result.stderr  # the template's fields are named


def test_cli_renders_the_planned_structure(tmp_path: Path) -> None:
    """Order, own headings, refrain, 第一， numbering, 首先 points, a custom part; the
    custom part's heading is the writer's, so the heading set need not cover ``custom``."""
    result = _render(tmp_path, MEASURES + OUTLINE)
    assert result.exit_code == 0, result.stderr
    paragraphs = [p for p in result.stdout.split("\n") if p.strip()]
    heads = [p for p in paragraphs if re.match(r"第[一二三]，", p)]
    assert heads == ["第一，以更实的举措抓落实，保四争三", heads[1], "第三，以案为鉴，保四争三"]
    assert heads[1].startswith("第二，") and heads[1].endswith("，保四争三")
    assert "下面，我讲几点意见。" in result.stdout
    assert any(p.startswith("首先，甲举措。") for p in paragraphs)
    assert any(p.startswith("最后，丁举措。") for p in paragraphs)
    assert "第一段。" in paragraphs and "第二段。" in paragraphs
    assert "说实话，我是倍感压力。" in paragraphs


@pytest.mark.parametrize("template", ["situation", "progress", "mobilization"])
def test_builtin_template_takes_a_custom_part_beside_its_own_parts(
    tmp_path: Path, template: str
) -> None:
    """A custom part has the writer's heading: the template's heading set need not name it."""
    brief = write_brief(
        tmp_path,
        f"template: {template}\n" + MEETING + "measures: [甲举措, 乙举措]\n"
        "outline:\n  parts:\n    - kind: measures\n"
        "    - {kind: custom, heading: 以案为鉴筑牢防线, text: [第一段。]}\n",
        "b.yaml",
    )
    result = run_cli("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "二、以案为鉴筑牢防线" in result.stdout


# --- what a manifest asks of a part: needs and weights ---------------------------------------

LEARNING_FIRST = TemplateOutline(
    ("learning", "situation", "measures"),
    ("learning", "situation", "measures"),
    needs={"learning": PartNeed(2, {"combine": "commendation"})},
    weights={"learning": 1.0},
)
ONE_PRAISE = "praise:\n  - {who: 城东分局, for: 率先完成任务}\nmeasures: [抓落实]\n"
TWO_PRAISES = ONE_PRAISE.replace("measures:", "  - {who: 办公室, for: 督办有力}\nmeasures:")


def test_a_part_that_needs_two_items_waits_for_them() -> None:
    assert _plan(ONE_PRAISE, LEARNING_FIRST).kinds == ("situation", "measures")
    assert _plan(TWO_PRAISES, LEARNING_FIRST).kinds == ("learning", "situation", "measures")


def test_an_option_can_call_for_the_part() -> None:
    plan = _plan(ONE_PRAISE, LEARNING_FIRST, combine="commendation")
    assert plan.kinds == ("learning", "situation", "measures")


def test_manifest_weights_set_a_parts_share() -> None:
    plan = _plan(TWO_PRAISES, LEARNING_FIRST)
    budgets = {p.kind: p.budget for p in plan.parts}
    assert abs(budgets["situation"] - 3 * budgets["learning"]) <= 3  # int() rounding
    assert abs(budgets["measures"] - 4 * budgets["learning"]) <= 4
