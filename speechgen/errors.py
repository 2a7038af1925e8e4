"""Exception hierarchy: one base, user-facing subclasses carrying an exit code.

Every error a writer can cause is a :class:`UserError` whose ``message`` is Chinese
text ready to print; the CLI boundary catches :class:`SpeechgenError` once, prints
it to stderr and exits with ``exit_code``. Anything else is an internal error (5).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_PROTECTED = 3
EXIT_TOOL_MISSING = 4
EXIT_INTERNAL = 5


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file (brief, template, profile)."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    source_line: str | None = None

    def location(self) -> str:
        """Return ``file:line:column`` (parts omitted when unknown)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """Render as ``file:line:col  field  message`` plus the source line and a caret."""
        head = self.location()
        if self.field:
            head += f"  {self.field}"
        text = f"{head}  {self.message}"
        if self.source_line is not None and self.column is not None:
            line, column = _window(self.source_line.rstrip("\r\n"), self.column)
            shown = "".join(_visible(ch) for ch in line)
            caret_pad = "".join("\t" if ch == "\t" else _pad(ch) for ch in shown[: column - 1])
            text += f"\n    {shown}\n    {caret_pad}^"
        return text


SOURCE_WINDOW = 70


def _window(line: str, column: int) -> tuple[str, int]:
    """Cut a long source line to about :data:`SOURCE_WINDOW` characters around ``column``."""
    if len(line) <= SOURCE_WINDOW:
        return line, column
    start = max(0, column - 1 - SOURCE_WINDOW // 2)
    end = start + SOURCE_WINDOW
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    return prefix + line[start:end] + suffix, column - start + len(prefix)


def _visible(ch: str) -> str:
    """Show invisible control characters as a visible symbol (␀, ␁ … for C0, � otherwise)."""
    code = ord(ch)
    if code < 0x20 and ch != "\t":
        return chr(0x2400 + code)
    if 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
        return "\ufffd"
    return ch


def _pad(ch: str) -> str:
    """Return the blank that keeps a caret under ``ch`` (two columns for wide characters)."""
    return "  " if unicodedata.east_asian_width(ch) in ("W", "F") else " "


class SpeechgenError(Exception):
    """Base of every error speechgen raises on purpose."""

    exit_code = EXIT_INTERNAL

    @property
    def message(self) -> str:
        """The text printed for the writer."""
        return str(self)


class UserError(SpeechgenError):
    """An error caused by the input; its message is written for the writer (Chinese)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputProblems(UserError):
    """Several located problems in one input, all reported at once."""

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = problems
        lines = [p.format() for p in problems]
        if summary:
            lines.append(summary)
        super().__init__("\n".join(lines))


class ProtectedOutput(UserError):
    """Writing would destroy a person's work (exit 3)."""

    exit_code = EXIT_PROTECTED


class ToolMissing(UserError):
    """An outside program (LibreOffice) is needed but not installed (exit 4)."""

    exit_code = EXIT_TOOL_MISSING
