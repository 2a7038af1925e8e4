"""Warning and economy drafts as a leader hears them (issue 12, quality round): four realistic
briefs — a district court and a county tax bureau warning meeting, a district and a county economy
meeting — checked for the defects a leader's review found: case titles said twice, the wrong
collective noun, two 下面 in a row, the punchline not last, holiday talk on an ordinary day, the
economy's own figures presented as an assessment's items, 调度会 at a meeting not so named,
stock passages on the wrong topic, an example heard after the next item, and drafts short of
their minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import material, speech, spoken_length

COURT = """\
template: warning
meeting:
  name: 全院警示教育大会
  organization: 东湖区人民法院
  date: 2026-05-14
  speaker: 杜明华
  speaker_title: 党组书记、院长
  audience: 全院干警
  audience_role: 全体干部职工
  minutes: 13
  leadership_body: 院党组
  prior_speakers:
    - who: 警示教育片《失守的天平》
      kind: video
    - who: 派驻纪检监察组郑某某组长
      did: 通报了近年来全省法院系统查处的三起典型案件
      kind: report
cases:
  - who: 某市中级人民法院原执行局局长钱某
    what: 在执行案件中为当事人拖延执行、选择性执行提供帮助，收受财物共计96万元
    result: 被开除党籍、开除公职，以受贿罪被判处有期徒刑七年
    lesson: 执行权是最容易被“围猎”的权力，越是手握执行款、查封权，越要守得住
  - who: 某县人民法院原审判员孙某
    what: 违规会见案件当事人及其代理律师，接受宴请，泄露合议庭评议情况
    result: 受到党内严重警告、政务撤职处分
    lesson: “三个规定”不是摆设，一顿饭、一个电话就可能把自己搭进去
  - who: 某区人民法院书记员李某
    what: 利用保管卷宗的便利，私自将诉讼材料复印给一方当事人，收受好处费1.5万元
    result: 被解除劳动合同，移送司法机关处理
    lesson: 岗位没有大小，风险没有例外，聘用制人员同样要管住
weaknesses:
  - title: 执行款管理还有风险点
    detail: 案款发放审批环节多头经手，部分案款长期未发放
  - title: 干警与律师、当事人交往不规范
    detail: 去年全院记录报告过问干预案件和不当接触交往事项仅9件，明显偏少，存在不愿报、不敢报的情况
  - title: 辅助人员管理偏松
    detail: 书记员、法官助理等聘用制人员廉政教育覆盖不全
measures:
  - title: 开展执行领域专项整治
    why: 执行是群众反映最集中、风险最高的环节
    steps: [对近三年执行案款逐笔清查, 推行执行案款“一案一账号”, 执行局每月公开案款发放情况]
    owner: 执行局
    co_owners: [审判管理办公室]
    deadline: 8月底前
    target: 超期未发放案款全部清零
  - title: 严格落实“三个规定”
    points: [每月通报记录报告情况, 对应报未报的一律严肃追责]
    owner: 政治部
    co_owners: [派驻纪检监察组]
    deadline: 每月
  - title: 把聘用制人员纳入廉政教育全覆盖
    steps: [新入职辅助人员岗前廉政培训, 签订保密和廉洁承诺书, 卷宗借阅全程留痕]
    owner: 司法行政装备处
    deadline: 2026-07-31
  - title: 常态化开展警示教育
    owner: 机关党委
    deadline: 长期坚持
remarks:
  - at: parts.1
    text: 钱某出事前，是全省法院系统有名的执行能手，我和他在培训班上还同过学。
  - at: closing
    text: 同志们，我们每天审理的是别人的案子，但千万不要让自己成为别人审理的案子。
next_steps:
  - {when: 5月底前, what: 各庭室召开专题组织生活会对照查摆, who: 机关党委}
  - {when: 6月, what: 组织全院干警旁听一起职务犯罪案件庭审, who: 政治部}
"""

TAX = """\
template: warning
meeting:
  name: 全局警示教育大会
  organization: 国家税务总局青山县税务局
  date: 2026-09-18
  speaker: 韩志刚
  speaker_title: 党委书记、局长
  audience: 局领导班子成员和各股室、税务分局负责人
  minutes: 15
  leadership_body: 局党委
  prior_speakers:
    - who: 驻局纪检组王某某组长
      did: 通报了近期全省税务系统查处的两起典型案件
      kind: report
cases:
  - who: 某市税务局第二稽查局原副局长周某
    what: 利用稽查选案和案件审理的职务便利，为多家企业减轻处罚、拖延查处提供帮助，收受财物共计73万元
    result: 被开除党籍、开除公职，以受贿罪被判处有期徒刑五年
    lesson: 稽查权能定处罚轻重，越是这样的权力，越容易被人盯上、被人“围猎”
  - who: 某县税务局某税务分局原科员吴某
    what: 在出口退税审核中多次接受企业财务人员宴请和购物卡，为不符合条件的企业违规办理退税
    result: 受到政务降级处分，调离执法岗位
    lesson: 退税审核上的每一次“通融”，都可能变成国家税款的流失
weaknesses:
  - title: 出口退税审核把关不严
    detail: 部分审核岗位长期由同一人担任，复审流于形式
  - title: 干部与纳税人交往边界不清
    detail: 个别干部接受纳税人宴请，甚至为涉税中介介绍业务
measures:
  - title: 开展执法风险专项排查
    why: 稽查、退税、核定征收等环节自由裁量空间大，是执法风险最集中的地方
    steps: [各股室对照执法事项清单逐岗排查风险点, 对近两年出口退税案卷抽查复核, 建立执法风险点台账和防控措施]
    owner: 法制股
    co_owners: [驻局纪检组]
    deadline: 10月底前
    target: 执法风险点排查覆盖全部岗位
  - title: 规范干部与纳税人交往
    points: [严禁在涉税中介机构兼职取酬, 与纳税人的非公务交往一律事先报告]
    owner: 人事教育股
    deadline: 长期坚持
  - title: 推行出口退税双人复核
    steps: [审核、复核岗位分设, 退税审核岗位满三年轮岗]
    owner: 货物和劳务税股
    deadline: 2026-12-31
    target: 退税审核“一人审到底”的情况全部清零
  - title: 抓好中秋国庆期间作风纪律检查
    points: [节前对执法岗位干部集中提醒, 节日期间开展明察暗访]
    owner: 办公室
    co_owners: [驻局纪检组]
    deadline: 10月8日前
remarks:
  - at: parts.1
    text: 周某这个案子，我一直记得他在留置室里说的一句话：“我以为大家都这样。”
  - at: closing
    text: 我在税务系统干了二十多年，见过太多人倒在“人情”两个字上，我不希望在座的任何一个人成为下一个案例。
next_steps:
  - {when: 9月底前, what: 各股室、分局召开专题组织生活会对照查摆, who: 机关党委}
  - {when: 10月中旬, what: 局党委听取执法风险排查情况汇报}
"""

DISTRICT = """\
template: economy
meeting:
  name: 全区上半年经济运行分析会
  organization: 南溪区人民政府
  date: 2026-07-21
  speaker: 邹立新
  speaker_title: 区长
  level: 区
  on_behalf_of: 区政府
  audience: 各街道、区直各部门和区属国有企业主要负责同志
  audience_role: 领导干部
  minutes: 20
  theme: 产业提质年
  prior_speakers:
    - who: 区统计局
      did: 通报了上半年全区主要经济指标完成情况
      kind: report
    - who: 区投资促进局、高新园区管委会和白沙街道
      did: 作了发言
      kind: report
  next_speaker:
    who: 区委吴书记
    does: 作重要讲话
ranking:
  assessment: 全市区县经济发展综合考评
  period: 2026年上半年
  previous: 5
  current: 5
  total: 12
  target: 进入前三
  peers:
    - {name: 临江区, rank: 3}
    - {name: 北湖区, rank: 4}
  indicators:
    - {name: 地区生产总值增长, value: 5.6, unit: "%", target: 6.0, last_year: 5.4}
    - {name: 规上工业增加值增长, value: 9.2, unit: "%", target: 8.0, last_year: 7.1}
    - {name: 固定资产投资增长, value: 2.8, unit: "%", target: 7.0, last_year: 4.6}
    - {name: 实际使用外资, value: 1.3, unit: 亿美元, target: 2.0, last_year: 1.1}
    - {name: 社会消费品零售总额增长, value: 5.1, unit: "%", target: 6.5, last_year: 5.8}
    - {name: 一般公共预算收入增长, value: 6.7, unit: "%", target: 5.0, last_year: 3.2}
strengths:
  - title: 工业经济引擎作用突出
    detail: 高新园区电子信息和生物医药两大产业产值增长18.4%，拉动规上工业增加值增长5.1个百分点
    example: 园区帮助锐芯半导体三个月内完成二期厂房验收，6月份已经满负荷生产
  - title: 财政收入质量提高
    detail: 税收收入占一般公共预算收入的比重达到78.5%，比去年同期提高3.2个百分点
weaknesses:
  - title: 投资增长乏力
    detail: 上半年新开工亿元以上项目11个，比去年同期少6个；房地产开发投资下降14.3%
  - title: 消费恢复不及预期
    detail: 两个大型商业综合体客流下滑，限上餐饮企业营业额增长只有1.8%
measures:
  - title: 全力以赴扩投资
    why: 固定资产投资增速低于年度目标4.2个百分点，是上半年最大的短板
    steps: [区级领导“一对一”包联30个重点项目, 对签约未开工项目逐个会商、限期开工, 加大专项债券项目储备]
    owner: 区发展改革局
    co_owners: [区自然资源和规划局, 区住建局]
    deadline: 每月
    milestones:
      - {when: 8月底, what: 18个签约未开工项目全部开工}
      - {when: 9月底, what: 申报专项债券项目不少于15个}
    target: 全年固定资产投资增长7%
  - title: 千方百计促消费
    why: 社零增速落后于全市平均，商圈活力不足
    steps: [下半年举办“南溪夜市”消费季, 发放以旧换新补贴, 推动两个商业综合体业态调整]
    owner: 区商务局
    deadline: 10月底前
    example: 临江区引进首店经济带动商圈人气的做法
  - title: 稳住工业基本盘
    points: [对产值前50强企业实行“周监测”, 帮助企业争取技改资金]
    owner: 区工信局
    co_owners: [高新园区管委会]
    deadline: 12月底前
  - title: 精准招商引外资
    why: 实际使用外资只完成年度目标的65%
    points: [赴粤港澳开展两次专题招商, 盯紧三个在谈外资项目]
    owner: 区投资促进局
    deadline: 2026-11-30
praise:
  - who: 高新园区管委会
    for: 上半年新引进亿元以上产业项目9个，总投资68亿元
  - who: 白沙街道
    for: 辖区规上企业全部实现满产达产，新增“小升规”企业7家
remarks:
  - at: parts.1
    text: 上半年我们保住了第五名，但大家心里要清楚，前面的临江、北湖没有停，后面的几个区追得很紧。
  - at: measures.2
    text: 消费这块，光靠发券不行，要在场景上、业态上动真格的。
  - at: closing
    text: 下半年时间只剩五个多月，全年目标能不能完成，就看接下来这一百多天。
next_steps:
  - {when: 8月上旬, what: 召开重点项目集中开工活动, who: 区发展改革局}
  - {when: 9月中旬, what: 区政府组织三季度经济运行调度会, who: 区政府办}
"""

COUNTY = """\
template: economy
meeting:
  name: 全县前三季度经济运行分析会
  organization: 青禾县人民政府
  date: 2026-10-22
  speaker: 罗建平
  speaker_title: 县长
  level: 县
  audience: 各乡镇、县直各部门主要负责同志
  audience_role: 领导干部
  minutes: 18
  prior_speakers:
    - who: 县统计局
      did: 通报了前三季度全县主要经济指标完成情况
      kind: report
  next_speaker:
    who: 县委陈书记
    does: 作重要讲话
ranking:
  assessment: 全市县域经济高质量发展综合考核
  period: 前三季度
  previous: 4
  current: 6
  total: 9
  target: 保四争三
  indicators:
    - {name: 地区生产总值增长, value: 5.2, unit: "%", target: 6.0, last_year: 5.5}
    - {name: 规上工业增加值增长, value: 8.4, unit: "%", target: 8.0, last_year: 7.6}
    - {name: 固定资产投资增长, value: 3.1, unit: "%", target: 8.0, last_year: 6.2}
    - {name: 社会消费品零售总额增长, value: 6.8, unit: "%", target: 6.5, last_year: 6.0}
    - {name: 一般公共预算收入增长, value: 4.6, unit: "%", target: 5.5, last_year: 3.9}
    - {name: 农村居民人均可支配收入增长, value: 7.1, unit: "%", target: 7.0, last_year: 7.3}
    - {name: 城镇调查失业率, value: 5.6, unit: "%", target: 5.5, last_year: 5.3}
    - {name: 规上工业单位增加值能耗, value: 0.58, unit: 吨标准煤/万元, target: 0.60, last_year: 0.62}
strengths:
  - title: 工业生产稳中有进
    detail: 食品加工、新型建材两个主导产业产值增长12.6%，新增规上工业企业9家
  - title: 消费市场持续活跃
    detail: 县城商贸综合体开业带动限上零售额增长9.3%
weaknesses:
  - title: 投资增长后劲不足
    detail: 前三季度新开工亿元以上项目7个，比去年同期少5个；两个省重点项目因用地指标未落实推进缓慢
  - title: 就业压力加大
    detail: 两家劳动密集型企业订单下滑、减员320人，高校毕业生返乡就业岗位供给不足
measures:
  - title: 全力以赴抓项目扩投资
    why: 固定资产投资增速比年度目标低4.9个百分点，是拖累全县经济增速的最大短板
    steps: [县级领导包保24个重点项目, 对两个省重点项目的用地指标专题向市里争取, 加快专项债券项目前期工作]
    owner: 县发改局
    co_owners: [县自然资源局]
    deadline: 每月
    milestones:
      - {when: 11月底前, what: 8个计划新开工项目全部开工}
    target: 全年固定资产投资增长6%以上
  - title: 千方百计稳就业
    why: 城镇调查失业率比目标高0.1个百分点，也高于去年同期
    steps: [对减员企业逐户走访、落实稳岗返还, 举办两场返乡人员专场招聘会, 开发一批公益性岗位兜底安置]
    owner: 县人社局
    deadline: 12月底前
    target: 城镇调查失业率回落到5.5%以内
  - title: 抓好财源建设
    points: [对重点税源企业实行月度跟踪, 加快闲置国有资产盘活处置]
    owner: 县财政局
    co_owners: [县税务局]
    deadline: 12月底前
  - title: 冲刺四季度工业生产
    steps: [对产值前30名企业实行“一企一策”, 帮助企业抢订单、保用工、保用电]
    owner: 县工信局
    deadline: 12月底前
praise:
  - who: 县工信局
    for: 帮助9家企业完成“小升规”
remarks:
  - at: parts.1
    text: 排名从第四掉到第六，说明别人跑得比我们快，我们不能拿“基数高”给自己找理由。
  - at: closing
    text: 离年底只有七十天了，能不能保四争三，就看这七十天。
next_steps:
  - {when: 11月上旬, what: 县政府召开重点项目推进现场会, who: 县发改局}
"""

SEEDS = (0, 1, 2)


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.splitlines() if p.strip()]


def _closing(text: str) -> list[str]:
    """The paragraphs after the last part's last sub-point (the speech's ending)."""
    paras = _paragraphs(text)
    last_head = max(i for i, p in enumerate(paras) if re.match(r"^[一二三四五六七八九十]+、", p))
    return paras[last_head + 1 :]


def _with_remarks(brief: str, parts: int = 3) -> str:
    """The brief with a remark of the speaker's on every part (kept verbatim, headings intact)."""
    lines = "".join(
        f"  - {{at: parts.{n}, text: 第{n}部分这句话是讲话人自己加的，一字不改}}\n"
        for n in range(1, parts + 1)
        if f"at: parts.{n}" not in brief
    )
    return brief.replace("remarks:\n", "remarks:\n" + lines, 1)


# ---------------------------------------------------------------- warning


@pytest.mark.parametrize("seed", SEEDS)
def test_case_heading_is_the_short_name_and_the_identity_is_said_once(tmp_path, seed) -> None:
    text = speech(tmp_path, COURT, seed)
    assert "（一）钱某案" in text and "（二）孙某案" in text and "（三）李某案" in text
    assert text.count("某市中级人民法院原执行局局长钱某") == 1
    assert "钱某案。某市中级人民法院原执行局局长钱某在执行案件中" in text.replace("\n", "")
    # the speaker's remark about 钱某 is heard with 钱某's case, not before it is told
    case = next(p for p in _paragraphs(text) if p.startswith("（一）钱某案"))
    assert "我和他在培训班上还同过学" in case


@pytest.mark.parametrize("seed", SEEDS)
def test_the_court_is_addressed_as_a_court(tmp_path, seed) -> None:
    text = speech(tmp_path, COURT, seed)
    assert "全体干部职工" not in text
    assert "东湖区人民法院各项工作" not in text
    assert "全院" in text


@pytest.mark.parametrize("seed", range(6))
def test_no_holiday_talk_on_an_ordinary_day(tmp_path, seed) -> None:
    text = speech(tmp_path, COURT, seed)
    for word in ("节假日", "节日", "过节", "节前"):
        assert word not in text, (seed, word)


def test_holiday_discipline_before_a_holiday(tmp_path) -> None:
    before = COURT.replace("date: 2026-05-14", "date: 2026-09-21")
    said = [w for w in material("warning", "warn.festive") if w in speech(tmp_path, before)]
    assert len(said) == 1


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("brief", [COURT, TAX], ids=["court", "tax"])
def test_no_two_sentences_running_start_alike(tmp_path, seed, brief) -> None:
    text = speech(tmp_path, brief, seed)
    assert "下面，我结合" not in text
    starts = [s[:2] for s in re.findall(r"[^。！？\n]+[。！？]", text)]
    for a, b in zip(starts, starts[1:], strict=False):
        assert not (a == b and a in ("下面", "借此", "同志", "这项")), (seed, a)
    assert text.count("一阵风") <= 1
    assert text.count("借此机会") <= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_the_speakers_punchline_leads_into_the_call_and_同志们_is_said_once(tmp_path, seed) -> None:
    text = speech(tmp_path, COURT, seed)
    ending = _closing(text)
    assert ending[-2] == "同志们，我们每天审理的是别人的案子，但千万不要让自己成为别人审理的案子。"
    assert ending[-1].endswith("！")
    assert sum(p.startswith("同志们") for p in ending) == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_next_steps_read_as_the_writer_wrote_them(tmp_path, seed) -> None:
    text = speech(tmp_path, COURT, seed)
    assert "5月底前，各庭室召开专题组织生活会对照查摆，由机关党委具体负责" in text
    assert "将各庭室" not in text and "将组织" not in text
    tax = speech(tmp_path, TAX, seed, name="tax.yaml")
    assert "10月中旬，局党委听取执法风险排查情况汇报。" in tax


@pytest.mark.parametrize("brief", [COURT, TAX], ids=["court", "tax"])
def test_remarks_on_every_part_keep_the_headings(tmp_path, brief) -> None:
    text = speech(tmp_path, _with_remarks(brief))
    heads = [p for p in _paragraphs(text) if re.match(r"^[一二三]、", p)]
    assert len(heads) == 3
    for n in (2, 3):
        line = f"第{n}部分这句话是讲话人自己加的，一字不改。"
        assert text.count(line) == 1
    # a part's remark follows its first paragraph
    paras = _paragraphs(text)
    second = paras.index(heads[1])
    assert paras[second + 2] == "第2部分这句话是讲话人自己加的，一字不改。"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("brief", "minutes"), [(COURT, 13), (TAX, 15)], ids=["court", "tax"])
def test_warning_drafts_land_within_their_minutes(tmp_path, seed, brief, minutes) -> None:
    length = spoken_length(speech(tmp_path, brief, seed))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length


# ---------------------------------------------------------------- economy


@pytest.mark.parametrize("seed", SEEDS)
def test_the_economys_figures_are_not_items_of_the_assessment(tmp_path, seed) -> None:
    text = speech(tmp_path, DISTRICT, seed)
    assert "综合考评看，六项" not in text and "考评看，两项" not in text
    assert "主要经济指标看，六项指标中，两项达到预期，两项亮了黄灯，两项亮了红灯。" in text
    assert "与上次持平，仍为第五名" in text  # as the speaker says it: 第五名


def test_scored_indicators_are_the_assessments_items(tmp_path) -> None:
    ranking = (
        "ranking:\n  assessment: 全市高质量发展考核\n  current: 3\n  total: 9\n  indicators:\n"
        "    - {name: 经济发展, value: 28, target: 27, last_year: 26, rank: 3, previous: 5}\n"
        "    - {name: 改革创新, value: 12, target: 13, last_year: 13, rank: 6, previous: 4}\n"
    )
    brief = DISTRICT.split("ranking:")[0] + ranking + "strengths:" + DISTRICT.split("strengths:")[1]
    assert "全市高质量发展考核的分项指标看，两项指标中" in speech(tmp_path, brief)


@pytest.mark.parametrize("seed", range(4))
def test_no_dispatch_talk_at_a_meeting_not_so_named(tmp_path, seed) -> None:
    text = speech(tmp_path, DISTRICT, seed)
    for slot in ("economy.measures.intro.dispatch", "economy.measures.summary.dispatch"):
        for line in material("economy", slot):
            assert line[:12] not in text, (seed, line)
    assert "调度会，重在调度" not in text
    named = DISTRICT.replace(
        "name: 全区上半年经济运行分析会", "name: 全区上半年经济运行分析暨重点工作调度会"
    )
    heard = speech(tmp_path, named, seed, name="d.yaml")
    dispatch = material("economy", "economy.measures.intro.dispatch") + material(
        "economy", "economy.measures.summary.dispatch"
    )
    assert any(line[:12] in heard for line in dispatch)


@pytest.mark.parametrize("seed", range(4))
def test_passages_fit_the_measure_they_follow(tmp_path, seed) -> None:
    text = speech(tmp_path, DISTRICT, seed)
    assert "项目是发展的生命线" not in text
    assert "简单粗暴" not in text
    foreign = next(p for p in _paragraphs(text) if p.startswith("（四）精准招商引外资"))
    assert "项目" not in foreign.split("。")[1]  # the reason after the heading speaks of 招商/外资
    assert text.count("借此机会") <= 1


@pytest.mark.parametrize("seed", SEEDS)
def test_an_example_is_heard_with_its_own_item(tmp_path, seed) -> None:
    text = speech(tmp_path, DISTRICT, seed)
    assert text.index("比如，园区帮助锐芯半导体") < text.index("二是财政收入质量提高")


@pytest.mark.parametrize("seed", SEEDS)
def test_lower_is_better_indicators_and_lagging_analysis(tmp_path, seed) -> None:
    text = speech(tmp_path, COUNTY, seed)
    red = next(p for p in _paragraphs(text) if p.startswith("亮红灯的有三项"))
    assert "城镇调查失业率为5.6%，比目标5.5%高0.1个百分点" in red
    green = next(p for p in _paragraphs(text) if p.startswith("达到预期的有三项"))
    # the unit read aloud once in full; the difference keeps the numerator's unit
    assert "规上工业单位增加值能耗为0.58吨标准煤每万元，比目标0.60低0.02吨标准煤" in green
    assert text.count("吨标准煤每万元") == 1 and "吨标准煤/万元" not in green
    lag = material("economy", "economy.lag")
    analysed = sorted((red.index(line), line) for line in lag if line in red)
    # investment and jobs are analysed; the total (GDP), if at all, after them
    assert [line[:2] for _, line in analysed][:2] in (["投资", "就业"], ["投资", "失业"])
    assert len(analysed) <= 3


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("brief", [DISTRICT, COUNTY], ids=["district", "county"])
def test_the_closing_remark_is_said_last(tmp_path, seed, brief) -> None:
    """A closing remark not starting with 最后 comes right before the final 同志们 call."""
    text = speech(tmp_path, brief, seed)
    *_, before, last = _paragraphs(text)
    assert before.startswith(("下半年时间只剩五个多月", "离年底只有七十天了"))
    assert last.startswith("同志们") and last.endswith("！")
    assert sum(p.startswith("同志们") for p in _closing(text)) == 1


@pytest.mark.parametrize("brief", [DISTRICT, COUNTY], ids=["district", "county"])
def test_economy_remarks_on_every_part_keep_the_headings(tmp_path, brief) -> None:
    text = speech(tmp_path, _with_remarks(brief))
    heads = [p for p in _paragraphs(text) if re.match(r"^[一二三]、", p)]
    assert len(heads) == 3
    for n in (1, 2, 3):
        assert text.count(f"第{n}部分这句话是讲话人自己加的，一字不改。") <= 1
    assert text.count("第2部分这句话是讲话人自己加的，一字不改。") == 1


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(
    ("brief", "minutes"), [(DISTRICT, 20), (COUNTY, 18)], ids=["district", "county"]
)
def test_economy_drafts_land_within_their_minutes(tmp_path, seed, brief, minutes) -> None:
    length = spoken_length(speech(tmp_path, brief, seed))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("brief", [COURT, TAX, DISTRICT, COUNTY], ids=["c", "t", "d", "y"])
def test_headings_stand_alone(tmp_path, seed, brief) -> None:
    for text in (speech(tmp_path, brief, seed), speech(tmp_path, _with_remarks(brief), seed)):
        heads = [p for p in _paragraphs(text) if re.match(r"^[一二三四五]、", p)]
        assert len(heads) == 3
        for head in heads:
            assert "。" not in head and len(head) <= 40, head


def test_seeds_differ_and_no_sentence_twice(tmp_path) -> None:
    for brief in (COURT, TAX, DISTRICT, COUNTY):
        one, two = speech(tmp_path, brief, 1), speech(tmp_path, brief, 2)
        said = [s for s in re.findall(r"[^。！？\n]+[。！？]", one) if spoken_length(s) >= 10]
        assert len(said) == len(set(said))
        other = set(re.findall(r"[^。！？\n]+[。！？]", two))
        assert sum(s not in other for s in said) >= 0.3 * len(said)


def test_no_written_path_leaks(tmp_path: Path) -> None:
    for brief in (COURT, TAX, DISTRICT, COUNTY):
        text = speech(tmp_path, brief)
        for residue in ("{{", "}}", "{%", "None", "%%", "。。", "，。", "。”。", "；。"):
            assert residue not in text, residue


def test_without_an_indicators_part_the_opening_says_them_in_paragraphs(tmp_path) -> None:
    brief = (
        DISTRICT.split("strengths:")[0]
        + "measures:"
        + DISTRICT.split("measures:")[1].replace("  - at: parts.1\n", "  - at: parts.2\n")
        + "outline:\n  parts:\n    - kind: measures\n    - kind: requirements\n"
    )
    paras = _paragraphs(speech(tmp_path, brief))
    standing = next(p for p in paras if "综合考评看" in p)
    assert standing.startswith("从2026年上半年全市区县经济发展综合考评看")
    red = next(p for p in paras if p.startswith("亮红灯的有两项"))
    assert "点意见" not in red
    assert any(p.startswith(("下面", "围绕")) and "两" in p for p in paras)
