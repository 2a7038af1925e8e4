"""Topics of measures and items: what picks the reasoning a passage gives."""

from __future__ import annotations

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.speech.context import build_context
from speechgen.speech.topics import topics_of

MEETING = "meeting: {name: 推进会, organization: 某某市某某局}\n"


def _measure_topics(measure: str) -> tuple[str, ...]:
    brief = MEETING + "measures:\n" + measure
    return build_context(validate_brief(parse_brief_text(brief, "b.yaml"))).measures[0].topics


def test_a_measure_is_about_what_its_title_says() -> None:
    assert _measure_topics("  - title: 压实安全生产责任\n") == ("安全",)


def test_words_in_steps_or_why_do_not_set_the_topic() -> None:
    measure = (
        "  - title: 提升投诉办结质量\n"
        "    why: 去年投诉处理在考核中扣分较多\n"
        "    steps: [组建听漏队伍, 每周调度一次]\n"
    )
    assert _measure_topics(measure) == ()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("落实护林员巡山责任，严管野外火源", "安全"),
        ("优化经济煤种掺烧", None),
        ("加快重大项目建设", "项目"),
        ("抓好队伍建设", "队伍"),
        ("稳住经济运行基本盘", "经济"),
    ],
)
def test_keywords(text: str, topic: str | None) -> None:
    found = topics_of(text)
    if topic is None:
        assert "经济" not in found
    else:
        assert topic in found
    if text == "抓好队伍建设":
        assert "项目" not in found


@pytest.mark.parametrize(
    ("text", "topic", "about"),
    [
        ("推动志愿服务常态化", "营商环境", False),
        ("加强网络和数据安全防护", "安全", False),
        ("守牢食品安全底线", "安全", False),
        ("抓好防汛物资储备", "安全", True),
        ("提升政务服务效能", "营商环境", True),
        ("加强食品安全和生产安全监管", "安全", True),
    ],
)
def test_a_keyword_inside_another_phrase_is_not_the_topic(text, topic, about) -> None:
    assert (topic in topics_of(text)) is about


def test_economy_topics_finest_first() -> None:
    from speechgen.speech.topics import (
        economy_indicator_topic,
        economy_measure_topics,
        economy_method_topic,
    )

    # 能耗 is found before 工业 claims 规上工业单位增加值能耗
    assert economy_indicator_topic("规上工业单位增加值能耗") == "能耗"
    assert economy_indicator_topic("地区生产总值") == "总量"
    assert economy_indicator_topic("城镇新增就业人数") == "就业"
    assert economy_indicator_topic("森林覆盖率") == ""
    topics = economy_measure_topics("抓招商引资和重点项目开工", ("营商环境", "工业"))
    assert topics == ("外资外贸", "招商", "投资", "工业", "营商环境")
    assert economy_method_topic(topics) == "外资外贸"
    assert economy_method_topic(("队伍",)) == "none"


@pytest.mark.parametrize(
    ("title", "innovation", "digital"),
    [
        ("加快数字人社建设", False, True),
        ("完成业务平台迁移和数据治理", False, True),
        ("推进企业数字化转型", False, True),
        ("推进智慧医院建设", False, True),
        ("以数字化创新提升服务", True, True),
        ("推动市场化经营转型", True, False),
        ("深化“放管服”改革", True, False),
    ],
)
def test_building_systems_is_no_innovation_unless_said(title, innovation, digital) -> None:
    topics = topics_of(title)
    assert ("创新" in topics, "数字化" in topics) == (innovation, digital)
