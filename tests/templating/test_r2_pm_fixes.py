"""Round-2 review fixes in the progress and mobilization templates (reviews C and D)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import body_paragraphs, speech_of

FLOOD = """\
template: mobilization
meeting:
  name: 2026年防汛备汛工作动员部署会
  organization: 双河镇人民政府
  date: 2026-05-08
  speaker: 马永强
  speaker_title: 镇长
  on_behalf_of: 镇政府
  audience_role: 领导干部
  minutes: 12
  prior_speakers:
    - {who: 镇应急办, did: 通报了今年汛情趋势预测, kind: report}
    - {who: 河口村、柳湾村, did: 作了表态发言, kind: pledge}
weaknesses:
  - {title: 防汛基础设施短板明显, detail: 全镇还有3座小型水库存在病险隐患}
  - {title: 部分村干部麻痹思想仍然存在, detail: 有的村预案躺在柜子里}
measures:
  - title: 修订完善预案并开展实战演练
    why: 预案不演练，到时候就是一张纸
    steps: [各村修订转移避险预案, 每个村至少开展一次群众转移实战演练]
    owner: 镇应急办
    deadline: 5月31日前
  - title: 严格落实汛期值班值守
    points: [主汛期实行24小时值班和领导带班制度]
    owner: 党政办
    deadline: 6月1日至9月30日
remarks:
  - {at: closing, text: 防汛没有“万一”，只有“一万”}
"""

CREATION = """\
template: mobilization
options:
  combine: commendation
  honorees: [城关街道等二十个先进集体]
meeting:
  name: 全市创建全国文明城市动员部署暨表彰大会
  organization: 临川市人民政府
  date: 2026-03-18
  speaker: 王志远
  level: 市
  on_behalf_of: 市委、市政府
  audience_role: 领导干部
  minutes: 18
  prior_speakers:
    - {who: 刘敏同志, did: 宣读了表彰决定, kind: decision}
weaknesses:
  - {title: 背街小巷还有不少短板, detail: 三类点位失分占全部失分的六成}
  - {title: 群众知晓率不高, detail: 知晓率只有74%}
measures:
  - title: 深入开展交通秩序综合治理
    why: 交通秩序是群众感受最直接的地方
    points: [主要路口设置文明交通劝导岗]
    owner: 市公安局
    deadline: 每月
remarks:
  - {at: opening, text: 刚才受表彰的同志中，有一位已经七十二岁了。}
"""


def _text(draft) -> str:
    return "".join(body_paragraphs(draft))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_flood_mobilization_speaks_of_lives_and_safe_flood_season(tmp_path: Path, seed) -> None:
    text = _text(speech_of(tmp_path, FLOOD, seed=seed))
    assert "生命财产安全" in text or "生命安全" in text
    assert text.rstrip().endswith("安全度汛！") or "防汛没有“万一”，只有“一万”。" in text
    for wrong in (
        "上级定了的事",
        "向上汇报",
        "在刚才部署的基础上",
        "一周一调度",
        "穿不过一根针",
        "9月30日前",
    ):
        assert wrong not in text, wrong
    assert "6月1日至9月30日期间" in text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_writers_closing_words_keep_their_full_stop(tmp_path: Path, seed) -> None:
    paragraphs = body_paragraphs(speech_of(tmp_path, FLOOD, seed=seed))
    assert "防汛没有“万一”，只有“一万”。" in paragraphs
    assert paragraphs[-1].startswith("同志们")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_creation_campaign_is_named_and_is_the_citys_own_goal(tmp_path: Path, seed) -> None:
    text = _text(speech_of(tmp_path, CREATION, seed=seed))
    assert "创建全国文明城市" in text.replace("全市创建全国文明城市动员部署暨表彰大会", "")
    for wrong in ("上级定了的事", "一个单位的面貌", "表彰决定已经宣读", "每月都要调度一次", "科室"):
        assert wrong not in text, wrong
    assert text.index("宣读了表彰决定") < text.index("刚才受表彰的同志中")
    assert "学先进，要学" in text


def test_progress_closing_remark_comes_before_the_final_call(tmp_path: Path) -> None:
    brief = """\
template: progress
meeting:
  name: 全市城市更新工作年中推进会
  organization: 嘉禾市住房和城乡建设局
  date: 2026-07-10
  speaker: 韩卫东
measures:
  - {title: 守牢施工安全底线, points: [每月开展一次安全质量专项检查], owner: 质量安全监督站, deadline: 每月}
remarks:
  - {at: closing, text: 下半年只剩一百七十多天，时间不等人。}
  - {at: closing, text: 最后，我再强调一句，安全这根弦一刻也不能松。}
"""
    paragraphs = body_paragraphs(speech_of(tmp_path, brief))
    call = next(i for i, p in enumerate(paragraphs) if p.startswith("同志们"))
    assert paragraphs[call - 1] == "下半年只剩一百七十多天，时间不等人。"
    assert paragraphs[-1].startswith("最后，我再强调一句")
    text = "".join(paragraphs)
    assert "调度一次、通报一次" not in text and "要坚持每月抓落实" in text
