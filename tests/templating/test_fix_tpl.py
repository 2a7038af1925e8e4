"""Review J/K fixes in the mobilization, progress, warning and situation templates (FIX4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.speech import facts

from helpers import speech_of

GENRES = ("mobilization", "progress", "situation", "warning")


def _brief(template: str, did: str, extra: str = "") -> str:
    """A small brief whose first prior speaker read out ``did`` (kind decision)."""
    return f"""\
template: {template}
meeting:
  name: 全市某某工作会议
  organization: 某某市某某局
  prior_speakers:
    - {{who: 办公室, did: {did}, kind: decision}}
    - {{who: 李副局长, did: 通报了工作情况, kind: report}}
weaknesses:
  - {{title: 工作进度偏慢, detail: 有3个项目还没开工}}
measures:
  - {{title: 加快项目建设, owner: 办公室, deadline: 6月底前}}
{extra}"""


def _opening(draft) -> str:
    """The paragraph that answers the prior speakers (刚才……)."""
    return next(t for t in draft.paragraph_texts() if t.startswith("刚才"))


@pytest.mark.parametrize(
    "did,about",
    [
        ("宣读了表彰决定", "commend"),
        ("宣读了《关于表彰2025年度先进集体的决定》", "commend"),
        ("宣读了对张某的处分决定", "discipline"),
        ("宣读了工作方案和组织架构", "other"),
        (None, None),
    ],
)
def test_what_a_decision_is_about(did, about) -> None:
    assert facts.decision_about(did) == about


@pytest.mark.parametrize("template", GENRES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_plan_read_out_is_not_answered_with_praise(tmp_path: Path, template, seed) -> None:
    draft = speech_of(tmp_path, _brief(template, "宣读了工作方案和组织架构"), seed=seed)
    opening = _opening(draft)
    for word in ("表彰", "荣誉", "祝贺", "受鼓舞", "处分决定"):
        assert word not in opening, (template, seed, opening)


@pytest.mark.parametrize("template", ["mobilization", "progress", "situation"])
def test_a_commendation_read_out_is_still_answered(tmp_path: Path, template) -> None:
    said = " ".join(
        _opening(speech_of(tmp_path, _brief(template, "宣读了表彰决定"), seed=s)) for s in range(3)
    )
    assert any(w in said for w in ("表彰", "荣誉", "祝贺")), said


def test_a_sanction_read_out_at_a_warning_meeting_is_answered_as_one(tmp_path: Path) -> None:
    draft = speech_of(tmp_path, _brief("warning", "宣读了对张某的处分决定"))
    assert "处分" in _opening(draft).split("张某的处分决定")[1]


WE_UNITS = [
    ("某某市某某局", "全市某某工作会议", None),
    ("石门镇人民政府", "全镇乡村振兴重点工作推进会", "领导干部"),
    ("江州市第二人民医院", "全院重点工作会议", "中层干部"),
    ("江州市公安局", "全市公安重点工作会议", None),
]


@pytest.mark.parametrize("template", GENRES)
@pytest.mark.parametrize("organization,name,role", WE_UNITS)
@pytest.mark.parametrize("seed", [0, 1])
def test_a_given_we_is_said(tmp_path: Path, template, organization, name, role, seed) -> None:
    """meeting.we is a brief field: every genre must say it (check reports brief.missing)."""
    role_line = f"\n  audience_role: {role}" if role else ""
    brief = f"""\
template: {template}
meeting:
  name: {name}
  organization: {organization}
  we: 上上下下各条战线{role_line}
weaknesses:
  - {{title: 工作进度偏慢, detail: 有3个项目还没开工}}
measures:
  - {{title: 加快项目建设, owner: 办公室, deadline: 6月底前}}
"""
    text = "\n".join(speech_of(tmp_path, brief, seed=seed).paragraph_texts())
    assert "上上下下各条战线" in text, (template, organization, seed)


HOSPITAL_BID = """\
template: mobilization
meeting:
  name: 创建三级甲等综合医院迎评动员部署大会
  organization: 江州市第二人民医院
  audience_role: 中层干部
  leadership_body: 院党委
  minutes: 20
ranking:
  target: 11月省卫健委现场评审一次通过
weaknesses:
  - {title: 信息化水平是最大的短板, detail: 电子病历系统应用水平只有三级}
measures:
  - {title: 逐条对标补齐评审短板, owner: 评审办, deadline: 7月底前}
  - {title: 狠抓医疗质量安全核心制度, owner: 医务部, deadline: 每月}
"""


@pytest.mark.parametrize(
    "text,civic",
    [
        ("创建全国文明城市", True),
        ("创建国家卫生县城", True),
        ("创建三级甲等综合医院迎评", False),
        ("创建全国文明单位", False),
    ],
)
def test_civic_campaigns_are_told_from_a_units_own_bid(text, civic) -> None:
    assert facts.civic_campaign(text) is civic


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_hospital_bid_hears_no_city_campaign_or_government_talk(tmp_path: Path, seed) -> None:
    text = "\\n".join(speech_of(tmp_path, HOSPITAL_BID, seed=seed).paragraph_texts())
    for words in (
        "刷一遍墙",
        "在创建中得到",
        "背街小巷",
        "让城市更文明",
        "上级部门要加强指导",
        "各单位",
    ):
        assert words not in text, (seed, words)


SAFETY = """\
template: mobilization
meeting:
  name: 全县安全生产工作动员部署会
  organization: 平阳县人民政府
  speaker: 陈立群
  level: 县
  on_behalf_of: 县政府
  audience_role: 领导干部
  minutes: 16
  prior_speakers:
    - {who: 县应急管理局局长, did: 对今年重点工作作了具体安排, kind: deployment}
    - {who: 各乡镇和县直有关部门, did: 签订了安全生产目标责任书, kind: other}
ranking:
  assessment: 全市安全生产工作考核
  previous: 9
  current: 6
  total: 12
  target: 进入前四
weaknesses:
  - {title: 企业主体责任落实不到位, detail: 部分小微企业负责人安全意识淡薄}
  - {title: 基层监管力量薄弱, detail: 乡镇安监站专职人员少}
measures:
  - {title: 紧盯重大事故隐患动态清零, owner: 县应急管理局, deadline: 长期坚持}
  - {title: 开展电动自行车全链条整治, owner: 县消防救援大队, deadline: 10月底前}
next_steps:
  - {when: 3月底前, what: 开展开春安全大检查, who: 县安委办}
"""

REQUESTS = (
    "我完全赞成，请大家认真抓好落实",
    "请大家逐项抓好落实",
    "请大家会后对照分工",
    "请大家会后认真领会",
    "大家会后要认真对照",
    "希望大家认真领会",
)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_safety_mobilization_reads_as_one(tmp_path: Path, seed) -> None:
    """Review J: one request after the speakers, no 东风 for the meeting's own subject, no
    「一步」 for a rise of three, few stock lines after the next steps, safety duties in part three."""
    draft = speech_of(tmp_path, SAFETY, seed=seed)
    texts = draft.paragraph_texts()
    opening = _opening(draft)
    assert sum(r in opening for r in REQUESTS) <= 1, opening
    text = "\n".join(texts)
    assert "东风" not in text and "往前走了一步" not in text
    after = texts[next(i for i, t in enumerate(texts) if "开春安全大检查" in t) + 1]
    assert after.count("。") <= 4, after
    part3 = text[text.index("三、") :]
    assert any(w in part3 for w in ("一岗双责", "值班值守", "倒查责任")), part3


@pytest.mark.parametrize(
    "text,spread",
    [
        ("部分科室思想准备不足", True),
        ("个别村干部作风漂浮", True),
        ("部分小微企业负责人安全意识淡薄", False),
        ("雨污分流改造进度滞后", False),
    ],
)
def test_a_problem_in_some_units_is_told_apart(text, spread) -> None:
    assert facts.spread_problem(text) is spread


def _own_problems(template: str, title: str) -> str:
    return f"""\
template: {template}
meeting:
  name: 全县城建重点项目推进会
  organization: 云溪县住房和城乡建设局
  minutes: 15
weaknesses:
  - {{title: {title}, detail: 8个小区只完成投资的三成}}
  - {{title: 燃气隐患整治出现反弹, detail: 复查发现隐患回潮}}
measures:
  - {{title: 加快雨污分流改造, owner: 建设科, deadline: 6月底前}}
  - {{title: 燃气隐患动态清零, owner: 燃气办, deadline: 每月}}
"""


SELF_CHECK = ("有则改之", "旁观者、评论员", "当成自己的问题来查")


@pytest.mark.parametrize("template", ["mobilization", "progress"])
@pytest.mark.parametrize("seed", range(6))
def test_self_check_only_after_a_problem_others_may_share(tmp_path: Path, template, seed) -> None:
    """Review J: 「有则改之、无则加勉」 after the unit's own lag reads as a conduct problem."""
    own = "\n".join(
        speech_of(
            tmp_path, _own_problems(template, "雨污分流改造进度滞后"), seed=seed
        ).paragraph_texts()
    )
    assert not any(w in own for w in SELF_CHECK), (template, seed)


@pytest.mark.parametrize(
    "text,small",
    [
        ("虚报冒领补贴资金共计67万元", False),
        ("多次虚报差旅费共计8600元", True),
        ("累计挪用资金9.8万元", False),
        ("挪用了一笔零星收入", False),
    ],
)
def test_a_case_is_small_only_when_its_sum_is(text, small) -> None:
    assert facts.small_sum(text) is small


def _embezzlement(what: str) -> str:
    return f"""\
template: warning
meeting:
  name: 全县财政系统警示教育大会
  organization: 石泉县财政局
cases:
  - who: 某镇财政所原所长刘某
    what: {what}
    result: 被开除党籍、开除公职
"""


@pytest.mark.parametrize("seed", range(4))
def test_no_small_sum_talk_after_a_large_embezzlement(tmp_path: Path, seed) -> None:
    """Review J: 「哪怕数额不大」 after a 67万元 case; small-sum lines only for a small sum."""
    big = speech_of(tmp_path, _embezzlement("虚报冒领补贴资金共计67万元，用于个人赌博"), seed=seed)
    text = "\n".join(big.paragraph_texts())
    assert "数额不大" not in text and "小便宜" not in text
    small = speech_of(tmp_path, _embezzlement("多次虚报冒领差旅费共计8600元"), seed=seed)
    assert "数额不大" in "\n".join(small.paragraph_texts()) or "小便宜" in "\n".join(
        small.paragraph_texts()
    )


ANNUAL = """\
template: situation
meeting:
  name: 全市人社系统形势分析会
  organization: 江州市人力资源和社会保障局
  theme: 作风提升年
  minutes: 15
ranking:
  assessment: 全省人社系统绩效考核
  period: 2025年度
  previous: 4
  current: 9
  total: 13
  strong_items: [就业创业, 劳动关系]
  weak_items: [社保基金安全]
  indicators:
    - {name: 社保基金安全, score: 6.5, full: 10, rank: 12, previous: 6}
    - {name: 就业创业, score: 19.4, full: 20, rank: 2, previous: 3}
strengths:
  - {title: 就业创业保持全省前列, detail: 全年城镇新增就业5.62万人}
weaknesses:
  - {title: 社保基金安全失分多, detail: 比上年少得3.5分}
measures:
  - {title: 织密社保基金安全防线, owner: 基金监督科, deadline: 6月底前}
  - {title: 加快数字人社建设, owner: 信息中心, deadline: 9月底前}
"""


@pytest.mark.parametrize("seed", range(4))
def test_an_annual_situation_reads_as_one(tmp_path: Path, seed) -> None:
    """Review K: one lead-in for the items, 过去一年 for a year, a short part-two opening."""
    texts = speech_of(tmp_path, ANNUAL, seed=seed).paragraph_texts()
    result = next(t for t in texts if "分项来看" in t)
    assert "从具体项目看" not in result and "劳动关系" in result
    text = "\n".join(texts)
    assert "这段时间" not in text
    two = texts[texts.index(next(t for t in texts if t.startswith("二、"))) + 1]
    assert two.count("。") <= 4, two


POLICE = """\
template: commendation
meeting:
  name: 全市公安工作总结表彰大会
  organization: 江陵市公安局
  minutes: 10
strengths:
  - {title: 打击电信网络诈骗成效明显, detail: 电诈发案数同比下降31%}
  - {title: 群众安全感稳步提升, detail: 群众安全感测评达到98.1%}
"""


@pytest.mark.parametrize("seed", range(6))
def test_a_police_strength_is_followed_by_a_line_that_fits_any_police_work(
    tmp_path: Path, seed
) -> None:
    """Review J: 「执法的程序一步也不能省」 after an anti-fraud strength."""
    text = "\n".join(speech_of(tmp_path, POLICE, seed=seed).paragraph_texts())
    assert "程序一步也不能省" not in text and "简化程序" not in text


@pytest.mark.parametrize("seed", range(3))
def test_lost_items_after_the_breakdown_read_as_chinese(tmp_path: Path, seed) -> None:
    """Review J: 「此外，A和B两项也失分较多」, never 「也比较失分较多」."""
    brief = ANNUAL.replace(
        "weak_items: [社保基金安全]", "weak_items: [社保基金安全, 工伤保险, 仲裁办案]"
    )
    text = "\n".join(speech_of(tmp_path, brief, seed=seed).paragraph_texts())
    assert "比较失分" not in text
    assert "工伤保险和仲裁办案两项也失分较多" in text


FOUR_TASKS = """\
template: mobilization
meeting:
  name: 创建三级甲等综合医院动员部署大会
  organization: 江州市第二人民医院
  minutes: 15
measures:
  - {title: 逐条对标补齐短板, steps: [标准拆解到科室, 每周对账, 月底销号]}
  - {title: 狠抓核心制度, steps: [逐科自查, 交叉检查, 限期整改]}
  - {title: 攻坚电子病历评级, steps: [签订改造合同, 打通系统接口]}
  - {title: 全员动员营造氛围, steps: [确定联络员, 开设迎评专栏, 每周通报]}
"""


@pytest.mark.parametrize("seed", range(2))
def test_four_tasks_introduce_their_steps_four_ways(tmp_path: Path, seed) -> None:
    """Review K: 「落实上要抓好三个环节」 said for two tasks; no task is 「分两步走」 either."""
    text = "\n".join(speech_of(tmp_path, FOUR_TASKS, seed=seed).paragraph_texts())
    for lead in ("工作中要抓住", "落实上要抓好", "推进中要把握", "具体要做好"):
        assert len(re.findall(lead + "[两三四五]", text)) == 1, lead
    assert "步走" not in text


TARGETED = """\
template: situation
meeting:
  name: 一季度经营形势分析会
  organization: 临州市城市建设投资集团
  minutes: 8
measures:
  - {title: 全力清收应收账款, owner: 财务管理部, deadline: 2026-12-31, target: 年内清收5亿元以上}
  - {title: 加快市场化经营转型, owner: 经营发展部, deadline: 12月底前, target: 经营性收入占比提高到40%}
  - {title: 推进子公司业务整合, owner: 企业管理部, deadline: 9月底前, target: 五家子公司主业清晰}
"""


@pytest.mark.parametrize("seed", range(3))
def test_a_dated_task_with_a_target_is_due_to_show_results(tmp_path: Path, seed) -> None:
    """Review J: a transformation with a target is not 「12月底前全部完成」."""
    text = "\n".join(speech_of(tmp_path, TARGETED, seed=seed).paragraph_texts())
    assert "全部完成" not in text and "必须完成" not in text
    assert "见到成效" in text or "达到目标" in text
