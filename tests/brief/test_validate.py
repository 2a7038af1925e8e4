"""The brief model and its validation: accepted forms and located Chinese errors."""

from pathlib import Path

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.model import BriefDate
from speechgen.brief.validate import validate_brief
from speechgen.errors import InputProblems


def _validate(text: str):
    return validate_brief(parse_brief_text(text, "b.yaml"))


def _problems(text: str) -> str:
    with pytest.raises(InputProblems) as info:
        _validate(text)
    return info.value.message


def test_minimal_brief_defaults_to_situation() -> None:
    brief = _validate("meeting:\n  name: 会\n  organization: 局\n")
    assert brief.template == "situation"
    assert brief.ranking is None
    assert brief.measures == []


@pytest.mark.parametrize("text", ["2026-05-10", "2026年5月10日", "2026/5/10"])
def test_dates_accept_iso_and_chinese(text: str) -> None:
    brief = _validate(f"meeting:\n  name: 会\n  organization: 局\n  date: {text}\n")
    assert isinstance(brief.meeting.date, BriefDate)
    assert (brief.meeting.date.year, brief.meeting.date.month, brief.meeting.date.day) == (
        2026,
        5,
        10,
    )


def test_deadline_may_be_free_text_or_date() -> None:
    brief = _validate(
        "meeting: {name: 会, organization: 局}\n"
        "measures:\n  - title: 甲\n    deadline: 6月底前\n  - title: 乙\n    deadline: 2026-06-30\n"
    )
    assert brief.measures[0].deadline == "6月底前"
    assert isinstance(brief.measures[1].deadline, BriefDate)


def test_list_items_may_be_strings_or_mappings() -> None:
    brief = _validate(
        "meeting: {name: 会, organization: 局}\n"
        "strengths:\n  - 某某提速\n  - title: 某某模块\n    detail: 名列前茅\n"
        "measures:\n  - 形成体系\n"
    )
    assert [s.title for s in brief.strengths] == ["某某提速", "某某模块"]
    assert brief.strengths[1].detail == "名列前茅"
    assert brief.measures[0].title == "形成体系"


def test_values_keep_their_text() -> None:
    brief = _validate(
        "meeting:\n  name: NO\n  organization: '0123'\n  audience: 14:30\n  speaker: 1.10\n"
    )
    assert brief.meeting.name == "NO"
    assert brief.meeting.organization == "0123"
    assert brief.meeting.audience == "14:30"
    assert brief.meeting.speaker == "1.10"


def test_missing_required_field_names_line_and_field() -> None:
    message = _problems("meeting:\n  name: 会\n")
    assert "b.yaml:1:1" in message
    assert "organization" in message


def test_misspelt_key_gets_a_suggestion() -> None:
    message = _problems("meeting:\n  name: 会\n  organizaton: 局\n")
    assert "b.yaml:3:3" in message
    assert "meeting.organizaton" in message
    assert "是否想写 organization" in message


def test_rank_must_be_positive_whole_number_within_total() -> None:
    message = _problems(
        "meeting: {name: 会, organization: 局}\nranking:\n  current: 0\n  previous: 2.5\n"
    )
    assert "ranking.current" in message and "ranking.previous" in message
    message = _problems(
        "meeting: {name: 会, organization: 局}\nranking:\n  current: 15\n  total: 13\n"
    )
    assert "超过了参加排名的单位数" in message


def test_impossible_date_is_reported() -> None:
    message = _problems("meeting:\n  name: 会\n  organization: 局\n  date: 2026-02-30\n")
    assert "b.yaml:4:9" in message
    assert "不是有效的日期" in message


def test_all_problems_reported_at_once() -> None:
    message = _problems(
        "meeting:\n  name: 会\n  titel: x\nranking:\n  current: 九x\nstrengthz: []\n"
    )
    for field in ("organization", "meeting.titel", "ranking.current", "strengthz"):
        assert field in message
    assert "4 处问题" in message


def test_source_line_and_caret_are_shown(tmp_path: Path) -> None:
    message = _problems("meeting:\n  name: 会\n  organization: 局\n  minutes: ten\n")
    assert "    minutes: ten" in message
    assert message.splitlines()[2].strip() == "^"
