"""Quality round (issue 12) for the mobilization and commendation genres: what a leader cut.

Each test builds a brief in ``tmp_path`` and reads the draft the way a leader hears it:
the campaign named instead of 「这次部署」, one praise said in the opening, remarks where
the writer meant them, the honoree list read once, no 扩大领先 below first place, no
「将」 before a writer's next step, no sprint deadline called a long-term job.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.facade import RenderSettings, build_draft
from speechgen.speech.blocks import Heading, Paragraph

from helpers import spoken_sentences, write_brief

CAMPAIGN = """\
template: mobilization
meeting:
  name: 全县农村人居环境整治提升“百日攻坚”行动动员部署会
  organization: 安平县人民政府
  date: 2026-04-08
  speaker: 郑国栋
  level: 县
  audience: 各乡镇党委书记、乡镇长，县直有关部门主要负责同志
  audience_role: 领导干部
  minutes: 16
  prior_speakers:
    - who: 杨柳镇和县住建局
      did: 作了表态发言
      kind: pledge
ranking:
  assessment: 全市农村人居环境整治考核
  period: 2025年度
  previous: 5
  current: 7
  total: 9
  target: 进入全市前三
weaknesses:
  - title: 户厕问题整改进度滞后
    detail: 摸排出的2367户问题户厕，已整改的不到四成
  - title: 部分村庄环境整治反弹
    detail: 国道沿线一些村庄柴草乱堆、垃圾乱倒又冒了头
measures:
  - title: 攻坚户厕问题整改
    why: 户厕问题整改是去年考核扣分最多的一项
    steps: [逐户建立台账, 技术服务队分片包乡镇, 整改一户、验收一户、销号一户]
    owner: 县农业农村局
    co_owners: [各乡镇]
    deadline: 2026-07-16
  - title: 集中整治国道沿线村庄环境
    points: [开展“清垃圾、清柴草、清残垣断壁”专项整治, 建立沿线巡查制度]
    owner: 县住建局
    deadline: 5月底前
  - title: 建立村庄清洁长效管护机制
    why: 靠突击干出来的干净，保持不了多久
    points: [每个行政村配齐保洁员, 实行“红黑榜”]
    owner: 县农业农村局
    deadline: 每月
praise:
  - who: 杨柳镇
    for: 去年在全市暗访中没有一个扣分点
remarks:
  - at: closing
    text: 百日攻坚期间，我每半个月带队暗访一次
next_steps:
  - {when: 4月15日前, what: 各乡镇报送攻坚任务清单, who: 县农业农村局}
  - {when: 4月底, what: 县委县政府督查室开展第一轮暗访, who: 县委县政府督查室}
"""

HONOURS = """\
template: commendation
options:
  honorees: [第二水厂等三个先进集体, 周红梅等十五名先进个人]
meeting:
  name: 2025年度总结表彰大会
  organization: 澜江市供水集团有限公司
  date: 2026-02-06
  speaker: 何国栋
  audience: 集团全体干部职工
  audience_role: 全体干部职工
  minutes: 16
  prior_speakers:
    - who: 党委副书记陈红同志
      did: 宣读了表彰决定
      kind: decision
ranking:
  assessment: 全省城市供水企业对标评价
  period: 2025年度
  previous: 11
  current: 4
  total: 21
  target: 进入前三
strengths:
  - title: 供水安全保障经受住了考验
    detail: 全年出厂水水质综合合格率100%
    example: 8月特大暴雨，第二水厂的同志在厂里守了三天三夜
  - title: 经营效益明显改善
    detail: 利润总额扭亏为盈，实现4200万元
praise:
  - who: 第二水厂
    for: 特大暴雨期间坚守岗位三昼夜，确保全市供水不中断
  - who: 营销服务中心的周红梅同志
    for: 坚守热线岗位十年，被群众称为“贴心水管家”
measures:
  - title: 坚决打赢漏损控制攻坚战
    why: 漏损控制是这次对标评价中扣分最多的一项
    steps: [完成主城区分区计量全覆盖, 组建专业听漏队伍]
    owner: 管网运营公司
    deadline: 2026-12-31
  - title: 持续深化精益管理
    points: [推行药耗、电耗对标管理, 每季度开展一次成本分析]
    owner: 财务部
    deadline: 每季度一次
next_steps:
  - {when: 3月上旬, what: 召开漏损控制攻坚动员会, who: 管网运营公司}
"""


def _draft(tmp_path: Path, text: str, seed: int = 0, name: str = "b.yaml"):
    return build_draft(write_brief(tmp_path, text, name), RenderSettings(seed=seed))


def _paragraphs(draft) -> list[str]:
    """Every body paragraph as heard (a sub-point's bold lead joined to its text)."""
    return [
        (b.lead if isinstance(b, Paragraph) else "") + b.text
        for b in draft.blocks
        if isinstance(b, Paragraph)
    ]


def _parts(draft) -> list[list[str]]:
    """The paragraphs of each level-1 part, in order (the opening is left out)."""
    out: list[list[str]] = []
    for b in draft.blocks:
        if isinstance(b, Heading) and b.level == 1:
            out.append([])
        elif out and isinstance(b, Paragraph):
            out[-1].append((b.lead or "") + b.text)
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_campaign_is_named_not_called_this_deployment(tmp_path: Path, seed: int) -> None:
    text = "\n".join(_paragraphs(_draft(tmp_path, CAMPAIGN, seed)))
    assert text.count("“百日攻坚”行动") >= 2
    assert text.count("这次部署") <= 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_praise_goes_in_the_opening_without_a_learning_part(tmp_path: Path, seed) -> None:
    draft = _draft(tmp_path, CAMPAIGN, seed)
    opening = draft.text("txt").split("一、")[0]
    assert "点名表扬杨柳镇：去年在全市暗访中没有一个扣分点。" in opening
    assert not any("学习先进" in b.text for b in draft.blocks if isinstance(b, Heading))
    assert re.search(r"讲三(点|个方面)", opening)


@pytest.mark.parametrize("seed", range(6))
def test_opening_and_ending_do_not_contradict_or_repeat(tmp_path: Path, seed: int) -> None:
    draft = _draft(tmp_path, CAMPAIGN, seed)
    text = draft.text("txt")
    opening = text.split("一、")[0]
    assert not ("首先要解决的就是认识问题" in opening and "说到底是要解决“干”的问题" in opening)
    ending = "\n".join(_parts(draft)[-1][-3:])
    assert ending.count("回去以后") + ending.count("马上") <= 1, ending
    assert text.count("回去以后") <= 1


@pytest.mark.parametrize("seed", range(6))
def test_a_sprint_task_is_not_called_a_long_term_job(tmp_path: Path, seed: int) -> None:
    text = _draft(tmp_path, CAMPAIGN, seed).text("txt")
    for title in ("攻坚户厕问题整改", "集中整治国道沿线村庄环境"):
        paragraph = next(p for p in text.split("\n") if title in p)
        for word in ("打基础、利长远", "久久为功", "常抓不懈", "一以贯之", "持久战"):
            assert word not in paragraph, (title, word)
    assert "时间紧" not in text  # the deadlines are months away


def test_next_steps_are_said_as_the_writer_wrote_them(tmp_path: Path) -> None:
    text = _draft(tmp_path, CAMPAIGN).text("txt")
    assert "4月15日前，各乡镇报送攻坚任务清单，由县农业农村局负责" in text
    assert "4月底，县委县政府督查室开展第一轮暗访。" in text
    assert "将各乡镇" not in text and "由县委县政府督查室负责" not in text


def test_closing_remark_is_said_before_the_call(tmp_path: Path) -> None:
    draft = _draft(tmp_path, CAMPAIGN)
    paragraphs = _paragraphs(draft)
    assert paragraphs[-2] == "百日攻坚期间，我每半个月带队暗访一次。"
    assert paragraphs[-1].startswith("同志们，") and paragraphs[-1].endswith("！")


@pytest.mark.parametrize("template", ["mobilization", "commendation"])
def test_a_remark_on_every_part_keeps_its_part_and_the_headings(tmp_path: Path, template) -> None:
    """A ``parts.N`` remark is its own paragraph early in part N; headings stay headings."""
    brief = CAMPAIGN if template == "mobilization" else HONOURS
    brief = (
        brief.replace(
            "remarks:\n",
            "remarks:\n"
            + "".join(
                f"  - {{at: parts.{n}, text: 第{n}部分我要多说一句话}}\n" for n in range(1, 5)
            ),
        )
        if "remarks:\n" in brief
        else brief
        + "remarks:\n"
        + "".join(f"  - {{at: parts.{n}, text: 第{n}部分我要多说一句话}}\n" for n in range(1, 5))
    )
    for seed in (0, 1):
        draft = _draft(tmp_path, brief, seed)
        for n, part in enumerate(_parts(draft), start=1):
            said = f"第{n}部分我要多说一句话。"
            where = [i for i, p in enumerate(part) if said in p]
            assert len(where) == 1, (n, part[:3])
            assert part[where[0]].startswith(said), (n, part[where[0]])
            # early in the part, or right after the paragraph that gives the rank
            ranked = where[0] > 0 and "下降到第" in part[where[0] - 1]
            assert where[0] <= 2 or ranked, (n, where[0])
        assert not any("#" in p or "**" in p for p in draft.paragraph_texts())


def test_honorees_are_read_once_and_the_speaker_is_not_echoed(tmp_path: Path) -> None:
    plain = _draft(tmp_path, HONOURS).text("txt")
    assert plain.count("第二水厂等三个先进集体和周红梅等十五名先进个人") == 1
    assert plain.count("祝贺") == 1
    cheer = "今天是腊月十九。借这个机会，我代表集团党委，向受到表彰的同志们表示热烈祝贺！"
    own = HONOURS + f"remarks:\n  - at: opening\n    text: {cheer}\n"
    text = _draft(tmp_path, own, name="own.yaml").text("txt")
    assert text.count("祝贺") == 1 and cheer in text
    assert text.count("第二水厂等三个先进集体和周红梅等十五名先进个人") == 1


@pytest.mark.parametrize("seed", range(4))
def test_no_extended_lead_below_first_place(tmp_path: Path, seed: int) -> None:
    text = _draft(tmp_path, HONOURS, seed).text("txt")
    for words in ("领先", "第一方阵中领跑"):
        assert words not in text
    first = HONOURS.replace("  previous: 11\n  current: 4\n", "  previous: 2\n  current: 1\n")
    top = _draft(tmp_path, first.replace("  target: 进入前三\n", ""), seed, "top.yaml").text("txt")
    assert "扩大领先" in top or "领先" in top


@pytest.mark.parametrize("seed", range(3))
def test_closing_last_words_end_the_speech(tmp_path: Path, seed: int) -> None:
    brief = HONOURS + (
        "remarks:\n  - {at: closing, text: 最后，提前给大家拜个早年，祝大家新春愉快！}\n"
    )
    draft = _draft(tmp_path, brief, seed)
    paragraphs = _paragraphs(draft)
    assert paragraphs[-1] == "最后，提前给大家拜个早年，祝大家新春愉快！"
    assert paragraphs[-2].startswith("同志们，")
    assert "澜江市供水集团有限公司" not in paragraphs[-2]


@pytest.mark.parametrize("seed", range(4))
def test_stock_phrases_a_leader_cut_are_said_once(tmp_path: Path, seed: int) -> None:
    text = _draft(tmp_path, HONOURS.replace("minutes: 16", "minutes: 20"), seed).text("txt")
    for phrase in ("加班加点", "心往一处想", "推广开来", "借此机会", "咬定不放"):
        assert text.count(phrase) <= 1, phrase
    sentences = spoken_sentences(text)
    assert sum(1 for s in sentences if s.startswith("希望大家")) <= 2
