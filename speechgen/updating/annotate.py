"""``speechgen check FILE.docx --annotate [--fix]``: the findings written into a copy, in Word.

Each finding becomes a Word comment by 「speechgen 检查」 anchored on the characters it
concerns (the whole paragraph when the finding has no position; the first paragraph
with text for findings about the whole speech). Notes the reader itself makes about
existing tracked changes and comments (``revision.*``) are not repeated as comments.
With ``--fix`` the mechanical fixes (:mod:`speechgen.checks.fixes`) are made as
tracked changes by the same author. The input is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.model import SEVERITY_NAMES, FileResult, Finding
from ..errors import UserError

AUTHOR = "speechgen 检查"
SUFFIX = "-批注"
_NOT_ANNOTATED = ("revision.",)


@dataclass
class AnnotateResult:
    """One annotated copy: its check result, where it went, how many comments and fixes."""

    result: FileResult
    target: Path | None = None
    backup: Path | None = None
    comments: int = 0
    fixes: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line in Chinese for the terminal."""
        fixed = f"，{self.fixes} 处改正（修订）" if self.fixes else ""
        return f"已写出 {self.target}：{self.comments} 条批注{fixed}"


def comment_text(finding: Finding) -> str:
    """What the comment says: severity, the message, and the rule id to ``--ignore`` it."""
    severity = SEVERITY_NAMES.get(finding.severity, finding.severity)
    return f"【{severity}】{finding.message}（规则 {finding.rule}）"


def notes_for(result: FileResult, texts: list[str]) -> list[Any]:
    """One comment per finding, on the characters it concerns."""
    from ..docx.annotating import Note

    first = next((i for i, t in enumerate(texts) if t.strip()), None)
    notes = []
    for finding in result.findings:
        if finding.rule.startswith(_NOT_ANNOTATED):
            continue
        if finding.para is None:
            if first is not None:
                notes.append(Note(first, 0, None, comment_text(finding)))
        elif finding.offset is None:
            notes.append(Note(finding.para, 0, None, comment_text(finding)))
        else:
            end = finding.offset + max(finding.length, 1)
            notes.append(Note(finding.para, finding.offset, end, comment_text(finding)))
    return notes


def fixes_by_paragraph(texts: list[str]) -> dict[int, list[Any]]:
    """The mechanical fixes of every paragraph, as edits of its text."""
    from ..checks.fixes import fixes_for
    from ..docx.textdiff import Edit

    out = {}
    for index, text in enumerate(texts):
        edits = [Edit(f.start, f.end, f.replacement) for f in fixes_for(text)]
        if edits:
            out[index] = edits
    return out


def annotate_file(path: Path, *, settings: Any, fix: bool = False, output: str | None = None,
                  count: int = 1, force: bool = False, brief: Any = None) -> AnnotateResult:  # fmt: skip
    """Check one .docx and write its annotated copy; raise :class:`UserError` for other files."""
    from ..checks.engine import check_document
    from ..checks.readers import document_from_draft
    from ..docx.annotating import annotate_bytes
    from ..docx.package import PEOPLE_PROPERTY, stamp_content_hash
    from ..docx.reader import read_docx_bytes
    from ..docx.safety import read_untrusted_docx
    from .targets import output_path, write_output

    if path.is_dir() or path.suffix.lower() != ".docx":
        raise UserError(
            f"{path}: 批注只能写进 Word 稿（.docx）；这个文件请不加 --annotate 用 speechgen check 查看报告"
        )
    if not path.exists():
        raise UserError(f"{path}: 找不到这个文件，请检查路径")
    data = read_untrusted_docx(path, "讲话稿")
    read = read_docx_bytes(data, str(path))
    result = check_document(document_from_draft(read, str(path)), settings, brief=brief,
                            compare=brief is not None)  # fmt: skip
    target = output_path(path, output, SUFFIX, count)
    texts = read.texts()
    fixes = fixes_by_paragraph(texts) if fix else {}
    body, comments, edits = annotate_bytes(data, notes_for(result, texts), fixes, AUTHOR)
    out = stamp_content_hash(body, {PEOPLE_PROPERTY: "1"})
    read_docx_bytes(out, "批注稿")  # reopens and parses, or raises
    backup = write_output(target, out, source=path, protected=[], force=force)
    done = AnnotateResult(result, target, backup, comments, edits)
    if backup is not None:
        done.messages.append(f"{target}: 原文件已备份为 {backup.name}")
    return done
