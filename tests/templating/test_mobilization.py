"""The built-in mobilization template (动员部署会): structure, commendation, tone, race talk, length."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.speech.blocks import Heading, Paragraph

from helpers import (
    body_paragraphs,
    heard_sentences,
    material_entries,
    speech_of,
    spoken_chars,
    used_entries,
)

HEAD = """\
template: mobilization
meeting:
  name: 全局作风建设年动员部署会
  organization: 滨江市税务局
  date: 2026-03-02
  speaker: 王立新
  audience: 全体干部职工
{meeting}"""

STRENGTHS = """\
strengths:
  - title: 全年目标任务圆满完成
    detail: 二十项重点工作全部按期完成
  - title: 营商环境评价跃居全市前列
    example: 企业开办涉税事项办理时间压缩到半个工作日
"""

WEAKNESSES = """\
weaknesses:
  - 创新突破不够，叫得响的经验做法不多
  - title: 干部队伍年龄结构偏大
    detail: 四十五岁以上干部占比超过六成
"""

MEASURES = """\
measures:
  - title: 在转变作风上下功夫
    why: 群众反映办事慢、跑腿多
    points: [领导干部带头深入一线调研, 开展“走流程、找堵点”活动]
    owner: 办公室
    deadline: 4月底前
  - title: 在提升效能上见实效
    steps: [梳理全部办税事项, 压缩办事时限三分之一, 推行延时错时服务]
    owner: 纳税服务科
    co_owners: [各基层分局]
    deadline: 2026-06-30
    target: 办税平均时长压缩三分之一
  - title: 在健全机制上求突破
    points: [建立作风问题月通报制度]
    owner: 人事科
    deadline: 每月
  - title: 在强化监督上动真格
    points: [开展作风暗访]
    owner: 督查室
    deadline: 长期坚持
"""

RANKING = """\
ranking:
  assessment: 全省系统作风评议
  period: 2025年度
  previous: {previous}
  current: {current}
  total: 13
"""

RICH = HEAD.format(meeting="  minutes: 16\n") + STRENGTHS + WEAKNESSES + MEASURES
CN = {"两": 2, "三": 3, "四": 4, "五": 5}
ANNOUNCE = re.compile(r"讲([两三四五])(?:点|个方面)")
RACE_WORDS = ("你追我赶", "兄弟单位", "竞相发力", "标兵", "追兵", "位次", "名次", "进位")


def _text(draft) -> str:
    return "\n".join(body_paragraphs(draft))


def _parts(draft) -> list[Heading]:
    return [b for b in draft.blocks if isinstance(b, Heading) and b.level == 1]


def test_default_outline_meaning_tasks_requirements(tmp_path: Path) -> None:
    """Three parts: the meaning (with three sub-points), the tasks, the requirements."""
    draft = speech_of(tmp_path, RICH)
    text = _text(draft)
    parts = _parts(draft)
    assert len(parts) == 3
    announced = ANNOUNCE.search(text)
    assert announced is not None and CN[announced.group(1)] == 3
    subs = [b.heading for b in draft.blocks if isinstance(b, Paragraph) and b.heading]
    assert [h.number for h in subs[:3]] == ["（一）", "（二）", "（三）"]
    for title in ("在转变作风上下功夫", "干部队伍年龄结构偏大", "全年目标任务圆满完成"):
        assert title in text
    meaning = text.split(parts[1].full_text)[0]
    assert "干部队伍年龄结构偏大" in meaning and "全年目标任务圆满完成" in meaning


HONOREES = "options:\n  combine: commendation\n  honorees: [办公室等六个先进集体, 刘建华等十五名先进个人]\n"


def test_commendation_comes_first_and_adds_a_part(tmp_path: Path) -> None:
    plain = speech_of(tmp_path, RICH, name="plain.yaml")
    draft = speech_of(tmp_path, RICH + HONOREES)
    text = _text(draft)
    assert len(_parts(draft)) == len(_parts(plain)) + 1
    first = text.split(_parts(draft)[1].full_text)[0]
    assert "办公室等六个先进集体和刘建华等十五名先进个人" in first
    assert "全年目标任务圆满完成" in first  # the year's results are the honorees' part
    announced = ANNOUNCE.search(text)
    assert announced is not None and CN[announced.group(1)] == len(_parts(draft))
    assert "祝贺" in text.split(_parts(draft)[0].full_text)[0]


def test_one_praised_unit_is_named_in_the_opening(tmp_path: Path) -> None:
    """One praise is no material for a part of its own: it is said in the opening."""
    praise = "praise:\n  - who: 城东分局\n    for: 率先实现“一次不用跑”事项全覆盖\n"
    draft = speech_of(tmp_path, RICH + praise)
    parts = _parts(draft)
    assert len(parts) == 3
    opening = _text(draft).split(parts[0].full_text)[0]
    assert "点名表扬城东分局：率先实现“一次不用跑”事项全覆盖" in opening
    assert "表彰" not in opening  # no commendation was held: nobody is said to be honoured
    assert "这些单位" not in _text(draft)  # one unit is not counted as several


def test_several_praised_units_open_with_a_learning_part(tmp_path: Path) -> None:
    praise = (
        "praise:\n  - who: 城东分局\n    for: 率先实现“一次不用跑”事项全覆盖\n"
        "  - who: 纳税服务科\n    for: 连续三年保持全省纳税人满意度调查前五名\n"
    )
    draft = speech_of(tmp_path, RICH + praise)
    parts = _parts(draft)
    assert len(parts) == 4
    first = _text(draft).split(parts[1].full_text)[0]
    assert "城东分局率先实现“一次不用跑”事项全覆盖" in first
    assert "表彰" not in first
    announced = ANNOUNCE.search(_text(draft))
    assert announced is not None and CN[announced.group(1)] == 4


@pytest.mark.parametrize("seed", range(6))
def test_no_race_talk_without_a_ranking(tmp_path: Path, seed) -> None:
    text = _text(speech_of(tmp_path, RICH, seed=seed))
    for word in RACE_WORDS + ("硬仗", "中上游", "中下游", "领先"):
        assert word not in text, word


def test_race_talk_may_follow_a_real_ranking(tmp_path: Path) -> None:
    brief = RICH + RANKING.format(previous=3, current=9)
    texts = [_text(speech_of(tmp_path, brief, seed=s)) for s in range(6)]
    assert all("从第3名下降到第9名" in t for t in texts)
    assert any(any(w in t for w in ("你追我赶", "标兵", "竞相发力")) for t in texts)


@pytest.mark.parametrize(
    ("previous", "current", "direction"),
    [(9, 3, "up"), (3, 9, "down"), (5, 7, "down"), (4, 4, "same")],
)
def test_tone_follows_the_rank_direction(tmp_path: Path, previous, current, direction) -> None:
    tones = material_entries("mobilization")["mob.rank.tone"]
    for seed in range(4):
        text = _text(
            speech_of(
                tmp_path, RICH + RANKING.format(previous=previous, current=current), seed=seed
            )
        )
        used = used_entries(text, tones)
        assert used and all(e["when"]["direction"] == direction for e in used), used


def test_alarm_only_after_a_fall_out_of_the_top_band(tmp_path: Path) -> None:
    alarms = material_entries("mobilization")["mob.alarm"]
    for seed in range(3):
        stays_top = _text(
            speech_of(tmp_path, RICH + RANKING.format(previous=1, current=2), seed=seed)
        )
        falls = _text(speech_of(tmp_path, RICH + RANKING.format(previous=3, current=9), seed=seed))
        assert not used_entries(stays_top, alarms)
        assert used_entries(falls, alarms)


DEADLINE_WORDS = {
    "by_period": ("久久为功", "常抓不懈"),
    "date": ("久久为功", "常抓不懈"),
    "recurring": ("前完成", "按时完成", "按期完成", "倒排工期"),
    "ongoing": ("前完成", "按时完成", "按期完成", "倒排工期"),
}
KIND_OF = {
    "在转变作风上下功夫": "by_period",
    "在提升效能上见实效": "date",
    "在健全机制上求突破": "recurring",
    "在强化监督上动真格": "ongoing",
}


@pytest.mark.parametrize("seed", range(6))
def test_deadline_wording_follows_its_kind(tmp_path: Path, seed) -> None:
    text = _text(speech_of(tmp_path, RICH, seed=seed))
    for title, kind in KIND_OF.items():
        paragraph = next(p for p in text.split("\n") if title in p)
        for word in DEADLINE_WORDS[kind]:
            assert word not in paragraph, (title, word)
    assert "务必在4月底前完成" in text and "确保6月30日前完成" in text
    assert "要坚持每月抓落实" in text and "要长期坚持" in text


def test_seeds_change_the_body_and_the_same_seed_repeats(tmp_path: Path) -> None:
    one = heard_sentences(_text(speech_of(tmp_path, RICH, seed=1)), 10)
    two = heard_sentences(_text(speech_of(tmp_path, RICH, seed=2)), 10)
    assert one == heard_sentences(_text(speech_of(tmp_path, RICH, seed=1)), 10)
    changed = [s for s in one if s not in two]
    assert len(changed) >= 0.3 * len(one), (len(changed), len(one))


@pytest.mark.parametrize("seed", range(6))
def test_no_sentence_is_said_twice(tmp_path: Path, seed) -> None:
    said = heard_sentences(_text(speech_of(tmp_path, RICH + HONOREES, seed=seed)), 10)
    assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]


MORE_MEASURES = """\
  - title: 在改进文风会风上见成效
    why: 文山会海问题基层反映强烈
    steps: [清理规范各类会议和发文, 推行短会、短文, 能合并的会议一律合并]
    owner: 办公室
    deadline: 5月底前
    target: 会议和发文数量压减三成
    example: 城东分局“无会周”的做法
  - title: 在关心关爱干部上出实招
    why: 一线干部工作压力大、上升通道窄
    points: [建立谈心谈话制度, 落实带薪休假]
    owner: 人事科
    deadline: 长期坚持
  - title: 在严格执纪问责上亮利剑
    why: 少数干部纪律意识淡薄，“庸懒散”现象时有发生
    steps: [开展作风问题专项整治, 对典型问题点名道姓通报曝光]
    owner: 督查室
    co_owners: [人事科]
    deadline: 每季度
    target: 群众反映的作风问题件件有回音
"""
MORE_FACTS = """\
  - title: 纳税服务满意度稳步提升
    detail: 全省纳税人满意度调查得分连续两年提高
    example: 城东分局推出“一次不用跑”清单，企业办事时间平均缩短一半
"""
EXTRAS = """\
praise:
  - who: 城东分局
    for: 在全市率先实现“一次不用跑”事项全覆盖
  - who: 纳税服务科
    for: 连续三年保持全省纳税人满意度调查前五名
remarks:
  - at: parts.2
    text: 作风建设年不是喊口号，年底我要看群众的评价、看企业的评价，这两个评价上不去，就说明我们的作风没有转过来。
  - at: closing
    text: 今年是“作风建设年”，我和班子成员都会到联系点去，跟大家一起干。
next_steps:
  - when: 3月10日前
    what: 组织各单位报送作风问题自查清单
    who: 办公室
  - when: 3月底前
    what: 开展第一轮作风暗访
    who: 督查室
"""


FULLER = {
    "  - title: 在提升效能上见实效\n": (
        "  - title: 在提升效能上见实效\n    why: 办税环节多、等候时间长，纳税人意见比较集中\n"
        "    example: 城南分局“预约错峰”的做法\n"
    ),
    "    points: [建立作风问题月通报制度]\n": (
        "    why: 作风问题反弹快，根子在没有形成长效机制\n"
        "    steps: [每月汇总各渠道反映的作风问题, 在局务会上通报并督促整改, 年底纳入绩效考核]\n"
    ),
    "    points: [开展作风暗访]\n": (
        "    why: 暗访发现的问题，很多是老问题反复出现\n"
        "    steps: [每季度组织一次交叉暗访, 对暗访发现的问题建立台账、限期整改]\n"
    ),
}


@pytest.mark.parametrize("minutes", [16, 25])
def test_length_lands_within_the_budget(tmp_path: Path, minutes) -> None:
    """A brief rich enough for the minutes it asks lands within ±15 % of minutes × 220."""
    brief = HEAD.format(meeting=f"  minutes: {minutes}\n") + STRENGTHS + WEAKNESSES + MEASURES
    if minutes > 20:
        brief = brief.replace("weaknesses:\n", MORE_FACTS + "weaknesses:\n") + MORE_MEASURES
        for short, full in FULLER.items():  # a writer asking 25 minutes says why and how
            brief = brief.replace(short, full)
    draft = speech_of(tmp_path, brief + EXTRAS + RANKING.format(previous=5, current=7))
    length = spoken_chars("\n".join(draft.paragraph_texts()))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length
    said = heard_sentences(_text(draft), 10)
    assert len(said) == len(set(said))


def test_outline_yi_yao_refrain_custom_and_an_omitted_part(tmp_path: Path) -> None:
    outline = (
        "outline:\n  numbering: 一要\n  refrain: 奋力争先\n  parts:\n    - kind: situation\n"
        "    - kind: custom\n      heading: 以案为鉴，守住底线\n      text: [讲话人自己写的一段话。]\n"
        "    - kind: measures\n      items: 一要\n"
    )
    draft = speech_of(tmp_path, RICH + outline)
    text = _text(draft)
    parts = _parts(draft)
    assert [p.number for p in parts] == ["一要", "二要", "三要"]
    assert all(p.text.endswith("，奋力争先") for p in parts)
    assert "讲话人自己写的一段话。" in text
    assert re.search(r"一要在转变作风上下功夫.*", text) and "二要在提升效能上见实效" in text
    announced = ANNOUNCE.search(text)
    assert announced is not None and CN[announced.group(1)] == 3
    demands = [
        e
        for s, es in material_entries("mobilization").items()
        if s.startswith("mob.req")
        for e in es
    ]
    assert not used_entries(text, demands)  # the omitted requirements part says nothing


def test_outline_shouxian_and_few(tmp_path: Path) -> None:
    outline = "outline:\n  numbering: 首先\n  announce: few\n  parts:\n    - kind: measures\n    - kind: requirements\n"
    draft = speech_of(tmp_path, HEAD.format(meeting="") + MEASURES + outline)
    assert [p.number for p in _parts(draft)][0] == "首先，" and len(_parts(draft)) == 2
    assert "讲几点" in _text(draft)


def test_inline_points_do_not_number_inside_numbered_measures(tmp_path: Path) -> None:
    draft = speech_of(tmp_path, RICH + "options:\n  substyle: inline\n")
    paragraph = next(
        p for p in body_paragraphs(draft) if p.startswith(("一是在转变作风", "一要在转变作风"))
    )
    assert "二是" not in paragraph and "二要" not in paragraph
    assert "领导干部带头深入一线调研；开展“走流程、找堵点”活动。" in paragraph


def test_leader_only_demands_follow_the_audience_role(tmp_path: Path) -> None:
    leader_words = ("亲自研究", "靠前指挥", "以上率下", "领头雁")
    staff = [_text(speech_of(tmp_path, RICH, seed=s)) for s in range(4)]
    assert not any(w in t for t in staff for w in leader_words)
    leaders = RICH.replace(
        "  audience: 全体干部职工\n", "  audience: 各单位主要负责同志\n  audience_role: 领导干部\n"
    )
    assert any(
        w in _text(speech_of(tmp_path, leaders, seed=s)) for s in range(4) for w in leader_words
    )


def test_a_county_speech_speaks_for_the_county(tmp_path: Path) -> None:
    county = RICH.replace("  minutes: 16\n", "  level: 县\n  on_behalf_of: 县委、县政府\n")
    text = _text(speech_of(tmp_path, county + HONOREES))
    assert "我代表县委、县政府" in text
    closing = text.split("\n")[-1]
    assert "全县" in closing and "滨江市税务局" not in closing
    assert "我代表" not in _text(speech_of(tmp_path, RICH + HONOREES))
