"""Messages count list items from 1, as writers do (issue 15, item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.brief.loader import format_path, parse_brief_text
from speechgen.brief.validate import validate_brief
from speechgen.errors import InputProblems

from helpers import BRIEF, run_bounded


def test_paths_count_from_one() -> None:
    assert format_path(("measures", 0, "title")) == "measures.第1项.title"
    assert format_path(("measures", 1, "points", 2)) == "measures.第2项.points.第3项"
    assert format_path(("meeting", "name")) == "meeting.name"


def test_validation_message_names_the_second_measure(tmp_path: Path) -> None:
    text = BRIEF + "measures:\n  - title: 抓落实\n  - owner: 办公室\n"
    with pytest.raises(InputProblems) as caught:
        validate_brief(parse_brief_text(text, "brief.yaml"))
    message = caught.value.message
    assert "measures.第2项" in message and "[1]" not in message and "[0]" not in message


def test_check_report_counts_measures_from_one(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        BRIEF + "  date: 2026-05-10\nmeasures:\n  - title: 抓落实\n    deadline: 2026-06-30\n"
        "  - title: 强队伍\n    deadline: 2025-06-30\n",
        encoding="utf-8",
    )
    run = run_bounded("check", "brief.yaml", cwd=tmp_path)
    assert "measures.第2项.deadline" in run.stdout, run.output
    assert "[1]" not in run.stdout


def test_template_error_counts_from_one(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "mine"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("name: mine\n", encoding="utf-8")
    (folder / "speech.j2").write_text("# 标题\n{{ measures[2].title }}\n", encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(
        "template: mine\n" + BRIEF + "measures:\n  - 甲\n  - 乙\n", encoding="utf-8"
    )
    run = run_bounded("render", "brief.yaml", cwd=tmp_path)
    assert run.code == 2 and "第 3 项" in run.stderr, run.output
