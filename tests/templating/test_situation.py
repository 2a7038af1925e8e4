"""The built-in situation template: structure, position words by band, tone by direction,
targets, mixed results, who "we" are, what only leaders are asked, seeds, repeats and length.

Briefs are built inline; wording is judged by behaviour (which kind of sentence appears),
reading the template's own material where a test needs to recognise a kind of sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.facade import RenderSettings, build_draft
from speechgen.speech.blocks import Heading, Paragraph

from helpers import (
    EXAMPLES,
    FULL_BRIEF,
    body_sentences,
    material,
    sentences,
    speech,
    speech_of,
    spoken_length,
    write_brief,
)

CN_COUNT = {"两": 2, "三": 3, "四": 4, "五": 5, "一": 1}
BAND_WORDS = (
    "位居榜首",
    "第一方阵",
    "中上游",
    "中下游",
    "末位",
    "倒数第二",
    "倒数第三",
    "位次靠后",
)
LEADER_ONLY = ("以上率下", "靠前指挥", "亲自抓", "亲自部署", "亲自过问", "亲自研究")
ALARM = material("situation", "situation.alarm")
KEEP_LEAD = material("situation", "situation.keep_lead")
MIXED = material("situation", "situation.mixed")

HEAD = """\
template: situation
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  audience: 各科室负责同志
{meeting}"""
BODY = """\
strengths:
  - title: 征管质效提升
    detail: 欠税清缴率同比提高5个百分点
weaknesses:
  - 基层活力不足
  - 风险应对质效不高
measures:
  - title: 形成各司其职的担当体系
    points: [中层干部主动谋划工作, 汇报工作带着方案来]
    owner: 办公室
    deadline: 6月底前
  - title: 形成步步为营的督办体系
    steps: [每月列出督办清单, 逐项对账销号]
    owner: 督办组
    deadline: 每月
"""


def _ranking(current=None, total=None, previous=None, target=None) -> str:
    lines = ["ranking:", "  assessment: 全省系统绩效考核"]
    for key, value in (
        ("previous", previous),
        ("current", current),
        ("total", total),
        ("target", target),
    ):
        if value is not None:
            lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n"


def _brief(ranking: str = "", meeting: str = "", extra: str = "") -> str:
    return HEAD.format(meeting=meeting) + ranking + BODY + extra


def _draft(tmp_path: Path, text: str, **settings):
    return build_draft(write_brief(tmp_path, text), RenderSettings(**settings))


def _text(draft) -> str:
    return "\n".join(draft.paragraph_texts())


def _said(text: str, entries: list[str]) -> list[str]:
    """The entries of a material slot that the draft says."""
    return [e for e in entries if e in text]


# ---------------------------------------------------------------- structure


def test_full_brief_acceptance(tmp_path: Path) -> None:
    draft = _draft(tmp_path, FULL_BRIEF)
    text = _text(draft)
    assert draft.paragraph_texts()[0] == "在全市形势分析会上的讲话"
    announced = re.search(r"我(?:再)?(?:讲|强调)(.)(?:点意见|个方面)", text)
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


def test_without_ranking_nothing_is_said_about_ranks(tmp_path: Path) -> None:
    brief = FULL_BRIEF.split("ranking:")[0] + "strengths:" + FULL_BRIEF.split("strengths:")[1]
    text = _text(_draft(tmp_path, brief))
    assert not re.search(r"第\d+名|位次|名次|排名|考核", text)
    assert not any(word in text for word in BAND_WORDS)
    assert re.search(r"两点意见|两个方面", text)


def test_minimal_brief_reads_whole(tmp_path: Path) -> None:
    """Name and organisation only: one part, so no 「讲一点意见」, and nothing left dangling."""
    text = _text(_draft(tmp_path, "meeting:\n  name: 全市形势分析会\n  organization: 某某局\n"))
    assert not re.search(r"[讲强调][一两三四]点|个方面", text)
    assert "同志们：" in text
    assert text.rstrip().endswith(("！", "。"))
    assert "None" not in text and "{{" not in text


def test_inline_substyle_option(tmp_path: Path) -> None:
    text = _text(_draft(tmp_path, FULL_BRIEF + "options:\n  substyle: inline\n"))
    focus = [h.split("｜")[2] for h in material("situation", "headings.sections")]
    assert any(f"三是{heading}" in text for heading in focus)
    assert "（一）" not in text
    assert re.search(r"[讲提]三点|以下三点", text)


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    from speechgen.errors import InputProblems

    with pytest.raises(InputProblems) as info:
        _draft(tmp_path, FULL_BRIEF + "options:\n  style: fancy\n")
    assert "options.style" in info.value.message


def test_special_characters_come_through_exactly(tmp_path: Path) -> None:
    weird = "R&D <部门> \"引号\" '单引' #1 **星** %%parts%% 🎤"
    brief = FULL_BRIEF.replace("  - 基层活力不足", "  - '" + weird.replace("'", "''") + "'")
    assert weird in _text(_draft(tmp_path, brief))


def test_items_keep_their_text_when_joined(tmp_path: Path) -> None:
    brief = FULL_BRIEF.replace(
        "points: [中层干部主动谋划工作]", "points: [..., 甲事项。, 乙事项！]"
    )
    assert "一是...；二是甲事项；三是乙事项！。" in _text(_draft(tmp_path, brief))


def test_ranking_goes_to_the_opening_when_no_part_holds_it(tmp_path: Path) -> None:
    outline = "outline:\n  parts:\n    - kind: measures\n"
    measures = "measures:" + BODY.split("measures:")[1]
    text = speech(
        tmp_path, HEAD.format(meeting="") + _ranking(9, 13, 3, "保四争三") + measures + outline
    )
    opening = text.split("一、")[0]
    assert "从第3名下降到第9名" in opening
    assert "还要前进6个位次" in opening


# ---------------------------------------------------------------- position words (DESIGN §3)


@pytest.mark.parametrize(
    ("current", "total", "wanted", "unwanted"),
    [
        (13, 13, "排在末位", "中下游"),
        (12, 13, "倒数第二", "中下游"),
        (11, 13, "倒数第三", "中下游"),
        (2, 2, "末位", "中下游"),
        (4, 5, "位次靠后", "中下游"),
        (4, 16, "第一方阵", "中上游"),
        (1, 13, "位居榜首", "中上游"),
        (5, 13, "中上游", "中下游"),
        (8, 13, "中下游", "中上游"),
    ],
)
def test_band_words_follow_the_position(tmp_path, current, total, wanted, unwanted) -> None:
    text = speech(tmp_path, _brief(_ranking(current, total)))
    assert f"在{total}个参评单位中" in text
    assert wanted in text
    assert unwanted not in text


def test_no_band_words_without_a_total(tmp_path) -> None:
    for seed in range(3):
        text = speech(tmp_path, _brief(_ranking(5, None, 7)), seed)
        assert "从第7名上升到第5名" in text
        assert not any(word in text for word in BAND_WORDS)


@pytest.mark.parametrize(
    ("current", "total", "previous", "lead"),
    [(2, 13, 4, True), (1, 13, 1, True), (6, 13, 8, False), (9, 13, 9, False), (2, 13, 1, False)],
)
def test_extending_the_lead_only_in_the_top_third(tmp_path, current, total, previous, lead):
    """扩大领先 fits a top-band place that did not just fall back; never below the top third."""
    for seed in range(3):
        text = speech(tmp_path, _brief(_ranking(current, total, previous)), seed)
        assert bool(_said(text, KEEP_LEAD)) is lead
        if not lead:
            assert "扩大领先" not in text


@pytest.mark.parametrize(
    ("previous", "current", "crisis"),
    [(1, 2, False), (2, 3, False), (3, 9, True), (5, 6, True), (9, 3, False), (6, 6, False)],
)
def test_crisis_only_after_a_fall_out_of_the_top_band(tmp_path, previous, current, crisis):
    """A fall from 1st to 2nd of 13 stays in the top band: no alarm; 3rd to 9th sounds it."""
    for seed in range(4):
        text = speech(tmp_path, _brief(_ranking(current, 13, previous)), seed)
        assert bool(_said(text, ALARM)) is crisis, text


@pytest.mark.parametrize(
    ("target", "current", "said"),
    [
        ("保四争三", 9, "还要前进6个位次"),
        ("保四争三", 4, "往前还要再进1个位次"),
        ("保四争三", 2, "这个目标已经够到了"),
        ("进入前五", 8, "还要前进3个位次"),
    ],
)
def test_the_gap_to_the_target_is_stated(tmp_path, target, current, said) -> None:
    text = speech(tmp_path, _brief(_ranking(current, 13, 6, target)))
    assert f"今年的目标是{target}" in text
    assert said in text


def test_a_target_without_a_rank_is_said_without_a_gap(tmp_path) -> None:
    text = speech(tmp_path, _brief("ranking:\n  target: 争先进位\n"))
    assert "争先进位" in text
    assert "位次" not in text


def test_tone_after_a_rise_is_not_the_tone_after_a_fall(tmp_path) -> None:
    rise = speech(tmp_path, _brief(_ranking(3, 13, 9)))
    assert "从第9名上升到第3名" in rise
    assert not _said(rise, ALARM)
    fall = speech(tmp_path, _brief(_ranking(9, 13, 3)))
    assert "从第3名下降到第9名" in fall and _said(fall, ALARM)
    same = speech(tmp_path, _brief(_ranking(5, 13, 5)))
    assert "与上次持平，仍为第5名" in same
    assert "下降到" not in same and "上升到" not in same


def test_two_assessments_moving_apart_are_mixed(tmp_path) -> None:
    rankings = (
        "ranking:\n"
        "  - {assessment: 全市综合考评, previous: 9, current: 5, total: 12}\n"
        "  - {assessment: 全省专项考核, previous: 2, current: 6, total: 14}\n"
    )
    for seed in range(3):
        text = speech(tmp_path, _brief(rankings), seed)
        assert "从第9名上升到第5名" in text and "从第2名下降到第6名" in text
        assert _said(text, MIXED)
        assert not _said(text, ALARM)


# ---------------------------------------------------------------- who "we" are, who is asked


def _county(on_behalf: bool, role: str) -> str:
    meeting = "  level: 县\n" + f"  audience_role: {role}\n"
    if on_behalf:
        meeting += "  on_behalf_of: 县政府\n"
    meeting += "  next_speaker: {who: 县委刘书记, does: 作重要讲话}\n"
    return (
        _brief(_ranking(2, 9, 1), meeting)
        .replace("滨江市税务局", "临河县人民政府")
        .replace("全市形势分析会", "全县形势分析会")
    )


def test_a_county_speech_closes_for_the_county_not_the_government(tmp_path) -> None:
    for seed in range(6):
        text = speech(tmp_path, _county(True, "领导干部"), seed)
        closing = text.strip().splitlines()[-1]
        assert closing.startswith("同志们，")
        assert "为临河县人民政府" not in text
        assert "临河县人民政府各项工作" not in text
        assert "全县" in closing or "各乡镇各部门" in closing
        assert "我代表县政府" in text
        assert "县委刘书记" in text.split("一、")[0]


def test_an_office_speech_closes_for_the_office(tmp_path) -> None:
    for seed in range(4):
        text = speech(tmp_path, _brief(_ranking(5, 13, 6)), seed)
        closing = text.strip().splitlines()[-1]
        assert "滨江市税务局" not in closing  # the legal name is not read aloud as the scope
        assert "全局" in closing or "各部门" in closing or "大家" in closing


def test_no_one_speaks_on_behalf_of_anyone_unless_told(tmp_path) -> None:
    for seed in range(4):
        assert "我代表" not in speech(tmp_path, _county(False, "中层干部"), seed)


REQUIREMENTS = (
    "outline:\n  parts:\n    - kind: situation\n    - kind: measures\n    - kind: requirements\n"
)


def test_leader_only_demands_only_for_leading_cadres(tmp_path) -> None:
    said = set()
    for seed in range(8):
        staff = speech(tmp_path, _county(False, "中层干部") + REQUIREMENTS, seed)
        assert not any(word in staff for word in LEADER_ONLY), seed
        leaders = speech(tmp_path, _county(False, "领导干部") + REQUIREMENTS, seed)
        said |= {word for word in LEADER_ONLY if word in leaders}
    assert said, "leading cadres are never asked what only they can do"


# ---------------------------------------------------------------- seeds, repeats, length

RICH = EXAMPLES / "rich_measures.yaml"


def test_same_seed_same_text_and_seeds_differ_in_the_body(tmp_path) -> None:
    brief = RICH.read_text(encoding="utf-8")
    one = speech(tmp_path, brief, 1)
    assert one == speech(tmp_path, brief, 1)
    two = speech(tmp_path, brief, 2)
    first, second = body_sentences(one), set(body_sentences(two))
    changed = [s for s in first if s not in second]
    assert len(changed) >= 0.3 * len(first), f"{len(changed)} of {len(first)} body sentences"


@pytest.mark.parametrize(
    "example",
    [
        "model_meeting.yaml",
        "rich_measures.yaml",
        "county_meeting.yaml",
        "two_assessments.yaml",
        "outline_meeting.yaml",
        "rising_rank.yaml",
        "no_ranking.yaml",
    ],
)
def test_no_sentence_twice_and_length_within_budget(tmp_path, example) -> None:
    brief = (EXAMPLES / example).read_text(encoding="utf-8")
    minutes = int(re.search(r"minutes: (\d+)", brief).group(1))
    for seed in range(3):
        text = speech(tmp_path, brief, seed)
        said = sentences(text)
        assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]
        length = spoken_length(text)
        assert abs(length - minutes * 220) <= 0.15 * minutes * 220, (seed, length)


def test_a_long_speech_draws_no_entry_twice(tmp_path) -> None:
    """Twenty-five minutes asked of a rich brief: the library runs out before it repeats."""
    brief = RICH.read_text(encoding="utf-8").replace("minutes: 13", "minutes: 25")
    for seed in range(3):
        said = sentences(speech(tmp_path, brief, seed))
        assert len(said) == len(set(said))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_systems_measure_gets_no_innovation_talk(tmp_path, seed) -> None:
    brief = """\
template: situation
meeting:
  name: 全市人社系统工作形势分析会
  organization: 江州市人力资源和社会保障局
measures:
  - title: 加快数字人社建设
    owner: 信息中心
    deadline: 5月31日前
"""
    text = "".join(speech_of(tmp_path, brief, seed=seed).paragraph_texts())
    assert "加快数字人社建设" in text
    for innovation in ("花架子", "允许试", "对标先进", "不创新"):
        assert innovation not in text
