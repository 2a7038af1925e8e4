"""Safe terminal output: a console that cannot show a character never makes a message fail."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from speechgen.console import echo_err, echo_out

from helpers import MINIMAL_BRIEF


class _GbkConsole(io.TextIOWrapper):
    """A stderr like a Chinese Windows console: gbk, strict about what it can show."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="gbk", errors="strict")

    def shown(self) -> str:
        self.flush()
        return self.buffer.getvalue().decode("gbk")  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["发言人 🎤 Ünïcødé", "a\u00a0b", "控制\u2400字符", "\ud800"])
def test_echo_err_never_crashes_on_a_gbk_console(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    console = _GbkConsole()
    monkeypatch.setattr(sys, "stderr", console)
    echo_err(f"brief.yaml:1:1  meeting.name  {text}")
    shown = console.shown()
    assert shown.startswith("brief.yaml:1:1  meeting.name  ") and shown.endswith("\n")


def test_error_message_on_gbk_console_through_the_cli(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(MINIMAL_BRIEF + "  audience: 🎤\x01\u00a0\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "speechgen", "render", str(brief)],
        capture_output=True,
        env={"PYTHONIOENCODING": "gbk:strict", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert run.returncode == 2, run.stderr
    message = run.stderr.decode("gbk")
    assert "meeting.audience" in message and "U+0001" in message and "Traceback" not in message


def test_echo_err_survives_a_gbk_console(monkeypatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    monkeypatch.setattr(sys, "stderr", stream)
    echo_err("发言人 🎤 Ünïcødé\u00a0完成")
    stream.flush()
    assert raw.getvalue().decode("gbk").startswith("发言人 ? ")


def test_stdout_keeps_every_character_when_redirected_from_a_gbk_console(monkeypatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    echo_out("发言人 🎤 完成\n")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "发言人 🎤 完成\n"
