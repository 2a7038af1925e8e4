"""Regression tests from the acceptance review of issues 2 and 4 (loader, messages, core)."""

from __future__ import annotations

import pytest

from speechgen.errors import InputProblems
from speechgen.loader import parse_brief_text

BASE = "meeting:\n  name: 会\n  organization: 某局\n"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_raw_soft_line_break_in_a_plain_value_becomes_a_line_break(brk: str) -> None:
    loaded = parse_brief_text(f"meeting:\n  name: 会{brk}议\n  organization: 某局\n")
    assert loaded.data["meeting"]["name"] == "会\n议"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_raw_soft_line_break_in_a_quoted_value_is_not_folded_to_a_space(brk: str) -> None:
    loaded = parse_brief_text(f'meeting:\n  name: "会{brk}议"\n  organization: 某局\n')
    assert loaded.data["meeting"]["name"] == "会\n议"


def test_raw_line_separator_in_a_literal_block_stays_inside_the_item() -> None:
    text = BASE + "strengths:\n  - |\n    第一行\u2028第二行\n    第三行\n"
    assert parse_brief_text(text).data["strengths"] == ["第一行\n第二行\n第三行\n"]


def test_line_numbers_after_a_raw_line_separator_are_the_editor_lines() -> None:
    text = 'meeting:\n  name: "会\u2028议"\n  organization: 某局\nmeasures: [a\n'
    with pytest.raises(InputProblems) as info:
        parse_brief_text(text, "brief.yaml")
    assert [p.line for p in info.value.problems] == [4]
