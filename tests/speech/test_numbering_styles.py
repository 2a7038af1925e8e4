"""Numbering styles the planner may choose: 一、 / 第一， / 一要 / 首先 for parts; 一是 / 一要 /
首先 for inline points; and 「讲N点」 always agreeing with what is numbered."""

from __future__ import annotations

import pytest

from speechgen.speech.blocks import Heading, Paragraph, finish, heading_number, sequence_word
from speechgen.speech.markup import blocks_to_text, parse


def _heads(markup: str, style: str) -> list[str]:
    blocks = finish(parse(markup), frozenset(), style)
    return [b.full_text for b in blocks if isinstance(b, Heading) and b.level == 1]


THREE = "# 看清形势\n正文。\n# 要狠抓落实\n正文。\n# 强化保障\n正文。\n"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("一、", ["一、看清形势", "二、要狠抓落实", "三、强化保障"]),
        ("第一，", ["第一，看清形势", "第二，要狠抓落实", "第三，强化保障"]),
        ("一要", ["一要看清形势", "二要狠抓落实", "三要强化保障"]),  # no 二要要狠抓落实
        ("首先", ["首先，看清形势", "其次，要狠抓落实", "最后，强化保障"]),
    ],
)
def test_level_one_styles(style: str, expected: list[str]) -> None:
    assert _heads(THREE, style) == expected


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, ["首先"]),
        (2, ["首先", "其次"]),
        (3, ["首先", "其次", "最后"]),
        (4, ["首先", "其次", "再次", "最后"]),
    ],
)
def test_first_next_last_sequence(count: int, words: list[str]) -> None:
    assert [sequence_word(n, count) for n in range(1, count + 1)] == words
    markup = "".join(f"# 第{n}部分\n正文。\n" for n in range(count))
    assert [h[: len(w)] for h, w in zip(_heads(markup, "首先"), words, strict=True)] == words


def test_only_a_leading_yao_is_dropped_and_only_for_yi_yao() -> None:
    heads = _heads("# 要切实提高执行力\n# 切实强化要素保障\n", "一要")
    assert heads == ["一要切实提高执行力", "二要切实强化要素保障"]
    assert _heads("# 要切实提高执行力\n", "第一，") == ["第一，要切实提高执行力"]


@pytest.mark.parametrize("style", ["一、", "第一，", "一要", "首先"])
def test_level_two_and_deeper_keep_their_marks_under_every_style(style: str) -> None:
    blocks = finish(parse("# 甲\n## a\n### x\n#### y\n## b\n# 乙\n## c\n"), frozenset(), style)
    numbers = [b.number for b in blocks if isinstance(b, Heading) and b.level > 1]
    assert numbers == ["（一）", "1.", "（1）", "（二）", "（一）"]


def test_heading_number_by_style() -> None:
    assert heading_number(1, 12, "一、") == "十二、"
    assert heading_number(1, 2, "第一，") == "第二，"
    assert heading_number(1, 3, "一要") == "三要"
    assert heading_number(1, 4, "首先", total=4) == "最后，"


def _points(markup: str) -> list[str]:
    blocks = finish(parse(markup))
    return [b.plain_text for b in blocks if isinstance(b, Paragraph) and b.point]


def test_inline_points_shi_yao_and_first() -> None:
    assert _points("# 甲\n+是 **抓队伍。**内容\n+是 **抓作风。**内容\n") == [
        "一是抓队伍。内容",
        "二是抓作风。内容",
    ]
    assert _points("# 甲\n+要 **抓队伍。**\n+要 **抓作风。**\n+要 **抓督办。**\n") == [
        "一要抓队伍。",
        "二要抓作风。",
        "三要抓督办。",
    ]
    assert _points("# 甲\n+先 **抓队伍。**\n+先 **抓作风。**\n+先 **抓督办。**\n") == [
        "首先，抓队伍。",
        "其次，抓作风。",
        "最后，抓督办。",
    ]


def test_inline_points_restart_after_every_heading() -> None:
    assert _points("# 甲\n+先 a\n+先 b\n# 乙\n+先 c\n+先 d\n+先 e\n+先 f\n") == [
        "首先，a",
        "其次，b",
        "首先，c",
        "其次，d",
        "再次，e",
        "最后，f",
    ]
    # a run-in （一） heading leads its first point's paragraph
    assert _points("# 甲\n## x\n+是 a\n+是 b\n## y\n+是 c\n") == [
        "（一）x。一是a",
        "二是b",
        "（二）y。一是c",
    ]


@pytest.mark.parametrize("style", ["一、", "第一，", "一要", "首先"])
@pytest.mark.parametrize("parts", [2, 3, 4])
def test_announced_count_matches_parts_under_every_style(style: str, parts: int) -> None:
    markup = "下面，我讲%%parts%%点意见。\n\n" + "".join(
        f"# 第{n}部分\n这一部分讲%%subs%%个方面。\n" + "+是 甲\n" * n for n in range(1, parts + 1)
    )
    blocks = finish(parse(markup), frozenset({2}), style)
    paragraphs = [b.plain_text for b in blocks if isinstance(b, Paragraph) and not b.point]
    spoken = {2: "两", 3: "三", 4: "四"}[parts]
    assert paragraphs[0] == f"下面，我讲{spoken}点意见。"
    assert paragraphs[1:] == [f"这一部分讲{w}个方面。" for w in "一两三四"[:parts]]
    heads = [b for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert len(heads) == parts


def test_numbers_reach_text_and_markdown() -> None:
    blocks = finish(
        parse("# 要看清形势\n正文。\n# 狠抓落实\n+先 **甲。**乙\n"), frozenset(), "一要"
    )
    text = blocks_to_text(blocks)
    assert "一要看清形势\n" in text and "二要狠抓落实\n" in text and "首先，甲。乙" in text
    md = blocks_to_text(blocks, markdown=True)
    assert "## 一要看清形势" in md and "**首先，甲。**乙" in md
