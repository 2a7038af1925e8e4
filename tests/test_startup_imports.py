"""A single render starts lean: no process pool machinery, no package-metadata scan.

Measured in a fresh interpreter running the console entry point (the way a writer runs
it); what it imports is asserted, never how long it takes (see benchmarks/).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import write_brief

PROBE = """
import json, os, sys
from speechgen.cli import app as cli
leave = os._exit
def report(code):
    names = ("multiprocessing", "concurrent.futures", "importlib.metadata", "rjieba")
    print(json.dumps([n for n in names if n in sys.modules]))
    sys.stdout.flush()
    leave(code)
os._exit = report
sys.argv = ["speechgen", "render", sys.argv[1], "--force"]
cli.main()
"""


def test_one_render_imports_no_pool_and_no_package_metadata(tmp_path: Path) -> None:
    brief = write_brief(
        tmp_path,
        "meeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n  speaker: 王建国\n",
    )
    env = dict(os.environ, SPEECHGEN_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(brief)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert brief.with_suffix(".docx").is_file()
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
