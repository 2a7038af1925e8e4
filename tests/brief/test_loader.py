"""The strict YAML loader: briefs load as the text typed, or fail located and in Chinese."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from speechgen.brief import loader
from speechgen.brief.loader import decode_brief, load_brief, parse_brief_text
from speechgen.errors import InputProblems, UserError

from helpers import REPO

BASE = "meeting:\n  name: 全市形势分析会\n  organization: 某某市某某局\n"
SHORT_BASE = "meeting:\n  name: 会\n  organization: 某局\n"


def problems(text: str) -> list:
    """The located problems of a brief text (fails when it loads)."""
    with pytest.raises(InputProblems) as info:
        parse_brief_text(text, "brief.yaml")
    return info.value.problems


def one_problem(text: str):
    """The single problem a brief text produces."""
    found = problems(text)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_python_tag_is_refused_at_its_position() -> None:
    p = one_problem("x: !!python/object/apply:os.system ['echo hi']\n" + BASE)
    assert (p.line, p.column, p.field) == (1, 4, "x")
    assert "!!python/object/apply:os.system" in p.message and "不支持 YAML 标签" in p.message


@pytest.mark.parametrize("tag", ["!!str", "!!int", "!custom", "!!map"])
def test_any_explicit_yaml_tag_is_refused(tag: str) -> None:
    text = (
        BASE.replace("某某市某某局", f"{tag} 某某局")
        if tag != "!!map"
        else BASE + f"ranking: {tag} {{current: 3}}\n"
    )
    assert "标签" in one_problem(text).message


def test_package_never_loads_yaml_unsafely() -> None:
    unsafe = re.compile(
        r"yaml\.(load|unsafe_load|full_load|load_all)\(|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)"
    )
    for source in (REPO / "speechgen").rglob("*.py"):
        assert not unsafe.search(source.read_text(encoding="utf-8")), source


def test_alias_bomb_is_refused_with_one_line_per_kind() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    text = "\n".join(lines) + "\n" + BASE
    started = time.perf_counter()
    found = problems(text)
    elapsed = time.perf_counter() - started
    messages = [p.message for p in found]
    assert any("别名" in m and "全文共 72 处" in m for m in messages)
    assert any("锚点" in m and "全文共 9 处" in m for m in messages)
    assert len(found) == 2
    assert elapsed < 5  # generous; the real figure is milliseconds


def test_duplicate_key_names_the_first_line() -> None:
    p = one_problem("meeting:\n  name: 草稿\n  organization: 局\n  name: 终稿\n")
    assert (p.line, p.column, p.field) == (4, 3, "meeting.name")
    assert "重复" in p.message and "第 2 行" in p.message


@pytest.mark.parametrize(
    "typed",
    [
        "NO",  # YAML 1.1 booleans
        "yes",
        "off",
        "1.10",  # a float that would lose its zero
        "14:30",  # base-60 integer
        "0123",  # octal integers
        "010",
        "+8613800138000",  # a phone number as an integer
        "2024-03-05 14:30:00",  # a timestamp
        "Nullish",  # almost null
        "0x1F",  # hexadecimal
        ".inf",  # infinity
    ],
)
def test_scalars_yaml_1_1_would_convert_stay_strings(typed: str) -> None:
    loaded = parse_brief_text(f"{typed}: {typed}\nmeeting:\n  audience: {typed}\n", "brief.yaml")
    assert loaded.data[typed] == typed
    assert loaded.data["meeting"]["audience"] == typed


def test_keys_are_always_strings() -> None:
    assert list(parse_brief_text("yes: 1\n1: 2\nnull: 3\n").data) == ["yes", "1", "null"]


def test_quoted_null_stays_a_string() -> None:
    assert parse_brief_text('speaker: "Null"\n').data["speaker"] == "Null"


@pytest.mark.parametrize(
    ("line", "column", "cut"),
    [("  title: Item #1 is budget", 15, "#1 is budget"), ("  audience: #12", 13, "#12")],
)
def test_hash_after_a_value_warns_that_the_rest_is_cut(line: str, column: int, cut: str) -> None:
    loaded = parse_brief_text(BASE + line + "\n", "brief.yaml")
    (warning,) = loaded.warnings
    assert warning.line == 4 and warning.column == column and cut in warning.message
    assert "引号" in warning.message
    assert loaded.warning_messages()[0].startswith("警告：brief.yaml:4:")


@pytest.mark.parametrize(
    "line",
    [
        "  audience: 中层干部  # 听众",
        "  audience: 中层干部 # 听众",
        "  audience: 中层干部\t# 听众",
        "  audience: '#12'",
        '  audience: "Item #1"',
        "  audience: C#语言",
        "# 整行注释 #1",
    ],
)
def test_ordinary_comments_give_no_hash_warning(line: str) -> None:
    assert parse_brief_text(BASE + line + "\n").warnings == []


def test_examples_give_no_loader_warning() -> None:
    for example in sorted((REPO / "examples").glob("*.yaml")):
        assert load_brief(example).warnings == [], example


def test_colon_in_a_value_names_field_and_column() -> None:
    p = one_problem("meeting:\n  name: Agenda: Q3 review\n  organization: x\n")
    assert (p.line, p.column, p.field) == (2, 15, "meeting.name")
    assert "引号" in p.message


def test_tab_indentation_is_named() -> None:
    p = one_problem("meeting:\n\tname: x\n")
    assert (p.line, p.column) == (2, 1) and "制表符" in p.message and "空格" in p.message


@pytest.mark.parametrize(
    ("text", "line", "column", "field", "words"),
    [
        ("meeting:\n  name: [a, b\n  organization: x\n", 2, 9, "meeting.name", "方括号"),
        ('meeting:\n  name: "abc\n  organization: x\n', 2, 9, "meeting.name", "引号没有闭合"),
        ("meeting:\n  name: @channel\n", 2, 9, "meeting.name", "“@”开头"),
        ("meeting:\n  name: `x`\n", 2, 9, "meeting.name", "引号"),
        ("meeting:\n  name: {a: b\n", 2, 9, "meeting.name", "花括号"),
    ],
)
def test_yaml_syntax_errors_are_located_with_a_caret(
    text: str, line: int, column: int, field: str, words: str
) -> None:
    p = one_problem(text)
    assert (p.line, p.column, p.field) == (line, column, field)
    assert words in p.message
    shown = p.format().splitlines()
    assert shown[1].strip() == text.splitlines()[line - 1].strip()
    assert shown[2].endswith("^")


def test_two_yaml_documents_are_refused() -> None:
    p = one_problem(BASE + "---\n" + BASE)
    assert p.line == 4 and "一个文档" in p.message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "空的"),
        ("# 只有注释\n", "空的"),
        ("- a\n- b\n", "列表"),
        ("hello\n", "单个值"),
        ("---\n", "空的"),
    ],
)
def test_empty_brief_or_not_a_mapping_is_refused(text: str, words: str) -> None:
    p = one_problem(text)
    assert words in p.message and "meeting" in p.message


def test_gbk_brief_is_refused_with_an_encoding_hint(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(BASE.encode("gbk"))
    with pytest.raises(UserError) as info:
        load_brief(path)
    message = info.value.message
    assert message.startswith(f"{path}:2:")
    assert "不是 UTF-8" in message and "GBK/GB18030" in message and "--encoding gb18030" in message


def test_gbk_brief_loads_with_the_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(BASE.encode("gb18030"))
    assert load_brief(path, "gb18030").data["meeting"]["organization"] == "某某市某某局"


def test_encoding_is_never_guessed() -> None:
    short = "标题: 年度总结大会\n".encode("gbk")
    with pytest.raises(UserError) as info:
        decode_brief(short, "b.yaml")
    assert "--encoding" in info.value.message
    latin = "名称: ü\n".encode().replace("ü".encode(), b"\xfc")
    with pytest.raises(UserError):
        decode_brief(latin, "b.yaml")


def test_unknown_encoding_name_is_a_clear_error() -> None:
    with pytest.raises(UserError) as info:
        decode_brief(b"a: b\n", "b.yaml", "klingon")
    assert "不认识的编码" in info.value.message


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: "\ufeff".encode("utf-16-be") + t.replace("\n", "\r\n").encode("utf-16-be"),
    ],
    ids=["utf8", "utf8_bom", "utf16_bom", "crlf", "utf16be_crlf"],
)
def test_bom_utf16_and_crlf_load_identically(tmp_path: Path, encode) -> None:
    path = tmp_path / "brief.yaml"
    path.write_bytes(encode(BASE + "  audience: 中层干部 🎤\n"))
    data = load_brief(path).data
    assert data == {
        "meeting": {
            "name": "全市形势分析会",
            "organization": "某某市某某局",
            "audience": "中层干部 🎤",
        }
    }


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("a\x00b", "U+0000"),
        ("a\x01b", "U+0001"),
        ("a\x1fb", "U+001F"),
        ("a\x7fb", "U+007F"),
        ("a\x9fb", "U+009F"),
        ("a\ufffeb", "U+FFFE"),
        ("a\uffffb", "U+FFFF"),
    ],
)
def test_raw_control_characters_are_named_with_field_and_position(raw: str, code: str) -> None:
    p = one_problem(BASE.replace("某某市某某局", raw))
    assert (p.line, p.column, p.field) == (3, 18, "meeting.organization")
    assert code in p.message and "Word" in p.message
    assert "\x00" not in p.format()


def test_several_bad_characters_are_all_reported() -> None:
    found = problems("meeting:\n  name: a\x01\n  organization: b\x02\n")
    assert [(p.line, p.field) for p in found] == [(2, "meeting.name"), (3, "meeting.organization")]


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\x01", "U+0001"),
        ("\\x1b", "U+001B"),
        ("\\0", "U+0000"),
        ("\\uFFFE", "U+FFFE"),
        ("\\a", "U+0007"),
        ("\\f", "U+000C"),
    ],
)
def test_escapes_producing_illegal_characters_are_refused(escape: str, code: str) -> None:
    p = one_problem(f'meeting:\n  name: "坏{escape}字"\n  organization: x\n')
    assert (p.line, p.field) == (2, "meeting.name") and code in p.message


def test_lone_surrogate_escape_is_refused_with_its_field() -> None:
    p = one_problem('meeting:\n  name: "bad \\ud800"\n  organization: x\n')
    assert (p.line, p.field) == (2, "meeting.name") and "\\ud800" in p.message


@pytest.mark.parametrize("vt", ['"第一行\\v第二行"', "第一行\x0b第二行"], ids=["escape", "raw"])
def test_vertical_tab_becomes_a_line_break(vt: str) -> None:
    loaded = parse_brief_text(BASE + f"  audience: {vt}\n")
    assert loaded.data["meeting"]["audience"] == "第一行\n第二行"


def test_oversized_brief_is_refused_before_decoding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    called = []
    monkeypatch.setattr(loader, "decode_brief", lambda *a, **k: called.append(1))
    with pytest.raises(UserError) as info:
        load_brief(path)
    assert "1.1 MB" in info.value.message and "1 MB" in info.value.message and not called


@pytest.mark.parametrize("depth", [25, 5000])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    p = one_problem("meeting: " + "[" * depth + "]" * depth + "\n")
    assert p.line == 1 and "嵌套层级过深" in p.message
    assert len(p.format().splitlines()[1]) < 100


def test_deep_block_mappings_are_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(30)) + "  " * 30 + "v\n"
    assert "嵌套层级过深" in one_problem(text).message


def test_merge_key_is_refused() -> None:
    messages = " ".join(
        p.message for p in problems("base: &b {name: a}\nmeeting:\n  <<: *b\n  organization: x\n")
    )
    assert "合并键" in messages and "锚点" in messages and "别名" in messages


def test_quoted_merge_key_is_just_an_unknown_field() -> None:
    assert "<<" in parse_brief_text('meeting:\n  "<<": x\n').data["meeting"]


def test_every_problem_reported_at_once_sorted_with_caret() -> None:
    found = problems("meeting:\n  name: a\n  name: b\n  organization: c\x01\nx: !!int 3\n")
    assert [p.line for p in found] == [3, 4, 5]
    for p in found:
        text = p.format()
        assert text.startswith(f"brief.yaml:{p.line}:{p.column}  ") and text.endswith("^")


def test_caret_sits_under_the_column_with_wide_characters() -> None:
    p = one_problem("meeting:\n  name: 中文: 冒号\n")
    source, caret = p.format().splitlines()[1:]
    assert p.column == 11
    # "  name: 中文" is 8 narrow + 2 wide characters: the caret is at display column 12 + 4 indent.
    assert caret.index("^") == 4 + 8 + 2 * 2
    assert source.startswith("    ")


@pytest.mark.parametrize("escape", ["\\r\\n", "\\r", "\\N", "\\L", "\\P", "\\v"])
def test_every_way_of_writing_a_line_break_becomes_newline(escape: str) -> None:
    loaded = parse_brief_text(BASE + f'  audience: "第一行{escape}第二行"\n')
    assert loaded.data["meeting"]["audience"] == "第一行\n第二行"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_raw_soft_line_break_in_a_plain_value_becomes_a_line_break(brk: str) -> None:
    loaded = parse_brief_text(f"meeting:\n  name: 会{brk}议\n  organization: 某局\n")
    assert loaded.data["meeting"]["name"] == "会\n议"


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029"])
def test_raw_soft_line_break_in_a_quoted_value_is_not_folded_to_a_space(brk: str) -> None:
    loaded = parse_brief_text(f'meeting:\n  name: "会{brk}议"\n  organization: 某局\n')
    assert loaded.data["meeting"]["name"] == "会\n议"


def test_raw_line_separator_in_a_literal_block_stays_inside_the_item() -> None:
    text = SHORT_BASE + "strengths:\n  - |\n    第一行\u2028第二行\n    第三行\n"
    assert parse_brief_text(text).data["strengths"] == ["第一行\n第二行\n第三行\n"]


def test_line_numbers_after_a_raw_line_separator_are_the_editor_lines() -> None:
    text = 'meeting:\n  name: "会\u2028议"\n  organization: 某局\nmeasures: [a\n'
    with pytest.raises(InputProblems) as info:
        parse_brief_text(text, "brief.yaml")
    assert [p.line for p in info.value.problems] == [4]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("meeting:\n  name：会\n  organization: 某局\n", 2, 7, "中文冒号"),
        ("meeting:\n  name:会\n  organization: 某局\n", 2, 7, "要跟一个空格"),
        ("meeting:\n\u3000name: 会\n  organization: 某局\n", 2, 1, "全角空格"),
        ("meeting：\n  name：会\n  organization：某局\n", 1, 8, "中文冒号"),
        (SHORT_BASE + "measures:\n  - title：甲\n    owner: 办公室\n", 5, 10, "中文冒号"),
    ],
)
def test_mistyped_key_line_is_named_instead_of_a_later_symptom(
    text: str, line: int, column: int, words: str
) -> None:
    p = one_problem(text)
    assert (p.line, p.column) == (line, column), p.format()
    assert words in p.message


def test_a_value_with_a_chinese_colon_is_not_mistaken_for_a_key() -> None:
    loaded = parse_brief_text(SHORT_BASE.replace("会", "会议：总结") + "strengths: [a]\n")
    assert loaded.data["meeting"]["name"] == "会议：总结"


def test_bad_backslash_escape_is_explained_in_chinese() -> None:
    p = one_problem('meeting:\n  name: "C:\\Users\\张"\n  organization: 某局\n')
    assert p.line == 2 and "单引号" in p.message and "YAML 格式错误" not in p.message
    assert "hex" not in p.message and "escape" not in p.message


@pytest.mark.parametrize("text", ["", "# 只有注释\n", "---\n...\n", "null\n", "   \n\n"])
def test_empty_brief_is_reported_at_line_one_under_meeting(text: str) -> None:
    p = one_problem(text)
    assert (p.line, p.column, p.field) == (1, 1, "meeting") and "简报是空的" in p.message
    assert p.format().startswith("brief.yaml:1:1  meeting  简报是空的")


def test_undecodable_byte_is_located_by_character_column_and_byte_in_its_line() -> None:
    raw = "meeting:\n  name: 会议".encode() + "会议".encode("gbk") + b"\n"
    with pytest.raises(UserError) as info:
        decode_brief(raw, "brief.yaml")
    message = info.value.message
    assert message.startswith("brief.yaml:2:11  ") and "第 2 行第 15 个字节 0xBB" in message
    assert "--encoding gb18030" in message
