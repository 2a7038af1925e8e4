"""Builders for the ``speechgen check`` rule tests: drafts as text, briefs as models."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.model import Document, Finding, Para


def text_document(text: str, kind: str = "text", brief: Any = None) -> Document:
    """A document with one paragraph per line of ``text`` (as a .txt file gives it)."""
    paras = [Para(i, line) for i, line in enumerate(text.splitlines(), start=1)]
    return Document("t.txt", kind, paras, brief=brief)


def findings(
    text: str,
    *,
    brief: Any = None,
    compare: bool = False,
    kind: str = "text",
    **settings: Any,
) -> list[Finding]:
    """Findings for ``text``; ``kind='brief'`` checks it as the draft of ``brief`` itself."""
    doc = text_document(text, kind, brief if kind == "brief" else None)
    return check_document(doc, CheckSettings(**settings), brief=brief, compare=compare).findings


def of_rule(rule: str, text: str, **kwargs: Any) -> list[Finding]:
    """Only the findings of ``rule``."""
    return [f for f in findings(text, **kwargs) if f.rule == rule]


def parse_brief(tmp_path: Path, text: str) -> Any:
    """A brief validated from YAML written (dedented) into ``tmp_path``."""
    from speechgen.facade import load_and_validate

    path = tmp_path / "brief.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_and_validate(path)[1]


AWAITING_TEMPLATES = (
    "length.short",
    "parallel.skeleton",
    "spoken.count_word",
    "spoken.deadline",
    "spoken.bracket",
    "brief.unrendered",
    "brief.missing",
)
"""Rules today's built-in drafts trip until the templates are rewritten (issues 11 and 12).

Thin drafts, heading sets of three shapes, 「不少亮点：」 before one item, 「长期坚持……倒排工期」,
a bracket read aloud and ``meeting.speaker_title`` not printed in the byline. Tests that
assert the built-in examples are clean ignore exactly these; remove each id here once the
templates pass it (``for f in examples/*.yaml; do speechgen check $f; done``).
"""


def ignore_args(rules: tuple[str, ...] = AWAITING_TEMPLATES) -> list[str]:
    """``--ignore`` arguments for ``rules``."""
    return [arg for rule in rules for arg in ("--ignore", rule)]
