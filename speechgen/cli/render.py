"""The ``render`` command's work for each brief: build, verify, write, preview, summarise."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..console import echo_out
from ..errors import EXIT_INTERNAL, EXIT_OK, SpeechgenError, UserError
from ..facade import Draft, RenderSettings, build_draft, draft_docx, draft_text
from ..templating.registry import manifest_warnings
from ..templating.rendering import template_warnings
from .jobs import Job
from .writebehind import WriteBehind


@dataclass
class RenderOptions:
    """Per-run choices that are not about the speech itself."""

    fmt: str = "docx"
    force: bool = False
    pdf: bool = False
    png: bool = False
    check: bool = True


@dataclass
class JobResult:
    """What happened to one brief."""

    brief: Path
    target: Path | None
    exit_code: int = EXIT_OK
    messages: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def render_job(
    job: Job,
    settings: RenderSettings,
    options: RenderOptions,
    stdout: Callable[[str], None] | None = None,
    behind: WriteBehind | None = None,
) -> JobResult:
    """Render one brief to its target; errors become the result's exit code and messages.

    With ``behind`` the file is written in its background thread (a batch): the result
    is complete only after ``behind.finish()``.
    """
    result = JobResult(job.brief, job.target)
    try:
        draft = build_draft(job.brief, settings)
        result.messages.extend(manifest_warnings() + template_warnings())
        known = len(draft.warnings)
        result.messages.extend(draft.warnings)
        _write(draft, job, options, result, stdout, behind)
        result.messages.extend(draft.warnings[known:])  # found while writing (the shell's footer)
    except SpeechgenError as exc:
        result.exit_code = exc.exit_code
        result.messages.extend(manifest_warnings())
        result.messages.append(exc.message)
    return result


def _write(
    draft: Draft,
    job: Job,
    options: RenderOptions,
    result: JobResult,
    stdout: Callable[[str], None] | None,
    behind: WriteBehind | None = None,
) -> None:
    from ..facade import write_output

    if job.target is None:
        (stdout or echo_out)(draft_text(draft, options.fmt))
        note = draft.length_note()
        if note:  # the draft went to stdout; the note goes to stderr with the other messages
            result.messages.append(f"{job.brief}: {note}")
        return
    target = job.target
    protected = draft.protected_paths()
    data = (
        draft_docx(draft)
        if options.fmt == "docx"
        else draft_text(draft, options.fmt).encode("utf-8")
    )

    def store() -> Path | None:
        return write_output(
            target, data, protected=protected, force=options.force, kind=options.fmt
        )

    if behind is not None and not (options.pdf or options.png):  # previews need the file now
        behind.submit(result, target, store)
    else:
        backup = store()
        result.written.append(target)
        if backup is not None:
            result.messages.append(f"{target}: 原文件已备份为 {backup.name}")
    if options.fmt == "docx":
        result.messages.extend(_font_warnings_once(draft))
    if options.check:
        result.messages.extend(_check_summary(draft, job.target))
    note = draft.length_note()
    if note:
        result.messages.append(f"{job.target}: {note}")
    if options.fmt == "docx" and (options.pdf or options.png):
        from ..layout.preview import make_previews

        try:
            result.written.extend(make_previews(job.target, pdf=options.pdf, png=options.png))
        except UserError as exc:
            result.exit_code = exc.exit_code
            result.messages.append(exc.message)


_FONTS_WARNED: set[str] = set()


def _font_warnings_once(draft: Draft) -> list[str]:
    """Warn in one line about fonts missing on this machine, once per machine and set of fonts.

    The per-font detail (alternatives, preview substitutes) is in ``fonts.font_warnings``;
    with ``--debug`` (SPEECHGEN_DEBUG=1) it is printed in full, every time.
    """
    import os

    from ..layout.fonts import font_warnings, hint_due, is_installed

    key = draft.profile.model_dump_json()
    if key in _FONTS_WARNED:
        return []
    _FONTS_WARNED.add(key)
    if os.environ.get("SPEECHGEN_DEBUG") == "1":
        return font_warnings(draft.profile)
    if not hint_due(draft.profile.fonts()):
        return []  # shown on an earlier run: no need to list the fonts again
    missing = [f for f in draft.profile.fonts() if is_installed(f) is False]
    if not missing:
        return []
    return [
        f"提示：本机没有安装字体 {'、'.join(missing)}。稿子里仍写明这些字体，在装有它们的电脑上显示正常；"
        "缺字体时 Word/WPS 改用版式指定的替代字体，PDF 预览用相近的免费字体"
    ]


def _check_summary(draft: Draft, target: Path) -> list[str]:
    """One line summarising ``speechgen check`` findings on the rendered text (never fails)."""
    from ..checks import summary_line

    return [summary_line(draft.paragraph_texts(), str(target), draft.brief)]


def report(results: list[JobResult], emit: Callable[[str], None]) -> None:
    """Print each brief's messages and written files, in the order the briefs were given."""
    for r in results:
        for message in r.messages:
            emit(message)
        for path in r.written:
            emit(f"已生成 {path}")


def render_safely(
    job: Job,
    settings: RenderSettings,
    options: RenderOptions,
    debug: bool,
    stdout: Callable[[str], None] | None = None,
    behind: WriteBehind | None = None,
) -> JobResult:
    """Render one job; an unexpected error becomes that brief's exit code 5, not the batch's end."""
    try:
        return render_job(job, settings, options, stdout, behind)
    except Exception as exc:  # a worker boundary: one brief's bug must not stop the batch
        return internal_error(job, exc, traceback.format_exc() if debug else None)


def internal_error(job: Job, exc: BaseException, details: str | None = None) -> JobResult:
    """A result for a brief whose render failed unexpectedly (exit 5)."""
    message = f"{job.brief}: speechgen 内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行以查看详细信息，并把它报告给维护者。"
    if details:
        message = f"{details.rstrip()}\n{message}"
    return JobResult(job.brief, job.target, EXIT_INTERNAL, [message])
