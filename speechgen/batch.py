"""Render one or many briefs: plan outputs, run jobs, report, and pick the exit code."""

from __future__ import annotations

from pathlib import Path

from .errors import EXIT_OK
from .pipeline import RenderSettings
from .plan import plan
from .run import JobResult, RenderOptions, render_job


def run_render(
    briefs: list[Path],
    *,
    output: str | None,
    template: str | None,
    profile: str | None,
    shell: Path | None,
    fmt: str,
    pdf: bool,
    png: bool,
    seed: int | None,
    encoding: str | None,
    jobs: int | None,
    force: bool,
    watch: bool,
    template_dirs: list[Path],
    check: bool,
) -> int:
    """Render every brief; return the highest exit code any of them produced."""
    from .cli import echo_err, echo_out

    settings = RenderSettings(
        template=template,
        profile=profile,
        shell=str(shell) if shell else None,
        seed=seed,
        encoding=encoding,
        template_dirs=list(template_dirs),
    )
    options = RenderOptions(fmt=fmt, force=force, pdf=pdf, png=png, check=check)
    planned = plan(list(briefs), output, fmt)
    results: list[JobResult] = [render_job(job, settings, options, echo_out) for job in planned]
    for r in results:
        for message in r.messages:
            echo_err(message)
        for path in r.written:
            echo_err(f"已生成 {path}")
    return max((r.exit_code for r in results), default=EXIT_OK)
