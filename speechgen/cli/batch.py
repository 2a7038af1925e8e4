"""Render one or many briefs: plan outputs, run jobs (in parallel), report, pick the exit code.

One brief, ``--jobs 1`` or output to stdout run in this process. Several briefs run in a
process pool: on Linux the workers are forked from a parent that has already imported
the pipeline (cheap start-up); elsewhere they are spawned and import it once each, in
the pool's initializer. Every worker function is top level and every argument and
result is a plain dataclass, so both start methods work. One bad brief never stops the
others; the batch exits with the highest code any brief produced (DESIGN.md §5).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..console import write
from ..errors import EXIT_OK, UserError
from ..facade import RenderSettings
from .jobs import Job, plan
from .render import JobResult, RenderOptions, internal_error, render_safely, report

# Modules a worker needs for a render; imported once per process, before the first job.
PRELOAD = (
    "speechgen.facade",
    "speechgen.cli.render",
    "speechgen.docx.writer",
    "speechgen.docx.verify",
    "speechgen.safewrite",
    "speechgen.checks",
)
# Spawned workers each pay an interpreter start and the imports (~0.3 s): without an
# explicit --jobs, give each at least this many briefs before adding another worker.
SPAWN_MIN_BRIEFS_PER_WORKER = 16
CHUNK_MAX = 8  # briefs per pool task (see chunk_size)


@dataclass(frozen=True)
class BatchSummary:
    """Counts and time of a finished batch, for the summary line."""

    total: int
    failed: int
    seconds: float

    def line(self) -> str:
        """The Chinese summary line printed after a batch."""
        ok = self.total - self.failed
        return f"共 {self.total} 份：成功 {ok}，失败 {self.failed}，用时 {self.seconds:.2f} 秒"


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
    from ..console import echo_err, echo_out

    settings = RenderSettings(
        template=template,
        profile=profile,
        shell=str(shell) if shell else None,
        seed=seed,
        encoding=encoding,
        template_dirs=list(template_dirs),
    )
    if (pdf or png) and fmt != "docx":
        raise UserError(
            "--pdf 和 --png 预览只能从 .docx 生成：请去掉 --format md/txt，或去掉 --pdf/--png"
        )
    options = RenderOptions(fmt=fmt, force=force, pdf=pdf, png=png, check=check)
    planned = plan(list(briefs), output, fmt)
    if watch:
        from .watch import watch_render

        return watch_render(planned, settings, options, out=echo_err, stdout=echo_out)
    started = time.perf_counter()
    results = render_all(
        planned, settings, options, jobs=jobs, stdout=echo_out, progress=_progress_stream()
    )
    report(results, echo_err)
    if len(planned) > 1:
        failed = sum(1 for r in results if r.exit_code != EXIT_OK)
        echo_err(BatchSummary(len(planned), failed, time.perf_counter() - started).line())
    return max((r.exit_code for r in results), default=EXIT_OK)


def render_all(
    planned: list[Job],
    settings: RenderSettings,
    options: RenderOptions,
    *,
    jobs: int | None = None,
    stdout: Callable[[str], None] | None = None,
    progress: TextIO | None = None,
) -> list[JobResult]:
    """Render every planned job, in parallel when worthwhile; results in ``planned`` order."""
    debug = _debug_requested()
    method = start_method()
    workers = worker_count(jobs, len(planned), method)
    if len(planned) == 1 or any(job.target is None for job in planned):
        return [render_safely(job, settings, options, debug, stdout) for job in planned]
    if workers <= 1:
        bar = ProgressBar(len(planned), progress)
        try:
            return render_chunk(planned, settings, options, debug, on_rendered=bar.advance)
        finally:
            bar.close()
    return _render_in_pool(planned, settings, options, workers, method, debug, progress)


def render_chunk(
    chunk: list[Job],
    settings: RenderSettings,
    options: RenderOptions,
    debug: bool,
    on_rendered: Callable[[], None] | None = None,
) -> list[JobResult]:
    """Render several briefs in this process, each written while the next one renders.

    Every result is complete (written, or failed with its code) when this returns.
    """
    from .writebehind import WriteBehind

    behind = WriteBehind()
    results = []
    try:
        for job in chunk:
            results.append(render_safely(job, settings, options, debug, behind=behind))
            if on_rendered is not None:
                on_rendered()
    finally:
        behind.finish()
    return results


def chunk_size(briefs: int, workers: int) -> int:
    """Briefs per pool task: enough for writes to overlap rendering, small enough to balance."""
    return max(1, min(CHUNK_MAX, briefs // (workers * 4)))


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """``fork`` on Linux while this process has no other threads (cheap, inherits imports), else ``spawn``."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def worker_count(requested: int | None, briefs: int, method: str) -> int:
    """How many worker processes to use for ``briefs`` briefs (1 means: no pool)."""
    if requested is not None:
        return max(1, min(requested, briefs))
    count = min(default_jobs(), briefs)
    if method == "spawn":
        count = min(count, briefs // SPAWN_MIN_BRIEFS_PER_WORKER)
    return max(1, count)


def preload() -> None:
    """Import what a render needs, once per process (the pool's initializer)."""
    for name in PRELOAD:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def init_worker(load: bool) -> None:
    """Pool initializer: leave Ctrl+C to the parent (which stops the pool), import the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if load:
        preload()


def _render_in_pool(
    planned: list[Job],
    settings: RenderSettings,
    options: RenderOptions,
    workers: int,
    method: str,
    debug: bool,
    progress: TextIO | None,
) -> list[JobResult]:
    """Render ``planned`` in a process pool; results keep the input order.

    With ``fork`` the parent first renders the first brief itself: the workers then
    inherit its imports and its caches (compiled templates, manifests, profiles).
    multiprocessing and concurrent.futures are imported here, not at start-up: one
    brief never needs them.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    results: list[JobResult | None] = [None] * len(planned)
    bar = ProgressBar(len(planned), progress)
    first = 0
    if method == "fork":
        preload()
        results[0] = render_safely(planned[0], settings, options, debug)
        bar.advance()
        first = 1
    context = multiprocessing.get_context(method)
    executor = ProcessPoolExecutor(
        workers, mp_context=context, initializer=init_worker, initargs=(method != "fork",)
    )
    size = chunk_size(len(planned) - first, workers)
    try:
        futures: dict[Future[list[JobResult]], int] = {
            executor.submit(render_chunk, planned[i : i + size], settings, options, debug): i
            for i in range(first, len(planned), size)
        }
        for future in as_completed(futures):
            start = futures[future]
            count = len(planned[start : start + size])
            try:
                results[start : start + count] = future.result()
            except BrokenProcessPool as exc:
                for i in range(start, start + count):
                    results[i] = internal_error(planned[i], exc)
            for _ in range(count):
                bar.advance()
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
    executor.shutdown()
    return [
        r if r is not None else internal_error(planned[i], RuntimeError("没有结果"))
        for i, r in enumerate(results)
    ]


class ProgressBar:
    """A one-line progress bar on a terminal's stderr; silent when ``stream`` is ``None`` or for one job."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if total > 1 else None
        self._draw()

    def advance(self) -> None:
        """One more job finished."""
        self.done += 1
        self._draw()

    def close(self) -> None:
        """Erase the bar so the messages that follow start on a clean line."""
        if self.stream is not None:
            write(self.stream, "\r" + " " * (self.WIDTH + 30) + "\r")

    def _draw(self) -> None:
        if self.stream is None:
            return
        filled = self.WIDTH * self.done // self.total
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        write(self.stream, f"\r生成中 {bar} {self.done}/{self.total}")


def _progress_stream() -> TextIO | None:
    """stderr when it is a terminal (the bar would only clutter logs and pipes), else ``None``."""
    stream = sys.stderr
    isatty = getattr(stream, "isatty", None)
    return stream if isatty is not None and isatty() else None


def _debug_requested() -> bool:
    """True when the user asked for tracebacks (``--debug`` or ``SPEECHGEN_DEBUG=1``)."""
    return "--debug" in sys.argv or os.environ.get("SPEECHGEN_DEBUG") == "1"
