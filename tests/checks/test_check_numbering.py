"""``check`` knows every numbering: 一、/第一，/一要/首先 on top, （一）/一是/一要/首先 below."""

from __future__ import annotations

import pytest

from speechgen.checks.outline import build_outline, parts

from helpers import findings, of_rule, text_document

THREE_FIRST = "下面，我讲三点意见。\n第一，要切实保持危机感。\n当前形势逼人。\n第二，要切实提高执行力。\n布置了就要落实。\n第三，要切实转变作风。\n作风要实。"


def rules(text: str) -> set[str]:
    """Rule ids of the structure family found in ``text``."""
    return {f.rule for f in findings(text) if f.rule.startswith("structure")}


def test_parts_numbered_di_yi_are_counted() -> None:
    assert rules(THREE_FIRST) == set()
    two = THREE_FIRST.replace("三点意见", "两点意见")
    found = of_rule("structure.count", two)
    assert len(found) == 1 and "三个部分（第一、第二……）" in found[0].message


def test_a_few_points_needs_no_count() -> None:
    assert rules(THREE_FIRST.replace("三点意见", "几点意见")) == set()


@pytest.mark.parametrize(
    ("word", "second", "third"),
    [("第一，", "第二，", "第三，"), ("一要", "二要", "三要"), ("首先，", "其次，", "最后，")],
)
def test_each_top_level_style_is_counted(word: str, second: str, third: str) -> None:
    """Standalone top-level headings in each style, with （一） headings inside them."""
    body = "\n（一）肯定成绩。正文。\n（二）正视差距。正文。"
    text = f"下面，我讲三点意见。\n{word}切实保持危机感{body}\n{second}切实提高执行力{body}\n{third}切实转变作风{body}"
    assert rules(text) == set()
    headings = [h for h in build_outline(text_document(text)) if h.level == 1]
    assert [h.number for h in headings][:2] == [1, 2] and len(headings) == 3
    assert rules(text.replace("三点意见", "四点意见")) == {"structure.count"}


def test_top_level_gaps_and_order() -> None:
    gap = THREE_FIRST.replace("第三，", "第四，")
    assert [f.para for f in of_rule("structure.numbering", gap)] == [5]
    swapped = (
        "第一，要保持危机感。\n正文。\n第三，要提高执行力。\n正文。\n第二，要转变作风。\n正文。"
    )
    messages = [f.message for f in of_rule("structure.numbering", swapped)]
    assert any("缺少“第二”" in m for m in messages) and any("颠倒" in m for m in messages)
    first_after_last = "首先，保持危机感\n（一）甲。正文。\n（二）乙。正文。\n最后，提高执行力\n（一）甲。正文。\n（二）乙。正文。\n其次，转变作风\n（一）甲。正文。\n（二）乙。正文。"
    assert any(
        "排在“最后”之后" in f.message for f in of_rule("structure.numbering", first_after_last)
    )
    skipped = "一要保持危机感\n正文。\n三要提高执行力\n正文。"
    assert any("缺少“二要”" in f.message for f in of_rule("structure.numbering", skipped))


def test_subheadings_restart_under_each_sequence_word_part() -> None:
    """（一） restarts under each 一要 part: no numbering error, and parts are cut there."""
    text = "一要保持危机感\n（一）甲。正文。\n（二）乙。正文。\n二要提高执行力\n（一）丙。正文。\n（二）丁。正文。"
    assert rules(text) == set()
    labels = [
        label for label, _, _ in parts(text_document(text), build_outline(text_document(text)))
    ]
    assert labels == ["第一部分（一要）", "第二部分（二要）"]


def test_body_paragraphs_opening_with_shouxian_are_not_parts() -> None:
    text = "一、认清形势\n首先，我们要看到，今年以来各项工作取得了新进展。我们的排名有所上升。\n二、狠抓落实\n正文。"
    headings = build_outline(text_document(text))
    assert [h.marker for h in headings] == ["一、", "二、"]
    alone = "首先，我代表局党组，向受到表彰的同志表示祝贺。大家辛苦了。\n今天的会议很重要。"
    assert build_outline(text_document(alone)) == []


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("要做到：一是抓思想；二是抓作风。", "要做到：一是抓思想；三是抓作风。"),
        ("要做到：一要抓思想；二要抓作风。", "要做到：一要抓思想；三要抓作风。"),
        (
            "要做到：第一，抓思想；第二，抓作风。",
            "要做到：第一，抓思想；第一，抓作风；第三，抓落实。",
        ),
        ("首先，抓思想；其次，抓作风；最后，抓落实。", "首先，抓思想；再次，抓作风。"),
        (
            "首先，抓思想；其次，抓作风；再次，抓落实；最后，抓纪律。",
            "首先，抓思想；最后，抓作风；其次，抓落实。",
        ),
    ],
)
def test_inline_points_in_each_style(good: str, bad: str) -> None:
    assert "structure.numbering" not in rules(f"一、认清形势\n{good}")
    assert "structure.numbering" in rules(f"一、认清形势\n{bad}")


@pytest.mark.parametrize("style", [("一要", "二要", "三要"), ("首先，", "其次，", "再次，")])
def test_second_level_points_opening_paragraphs(style: tuple[str, str, str]) -> None:
    first, second, third = style
    text = f"一、认清形势\n我讲三点要求。\n{first}抓思想，思想是总开关。\n{second}抓作风，作风是形象。\n{third}抓落实，落实是关键。\n二、狠抓落实\n正文。"
    assert rules(text) == set()
    two = text.replace("三点要求", "两点要求")
    assert rules(two) == {"structure.count"}
    gap = text.replace(second, third, 1).replace(f"{third}抓落实", f"{second}抓落实")
    assert "structure.numbering" in rules(gap)


def test_inline_announcement_counts_any_style() -> None:
    assert rules("我讲三点意见：首先，抓思想；其次，抓作风；最后，抓落实。") == set()
    assert rules("我讲两点意见：首先，抓思想；其次，抓作风；最后，抓落实。") == {"structure.count"}
    # a lone 首先 opening the next sentence is no list
    assert (
        rules("我讲三点意见。首先，我代表党组表示感谢。\n一、认清形势\n二、落实\n三、作风") == set()
    )


def test_lone_point_rule_ignores_top_level_words() -> None:
    text = "一要保持危机感\n正文。\n二要提高执行力\n正文。"
    assert "structure.lone" not in rules(text)
    assert "structure.lone" in rules("一、认清形势\n一要抓思想。\n二、狠抓落实\n正文。")


def test_points_going_on_in_the_next_paragraphs_are_counted() -> None:
    text = "我讲三点意见：一是抓思想。\n二是抓作风。\n三是抓落实。"
    assert rules(text) == set()
    assert rules(text.replace("三点意见", "两点意见")) == {"structure.count"}
