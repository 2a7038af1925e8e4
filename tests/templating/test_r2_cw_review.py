"""Round-2 review defects in commendation and warning drafts (issue 12, quality round 2): a bank's
commendation meeting and a county bureau's warning meeting with a local case, checked for the
writer's quote closed twice (。”。), the rest-on-laurels idea said again and again, stock that
repeats the writer's closing wish, methods and cadences nobody gave, 群众 at a bank, case causes
and consequences nobody reported, 别处 for a local case, 教训是相通的 and 为什么 said twice, a
sub-heading that repeats its part heading, and the closing remark after the final call."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import speech

SEEDS = (0, 1, 2, 3)

BANK = """\
template: commendation
options:
  substyle: headings
  honorees:
    - 城南支行等三个先进集体
    - 周晓雯等十名先进个人
    - 吴建军等五名优秀客户经理
meeting:
  name: 2025年度工作总结表彰大会
  organization: 中国建设银行临川分行
  date: 2026-01-23
  speaker: 刘振华
  speaker_title: 行长
  audience: 全行干部员工
  audience_role: 全体干部职工
  minutes: 13
  theme: 服务实体经济深化年
  leadership_body: 分行党委
  prior_speakers:
    - who: 党委委员、副行长陈明同志
      did: 宣读了表彰决定
      kind: decision
    - who: 城南支行和个人金融部的两位代表
      did: 作了交流发言
      kind: other
strengths:
  - title: 经营规模再上新台阶
    detail: 各项存款余额突破600亿元，比年初增加58亿元；各项贷款余额达到512亿元，增长11.3%
  - title: 服务实体经济成效明显
    detail: 普惠型小微企业贷款余额86亿元，比年初增长23%，服务小微企业客户1.2万户
    example: 公司业务部联合县域支行开展“万企千村行”，一年走访小微企业和种养大户3400多户
  - title: 风险防控底线守得牢
    detail: 不良贷款率下降0.18个百分点，控制在0.96%，全年未发生案件和重大风险事件
weaknesses:
  - title: 中间业务收入增长乏力
    detail: 中间业务收入只增长2.1%，财富管理、代发工资等业务拓展不够
  - title: 县域网点发展不平衡
    detail: 有4个县域网点存款增长不到5%，网点效能偏低
praise:
  - who: 城南支行
    for: 主动对接开发区14家专精特新企业，全年新增科技型企业贷款9.6亿元
  - who: 个人金融部的周晓雯同志
    for: 带领团队推出“养老金融进社区”活动，全年新增养老金代发客户8600户
  - who: 运营管理部
    for: 完成全行38个网点智能柜台改造，客户平均等候时间由22分钟缩短到9分钟
measures:
  - title: 在服务实体经济上持续发力
    why: 服务实体经济是我们的立行之本
    steps:
      - 聚焦先进制造业、科技创新和乡村振兴三个领域，建立重点客户名单
      - 推行“行长走访企业”制度，分行领导班子每人联系不少于10家重点企业
    owner: 公司业务部
    co_owners: [普惠金融事业部]
    deadline: 2026-12-31
    target: 全年新增普惠型小微企业贷款不少于15亿元
  - title: 在中间业务上补齐短板
    why: 中间业务收入增长乏力，是去年经营中最明显的短板
    steps:
      - 以代发工资为抓手，带动财富管理和信用卡业务
      - 每季度开展一次中间业务专项营销活动
    owner: 个人金融部
    deadline: 每季度
  - title: 在县域网点提质上精准施策
    points:
      - 对增长不到5%的4个网点实行“一点一策”
      - 分行部门和县域网点结对帮扶
    owner: 运营管理部
    deadline: 6月底前
  - title: 在合规经营上久久为功
    points:
      - 常态化开展员工异常行为排查
      - 每季度开展一次合规案例警示教育
    owner: 内控合规部
    deadline: 长期坚持
remarks:
  - at: parts.1
    text: 去年这个时候，不少同志担心存款突破600亿是不是定高了。今天，我们可以骄傲地说，这个目标实现了。
  - at: parts.2
    text: 周晓雯同志有句话我印象很深：“老人家来一趟网点不容易，我们多走一步，他们就少跑一趟。”
  - at: closing
    text: 新的一年，希望明年站在这个台上领奖的同志更多一些。
next_steps:
  - {when: 2月底前, what: 分行将召开一季度“开门红”营销推进会, who: 公司业务部}
"""

COUNTY = """\
template: warning
meeting:
  name: 全局警示教育大会
  organization: 安平县市场监督管理局
  date: 2026-05-14
  speaker: 何振东
  speaker_title: 局党组书记、局长
  audience: 全局干部职工
  audience_role: 全体干部职工
  leadership_body: 局党组
  prior_speakers:
    - who: 警示教育片《失守的底线》
      kind: video
    - who: 驻局纪检监察组陈立新组长
      did: 通报了近两年系统内查处的典型案例
      kind: report
cases:
  - who: 某市市场监管局原食品经营科科长孙某
    what: 利用食品经营许可审查的职务便利，为多家餐饮企业违规发证，收受财物共计36万元
    result: 被开除党籍、开除公职，以受贿罪被判处有期徒刑三年六个月
    lesson: 许可审查这道关，守不住就是守不住群众的饭碗安全
  - who: 本县某市场监管所原副所长周某
    what: 在查处一起销售过期食品案件中，接受当事人请托，擅自降低处罚标准
    result: 受到党内严重警告、政务撤职处分
    lesson: 执法的尺子一旦弯了，丢掉的是政府的公信力
weaknesses:
  - title: 一线执法监督存在薄弱环节
    detail: 有的市场监管所办案、审核、决定由同一批人完成，缺少有效制约
  - title: 个别干部规矩意识淡薄
    detail: 与管理服务对象交往没有分寸，认为逢年过节收点土特产是人情往来
measures:
  - title: 开展执法办案专项检查
    why: 周某案暴露出执法办案环节自由裁量权过大的问题
    steps:
      - 对近三年办结的行政处罚案件逐案复查
      - 对降低处罚标准的案件逐件说明理由
    owner: 法规股
    co_owners: [驻局纪检监察组]
    deadline: 8月底前
  - title: 规范与管理服务对象的交往
    points:
      - 制定干部与管理服务对象交往“负面清单”
      - 节假日前集中开展廉政提醒
    owner: 办公室
    deadline: 长期坚持
"""


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.splitlines() if p.strip()]


@pytest.mark.parametrize("seed", SEEDS)
def test_bank_commendation_says_each_idea_once(tmp_path: Path, seed: int) -> None:
    text = speech(tmp_path, BANK, seed)
    assert "。”。" not in text
    assert "他们就少跑一趟。”" in text
    assert "躺" not in text
    assert text.count("紧迫") <= 1
    for stock in (
        "站到台上",
        "经验值得记住",
        "这个办法",
        "调度一次",
        "通报一次",
        "群众",
        "过去这段时间",
    ):
        assert stock not in text, (seed, stock)
    assert text.count("拿出实实在在的成果") <= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_bank_closing_remark_comes_right_before_the_call(tmp_path: Path, seed: int) -> None:
    paras = _paragraphs(speech(tmp_path, BANK, seed))
    assert paras[-2] == "新的一年，希望明年站在这个台上领奖的同志更多一些。"
    assert paras[-1].startswith("同志们，") and paras[-1].endswith("！")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_measure_the_writer_spelled_out_gets_no_stock(tmp_path: Path, seed: int) -> None:
    paras = _paragraphs(speech(tmp_path, BANK, seed))
    first = next(p for p in paras if p.startswith("（一）在服务实体经济上持续发力"))
    assert first.endswith("要实现的目标是：全年新增普惠型小微企业贷款不少于15亿元。")


@pytest.mark.parametrize("seed", SEEDS)
def test_county_warning_states_no_case_fact_nobody_gave(tmp_path: Path, seed: int) -> None:
    text = speech(tmp_path, COUNTY, seed)
    for stock in (
        "别处",
        "妻离子散",
        "教训是相通的",
        "身边人没有及时提醒",
        "打着“正常”的旗号",
        "放松学习、心存侥幸",
    ):
        assert stock not in text, (seed, stock)
    assert text.count("为什么") <= 1
    assert text.count("围猎") <= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_county_warning_sub_headings_do_not_repeat_the_part_heading(
    tmp_path: Path, seed: int
) -> None:
    paras = _paragraphs(speech(tmp_path, COUNTY, seed))
    heads = [p for p in paras if re.match(r"^[一二三]、", p)]
    for i, p in enumerate(paras):
        m = re.match(r"^（[一二三]）([^。]+)", p)
        if not m:
            continue
        parent = [h for h in heads if paras.index(h) < i][-1]
        core = re.sub(r"^(在|常|筑牢)|上下功夫$", "", m.group(1))
        assert core[:4] not in parent, (seed, m.group(1), parent)


@pytest.mark.parametrize("seed", SEEDS)
def test_warning_closing_remark_comes_before_the_call(tmp_path: Path, seed: int) -> None:
    brief = COUNTY + "remarks:\n  - at: closing\n    text: 别让自己成为下一次警示片里的人\n"
    paras = _paragraphs(speech(tmp_path, brief, seed))
    assert paras[-2] == "别让自己成为下一次警示片里的人。"
    assert paras[-1].startswith("同志们，") and paras[-1].endswith("！")
