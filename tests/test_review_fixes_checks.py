"""Review findings on ``speechgen check``: merged placeholders, zero counts, lone points."""

from __future__ import annotations

from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.model import Document, Finding, Para


def run(text: str, **settings) -> list[Finding]:
    """Findings for ``text`` (one paragraph per line) as a .txt file would give them."""
    paras = [Para(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    doc = Document("t.txt", "text", paras)
    return check_document(doc, CheckSettings(**settings)).findings


def found(text: str, rule: str, **settings) -> list[Finding]:
    """Findings of ``rule`` only."""
    return [f for f in run(text, **settings) if f.rule == rule]


# --- placeholder.text: one finding per run ---------------------------------------------


def test_placeholder_run_with_a_character_between_is_one_finding() -> None:
    hits = found("在此，我代表某某市某某局，向大家致以问候。", "placeholder.text")
    assert len(hits) == 1
    assert hits[0].offset == len("在此，我代表")
    assert "某某市某某" in hits[0].message


def test_placeholder_overlapping_and_adjacent_matches_are_one_finding() -> None:
    assert len(found("请XX某某同志发言。", "placeholder.text")) == 1
    assert len(found("请〇〇某某同志发言。", "placeholder.text")) == 1


def test_placeholders_apart_or_across_punctuation_stay_separate() -> None:
    hits = found("请某某同志、某某同志发言。", "placeholder.text")
    assert [h.offset for h in hits] == [1, 6]
    assert len(found("某某，某某", "placeholder.text")) == 2
