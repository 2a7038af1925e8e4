"""Review findings on ``speechgen check``: merged placeholders, zero counts, lone points."""

from __future__ import annotations

import pytest

from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.model import Document, Finding, Para
from speechgen.facade import read_for_check

from helpers import EXAMPLES


def run(text: str, **settings) -> list[Finding]:
    """Findings for ``text`` (one paragraph per line) as a .txt file would give them."""
    paras = [Para(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    doc = Document("t.txt", "text", paras)
    return check_document(doc, CheckSettings(**settings)).findings


def found(text: str, rule: str, **settings) -> list[Finding]:
    """Findings of ``rule`` only."""
    return [f for f in run(text, **settings) if f.rule == rule]


# --- placeholder.text: one finding per run ---------------------------------------------


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


# --- structure.zero -------------------------------------------------------------------


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


# --- structure.lone ------------------------------------------------------------------


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


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_only_report_their_deliberate_placeholders(example_copy, name: str) -> None:
    """The rendered examples trip no structure rule; only the 某某 the briefs keep on purpose."""
    path = example_copy(name)
    doc = read_for_check(path, name, None)
    findings = check_document(doc, CheckSettings(), brief=doc.brief).findings
    assert {f.rule for f in findings} <= {"placeholder.text"}
    assert all("某某" in f.message for f in findings)


def test_lone_top_level_heading_is_not_reported() -> None:
    assert found("一、认清形势\n（一）肯定成绩。\n（二）正视差距。", "structure.lone") == []


def test_lone_rules_are_switched_off_from_the_command_line(invoke, tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("（一）抓落实。一是明确责任。\n我讲零点意见。\n", encoding="utf-8")
    shown = invoke("check", draft).output
    assert "structure.lone" in shown and "structure.zero" in shown
    quiet = invoke("check", draft, "--ignore", "structure.lone,structure.zero").output
    assert "structure.lone" not in quiet and "structure.zero" not in quiet
