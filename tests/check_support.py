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
