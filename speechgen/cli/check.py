"""``speechgen check FILE… [--brief B] [--format text|json] [--ignore RULE] [--config F]``.

With ``--annotate [--fix] [-o OUT] [--force]`` each .docx also gets an annotated copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..checks.config import make_settings
from ..checks.engine import check_document
from ..checks.model import FileResult
from ..checks.report import render_json, render_text
from ..console import echo_err, echo_out
from ..errors import UserError
from ..facade import read_for_check
from ..templating.registry import manifest_warnings


def run_check(
    files: list[Path],
    *,
    brief: Path | None,
    fmt: str,
    ignore: list[str],
    config: Path | None,
    chars_per_minute: int | None,
    encoding: str | None,
) -> int:
    """Check every file, print the report to stdout, return the exit code (0, 1 or 2).

    An unreadable file is reported on stderr and the others are still checked; the
    exit code is the highest any file produced. A bad ``--brief``, ``--config`` or
    ``--ignore`` stops before anything is checked (:class:`UserError`, exit 2).
    """
    settings = make_settings(ignore, config, chars_per_minute)
    compare_brief = _load_brief(brief) if brief is not None else None
    results: list[FileResult] = []
    for path in files:
        label = str(path)
        try:
            doc = read_for_check(path, label, encoding)
        except UserError as exc:
            echo_err(exc.message)
            results.append(FileResult(label, error=exc.message))
            continue
        results.append(
            check_document(doc, settings, brief=compare_brief, compare=compare_brief is not None)
        )
    for warning in manifest_warnings():
        echo_err(warning)
    code = max((r.exit_code() for r in results), default=0)
    out = render_json(results, code) if fmt == "json" else render_text(results)
    echo_out(out)
    return code


def _load_brief(path: Path) -> Any:
    """The brief given with ``--brief``, validated."""
    from ..facade import load_and_validate

    _loaded, brief = load_and_validate(path)
    return brief


def run_annotate(
    files: list[Path],
    *,
    fix: bool,
    output: str | None,
    force: bool,
    brief: Path | None,
    fmt: str,
    ignore: list[str],
    config: Path | None,
    chars_per_minute: int | None,
) -> int:
    """``check --annotate``: write each .docx's annotated copy, print the usual report.

    A file that is not a .docx (or cannot be read or written) is reported on stderr and
    the others are still annotated; the exit code is the highest any file produced.
    """
    from ..errors import SpeechgenError
    from ..updating.annotate import annotate_file

    settings = make_settings(ignore, config, chars_per_minute)
    compare_brief = _load_brief(brief) if brief is not None else None
    results: list[FileResult] = []
    codes = [0]
    for path in files:
        try:
            done = annotate_file(
                path,
                settings=settings,
                fix=fix,
                output=output,
                count=len(files),
                force=force,
                brief=compare_brief,
            )
        except SpeechgenError as exc:
            echo_err(exc.message)
            results.append(FileResult(str(path), error=exc.message))
            codes.append(exc.exit_code)
            continue
        results.append(done.result)
        for line in done.messages:
            echo_err(line)
        echo_err(done.summary())
    code = max(codes + [r.exit_code() for r in results])
    echo_out(render_json(results, code) if fmt == "json" else render_text(results))
    return code
