"""Layout profiles as data: the 字号 table, built-ins, validation messages, copying a profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.errors import InputProblems, UserError
from speechgen.layout.profile import PROFILE_DIR, ZIHAO, builtin_profiles, load_profile, to_points


@pytest.mark.parametrize(
    ("given", "points"),
    [
        ("三号", 16),
        ("二号", 22),
        ("小四", 12),
        ("五号", 10.5),
        ("初号", 42),
        ("八号", 5),
        ("16", 16),
        ("18pt", 18),
        ("15磅", 15),
        (12, 12),
    ],
)
def test_sizes_by_zihao_or_points(given: object, points: float) -> None:
    assert to_points(given) == points


def test_zihao_table_is_complete_and_descending() -> None:
    assert list(ZIHAO)[0] == "初号" and list(ZIHAO)[-1] == "八号" and len(ZIHAO) == 16
    values = list(ZIHAO.values())
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("bad", ["大号", "0", "500", "三 号"])
def test_bad_size_is_refused_in_chinese(bad: str) -> None:
    with pytest.raises(ValueError, match="字号|磅"):
        to_points(bad)


def test_builtins_exist_with_their_layouts() -> None:
    assert {"speech", "official", "large"} <= set(builtin_profiles())
    speech, official, large = (load_profile(n) for n in ("speech", "official", "large"))
    assert speech.run_in_levels == [2] and official.run_in_levels == []
    assert (
        official.line_pitch_pt == 28.95
        and official.grid == "lines"
        and official.page_numbers == "odd-even"
    )
    assert (
        official.page.top_mm,
        official.page.bottom_mm,
        official.page.left_mm,
        official.page.right_mm,
    ) == (37, 35, 28, 26)
    # 28 characters fit the 156 mm type area, 29 do not (format_spec §1.1)
    width_pt = (210 - 28 - 26) / 25.4 * 72
    pitch = official.element("body").size + official.char_spacing_pt  # type: ignore[operator]
    assert 28 * pitch <= width_pt < 29 * pitch
    assert large.element("body").size >= 18 and 28 <= large.line_pitch_pt <= 32
    assert all(
        large.element(e).size >= 18 for e in ("salutation", "heading1", "heading2", "heading3")
    )


def test_every_builtin_names_an_alternative_for_each_office_font() -> None:
    for name in builtin_profiles():
        profile = load_profile(name)
        for font in ("仿宋_GB2312", "楷体_GB2312", "方正小标宋简体"):
            assert font in profile.fonts()
            assert profile.alt_fonts[font] in ("仿宋", "楷体", "宋体", "黑体")


def test_element_falls_back_to_body() -> None:
    profile = load_profile("speech")
    assert profile.element("lead").font == profile.element("body").font
    assert profile.element("lead").bold is True and profile.element("heading1").font == "黑体"


def test_profile_by_path_relative_to_base_dir(tmp_path: Path) -> None:
    text = (
        (PROFILE_DIR / "speech.yaml")
        .read_text(encoding="utf-8")
        .replace("name: speech", "name: 本局版式")
    )
    (tmp_path / "mine.yaml").write_text(
        text.replace(
            "body:        {font: 仿宋_GB2312, size: 三号", "body:        {font: 仿宋, size: 小二"
        ),
        encoding="utf-8",
    )
    profile = load_profile("mine.yaml", tmp_path)
    assert (
        profile.name == "本局版式"
        and profile.element("body").size == 18
        and profile.element("body").font == "仿宋"
    )


def test_unknown_profile_names_the_builtins(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="official") as info:
        load_profile("没有这个", tmp_path)
    assert "speech" in info.value.message


def test_profile_problems_are_located_and_chinese(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: x\nline_pitch_pt: 3\nrun_in_levels: [5]\npage_number_format: 第页\n"
        "page_numbers: left\nelements:\n  body: {size: 大号}\n  heading7: {}\nwidth: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(InputProblems) as info:
        load_profile(str(path))
    message = info.value.message
    assert "bad.yaml:2:" in message and "超出范围" in message
    assert "bad.yaml:3:" in message and "1–4" in message
    assert "bad.yaml:4:" in message and "{n}" in message
    assert "bad.yaml:5:" in message and "odd-even" in message
    assert "bad.yaml:7:" in message and "不是字号" in message
    assert "bad.yaml:8:" in message and "heading4" in message
    assert "bad.yaml:9:" in message and "不认识的字段" in message
    assert "有 7 处问题" in message
    assert "Input should" not in message and "greater than" not in message
