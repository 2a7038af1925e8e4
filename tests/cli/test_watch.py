"""``render --watch``: re-render on changes to the brief or the template, survive errors, stop cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from speechgen.cli.jobs import plan
from speechgen.cli.render import RenderOptions
from speechgen.cli.watch import changed_files, dependencies, snapshot, watch_render
from speechgen.facade import RenderSettings

from helpers import FULL_BRIEF, write_brief

MANIFEST = """\
name: mine
cn_name: 测试模板
description: 监视测试用的最小模板
entry: speech.j2
profile: speech
"""

TEMPLATE = """\
= {{ meeting.title }}
> 同志们：
开场白：第一版。
"""


class Watcher:
    """Run ``watch_render`` in a thread, collecting its messages."""

    def __init__(self, brief: Path, settings: RenderSettings, fmt: str = "md") -> None:
        self.messages: list[str] = []
        self.stop = threading.Event()
        self.code: int | None = None
        planned = plan([brief], None, fmt)
        options = RenderOptions(fmt=fmt, check=False)

        def run() -> None:
            self.code = watch_render(
                planned, settings, options, out=self.messages.append, interval=0.02, stop=self.stop
            )

        self.thread = threading.Thread(target=run, daemon=True)

    def __enter__(self) -> Watcher:
        self.thread.start()
        wait_for(lambda: any("正在监视" in m for m in self.messages))
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)

    def count(self, text: str) -> int:
        """How many messages contain ``text``."""
        return sum(text in m for m in self.messages)


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            pytest.fail("condition not reached in time")
        time.sleep(0.02)


def read(path: Path) -> str:
    """The file's text, or '' while it is being replaced."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` and move its mtime forward, so coarse file-system clocks see a change."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_rerenders_after_the_brief_changes(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    output = brief.with_suffix(".md")
    with Watcher(brief, RenderSettings()) as w:
        assert "全市形势分析会" in read(output)
        touch_later(brief, FULL_BRIEF.replace("全市形势分析会", "全区形势分析会"))
        wait_for(lambda: "全区形势分析会" in read(output))
        assert w.count("检测到改动：brief.yaml") == 1
    assert w.code == 0
    assert w.messages[-1] == "已停止监视"


def test_an_error_is_reported_and_watching_goes_on(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    output = brief.with_suffix(".md")
    with Watcher(brief, RenderSettings()) as w:
        touch_later(brief, FULL_BRIEF + "bogus: 1\n")
        wait_for(lambda: w.count("bogus") > 0)
        assert "全市形势分析会" in read(output)
        fixed = FULL_BRIEF.replace("全市形势分析会", "全区形势分析会")
        brief.write_text(fixed, encoding="utf-8")
        st = brief.stat()
        os.utime(brief, ns=(st.st_atime_ns, st.st_mtime_ns + 4_000_000_000))
        wait_for(lambda: "全区形势分析会" in read(output))
    assert w.code == 0


def test_rerenders_after_the_template_changes(tmp_path: Path) -> None:
    folder = tmp_path / "tpl" / "mine"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "speech.j2").write_text(TEMPLATE, encoding="utf-8")
    brief = write_brief(tmp_path, "template: mine\n" + FULL_BRIEF)
    settings = RenderSettings(template_dirs=[tmp_path / "tpl"])
    output = brief.with_suffix(".md")
    assert folder / "speech.j2" in dependencies(plan([brief], None, "md")[0], settings)
    with Watcher(brief, settings) as w:
        assert "第一版" in read(output)
        touch_later(folder / "speech.j2", TEMPLATE.replace("第一版", "第二版"))
        wait_for(lambda: "第二版" in read(output))
        assert w.count("检测到改动：speech.j2") == 1


def test_stops_after_max_cycles_without_rendering_again(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    messages: list[str] = []
    code = watch_render(
        plan([brief], None, "md"),
        RenderSettings(),
        RenderOptions(fmt="md", check=False),
        out=messages.append,
        interval=0.01,
        max_cycles=3,
    )
    assert code == 0
    assert sum("已生成" in m for m in messages) == 1
    assert not any("检测到改动" in m for m in messages)


def test_snapshot_sees_new_changed_and_removed_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("1", encoding="utf-8")
    before = snapshot([a, b])
    assert before[b] is None
    b.write_text("2", encoding="utf-8")
    a.unlink()
    assert sorted(changed_files(before, snapshot([a, b]))) == [a, b]
    assert changed_files(snapshot([a, b]), snapshot([a, b])) == []


@pytest.mark.skipif(
    sys.platform == "win32", reason="sends SIGINT, which Windows consoles deliver differently"
)
def test_ctrl_c_ends_the_command_with_exit_0(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    proc = subprocess.Popen(
        [sys.executable, "-m", "speechgen", "render", "--watch", "--format", "md", str(brief)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "正在监视" in line:
            break
    proc.send_signal(signal.SIGINT)
    _out, rest = proc.communicate(timeout=20)
    assert proc.returncode == 0, "".join(lines) + rest
    assert "已停止监视" in rest
    assert brief.with_suffix(".md").is_file()


def test_a_text_output_the_writer_edited_stays_protected(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    output = brief.with_suffix(".md")
    with Watcher(brief, RenderSettings()) as w:
        output.write_text("我自己改过的稿子", encoding="utf-8")
        touch_later(brief, FULL_BRIEF.replace("全市形势分析会", "全区形势分析会"))
        wait_for(lambda: w.count("没有覆盖") > 0)
    assert output.read_text(encoding="utf-8") == "我自己改过的稿子"
