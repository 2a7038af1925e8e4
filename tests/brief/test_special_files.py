"""Special files (FIFOs, devices) and files that grow are refused, never read without end (issue 15, item 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from speechgen.brief.files import read_user_file
from speechgen.errors import UserError

from helpers import BRIEF, run_bounded

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture
def fifo(tmp_path: Path):
    """A FIFO named like a file a writer would give (nobody ever writes to it)."""

    def make(name: str) -> Path:
        path = tmp_path / name
        os.mkfifo(path)
        return path

    return make


def _refused(run, *words: str) -> None:
    assert run.code == 2, run.output
    assert "Traceback" not in run.output
    for word in words:
        assert word in run.stderr, (word, run.stderr)


@posix_only
def test_fifo_as_brief_is_refused_without_hanging(tmp_path: Path, fifo) -> None:
    brief = fifo("brief.yaml")
    _refused(run_bounded("render", brief, cwd=tmp_path, timeout=60), "管道", "brief.yaml")
    assert not (tmp_path / "brief.docx").exists()


@posix_only
@pytest.mark.parametrize("name", ["稿.docx", "稿.txt", "简报.yaml"])
def test_fifo_given_to_check_is_refused(tmp_path: Path, fifo, name: str) -> None:
    target = fifo(name)
    _refused(run_bounded("check", target, cwd=tmp_path, timeout=60), "管道")


@posix_only
def test_fifo_as_check_config_is_refused(tmp_path: Path, fifo) -> None:
    (tmp_path / "稿.txt").write_text("同志们：\n", encoding="utf-8")
    config = fifo("check.yaml")
    run = run_bounded("check", "稿.txt", "--config", config, cwd=tmp_path, timeout=60)
    _refused(run, "管道", "check.yaml")


@posix_only
def test_fifo_as_check_brief_is_refused(tmp_path: Path, fifo) -> None:
    (tmp_path / "稿.txt").write_text("同志们：\n", encoding="utf-8")
    brief = fifo("brief.yaml")
    _refused(run_bounded("check", "稿.txt", "--brief", brief, cwd=tmp_path, timeout=60), "管道")


@posix_only
def test_fifo_as_shell_and_output_are_refused(tmp_path: Path, fifo) -> None:
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    shell = fifo("外壳.docx")
    _refused(
        run_bounded("render", "brief.yaml", "--shell", shell, cwd=tmp_path, timeout=60), "管道"
    )
    out = fifo("out.docx")
    _refused(
        run_bounded("render", "brief.yaml", "-o", out, cwd=tmp_path, timeout=60), "不是普通文件"
    )


@posix_only
def test_fifo_inside_a_template_folder_is_refused(tmp_path: Path, fifo) -> None:
    folder = tmp_path / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("name: mine\nextends: base\n", encoding="utf-8")
    os.mkfifo(folder / "speech.j2")
    (tmp_path / "brief.yaml").write_text("template: mine\n" + BRIEF, encoding="utf-8")
    _refused(run_bounded("render", "brief.yaml", cwd=tmp_path, timeout=60), "管道", "speech.j2")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_refused_as_brief_check_file_and_config(tmp_path: Path, device: str) -> None:
    _refused(run_bounded("render", device, cwd=tmp_path, timeout=60), "设备文件")
    _refused(run_bounded("check", device, cwd=tmp_path, timeout=60), "设备文件")
    (tmp_path / "稿.txt").write_text("同志们：\n", encoding="utf-8")
    _refused(
        run_bounded("check", "稿.txt", "--config", device, cwd=tmp_path, timeout=60), "设备文件"
    )
    _refused(
        run_bounded("check", "稿.txt", "--brief", device, cwd=tmp_path, timeout=60), "设备文件"
    )


def test_size_cap_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size says small but which delivers more is cut off at the limit, not read to its end."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 10)
    served = []
    real_read = os.read

    def endless(fd: int, n: int) -> bytes:
        data = real_read(fd, n) or b"y" * n  # keeps delivering after the real end
        served.append(len(data))
        return data

    monkeypatch.setattr(os, "read", endless)
    with pytest.raises(UserError, match="超过上限"):
        read_user_file(path, shown="grows.yaml", noun="简报文件", limit=1_000_000)
    assert sum(served) <= 1_000_000 + (1 << 16)
