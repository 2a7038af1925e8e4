"""The speaker's own words sorted by where they are said (speechgen.speech.remarks)."""

from speechgen.speech.remarks import Remarks


def test_opening_words_beginning_with_just_now_wait_for_the_acknowledgement() -> None:
    said = Remarks({"opening": ("今天开这个会很重要。", "刚才，大家讲得很好。")}, acknowledged=True)
    assert said.opening_first == ("今天开这个会很重要。",)
    assert said.opening_after_ack == ("刚才，大家讲得很好。",)


def test_without_earlier_speakers_every_opening_word_is_said_at_once() -> None:
    said = Remarks({"opening": ("今天开这个会很重要。", "刚才看了片子。")})
    assert said.opening_first == ("今天开这个会很重要。", "刚才看了片子。")
    assert said.opening_after_ack == ()


def test_closing_words_beginning_with_last_are_kept_for_the_end() -> None:
    said = Remarks({"closing": ("最后，祝大家新年快乐。", "会后要抓紧落实。")})
    assert said.closing_first == ("会后要抓紧落实。",)
    assert said.closing_last == ("最后，祝大家新年快乐。",)
    assert Remarks({}).closing_last == ()


def test_remarks_still_read_as_a_mapping() -> None:
    said = Remarks({"measures.1": ("这件事我盯着。",)})
    assert said.get("measures.1") == ("这件事我盯着。",)
    assert said.get("closing", []) == []


def test_words_on_a_measure_are_found_by_its_number() -> None:
    said = Remarks({"measures.2": ("这件事我亲自抓。",), "opening": ("开场。",)})
    assert said.measure(2) == ("这件事我亲自抓。",)
    assert said.measure(1) == ()
    assert said.opening == ("开场。",) and said.closing == ()
