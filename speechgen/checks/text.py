"""Character classes, Chinese numerals and snippets used by several rules."""

from __future__ import annotations

# Chinese characters (CJK Extension A, Unified Ideographs, Compatibility Ideographs).
# Tested by code point, not by a regex: compiling a character class this wide costs
# 10–25 ms each time a process starts (a quarter of a cold render's checks).
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
_FULLWIDTH_ALNUM = ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))


def is_cjk(ch: str) -> bool:
    """True for one Chinese character."""
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def has_cjk(text: str) -> bool:
    """True when ``text`` holds a Chinese character."""
    return any(is_cjk(ch) for ch in text)


def is_spoken(ch: str) -> bool:
    """True for a character read aloud: Chinese, an ASCII or full-width letter or digit."""
    if ch.isascii():
        return ch.isalnum()
    code = ord(ch)
    return is_cjk(ch) or any(low <= code <= high for low, high in _FULLWIDTH_ALNUM)


CN_NUM_CLASS = "零〇一二两三四五六七八九十百"
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SENTENCE_END = "。！？"


def is_chinese_context(ch: str) -> bool:
    """True for a Chinese character or full-width punctuation (the company 。，sits in)."""
    if not ch:
        return False
    code = ord(ch)
    return bool(
        is_cjk(ch[0])
        or 0x3000 <= code <= 0x303F  # 、。〈〉《》「」【】〇
        or 0xFF01 <= code <= 0xFF0F  # ！＂＃…／
        or 0xFF1A <= code <= 0xFF20  # ：；＜＝＞？＠
        or ch in "“”‘’…—·"
    )


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral up to 999 (三, 十二, 二十, 一百零五, 两); None if not one."""
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def digits_to_int(text: str) -> int | None:
    """Value of a digit-by-digit Chinese year such as 二〇二六; None if not one."""
    if not text or any(ch not in _CN_DIGITS for ch in text):
        return None
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def number_value(text: str) -> int | None:
    """Value of an Arabic (3, ３) or Chinese (三) number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(text) if text.isdigit() else cn_to_int(text)


def snippet(text: str, start: int, end: int | None = None, width: int = 6) -> str:
    """The found text with a little context on each side, for a message: …上文【hit】下文…"""
    end = start + 1 if end is None else end
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    head = "…" if start - width > 0 else ""
    tail = "…" if end + width < len(text) else ""
    return f"「{head}{left}{text[start:end]}{right}{tail}」".replace("\n", " ")


def spoken_length(text: str) -> int:
    """Characters that are read aloud: Chinese characters, letters and digits."""
    return sum(1 for ch in text if is_spoken(ch))


def normalise(text: str) -> str:
    """Text reduced to its spoken characters, for comparing a brief's titles with a draft."""
    return "".join(ch for ch in text if is_spoken(ch))
