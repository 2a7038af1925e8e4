"""The mechanical fixes ``check --fix`` makes: what a proof-reader corrects without asking.

Each fix replaces a few characters of one paragraph: half-width punctuation among
Chinese characters by its full-width form, quotes the rule can pair (an even number of
“” in a paragraph, some facing the wrong way) turned to alternate open/close, ellipses
and dashes in their proper form (……, ——), full-width digits as ASCII digits. Anything
that needs judgement (a missing quote, a placeholder) is left to the writer. Pure text:
the Word layer writes these as tracked changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rules.numbers import FULLWIDTH_DIGITS, to_halfwidth
from .rules.punctuation import _ELLIPSIS, _FULL, _half_width, dash_matches

_DOUBLE = re.compile("[“”]")
_SINGLE = re.compile("[‘’]")


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` with ``replacement``; ``rule`` is the finding it answers."""

    start: int
    end: int
    replacement: str
    rule: str


def fixes_for(text: str) -> list[Fix]:
    """Every mechanical fix for one paragraph, left to right, never overlapping."""
    found: list[Fix] = []
    for finding in _half_width(text, 0):
        pos = finding.offset or 0
        found.append(Fix(pos, pos + 1, _FULL[text[pos]], "punct.halfwidth"))
    for m in _ELLIPSIS.finditer(text):
        if m.group(0) != "……":
            found.append(Fix(m.start(), m.end(), "……", "punct.ellipsis"))
    for m in dash_matches(text):
        found.append(Fix(m.start(), m.end(), "——", "punct.dash"))
    for m in FULLWIDTH_DIGITS.finditer(text):
        found.append(Fix(m.start(), m.end(), to_halfwidth(m.group(0)), "numbers.fullwidth"))
    found += _pair_quotes(text, _DOUBLE, "“”")
    found += _pair_quotes(text, _SINGLE, "‘’", skip_apostrophes=True)
    found.sort(key=lambda f: (f.start, f.end))
    kept: list[Fix] = []
    for fix in found:
        if kept and fix.start < kept[-1].end:
            continue
        kept.append(fix)
    return kept


def _pair_quotes(text: str, pattern: re.Pattern[str], pair: str, *,
                 skip_apostrophes: bool = False) -> list[Fix]:  # fmt: skip
    """Quotes turned to alternate open, close, open… when their number is even."""
    marks = [m.start() for m in pattern.finditer(text)]
    if skip_apostrophes:
        marks = [p for p in marks if not _between_letters(text, p)]
    if not marks or len(marks) % 2:
        return []
    out = []
    for k, pos in enumerate(marks):
        want = pair[k % 2]
        if text[pos] != want:
            out.append(Fix(pos, pos + 1, want, "punct.unpaired"))
    return out


def _between_letters(text: str, pos: int) -> bool:
    """True for an apostrophe between two Latin letters (it's)."""
    return (
        0 < pos < len(text) - 1
        and text[pos - 1].isascii()
        and text[pos - 1].isalpha()
        and text[pos + 1].isascii()
        and text[pos + 1].isalpha()
    )


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    """``text`` with ``fixes`` made (what accepting the tracked changes gives)."""
    out, pos = [], 0
    for fix in fixes:
        out.append(text[pos : fix.start])
        out.append(fix.replacement)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out)
