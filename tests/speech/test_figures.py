"""How an indicator's figures and a set of lights are said (speech/figures.py)."""

from __future__ import annotations

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.speech.context import build_context
from speechgen.speech.figures import figures_said, indicator_figures, light_group, light_tally


def _ranking(indicators: str):
    text = (
        "meeting: {name: 经济运行分析会, organization: 区政府}\n"
        f"ranking:\n  indicators:\n{indicators}"
    )
    return build_context(validate_brief(parse_brief_text(text, "b.yaml"))).ranking


def test_a_fall_against_target_and_last_year_is_joined_by_ye() -> None:
    r = _ranking("    - {name: 地区生产总值增速, value: 4.1, unit: '%', target: 6, last_year: 5}\n")
    said = indicator_figures(r.indicators[0])
    assert said.startswith("地区生产总值增速为4.1%，比目标6%低1.9")
    assert "，也比去年同期的5%低0.9" in said


def test_two_rises_take_ye_only_in_the_economy_reading() -> None:
    r = _ranking("    - {name: 税收收入, value: 12, unit: 亿元, target: 10, last_year: 11}\n")
    assert "，比去年同期的11亿元高1亿元" in indicator_figures(r.indicators[0])
    assert "，也比去年同期的11亿元高1亿元" in indicator_figures(r.indicators[0], "economy")


def test_the_economy_reading_says_a_per_unit_once() -> None:
    r = _ranking("    - {name: 单位能耗, value: 0.52, unit: 吨标准煤/万元, target: 0.5}\n")
    said = indicator_figures(r.indicators[0], "economy")
    assert said == "单位能耗为0.52吨标准煤每万元，比目标0.5高0.02吨标准煤"


def test_score_and_rank_without_a_value() -> None:
    r = _ranking("    - {name: 营商环境, score: 8, full: 10, rank: 3, previous: 5}\n")
    assert indicator_figures(r.indicators[0]) == "营商环境，满分10分、得8分，名次从第5名升到第3名"


def test_groups_and_tally_name_only_what_there_is() -> None:
    r = _ranking(
        "    - {name: 甲, value: 1, target: 2, last_year: 3}\n"
        "    - {name: 乙, value: 5, target: 2}\n"
        "    - {name: 丙, value: 5, target: 2}\n"
    )
    assert light_tally(r) == "两项达到预期，一项亮了红灯。"
    assert light_group(r.yellow, "亮黄灯") == ""
    assert light_group(r.red, "亮红灯").startswith("亮红灯的是甲为1")
    assert light_group(r.on_track, "达到预期").startswith("达到预期的有两项：乙为5")
    assert figures_said(()) == ""
