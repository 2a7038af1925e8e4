"""The economy speech's decisions made in Python (speech/economy.py): which lagging indicators
the indicators part analyses, which must be analysed, and which indicator a measure links to."""

from __future__ import annotations

from speechgen.brief.loader import load_brief
from speechgen.brief.validate import validate_brief
from speechgen.speech.context import build_context

from helpers import write_brief

BRIEF = """\
template: economy
meeting:
  name: 全县一季度经济运行分析会
  organization: 临河县人民政府
ranking:
  - assessment: 全市县域经济运行监测
    indicators:
      - {{name: 地区生产总值增长, value: 5.1, unit: "%", target: 6.0, last_year: 5.6}}
      - {{name: 固定资产投资增长, value: 4.2, unit: "%", target: 8.0, last_year: 3.5}}
      - {{name: 工业投资增长, value: 2.0, unit: "%", target: 8.0, last_year: 9.0}}
      - {{name: 一般公共预算收入增长, value: 3.1, unit: "%", target: 5.0, last_year: 4.4}}
      - {{name: 社会消费品零售总额增长, value: 6.3, unit: "%", target: 6.0, last_year: 5.9}}
  - assessment: 全市营商环境评价
    indicators:
      - {{name: 规上工业增加值增长, value: 3.0, unit: "%", target: 6.0, last_year: 6.5}}
measures:
{measures}
"""
MEASURES = """\
  - title: 持续提振消费市场
    owner: 县商务局
  - title: 全力抓好财源建设
  - title: 做好安全生产"""


def _context(tmp_path, measures: str = MEASURES):
    brief = validate_brief(load_brief(write_brief(tmp_path, BRIEF.format(measures=measures))))
    return build_context(brief)


def _analysis(ctx) -> dict[str, str]:
    return {i.name: i.analysis for r in ctx.rankings for i in r.indicators}


def test_one_analysis_per_topic_yellow_first_and_at_most_two_red_ones_must(tmp_path) -> None:
    marks = _analysis(_context(tmp_path))
    # yellow 固定资产投资 claims 投资 before the red 工业投资 of the same topic
    assert marks["固定资产投资增长"] == "may"
    assert marks["工业投资增长"] == ""
    # red, in the order they are said: 财税 first, then 总量 (the GDP is said last)
    assert marks["一般公共预算收入增长"] == "must"
    assert marks["地区生产总值增长"] == "must"
    # a third red one (the second assessment's) only while the budget lasts
    assert marks["规上工业增加值增长"] == "may"
    # on track: no analysis
    assert marks["社会消费品零售总额增长"] == ""


def test_analysed_says_the_total_last(tmp_path) -> None:
    from speechgen.speech.economy import analysed

    red = _context(tmp_path).rankings[0].red
    assert [i.name for i in red] == ["地区生产总值增长", "工业投资增长", "一般公共预算收入增长"]
    assert [i.name for i in analysed(red)] == ["一般公共预算收入增长", "地区生产总值增长"]


def test_a_measure_links_back_to_the_first_indicator_of_its_topic(tmp_path) -> None:
    consume, revenue, safety = _context(tmp_path).measures
    assert consume.linked is not None and consume.linked.name == "社会消费品零售总额增长"
    assert revenue.linked is not None and revenue.linked.name == "一般公共预算收入增长"
    assert revenue.linked.red
    assert safety.linked is None


def test_dispatch_meeting_is_read_from_the_name(tmp_path) -> None:
    assert not _context(tmp_path).meeting.dispatch
    text = BRIEF.replace("经济运行分析会", "经济运行分析暨重点工作调度会").format(measures=MEASURES)
    brief = validate_brief(load_brief(write_brief(tmp_path, text)))
    assert build_context(brief).meeting.dispatch


def test_itemised_indicators_and_a_target_naming_its_year(tmp_path) -> None:
    text = BRIEF.format(measures=MEASURES).replace(
        "  - assessment: 全市营商环境评价\n",
        "  - assessment: 全市营商环境评价\n    target: 全年进入前五\n",
    )
    text = text.replace(
        "      - {name: 规上工业增加值增长,",
        "      - {name: 营商环境, score: 8.5, rank: 3}\n      - {name: 规上工业增加值增长,",
    )
    brief = validate_brief(load_brief(write_brief(tmp_path, text)))
    first, second = build_context(brief).rankings
    assert not first.itemised and second.itemised
    assert second.target_names_year and not first.target_names_year
