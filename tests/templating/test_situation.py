"""The built-in situation template: structure, counts, tone by rank direction, no residue."""

import re
from pathlib import Path

import pytest

from speechgen.facade import RenderSettings, build_draft
from speechgen.speech.blocks import Heading, Paragraph

from helpers import FULL_BRIEF, write_brief

CN_COUNT = {"两": 2, "三": 3, "四": 4, "五": 5, "一": 1}


def _draft(tmp_path: Path, text: str, **settings):
    return build_draft(write_brief(tmp_path, text), RenderSettings(**settings))


def _text(draft) -> str:
    return "\n".join(draft.paragraph_texts())


def _ranking(previous, current, total=13) -> str:
    prev = f"  previous: {previous}\n" if previous is not None else ""
    return (
        FULL_BRIEF.split("ranking:")[0]
        + (
            f"ranking:\n  assessment: 全省系统绩效考核\n{prev}  current: {current}\n  total: {total}\n"
        )
        + "strengths:"
        + FULL_BRIEF.split("strengths:")[1]
    )


def test_full_brief_acceptance(tmp_path: Path) -> None:
    draft = _draft(tmp_path, FULL_BRIEF)
    text = _text(draft)
    assert draft.paragraph_texts()[0] == "在全市形势分析会上的讲话"
    announced = re.search(r"我(?:再)?(?:讲|强调)(.)点意见", text)
    assert announced is not None
    parts = [b for b in draft.blocks if isinstance(b, Heading) and b.level == 1]
    assert CN_COUNT[announced.group(1)] == len(parts) == 2
    for item in (
        "征管质效模块名列前茅",
        "基层活力不足",
        "形成各司其职的担当体系",
        "形成协同高效的责任体系",
    ):
        assert item in text
    assert "从第3名下降到第9名" in text
    for residue in ("{{", "}}", "{%", "None", "%%", "&amp;", "&#"):
        assert residue not in text


def test_each_measure_heads_its_own_subpoint(tmp_path: Path) -> None:
    draft = _draft(tmp_path, FULL_BRIEF)
    part_two = False
    heads = []
    for b in draft.blocks:
        if isinstance(b, Heading) and b.level == 1:
            part_two = b.number == "二、"
        if part_two and isinstance(b, Paragraph) and b.heading is not None:
            heads.append((b.heading.number, b.heading.text))
    assert heads == [("（一）", "形成各司其职的担当体系"), ("（二）", "形成协同高效的责任体系")]


@pytest.mark.parametrize(
    ("previous", "current", "words", "absent"),
    [
        (3, 9, ["下降到第9名", "危机感和紧迫感"], ["戒骄戒躁"]),
        (9, 3, ["上升到第3名", "戒骄戒躁"], ["下降"]),
        (5, 5, ["持平", "第5名", "不进则退"], ["下降到", "上升到"]),
        (None, 6, ["位列第6名"], ["下降", "上升"]),
    ],
)
def test_tone_follows_rank_direction(tmp_path: Path, previous, current, words, absent) -> None:
    text = _text(_draft(tmp_path, _ranking(previous, current)))
    for w in words:
        assert w in text
    for w in absent:
        assert w not in text


def test_without_ranking_the_block_is_dropped(tmp_path: Path) -> None:
    brief = FULL_BRIEF.split("ranking:")[0] + "strengths:" + FULL_BRIEF.split("strengths:")[1]
    text = _text(_draft(tmp_path, brief))
    assert "第" not in re.sub(r"第[一二三四五六七八九十]+(?:是|要)", "", text).replace("（", "")
    assert "考核" not in text
    assert "下面，我讲两点意见" in text or "两点意见" in text


def test_minimal_brief_reads_whole(tmp_path: Path) -> None:
    draft = _draft(tmp_path, "meeting:\n  name: 全市形势分析会\n  organization: 某某局\n")
    text = _text(draft)
    assert "两点意见" in text
    assert "同志们：" in text
    assert text.rstrip().endswith(("！", "。"))
    assert "None" not in text and "{{" not in text


def test_inline_substyle_option(tmp_path: Path) -> None:
    draft = _draft(tmp_path, FULL_BRIEF + "options:\n  substyle: inline\n")
    text = _text(draft)
    assert "一是肯定成绩但不可高估" in text
    assert "（一）" not in text
    assert "我提三点要求" in text


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    from speechgen.errors import InputProblems

    with pytest.raises(InputProblems) as info:
        _draft(tmp_path, FULL_BRIEF + "options:\n  style: fancy\n")
    assert "options.style" in info.value.message


def test_special_characters_come_through_exactly(tmp_path: Path) -> None:
    weird = "R&D <部门> \"引号\" '单引' #1 **星** %%parts%% 🎤"
    brief = FULL_BRIEF.replace("  - 基层活力不足", "  - '" + weird.replace("'", "''") + "'")
    text = _text(_draft(tmp_path, brief))
    assert weird in text


def test_seed_changes_stock_passages_reproducibly(tmp_path: Path) -> None:
    one = _text(_draft(tmp_path, FULL_BRIEF, seed=1))
    again = _text(_draft(tmp_path, FULL_BRIEF, seed=1))
    two = _text(_draft(tmp_path, FULL_BRIEF, seed=2))
    assert one == again
    assert one != two


def test_items_keep_their_text_when_joined(tmp_path: Path) -> None:
    brief = FULL_BRIEF.replace(
        "points: [中层干部主动谋划工作]", "points: [..., 甲事项。, 乙事项！]"
    )
    text = _text(_draft(tmp_path, brief))
    assert "一是...；二是甲事项；三是乙事项！。" in text
