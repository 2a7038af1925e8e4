"""Shared base macros as a listener hears them: where the writer's own words go, how a
measure is expanded, how deadlines, examples, next steps and the closing are said.

Briefs are built inline; the base skeleton is exercised through the genres that use its
part loop and macros (situation, economy).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import body_paragraphs, material_entries, speech_of

HEAD = """\
template: {template}
meeting:
  name: 全市形势分析会
  organization: 滨江市税务局
  date: 2026-05-10
  audience: 各科室负责同志
{meeting}"""
RANKING = """\
ranking:
  assessment: 全省系统绩效考核
  previous: 3
  current: 9
  total: 13
"""
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
  - title: 清理积压件
    steps: [每月列出清单, 逐项对账销号]
    owner: 征管科
    deadline: 每季度一次
"""
PART_REMARK = "这一部分我多说一句：大家回去都要把账算清楚"
OPENING_REMARK = "这个会本来想早点开，推到了今天"
CLOSING_REMARK = "最后，祝大家工作顺利、身体健康"


def _brief(
    template: str = "situation", meeting: str = "", body: str = BODY, rank: bool = True
) -> str:
    return HEAD.format(template=template, meeting=meeting) + (RANKING if rank else "") + body


def _remarks(*places: str) -> str:
    lines = ["remarks:"]
    for place in places:
        text = {"opening": OPENING_REMARK, "closing": CLOSING_REMARK}.get(place, PART_REMARK)
        lines.append(f"  - {{at: {place}, text: {text}}}")
    return "\n".join(lines) + "\n"


def _paragraphs(tmp_path: Path, text: str, seed: int = 1) -> list[str]:
    return body_paragraphs(speech_of(tmp_path, text, seed=seed))


def _is_heading(text: str) -> bool:
    return bool(re.match(r"^[一二三四五六七八九十]+、", text))


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("number", [1, 2])
def test_part_remark_follows_the_parts_first_paragraph(
    tmp_path: Path, seed: int, number: int
) -> None:
    """The writer's words on a part are their own paragraph, early in the part, never glued."""
    paras = _paragraphs(tmp_path, _brief() + _remarks(f"parts.{number}"), seed)
    headings = [i for i, p in enumerate(paras) if _is_heading(p)]
    assert len(headings) == 2, paras
    at = paras.index(PART_REMARK + "。")
    start = headings[number - 1]
    # situation: after the result and the verdict; measures: after the part's opening paragraph
    assert at == start + (3 if number == 1 else 2), paras[start : at + 1]
    assert all(PART_REMARK not in p for i, p in enumerate(paras) if i != at)


def test_remarks_on_every_part_of_an_outline_keep_headings(tmp_path: Path) -> None:
    """A remark on each part of a five-part outline: every heading stays a heading."""
    outline = """\
outline:
  parts:
    - kind: situation
    - kind: strengths
    - kind: weaknesses
    - kind: measures
    - kind: custom
      heading: 几点要求
      text: [大家要把今天的部署带回去]
"""
    remarks = _remarks(*(f"parts.{n}" for n in range(1, 6)))
    paras = _paragraphs(tmp_path, _brief() + outline + remarks)
    headings = [p for p in paras if _is_heading(p)]
    assert len(headings) == 5, headings
    assert sum(p == PART_REMARK + "。" for p in paras) == 5
    assert not any("#" in p or "⁂" in p for p in paras)


def test_economy_part_remark_is_its_own_paragraph(tmp_path: Path) -> None:
    """The economy genre uses the base part loop too."""
    text = _brief("economy", "  level: 县\n", rank=False) + _remarks("parts.1", "parts.2")
    paras = _paragraphs(tmp_path, text)
    assert sum(p == PART_REMARK + "。" for p in paras) == 2
    for i, p in enumerate(paras):
        if p == PART_REMARK + "。":
            assert not _is_heading(paras[i - 1]), "a remark never opens a part before its intro"


def test_opening_remark_follows_the_purpose_and_closing_remark_ends(tmp_path: Path) -> None:
    paras = _paragraphs(tmp_path, _brief() + _remarks("opening", "closing"))
    first = paras[0]
    assert OPENING_REMARK in first
    assert first.index(OPENING_REMARK) < len(first) // 2, "said right after the purpose line"
    assert paras[-1] == CLOSING_REMARK + "。"
    assert paras[-2].startswith("同志们，")


def test_no_frank_line_where_the_writer_spoke(tmp_path: Path) -> None:
    """The stock candour (说实话、坦率地讲) is left out of a part the writer spoke in."""
    frank = [
        e["text"][:6]
        for e in material_entries("situation")["situation.alarm"]
        if "坦率" in str(e["when"].get("device"))
    ]
    for seed in range(8):
        paras = _paragraphs(tmp_path, _brief() + _remarks("parts.1"), seed)
        assert not any(f in p for p in paras for f in frank), seed


def test_leadership_body_speaks_in_the_closing_only_when_given(tmp_path: Path) -> None:
    with_body = _paragraphs(tmp_path, _brief(meeting="  leadership_body: 局党组\n"))
    closing = with_body[with_body.index(next(p for p in with_body if p.startswith("同志们"))) - 1]
    assert "局党组" in closing
    without = _paragraphs(tmp_path, _brief())
    assert not any("党组" in p for p in without)


def test_deadlines_are_said_plainly(tmp_path: Path) -> None:
    """No quoted deadline, no 完成到位; a recurring one is paced, not 前完成."""
    body = BODY + "  - title: 开展专项整治\n    owner: 稽查局\n    deadline: 2026-12-31\n"
    for seed in (1, 2, 3):
        text = "\n".join(_paragraphs(tmp_path, _brief(body=body), seed))
        assert "“每季度一次”" not in text and "完成到位" not in text
        assert re.search(r"要坚持每季度一次|每季度一次要雷打不动", text)
        assert "调度一次" not in text and "的节奏" not in text  # no cadence the brief never gave
        assert re.search(r"(?<!年)12月31日前(必须完成|完成|全部完成)", text)


def test_example_stays_beside_its_own_item(tmp_path: Path) -> None:
    body = BODY.replace(
        "  - 基层活力不足\n",
        "  - title: 基层活力不足\n    example: 有的分局一年没有开过一次业务研讨\n",
    )
    paras = _paragraphs(tmp_path, _brief(body=body))
    para = next(p for p in paras if "基层活力不足" in p and "一是" in p)
    first, second = para.index("一是"), para.index("二是")
    assert first < para.index("有的分局一年没有开过一次业务研讨") < second


def test_next_steps_name_a_shared_owner_once(tmp_path: Path) -> None:
    steps = """\
next_steps:
  - {when: 5月中旬, what: 组织到先进单位学习, who: 办公室}
  - {when: 6月上旬, what: 召开季度分析会, who: 办公室}
"""
    text = "\n".join(_paragraphs(tmp_path, _brief() + steps))
    assert text.count("办公室具体负责") == 1
    assert "这两件事都由办公室具体负责" in text


def _passages(slot: str = "measures.item") -> dict[str, dict]:
    return {e["text"]: e["when"] for e in material_entries("base")[slot]}


def test_measure_without_topic_gets_only_general_passages(tmp_path: Path) -> None:
    """A measure whose title names no topic is expanded by general passages only, and the
    协同 passages come only with co-owners."""
    passages = _passages()
    for seed in range(6):
        paras = _paragraphs(tmp_path, _brief(), seed)
        said = [t for t in passages if any(t in p for p in paras)]
        for text in said:
            topic = passages[text].get("topic")
            assert topic in ("一般", ["一般"]) or "队伍" in str(topic), (seed, text)
            assert "协同" not in str(topic), text


def test_co_owners_bring_the_coordination_passage(tmp_path: Path) -> None:
    body = BODY.replace("    owner: 征管科\n", "    owner: 征管科\n    co_owners: [各分局]\n")
    passages = {t for t, w in _passages().items() if "协同" in str(w.get("topic"))}
    found = 0
    for seed in range(4):
        paras = _paragraphs(tmp_path, _brief(body=body), seed)
        measure = next(p for p in paras if "清理积压件" in p and "征管科" in p)
        found += any(t in measure for t in passages)
    assert found >= 3


def test_passages_are_whole_and_substantial() -> None:
    """Each measure passage is one substantive piece (60–150 spoken characters), and every
    entry is tagged with a topic so a measure never gets one meant for another topic."""
    for text, when in _passages().items():
        size = sum(ch.isalnum() for ch in re.sub(r"\{\{.*?\}\}", "", text))
        assert 60 <= size <= 150, text
        assert "topic" in when, text
        assert not text.startswith("这项工作"), text


def test_situation_headings_promise_nothing_the_body_omits() -> None:
    """No 机遇 in a heading set: the body never speaks of opportunities it was not given."""
    from speechgen.templating.material import load_library

    library = load_library([Path(__file__).resolve().parents[2] / "templates" / "situation"])
    for entry in library.entries("headings.sections"):
        assert "机遇" not in entry.text


def test_no_stock_focus_without_measures(tmp_path: Path) -> None:
    """With fewer than two measures there is nothing to focus on: no 重点 sub-point of stock
    lines (it used to fill the part with 统筹兼顾 sentences the brief never supported)."""
    from helpers import material

    focus = [h.split("｜")[2] for h in material("situation", "headings.sections")]
    one = BODY.split("  - title: 清理积压件")[0]
    for body in (one, "strengths:\n  - 征管质效提升\n"):
        paras = _paragraphs(tmp_path, _brief(body=body))
        assert not any(p.startswith(tuple(focus)) or any(f in p for f in focus) for p in paras)


def test_focus_counts_the_measures_it_points_to(tmp_path: Path) -> None:
    """The focus sub-point names how many tasks this meeting sets, never a number it lacks."""
    paras = _paragraphs(tmp_path, _brief())
    focus = next(p for p in paras if p.startswith("（三）"))
    assert "两项任务" in focus


def test_no_two_sentences_in_a_row_open_alike(tmp_path: Path) -> None:
    """这项工作 / 这件事 / 下面 / 借此机会 / 同志们 never open two sentences in a row."""
    openers = ("这项工作", "这件事", "下面", "借此机会", "同志们")
    thin = BODY + "  - title: 充实基层执法力量\n    owner: 人事科\n    deadline: 年底前\n"
    for seed in range(6):
        text = "\n".join(_paragraphs(tmp_path, _brief(body=thin), seed))
        said = re.findall(r"[^。！？\n]+[。！？]", text)
        for first, second in zip(said, said[1:], strict=False):
            for opener in openers:
                assert not (first.startswith(opener) and second.startswith(opener)), (first, second)
