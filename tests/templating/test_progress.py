"""The built-in progress template (工作推进会): structure, tone, facts only from the brief, length."""

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
template: progress
meeting:
  name: 全市税务系统重点工作推进会
  organization: 滨江市税务局
  date: 2026-07-08
  speaker: 李卫东
  audience: 各科室和基层分局主要负责人
{meeting}"""

RANKING = """\
ranking:
  assessment: 全省税务系统绩效考核
  period: 2026年上半年
  previous: {previous}
  current: {current}
  total: 13
  target: 保四争三
"""

STRENGTHS = """\
strengths:
  - title: 智慧办税服务厅建成运行
    detail: 比计划提前一个月投入使用，窗口平均等候时间从二十分钟缩短到八分钟
  - title: 组织收入进度快于时序
    detail: 上半年组织收入完成全年任务的百分之五十六
  - title: 为民办实事项目大部分已经兑现
    example: 城东分局把“一次不用跑”的清单印成手册送到企业
"""

WEAKNESSES = """\
weaknesses:
  - title: 部分重点项目推进迟缓
    detail: 档案数字化等三个项目进度不足一半
  - title: 基层一线人员力量偏紧
    detail: 三个基层分局征管岗位缺额超过两成
"""

MEASURES = """\
measures:
  - title: 全力以赴抓好收入质量
    why: 下半年减税降费政策集中落地，收入增长压力明显加大
    points: [按月分析收入形势，做到应收尽收, 严防虚收空转]
    owner: 收入核算科
    co_owners: [各基层分局]
    deadline: 12月底前
  - title: 集中攻坚滞后项目
    why: 三个项目拖了全局进度
    steps: [对进度不足一半的项目逐个会诊, 一个项目一名局领导挂牌督办, 每周报送一次进展]
    owner: 项目办
    deadline: 2026-09-30
  - title: 补齐风险应对短板
    points: [组建专业团队，集中清理积存疑点]
    owner: 风险管理科
    deadline: 每月通报一次
    example: 江北区局的疑点分级处置办法
  - title: 充实基层一线力量
    steps: [机关抽调二十名业务骨干下沉分局, 新录用人员全部安排到征管一线]
    owner: 人事科
    deadline: 长期坚持
"""

RICH = HEAD.format(meeting="  minutes: 15\n") + RANKING.format(previous=5, current=7)
RICH += STRENGTHS + WEAKNESSES + MEASURES
CN = {"两": 2, "三": 3, "四": 4, "五": 5}
ANNOUNCE = re.compile(r"讲([两三四五])(?:点|个方面)")
RANK_WORDS = ("位次", "名次", "排名", "进位", "退位", "标兵", "追兵", "领先", "第一方阵", "中上游")


def _text(draft) -> str:
    return "\n".join(body_paragraphs(draft))


def _parts(draft) -> list[Heading]:
    return [b for b in draft.blocks if isinstance(b, Heading) and b.level == 1]


def test_default_outline_reviews_problems_tasks_and_guarantees(tmp_path: Path) -> None:
    """Four parts by default, 一是 points, and the announced count is the number of parts."""
    draft = speech_of(tmp_path, RICH)
    text = _text(draft)
    parts = _parts(draft)
    assert [p.number for p in parts] == ["一、", "二、", "三、", "四、"]
    announced = ANNOUNCE.search(text)
    assert announced is not None and CN[announced.group(1)] == len(parts)
    seqs = [b.seq for b in draft.blocks if isinstance(b, Paragraph) and b.seq]
    assert "一是" in seqs and "（一）" not in text
    for title in ("智慧办税服务厅建成运行", "部分重点项目推进迟缓", "充实基层一线力量"):
        assert title in text


@pytest.mark.parametrize(
    ("extra", "count"),
    [
        (STRENGTHS + MEASURES, 3),  # no weaknesses: no problems part
        ("", 2),  # nothing but the meeting: review and guarantee only
    ],
)
def test_parts_follow_the_brief(tmp_path: Path, extra: str, count: int) -> None:
    draft = speech_of(tmp_path, HEAD.format(meeting="") + extra)
    announced = ANNOUNCE.search(_text(draft))
    assert announced is not None and CN[announced.group(1)] == len(_parts(draft)) == count


def test_a_lone_strength_is_said_in_one_sentence_not_numbered(tmp_path: Path) -> None:
    draft = speech_of(tmp_path, HEAD.format(meeting="") + "strengths: [全年未发生较大以上事故]\n")
    paragraph = next(p for p in body_paragraphs(draft) if "全年未发生较大以上事故" in p)
    assert "：全年未发生较大以上事故。" in paragraph
    assert "一是" not in paragraph and "以下" not in paragraph


def _verdicts(text: str) -> list[dict]:
    return used_entries(text, material_entries("progress")["progress.verdict"])


@pytest.mark.parametrize(
    ("previous", "current", "direction"),
    [(9, 3, "up"), (3, 9, "down"), (5, 7, "down"), (4, 4, "same")],
)
def test_tone_follows_the_rank_direction(tmp_path: Path, previous, current, direction) -> None:
    brief = HEAD.format(meeting="") + RANKING.format(previous=previous, current=current)
    for seed in range(4):
        used = _verdicts(_text(speech_of(tmp_path, brief, seed=seed)))
        assert used, seed
        assert all(e["when"]["direction"] == direction for e in used), used


def test_alarm_only_after_a_fall_out_of_the_top_band(tmp_path: Path) -> None:
    alarms = material_entries("progress")["progress.alarm"]
    fall_in_top = HEAD.format(meeting="") + RANKING.format(previous=1, current=2)
    deep_fall = HEAD.format(meeting="") + RANKING.format(previous=3, current=9)
    rise = HEAD.format(meeting="") + RANKING.format(previous=9, current=3)
    for seed in range(3):
        assert not used_entries(_text(speech_of(tmp_path, fall_in_top, seed=seed)), alarms)
        assert not used_entries(_text(speech_of(tmp_path, rise, seed=seed)), alarms)
        assert used_entries(_text(speech_of(tmp_path, deep_fall, seed=seed)), alarms)


@pytest.mark.parametrize("seed", range(5))
def test_no_ranking_means_no_rank_talk_and_no_invented_progress(tmp_path: Path, seed) -> None:
    """Without ranking or strengths the review states no result, figure or rank."""
    text = _text(speech_of(tmp_path, HEAD.format(meeting="") + MEASURES, seed=seed))
    for word in RANK_WORDS + ("你追我赶", "兄弟单位", "按计划推进", "总体平稳", "开局良好"):
        assert word not in text, word
    gains = [e for slot, es in material_entries("progress").items() if "gain" in slot for e in es]
    assert not used_entries(text, gains)
    review = text.split("\n二、")[0]
    assert not re.search(r"[0-9０-９%％]|百分之", review)


def test_band_words_only_with_a_total(tmp_path: Path) -> None:
    brief = (
        HEAD.format(meeting="") + "ranking:\n  assessment: 全省考核\n  previous: 5\n  current: 7\n"
    )
    text = _text(speech_of(tmp_path, brief))
    assert "从第5名下降到第7名" in text
    for word in ("中上游", "中下游", "前列", "末位", "榜首", "第一方阵", "参评单位"):
        assert word not in text


DEADLINE_WORDS = {
    "date": ("久久为功", "常抓不懈"),
    "by_period": ("久久为功", "常抓不懈"),
    "recurring": ("前完成", "按时完成", "按期完成", "倒排工期"),
    "ongoing": ("前完成", "按时完成", "按期完成", "倒排工期"),
}
KIND_OF = {
    "全力以赴抓好收入质量": "by_period",
    "集中攻坚滞后项目": "date",
    "补齐风险应对短板": "recurring",
    "充实基层一线力量": "ongoing",
}


@pytest.mark.parametrize("seed", range(6))
def test_deadline_wording_follows_its_kind(tmp_path: Path, seed) -> None:
    text = _text(speech_of(tmp_path, RICH, seed=seed))
    for title, kind in KIND_OF.items():
        paragraph = next(p for p in text.split("\n") if title in p)
        for word in DEADLINE_WORDS[kind]:
            assert word not in paragraph, (title, word)
    assert "确保12月底前完成" in text and "在9月30日前完成" in text
    assert "每月通报一次" in text and "要长期坚持" in text


def test_seeds_change_the_body_and_the_same_seed_repeats(tmp_path: Path) -> None:
    one = heard_sentences(_text(speech_of(tmp_path, RICH, seed=1)), 10)
    two = heard_sentences(_text(speech_of(tmp_path, RICH, seed=2)), 10)
    assert one == heard_sentences(_text(speech_of(tmp_path, RICH, seed=1)), 10)
    changed = [s for s in one if s not in two]
    assert len(changed) >= 0.3 * len(one), (len(changed), len(one))


@pytest.mark.parametrize("seed", range(6))
def test_no_sentence_is_said_twice(tmp_path: Path, seed) -> None:
    said = heard_sentences(_text(speech_of(tmp_path, RICH, seed=seed)), 10)
    assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]


LONG_MEASURES = "".join(
    f"  - title: {t}\n    why: {w}\n    steps: [{st}]\n    points: [{p}]\n"
    f"    owner: {o}\n    deadline: {d}\n    target: {g}\n"
    for t, w, st, p, o, d, g in [
        (
            "抓好收入质量",
            "下半年减税降费政策集中落地，收入增长压力明显加大",
            "按月分析收入形势, 逐户盯紧重点税源",
            "严防虚收空转",
            "收入核算科",
            "12月底前",
            "全年收入任务足额完成",
        ),
        (
            "攻坚滞后项目",
            "档案数字化等三个项目拖了全局进度",
            "逐个项目会诊, 局领导挂牌督办, 每周报送进展",
            "会诊意见七天内落实",
            "项目办",
            "2026-09-30",
            "三个项目年底前全部完工",
        ),
        (
            "补齐风险短板",
            "风险应对是这次考核失分最多的一块",
            "组建专业团队, 集中清理积存疑点",
            "疑点清理情况每周通报",
            "风险管理科",
            "每月",
            "积存疑点全部清零",
        ),
        (
            "充实一线力量",
            "三个基层分局征管岗位缺额超过两成",
            "机关抽调骨干下沉分局, 新录用人员安排到一线",
            "下沉人员由分局统一调配",
            "人事科",
            "长期坚持",
            "基层征管岗位缺额降到一成以内",
        ),
        (
            "提升数据质量",
            "数据质量是考核失分较多的项目",
            "建立数据质量周通报, 问题数据限期整改",
            "数据质量纳入分局考核",
            "数据管理科",
            "9月底前",
            "数据差错率降到千分之三以下",
        ),
        (
            "优化纳税服务",
            "纳税人对办税等候时间反映较多",
            "推行预约办税, 推广“一次不用跑”清单",
            "诉求接诉即办",
            "纳税服务科",
            "常态化",
            "窗口平均等候时间控制在十分钟以内",
        ),
        (
            "加强督查督办",
            "一些部署布置了不跟踪、跟踪了不问效",
            "建立督办台账, 逐月反馈完成情况",
            "督办结果与考核挂钩",
            "办公室",
            "每季度",
            "重点事项按期办结率达到百分之九十五",
        ),
        (
            "强化考核激励",
            "干好干坏一个样的问题还没有根本解决",
            "完善分局考核办法, 考核结果与评先挂钩",
            "年底兑现奖惩",
            "人事科",
            "2026-12-31",
            "考核结果运用到每一名干部",
        ),
    ]
)
MORE_FACTS = """\
  - title: 重点税源监控更加精准
    detail: 建立了一百户重点企业“一户一档”
    example: 高新区分局提前两个月发现一户企业的异常申报，及时堵住了漏洞
weaknesses:
  - title: 部分重点项目推进迟缓
    detail: 档案数字化等三个项目进度不足一半
    example: 档案数字化项目光招标就拖了两个月
  - title: 基层一线人员力量偏紧
    detail: 三个基层分局征管岗位缺额超过两成
  - title: 少数单位存在等靠思想
    detail: 遇到跨部门的问题习惯等上级协调，自己不主动想办法
"""
REMARKS = """\
remarks:
  - at: parts.1
    text: 说实话，看到这个位次，我是坐不住的。年初定目标的时候大家都拍了胸脯，现在到了兑现的时候。
  - at: measures.2
    text: 这三个项目，我每个月都要到现场去看一次，到时候进度上不去，项目负责人要当面说清楚原因。
  - at: closing
    text: 下个月的推进会，我要一项一项听大家汇报这八件事。
praise:
  - who: 城东分局
    for: 把“一次不用跑”清单印成手册送到企业，企业反映很好
  - who: 高新区分局
    for: 提前两个月发现异常申报，及时堵住了漏洞
next_steps:
  - when: 7月20日前
    what: 召开三个滞后项目专题会诊会
    who: 项目办
  - when: 本月底
    what: 组织各分局到省内考核排第1名的单位学习风险应对的做法
    who: 考核办
"""


@pytest.mark.parametrize(
    ("minutes", "extra"),
    [
        (15, STRENGTHS + WEAKNESSES + MEASURES),
        (25, STRENGTHS + MORE_FACTS + "measures:\n" + LONG_MEASURES + REMARKS),
    ],
)
def test_length_lands_within_the_budget(tmp_path: Path, minutes, extra) -> None:
    brief = HEAD.format(meeting=f"  minutes: {minutes}\n") + RANKING.format(previous=5, current=7)
    draft = speech_of(tmp_path, brief + extra)
    length = spoken_chars("\n".join(draft.paragraph_texts()))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length
    said = heard_sentences(_text(draft), 10)
    assert len(said) == len(set(said))


OUTLINE = """\
outline:
  numbering: 一要
  refrain: 保四争三
  parts:
    - kind: situation
    - kind: custom
      heading: 以案为鉴，守住底线
      text: [这一段是讲话人自己写的第一段话。, 这一段是讲话人自己写的第二段话。]
    - kind: measures
"""


def test_outline_three_parts_yi_yao_refrain_custom_and_an_omitted_part(tmp_path: Path) -> None:
    brief = HEAD.format(meeting="") + RANKING.format(previous=5, current=7)
    draft = speech_of(tmp_path, brief + STRENGTHS + WEAKNESSES + MEASURES + OUTLINE)
    text = _text(draft)
    parts = _parts(draft)
    assert [p.number for p in parts] == ["一要", "二要", "三要"]
    assert all(p.text.endswith("，保四争三") for p in parts)
    assert parts[1].text == "以案为鉴，守住底线，保四争三"
    assert "这一段是讲话人自己写的第一段话。" in text and "这一段是讲话人自己写的第二段话。" in text
    announced = ANNOUNCE.search(text)
    assert announced is not None and CN[announced.group(1)] == 3
    assert "部分重点项目推进迟缓" in text  # weaknesses folded into the review part
    guarantee = material_entries("progress")["progress.guarantee.dispatch"]
    assert not used_entries(text, guarantee)  # the omitted requirements part says nothing


def test_outline_shouxian_few_and_split_measures(tmp_path: Path) -> None:
    outline = (
        "outline:\n  numbering: 首先\n  announce: few\n  parts:\n"
        "    - kind: measures\n      select: [1, 2]\n      items: 一要\n"
        "    - kind: measures\n      select: [3, 4]\n"
        "    - kind: requirements\n"
    )
    draft = speech_of(tmp_path, HEAD.format(meeting="") + MEASURES + outline)
    text = _text(draft)
    parts = _parts(draft)
    assert [p.number for p in parts] == ["首先，", "其次，", "最后，"]
    assert parts[0].text != parts[1].text
    assert "讲几点" in text
    first, second = text.split(parts[1].full_text)
    assert "一要全力以赴抓好收入质量" in first and "二要集中攻坚滞后项目" in first
    assert "一是补齐风险应对短板" in second and "二是充实基层一线力量" in second


def test_leader_only_demands_follow_the_audience_role(tmp_path: Path) -> None:
    leader_words = ("亲自抓", "靠前指挥", "以上率下")
    for seed in range(4):
        staff = HEAD.format(meeting="  audience_role: 全体干部职工\n") + MEASURES
        assert not any(w in _text(speech_of(tmp_path, staff, seed=seed)) for w in leader_words)


def test_a_county_speech_speaks_for_the_county(tmp_path: Path) -> None:
    county = HEAD.format(meeting="  level: 县\n  on_behalf_of: 县委、县政府\n") + MEASURES
    text = _text(speech_of(tmp_path, county))
    closing = text.split("\n")[-1]
    assert "全县" in closing and "滨江市税务局" not in closing
    assert "我代表县委、县政府" in text
    plain = _text(speech_of(tmp_path, HEAD.format(meeting="") + MEASURES))
    assert "我代表" not in plain


def test_a_township_is_ranked_among_townships(tmp_path) -> None:
    brief = """\
template: progress
meeting:
  name: 全镇乡村振兴重点工作推进会
  organization: 中共石门镇委员会 石门镇人民政府
ranking:
  assessment: 全县乡村振兴实绩考评
  period: 2026年一季度
  previous: 9
  current: 9
  total: 16
"""
    text = "".join(speech_of(tmp_path, brief).paragraph_texts())
    assert "在16个参评乡镇中" in text
    assert "参评单位" not in text


def test_no_will_before_a_step_with_its_own_subject(tmp_path) -> None:
    brief = """\
template: progress
meeting:
  name: 全镇乡村振兴重点工作推进会
  organization: 石门镇人民政府
next_steps:
  - {when: 6月15日前, what: 5个薄弱村报送集体经济项目方案, who: 镇农业农村办}
"""
    text = "".join(speech_of(tmp_path, brief).paragraph_texts())
    assert "6月15日前，5个薄弱村报送集体经济项目方案" in text
