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
        return f"检查：{summary_text(counts([result]))}（speechgen check {source} 查看详情）"
    except Exception as exc:  # a boundary: the summary must never break a finished render
        return f"检查：未能完成自动检查（{type(exc).__name__}），可运行 speechgen check {source}"
