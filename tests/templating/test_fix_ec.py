"""Review J and K fixes of the economy and commendation speeches (fix-ec)."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO, speech

ECONOMY_SAMPLE = (REPO / "templates" / "economy" / "sample.yaml").read_text(encoding="utf-8")


def _closing(text: str) -> str:
    """The draft from its last heading's last paragraph on: the closing."""
    return text[text.rindex("同志们") - 200 :]


def test_economy_short_closing_remark_with_tongzhimen_is_not_hailed_twice(tmp_path: Path) -> None:
    for said in ("同志们，加油干！", "同志们，拼了！"):
        brief = ECONOMY_SAMPLE + f"remarks:\n  - {{at: closing, text: {said}}}\n"
        text = speech(tmp_path, brief)
        assert said in text
        assert "同志们，同志们" not in text
        assert text.count("同志们，") - text.split(said)[0].count("同志们，") == 1, text[-300:]


K_COMMENDATION = Path("/work/review/K/commendation.yaml")
COMMENDATION_SAMPLE = (REPO / "templates" / "commendation" / "sample.yaml").read_text(
    encoding="utf-8"
)
POWER = """\
template: commendation
meeting:
  name: 2025年度工作总结暨表彰大会
  organization: 国网清河县供电公司
  date: 2026-01-23
  minutes: 10
ranking:
  assessment: 市公司县公司同业对标
  previous: 8
  current: 4
  total: 12
  target: 进入前三
  strong_items: [供电可靠性]
  weak_items: [线损管理, 安全生产基础]
strengths:
  - title: 抗冰保电打赢硬仗
    detail: 72小时内全部恢复送电
weaknesses:
  - title: 线损管理仍有短板
    detail: 综合线损率5.8%，比市公司下达的目标高0.4个百分点
  - title: 安全生产基础还不牢
    detail: 全年发生两起作业现场违章被市公司通报
measures:
  - title: 攻坚高损台区治理
    steps: [17个高损台区一台区一方案]
    owner: 营销部
    deadline: 6月底前
"""


def test_commendation_says_lost_items_once_and_never_quan_gongsi_fazhan(tmp_path: Path) -> None:
    for seed in range(4):
        text = speech(tmp_path, POWER, seed=seed)
        assert "线损管理仍有短板" in text
        assert "从考核情况看，线损管理" not in text
        assert "全公司事业" not in text and "全公司发展" not in text


PRAISE = """\
praise:
  - who: 城关供电所
    for: 全年客户投诉为零，供电可靠率全县最高
  - who: 配电运检班的李明辉同志
    for: 扎根一线二十三年，全年带班完成带电作业216次，零差错
  - who: 抗冰保电突击队
    for: 在老鹰岭连续作业三十多个小时，抢通35千伏鹰岭线
"""


def test_each_quality_of_the_learning_part_is_told_through_one_honouree(tmp_path: Path) -> None:
    for seed in range(3):
        lines = speech(tmp_path, POWER + PRAISE, seed=seed).splitlines()
        start = next(n for n, t in enumerate(lines) if "学习先进" in t and t.startswith("二、"))
        part = lines[
            start + 1 : next(n for n in range(start + 1, len(lines)) if lines[n][:2] == "三、")
        ]
        subs = [t for t in part if t.startswith("（")]
        assert len(subs) == 3
        # the deed that shows each quality best: 抢通 担当, 为零/最高 标准, 扎根 实干
        for sub, who in zip(subs, ("抗冰保电突击队", "城关供电所", "李明辉"), strict=True):
            assert who in sub, sub
        before = "".join(part[: part.index(subs[0])])
        assert "点名表扬" not in before and "李明辉" not in before
