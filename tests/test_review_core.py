"""Regression tests from the acceptance review of issues 2 and 4 (loader, messages, core)."""

from __future__ import annotations

import pytest

from speechgen.brief.loader import parse_brief_text
from speechgen.errors import InputProblems

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


def _only_problem(text: str):
    """The single located problem of a brief text."""
    with pytest.raises(InputProblems) as info:
        parse_brief_text(text, "brief.yaml")
    assert len(info.value.problems) == 1, info.value.message
    return info.value.problems[0]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("meeting:\n  name：会\n  organization: 某局\n", 2, 7, "中文冒号"),
        ("meeting:\n  name:会\n  organization: 某局\n", 2, 7, "要跟一个空格"),
        ("meeting:\n\u3000name: 会\n  organization: 某局\n", 2, 1, "全角空格"),
        ("meeting：\n  name：会\n  organization：某局\n", 1, 8, "中文冒号"),
        (BASE + "measures:\n  - title：甲\n    owner: 办公室\n", 5, 10, "中文冒号"),
    ],
)
def test_mistyped_key_line_is_named_instead_of_a_later_symptom(
    text: str, line: int, column: int, words: str
) -> None:
    p = _only_problem(text)
    assert (p.line, p.column) == (line, column), p.format()
    assert words in p.message


def test_a_value_with_a_chinese_colon_is_not_mistaken_for_a_key() -> None:
    loaded = parse_brief_text(BASE.replace("会", "会议：总结") + "strengths: [a]\n")
    assert loaded.data["meeting"]["name"] == "会议：总结"


def test_bad_backslash_escape_is_explained_in_chinese() -> None:
    p = _only_problem('meeting:\n  name: "C:\\Users\\张"\n  organization: 某局\n')
    assert p.line == 2 and "单引号" in p.message and "YAML 格式错误" not in p.message
    assert "hex" not in p.message and "escape" not in p.message


def _validation_problems(text: str) -> list:
    """The problems validation reports for a brief text that loads."""
    from speechgen.brief.validate import validate_brief

    with pytest.raises(InputProblems) as info:
        validate_brief(parse_brief_text(text, "brief.yaml"))
    return info.value.problems


@pytest.mark.parametrize("hidden", ["\u200b", "\ufeff", "\u00a0", "\u3000"])
def test_invisible_character_in_a_key_is_named(hidden: str) -> None:
    text = f"meeting:\n  {hidden}name: 会\n  organization: 某局\n"
    (p,) = _validation_problems(text)
    assert f"U+{ord(hidden):04X}" in p.message and "：name" in p.message
    assert p.line == 2


def test_setting_error_is_located_at_the_brief_line() -> None:
    from speechgen.brief.validate import locate_setting
    from speechgen.errors import UserError

    loaded = parse_brief_text("template: situaton\n" + BASE, "brief.yaml")
    located = locate_setting(loaded, "template", UserError("找不到模板“situaton”"))
    assert located.message.startswith("brief.yaml:1:11  template  找不到模板“situaton”")
    assert "template: situaton" in located.message and located.exit_code == 2


def test_setting_error_from_elsewhere_is_left_alone() -> None:
    from speechgen.brief.validate import locate_setting
    from speechgen.errors import UserError

    error = UserError("找不到版式“x”")
    assert locate_setting(parse_brief_text(BASE), "profile", error) is error


@pytest.mark.parametrize(
    "source",
    [
        "{{ meeting }}",
        "{{ items }}",
        "{{ mapping }}",
        "{{ func }}",
        "{% macro m() %}x{% endmacro %}{{ m }}",
    ],
)
def test_template_printing_an_object_or_list_is_refused(source: str) -> None:
    from dataclasses import dataclass

    from jinja2 import TemplateRuntimeError

    from speechgen.templating.environment import make_environment, render_with_budget

    @dataclass(frozen=True)
    class MeetingCtx:
        name: str

    context = {"meeting": MeetingCtx("会"), "items": ("甲",), "mapping": {}, "func": len}
    with pytest.raises(TemplateRuntimeError, match="模板直接输出了"):
        render_with_budget(make_environment().from_string(source), context)


def test_numbers_markup_and_dates_still_print() -> None:
    from speechgen.brief.model import parse_date
    from speechgen.templating.environment import make_environment, render_with_budget

    env = make_environment()
    text = render_with_budget(
        env.from_string("{{ n }} {{ x }} {{ d }}"),
        {"n": 3, "x": 1.5, "d": parse_date("2026-05-10")},
    )
    assert text == "3 1.5 2026年5月10日"


def test_word_template_environment_refuses_a_list_too() -> None:
    from jinja2 import TemplateRuntimeError

    from speechgen.templating.environment import make_xml_environment, render_with_budget

    env = make_xml_environment()
    with pytest.raises(TemplateRuntimeError, match="列表或映射"):
        render_with_budget(env.from_string("<w:t>{{ items }}</w:t>"), {"items": ["甲"]})


@pytest.mark.parametrize("key", ["templat[e", "a[1]", "function-before[x]", "[", "]"])
def test_unknown_key_with_brackets_is_reported_not_an_internal_error(key: str) -> None:
    (p,) = _validation_problems(f'"{key}": situation\n' + BASE)
    assert p.line == 1 and p.field == key and f"不认识的字段“{key}”" in p.message


def test_bracket_key_inside_a_list_item_keeps_its_path() -> None:
    (p,) = _validation_problems(BASE + 'measures:\n  - title: 甲\n    "owner[": 办公室\n')
    assert p.field == "measures[0].owner[" and "是否想写 owner" in p.message


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("加强管理", "（一）加强管理。"),
        ("加强管理；", "（一）加强管理。"),
        ("加强管理，", "（一）加强管理。"),
        ("加强（管理）", "（一）加强（管理）。"),
        ("“抓落实”", "（一）“抓落实”。"),
        ("“抓落实！”", "（一）“抓落实！”"),
        ("加强管理！", "（一）加强管理！"),
        ("是否加强？", "（一）是否加强？"),
        ("加强管理……", "（一）加强管理……"),
        ("加强管理：", "（一）加强管理："),
    ],
)
def test_run_in_heading_sentence_end(title: str, printed: str) -> None:
    from speechgen.speech.blocks import Heading, run_in_text

    assert run_in_text(Heading(2, title, "（一）")) == printed


@pytest.mark.parametrize("text", ["", "# 只有注释\n", "---\n...\n", "null\n", "   \n\n"])
def test_empty_brief_is_reported_at_line_one_under_meeting(text: str) -> None:
    p = _only_problem(text)
    assert (p.line, p.column, p.field) == (1, 1, "meeting") and "简报是空的" in p.message
    assert p.format().startswith("brief.yaml:1:1  meeting  简报是空的")


def test_undecodable_byte_is_located_by_character_column_and_byte_in_its_line() -> None:
    from speechgen.brief.loader import decode_brief
    from speechgen.errors import UserError

    raw = "meeting:\n  name: 会议".encode() + "会议".encode("gbk") + b"\n"
    with pytest.raises(UserError) as info:
        decode_brief(raw, "brief.yaml")
    message = info.value.message
    assert message.startswith("brief.yaml:2:11  ") and "第 2 行第 15 个字节 0xBB" in message
    assert "--encoding gb18030" in message


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_output_naming_the_brief_is_protected_even_with_another_extension(
    tmp_path, invoke, fmt: str
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(BASE, encoding="utf-8")
    result = invoke("render", brief, "-f", fmt, "-o", brief, "--force")
    assert result.exit_code == 3, result.stderr
    assert "简报或模板本身" in result.stderr
    assert brief.read_text(encoding="utf-8") == BASE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml"]


def test_a_rank_in_full_width_digits_or_chinese_numerals_is_read_as_a_number() -> None:
    from speechgen.facade import parse_brief

    for typed, rank in (("１２", 12), ("三", 3), ("第八名", 8), ("第12名", 12), ("十一", 11)):
        brief = parse_brief(BASE + f"ranking:\n  current: {typed}\n")
        assert brief.rankings[0].current == rank, typed


def test_a_rank_that_is_no_number_gets_the_integer_message() -> None:
    (p,) = _validation_problems(BASE + "ranking:\n  current: 靠前\n")
    assert p.field == "ranking.current" and "应是整数" in p.message
