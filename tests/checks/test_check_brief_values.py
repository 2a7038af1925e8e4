"""``check --brief`` finds every value of a v2 brief in the draft, details included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from speechgen.checks.brief_values import expected_values, trim

from helpers import findings, parse_brief

V2_BRIEF = """\
meeting:
  name: 全县经济运行分析会
  organization: 滨江县人民政府
  date: 2026-05-10
  speaker: 王建国
  speaker_title: 县长
  level: 县
  we: 全县上下
  on_behalf_of: 县委、县政府
  theme: 落实年
  leadership_body: 县政府党组
  next_speaker: {who: 县委张书记, does: 作重要讲话}
  prior_speakers:
    - {who: 三个乡镇, did: 作了表态发言, kind: pledge}
praise:
  - {who: 青山镇, for: 项目攻坚成效明显}
ranking:
  - assessment: 全市高质量发展考核
    period: 2025年度
    previous: 3
    current: 9
    total: 13
    target: 保四争三
    score: 86.5
    average: 88.2
    leader: {name: 东湖区, score: 95.1}
    peers:
      - {name: 西岭县, rank: 4, score: 90.3}
    indicators:
      - {name: 基层党建, score: 7.5, full: 10, rank: 11, previous: 5}
      - {name: 地区生产总值增速, value: 5.2, unit: "%", target: 6.0, last_year: 5.8}
    weak_items:
      - {title: 效益指标, detail: 亩均税收排名靠后}
  - assessment: 全市营商环境评价
    previous: 8
    current: 6
strengths:
  - title: 项目建设提速
    detail: |
      在较短时间内
      接连完成三个重点项目。
    example: 县发改局带队连续攻坚三个月
    points: [横向比位次前移, 纵向比增速加快]
weaknesses:
  - 基层活力不足
measures:
  - title: 形成步步为营的督办体系
    points:
      - title: 每月列出督办清单
        detail: 清单经分管领导签字
    owner: 县政府办公室
    co_owners: [县发改局, 县财政局]
    deadline: 每季度一次
    why: 针对布置了工作不跟踪的问题
    steps: [成立督办小组, 逐月反馈完成情况]
    milestones:
      - {when: 7月底, what: 完成第一轮督办}
    target: 重点事项按期办结率达到95%以上
    example: 东湖区的月调度机制
  - title: 形成协同高效的责任体系
    owner: 县发改局
    deadline: 2026-06-30
cases:
  - {who: 某局原副局长王某, what: 利用审批权收受财物, result: 被开除党籍, lesson: 权力监督不能有空白}
remarks:
  - {at: opening, text: 说实话，我是倍感压力。}
next_steps:
  - {when: 本月底, what: 组织到东湖区交流学习, who: 县政府办公室}
outline:
  refrain: 保四争三
  parts:
    - {kind: situation, heading: 看清形势、坚定信心}
    - {kind: measures}
    - {kind: custom, heading: 以案为鉴筑牢防线, text: [第一段自己的话, 第二段自己的话]}
"""

DRAFT = """\
在全县经济运行分析会上的讲话
（2026年5月10日）
县长　王建国
同志们：
今天，我代表县委、县政府讲几点意见。刚才，三个乡镇作了表态发言。会后县委张书记还要作重要讲话。
说实话，我是倍感压力。今年是“落实年”，全县上下要在县政府党组带领下攻坚。
首先，我要点名表扬青山镇，项目攻坚成效明显。
一、看清形势、坚定信心，保四争三
在2025年度全市高质量发展考核中，我县从第3名降到第9名，共13个县区参评，得分86.5分，低于平均分88.2分，第一名东湖区95.1分，西岭县第4名、90.3分。目标是保四争三。
基层党建得7.5分（满分10分），排第11名，上次第5名。地区生产总值增速5.2%，目标6.0%，去年5.8%。
效益指标失分较多，亩均税收排名靠后。全市营商环境评价从第8名升至第6名。
项目建设提速，在较短时间内接连完成三个重点项目。县发改局带队连续攻坚三个月。一是横向比位次前移，二是纵向比增速加快。
基层活力不足。
二、狠抓落实，保四争三
（一）形成步步为营的督办体系。针对布置了工作不跟踪的问题，要成立督办小组，逐月反馈完成情况。每月列出督办清单，清单经分管领导签字。由县政府办公室牵头，县发改局、县财政局配合，每季度一次调度。7月底完成第一轮督办。重点事项按期办结率达到95%以上。可以借鉴东湖区的月调度机制。
（二）形成协同高效的责任体系。由县发改局牵头，2026年6月30日前完成。
三、以案为鉴筑牢防线，保四争三
第一段自己的话
第二段自己的话
某局原副局长王某利用审批权收受财物，被开除党籍，教训是权力监督不能有空白。
本月底，县政府办公室将组织到东湖区交流学习。
"""


@pytest.fixture
def brief(tmp_path: Path):
    """The v2 brief above, validated."""
    return parse_brief(tmp_path, V2_BRIEF)


def missing(draft: str, brief) -> list[str]:
    """Messages of brief.missing for ``draft`` checked against ``brief``."""
    return [
        f.message for f in findings(draft, brief=brief, compare=True) if f.rule == "brief.missing"
    ]


def test_a_draft_with_every_value_has_no_missing_finding(brief) -> None:
    assert missing(DRAFT, brief) == []


def test_values_are_trimmed_as_the_renderer_trims_them(brief) -> None:
    assert trim(" 说实话，我是\n倍感压力。\n") == "说实话，我是倍感压力"
    detail = next(
        e
        for e in expected_values(brief, titles=True, dates=True)
        if e.field == "第1项成绩的 detail"
    )
    assert detail.value == "在较短时间内接连完成三个重点项目"
    # a line break or spaces in the draft do not hide a value either
    assert missing(DRAFT.replace("在较短时间内接连", "在较短时间内\u3000接连"), brief) == []


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("逐月反馈完成情况", "按月反馈", "第1项举措的 steps 第2条“逐月反馈完成情况”"),
        ("成立督办小组，", "", "第1项举措的 steps 第1条"),
        ("县财政局配合", "配合", "第1项举措的 co_owners 第2个“县财政局”"),
        ("针对布置了工作不跟踪的问题，", "", "第1项举措的 why"),
        ("7月底完成", "近期完成", "第1项举措的 milestones 第1条的 when“7月底”"),
        ("重点事项按期办结率达到95%以上。", "", "第1项举措的 target"),
        ("可以借鉴东湖区的月调度机制。", "", "第1项举措的 example"),
        ("每季度一次调度", "定期调度", "第1项举措的 deadline“每季度一次”"),
        ("清单经分管领导签字。", "", "第1项举措的 points 第1条的 detail"),
        ("县长　王建国", "王建国", "meeting.speaker_title“县长”"),
        ("我代表县委、县政府", "我", "meeting.on_behalf_of"),
        ("“落实年”", "“实干年”", "meeting.theme"),
        ("在县政府党组带领下", "", "meeting.leadership_body"),
        ("县委张书记", "领导", "meeting.next_speaker 的 who"),
        ("刚才，三个乡镇作了表态发言。", "", "meeting.prior_speakers 第1项的 who"),
        ("项目攻坚成效明显", "成效明显", "第1条 praise 的 for"),
        ("得分86.5分", "得分较高", "ranking 第1项考核 的 score“86.5”"),
        ("平均分88.2分", "平均分", "ranking 第1项考核 的 average"),
        ("东湖区95.1分", "东湖区", "ranking 第1项考核 的 leader.score“95.1”"),
        ("西岭县第4名、90.3分", "西岭县", "peers 第1项（西岭县）的 rank“4”"),
        ("排第11名，上次第5名", "排名靠后", "indicators 第1项（基层党建）的 rank“11”"),
        ("（满分10分）", "", "indicators 第1项（基层党建）的 full“10”"),
        ("目标6.0%", "目标6%", "indicators 第2项（地区生产总值增速）的 target“6.0”"),
        ("去年5.8%", "", "indicators 第2项（地区生产总值增速）的 last_year"),
        ("共13个县区参评", "", "ranking 第1项考核 的 total“13”"),
        ("从第8名升至第6名", "有所上升", "ranking 第2项考核 的 previous“8”"),
        ("亩均税收排名靠后", "", "weak_items 第1项的 detail"),
        ("县发改局带队连续攻坚三个月。", "", "第1项成绩的 example"),
        ("二是纵向比增速加快", "", "第1项成绩的 points 第2条"),
        ("被开除党籍，", "", "第1个案例（cases）的 result"),
        ("教训是权力监督不能有空白", "", "第1个案例（cases）的 lesson"),
        ("说实话，我是倍感压力。", "", "第1条 remarks（opening）的 text"),
        ("本月底，", "", "第1项 next_steps 的 when"),
        ("第二段自己的话", "", "outline 第3部分的 text 第2段"),
        ("看清形势、坚定信心", "认清形势", "outline 第1部分（situation）的 heading"),
    ],
)
def test_each_deleted_value_is_named(brief, old: str, new: str, field: str) -> None:
    assert old in DRAFT
    messages = missing(DRAFT.replace(old, new), brief)
    assert any(field in m for m in messages), messages


def test_a_number_must_stay_beside_its_indicator(brief) -> None:
    """The 11 of 基层党建 is looked for where 基层党建 is mentioned, not anywhere."""
    moved = DRAFT.replace("排第11名，上次第5名", "排名靠后").replace(
        "基层活力不足。", "基层活力不足，有11个站所。"
    )
    assert any("（基层党建）的 rank“11”" in m for m in missing(moved, brief))


def test_ranks_and_counts_in_chinese_numerals_count(brief) -> None:
    chinese = DRAFT.replace("第3名降到第9名，共13个", "第三名降到第九名，共十三个")
    assert missing(chinese, brief) == []


def test_deadline_dates_are_left_to_brief_changed(brief) -> None:
    found = findings(DRAFT.replace("2026年6月30日前完成", "尽快完成"), brief=brief, compare=True)
    assert not [f for f in found if f.rule == "brief.missing"]
    assert any(f.rule == "brief.changed" and "时限" in f.message for f in found)


def test_peer_and_indicator_ranks_are_not_changed_ranks(brief) -> None:
    found = findings(DRAFT, brief=brief, compare=True)
    assert [f for f in found if f.rule == "brief.changed"] == []
    wrong = findings(DRAFT.replace("西岭县第4名", "西岭县第7名"), brief=brief, compare=True)
    assert [f.rule for f in wrong if f.rule == "brief.changed"] == ["brief.changed"]


def test_a_checked_brief_reports_what_its_template_left_out(brief) -> None:
    """Checking the brief itself: each value the draft lacks is brief.unrendered, a warning."""
    found = findings(DRAFT.replace("（2026年5月10日）", ""), brief=brief, kind="brief")
    unrendered = [f for f in found if f.rule == "brief.unrendered"]
    assert [f.severity for f in unrendered] == ["warning"]
    assert "meeting.date" in unrendered[0].message
    assert not [f for f in found if f.rule == "brief.missing"]
    plain = findings(DRAFT.replace("（2026年5月10日）", ""), brief=brief)
    assert not [f for f in plain if f.rule.startswith("brief.")]


def test_a_v2_brief_rendered_today_names_only_values_its_draft_lacks(
    invoke, tmp_path: Path
) -> None:
    """Checking a brief: each brief.unrendered value is really absent from the rendered text."""
    text = re.sub(r"^(praise|cases|remarks|next_steps):\n(  .*\n)+", "", V2_BRIEF, flags=re.M)
    text = re.sub(r"    - \{kind: custom.*\n", "", text)  # what the situation template refuses
    path = tmp_path / "v2.yaml"
    path.write_text("template: situation\n" + text, encoding="utf-8")
    payload = json.loads(invoke("check", "--format", "json", path).stdout)
    assert payload["files"][0]["error"] is None, payload
    rendered = invoke("render", path, "--format", "txt", "-o", "-", "--no-check").stdout
    plain = re.sub(r"\s+", "", rendered)
    unrendered = [f for f in payload["findings"] if f["rule"] == "brief.unrendered"]
    for f in unrendered:
        assert f["severity"] == "warning"
        value = re.search(r"“(.+?)”没有写进讲话稿", f["message"]).group(1)
        if len(value) >= 2 and not value.replace(".", "").isdigit():
            assert trim(value) not in plain, f["message"]
    assert "brief.missing" not in {f["rule"] for f in payload["findings"]}


def test_check_brief_on_a_word_draft(invoke, tmp_path: Path) -> None:
    brief_path = tmp_path / "brief.yaml"
    brief_path.write_text(V2_BRIEF, encoding="utf-8")
    document = docx.Document()
    for line in DRAFT.replace("逐月反馈完成情况", "按月反馈").splitlines():
        document.add_paragraph(line)
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    result = invoke("check", "--format", "json", draft, "--brief", brief_path)
    payload = json.loads(result.stdout)
    found = [f for f in payload["findings"] if f["rule"] == "brief.missing"]
    assert len(found) == 1 and result.exit_code == 1
    assert "第1项举措的 steps 第2条“逐月反馈完成情况”" in found[0]["message"]
    assert found[0]["quote"].startswith("（一）形成步步为营")
    ignored = invoke(
        "check", "--format", "json", draft, "--brief", brief_path, "--ignore", "brief.missing"
    )
    assert not [f for f in json.loads(ignored.stdout)["findings"] if f["rule"] == "brief.missing"]


SHORTENED = """\
meeting: {name: 形势分析会, organization: 临州市城市建设投资集团有限公司}
ranking:
  - {assessment: 全省人社系统年度绩效考核, period: 2025年度}
  - {assessment: 全县乡村振兴实绩季度考评, period: 2026年一季度}
  - {assessment: 市国资委市属国有企业经营业绩考核, period: 2025年度, reported_by: 市国资委}
"""


@pytest.mark.parametrize(
    "said",
    [
        # as the renderer says them: the period's unit and the reporter said once
        "2025年全省人社系统年度绩效考核。2026年一季度全县乡村振兴实绩考评。"
        "市国资委通报了2025年度市属国有企业经营业绩考核结果。",
        # as typed
        "2025年度全省人社系统年度绩效考核。2026年一季度全县乡村振兴实绩季度考评。"
        "市国资委通报了2025年度市国资委市属国有企业经营业绩考核结果。",
    ],
)
def test_an_assessment_said_shorter_is_not_missing(tmp_path, said) -> None:
    brief = parse_brief(tmp_path, SHORTENED)
    assert missing(f"标题\n同志们：\n{said}\n", brief) == []
    assert missing("标题\n同志们：\n2025年的考核。\n", brief)
