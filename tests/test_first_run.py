"""First run: the README's first example renders clean, the 某某 example says why it is not,
the missing-font hint comes once per machine, and the compiled-template cache stays small."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from speechgen.cli import render as render_cli
from speechgen.layout import fonts
from speechgen.templating.environment import prune_bytecode_cache
from tests.helpers import write_brief

REPO = Path(__file__).resolve().parent.parent


def render_example(invoke, tmp_path: Path, name: str) -> str:
    """Render a copy of ``examples/name``; return what the command printed."""
    shutil.copy(REPO / "examples" / name, tmp_path / name)
    result = invoke("render", tmp_path / name)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_the_readme_first_example_renders_with_no_findings(invoke, tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = re.search(r"speechgen render (examples/\S+\.yaml)", readme)
    assert first and first.group(1) == "examples/first_meeting.yaml"
    out = render_example(invoke, tmp_path, "first_meeting.yaml")
    assert "检查：0 个错误，0 个警告，0 条提示（" in out
    assert "某某" not in (REPO / "examples" / "first_meeting.yaml").read_text(encoding="utf-8")


def test_the_model_example_says_its_placeholders_are_kept_on_purpose(invoke, tmp_path) -> None:
    out = render_example(invoke, tmp_path, "model_meeting.yaml")
    assert "检查：0 个错误" in out
    assert re.search(r"另有 \d+ 处“某某”等占位符是简报写明有意保留的", out)


def test_an_ordinary_brief_still_counts_placeholders_as_errors(invoke, tmp_path: Path) -> None:
    brief = write_brief(
        tmp_path,
        "meeting:\n  name: 全市形势分析会\n  organization: 某某市某某局\n  speaker: 张某某\n",
    )
    out = invoke("render", brief).stderr
    assert re.search(r"检查：[1-9]\d* 个错误", out) and "有意保留" not in out


def test_the_missing_font_hint_is_shown_once_per_machine(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset())
    brief = write_brief(
        tmp_path, "meeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n"
    )
    shown = []
    for _ in range(3):
        render_cli._FONTS_WARNED.clear()  # as if each render were a new process
        result = invoke("render", brief, "--no-check", "--force")
        assert result.exit_code == 0, result.stderr
        shown.append("本机没有安装字体" in result.stderr)
    assert shown == [True, False, False]


def test_the_compiled_template_cache_is_pruned(tmp_path: Path) -> None:
    folder = tmp_path / "jinja-2.0-new"
    folder.mkdir()
    stale = tmp_path / "jinja-1.0-old"
    stale.mkdir()
    (stale / "__jinja2_x.cache").write_bytes(b"old")
    now = time.time()
    week_ago = now - 8 * 24 * 3600
    os.utime(stale, (week_ago, week_ago))
    running = tmp_path / "jinja-1.5-in-use"  # another version, used today: kept
    running.mkdir()
    (running / "__jinja2_y.cache").write_bytes(b"in use")
    (folder / "__jinja2_w.cache.abc123.tmp").write_bytes(b"being written")
    os.utime(folder / "__jinja2_w.cache.abc123.tmp", (now - 5000, now - 5000))
    for n in range(260):
        path = folder / f"__jinja2_{n:03d}.cache"
        path.write_bytes(b"x")
        os.utime(path, (now - 1000 + n, now - 1000 + n))
    prune_bytecode_cache(folder, keep=200)
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) <= 201 and "__jinja2_259.cache" in left and "__jinja2_000.cache" not in left
    assert "__jinja2_w.cache.abc123.tmp" in left
    assert not stale.exists() and (running / "__jinja2_y.cache").exists()
    prune_bytecode_cache(folder, keep=200)  # under the bound: nothing more goes
    assert sorted(p.name for p in folder.iterdir()) == left


def test_a_broken_cache_file_means_compiling_again(tmp_path: Path, monkeypatch) -> None:
    from speechgen.templating.environment import bytecode_cache

    monkeypatch.setenv("SPEECHGEN_CACHE_DIR", str(tmp_path / "cache"))
    cache = bytecode_cache()
    assert cache is not None

    class Bucket:
        key = "k"
        code = None

        def reset(self) -> None:
            self.code = None

        def load_bytecode(self, f) -> None:
            raise EOFError

        def write_bytecode(self, f) -> None:
            raise OSError("disk full")

    (Path(cache.directory) / cache.pattern.replace("%s", "k")).write_bytes(b"garbage")
    cache.load_bytecode(Bucket())  # no exception: the template is compiled again
    cache.dump_bytecode(Bucket())
