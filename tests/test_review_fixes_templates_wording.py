"""Review fixes: built-in template wording fits every brief (ranks, speakers, items, announce)."""

from __future__ import annotations

import pytest

from tests.conftest import write_brief

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
