"""speechgen benchmarks, side by side in one run: ``python benchmarks/run.py`` (see docs/performance.md).

Measures, on this machine and in this run:
  * cold ``speechgen render`` of the model brief vs pandoc (Markdown of the same speech to
    .docx with a reference doc) vs a naive typer + pydantic + docxtpl script;
  * ``speechgen --help``;
  * in-process time per document (facade.build_draft + facade.draft_docx);
  * batch documents per second on all cores (1,000 briefs by default);
  * post-render verification of a 3,000-measure document (linear, not quadratic);
  * peak memory of one render (child max RSS) and RSS across 1,000 in-process renders.
Targets are reported, never asserted. Options: ``--quick`` (fewer runs), ``--batch N``,
``--json FILE`` (save the figures).
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import have_hyperfine, time_commands, time_once  # noqa: E402

REPO = HERE.parent
MODEL = REPO / "examples" / "model_meeting.yaml"

CHILD_RSS = """\
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024)
"""


def speechgen_command() -> list[str]:
    """The installed ``speechgen`` console script next to this Python, else ``python -m speechgen``."""
    folder = Path(sys.executable).parent
    for name in ("speechgen", "speechgen.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "speechgen"]


def prepare(work: Path, sg: list[str]) -> dict[str, Path]:
    """Copy the model brief, render its Markdown and .docx, build the pandoc and docxtpl inputs."""
    brief = work / "model.yaml"
    shutil.copy(MODEL, brief)
    subprocess.run(
        [*sg, "render", str(brief), "-o", str(work / "reference.docx")],
        check=True,
        capture_output=True,
    )
    markdown = subprocess.run(
        [*sg, "render", str(brief), "--format", "md", "-o", "-"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    ).stdout
    (work / "speech.md").write_text(markdown, encoding="utf-8")
    subprocess.run(
        [sys.executable, str(HERE / "naive_docxtpl.py"), "make-template", str(work / "tpl.docx")],
        check=True,
    )
    return {
        "brief": brief,
        "md": work / "speech.md",
        "ref": work / "reference.docx",
        "tpl": work / "tpl.docx",
    }


def inputs(files: dict[str, Path]) -> dict[str, str]:
    """What each comparison reads, said once in the report."""
    md_chars = len(files["md"].read_text(encoding="utf-8"))
    return {
        "speechgen render": f"examples/{MODEL.name}（复制到临时目录 copied to a scratch folder）",
        "pandoc": (
            f"同一篇讲话的 Markdown（speechgen render --format md 生成，{md_chars} 字符）+ "
            "--reference-doc 为 speechgen 渲染同一简报得到的 .docx "
            "(the same speech as Markdown, with speechgen's own .docx of it as reference doc)"
        ),
        "naive docxtpl": "同一简报，benchmarks/naive_docxtpl.py 的简单 Word 模板 (same brief)",
    }


def verify_scaling(measures: int = 3000, repeats: int = 5) -> dict[str, float]:
    """Median ms of the post-render text verification for a document of ``measures`` measures."""
    import time

    from speechgen.docx.verify import missing_texts

    paragraphs = [f"（{i}）形成第{i}项工作体系。要明确责任、细化措施。" for i in range(measures)]
    text = "\n".join(paragraphs)
    expected = [*paragraphs, *(f"形成第{i}项工作体系" for i in range(measures))]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        assert missing_texts(text, expected) == []
        times.append((time.perf_counter() - started) * 1000)
    return {"measures": measures, "median_ms": statistics.median(times)}


def cold_commands(work: Path, sg: list[str], files: dict[str, Path]) -> dict[str, list[str]]:
    """The whole-process commands timed side by side."""
    commands = {
        "speechgen render": [*sg, "render", str(files["brief"]), "-o", str(work / "cold.docx")],
        "speechgen --help": [*sg, "--help"],
        "naive docxtpl": [
            sys.executable,
            str(HERE / "naive_docxtpl.py"),
            "render",
            str(files["brief"]),
            str(files["tpl"]),
            str(work / "naive.docx"),
        ],
    }
    if shutil.which("pandoc"):
        commands["pandoc"] = [
            "pandoc",
            str(files["md"]),
            "-o",
            str(work / "pandoc.docx"),
            "--reference-doc",
            str(files["ref"]),
        ]
    return commands


def inprocess(*args: str) -> dict[str, Any]:
    """Run ``inprocess.py`` in a fresh interpreter and read its JSON."""
    proc = subprocess.run(
        [sys.executable, str(HERE / "inprocess.py"), *args],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def batch(work: Path, sg: list[str], count: int, repeats: int) -> dict[str, Any]:
    """Render ``count`` briefs from one folder on all cores (and once with --jobs 1)."""
    folder = work / "briefs"
    folder.mkdir()
    text = MODEL.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"unit{i:04d}.yaml").write_text(
            text.replace("某某市某某局", f"某某市第{i + 1}分局"), encoding="utf-8"
        )
    walls, inner = [], []
    for k in range(repeats):
        wall, err = time_once([*sg, "render", str(folder), "-o", f"{work / f'out{k}'}/"], cwd=work)
        walls.append(wall)
        found = re.search(r"用时 ([0-9.]+) 秒", err)
        if found:
            inner.append(float(found.group(1)))
    serial, _ = time_once(
        [*sg, "render", str(folder), "--jobs", "1", "-o", f"{work / 'serial'}/"], cwd=work
    )
    wall = statistics.median(walls)
    return {
        "briefs": count,
        "wall_s": wall,
        "docs_per_s": count / wall,
        "docs_per_s_after_startup": count / statistics.median(inner) if inner else None,
        "jobs1_docs_per_s": count / serial,
    }


def child_peak_mib(command: list[str], cwd: Path) -> float | None:
    """Peak RSS of ``command`` as a child process, in MiB (POSIX only)."""
    if sys.platform == "win32":
        return None
    proc = subprocess.run(
        [sys.executable, "-c", CHILD_RSS, *command],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(proc.stdout.strip())


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Run every benchmark; return the figures."""
    sg = speechgen_command()
    runs = 5 if args.quick else 20
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cores": _cores(),
            "hyperfine": have_hyperfine(),
        },
    }
    with tempfile.TemporaryDirectory(prefix="speechgen-bench-") as tmp:
        work = Path(tmp)
        files = prepare(work, sg)
        results["inputs"] = inputs(files)
        commands = cold_commands(work, sg, files)
        print("· 冷启动计时 (cold, whole process) …", file=sys.stderr)
        results["cold_ms"] = {
            n: t.ms for n, t in time_commands(commands, cwd=work, runs=runs).items()
        }
        print("· 进程内计时 (in-process) …", file=sys.stderr)
        results["inprocess"] = inprocess(
            "time", str(files["brief"]), "100" if args.quick else "300"
        )
        results["naive_inprocess"] = inprocess(
            "naive", str(files["brief"]), str(files["tpl"]), "20" if args.quick else "50"
        )
        print(f"· 批量 {args.batch} 份 (batch) …", file=sys.stderr)
        results["batch"] = batch(work, sg, args.batch, 1 if args.quick else 3)
        results["verify"] = verify_scaling()
        print("· 内存 (memory) …", file=sys.stderr)
        results["peak_mib"] = {
            n: child_peak_mib(c, work) for n, c in commands.items() if n != "speechgen --help"
        }
        results["memory_1000"] = inprocess(
            "memory", str(files["brief"]), "200" if args.quick else "1000"
        )
    return results


def _cores() -> int:
    import os

    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def verdicts(r: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """Rows of (what, measured, target, met) for the report."""
    cold = r["cold_ms"]
    sg = cold["speechgen render"]
    pandoc = cold.get("pandoc")
    mem = r["memory_1000"]["rss_mib"]
    rows: list[tuple[str, str, str, bool | None]] = []
    if pandoc:
        rows.append(
            (
                "冷启动 render ÷ pandoc (cold render vs pandoc)",
                f"{sg:.0f} ms ÷ {pandoc:.0f} ms = {sg / pandoc:.2f}×",
                "≤ 3×",
                sg / pandoc <= 3,
            )
        )
    naive = cold["naive docxtpl"]
    rows.append(
        (
            "冷启动 render ÷ 朴素 docxtpl (vs naive docxtpl)",
            f"{sg:.0f} ms ÷ {naive:.0f} ms = {sg / naive:.2f}×",
            "< 1×",
            sg < naive,
        )
    )
    rows.append(
        (
            "speechgen --help",
            f"{cold['speechgen --help']:.0f} ms",
            "≤ 100 ms",
            cold["speechgen --help"] <= 100,
        )
    )
    ip = r["inprocess"]
    rows.append(
        (
            "进程内每份 (in-process per document)",
            f"{ip['median_ms']:.2f} ms（生成 build {ip['build_median_ms']:.2f} + 写 docx {ip['docx_median_ms']:.2f}）",
            "≤ 10 ms",
            ip["median_ms"] <= 10,
        )
    )
    rows.append(
        (
            "朴素 docxtpl 进程内每份 (naive docxtpl in-process)",
            f"{r['naive_inprocess']['median_ms']:.2f} ms",
            "—",
            None,
        )
    )
    b = r["batch"]
    after = (
        f"，除去启动 {b['docs_per_s_after_startup']:.0f} 份/秒"
        if b["docs_per_s_after_startup"]
        else ""
    )
    rows.append(
        (
            f"批量 {b['briefs']} 份、{r['machine']['cores']} 核 (batch, all cores)",
            f"{b['docs_per_s']:.0f} 份/秒{after}；--jobs 1：{b['jobs1_docs_per_s']:.0f} 份/秒",
            "≥ 300 份/秒",
            b["docs_per_s"] >= 300,
        )
    )
    v = r["verify"]
    rows.append(
        (
            f"生成后校验 {v['measures']} 项举措的稿子 (post-render verification)",
            f"{v['median_ms']:.1f} ms",
            "线性 linear",
            None,
        )
    )
    peaks = r["peak_mib"]
    if peaks.get("speechgen render") is not None:
        others = "，".join(
            f"{n} {v:.0f}" for n, v in peaks.items() if n != "speechgen render" and v is not None
        )
        rows.append(
            (
                "单次 render 峰值内存 (peak RSS of one render)",
                f"{peaks['speechgen render']:.0f} MiB（{others} MiB）",
                "≤ 60 MiB",
                peaks["speechgen render"] <= 60,
            )
        )
    n = r["memory_1000"]["renders"]
    if mem.get(str(n)) is not None and mem.get("100") is not None:
        growth = mem[str(n)] - mem["100"]
        rows.append(
            (
                f"{n} 次进程内 render 的内存 (RSS across {n} renders)",
                f"第1次 {mem['1']:.1f} → 第100次 {mem['100']:.1f} → 第{n}次 {mem[str(n)]:.1f} MiB（增长 {growth:+.1f}）",
                "平稳 flat (≤ +2 MiB)",
                growth <= 2,
            )
        )
    return rows


def print_report(r: dict[str, Any]) -> None:
    """Print the figures and which targets were met."""
    m = r["machine"]
    print(
        f"\nspeechgen 性能基准 (benchmarks) — Python {m['python']}, {m['cores']} 核 cores, "
        f"{'hyperfine' if m['hyperfine'] else '重复计时取中位数 (median of repeated runs)'}"
    )
    print(
        "冷启动中位数 (cold medians): "
        + "，".join(f"{n} {v:.0f} ms" for n, v in r["cold_ms"].items())
    )
    for name, what in r["inputs"].items():
        print(f"  输入 input · {name}: {what}")
    for what, measured, target, met in verdicts(r):
        mark = "—" if met is None else ("达标 met" if met else "未达标 NOT met")
        print(f"  {what}\n      {measured}    目标 target {target}    {mark}")


def main() -> None:
    """Parse options, measure, report."""
    parser = argparse.ArgumentParser(description="speechgen benchmarks (see docs/performance.md)")
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs (a rough figure in about 20 s)"
    )
    parser.add_argument(
        "--batch", type=int, default=1000, help="briefs in the batch benchmark (default 1000)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    results = measure(args)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
