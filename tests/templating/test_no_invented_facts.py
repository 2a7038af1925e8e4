"""No invented facts (issue 12): stock words never state a fact about the unit.

Every shipped material entry (templates/*/material.yaml, templates/*/material/*.yaml,
material/*.yaml) and every literal sentence of templates/*/*.j2 — the text between Jinja
tags and the string literals inside them — is scanned for claims of fact. A fact comes only
from the brief: inside ``{{ … }}`` that prints a brief value (``第{{ r.current }}名`` is fine,
the scan sees ``第＿名``).

How the scan reads a text (``helpers.shipped_texts``):
- ``{{ value }}`` becomes ＿ (a brief value), ``{{ say("x") }}``/``{{ m.macro() }}`` becomes ▢
  (stock words, scanned where they are written), ``{{ "；" if … }}`` its own literals.
- A *clause* is the text between ，。！？；：and line breaks.

Two kinds of pattern:

CLAIMS are never allowed in stock text, whatever the conditions around them:
- 具体名次: a rank said as a number — 第三名, 排第3, 位列全省第五, 名列第一 (第一名 alone is a
  generic 「向第一名看齐」 and allowed);
- 上级表扬: praise from above — 得到了/受到了/获得了/赢得了…肯定/表扬/认可/好评/表彰, or 上级/领导/
  党组/党委/省局/市局/市委/县委… with 都/多次/充分/高度/非常/给予了…肯定/表扬, or …肯定了/表扬了;
- 取得成绩: a result — 取得了/交出了…成绩/成效/进展/突破/成果, 总体平稳/稳中有进/稳中向好/持续向好/
  好于预期/成效明显/成效显著 (unless the clause asks for it: 要/确保/保持/力争/推动…, or the
  words describe someone: 成效明显的单位);
- 已完成: 已(经)完成了 / 已(经)实现了;
- 去年我们: 去年我们, 我们去年, 上年我局…;
- 数字: a figure — 12%, 百分之十, 增长了3个百分点, 前进了两个位次, 得92分, 分差/相差/高出…5分, and
  分差很小/不大/只有 (a margin nobody gave).
Conditional clauses (如果/一旦/是否/哪些/只要/凡是/才能/就会/可能…) state no fact and are allowed.

RANKED statements are allowed only where the brief's ranking decides them:
- direction: 名次/排名/位次/排位 with 上升/下降/提升/前移/后移/前进/后退/下滑/进位/退位/往前/往后/
  持平/一样/没变/不变/回落;
- band: 第一方阵/中上游/中下游/末位/倒数第二/倒数第三/榜首/垫底/名列前茅/位居前列, and 扩大领先/
  保持领先/巩固领先 (which presuppose a lead). A band word in a clause that only aims at it
  (要进入第一方阵, 力争走在前列, 不甘垫底) is allowed; the lead words never.
"Decided by the ranking" means: a material entry with a ``when:`` on direction, band or size,
or in a slot that every template says only under an ``{% if %}`` testing a rank fact
(direction, crisis, band, top, bottom, size, change, gap, target_state, may_extend_lead,
keep_lead, mixed, previous, current); template text under such an ``{% if %}``; or a clause
that prints a brief value (＿).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import BRIEF_VALUE, REPO, Shipped, shipped_texts

N = r"[0-9０-９一二三四五六七八九十两百千]"
C = r"[^，。！？；：,;!?\n]"  # a character inside one clause
BREAKS = "，。！？；：,;!?\n"

CLAIMS: dict[str, str] = {
    "具体名次": rf"第(?!一名)({N}+)名|(排|位列|位居|名列|排名|考了|拿到|夺得|获得?)(全[省市区县]|全系统)?第{N}+",
    "上级表扬": (
        rf"(得到|受到|获得|赢得)了{C}{{0,12}}(肯定|表扬|认可|好评|赞扬|称赞|表彰)"
        rf"|(上级|领导|党组|党委|省局|市局|省厅|市委|县委|区委|省委|市政府|县政府){C}{{0,8}}"
        rf"((都|多次|充分|高度|非常|给予了|专门){C}{{0,4}}(肯定|表扬|认可|好评|赞扬|称赞)"
        rf"|(肯定|表扬|认可|表彰)了)"
    ),
    "取得成绩": (
        rf"(取得|交出)了{C}{{0,12}}(成绩|成效|进展|突破|成果)"
        r"|(总体|整体)(平稳|向好|良好)|稳中有进|稳中向好|持续向好|好于预期|成效明显|成效显著"
    ),
    "已完成": r"已经?(完成|实现)了",
    "去年我们": r"(去年|上年|上一年)(我们|我局|全局|全县|全市|全区)|(我们|我局)(去年|上年)",
    "数字": (
        rf"\d+(\.\d+)?\s*[%％]|百分之{N}+"
        rf"|(增长|提高|提升|下降|减少|增加|前进|后退|上升|下滑|前移|后移)了?{N}+(\.\d+)?"
        rf"(个百分点|个位次|位|名|%|％|倍|成)"
        rf"|得{N}+(\.\d+)?分|(分差|相差|高出|落后|差了){C}{{0,4}}{N}+(\.\d+)?分"
        rf"|分差{C}{{0,3}}(很小|不大|较小|很大|只有|仅)"
    ),
}
RANKED: dict[str, str] = {
    "direction": (
        rf"(名次|排名|位次|排位){C}{{0,4}}(上升|下降|提升|前移|后移|前进|后退|下滑|进位|退位"
        r"|往前|往后|持平|一样|没变|不变|回落)"
    ),
    "band": (
        r"第一方阵|中上游|中下游|末位|倒数第[二三]|榜首|垫底|名列前茅|位居前列"
        r"|扩大领先|保持领先|巩固领先"
    ),
}
LEAD = re.compile("扩大领先|保持领先|巩固领先")
# a clause that asks for something, or supposes it, states no fact
ASKS = re.compile(
    r"要|确保|保持|力争|争取|推动|促进|努力|才能|必须|不能|不甘|冲|进入|挺进|跻身|迈入"
)
SUPPOSES = re.compile(
    r"如果|假如|一旦|是否|有没有|哪些|哪个|只要|只有|凡是|无论|哪怕|即使|能不能|会不会"
    r"|才能|才会|就会|就能|可能|将会"
)


def _clause(text: str, start: int, end: int) -> str:
    a, b = start, end
    while a > 0 and text[a - 1] not in BREAKS:
        a -= 1
    while b < len(text) and text[b] not in BREAKS:
        b += 1
    return text[a:b]


def claims_in(item: Shipped) -> list[str]:
    """Claims of fact in one shipped text, each as ``kind: clause``."""
    found = []
    for name, pattern in CLAIMS.items():
        for m in re.finditer(pattern, item.text):
            clause = _clause(item.text, m.start(), m.end())
            if SUPPOSES.search(clause):
                continue
            # a state asked for (要保持总体平稳), or describing someone (成效明显的单位)
            state = name == "取得成绩" and not m.group(0).startswith(("取得", "交出"))
            if state and (ASKS.search(clause) or item.text[m.end() : m.end() + 1] == "的"):
                continue
            found.append(f"{name}: {clause}")
    for name, pattern in RANKED.items():
        for m in re.finditer(pattern, item.text):
            clause = _clause(item.text, m.start(), m.end())
            if item.ranked[m.start()] or BRIEF_VALUE in clause or SUPPOSES.search(clause):
                continue
            if name == "band" and not LEAD.search(m.group(0)) and ASKS.search(clause):
                continue
            found.append(f"{name}: {clause}")
    return found


def test_shipped_material_and_templates_state_no_fact() -> None:
    texts = shipped_texts(REPO)
    assert sum(1 for t in texts if t.slot) > 500  # the material really was read
    assert any(t.where.endswith("speech.j2") for t in texts)
    offenders = [f"{t.where}  {c}" for t in texts for c in claims_in(t)]
    assert not offenders, "\n".join(offenders)


# --- the scan catches what it must, and lets honest text through ------------------------------

PLANTED_CLAIMS = [
    "这一成绩得到了上级的充分肯定。",
    "对我们的工作，市局党组都非常肯定。",
    "省局领导多次表扬了我们的做法。",
    "过去一年，各项工作取得了明显成效。",
    "当前各项工作总体平稳、稳中有进。",
    "我们在全省排名第三名。",
    "这次考核我们位列全省第5。",
    "今年我们的排名上升了3位。",
    "全年税收收入增长了12%，好于预期。",
    "我们这次得92.5分。",
    "和第一名的分差很小。",
    "去年我们完成了全部任务。",
    "目前已经完成了年度任务的一半。",
    "我局连续三年名列前茅。",
    "我们要在巩固优势中不断扩大领先。",
    "这次名次往后退了两位。",
]

HONEST = [
    "名次是一面镜子，照出了我们的长处，也照出了我们的短处。",
    "追赶不能平均用力，要在失分多的地方集中攻坚，在得分项上再多拿几分。",
    "大家心里都要装一张“进度表”：哪些任务已经完成，哪些正在攻坚，哪些还没起步。",
    "看成绩要用发展的眼光看，既要看到取得了什么，也要看到这些成绩是怎么取得的。",
    "向第一名看齐，不是一句口号。",
    "要以实打实的成绩赢得上级的肯定和群众的认可。",
    "确保经济运行总体平稳，是全年工作的底线。",
    "力争进入全省第一方阵，是大家共同的目标。",
    "如果已经完成了，就要回头看一看质量。",
    "只有把短板一块一块补上，位次才能真正往前走。",
    "一分部署，九分落实。",
    "对推进有力、成效明显的单位，要在评先评优中优先考虑。",
]


def _material(tmp_path: Path, entries: list[str], template: str = "") -> Path:
    folder = tmp_path / "templates" / "planted"
    folder.mkdir(parents=True)
    (folder / "material.yaml").write_text(
        "planted.slot:\n" + "".join(f"  - '{e}'\n" for e in entries), encoding="utf-8"
    )
    (folder / "speech.j2").write_text(template or "{{ say('planted.slot') }}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("claim", PLANTED_CLAIMS)
def test_a_planted_claim_in_material_is_caught(tmp_path: Path, claim: str) -> None:
    texts = shipped_texts(_material(tmp_path, [claim]))
    assert [c for t in texts for c in claims_in(t)], claim


@pytest.mark.parametrize("claim", PLANTED_CLAIMS)
def test_a_planted_claim_in_a_template_is_caught(tmp_path: Path, claim: str) -> None:
    template = "{% if meeting.name %}\n" + claim + "\n{% endif %}\n{{ meeting.we }}。\n"
    texts = shipped_texts(_material(tmp_path, ["一分部署，九分落实。"], template))
    assert [c for t in texts if t.where.endswith(".j2") for c in claims_in(t)], claim


def test_a_claim_inside_a_jinja_string_literal_is_caught(tmp_path: Path) -> None:
    template = '{{ s.who }}{{ "，这一成绩得到了上级的充分肯定" if s.did else "。" }}\n'
    texts = shipped_texts(_material(tmp_path, ["一分部署，九分落实。"], template))
    assert any("上级表扬" in c for t in texts for c in claims_in(t))


@pytest.mark.parametrize("sentence", HONEST)
def test_honest_exhortation_passes(tmp_path: Path, sentence: str) -> None:
    texts = shipped_texts(_material(tmp_path, [sentence], "{{ say('planted.slot') }}\n"))
    assert not [c for t in texts for c in claims_in(t)], sentence


def test_rank_talk_is_allowed_where_the_ranking_decides_it(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "ranked"
    folder.mkdir(parents=True)
    (folder / "material.yaml").write_text(
        "by.tag:\n  - {text: 名次往后退了，我们要警醒。, when: {direction: down}}\n"
        "by.template:\n  - 位次后移，说明我们有的工作没有跟上。\n"
        "  - 我们要在巩固优势中不断扩大领先。\n"
        "unguarded:\n  - 名次往后退了，我们要警醒。\n",
        encoding="utf-8",
    )
    (folder / "speech.j2").write_text(
        "{% if ranking.crisis %}{{ say('by.template') }}{% endif %}\n"
        "{% if ranking.direction == 'up' %}位次前移，靠的是大家的付出。{% endif %}\n"
        "我们排在第{{ ranking.current }}名，名次比上次{{ ranking.direction }}了。\n"
        "{{ say('unguarded') }}{{ say('by.tag') }}\n"
        "位次后移了，要找原因。\n",
        encoding="utf-8",
    )
    found = [f"{t.where} {c}" for t in shipped_texts(tmp_path) for c in claims_in(t)]
    assert len(found) == 2, found
    assert "unguarded" in found[0] and found[1].endswith("direction: 位次后移了")
