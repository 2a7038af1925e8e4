"""Indentation mistakes get precise messages, at the line and field that have them (issue 15, item 11)."""

from __future__ import annotations

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.errors import InputProblems

HEAD = "meeting:\n  name: 会\n  organization: 局\n"


def _problems(text: str) -> list:
    with pytest.raises(InputProblems) as caught:
        validate_brief(parse_brief_text(text, "brief.yaml"))
    return caught.value.problems


def test_key_indented_three_spaces() -> None:
    (p,) = _problems(HEAD + "   speaker: 王\n")
    assert (p.line, p.field) == (4, "meeting.speaker")
    assert "多缩进了 1 个空格" in p.message and "引号" not in p.message


def test_key_flush_left_inside_its_section() -> None:
    (p,) = _problems("meeting:\n  name: 会\norganization: 局\n  speaker: 王\n")
    assert (p.line, p.column, p.field) == (3, 1, "meeting.organization")
    assert "少缩进了 2 个空格" in p.message and "“name”对齐" in p.message


def test_all_fields_flush_left_under_the_section() -> None:
    problems = _problems("meeting:\nname: 会\norganization: 局\n")
    assert [(p.line, p.field) for p in problems] == [
        (2, "meeting.name"),
        (3, "meeting.organization"),
    ]
    assert all("顶格" in p.message for p in problems)
    assert not any("是空的" in p.message for p in problems)


def test_list_item_with_a_colon_is_one_problem() -> None:
    (p,) = _problems(HEAD + "strengths:\n  - 甲: 乙\n")
    assert (p.line, p.column, p.field) == (5, 5, "strengths.第1项")
    assert "冒号" in p.message and '"甲: 乙"' in p.message


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (HEAD + "ranking:\n  current: 3\n\ttotal: 5\n", 6, "ranking.total"),
        (HEAD + "\tspeaker: 王\n", 4, "meeting.speaker"),
        (HEAD + "measures:\n  - title: 甲\n  \towner: 乙\n", 6, "measures.第1项.owner"),
        (HEAD + "ranking:\n\tcurrent: 3\n", 5, "ranking.current"),
    ],
)
def test_a_tab_names_the_field_of_its_line(text: str, line: int, field: str) -> None:
    (p,) = _problems(text)
    assert (p.line, p.field) == (line, field) and "制表符" in p.message
