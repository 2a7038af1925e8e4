"""Batch rendering: many briefs, parallel workers, isolation of failures, exit codes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from speechgen.cli import batch
from speechgen.cli.batch import BatchSummary, render_all, worker_count
from speechgen.cli.jobs import plan
from speechgen.cli.render import RenderOptions
from speechgen.facade import RenderSettings

from helpers import FULL_BRIEF, MINIMAL_BRIEF, docx_texts, write_brief

BROKEN_BRIEF = """\
meeting:
  name: 全市形势分析会
  bogus: 1
"""


def _briefs(folder: Path, count: int) -> list[Path]:
    """``count`` valid briefs in ``folder`` that differ in their organisation (and so in
    the meeting's name, which the title says: 在第2税务分局形势分析会上的讲话)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = FULL_BRIEF.replace("滨江市税务局", "滨江市第{n}税务分局").replace(
        "全市形势分析会", "第{n}税务分局形势分析会"
    )
    return [
        write_brief(folder, text.replace("{n}", str(i)), f"unit{i}.yaml")
        for i in range(1, count + 1)
    ]


def test_folder_batch_with_a_broken_brief_renders_the_rest_and_exits_2(
    invoke, tmp_path: Path
) -> None:
    briefs = tmp_path / "briefs"
    _briefs(briefs, 3)
    write_brief(briefs, BROKEN_BRIEF, "broken.yaml")
    out = tmp_path / "out"
    result = invoke("render", briefs, "-o", f"{out}/")
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["unit1.docx", "unit2.docx", "unit3.docx"]
    assert "broken.yaml" in result.stderr and "bogus" in result.stderr
    assert "共 4 份：成功 3，失败 1" in result.stderr
    assert "第2税务分局形势分析会" in "".join(docx_texts(out / "unit2.docx"))
    assert result.stdout == ""


def test_batch_exit_code_is_the_highest_of_all_briefs(invoke, tmp_path: Path) -> None:
    good, other = _briefs(tmp_path, 2)
    write_brief(tmp_path, BROKEN_BRIEF, "broken.yaml")
    other.with_suffix(".docx").write_bytes(b"a file speechgen did not write")
    result = invoke("render", good, other, tmp_path / "broken.yaml")
    assert result.exit_code == 3
    assert good.with_suffix(".docx").is_file()
    assert other.with_suffix(".docx").read_bytes() == b"a file speechgen did not write"
    assert "共 3 份：成功 1，失败 2" in result.stderr


def test_collision_is_refused_before_anything_is_written(invoke, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_brief(tmp_path / "a", MINIMAL_BRIEF)
    b = write_brief(tmp_path / "b", MINIMAL_BRIEF)
    good = _briefs(tmp_path / "c", 1)[0]
    out = tmp_path / "out"
    result = invoke("render", good, a, b, "-o", f"{out}/")
    assert result.exit_code == 2
    assert "同一个文件" in result.stderr
    assert not out.exists()


def test_jobs_1_and_parallel_produce_the_same_documents(invoke, tmp_path: Path) -> None:
    briefs = _briefs(tmp_path / "briefs", 4)
    one, many = tmp_path / "one", tmp_path / "many"
    assert invoke("render", *briefs, "--jobs", "1", "-o", f"{one}/").exit_code == 0
    assert invoke("render", *briefs, "--jobs", "2", "-o", f"{many}/").exit_code == 0
    for brief in briefs:
        name = brief.stem + ".docx"
        texts = docx_texts(one / name)
        assert texts == docx_texts(many / name)
        assert any(f"第{brief.stem.removeprefix('unit')}税务分局形势分析会" in t for t in texts)


def test_spawned_workers_render_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start method used on Windows and macOS: functions and results must pickle."""
    monkeypatch.setattr(batch, "start_method", lambda: "spawn")
    briefs = _briefs(tmp_path, 2)
    write_brief(tmp_path, BROKEN_BRIEF, "broken.yaml")
    planned = plan([*briefs, tmp_path / "broken.yaml"], None, "docx")
    results = render_all(planned, RenderSettings(), RenderOptions(check=False), jobs=2)
    assert [r.exit_code for r in results] == [0, 0, 2]
    assert [r.brief for r in results] == [j.brief for j in planned]
    assert "第1税务分局形势分析会" in "".join(docx_texts(briefs[0].with_suffix(".docx")))


def test_unexpected_error_in_one_brief_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = _briefs(tmp_path, 3)
    from speechgen.cli import render

    real = render.render_job

    def flaky(job, settings, options, *rest):
        if job.brief.name == "unit2.yaml":
            raise RuntimeError("boom")
        return real(job, settings, options, *rest)

    monkeypatch.setattr(render, "render_job", flaky)
    results = render_all(
        plan(briefs, None, "docx"), RenderSettings(), RenderOptions(check=False), jobs=1
    )
    assert [r.exit_code for r in results] == [0, 5, 0]
    assert "内部错误" in results[1].messages[0] and "boom" in results[1].messages[0]
    assert briefs[2].with_suffix(".docx").is_file()


def test_progress_bar_only_on_a_stream_and_for_several_briefs(tmp_path: Path) -> None:
    briefs = _briefs(tmp_path, 2)
    stream = io.StringIO()
    render_all(
        plan(briefs, None, "md"),
        RenderSettings(),
        RenderOptions(fmt="md", check=False),
        jobs=1,
        progress=stream,
    )
    assert "2/2" in stream.getvalue()
    single = io.StringIO()
    render_all(
        plan(briefs[:1], None, "md"),
        RenderSettings(),
        RenderOptions(fmt="md", check=False),
        progress=single,
    )
    assert single.getvalue() == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(invoke, tmp_path: Path) -> None:
    briefs = _briefs(tmp_path, 2)
    result = invoke("render", *briefs, "--format", "md")
    assert result.exit_code == 0
    assert "\r" not in result.stderr
    assert "共 2 份：成功 2，失败 0" in result.stderr


def test_single_brief_prints_no_summary_line(invoke, tmp_path: Path) -> None:
    brief = _briefs(tmp_path, 1)[0]
    result = invoke("render", brief, "--format", "md", "-o", "-")
    assert result.exit_code == 0
    assert "第1税务分局形势分析会" in result.stdout
    assert "共 1 份" not in result.stderr


def test_worker_count() -> None:
    assert worker_count(1, 50, "fork") == 1
    assert worker_count(8, 3, "fork") == 3
    assert worker_count(None, 1, "fork") == 1
    assert worker_count(None, 2, "spawn") == 1  # spawning costs more than two renders
    assert worker_count(None, 1000, "spawn") == batch.default_jobs()


def test_summary_line() -> None:
    assert BatchSummary(5, 2, 1.234).line() == "共 5 份：成功 3，失败 2，用时 1.23 秒"
