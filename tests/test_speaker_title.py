"""``meeting.speaker_title`` is printed: the byline reads 「局长　王建国」 (post, full-width space, name)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import docx_texts, write_brief

BRIEF = """\
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: 2026-05-10
  speaker: 王建国
{extra}strengths: [征管质效模块名列前茅]
"""


def bylines(invoke, tmp_path: Path, extra: str) -> list[str]:
    """The two centred lines under the title of the rendered draft."""
    brief = write_brief(tmp_path, BRIEF.format(extra=extra))
    result = invoke("render", brief, "--no-check")
    assert result.exit_code == 0, result.stderr
    return docx_texts(brief.with_suffix(".docx"))[1:3]


def test_the_post_is_printed_before_the_name(invoke, tmp_path: Path) -> None:
    lines = bylines(invoke, tmp_path, "  speaker_title: 党组书记、局长\n")
    assert lines == ["（2026年5月10日）", "党组书记、局长\u3000王建国"]


def test_without_a_post_the_byline_is_the_name(invoke, tmp_path: Path) -> None:
    assert bylines(invoke, tmp_path, "") == ["（2026年5月10日）", "王建国"]


def test_a_post_without_a_speaker_is_an_error_at_its_line(invoke, tmp_path: Path) -> None:
    brief = write_brief(
        tmp_path,
        "meeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n  speaker_title: 局长\n",
    )
    result = invoke("render", brief, "--no-check")
    assert result.exit_code == 2
    assert "brief.yaml:4:" in result.stderr and "speaker_title" in result.stderr
    assert "没有写讲话人" in result.stderr
