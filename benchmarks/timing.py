"""Wall-clock timing of whole commands: hyperfine when installed, else repeated runs with medians."""

from __future__ import annotations

import json
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timing:
    """Wall time of one command over several runs, in seconds."""

    name: str
    median: float
    mean: float
    stdev: float
    runs: int

    @property
    def ms(self) -> float:
        """Median in milliseconds."""
        return self.median * 1000


def have_hyperfine() -> bool:
    """True when the ``hyperfine`` benchmarking tool is on PATH."""
    return shutil.which("hyperfine") is not None


def time_commands(
    commands: dict[str, list[str]], *, cwd: Path, runs: int = 15, warmup: int = 3
) -> dict[str, Timing]:
    """Time each command (name → argv) side by side; every command must exit 0."""
    if have_hyperfine():
        return _hyperfine(commands, cwd=cwd, runs=runs, warmup=warmup)
    return _loop(commands, cwd=cwd, runs=runs, warmup=warmup)


def _hyperfine(
    commands: dict[str, list[str]], *, cwd: Path, runs: int, warmup: int
) -> dict[str, Timing]:
    """Run hyperfine without a shell (``-N``) and read its JSON export."""
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hyperfine.json"
        argv = ["hyperfine", "-N", "--style", "none", "--warmup", str(warmup), "--runs", str(runs)]
        argv += ["--export-json", str(export)]
        for name, command in commands.items():
            argv += ["-n", name, shlex.join(command)]
        subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        data = json.loads(export.read_text(encoding="utf-8"))
    timings = {}
    for result in data["results"]:
        times = result["times"]
        timings[result["command"]] = Timing(
            result["command"],
            result["median"],
            result["mean"],
            result.get("stddev") or 0.0,
            len(times),
        )
    return timings


def _loop(
    commands: dict[str, list[str]], *, cwd: Path, runs: int, warmup: int
) -> dict[str, Timing]:
    """Run the commands round-robin (so machine noise hits all alike) and take medians."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(
                command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            elapsed = time.perf_counter() - start
            if i >= warmup:
                samples[name].append(elapsed)
    return {
        name: Timing(
            name,
            statistics.median(s),
            statistics.fmean(s),
            statistics.stdev(s) if len(s) > 1 else 0.0,
            len(s),
        )
        for name, s in samples.items()
    }


def time_once(command: list[str], *, cwd: Path) -> tuple[float, str]:
    """Run ``command`` once; return its wall time and its stderr (it must exit 0)."""
    start = time.perf_counter()
    proc = subprocess.run(
        command,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return time.perf_counter() - start, proc.stderr
