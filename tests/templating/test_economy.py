"""The built-in economy template (经济运行分析暨调度会): indicators against target, last year and
peers, lights in words, the scheduling of measures, the territory's voice, seeds and length."""

from __future__ import annotations

import json
import re

import pytest

from speechgen.speech.context import build_context

from helpers import (
    EXAMPLES,
    body_sentences,
    material,
    sentences,
    speech,
    spoken_length,
    write_brief,
)

LEADER_ONLY = ("以上率下", "靠前指挥", "亲自抓", "亲自部署", "亲自研究", "亲自调度")

HEAD = """\
template: economy
meeting:
  name: 全县一季度经济运行分析暨重点工作调度会
  organization: 临河县人民政府
  level: 县
  audience_role: {role}
{meeting}"""
INDICATORS = """\
ranking:
  assessment: 全市县域经济运行监测
  previous: 4
  current: 7
  total: 11
  target: 进入前五
  indicators:
    - {name: 地区生产总值增长, value: 5.1, unit: "%", target: 6.0, last_year: 5.6}
    - {name: 规上工业增加值增长, value: 7.8, unit: "%", target: 7.5, last_year: 8.2}
    - {name: 固定资产投资完成额, value: 12.5, unit: 亿元, target: 15, last_year: 11}
    - {name: 社会消费品零售总额增长, value: 6.3, unit: "%", target: 6.0, last_year: 5.9}
"""
MEASURES = """\
measures:
  - title: 全力攻坚重点项目建设
    why: 固定资产投资完成额低于年度目标
    steps: [县级领导包保重点项目, 用地和规划手续并联审批]
    owner: 县发改局
    co_owners: [县自然资源局]
    deadline: 每月
    milestones:
      - {when: 5月底前, what: 12个计划新开工项目全部开工}
    target: 上半年固定资产投资增速达到8%
    example: 东源县的“项目秘书”制度
  - title: 推动工业企业满产达产
    points: [逐户走访规上工业企业, 建立企业问题清单]
    owner: 县工信局
    deadline: 6月底前
  - title: 优化提升营商环境
    points: [企业开办压缩到半个工作日]
    owner: 县政务服务中心
    deadline: 长期坚持
"""


def _brief(role: str = "领导干部", meeting: str = "", ranking: str = INDICATORS) -> str:
    return HEAD.format(role=role, meeting=meeting) + ranking + MEASURES


def _paragraph(text: str, start: str) -> str:
    return next(p for p in text.splitlines() if p.startswith(start))


# ---------------------------------------------------------------- indicators and lights


def test_lights_are_derived_in_the_context(tmp_path) -> None:
    from speechgen.brief.loader import load_brief
    from speechgen.brief.validate import validate_brief

    brief = validate_brief(load_brief(write_brief(tmp_path, _brief())))
    ranking = build_context(brief).ranking
    assert ranking is not None
    assert [i.name for i in ranking.red] == ["地区生产总值增长"]
    assert [i.name for i in ranking.yellow] == ["规上工业增加值增长", "固定资产投资完成额"]
    assert [i.name for i in ranking.on_track] == ["社会消费品零售总额增长"]
    assert ranking.lights == "red"
    gdp = ranking.red[0]
    assert (gdp.target_diff, gdp.last_year_diff, gdp.diff_unit) == ("0.9", "0.5", "个百分点")
    assert ranking.yellow[1].diff_unit == "亿元" and ranking.yellow[1].verb == "完成"


def test_lights_are_words_with_counts_and_every_figure(tmp_path) -> None:
    text = speech(tmp_path, _brief())
    # the indicators are the economy's own figures (no score, no rank): not items of the assessment
    assert "从主要经济指标看，四项指标中，一项达到预期，两项亮了黄灯，一项亮了红灯。" in text
    assert "全市县域经济运行监测看，四项" not in text
    yellow = _paragraph(text, "亮黄灯的有两项：")
    assert (
        "规上工业增加值增长7.8%，比目标7.5%高0.3个百分点，比去年同期的8.2%低0.4个百分点" in yellow
    )
    assert (
        "固定资产投资完成额完成12.5亿元，比目标15亿元低2.5亿元，比去年同期的11亿元高1.5亿元"
        in yellow
    )
    red = _paragraph(text, "亮红灯的是")
    assert "地区生产总值增长5.1%，比目标6.0%低0.9个百分点，也比去年同期的5.6%低0.5个百分点" in red
    assert "达到预期的是社会消费品零售总额增长6.3%" in text
    for colour in ("红色", "黄色", "绿色", "绿灯"):
        assert colour not in text


def test_all_on_track_lights_nothing(tmp_path) -> None:
    ranking = (
        "ranking:\n  indicators:\n"
        '    - {name: 地区生产总值增长, value: 6.5, unit: "%", target: 6.0, last_year: 5.6}\n'
        '    - {name: 城镇化率, value: 61.2, unit: "%"}\n'
    )
    text = speech(tmp_path, _brief(ranking=ranking))
    assert "亮了" not in text and "红灯" not in text and "黄灯" not in text
    assert "一项达到预期" in text
    assert "城镇化率为61.2%" in text
    assert any(v in text for v in material("economy", "economy.verdict.green"))


def test_rank_among_peers_and_the_gap_to_the_target(tmp_path) -> None:
    ranking = INDICATORS.replace(
        "  indicators:", "  peers:\n    - {name: 东源县, rank: 3}\n  indicators:"
    )
    text = speech(tmp_path, _brief(ranking=ranking))
    assert "从第4名下降到第7名，后退了3个位次" in text
    assert "在11个参评地区中处于中下游" in text
    assert "东源县排第3名" in text
    assert "全年的目标是进入前五，对照这个目标，我们还要前进2个位次" in text


@pytest.mark.parametrize(
    ("remark", "said"),
    [
        (
            "我们从第4名退到了第7名，退了3位。",
            ("从第4名下降到第7名，后退了3个位次", "在11个", "东源县排第3名", "前进2个位次"),
        ),
        (
            "我们从第四名退到了第七名。",
            ("从第四名下降到第七名，后退了三个位次", "在十一个", "东源县排第三名", "前进两个位次"),
        ),
    ],
)
def test_ranks_are_said_as_the_writer_writes_them(tmp_path, remark, said) -> None:
    ranking = INDICATORS.replace(
        "  indicators:", "  peers:\n    - {name: 东源县, rank: 3}\n  indicators:"
    )
    remarks = f"remarks:\n  - at: opening\n    text: {remark}\n"
    text = speech(tmp_path, _brief(ranking=ranking) + remarks)
    for words in said:
        assert words in text


def test_without_indicators_the_rank_is_still_said(tmp_path) -> None:
    ranking = "ranking:\n  assessment: 全市县域经济考核\n  previous: 6\n  current: 8\n  total: 11\n"
    text = speech(tmp_path, _brief(ranking=ranking))
    assert "从第6名下降到第8名，后退了2个位次" in text
    assert "亮了" not in text and "灯" not in text and "主要指标中" not in text
    assert not any(v in text for v in material("economy", "economy.indicators.intro"))


# ---------------------------------------------------------------- scheduling


def test_each_measure_is_scheduled_in_the_wording_of_its_deadline(tmp_path) -> None:
    text = speech(tmp_path, _brief())
    project = _paragraph(text, "（一）全力攻坚重点项目建设")
    assert "县发改局" in project and "县自然资源局" in project
    assert "每月都要往前推" in project
    assert (
        "调度一次" not in project and "通报一次" not in project
    )  # no cadence the brief never gave
    assert not re.search(r"前完成|按时完成|倒排工期|完成到位", project)
    assert "5月底前，12个计划新开工项目全部开工" in project
    assert "上半年固定资产投资增速达到8%" in project
    assert "东源县的“项目秘书”制度" in project
    industry = _paragraph(text, "（二）推动工业企业满产达产")
    assert "6月底前" in industry and re.search(r"完成|见到成效|达到要求|见到实效", industry)
    assert "久久为功" not in industry and "常抓不懈" not in industry
    business = _paragraph(text, "（三）优化提升营商环境")
    assert "要长期坚持" in business and "前完成" not in business


# ---------------------------------------------------------------- who "we" are


def test_territory_voice_behalf_and_next_speaker(tmp_path) -> None:
    meeting = "  on_behalf_of: 县政府\n  next_speaker: {who: 县委李书记, does: 作重要讲话}\n"
    for seed in range(5):
        text = speech(tmp_path, _brief(meeting=meeting), seed)
        opening = text.split("一、")[0]
        assert "我代表县政府" in opening and "县委李书记" in opening
        closing = text.strip().splitlines()[-1]
        assert "全县" in closing or "各乡镇各部门" in closing
        assert "为临河县人民政府" not in text
        assert "临河县人民政府各项工作总体平稳" not in text


def test_no_behalf_without_on_behalf_of(tmp_path) -> None:
    for seed in range(4):
        assert "我代表" not in speech(tmp_path, _brief(), seed)


def test_leader_only_demands_only_for_leading_cadres(tmp_path) -> None:
    said = set()
    for seed in range(8):
        staff = speech(tmp_path, _brief("中层干部"), seed)
        assert not any(word in staff for word in LEADER_ONLY), seed
        leaders = speech(tmp_path, _brief("领导干部"), seed)
        said |= {word for word in LEADER_ONLY if word in leaders}
    assert said


# ---------------------------------------------------------------- the example, seeds, length


def test_the_example_reads_within_its_budget_and_never_repeats(tmp_path) -> None:
    brief = (EXAMPLES / "economy_meeting.yaml").read_text(encoding="utf-8")
    minutes = int(re.search(r"minutes: (\d+)", brief).group(1))
    texts = [speech(tmp_path, brief, seed) for seed in range(3)]
    for text in texts:
        said = sentences(text)
        assert len(said) == len(set(said))
        assert abs(spoken_length(text) - minutes * 220) <= 0.15 * minutes * 220
        assert "我代表县政府" in text and "县委李书记" in text
    assert texts[1] == speech(tmp_path, brief, 1)
    first, second = body_sentences(texts[1]), set(body_sentences(texts[2]))
    assert len([s for s in first if s not in second]) >= 0.3 * len(first)


def test_the_example_passes_check(invoke, example_copy) -> None:
    result = invoke("check", example_copy("economy_meeting.yaml"), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [f for f in findings if f["severity"] == "error"] == []
    wanted = {"parallel.skeleton", "spoken.bracket", "spoken.count_word", "spoken.deadline"}
    assert [f for f in findings if f["rule"] in wanted] == []


@pytest.mark.parametrize("substyle", ["headings", "inline"])
def test_substyles_and_sample_render(tmp_path, substyle) -> None:
    text = speech(tmp_path, _brief() + f"options:\n  substyle: {substyle}\n")
    if substyle == "inline":
        assert "一是全力攻坚重点项目建设" in text and "（一）" not in text
    else:
        assert "（一）全力攻坚重点项目建设" in text
    sample = (EXAMPLES.parent / "templates" / "economy" / "sample.yaml").read_text("utf-8")
    assert "亮了" in speech(tmp_path, sample, name="sample.yaml")
