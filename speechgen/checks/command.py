"""``speechgen check FILE… [--brief B] [--format text|json] [--ignore RULE] [--config F]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..errors import UserError
from .config import make_settings
from .engine import check_document
from .model import FileResult
from .readers import read_document
from .report import render_json, render_text


def run_check(files: list[Path], *, brief: Path | None, fmt: str, ignore: list[str],
              config: Path | None, chars_per_minute: int | None, encoding: str | None) -> int:  # fmt: skip
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
            doc = read_document(path, label, encoding)
        except UserError as exc:
            print(exc.message, file=sys.stderr)
            results.append(FileResult(label, error=exc.message))
            continue
        results.append(check_document(doc, settings, brief=compare_brief,
                                      compare=compare_brief is not None))  # fmt: skip
    code = max((r.exit_code() for r in results), default=0)
    out = render_json(results, code) if fmt == "json" else render_text(results)
    sys.stdout.write(out)
    return code


def _load_brief(path: Path) -> Any:
    """The brief given with ``--brief``, validated."""
    from ..pipeline import load_and_validate

    _loaded, brief = load_and_validate(path)
    return brief
