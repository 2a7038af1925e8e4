"""Built-in template wording fits every brief: ranks, speakers, items, announced counts, lone points."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import material, write_brief

TEMPLATES = ["situation", "progress", "mobilization", "commendation"]

BASE = """\
template: {template}
meeting:
  name: 全市工作会议
  organization: 滨江市税务局
{meeting}measures:
  - title: 抓好收入质量
    owner: 收入科
  - title: 补齐风险应对短板
"""


def _speech(
    invoke, tmp_path, template: str, extra: str = "", meeting: str = "", seed: int = 0
) -> str:
    """Render a brief for ``template`` (``meeting`` lines, then ``extra`` YAML) to plain text."""
    text = BASE.format(template=template, meeting=meeting) + extra
    brief = write_brief(tmp_path, text, f"{template}.yaml")
    result = invoke("render", brief, "-f", "txt", "-o", "-", "--seed", str(seed))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("template", TEMPLATES)
def test_announce_says_zai_only_after_prior_speakers(invoke, tmp_path, template):
    """「下面，我再讲…」 assumed someone spoke before; only say 再 when someone did."""
    for seed in range(4):
        text = _speech(invoke, tmp_path, template, seed=seed)
        assert "我再讲" not in text and "结合大家的发言" not in text
    prior = "  prior_speakers: [张局长]\n"
    spoken = [_speech(invoke, tmp_path, template, meeting=prior, seed=s) for s in range(4)]
    if template != "commendation":
        assert any("我再讲" in t or "结合大家的发言" in t for t in spoken)


RANKING = """\
ranking:
  assessment: 全省系统绩效考核
{ranks}"""


def test_commendation_rank_up_asserts_no_unstated_fact(invoke, tmp_path):
    """「这是近年来少有的好成绩」 claimed a history the brief never gives."""
    ranking = RANKING.format(ranks="  previous: 9\n  current: 5\n  total: 13\n")
    text = _speech(invoke, tmp_path, "commendation", ranking)
    assert "从第9名上升到第5名" in text
    assert "近年来" not in text and "少有" not in text


@pytest.mark.parametrize(
    ("ranks", "crisis"),
    [
        ("", False),
        ("  previous: 9\n  current: 5\n", False),
        ("  previous: 1\n  current: 2\n  total: 13\n", False),
        ("  previous: 3\n  current: 9\n", True),
    ],
)
def test_situation_sounds_the_alarm_only_after_a_fall(invoke, tmp_path, ranks, crisis):
    """The alarm came with no ranking or a rising rank; a fall inside the top band is no crisis.

    The focus sub-point (统筹兼顾、突出重点) is there whatever the ranking.
    """
    extra = RANKING.format(ranks=ranks) if ranks else ""
    alarm = material("situation", "situation.alarm")
    focus = [h.split("｜")[2] for h in material("situation", "headings.sections")]
    for seed in range(3):
        text = _speech(invoke, tmp_path, "situation", extra, seed=seed)
        assert any(a in text for a in alarm) is crisis
        assert any(f in text for f in focus)


@pytest.mark.parametrize(
    ("ranks", "wanted", "unwanted"),
    [
        ("  previous: 1\n  current: 2\n  total: 2\n", "在2个参评单位中排在末位", ["中下游"]),
        (
            "  previous: 3\n  current: 1\n  total: 13\n",
            "在13个参评单位中位居榜首",
            ["中上游", "与先进单位相比仍有差距"],
        ),
        (
            "  previous: 3\n  current: 3\n  total: 3\n",
            "在3个参评单位中排在末位",
            ["中上游", "中下游"],
        ),
        ("  previous: 9\n  current: 5\n  total: 13\n", "处于中上游", ["中下游"]),
        ("  previous: 5\n  current: 4\n  total: 16\n", "处于第一方阵", ["中上游"]),
    ],
)
def test_situation_standing_fits_first_last_and_small_totals(
    invoke, tmp_path, ranks, wanted, unwanted
):
    """Last of 2 was 中下游; first place was 中上游 and told it lags behind 先进单位."""
    text = _speech(invoke, tmp_path, "situation", RANKING.format(ranks=ranks))
    assert wanted in text
    for phrase in unwanted:
        assert phrase not in text


def test_situation_first_place_held_is_told_to_keep_the_lead(invoke, tmp_path):
    """Holding first of 13 keeps and extends the lead; it is not told to 争先进位."""
    keep = material("situation", "situation.keep_lead")
    text = _speech(
        invoke,
        tmp_path,
        "situation",
        RANKING.format(ranks="  previous: 1\n  current: 1\n  total: 13\n"),
    )
    assert any(k in text for k in keep)
    assert "争先进位" not in text


@pytest.mark.parametrize(
    ("ranks", "wanted", "unwanted"),
    [
        ("  previous: 3\n  current: 1\n  total: 13\n", "位居榜首", ["中上游", "（共"]),
        (
            "  previous: 9\n  current: 7\n  total: 13\n",
            "在13个参评单位中处于中上游",
            ["第一方阵", "（共"],
        ),
        ("  previous: 12\n  current: 10\n  total: 13\n", "处于中下游", ["中上游", "领先"]),
        ("  previous: 9\n  current: 7\n", "从第9名上升到第7名", ["参评单位", "中上游", "（共"]),
    ],
)
def test_commendation_rank_up_standing(invoke, tmp_path, ranks, wanted, unwanted):
    """A rise is placed by the bands of DESIGN §3 (never one band for every rise), no brackets."""
    text = _speech(invoke, tmp_path, "commendation", RANKING.format(ranks=ranks))
    assert wanted in text
    for phrase in unwanted:
        assert phrase not in text.split("同志们：", 1)[1]


@pytest.mark.parametrize("template", TEMPLATES)
def test_plain_prior_speakers_are_joined(invoke, tmp_path, template):
    """Plain-string speakers read 「张局长作了发言，李书记作了发言，王主任作了发言」."""
    three = "  prior_speakers: [张局长, 李书记, 王主任]\n"
    text = _speech(invoke, tmp_path, template, meeting=three)
    assert "刚才，张局长、李书记和王主任分别作了发言" in text
    assert text.count("作了发言") == 1
    one = "  prior_speakers: [张局长]\n"
    assert "刚才，张局长作了发言" in _speech(invoke, tmp_path, template, meeting=one)
    mixed = "  prior_speakers:\n    - who: 李书记\n      did: 通报了考核情况\n    - 张局长\n"
    text = _speech(invoke, tmp_path, template, meeting=mixed)
    assert "刚才，李书记通报了考核情况，张局长作了发言" in text


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("ranks", ["", "  previous: 3\n  current: 9\n", "  current: 2\n"])
def test_ranking_items_never_disappear(invoke, tmp_path, template, ranks):
    """strong_items/weak_items were dropped when ``current`` was missing (or never used)."""
    items = "  strong_items: [征管质效指标]\n  weak_items: [效益评价指标]\n"
    text = _speech(invoke, tmp_path, template, RANKING.format(ranks=items + ranks))
    assert "征管质效指标" in text
    assert "效益评价指标" in text


@pytest.mark.parametrize("template", ["situation", "commendation"])
def test_ranking_item_already_a_strength_is_not_repeated(invoke, tmp_path, template):
    """A strong item the strengths already name is not said a second time."""
    extra = RANKING.format(ranks="  strong_items: [征管质效]\n  previous: 3\n  current: 9\n")
    extra += "strengths:\n  - 征管质效模块名列前茅\n"
    text = _speech(invoke, tmp_path, template, extra)
    assert text.count("征管质效") == 1


HEAD = """meeting:
  name: 全县安全生产工作会议
  organization: 某某县应急管理局
  date: 2026-03-15
"""


def _render_text(invoke, tmp_path: Path, body: str, *extra: str) -> str:
    """Render an inline brief to plain text and return it."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(body, encoding="utf-8")
    result = invoke("render", brief, "-f", "txt", "-o", "-", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_commendation_measure_with_owner_and_no_deadline_renders(invoke, tmp_path):
    """A measure with an owner but no deadline used to fail on ``None.endswith``."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "measures:\n"
        "  - title: 强化执法检查\n    owner: 执法大队\n"
        "  - title: 压实安全责任\n    deadline: 长期坚持\n",
    )
    assert "这项工作由执法大队牵头。" in text
    assert "长期坚持" in text, "a text deadline without an owner must not be dropped"


RANK_NO_REPORTER = (
    "ranking:\n  assessment: 全市安全生产考核\n  previous: 3\n  current: 8\n  total: 12\n"
)


@pytest.mark.parametrize("seed", ["0", "1", "2", "3", "4", "5"])
def test_mobilization_never_announces_zero_aspects(invoke, tmp_path, seed):
    """The significance part has no numbered sub-points, so no phrase may count them."""
    text = _render_text(
        invoke, tmp_path, "template: mobilization\n" + HEAD + RANK_NO_REPORTER, "--seed", seed
    )
    assert not re.search(r"零(个|项|点|条|方面)", text)


def test_progress_single_strength_is_not_numbered(invoke, tmp_path):
    """一是 with no 二是 reads as a slip: a lone strength is said in its introducing sentence."""
    for seed in ("0", "1", "2"):
        text = _render_text(
            invoke,
            tmp_path,
            "template: progress\n" + HEAD + "strengths: [全年未发生较大以上事故]\n",
            "--seed",
            seed,
        )
        paragraph = next(p for p in text.split("\n") if "全年未发生较大以上事故" in p)
        assert "：全年未发生较大以上事故。" in paragraph
        assert "一是全年" not in text


@pytest.mark.parametrize("seed", ["0", "1", "2"])
def test_situation_ranking_without_reporter_is_a_whole_sentence(invoke, tmp_path, seed):
    """“从通报的……结果看。” left a clause hanging before the full stop."""
    text = _render_text(
        invoke, tmp_path, "template: situation\n" + HEAD + RANK_NO_REPORTER, "--seed", seed
    )
    assert "结果看。" not in text
    assert "全市安全生产考核结果已经通报。" in text


def test_commendation_single_strength_does_not_repeat_itself(invoke, tmp_path):
    """One strength used to get “来之不易” twice in the same paragraph."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "strengths: [全年未发生较大以上事故]\n",
    )
    paragraph = next(p for p in text.split("\n") if "全年未发生较大以上事故" in p)
    assert paragraph.count("来之不易") <= 1, paragraph


def test_mobilization_inline_points_do_not_restart_the_outer_sequence(invoke, tmp_path):
    """Inline measures are numbered 一是、二是 (or 一要) already: their points are not numbered again."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: mobilization\noptions:\n  substyle: inline\n" + HEAD + "measures:\n"
        "  - title: 压实安全责任\n    points: [层层签订责任书, 严格考核问责]\n"
        "  - title: 强化执法检查\n    points: [开展专项执法]\n",
    )
    paragraph = next(
        p for p in text.split("\n") if p.startswith(("一是压实安全责任", "一要压实安全责任"))
    )
    assert paragraph.count("一是") + paragraph.count("一要") == 1, paragraph
    assert "二是" not in paragraph and "二要" not in paragraph, paragraph
    assert "层层签订责任书；严格考核问责。" in paragraph


ONE_MEASURE = (
    "measures:\n  - title: 深化隐患排查治理\n    points: [建立隐患清单]\n"
    "    owner: 监管科\n    deadline: 6月底前\n"
)


@pytest.mark.parametrize("template", ["situation", "progress", "mobilization", "commendation"])
@pytest.mark.parametrize("substyle", ["headings", "inline"])
def test_a_lone_measure_is_not_numbered(invoke, tmp_path, template, substyle):
    """One measure is a bold lead sentence, not a lone （一） or 一是 announced as “以下一项”."""
    text = _render_text(
        invoke,
        tmp_path,
        f"template: {template}\noptions:\n  substyle: {substyle}\n" + HEAD + ONE_MEASURE,
    )
    paragraph = next(p for p in text.split("\n") if "深化隐患排查治理" in p)
    assert paragraph.startswith("深化隐患排查治理。"), paragraph
    assert not re.search(r"零(个|项|点|条|方面)", text)
    assert "以下一" not in text


@pytest.mark.parametrize("substyle", ["headings", "inline"])
def test_situation_lone_situation_sub_point_is_not_numbered(invoke, tmp_path, substyle):
    """Without strengths, weaknesses or several measures the first part has no sub-points
    (a lone stock focus point is dropped): no （一）, no 一是, no “一点要求”."""
    text = _render_text(
        invoke, tmp_path, f"template: situation\noptions:\n  substyle: {substyle}\n" + HEAD
    )
    first = text.split("一、", 1)[1].split("二、", 1)[0]
    assert "（一）" not in first and not re.search(r"(^|。)一是", first, re.M)
    assert "一点要求" not in text and not re.search(r"零(个|项|点|条|方面)", text)


def test_commendation_lone_strength_is_not_numbered(invoke, tmp_path):
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "strengths: [全年未发生较大以上事故]\n",
    )
    paragraph = next(p for p in text.split("\n") if "全年未发生较大以上事故" in p)
    assert paragraph.startswith("全年未发生较大以上事故。"), paragraph
