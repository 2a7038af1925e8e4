"""Markup parsing, heading numbering, count tokens and run-in headings."""

import pytest

from speechgen.speech.blocks import (
    Byline,
    Heading,
    Paragraph,
    Salutation,
    Title,
    finish,
    heading_number,
    run_in_text,
)
from speechgen.speech.markup import blocks_to_text, parse


def test_heading_numbers_by_level() -> None:
    assert [
        heading_number(1, 3),
        heading_number(2, 11),
        heading_number(3, 2),
        heading_number(4, 1),
    ] == ["三、", "（十一）", "2.", "（1）"]


def test_parse_markers() -> None:
    blocks = parse(
        "= 标题\n== ——副标题\n@ （2026年5月10日）\n> 同志们：\n# 一部分\n## 小点\n正文\n"
    )
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Title", "Subtitle", "Byline", "Salutation", "Heading", "Heading", "Paragraph"]


def test_lines_join_into_paragraphs_until_blank_line() -> None:
    blocks = parse("第一句，\n接着写。\n\n第二段。\n")
    assert [b.text for b in blocks] == ["第一句，接着写。", "第二段。"]


def test_numbering_restarts_under_each_parent() -> None:
    blocks = finish(parse("# 甲\n## a\n## b\n# 乙\n## c\n### x\n### y\n## d\n### z\n"), frozenset())
    numbers = [b.number for b in blocks if isinstance(b, Heading)]
    assert numbers == ["一、", "（一）", "（二）", "二、", "（一）", "1.", "2.", "（二）", "1."]


def test_count_tokens_follow_structure() -> None:
    blocks = finish(
        parse(
            "讲%%parts%%点。\n# 甲\n提%%subs%%点要求。\n## a\n## b\n## c\n# 乙\n共%%subs%%个方面。\n## d\n"
        ),
        frozenset(),
    )
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == ["讲两点。", "提三点要求。", "共一个方面。"]


def test_run_in_heading_merges_and_gets_full_stop() -> None:
    blocks = finish(parse("# 甲\n## 肯定成绩\n正文。\n## 已有句号。\n正文二。\n"))
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    assert paras[0].plain_text == "（一）肯定成绩。正文。"
    assert paras[1].plain_text == "（二）已有句号。正文二。"


def test_standalone_headings_have_no_closing_punctuation() -> None:
    blocks = finish(parse("# 甲\n## 肯定成绩。\n正文。\n"), frozenset())
    heading = [b for b in blocks if isinstance(b, Heading)][1]
    assert heading.full_text == "（一）肯定成绩"


def test_inline_points_get_sequence_words() -> None:
    blocks = finish(parse("# 甲\n有%%subs%%点。\n+ **其一。**内容\n+要 其二\n# 乙\n+ 再来\n"))
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    assert [p.plain_text for p in paras] == ["有两点。", "一是其一。内容", "二要其二", "一是再来"]


def test_escaped_values_cannot_inject_markup() -> None:
    blocks = parse(
        "正文 &#35; 不是标题 &#42;&#42;x&#42;&#42; &amp;&lt;&gt; &#37;&#37;parts&#37;&#37;\n"
    )
    done = finish(blocks)
    assert done[0].text == "正文 # 不是标题 **x** &<> %%parts%%"


def test_blocks_to_markdown_and_text() -> None:
    blocks = finish(parse("= 题\n@ 张三\n> 同志们：\n# 甲\n## 乙\n正文\n"))
    assert (
        isinstance(blocks[0], Title)
        and isinstance(blocks[1], Byline)
        and isinstance(blocks[2], Salutation)
    )
    md = blocks_to_text(blocks, markdown=True)
    assert "## 一、甲" in md and "**（一）乙。**正文" in md
    assert "（一）乙。正文" in blocks_to_text(blocks)


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
    assert run_in_text(Heading(2, title, "（一）")) == printed
