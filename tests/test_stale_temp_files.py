"""A killed render leaves no temp file behind for long: the next write removes it (issue 15, item 6)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from speechgen.safewrite import PAUSE_ENV, STALE_SECONDS, atomic_write, remove_stale_temp_files

from helpers import BRIEF, REPO


def _temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".speechgen-*.tmp"))


def _start_render(folder: Path, pause: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), PAUSE_ENV: pause, "SPEECHGEN_NO_CACHE": "1"}
    return subprocess.Popen([sys.executable, "-m", "speechgen", "render", "brief.yaml", "--no-check"],
                            cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def test_a_render_killed_before_its_rename_leaves_nothing_after_the_next_write(
    tmp_path: Path,
) -> None:
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    proc = _start_render(tmp_path, "60")
    try:
        for _ in range(600):  # wait for the temp file (the render then sleeps before the rename)
            if _temp_files(tmp_path) or proc.poll() is not None:
                break
            time.sleep(0.1)
        left = _temp_files(tmp_path)
        assert left, "the render never wrote its temp file"
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert _temp_files(tmp_path) == left  # the kill left it behind
    assert not (tmp_path / "brief.docx").exists()
    again = _start_render(tmp_path, "0")
    assert again.wait(timeout=120) == 0
    assert _temp_files(tmp_path) == []
    assert (tmp_path / "brief.docx").is_file()


def test_only_stale_files_of_speechgens_naming_are_removed(tmp_path: Path) -> None:
    mine = tmp_path / f".speechgen-{os.getpid()}-abc123.tmp"  # a write still running
    old = tmp_path / ".speechgen-k2j3h4.tmp"  # an older build's naming, 20 minutes old
    fresh_old_style = tmp_path / ".speechgen-zz9.tmp"
    notes = tmp_path / ".speechgen-notes.txt"
    other = tmp_path / "稿.tmp"
    for path in (mine, old, fresh_old_style, notes, other):
        path.write_bytes(b"x")
    stamp = time.time() - STALE_SECONDS - 60
    os.utime(old, (stamp, stamp))
    assert remove_stale_temp_files(tmp_path) == [old]
    assert all(p.exists() for p in (mine, fresh_old_style, notes, other))


def test_atomic_write_cleans_up_before_writing(tmp_path: Path) -> None:
    dead = tmp_path / ".speechgen-999999999-x1.tmp"  # no such process
    dead.write_bytes(b"half a draft")
    atomic_write(tmp_path / "out.md", b"text")
    assert not dead.exists() and _temp_files(tmp_path) == []
