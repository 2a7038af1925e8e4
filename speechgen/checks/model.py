"""Data shared by the readers, the rules and the reports of ``speechgen check``.

A :class:`Document` is what a reader makes of one input: numbered paragraphs of
plain text (tracked changes already resolved) plus the findings the reader itself
produced (pending revisions, comments). Rules turn a document into
:class:`Finding` objects; the report module prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
QUOTE_CHARS = 12


@dataclass(frozen=True)
class Para:
    """One paragraph: its number in the file (¶ for Word, line for text) and its text."""

    number: int
    text: str
    column_base: int = 0  # characters dropped at the line start (Markdown markers)


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer would circle: where, which rule, how bad, and why (Chinese)."""

    rule: str
    message: str
    para: int | None = None
    offset: int | None = None
    severity: str = ""
    length: int = 0  # characters concerned from ``offset`` (0: just that point)


@dataclass
class Document:
    """A readable input: paragraphs and what the reader noticed while reading.

    ``kind`` is ``docx`` (Word draft), ``brief`` (a brief rendered in memory) or
    ``text`` (.txt/.md). ``paras`` keeps the order of the file; empty paragraphs are
    kept so that ¶ numbers match what the writer counts in Word.
    """

    source: str
    kind: str
    paras: list[Para]
    notes: list[Finding] = field(default_factory=list)
    brief: Any = None

    def quote(self, index: int) -> str:
        """The first characters of paragraph ``index`` for a location such as ¶12「…」."""
        text = self.paras[index].text.strip()
        return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"

    def location(self, finding: Finding) -> str:
        """``file:¶N「quote」`` for Word drafts and briefs, ``file:line:column`` for text."""
        if finding.para is None:
            return self.source
        para = self.paras[finding.para]
        if self.kind == "text":
            if finding.offset is None:
                return f"{self.source}:{para.number}"
            return f"{self.source}:{para.number}:{para.column_base + finding.offset + 1}"
        return f"{self.source}:¶{para.number}「{self.quote(finding.para)}」"


@dataclass
class FileResult:
    """The outcome for one input file: its findings, statistics, or why it could not be read."""

    source: str
    kind: str = ""
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def count(self, severity: str) -> int:
        """How many findings of ``severity`` this file has."""
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self) -> int:
        """2 when unreadable, 1 when it has errors, 0 otherwise."""
        if self.error is not None:
            return 2
        return 1 if self.count("error") else 0
