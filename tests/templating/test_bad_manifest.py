"""A broken manifest in ./templates is skipped with a warning, never blocking the others (issue 15, item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BRIEF, run_bounded


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    bad = tmp_path / "templates" / "mine"
    bad.mkdir(parents=True)
    (bad / "manifest.yaml").write_text("name：mine\nextends: base\n", encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


def _warned(run) -> None:
    assert "Traceback" not in run.output
    assert "templates/mine/manifest.yaml" in run.stderr and "已跳过" in run.stderr, run.stderr
    assert run.stderr.count("已跳过") == 1


@pytest.mark.parametrize(
    "args",
    [
        ("render", "brief.yaml"),
        ("new", "-o", "新简报.yaml"),
        ("check", "brief.yaml"),
        ("templates",),
        ("templates", "show", "situation"),
    ],
)
def test_other_templates_still_work(folder: Path, args: tuple[str, ...]) -> None:
    run = run_bounded(*args, cwd=folder)
    assert run.code in (0, 1), run.output
    _warned(run)


def test_asking_for_the_broken_template_reports_its_manifest_error(folder: Path) -> None:
    (folder / "mine.yaml").write_text("template: mine\n" + BRIEF, encoding="utf-8")
    run = run_bounded("render", "mine.yaml", cwd=folder)
    assert run.code == 2, run.output
    assert "manifest.yaml:1" in run.stderr and "中文冒号" in run.stderr
    assert not (folder / "mine.docx").exists()
