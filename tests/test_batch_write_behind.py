"""Batches write each draft in a background thread while the next renders, as safely as before."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from speechgen import safewrite
from tests.helpers import write_brief

BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市第{n}税务分局
  speaker: 王建国
strengths: [征管质效模块名列前茅]
"""


def briefs(folder: Path, count: int) -> list[Path]:
    """``count`` valid briefs in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_brief(folder, BRIEF.replace("{n}", str(i)), f"unit{i}.yaml") for i in range(count)
    ]


def test_writes_run_behind_the_rendering_in_their_own_thread(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = safewrite.safe_write

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(safewrite, "safe_write", recording)
    folder = tmp_path / "briefs"
    briefs(folder, 4)
    result = invoke("render", folder, "--jobs", "1", "-o", f"{tmp_path / 'out'}/")
    assert result.exit_code == 0, result.stderr
    assert len(threads) == 4 and all(name.startswith("speechgen-write") for name in threads)
    for line in result.stderr.splitlines():  # reported written only once it is on disk
        if line.startswith("已生成 "):
            assert Path(line.removeprefix("已生成 ")).is_file()
    assert len(list((tmp_path / "out").glob("*.docx"))) == 4


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_refused_write_is_still_reported_with_its_code(invoke, tmp_path: Path, jobs) -> None:
    folder = tmp_path / "briefs"
    briefs(folder, 5)
    out = tmp_path / "out"
    out.mkdir()
    (out / "unit2.docx").write_bytes(b"a file a person made")
    result = invoke("render", folder, "--jobs", jobs, "-o", f"{out}/")
    assert result.exit_code == 3
    assert (out / "unit2.docx").read_bytes() == b"a file a person made"
    assert f"已生成 {out / 'unit2.docx'}" not in result.stderr
    assert sum(1 for p in out.glob("*.docx")) == 5
    assert "共 5 份：成功 4，失败 1" in result.stderr
    refused = [ln for ln in result.stderr.splitlines() if "unit2.docx" in ln]
    assert refused and not any(ln.startswith("检查：") for ln in refused)
