"""Review fixes: built-in template wording fits every brief (ranks, speakers, items, announce)."""

from __future__ import annotations

import pytest

from helpers import write_brief

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
        ("  previous: 3\n  current: 9\n", True),
    ],
)
def test_situation_priorities_say_crisis_only_after_a_fall(invoke, tmp_path, ranks, crisis):
    """「保持危机感，不是要大家慌了手脚…」 appeared with no ranking or a rising rank."""
    extra = RANKING.format(ranks=ranks) if ranks else ""
    text = _speech(invoke, tmp_path, "situation", extra)
    assert ("保持危机感" in text) is crisis
    assert "抓住主要矛盾和关键环节" in text


@pytest.mark.parametrize(
    ("ranks", "wanted", "unwanted"),
    [
        ("  previous: 1\n  current: 2\n  total: 2\n", "在2个参评单位中处于末位", ["中下游"]),
        (
            "  previous: 3\n  current: 1\n  total: 13\n",
            "在13个参评单位中位居榜首",
            ["中上游", "与先进单位相比仍有差距"],
        ),
        ("  previous: 3\n  current: 2\n  total: 3\n", "处于中间位置", ["中上游", "中下游"]),
        ("  previous: 9\n  current: 5\n  total: 13\n", "进入中上游", ["中下游"]),
        ("  previous: 1\n  current: 1\n  total: 13\n", "保持领先", ["争先进位"]),
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


@pytest.mark.parametrize(
    ("ranks", "wanted", "unwanted"),
    [
        ("  previous: 3\n  current: 1\n  total: 13\n", "位居榜首", "中上游"),
        ("  previous: 9\n  current: 7\n  total: 13\n", "（共13个单位参评）", "中上游"),
    ],
)
def test_commendation_rank_up_standing(invoke, tmp_path, ranks, wanted, unwanted):
    """commendation said 站稳了中上游 for every rise, first place and 7th of 13 included."""
    text = _speech(invoke, tmp_path, "commendation", RANKING.format(ranks=ranks))
    assert wanted in text and unwanted not in text


@pytest.mark.parametrize("template", TEMPLATES)
def test_plain_prior_speakers_are_joined(invoke, tmp_path, template):
    """Plain-string speakers read 「张局长作了发言，李书记作了发言，王主任作了发言」."""
    three = "  prior_speakers: [张局长, 李书记, 王主任]\n"
    text = _speech(invoke, tmp_path, template, meeting=three)
    assert "刚才，张局长、李书记和王主任分别作了发言，" in text
    assert text.count("作了发言") == 1
    one = "  prior_speakers: [张局长]\n"
    assert "刚才，张局长作了发言，" in _speech(invoke, tmp_path, template, meeting=one)
    mixed = "  prior_speakers:\n    - who: 李书记\n      did: 通报了考核情况\n    - 张局长\n"
    text = _speech(invoke, tmp_path, template, meeting=mixed)
    assert "刚才，李书记通报了考核情况，张局长作了发言，" in text


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
