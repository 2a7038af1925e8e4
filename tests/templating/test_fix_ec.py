"""Review J and K fixes of the economy and commendation speeches (fix-ec)."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, speech

ECONOMY_SAMPLE = (REPO / "templates" / "economy" / "sample.yaml").read_text(encoding="utf-8")


def _closing(text: str) -> str:
    """The draft from its last heading's last paragraph on: the closing."""
    return text[text.rindex("同志们") - 200 :]


def test_economy_short_closing_remark_with_tongzhimen_is_not_hailed_twice(tmp_path: Path) -> None:
    for said in ("同志们，加油干！", "同志们，拼了！"):
        brief = ECONOMY_SAMPLE + f"remarks:\n  - {{at: closing, text: {said}}}\n"
        text = speech(tmp_path, brief)
        assert said in text
        assert "同志们，同志们" not in text
        assert text.count("同志们，") - text.split(said)[0].count("同志们，") == 1, text[-300:]


POWER = """\
template: commendation
meeting:
  name: 2025年度工作总结暨表彰大会
  organization: 国网清河县供电公司
  date: 2026-01-23
  minutes: 10
ranking:
  assessment: 市公司县公司同业对标
  previous: 8
  current: 4
  total: 12
  target: 进入前三
  strong_items: [供电可靠性]
  weak_items: [线损管理, 安全生产基础]
strengths:
  - title: 抗冰保电打赢硬仗
    detail: 72小时内全部恢复送电
weaknesses:
  - title: 线损管理仍有短板
    detail: 综合线损率5.8%，比市公司下达的目标高0.4个百分点
  - title: 安全生产基础还不牢
    detail: 全年发生两起作业现场违章被市公司通报
measures:
  - title: 攻坚高损台区治理
    steps: [17个高损台区一台区一方案]
    owner: 营销部
    deadline: 6月底前
"""


def test_commendation_says_lost_items_once_and_never_quan_gongsi_fazhan(tmp_path: Path) -> None:
    for seed in range(4):
        text = speech(tmp_path, POWER, seed=seed)
        assert "线损管理仍有短板" in text
        assert "从考核情况看，线损管理" not in text
        assert "全公司事业" not in text and "全公司发展" not in text


PRAISE = """\
praise:
  - who: 城关供电所
    for: 全年客户投诉为零，供电可靠率全县最高
  - who: 配电运检班的李明辉同志
    for: 扎根一线二十三年，全年带班完成带电作业216次，零差错
  - who: 抗冰保电突击队
    for: 在老鹰岭连续作业三十多个小时，抢通35千伏鹰岭线
"""


def test_each_quality_of_the_learning_part_is_told_through_one_honouree(tmp_path: Path) -> None:
    for seed in range(3):
        lines = speech(tmp_path, POWER + PRAISE, seed=seed).splitlines()
        start = next(n for n, t in enumerate(lines) if t.startswith("二、"))
        part = lines[
            start + 1 : next(n for n in range(start + 1, len(lines)) if lines[n][:2] == "三、")
        ]
        subs = [t for t in part if t.startswith("（")]
        assert len(subs) == 3
        # the deed that shows each quality best: 抢通 担当, 为零/最高 标准, 扎根 实干
        for sub, who in zip(subs, ("抗冰保电突击队", "城关供电所", "李明辉"), strict=True):
            assert who in sub, sub
        before = "".join(part[: part.index(subs[0])])
        assert "点名表扬" not in before and "李明辉" not in before


def test_a_stock_phrase_of_seven_characters_is_never_said_twice() -> None:
    from speechgen.templating.material import phrases

    a = "这几项任务，要按部门分解下去，每一项都有牵头的人、有时间的表、有检验的标准。"
    b = "这几项工作，每一项都要有牵头的人、有时间的表、有检验的尺，年底要对账单。"
    assert "有牵头的人有时" in phrases(a) & phrases(b)
    # runs never cross a clause, and names ({{ … }}) are not phrases
    assert not phrases("大家要把它。要把大家{{ meeting.we }}干起来") & phrases("把它要把大家")


POLICE = """\
template: commendation
options:
  honorees:
    - 刑侦支队等十个先进集体
    - 李春雷等三十名先进个人
meeting:
  name: 2025年度全市公安工作总结表彰大会
  organization: 江陵市公安局
  date: 2026-01-23
  speaker: 韩志刚
  speaker_title: 副市长、市公安局党委书记、局长
  audience: 全市公安民警和辅警代表
  audience_role: 全体干部职工
  minutes: 20
  theme: 基层基础建设年
  leadership_body: 局党委
  level: 系统
  prior_speakers:
    - who: 政治部孙立平主任
      did: 宣读了市局关于表彰2025年度先进集体和先进个人的决定
      kind: decision
    - who: 刑侦支队和城南派出所的三名民警代表
      did: 作了交流发言
      kind: other
ranking:
  assessment: 全省公安机关绩效考核
  period: 2025年度
  previous: 8
  current: 5
  total: 14
  target: 进入全省前三
  strong_items: [打击电信网络诈骗, 命案侦破]
  weak_items: [执法规范化, 科技信息化应用]
strengths:
  - title: 打击电信网络诈骗成效明显
    detail: 全年电信网络诈骗立案数同比下降31.4%，抓获犯罪嫌疑人862名，追赃挽损6800余万元
    example: 反诈中心民警接到预警后连夜赶到一名退休教师家中，在她准备转账的最后一刻劝阻成功，保住了她全部48万元积蓄
  - title: 命案积案攻坚取得突破
    detail: 现行命案连续四年全破，侦破命案积案5起，其中最长的一起积案已经沉积二十三年
    example: 刑侦支队“2·17”专案组三年里行程两万多公里，比对数据十余万条，最终将潜逃的犯罪嫌疑人抓获归案
  - title: 社会治安持续向好
    detail: 全市刑事案件立案数同比下降12.6%，“两抢”案件立案数下降40%，群众安全感满意度达到98.3%
  - title: 服务群众更加便捷
    detail: 户籍、出入境、车驾管等132项业务实现“一窗通办”，其中89项可以“网上办、掌上办”
praise:
  - who: 刑侦支队
    for: 侦破“2·17”命案积案，给被害人家属一个迟到二十三年的交代
  - who: 城南派出所
    for: 推行“警格+网格”融合，辖区可防性案件下降35%
  - who: 反诈中心民警李春雷同志
    for: 全年带队劝阻潜在受害群众1100余人次，为群众避免损失2300余万元
weaknesses:
  - title: 执法规范化还有短板
    detail: 全年执法质量考评发现问题案件47件，执法办案中取证不规范、文书不严谨的问题时有发生
  - title: 科技信息化应用不够
    detail: 一些民警还是习惯“人海战术”，大数据研判在基层所队用得不多
  - title: 基层警力依然紧张
    detail: 全市派出所警力占比只有38%，距离省厅要求的40%还有差距
measures:
  - title: 深化执法规范化建设
    why: 执法规范化是这次考核失分最多的项目，也直接关系群众对公安的评价
    steps:
      - 对全年47件问题案件逐案剖析、逐一整改
      - 推行执法办案管理中心“一站式”办案
      - 每季度开展一次执法质量考评并通报
    owner: 法制支队
    co_owners: [各分局, 各派出所]
    deadline: 2026-12-31
    target: 执法质量考评优秀率提高到90%以上
  - title: 推进科技兴警
    why: 破案打击越来越依赖数据，基层用不好大数据，就只能跟在案件后面跑
    points:
      - 年内建成市局大数据实战应用平台
      - 每个派出所培养两名以上数据研判骨干
    owner: 科技信息化支队
    deadline: 10月底前
    example: 刑侦支队“2·17”专案组靠数据比对锁定嫌疑人的做法
  - title: 推动警力下沉基层
    why: 派出所警力不足，社区民警疲于应付，群众见警率不高
    steps:
      - 市局机关抽调60名民警充实派出所
      - 新招录民警全部分配到基层所队
    owner: 政治部
    deadline: 6月底前
    target: 派出所警力占比达到40%以上
  - title: 从严从实管党治警
    points:
      - 严格落实防止干预司法“三个规定”
      - 常态化开展警示教育和纪律作风督察
    owner: 督察支队
    co_owners: [驻局纪检监察组]
    deadline: 长期坚持
remarks:
  - at: parts.1
    text: 去年这一年，全市公安民警平均每人加班超过四百个小时，有两位同志倒在了工作岗位上。今天的成绩，是大家用汗水换来的，我向大家道一声辛苦。
  - at: closing
    text: 受表彰的同志们，胸前的红花是荣誉，更是责任。明年的今天，希望大家还能站在这里。
next_steps:
  - {when: 春节前, what: 开展节前社会面治安大巡防, who: 治安支队}
  - {when: 2月底前, what: 召开全市执法规范化建设推进会, who: 法制支队}
"""  # review J's brief


def test_police_goals_opening_is_split_and_stock_never_repeats(tmp_path: Path) -> None:
    for seed in range(3):
        text = speech(tmp_path, POLICE, seed=seed)
        for phrase in ("有牵头的人、有时间的表", "这些成绩再一次说明", "明确时间表和责任人"):
            assert text.count(phrase) <= 1, (seed, phrase)
        lines = text.splitlines()
        start = next(n for n, t in enumerate(lines) if t.startswith("三、"))
        first = next(n for n in range(start, len(lines)) if lines[n].startswith("（一）"))
        opening = lines[start + 1 : first]
        assert len(opening) >= 3 and max(map(len, opening)) < 450, opening


ZONE = """\
template: economy
meeting:
  name: 开发区2026年上半年经济运行分析会
  organization: 江州高新技术产业开发区管理委员会
  date: 2026-07-14
  level: 区
  we: 全区上下
  audience_role: 领导干部
  minutes: 18
measures:
  - title: 全力扩大有效投资
    steps: [项目逐个排出节点, 班子成员包保]
    owner: 经济发展局
    co_owners: [江州城投集团, 财政金融局]
    deadline: 每月
    target: 全年固定资产投资增长10%
  - title: 稳住工业增长基本盘
    steps: [逐户走访规上企业, 开展产业链对接]
    owner: 工业和信息化局
    deadline: 9月底前
    target: 规上工业总产值增速回升到8%以上
  - title: 集中攻坚外资招引
    steps: [梳理在谈外资项目清单]
    owner: 招商服务局
    deadline: 2026-12-31
    target: 全年实际使用外资2亿美元
  - title: 抓好财源培植和收支平衡
    steps: [建立重点税源企业月度监测, 压减一般性支出10%]
    owner: 财政金融局
    co_owners: [自然资源和规划分局]
    deadline: 每季度
    target: 全年一般公共预算收入增长5%以上
"""


def test_zone_economy_frames_differ_and_the_closing_fits_july(tmp_path: Path) -> None:
    for seed in range(4):
        text = speech(tmp_path, ZONE, seed=seed)
        assert "各地" not in text and "今年要干什么" not in text and "当场拍板" not in text
        assert "全区上下" in text.split("同志们，")[-1] or "全区上下" in text[-400:]
        for frame in ("目标很明确，就是", "都要往前推、都要有进展", "这项工作由", "牵头单位是"):
            assert text.count(frame) <= 1, (seed, frame)
