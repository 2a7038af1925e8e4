"""Long titles break between words into a trapezoid or diamond (GB/T 9704 §7.3.3)."""

from __future__ import annotations

import docx
import pytest

from speechgen.layout.profile import load_profile
from speechgen.layout.titlelines import text_width, title_lines, title_width
from tests.helpers import write_brief

# Each title with the phrases that must stay on one line.
TITLES = [
    ("在全市一季度经济运行形势分析暨重点项目建设推进会议上的讲话", ["形势分析", "重点项目", "上的讲话"]),
    ("在全市经济形势分析暨重点项目建设推进会议上的讲话", ["形势分析", "推进会议"]),
    ("在全市税务系统2026年度党风廉政建设和反腐败工作会议上的讲话", ["2026年度", "党风廉政"]),
    ("在全县优化营商环境暨作风建设年活动动员部署大会上的讲话", ["作风建设", "营商环境"]),
    ("在滨江市税务局二〇二五年度总结表彰暨二〇二六年工作部署会议上的讲话", ["二〇二五年度", "总结表彰", "二〇二六年"]),
    ("在全市安全生产、防汛抗旱、森林防火工作会议上的讲话", ["防汛抗旱", "安全生产", "森林防火"]),
]  # fmt: skip


def is_trapezoid_or_diamond(lengths: list[float]) -> bool:
    """Lines grow to the longest, then may shrink; the first line is never the longest."""
    peak = lengths.index(max(lengths))
    rising = all(a < b for a, b in zip(lengths[:peak], lengths[1 : peak + 1], strict=False))
    falling = all(a > b for a, b in zip(lengths[peak:], lengths[peak + 1 :], strict=False))
    return peak > 0 and rising and falling


@pytest.mark.parametrize(("title", "whole"), TITLES)
@pytest.mark.parametrize("profile", ["official", "large"])
def test_long_titles_break_between_words_into_a_good_shape(
    title: str, whole: list[str], profile: str
) -> None:
    width = title_width(load_profile(profile))
    lines = title_lines(title, width)
    assert "".join(lines) == title
    assert len(lines) >= 2 and all(text_width(line) <= width for line in lines)
    assert is_trapezoid_or_diamond([text_width(line) for line in lines]), lines
    for phrase in whole:
        assert any(phrase in line for line in lines), (phrase, lines)
    assert not any(line[0] in "、，。）" for line in lines[1:])


def test_title_width_follows_the_profile() -> None:
    assert title_width(load_profile("official")) == 20  # 二号 condensed by 0.3 pt on 156 mm
    assert title_width(load_profile("large")) == 18  # 小一 on 155 mm


def test_short_titles_and_typed_breaks_stay_as_they_are() -> None:
    assert title_lines("在全市形势分析会上的讲话", 20) == ["在全市形势分析会上的讲话"]
    typed = "在全市经济运行形势分析暨\n重点项目建设推进会议上的讲话"
    assert title_lines(typed, 20) == typed.split("\n")


def test_a_very_long_title_still_fits_the_width() -> None:
    title = "在" + "全市重点项目建设推进" * 12 + "会议上的讲话"
    lines = title_lines(title, 20)
    assert "".join(lines) == title and all(len(line) <= 20 for line in lines)


TYPED = """\
meeting:
  name: 全市经济运行形势分析暨重点项目建设推进会议
  organization: 滨江市发展和改革委员会
  speaker: 王建国
  title: |-
    在全市经济运行形势分析暨
    重点项目建设推进会议上的讲话
"""


def test_a_typed_title_break_stays_out_of_properties_and_markdown(invoke, tmp_path) -> None:
    brief = write_brief(tmp_path, TYPED)
    assert invoke("render", brief, "--no-check").exit_code == 0
    document = docx.Document(str(brief.with_suffix(".docx")))
    assert document.core_properties.title == "在全市经济运行形势分析暨重点项目建设推进会议上的讲话"
    assert document.paragraphs[0].text == "在全市经济运行形势分析暨\n重点项目建设推进会议上的讲话"
    markdown = invoke("render", brief, "--format", "md", "-o", "-").stdout
    assert markdown.startswith("# 在全市经济运行形势分析暨重点项目建设推进会议上的讲话\n")
