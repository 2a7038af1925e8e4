"""Review finding: a measure deadline earlier than the meeting date is a warning, not silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechgen.brief.loader import load_brief
from speechgen.brief.validate import validate_brief
from speechgen.facade import load_and_validate

from helpers import write_brief

BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: {meeting}
strengths:
  - 征管质效模块名列前茅
weaknesses:
  - 基层活力不足
measures:
  - title: 形成各司其职的担当体系
    deadline: {deadline}
  - title: 形成协同高效的责任体系
    deadline: 2026-06-30
"""


def brief_file(tmp_path: Path, deadline: str, meeting: str = "2026-03-15") -> Path:
    """A brief whose first measure has ``deadline`` at a meeting held on ``meeting``."""
    return write_brief(tmp_path, BRIEF.format(deadline=deadline, meeting=meeting), "b.yaml")


def test_deadline_before_meeting_is_a_located_warning(tmp_path: Path) -> None:
    loaded, _ = load_and_validate(brief_file(tmp_path, "2026-02-15"))
    (warning,) = loaded.warnings
    assert (warning.line, warning.field) == (11, "measures[0].deadline")
    assert "2026年2月15日" in warning.message and "2026年3月15日" in warning.message
    assert loaded.warning_messages()[0].startswith("警告：")


@pytest.mark.parametrize(
    ("deadline", "meeting"),
    [
        ("2026-03-15", "2026-03-15"),
        ("2026-04-30", "2026-03-15"),
        ("6月底前", "2026-03-15"),
        ("2026年2月15日", "null"),
    ],
)
def test_no_warning_when_deadline_is_not_before_the_meeting(
    tmp_path: Path, deadline: str, meeting: str
) -> None:
    loaded, _ = load_and_validate(brief_file(tmp_path, deadline, meeting))
    assert loaded.warnings == []


def test_validating_twice_does_not_repeat_the_warning(tmp_path: Path) -> None:
    loaded = load_brief(brief_file(tmp_path, "2026年2月15日"))
    validate_brief(loaded)
    validate_brief(loaded)
    assert len(loaded.warnings) == 1


def test_render_prints_the_warning_and_still_succeeds(invoke, tmp_path: Path) -> None:
    result = invoke("render", brief_file(tmp_path, "2026-02-15"))
    assert result.exit_code == 0, result.stderr
    assert "警告：" in result.stderr and "measures[0].deadline" in result.stderr
    assert "早于会议日期" in result.stderr
    assert (tmp_path / "b.docx").is_file()


def test_check_reports_the_brief_rule_as_a_warning(invoke, tmp_path: Path) -> None:
    path = brief_file(tmp_path, "2026-02-15")
    result = invoke("check", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    hits = [f for f in report["findings"] if f["rule"] == "brief.deadline_before_meeting"]
    assert len(hits) == 1
    assert hits[0]["severity"] == "warning"
    assert hits[0]["paragraph"] is not None
    quiet = invoke("check", path, "--ignore", "brief.deadline_before_meeting")
    assert "brief.deadline_before_meeting" not in quiet.stdout


def test_check_of_a_good_brief_has_no_deadline_finding(invoke, tmp_path: Path) -> None:
    result = invoke("check", brief_file(tmp_path, "2026-04-30"))
    assert "brief.deadline_before_meeting" not in result.stdout
