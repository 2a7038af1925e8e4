"""Facts derived from the brief, exactly as DESIGN.md §3 defines them.

Position band, 扩大领先, size of a change, gap to a target, deadline kind, who "we" are,
the audience role, indicator lights and the mixed verdict: the context decides these,
templates only read them.
"""

from __future__ import annotations

import math

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.model import Indicator
from speechgen.brief.validate import validate_brief
from speechgen.speech import facts
from speechgen.speech.context import build_context


def _ctx(text: str):
    return build_context(validate_brief(parse_brief_text(text, "b.yaml")))


MEETING = "meeting: {name: 全市形势分析会, organization: 某某市某某局}\n"


# --- position band -------------------------------------------------------------------

BANDS = [
    (1, 20, "榜首"),
    (2, 20, "前列"),
    (5, 20, "前列"),  # ⌈20/4⌉ = 5
    (6, 20, "中上游"),
    (10, 20, "中上游"),  # ⌈20/2⌉ = 10
    (11, 20, "中下游"),
    (17, 20, "中下游"),
    (18, 20, "倒数第三"),
    (19, 20, "倒数第二"),
    (20, 20, "末位"),
    (10, 11, "倒数第二"),  # issue 11: was called 中下游
    (9, 11, "倒数第三"),
    (12, 13, "倒数第二"),  # issue 11: was called 中下游
    (4, 16, "前列"),  # issue 11: was called 中上游; ⌈16/4⌉ = 4
    (5, 16, "中上游"),
    (8, 16, "中上游"),
    (9, 16, "中下游"),
    (6, 6, "末位"),
    (5, 6, "倒数第二"),
    (4, 6, "倒数第三"),
    (3, 6, "中上游"),
    (5, 5, "末位"),
    (4, 5, "靠后"),  # below six units there is no 倒数第二
    (3, 5, "中上游"),
    (2, 5, "前列"),  # ⌈5/4⌉ = 2
    (3, 4, "靠后"),
    (2, 2, "末位"),
    (1, 1, "榜首"),
]


@pytest.mark.parametrize(("r", "n", "band"), BANDS)
def test_position_band_table(r: int, n: int, band: str) -> None:
    assert facts.position_band(r, n) == band


@pytest.mark.parametrize(("r", "n"), [(3, None), (None, 20), (None, None)])
def test_no_band_without_rank_and_total(r, n) -> None:
    assert facts.position_band(r, n) is None
    assert facts.band_words(facts.position_band(r, n)) is None


@pytest.mark.parametrize("n", range(1, 41))
def test_band_rules_hold_for_every_place(n: int) -> None:
    """The order of §3's tests, checked for every rank of fields of 1 to 40 units."""
    for r in range(1, n + 1):
        band = facts.position_band(r, n)
        if r == 1:
            assert band == "榜首"
        elif r <= math.ceil(n / 4):
            assert band == "前列", (r, n)
        elif r <= math.ceil(n / 2):
            assert band == "中上游", (r, n)
        elif r == n:
            assert band == "末位", (r, n)
        elif r >= n - 2:
            assert band == ({n - 1: "倒数第二", n - 2: "倒数第三"}[r] if n >= 6 else "靠后"), (r, n)
        else:
            assert band == "中下游", (r, n)
        # the acceptance, stated directly
        if r >= n - 1 and n > 2:
            assert band != "中下游"
        if r <= math.ceil(n / 4):
            assert band in ("榜首", "前列")


def test_band_reaches_the_context_with_its_words() -> None:
    ctx = _ctx(MEETING + "ranking: {previous: 8, current: 12, total: 13}\n")
    assert ctx.ranking is not None
    assert ctx.ranking.band == "倒数第二"
    assert ctx.ranking.band_words == "排在倒数第二位"
    assert ctx.ranking.bottom and not ctx.ranking.top


def test_context_without_total_has_no_band_words() -> None:
    ctx = _ctx(MEETING + "ranking: {previous: 3, current: 9}\n")
    assert ctx.ranking is not None
    assert (ctx.ranking.band, ctx.ranking.band_words) == (None, None)
    assert not ctx.ranking.top and not ctx.ranking.bottom and not ctx.ranking.may_extend_lead


# --- 扩大领先, crisis, size ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("r", "n", "fits"),
    [(1, 20, True), (7, 20, True), (8, 20, False), (4, 11, True), (5, 11, False),
     (20, 20, False), (1, 1, True), (2, 2, False), (3, None, False), (None, 20, False)],
)  # fmt: skip
def test_extend_lead_only_in_the_top_third(r, n, fits) -> None:
    assert facts.may_extend_lead(r, n) is fits


def test_last_place_is_never_told_to_extend_its_lead() -> None:
    for n in range(2, 41):
        assert not facts.may_extend_lead(n, n)


@pytest.mark.parametrize(
    ("previous", "current", "size"),
    [(3, 1, "小幅"), (2, 1, "小幅"), (1, 3, "小幅"), (3, 9, "大幅"), (9, 6, "大幅"),
     (5, 5, None), (None, 5, None), (5, None, None)],
)  # fmt: skip
def test_change_size(previous, current, size) -> None:
    assert facts.change_size(previous, current) == size


def test_a_fall_within_the_top_band_is_no_crisis() -> None:
    ctx = _ctx(MEETING + "ranking: {previous: 1, current: 2, total: 20}\n")
    assert ctx.ranking is not None
    assert ctx.ranking.direction == "down" and ctx.ranking.band == "前列"
    assert not ctx.ranking.crisis
    fell = _ctx(MEETING + "ranking: {previous: 3, current: 9, total: 13}\n").ranking
    assert fell is not None and fell.crisis and fell.size == "大幅"


# --- target --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "ranks"),
    [
        ("保四争三", (4, 3)),
        ("保3争2", (3, 2)),
        ("进入前五", (5, 5)),
        ("力争进入全省前10名", (10, 10)),
        ("前3名", (3, 3)),
        ("争第一", (1, 1)),
        ("争先进位", (None, None)),
        ("争创一流", (None, None)),
        ("保持第一方阵", (None, None)),
        (None, (None, None)),
    ],
)
def test_target_ranks(target, ranks) -> None:
    assert facts.target_rank(target) == ranks


@pytest.mark.parametrize(
    ("target", "current", "gap", "floor_gap"),
    [
        ("保四争三", 5, 2, 1),  # DESIGN §3: one place to gain to keep 4th, two to reach 3rd
        ("保四争三", 4, 1, 0),
        ("保四争三", 3, 0, 0),
        ("进入前五", 8, 3, 3),
        ("进入前五", 2, 0, 0),
        ("前3名", 6, 3, 3),
        ("争第一", 4, 3, 3),
        ("争先进位", 4, None, None),
        ("保四争三", None, None, None),
    ],
)
def test_target_gap(target, current, gap, floor_gap) -> None:
    assert facts.target_gap(target, current) == gap
    assert facts.target_floor_gap(target, current) == floor_gap


def test_target_gap_reaches_the_context() -> None:
    ctx = _ctx(MEETING + "ranking: {previous: 6, current: 5, total: 13, target: 保四争三}\n")
    assert ctx.ranking is not None
    assert (ctx.ranking.gap, ctx.ranking.floor_gap) == (2, 1)
    none = _ctx(MEETING + "ranking: {previous: 6, current: 5, target: 争先进位}\n").ranking
    assert none is not None and none.gap is None


# --- deadline kinds ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "kind"),
    [
        ("2026-06-30", "date"),
        ("2026年6月30日", "date"),
        ("6月30日", "date"),
        ("6月1日至9月30日", "other"),
        ("6月至9月", "other"),
        ("6月底前", "by_period"),
        ("三季度末", "by_period"),
        ("年底前", "by_period"),
        ("上半年", "by_period"),
        ("本月内", "by_period"),
        ("7月15日前", "by_period"),
        ("3月底前召开季度调度会", "by_period"),
        ("每月", "recurring"),
        ("每季度一次", "recurring"),
        ("每个季度", "recurring"),
        ("每两周", "recurring"),
        ("逐月", "recurring"),
        ("按照“每月调度”", "recurring"),
        ("按照每月调度", "recurring"),
        ("月度调度", "recurring"),
        ("每月5日前", "recurring"),
        ("长期坚持", "ongoing"),
        ("常态化", "ongoing"),
        ("持续推进", "ongoing"),
        ("尽快", "other"),
        ("视进展情况而定", "other"),
    ],
)
def test_deadline_kind(deadline: str, kind: str) -> None:
    ctx = _ctx(MEETING + f"measures:\n  - title: 某项工作\n    deadline: '{deadline}'\n")
    assert ctx.measures[0].deadline_kind == kind


def test_no_deadline_has_no_kind() -> None:
    assert facts.deadline_kind(None) is None
    assert _ctx(MEETING + "measures: [某项工作]\n").measures[0].deadline_kind is None


# --- who "we" are ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "we", "scope", "units", "territory"),
    [
        (None, "全局上下", "全局", "各部门", False),
        ("单位", "全局上下", "全局", "各部门", False),
        ("系统", "全系统上下", "全系统", "各单位", False),
        ("区", "全区上下", "全区", "各街道各部门", True),
        ("县", "全县上下", "全县", "各乡镇各部门", True),
        ("市", "全市上下", "全市", "各区县各部门", True),
        ("省", "全省上下", "全省", "各市各部门", True),
    ],
)
def test_collective_noun_and_scope_by_level(level, we, scope, units, territory) -> None:
    meeting = "meeting: {name: 会, organization: 某某市某某局" + (
        f", level: {level}}}\n" if level else "}\n"
    )
    m = _ctx(meeting).meeting
    assert (m.we, m.scope, m.units, m.territory) == (we, scope, units, territory)
    assert m.level == (level or "单位")


@pytest.mark.parametrize(
    ("organization", "level", "territory", "peers"),
    [
        ("江州高新技术产业开发区管理委员会", "区", True, "参评开发区"),
        ("临湖经开区管委会", "区", True, "参评开发区"),
        ("江州工业园区管理委员会", "区", True, "参评园区"),
        ("中共石门镇委员会 石门镇人民政府", None, False, "参评乡镇"),
        ("柳河镇", None, False, "参评乡镇"),
        ("某某县人民政府", "县", True, "参评地区"),
        ("某某市某某局", None, False, "参评单位"),
    ],
)
def test_peers_are_named_by_kind(organization, level, territory, peers) -> None:
    level_text = f", level: {level}" if level else ""
    m = _ctx(f"meeting: {{name: 会, organization: {organization}{level_text}}}\n").meeting
    assert (m.territory, m.peer_noun) == (territory, peers)


@pytest.mark.parametrize(
    ("organization", "scope", "we"),
    [
        ("江淮能源集团南湖发电有限公司", "全公司", "全公司上下"),
        ("澜江市供水集团有限公司", "全集团", "全集团上下"),
        ("某某区人民法院", "全院", "全院上下"),
        ("柳河镇人民政府", "全镇", "全镇上下"),
        ("某某市税务局第一稽查局", "全局", "全局上下"),
        ("某某研究会", "某某研究会", "全体干部职工"),
    ],
)
def test_a_unit_names_itself_as_a_whole(organization, scope, we) -> None:
    m = _ctx(f"meeting: {{name: 会, organization: {organization}}}\n").meeting
    assert (m.scope, m.we) == (scope, we)


def test_the_brief_we_wins() -> None:
    m = _ctx("meeting: {name: 会, organization: 某某县人民政府, level: 县, we: 全县干部群众}\n")
    assert m.meeting.we == "全县干部群众" and m.meeting.scope == "全县"


@pytest.mark.parametrize(
    ("audience", "role"),
    [
        ("中层干部", "中层干部"),
        ("全体干部职工", "全体干部职工"),
        ("全局干部职工", "全体干部职工"),
        ("机关全体人员", "全体干部职工"),
        ("各乡镇党政主要负责同志", "领导干部"),
        ("县直各部门主要负责同志", "领导干部"),
        ("局领导班子成员", "领导干部"),
        ("各科室负责同志", "中层干部"),
        ("全体中层干部", "中层干部"),
        ("局领导班子成员、中层干部", "中层干部"),  # the broadest role named wins
        ("领导干部和全体党员干部", "全体干部职工"),
        ("特邀嘉宾", None),
        (None, None),
    ],
)
def test_audience_role_from_audience(audience, role) -> None:
    assert facts.audience_role(None, audience) == role


def test_given_audience_role_wins_and_decides_leader_demands() -> None:
    m = _ctx(
        "meeting: {name: 会, organization: 局, audience: 全体干部职工, audience_role: 领导干部}\n"
    )
    assert m.meeting.audience_role == "领导干部" and m.meeting.leaders_only
    staff = _ctx("meeting: {name: 会, organization: 局, audience: 全体干部职工}\n").meeting
    assert staff.audience_role == "全体干部职工" and not staff.leaders_only


# --- indicators and mixed results ------------------------------------------------------------


def _indicator(**values: object) -> Indicator:
    return Indicator.model_validate({"name": "地区生产总值增速", **values})


@pytest.mark.parametrize(
    ("values", "light"),
    [
        ({"value": 5.2, "target": 6.0, "last_year": 5.8}, "red"),
        ({"value": 5.9, "target": 6.0, "last_year": 5.8}, "yellow"),
        ({"value": 5.7, "target": 5.0, "last_year": 5.8}, "yellow"),
        ({"value": 5.2, "target": 6.0}, "yellow"),
        ({"value": 5.2, "last_year": 5.8}, "yellow"),
        ({"value": 6.0, "target": 6.0, "last_year": 5.8}, None),
        ({"value": 6.5, "target": 6.0, "last_year": 5.8}, None),
        ({"value": 6.5}, None),
        ({"target": 6.0, "last_year": 5.8}, None),
    ],
)
def test_indicator_lights(values, light) -> None:
    assert facts.indicator_light(_indicator(**values)) == light


@pytest.mark.parametrize(
    ("name", "values", "light"),
    [
        ("城镇调查失业率", {"value": 5.6, "target": 5.5, "last_year": 5.2}, "red"),
        ("城镇调查失业率", {"value": 5.3, "target": 5.5, "last_year": 5.2}, "yellow"),
        ("城镇调查失业率", {"value": 5.0, "target": 5.5, "last_year": 5.2}, None),
        ("单位生产总值能耗下降", {"value": 2.0, "target": 3.0}, "yellow"),
        ("生产安全事故起数", {"value": 3, "last_year": 5}, None),
    ],
)
def test_lower_is_better_indicators_light_when_above(name, values, light) -> None:
    ind = Indicator.model_validate({"name": name, **values})
    assert facts.indicator_light(ind) == light


def test_indicators_reach_the_context_with_lights_and_bands() -> None:
    ctx = _ctx(
        MEETING + "ranking:\n  total: 13\n  indicators:\n"
        "    - {name: 甲, value: 5.2, target: 6.0, last_year: 5.8}\n"
        "    - {name: 乙, value: 5.9, target: 6.0, last_year: 5.8}\n"
        "    - {name: 丙, score: 7.5, full: 10, rank: 11, previous: 5}\n"
        "    - {name: 丁, value: 9.0, target: 6.0}\n"
    )
    r = ctx.ranking
    assert r is not None
    assert [i.light for i in r.indicators] == ["red", "yellow", None, None]
    assert r.indicators[2].band == "倒数第三" and r.indicators[2].direction == "down"
    assert [i.name for i in r.lagging] == ["甲", "乙", "丙"]


@pytest.mark.parametrize(
    ("pairs", "direction"),
    [
        ([(3, 1), (2, 5)], "mixed"),
        ([(2, 5), (3, 1)], "mixed"),
        ([(3, 1), (4, 4)], "up"),
        ([(4, 4), (2, 5)], "down"),  # a fall is not hidden behind an unchanged first result
        ([(4, 4), (None, 5)], "same"),
        ([(None, 3), (None, 5)], "none"),
    ],
)
def test_mixed_verdict(pairs, direction) -> None:
    items = "".join(
        f"  - {{assessment: 考核{n}, current: {cur}"
        + (f", previous: {prev}" if prev is not None else "")
        + "}\n"
        for n, (prev, cur) in enumerate(pairs, start=1)
    )
    ctx = _ctx(MEETING + "ranking:\n" + items)
    assert ctx.direction == direction
    assert ctx.mixed is (direction == "mixed")
    assert facts.mixed_verdict(["up", "down"]) and not facts.mixed_verdict(["up", "same"])


# --- next steps, announced results, near deadlines ----------------------------------------


@pytest.mark.parametrize(
    ("what", "who", "subject"),
    [
        ("各庭室召开专题组织生活会", None, True),
        ("县委县政府督查室开展第一轮暗访", "县委县政府督查室", True),
        ("督查室开展第一轮暗访", None, True),
        ("组织到全省第一名的某某县交流学习", "办公室", False),
        ("召开全局中层干部会议", None, False),
        ("对全县重点项目开展督查", None, False),
        # a counted noun or a village opens the clause as its subject: no 将 before it
        ("5个薄弱村报送集体经济项目方案", "镇农业农村办", True),
        ("三个督导组分赴各乡镇", None, True),
        ("白沙村完成土地流转", None, True),
        ("组织5个薄弱村报送方案", None, False),
    ],
)
def test_next_step_names_its_subject_first(what, who, subject) -> None:
    assert facts.starts_with_subject(what, who) is subject


def test_next_step_context_flags() -> None:
    ctx = _ctx(
        MEETING + "next_steps:\n  - {when: 4月底, what: 县督查室开展暗访, who: 县督查室}\n"
        "  - {when: 5月, what: 召开推进会, who: 办公室}\n"
    )
    first, second = ctx.next_steps
    assert first.subject_first and first.names_who
    assert not second.subject_first and not second.names_who


@pytest.mark.parametrize(
    ("speaker", "announced"),
    [
        ("{who: 王副局长, did: 通报了2025年度考核结果}", True),
        ("{who: 考核办, did: 对考核情况作了说明}", True),
        ("{who: 考核办, did: 作了说明}", False),
        ("{who: 王副局长, did: 通报了上半年重点项目推进情况}", False),
        ("{who: 某某县, did: 作了表态发言, kind: pledge}", False),
    ],
)
def test_results_already_announced(speaker, announced) -> None:
    ctx = _ctx(
        "meeting: {name: 会, organization: 某某市某某局, prior_speakers: [" + speaker + "]}\n"
        "ranking: {current: 5, total: 13, reported_by: 考核办}\n"
    )
    assert ctx.ranking.announced is announced


@pytest.mark.parametrize(
    ("deadline", "near"),
    [
        ("8月底前", True),
        ("12月底前", False),
        ("2026-08-10", True),
        ("2026-12-31", False),
        ("三季度末", False),
        ("7月31日", True),
        ("年底前", False),
        ("每月", False),
        ("长期坚持", False),
    ],
)
def test_deadline_near(deadline, near) -> None:
    ctx = _ctx(
        "meeting: {name: 会, organization: 某某市某某局, date: 2026-07-20}\n"
        f"measures:\n  - {{title: 某项工作, deadline: '{deadline}'}}\n"
    )
    assert ctx.measures[0].deadline_near is near


def test_deadline_near_needs_the_meeting_date() -> None:
    ctx = _ctx(MEETING + "measures:\n  - {title: 某项工作, deadline: 8月底前}\n")
    assert ctx.measures[0].days_left is None and not ctx.measures[0].deadline_near


def test_no_lead_to_extend_while_short_of_a_rank_target() -> None:
    ctx = _ctx(MEETING + "ranking: {previous: 11, current: 4, total: 21, target: 保三争一}\n")
    assert ctx.ranking.may_extend_lead and not ctx.ranking.keep_lead


@pytest.mark.parametrize(
    ("who", "short"),
    [
        ("某市中级人民法院原执行局局长钱某", "钱某"),
        ("某县原县长张某某", "张某某"),
        ("王某", "王某"),
        ("李明", "李明"),
    ],
)
def test_case_short_name(who, short) -> None:
    assert facts.case_short_name(who) == short


@pytest.mark.parametrize(
    ("month", "day", "festive"), [(1, 20, True), (5, 14, False), (9, 20, True), (7, 1, False)]
)
def test_before_holidays(month, day, festive) -> None:
    assert facts.before_holidays(month, day) is festive


@pytest.mark.parametrize(
    ("name", "campaign"),
    [
        ("全县“百日攻坚”行动动员大会", "“百日攻坚”行动"),
        ("全市创建全国文明城市动员大会", "创建全国文明城市"),
        ("双河镇2026年防汛工作动员部署会", "防汛"),
        ("全区营商环境优化提升推进会", "营商环境优化提升"),
        ("全市创建全国文明城市动员部署暨表彰大会", "创建全国文明城市"),
        ("动员大会", None),
        # words after the campaign that no speaker says with it
        ("创建三级甲等综合医院迎评动员部署大会", "创建三级甲等综合医院"),
        ("全县2026—2027年度冬春森林防火工作动员部署会", "冬春森林防火"),
        ("全县安全生产工作暨治本攻坚三年行动动员部署会", "安全生产"),
        ("迎接全国文明城市复检动员部署会", "迎接全国文明城市复检"),
        # a name that launches nothing: the speech keeps its general words
        ("2026年度表彰暨动员部署大会", None),
        ("2025年度工作总结暨表彰大会", None),
    ],
)
def test_campaign_name(name, campaign) -> None:
    assert facts.campaign_name(name) == campaign


@pytest.mark.parametrize(
    ("name", "goal"),
    [
        ("双河镇防汛工作动员部署会", "安全度汛"),
        ("全县森林防火动员会", "安全稳定"),
        ("全市招商引资推进会", None),
    ],
)
def test_safety_goal(name, goal) -> None:
    assert facts.safety_goal(name) == goal


@pytest.mark.parametrize(
    ("deadline", "worded"),
    [
        ("10月中旬前完成首轮谈话", True),
        ("9月底前全部开工", True),
        ("11月起常态运行", True),
        ("6月底前", False),
        ("2026-06-30", False),
        ("长期坚持", False),
        ("每月", False),
    ],
)
def test_a_deadline_written_as_a_clause(deadline, worded) -> None:
    ctx = _ctx(MEETING + f"measures:\n  - {{title: 某项工作, deadline: '{deadline}'}}\n")
    assert ctx.measures[0].deadline_worded is worded


@pytest.mark.parametrize(
    ("period", "assessment", "said"),
    [
        ("2025年度", "年度绩效考核", "2025年度绩效考核"),
        ("2025年度", "2025年度全市绩效考核", "2025年度全市绩效考核"),
        ("上半年", "全市绩效考核", "上半年全市绩效考核"),
        ("一季度", None, "一季度考核"),
        (None, "全省系统绩效考核", "全省系统绩效考核"),
        # the name repeats the period's unit further on: said once
        ("2025年度", "全省人社系统年度绩效考核", "2025年全省人社系统年度绩效考核"),
        ("2026年一季度", "全县乡村振兴实绩季度考评", "2026年一季度全县乡村振兴实绩考评"),
        ("2026年5月", "全市重点工作月度考评", "2026年5月全市重点工作考评"),
        ("2026年上半年", "全市半年度综合考评", "2026年上半年全市综合考评"),
        ("2025年度", "全省前三季度考核", "2025年度全省前三季度考核"),
        ("2026年一季度", "全省前三季度考核", "2026年一季度全省前三季度考核"),
    ],
)
def test_assessment_name_says_the_period_once(period, assessment, said) -> None:
    assert facts.assessment_name(period, assessment) == said


def test_assessment_name_drops_the_reporter_at_its_head() -> None:
    said = facts.assessment_name("2025年度", "市国资委市属国有企业经营业绩考核", "市国资委")
    assert said == "2025年度市属国有企业经营业绩考核"
    # a head that would leave too little is kept
    assert facts.assessment_name(None, "考核办考核", "考核办") == "考核办考核"
