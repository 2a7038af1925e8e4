"""``speechgen check``: find what a reviewing leader would circle in red.

Readers turn a brief, a Word draft or a text file into numbered paragraphs; the
rules in :mod:`speechgen.checks.rules` report findings; :mod:`.report` prints them.
:func:`summary_line` is what ``speechgen render`` prints after writing a draft.
"""

from __future__ import annotations

from typing import Any


def summary_line(paragraphs: list[str], source: str, brief: Any) -> str:
    """One line (Chinese) summarising the findings on a freshly rendered draft; never raises."""
    try:
        from .config import CheckSettings
        from .engine import check_document
        from .readers import paragraphs_document
        from .report import counts, summary_text

        result = check_document(
            paragraphs_document(paragraphs, source, brief), CheckSettings(), brief=brief
        )
        kept = _kept_placeholders(result, brief)
        note = (
            f"；另有 {kept} 处“某某”等占位符是简报写明有意保留的（keep_placeholders: true）"
            if kept
            else ""
        )
        return f"检查：{summary_text(counts([result]))}{note}（speechgen check {source} 查看详情）"
    except Exception as exc:  # a boundary: the summary must never break a finished render
        return f"检查：未能完成自动检查（{type(exc).__name__}），可运行 speechgen check {source}"


def _kept_placeholders(result: Any, brief: Any) -> int:
    """Take the leftover-placeholder findings out of ``result`` when the brief keeps them on purpose.

    Returns how many were taken out (0 for an ordinary brief).
    """
    if not getattr(brief, "keep_placeholders", False):
        return 0
    kept = [f for f in result.findings if f.rule == "placeholder.text"]
    result.findings = [f for f in result.findings if f.rule != "placeholder.text"]
    return len(kept)
