"""The template context: rank direction and change, counts, formatted values."""

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.speech.context import build_context, rank_direction


@pytest.mark.parametrize(
    ("previous", "current", "direction"),
    [(3, 9, "down"), (9, 3, "up"), (5, 5, "same"), (None, 5, "none"), (5, None, "none")],
)
def test_rank_direction(previous, current, direction) -> None:
    assert rank_direction(previous, current) == direction


def _ctx(text: str, **kw):
    return build_context(validate_brief(parse_brief_text(text, "b.yaml")), **kw)


def test_context_derives_values() -> None:
    ctx = _ctx(
        "meeting: {name: 全市形势分析会, organization: 局, date: 2026-05-10}\n"
        "ranking: {previous: 3, current: 9, total: 13}\n"
        "strengths: [甲, 乙]\nweaknesses: [丙]\n"
        "measures:\n  - title: 丁\n    deadline: 2026-06-30\n  - title: 戊\n    deadline: 6月底前\n"
        "  - title: 己\n    deadline: 2027-03-31\n"
    )
    assert ctx.meeting.title == "在全市形势分析会上的讲话"
    assert ctx.meeting.date_text == "2026年5月10日"
    assert ctx.ranking is not None
    assert (ctx.ranking.direction, ctx.ranking.change) == ("down", 6)
    assert (ctx.counts.strengths, ctx.counts.weaknesses, ctx.counts.measures) == (2, 1, 3)
    # a date of the meeting's own year is said without the year, another year's with it
    assert ctx.measures[0].deadline_text == "6月30日" and ctx.measures[0].deadline_is_date
    assert ctx.measures[2].deadline_text == "2027年3月31日"
    assert ctx.measures[1].deadline_text == "6月底前" and not ctx.measures[1].deadline_is_date


def test_chinese_date_style_option() -> None:
    ctx = _ctx(
        "meeting: {name: 会, organization: 局, date: 2026-05-10}\n",
        options={"date_style": "chinese"},
    )
    assert ctx.meeting.date_text == "二〇二六年五月十日"


def test_explicit_title_wins() -> None:
    ctx = _ctx("meeting: {name: 会, organization: 局, title: 在某某会议上的讲话}\n")
    assert ctx.meeting.title == "在某某会议上的讲话"


def test_ranks_are_written_as_the_speaker_writes_them() -> None:
    brief = (
        "meeting: {name: 形势分析会, organization: 局}\n"
        "ranking: {previous: 2, current: 4, total: 13, target: 保三争二}\n"
    )
    assert _ctx(brief).ranking.rank_style == "arabic"
    assert _ctx(brief).ranking.gap_said == "2"
    spoken = _ctx(brief + "remarks: [{at: opening, text: 这次我们从第二名掉到了第四名}]\n")
    assert spoken.ranking.rank_style == "chinese"
    assert spoken.ranking.gap_said == "两"


@pytest.mark.parametrize(
    ("remark", "style"),
    [
        ("从第二掉到第四，我这个局长脸上无光", "chinese"),
        ("排在第四，这个位置不该是我们的", "chinese"),
        ("第二季度的任务更重", "arabic"),
        ("第四批项目已经开工", "arabic"),
    ],
)
def test_ranks_follow_the_speakers_numerals_without_ming(remark, style) -> None:
    brief = (
        "meeting: {name: 形势分析会, organization: 局}\n"
        "ranking: {previous: 2, current: 4, total: 13}\n"
        f"remarks: [{{at: opening, text: {remark}}}]\n"
    )
    assert _ctx(brief).ranking.rank_style == style
    # the writer's own text writes a rank in Arabic numerals: the draft keeps to them
    arabic = brief + "weaknesses: [{title: 执法规范失分, detail: 从全省第3名掉到第9名}]\n"
    assert _ctx(arabic).ranking.rank_style == "arabic"


def test_item_ranks_follow_the_speakers_numerals() -> None:
    from speechgen.speech.figures import figures_said

    brief = (
        "meeting: {name: 形势分析会, organization: 局}\n"
        "ranking:\n  previous: 4\n  current: 9\n  total: 13\n"
        "  indicators: [{name: 社保基金安全, score: 6.5, rank: 12, previous: 6}]\n"
        "remarks: [{at: opening, text: 从第四掉到第九，我坐不住}]\n"
    )
    said = figures_said(_ctx(brief).ranking.indicators)
    assert "名次从第六名降到第十二名" in said


def test_what_prior_speakers_said_is_not_said_again() -> None:
    ctx = _ctx(
        "meeting:\n  name: 形势分析会\n  organization: 局\n"
        "  prior_speakers: [{who: 张三, did: 通报了全省绩效考核结果}]\n"
        "ranking:\n"
        "  - {assessment: 全省绩效考核, current: 4, reported_by: 省考核办}\n"
        "  - {assessment: 党建考核, current: 2, reported_by: 张三}\n"
    )
    first, second = ctx.rankings
    assert (first.first, second.first) == (True, False)
    assert first.assessment_heard and not second.assessment_heard
    # 省考核办 is named by nobody before; 张三 spoke himself
    assert (first.reporter_unsaid, second.reporter_unsaid) == ("省考核办", "")


def test_a_result_line_names_items_no_indicator_and_no_strength_names() -> None:
    from speechgen.speech.plan import OutlinePlan, PartPlan

    brief = (
        "meeting: {name: 形势分析会, organization: 局}\n"
        "strengths: [征管质效模块名列前茅]\n"
        "ranking:\n  current: 4\n  strong_items: [征管质效, 纳税服务]\n"
        "  weak_items: [数据质量, 风险应对]\n"
        "  indicators: [{name: 数据质量, score: 8}]\n"
    )
    listed = _ctx(brief).ranking
    assert [i.title for i in listed.strong_to_say] == ["纳税服务"]
    assert [i.title for i in listed.weak_to_say] == ["风险应对"]
    own_part = OutlinePlan((PartPlan("indicators", 1, "indicators", None, "headings"),))
    apart = _ctx(brief, plan=own_part).ranking
    assert [i.title for i in apart.weak_to_say] == ["数据质量", "风险应对"]
