"""Load test of the browser workspace (``speechgen serve``): preview latency and 20 writers.

Starts ``speechgen serve`` (the real command, uvicorn) on 127.0.0.1 over a temporary
folder, then measures:

1. preview latency of one 10-measure brief, requested one after another;
2. ``--writers`` simulated writers (default 20) for ``--seconds`` (default 60), each on
   its own brief, each second saving a field change and then requesting a preview.
   The loop is bounded: it stops by itself when the time is up.

Prints p50 / p95 / max per request kind and the errors. Figures are reported, never
asserted. Run with the Python speechgen is installed in (needs httpx, the test extra)::

    python benchmarks/serve_load.py            # 60 s
    python benchmarks/serve_load.py --seconds 10 --writers 5 --json result.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

MEASURES = 10


def brief_text(measures: int = MEASURES) -> str:
    """A brief with a falling ranking and ``measures`` measures of two points each."""
    lines = [
        "template: situation",
        "meeting:",
        "  name: 全市形势分析会",
        "  organization: 滨江市税务局",
        "  date: 2026-05-10",
        "  speaker: 王建国",
        "  minutes: 25",
        "ranking:",
        "  assessment: 全省系统绩效考核",
        "  previous: 3",
        "  current: 9",
        "  total: 13",
        "strengths: [征管质效模块名列前茅]",
        "weaknesses: [基层活力不足]",
        "measures:",
    ]
    for i in range(1, measures + 1):
        lines += [
            f"  - title: 第{i}项举措要抓出实效",
            "    points:",
            f"      - 第{i}项举措的第一条要求",
            f"      - 第{i}项举措的第二条要求",
            "    owner: 办公室",
            "    deadline: 6月底前",
        ]
    return "\n".join(lines) + "\n"


def form_data(name: str) -> dict[str, Any]:
    """What the page sends after the writer edited the meeting name."""
    return {"meeting": {"name": name}}


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0–1) of ``values``, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    """Count, p50, p95 and max in milliseconds."""
    return {
        "count": len(values),
        "p50_ms": round(statistics.median(values) * 1000, 1) if values else float("nan"),
        "p95_ms": round(percentile(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1) if values else float("nan"),
    }


def start_server(folder: Path, port: int) -> tuple[subprocess.Popen[str], str]:
    """Start ``speechgen serve`` and return the process and its address with the token."""
    script = Path(sys.executable).with_name("speechgen")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "speechgen"]
    proc = subprocess.Popen(
        [*command, "serve", str(folder), "--no-browser", "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8",
    )  # fmt: skip
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if found:
            return proc, found.group(1)
        if proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("speechgen serve did not start")


async def wait_ready(address: str) -> None:
    """Wait until the server answers."""
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            try:
                await client.get(address.split("?")[0])
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)


async def signed_in(address: str) -> tuple[httpx.AsyncClient, str]:
    """A client with a session (token presented once) and its CSRF token."""
    client = httpx.AsyncClient(timeout=30, follow_redirects=True)
    page = await client.get(address)
    csrf = re.search(r'name="csrf" content="([^"]+)"', page.text)
    if csrf is None:
        raise SystemExit("could not sign in with the token")
    return client, csrf.group(1)


async def base_of(client: httpx.AsyncClient, root: str, name: str) -> str:
    """The version the editor of ``name`` starts from."""
    page = await client.get(f"{root}/b/{name}")
    return re.search(r'data-base="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


async def preview_latency(address: str, root: str, rounds: int) -> list[float]:
    """Latencies of ``rounds`` previews of the 10-measure brief, one after another."""
    client, csrf = await signed_in(address)
    timings = []
    try:
        for i in range(rounds + 3):
            started = time.perf_counter()
            response = await client.post(
                f"{root}/api/preview",
                json={"name": "writer-00.yaml", "data": form_data(f"全市形势分析会{i}")},
                headers={"X-CSRF-Token": csrf},
            )
            elapsed = time.perf_counter() - started
            if response.status_code != 200 or not response.json().get("ok"):
                raise SystemExit(f"preview failed: {response.status_code} {response.text[:200]}")
            if i >= 3:  # warm-up rounds are not counted
                timings.append(elapsed)
    finally:
        await client.aclose()
    return timings


async def writer(index: int, address: str, root: str, until: float, out: dict[str, Any]) -> None:
    """One writer: each second save a changed field, then ask for a preview."""
    name = f"writer-{index:02d}.yaml"
    client, csrf = await signed_in(address)
    headers = {"X-CSRF-Token": csrf}
    try:
        base = await base_of(client, root, name)
        tick = 0
        while time.monotonic() < until:
            started_tick = time.monotonic()
            tick += 1
            data = form_data(f"全市形势分析会第{tick}稿")
            for kind, url, body in (
                ("save", "/api/save", {"name": name, "data": data, "base": base}),
                ("preview", "/api/preview", {"name": name, "data": data}),
            ):
                started = time.perf_counter()
                try:
                    response = await client.post(root + url, json=body, headers=headers)
                    result = response.json()
                    ok = response.status_code == 200 and result.get("ok")
                except (httpx.HTTPError, ValueError) as exc:
                    ok, result = False, {"error": repr(exc)}
                out[kind].append(time.perf_counter() - started)
                if not ok:
                    out["errors"].append(f"{kind} {name}: {str(result)[:160]}")
                elif kind == "save":
                    base = result["version"]
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - started_tick)))
    finally:
        await client.aclose()


async def load(address: str, root: str, writers: int, seconds: float) -> dict[str, Any]:
    """Run ``writers`` writers for ``seconds``; return their latencies and errors."""
    out: dict[str, Any] = {"save": [], "preview": [], "errors": []}
    until = time.monotonic() + seconds
    await asyncio.gather(*(writer(i, address, root, until, out) for i in range(writers)))
    return out


def main() -> None:
    """Parse options, run both measurements, print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=50, help="sequential previews to time")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="speechgen-serve-load-"))
    for i in range(max(args.writers, 1)):
        (folder / f"writer-{i:02d}.yaml").write_text(brief_text(), encoding="utf-8")
    proc, address = start_server(folder, args.port)
    root = address.split("/?")[0]
    try:
        asyncio.run(wait_ready(address))
        single = asyncio.run(preview_latency(address, root, args.rounds))
        result = asyncio.run(load(address, root, args.writers, args.seconds))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(folder, ignore_errors=True)
    figures = {
        "cpu_count": os.cpu_count(),
        "preview_10_measures": summary(single),
        "writers": args.writers,
        "seconds": args.seconds,
        "load_save": summary(result["save"]),
        "load_preview": summary(result["preview"]),
        "load_all": summary(result["save"] + result["preview"]),
        "errors": len(result["errors"]),
        "error_samples": result["errors"][:5],
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
