"""Round 2 of the quality review for base, situation and economy: where the writer's closing remarks
go, the writer's text keeps its own end punctuation, no cadence the brief never gave, no doubled 全年,
indicator units read aloud, no stock 进步了 after a fall, at most one stock passage a full measure."""

from __future__ import annotations

from helpers import material, speech

SITUATION = """\
template: situation
meeting:
  name: 全市税务系统上半年形势分析会
  organization: 滨江市税务局
  level: 单位
  date: 2026-07-20
  minutes: 10
ranking:
  assessment: 全省税务系统绩效考评
  previous: 2
  current: 6
  total: 15
strengths:
  - title: 组织收入质量稳中向好
weaknesses:
  - title: 风险应对走过场
measures:
  - title: 打好数据质量清理攻坚战
    why: 问题数据不清，考核年年扣分
    steps: [建立问题数据总台账, 实行问题数据周通报]
    owner: 征管科
    deadline: 每周通报一次
  - title: 提升价格监测报送质量
    steps: [实行A、B岗双人复核]
    owner: 价格认证中心
    deadline: 每月
remarks:
  - at: closing
    text: 离年底考评还有五个月，重回前三是完全有可能的
  - at: closing
    text: 最后，防汛没有“万一”，只有“一万”
"""


def test_closing_remarks_come_before_the_call_and_the_last_word_ends_it(tmp_path) -> None:
    for seed in (0, 1, 2):
        lines = speech(tmp_path, SITUATION, seed).strip().splitlines()
        assert lines[-1] == "最后，防汛没有“万一”，只有“一万”。"  # 。 after the closing quote
        assert lines[-2].startswith("同志们，") and lines[-2].endswith("！")
        assert lines[-3] == "离年底考评还有五个月，重回前三是完全有可能的。"


def test_no_full_stop_after_a_quote_that_already_ends_the_sentence(tmp_path) -> None:
    brief = SITUATION.replace("只有“一万”", "只有“一万。”")
    text = speech(tmp_path, brief)
    assert "只有“一万。”" in text and "”。" not in text.split("只有“一万")[1][:4]


def test_deadlines_say_only_what_the_brief_says(tmp_path) -> None:
    for seed in (0, 1, 2):
        text = speech(tmp_path, SITUATION, seed)
        assert "调度一次" not in text and "通报一次、" not in text
        assert "的节奏常态推进" not in text
        assert "每周通报一次" in text and "每月" in text


def test_no_stock_progress_after_a_fall(tmp_path) -> None:
    for seed in range(6):
        assert "进步了" not in speech(tmp_path, SITUATION, seed)


ECONOMY = """\
template: economy
meeting:
  name: 全区上半年经济运行分析会
  organization: 青川区人民政府
  level: 区
  date: 2026-07-16
  minutes: 12
ranking:
  assessment: 全市区县经济发展综合考评
  previous: 7
  current: 7
  total: 10
  target: 全年进入前五
  indicators:
    - {name: 单位地区生产总值能耗, value: 0.46, target: 0.44, last_year: 0.45, unit: 吨标准煤/万元}
measures:
  - title: 千方百计稳就业
    why: 失业率超过控制目标
    steps: [开展专场招聘, 落实社保补贴]
    owner: 区人社局
    deadline: 12月底前
    target: 年底城镇调查失业率控制在5.5%以内
"""


def test_economy_target_units_and_a_full_measure(tmp_path) -> None:
    for seed in (0, 1, 2):
        text = speech(tmp_path, ECONOMY, seed)
        assert "全年的目标是全年" not in text and "目标是全年进入前五" in text
        assert "吨标准煤每万元" in text and "吨标准煤/万元" not in text
        assert "高0.02吨标准煤" in text
        assert text.count("就业是最基本的民生") <= 1
        paragraph = next(
            p for p in text.splitlines() if p.startswith("千方百计稳就业") or "稳就业。" in p[:12]
        )
        # why + steps + target given: the writer's own words, no stock passage after the target
        after = paragraph.split("年底城镇调查失业率控制在5.5%以内。")[1]
        stock = material("economy", "economy.method") + material("economy", "economy.measure.item")
        assert stock and not any(v in after for v in stock)
