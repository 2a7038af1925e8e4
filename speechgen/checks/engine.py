"""Run the rules on one document and rank what they find."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .config import CheckSettings
from .model import SEVERITIES, Document, FileResult, Finding
from .rules import all_checks
from .rules.context import CheckContext


def check_document(
    doc: Document, settings: CheckSettings, *, brief: Any = None, compare: bool = False
) -> FileResult:
    """All enabled findings for ``doc``, sorted by severity then position.

    ``brief`` (the ``--brief`` brief, else the document's own) supplies the target
    length and the number of units; ``compare`` turns on the against-the-brief rules.
    """
    ctx = CheckContext(
        brief=brief if brief is not None else doc.brief,
        compare=compare,
        chars_per_minute=settings.chars_per_minute,
    )
    found: list[Finding] = list(doc.notes)
    for check in all_checks():
        found.extend(check(doc, ctx))
    kept = [
        replace(f, severity=settings.severity_of(f.rule)) for f in found if settings.enabled(f.rule)
    ]
    kept.sort(
        key=lambda f: (
            SEVERITIES.index(f.severity),
            -1 if f.para is None else f.para,
            f.offset or 0,
        )
    )
    return FileResult(doc.source, doc.kind, doc, kept, ctx.stats)
