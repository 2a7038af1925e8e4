"""Every command survives a GBK console (Chinese Windows), stdout redirected or not (issue 15, item 7)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from speechgen import console

from helpers import BRIEF, run_bounded

GBK = {"PYTHONIOENCODING": "gbk"}
# A brief whose text GBK cannot show (an emoji, a non-breaking space), with findings for check.
BRIEF_GBK = BRIEF.replace("形势分析会", "形势分析会🎤\u00a0") + "  speaker: 某某\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "brief.yaml").write_text(BRIEF_GBK, encoding="utf-8")
    run = run_bounded("render", "brief.yaml", "--no-check", cwd=tmp_path)
    assert run.code == 0, run.output
    return tmp_path


def _gbk_run(folder: Path, *args: str):
    run = run_bounded(*args, cwd=folder, env=GBK)
    assert "Traceback" not in run.output and "内部错误" not in run.output, run.output
    assert run.code in (0, 1), run.output
    return run


def test_check_of_a_docx_with_findings_on_a_gbk_console(folder: Path) -> None:
    run = _gbk_run(folder, "check", "brief.docx")
    assert run.code == 1  # 某某 is a leftover placeholder, reported at a ¶ location


def _utf8(folder: Path, *args: str) -> str:
    """stdout of a GBK-console run read back as UTF-8."""
    import subprocess

    from helpers import REPO

    env = {"PYTHONPATH": str(REPO), "PYTHONIOENCODING": "gbk", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "speechgen", *args], cwd=folder, env=env,
                          capture_output=True, timeout=120)  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr.decode("gbk", "replace")
    return proc.stdout.decode("utf-8")


def test_redirected_reports_are_whole_utf8(folder: Path) -> None:
    text = _utf8(folder, "check", "brief.docx")
    assert "¶" in text and "某某" in text
    payload = json.loads(_utf8(folder, "check", "brief.docx", "--format", "json"))
    assert payload["files"]
    speech = _utf8(folder, "render", "brief.yaml", "-f", "md", "-o", "-", "--no-check")
    assert "🎤" in speech


@pytest.mark.parametrize(
    "args",
    [
        ("render", "brief.yaml", "-o", "again.docx"),
        ("render", "brief.yaml", "-f", "txt", "-o", "-"),
        ("check", "brief.yaml"),
        ("check", "brief.docx", "--format", "json"),
        ("new", "-o", "新简报.yaml"),
        ("schema",),
        ("templates",),
        ("templates", "show", "situation"),
        ("templates", "lint", "templates_missing"),
        ("--help",),
        ("render", "--help"),
        ("check", "--help"),
        ("templates", "--help"),
    ],
)
def test_every_command_runs_on_a_gbk_console(folder: Path, args: tuple[str, ...]) -> None:
    run = run_bounded(*args, cwd=folder, env=GBK)
    assert "Traceback" not in run.output and "内部错误" not in run.output, run.output
    assert run.code in (0, 1, 2), run.output


class _GbkTerminal(io.TextIOWrapper):
    """A Chinese Windows console window: GBK, strict, a terminal."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="gbk", errors="strict")

    def isatty(self) -> bool:
        return True

    def shown(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("gbk")  # type: ignore[attr-defined]


def test_terminal_output_uses_stand_ins_and_hints_once(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal, errors = _GbkTerminal(), _GbkTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stderr", errors)
    monkeypatch.setitem(console._state, "hinted", False)
    console.echo_out("稿.docx:¶3「某某」 🎤\n")
    console.echo_out("稿.docx:¶4「某某」\n")
    assert terminal.shown() == "稿.docx:§3「某某」 ?\n稿.docx:§4「某某」\n"
    assert errors.shown().count("提示") == 1
