"""``speechgen update DRAFT.docx [--brief B] [-o OUT] [--force]``."""

from __future__ import annotations

from pathlib import Path

from ..console import echo_err
from ..facade import update_draft


def run_update(
    draft: Path,
    *,
    brief: Path | None,
    output: str | None,
    force: bool,
    template_dirs: list[Path],
    encoding: str | None,
) -> int:
    """Update one draft, print what was done to stderr, return the exit code (0)."""
    result = update_draft(
        draft,
        brief=brief,
        output=output,
        force=force,
        template_dirs=template_dirs,
        encoding=encoding,
    )
    for message in result.messages:
        echo_err(message)
    echo_err(result.summary())
    return 0
