"""Where a part's own words go in its body: the ``place_remarks`` filter."""

from __future__ import annotations

from markupsafe import Markup

from speechgen.templating.placing import place_remarks

MARK = "⁂讲话人的话⁂"
SAID = "\n讲话人的话。\n\n"


def test_the_words_go_where_the_template_marked_them() -> None:
    body = Markup("第一段。\n\n" + MARK + "\n\n第二段。")
    assert place_remarks(body, SAID, MARK) == "第一段。\n\n" + SAID + "\n\n第二段。\n"


def test_without_words_the_body_is_kept() -> None:
    assert place_remarks(Markup("第一段。\n\n第二段。"), "", MARK) == "第一段。\n\n第二段。\n"


def test_the_words_follow_the_first_paragraph() -> None:
    out = place_remarks(Markup("第一段。\n\n\n\n第二段。"), SAID, MARK)
    assert out == "第一段。\n\n" + SAID + "第二段。\n\n"


def test_the_words_come_before_a_leading_sub_point() -> None:
    out = place_remarks(Markup("## 小标题\n正文。\n\n第二段。"), SAID, MARK)
    assert out == SAID + "## 小标题\n正文。\n\n第二段。\n\n"


def test_a_body_of_blank_paragraphs_still_gets_the_words() -> None:
    assert place_remarks(Markup("\n\n  \n\n"), SAID, MARK) == SAID


def test_the_body_stays_escaped_markup() -> None:
    out = place_remarks(Markup("a &amp; b"), Markup(SAID), MARK)
    assert isinstance(out, Markup) and "&amp;" in out
