"""In-process measurements, run by ``run.py`` in a fresh interpreter: time per document and memory.

    python benchmarks/inprocess.py time BRIEF [N]        # speechgen: build_draft + draft_docx
    python benchmarks/inprocess.py naive BRIEF TPL [N]   # docxtpl: render + save, for comparison
    python benchmarks/inprocess.py memory BRIEF [N]      # RSS after 1, 10, 100, … N renders

Each prints one JSON object on stdout.
"""

from __future__ import annotations

import gc
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

MIB = 1024 * 1024


def current_rss() -> float | None:
    """Resident memory of this process now, in MiB (Linux: /proc; elsewhere ``None``)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / MIB


def peak_rss() -> float | None:
    """Peak resident memory of this process so far, in MiB (POSIX only)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def time_speechgen(brief: Path, n: int) -> dict[str, Any]:
    """Median and mean time of build_draft + draft_docx, and of each half, over ``n`` renders."""
    from speechgen.facade import RenderSettings, build_draft, draft_docx

    settings = RenderSettings()
    for _ in range(10):  # warm caches: compiled templates, profiles
        draft_docx(build_draft(brief, settings))
    build, write, total = [], [], []
    for _ in range(n):
        t0 = time.perf_counter()
        draft = build_draft(brief, settings)
        t1 = time.perf_counter()
        draft_docx(draft)
        t2 = time.perf_counter()
        build.append(t1 - t0)
        write.append(t2 - t1)
        total.append(t2 - t0)
    return {
        "renders": n,
        "median_ms": statistics.median(total) * 1000,
        "mean_ms": statistics.fmean(total) * 1000,
        "build_median_ms": statistics.median(build) * 1000,
        "docx_median_ms": statistics.median(write) * 1000,
    }


def time_naive(brief: Path, template: Path, n: int) -> dict[str, Any]:
    """Documents per second of docxtpl in one process (open template, render, save), for comparison."""
    import yaml
    from docxtpl import DocxTemplate

    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    context = {
        "title": data["meeting"]["name"],
        "organization": data["meeting"]["organization"],
        "strengths": data.get("strengths", []),
        "weaknesses": data.get("weaknesses", []),
        "measures": data.get("measures", []),
        "date": "",
        "speaker": "",
    }
    times = []
    for i in range(n + 3):
        t0 = time.perf_counter()
        doc = DocxTemplate(str(template))
        doc.render(context)
        doc.save(io.BytesIO())
        if i >= 3:
            times.append(time.perf_counter() - t0)
    return {"renders": n, "median_ms": statistics.median(times) * 1000}


def memory(brief: Path, n: int) -> dict[str, Any]:
    """Resident memory after 1, 10, 100, … ``n`` full in-memory renders (it must stay flat)."""
    from speechgen.facade import RenderSettings, build_draft, draft_docx

    settings = RenderSettings()
    marks = sorted({1, 10, 100, n // 2, n})
    samples: dict[str, float | None] = {"before": current_rss()}
    for i in range(1, n + 1):
        draft_docx(build_draft(brief, settings))
        if i in marks:
            gc.collect()
            samples[str(i)] = current_rss()
    return {"renders": n, "rss_mib": samples, "peak_mib": peak_rss()}


def main(argv: list[str]) -> None:
    """Dispatch on the first argument; print the result as JSON."""
    mode, brief = argv[0], Path(argv[1])
    if mode == "time":
        result = time_speechgen(brief, int(argv[2]) if len(argv) > 2 else 300)
    elif mode == "naive":
        result = time_naive(brief, Path(argv[2]), int(argv[3]) if len(argv) > 3 else 50)
    elif mode == "memory":
        result = memory(brief, int(argv[2]) if len(argv) > 2 else 1000)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
