"""Chinese numerals, counts, ordinals, dates and list joining."""

import datetime as dt

import pytest

from speechgen.speech.numerals import cn_count, cn_date, cn_number, join_cn, ordinal


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (10000, "一万"),
        (20026, "二万零二十六"),
    ],
)
def test_cn_number(n: int, text: str) -> None:
    assert cn_number(n) == text


def test_cn_count_uses_liang_for_two() -> None:
    assert cn_count(2) == "两"
    assert cn_count(3) == "三"
    assert cn_count(12) == "十二"


def test_ordinal_arabic_and_chinese() -> None:
    assert ordinal(3) == "第3名"
    assert ordinal(3, "chinese") == "第三名"


def test_cn_date_styles() -> None:
    d = dt.date(2026, 5, 10)
    assert cn_date(d) == "2026年5月10日"
    assert cn_date(d, "chinese") == "二〇二六年五月十日"


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["甲"], "甲"),
        (["甲", "乙"], "甲和乙"),
        (["甲", "乙", "丙"], "甲、乙和丙"),
        (["区自然资源和规划局", "区住建局"], "区自然资源和规划局、区住建局"),
    ],
)
def test_join_cn(items: list[str], text: str) -> None:
    assert join_cn(items) == text
