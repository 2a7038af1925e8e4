"""The brief model and its validation: accepted forms and located Chinese errors."""

from pathlib import Path

import pytest

from speechgen.brief.loader import load_brief, parse_brief_text
from speechgen.brief.model import BriefDate
from speechgen.brief.validate import locate_setting, validate_brief
from speechgen.errors import InputProblems, UserError

from helpers import deadline_brief

SHORT_BASE = "meeting:\n  name: 会\n  organization: 某局\n"


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


def _validation_problems(text: str) -> list:
    """The problems validation reports for a brief text that loads."""
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
    loaded = parse_brief_text("template: situaton\n" + SHORT_BASE, "brief.yaml")
    located = locate_setting(loaded, "template", UserError("找不到模板“situaton”"))
    assert located.message.startswith("brief.yaml:1:11  template  找不到模板“situaton”")
    assert "template: situaton" in located.message and located.exit_code == 2


def test_setting_error_from_elsewhere_is_left_alone() -> None:
    error = UserError("找不到版式“x”")
    assert locate_setting(parse_brief_text(SHORT_BASE), "profile", error) is error


@pytest.mark.parametrize("key", ["templat[e", "a[1]", "function-before[x]", "[", "]"])
def test_unknown_key_with_brackets_is_reported_not_an_internal_error(key: str) -> None:
    (p,) = _validation_problems(f'"{key}": situation\n' + SHORT_BASE)
    assert p.line == 1 and p.field == key and f"不认识的字段“{key}”" in p.message


def test_bracket_key_inside_a_list_item_keeps_its_path() -> None:
    (p,) = _validation_problems(SHORT_BASE + 'measures:\n  - title: 甲\n    "owner[": 办公室\n')
    assert p.field == "measures.第1项.owner[" and "是否想写 owner" in p.message


def test_a_rank_in_full_width_digits_or_chinese_numerals_is_read_as_a_number() -> None:
    for typed, rank in (("１２", 12), ("三", 3), ("第八名", 8), ("第12名", 12), ("十一", 11)):
        brief = _validate(SHORT_BASE + f"ranking:\n  current: {typed}\n")
        assert brief.rankings[0].current == rank, typed


def test_a_rank_that_is_no_number_gets_the_integer_message() -> None:
    (p,) = _validation_problems(SHORT_BASE + "ranking:\n  current: 靠前\n")
    assert p.field == "ranking.current" and "应是整数" in p.message


def test_deadline_before_meeting_is_a_located_warning(tmp_path: Path) -> None:
    loaded = load_brief(deadline_brief(tmp_path, "2026-02-15"))
    validate_brief(loaded)
    (warning,) = loaded.warnings
    assert (warning.line, warning.field) == (11, "measures.第1项.deadline")
    assert "2026年2月15日" in warning.message and "2026年3月15日" in warning.message
    assert loaded.warning_messages()[0].startswith("警告：")


@pytest.mark.parametrize(
    ("deadline", "meeting"),
    [
        ("2026-03-15", "2026-03-15"),
        ("2026-04-30", "2026-03-15"),
        ("6月底前", "2026-03-15"),
        ("2026年2月15日", "null"),
    ],
)
def test_no_warning_when_deadline_is_not_before_the_meeting(
    tmp_path: Path, deadline: str, meeting: str
) -> None:
    loaded = load_brief(deadline_brief(tmp_path, deadline, meeting))
    validate_brief(loaded)
    assert loaded.warnings == []


def test_validating_twice_does_not_repeat_the_warning(tmp_path: Path) -> None:
    loaded = load_brief(deadline_brief(tmp_path, "2026年2月15日"))
    validate_brief(loaded)
    validate_brief(loaded)
    assert len(loaded.warnings) == 1


def test_text_fields_keep_values_as_typed() -> None:
    brief = validate_brief(
        parse_brief_text(
            SHORT_BASE
            + "  audience: NO\n  speaker: 0123\n  title: 14:30\n  subtitle: +8613800138000\n  speaker_title: 1.10\n"
        )
    )
    m = brief.meeting
    assert (m.audience, m.speaker, m.title, m.subtitle, m.speaker_title) == (
        "NO",
        "0123",
        "14:30",
        "+8613800138000",
        "1.10",
    )


def test_numbers_convert_only_where_the_schema_wants_them() -> None:
    brief = validate_brief(
        parse_brief_text(SHORT_BASE + "  minutes: 020\nranking:\n  current: 9\n  previous: '3'\n")
    )
    assert brief.meeting.minutes == 20 and brief.ranking is not None and brief.ranking.previous == 3


@pytest.mark.parametrize("empty", ["~", "null", "Null", "NULL", ""])
def test_empty_required_field_is_located(empty: str) -> None:
    loaded = parse_brief_text(f"meeting:\n  name: 会\n  organization: {empty}\n", "brief.yaml")
    with pytest.raises(InputProblems) as info:
        validate_brief(loaded)
    p = info.value.problems[0]
    assert p.field == "meeting.organization" and p.line == 3 and "空" in p.message


def test_dates_are_parsed_by_the_model_and_a_bad_date_is_located() -> None:
    brief = validate_brief(parse_brief_text(SHORT_BASE + "  date: 2024-03-05\n"))
    assert str(brief.meeting.date) == "2024年3月5日"
    loaded = parse_brief_text(SHORT_BASE + "  date: 2024-02-30\n", "brief.yaml")
    with pytest.raises(InputProblems) as info:
        validate_brief(loaded)
    p = info.value.problems[0]
    assert (p.line, p.field) == (4, "meeting.date") and "不是有效的日期" in p.message


def test_schema_errors_are_located_with_suggestions() -> None:
    loaded = parse_brief_text(
        "meeting:\n  name: 会\n  organization: 局\n  minutes: ten\n  titel: 讲话\nmeasures:\n  - title: 甲\n    onwer: 办公室\n",
        "brief.yaml",
    )
    with pytest.raises(InputProblems) as info:
        validate_brief(loaded)
    shown = [p.format().splitlines()[0] for p in info.value.problems]
    assert shown == [
        "brief.yaml:4:12  meeting.minutes  应是整数（如 9），现在是“ten”",
        "brief.yaml:5:3  meeting.titel  不认识的字段“titel”，是否想写 title？",
        "brief.yaml:8:5  measures.第1项.onwer  不认识的字段“onwer”，是否想写 owner？",
    ]
    assert info.value.message.endswith("简报有 3 处问题，请逐一修改后再运行。")


def test_a_value_outside_its_list_is_named_in_chinese() -> None:
    message = _problems("meeting:\n  name: 会\n  organization: 白沙镇人民政府\n  level: 镇\n")
    assert "meeting.level" in message and "Input should" not in message
    assert "只能填 单位、系统、区、县、市、省 中的一个，现在写的是“镇”" in message
    assert "乡镇、街道请填 单位" in message
    other = _problems("meeting:\n  name: 会\n  organization: 局\n  audience_role: 群众\n")
    assert "现在写的是“群众”" in other and "乡镇" not in other
