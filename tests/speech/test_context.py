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
