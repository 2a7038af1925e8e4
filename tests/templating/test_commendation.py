"""The built-in commendation template (总结表彰会): structure, praise, congratulations, ranks, prose."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.facade import RenderSettings, build_draft
from speechgen.speech.blocks import Heading, Paragraph

from helpers import spoken_chars, spoken_sentences, write_brief

HEAD = """\
template: commendation
options:
  honorees: [征管科等四个先进集体, 陈晓岚等十二名先进工作者]
meeting:
  name: 2025年度工作总结表彰会
  organization: 青川市税务局
  date: 2026-01-16
  speaker: 赵文博
  audience: 全体干部职工
"""
DECISION = """\
  prior_speakers:
    - who: 王海涛同志
      did: 宣读了表彰决定
      kind: decision
"""
STRENGTHS = """\
strengths:
  - title: 重点改革任务落地见效
    detail: 承接的五项省级改革试点全部通过验收
    example: 试点小组三个月里跑遍了全市十一个办税服务厅
  - title: 纳税服务质量稳步提升
    detail: 纳税人满意度连续三个季度保持在98%以上
  - 全年未发生重大安全责任事故
"""
PRAISE = """\
praise:
  - who: 征管科
    for: 牵头推行“非接触式”办税，线上办税率提高到九成以上
  - who: 第二税务分局的陈晓岚同志
    for: 扎根窗口一线十二年，没有一次有效投诉
"""
WEAKNESSES = """\
weaknesses:
  - title: 创新成果转化不够
    detail: 不少好的做法停留在试点
  - 个别单位工作标准不高
"""
MEASURES = """\
measures:
  - title: 在深化改革上再突破
    why: 试点经验还停留在点上
    points: [全面推开试点经验, 每半年总结一次改革成效]
    owner: 法规科
    deadline: 2026-12-31
  - title: 在服务提质上再加力
    steps: [梳理高频办税事项, 推行“一次办好”清单, 开展满意度回访]
    owner: 纳税服务科
    co_owners: [各税务分局]
    deadline: 9月底前
    target: 纳税人满意度保持在98%以上
  - title: 在数据质量上再提升
    owner: 信息中心
    deadline: 每月
  - title: 在队伍建设上再发力
    points: [开展岗位练兵, 选树一批业务骨干]
    owner: 人事科
    deadline: 长期坚持
"""
RICH = HEAD + "  minutes: 15\n" + DECISION + STRENGTHS + PRAISE + WEAKNESSES + MEASURES
CN = {"两": 2, "三": 3, "四": 4}


def _draft(tmp_path: Path, text: str, seed: int | None = None, name: str = "b.yaml"):
    return build_draft(write_brief(tmp_path, text, name), RenderSettings(seed=seed))


def _text(draft) -> str:
    return draft.text("txt")


def _parts(draft) -> list[Heading]:
    return [b for b in draft.blocks if isinstance(b, Heading) and b.level == 1]


def _part_texts(draft) -> list[str]:
    """The text of each level-1 part (heading and body), in order."""
    out: list[list[str]] = []
    for block in draft.blocks:
        if isinstance(block, Heading) and block.level == 1:
            out.append([block.text])
        elif out and isinstance(block, (Heading, Paragraph)):
            lead = block.lead if isinstance(block, Paragraph) else ""
            out[-1].append(lead + block.text)
    return ["\n".join(p) for p in out]


def _sub_titles(draft, part_number: str) -> list[str]:
    """The （一）-style sub-point titles inside the part numbered ``part_number`` (一、…)."""
    inside, titles = False, []
    for b in draft.blocks:
        if isinstance(b, Heading) and b.level == 1:
            inside = b.number == part_number
        elif inside and isinstance(b, Paragraph) and b.heading is not None:
            titles.append(b.heading.text)
    return titles


def _body(text: str) -> str:
    return text.split("同志们：", 1)[1]


def test_default_outline_reviews_learns_and_sets_goals(tmp_path: Path) -> None:
    draft = _draft(tmp_path, RICH)
    text = _text(draft)
    parts = _parts(draft)
    announced = re.search(r"讲([两三四])点意见", text)
    assert announced is not None and CN[announced.group(1)] == len(parts) == 3
    review, learning, goals = _part_texts(draft)
    assert _sub_titles(draft, "一、") == [
        "重点改革任务落地见效",
        "纳税服务质量稳步提升",
        "全年未发生重大安全责任事故",
    ]
    assert "试点小组三个月里跑遍了全市十一个办税服务厅" in review
    assert "征管科" in learning and "陈晓岚" in learning
    assert "创新成果转化不够" in goals and "当前存在的问题主要有两个方面：" in goals
    assert [t for t in _sub_titles(draft, "三、")] == [
        "在深化改革上再突破",
        "在服务提质上再加力",
        "在数据质量上再提升",
        "在队伍建设上再发力",
    ]
    for residue in ("{{", "}}", "{%", "None", "%%", "&#", "，。", "。。"):
        assert residue not in text


def test_praise_is_said_by_name_in_the_learning_part(tmp_path: Path) -> None:
    learning = _part_texts(_draft(tmp_path, RICH))[1]
    # two or more praised: each is told under the quality the deed shows (review K)
    assert "我要点名表扬两个先进典型：" not in learning
    assert "征管科牵头推行“非接触式”办税，线上办税率提高到九成以上，" in learning
    assert "第二税务分局的陈晓岚同志扎根窗口一线十二年，没有一次有效投诉，" in learning
    # the honorees were named when the speaker congratulated them: not read out again
    assert "征管科等四个先进集体和陈晓岚等十二名先进工作者" not in learning
    assert (
        _text(_draft(tmp_path, RICH)).count("征管科等四个先进集体和陈晓岚等十二名先进工作者") == 1
    )


def test_a_speaker_who_congratulates_is_not_echoed(tmp_path: Path) -> None:
    """The writer's opening remark congratulates: no second 祝贺, and the list is read in part 二."""
    brief = RICH + (
        "remarks:\n  - at: opening\n    text: 借这个机会，我代表局党委，向受到表彰的同志们表示热烈祝贺！\n"
    )
    draft = _draft(tmp_path, brief)
    text = _text(draft)
    assert text.count("祝贺") == 1
    first = spoken_sentences(_body(text).strip().split("\n")[0])
    # right after the purpose line (one or two sentences), before any stock sentence
    assert "借这个机会，我代表局党委，向受到表彰的同志们表示热烈祝贺！" in first[1:3], first
    learning = _part_texts(draft)[1]
    assert "征管科等四个先进集体和陈晓岚等十二名先进工作者" in learning


def test_one_praised_unit_is_not_counted(tmp_path: Path) -> None:
    one = RICH.replace(PRAISE, PRAISE.split("  - who: 第二")[0])
    learning = _part_texts(_draft(tmp_path, one))[1]
    assert "我要特别点名表扬征管科：牵头推行" in learning
    assert "两个" not in learning and "一个先进典型" not in learning


def test_a_decision_read_out_is_answered_with_congratulations(tmp_path: Path) -> None:
    opening = _body(_text(_draft(tmp_path, RICH))).split("一、")[0]
    assert "刚才，王海涛同志宣读了表彰决定。" in opening
    assert re.search(
        r"我对受到表彰的征管科等四个先进集体和陈晓岚等十二名先进工作者表示热烈祝贺！", opening
    )
    for wrong in ("讲得很全面", "我都赞同", "认真抓好贯彻落实", "讲得很实在"):
        assert wrong not in opening


def test_congratulations_on_behalf_of_a_body(tmp_path: Path) -> None:
    brief = RICH.replace(
        "  audience: 全体干部职工\n", "  audience: 全体干部职工\n  on_behalf_of: 局党委\n"
    )
    opening = _body(_text(_draft(tmp_path, brief))).split("一、")[0]
    assert "我代表局党委，对受到表彰的征管科等四个先进集体" in opening
    without = _body(_text(_draft(tmp_path, RICH, name="c.yaml"))).split("一、")[0]
    assert "我代表" not in without


def test_without_honorees_the_congratulations_are_general(tmp_path: Path) -> None:
    brief = RICH.replace(
        "options:\n  honorees: [征管科等四个先进集体, 陈晓岚等十二名先进工作者]\n", ""
    )
    assert "对受到表彰的先进集体和先进个人表示热烈祝贺！" in _text(_draft(tmp_path, brief))


def test_plain_speakers_are_joined_once(tmp_path: Path) -> None:
    brief = HEAD + "  prior_speakers: [张局长, 李书记, 王主任]\n" + STRENGTHS + MEASURES
    text = _text(_draft(tmp_path, brief))
    assert "刚才，张局长、李书记和王主任分别作了发言。" in text
    assert text.count("作了发言") == 1


RANKING = "ranking:\n  assessment: 全省税务系统绩效考核\n{ranks}"


@pytest.mark.parametrize(
    ("ranks", "wanted", "unwanted"),
    [
        (
            "  previous: 9\n  current: 5\n  total: 13\n",
            ["从第9名上升到第5名", "在13个参评单位中处于中上游"],
            ["第一方阵", "榜首", "领先", "近年来", "少有", "最好成绩", "历史最好"],
        ),
        (
            "  previous: 3\n  current: 1\n  total: 13\n",
            ["在13个参评单位中位居榜首", "领先"],
            ["中上游", "近年来"],
        ),
        (
            "  previous: 12\n  current: 10\n  total: 13\n",
            ["从第12名上升到第10名", "处于中下游"],
            ["第一方阵", "中上游", "领先", "守位更难"],
        ),
        (
            "  previous: 9\n  current: 7\n",
            ["从第9名上升到第7名"],
            ["参评单位", "中上游", "中下游", "第一方阵", "领先", "（共"],
        ),
    ],
)
def test_a_rise_claims_no_more_than_the_brief(tmp_path: Path, ranks, wanted, unwanted) -> None:
    brief = HEAD + STRENGTHS + MEASURES + RANKING.format(ranks=ranks)
    for seed in (0, 1, 2):
        text = _body(_text(_draft(tmp_path, brief, seed)))
        for w in wanted:
            assert w in text, (seed, w)
        for w in unwanted:
            assert w not in text, (seed, w)


def test_a_fall_is_faced_and_the_target_gap_stated(tmp_path: Path) -> None:
    ranks = "  previous: 3\n  current: 7\n  total: 13\n  target: 保四争三\n"
    text = _text(_draft(tmp_path, HEAD + STRENGTHS + MEASURES + RANKING.format(ranks=ranks)))
    assert "从第3名下降到第7名" in text
    assert "的目标是保四争三，对照这个目标，还要再前进四个位次。" in text
    assert "戒骄戒躁" not in text and "扩大领先" not in text


def test_no_ranking_says_nothing_about_ranks(tmp_path: Path) -> None:
    for seed in (0, 1, 2, 3):
        text = _text(_draft(tmp_path, RICH, seed))
        for word in ("名次", "位次", "排名", "参评", "领先", "第一方阵"):
            assert word not in text, (seed, word)


def test_without_strengths_no_result_is_praised(tmp_path: Path) -> None:
    brief = HEAD + DECISION + MEASURES
    for seed in (0, 1, 2):
        review = _part_texts(_draft(tmp_path, brief, seed))[0]
        for claim in ("这些成绩的取得", "成绩单", "这项成绩", "这个成绩", "有目共睹"):
            assert claim not in review, (seed, claim)


@pytest.mark.parametrize(
    ("deadline", "kind_words", "never"),
    [
        ("2026-12-31", ["务必在12月31日前拿出"], ["久久为功", "常抓不懈", "一年接着一年"]),
        ("9月底前", ["务必在9月底前拿出实实在在的成果"], ["久久为功", "常抓不懈", "一年接着"]),
        ("三季度末", ["务必在三季度末拿出实实在在的成果"], ["久久为功", "常抓不懈", "末前"]),
        (
            "每月",
            ["每月都要拿出新的进展"],
            ["前完成", "按时完成", "倒排工期", "前拿出", "调度一次"],
        ),
        (
            "每季度一次",
            ["时间上坚持每季度一次，形成常态"],
            ["前完成", "按时完成", "“", "要求", "调度"],
        ),
        ("长期坚持", ["要长期坚持，一年接着一年抓"], ["前完成", "按时完成", "倒排工期", "前拿出"]),
    ],
)
def test_deadline_wording_follows_its_kind(tmp_path: Path, deadline, kind_words, never) -> None:
    brief = (
        HEAD
        + f"measures:\n  - title: 抓好数据治理\n    owner: 信息中心\n    deadline: {deadline}\n"
    )
    for seed in (0, 1, 2):
        text = _text(_draft(tmp_path, brief, seed))
        sentence = next(s for s in spoken_sentences(text) if "信息中心牵头" in s)
        for w in kind_words:
            assert w in sentence, (seed, sentence)
        for w in never:
            assert w not in sentence, (seed, sentence)


def test_seeds_vary_the_body_and_a_seed_is_reproducible(tmp_path: Path) -> None:
    one = _body(_text(_draft(tmp_path, RICH, 1)))
    assert one == _body(_text(_draft(tmp_path, RICH, 1)))
    two = _body(_text(_draft(tmp_path, RICH, 2)))
    first, second = spoken_sentences(one), set(spoken_sentences(two))
    changed = sum(1 for s in first if s not in second)
    assert changed >= 0.3 * len(first), (changed, len(first))


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_no_sentence_is_said_twice(tmp_path: Path, seed: int) -> None:
    brief = RICH.replace("minutes: 15", "minutes: 25")
    sentences = spoken_sentences(_body(_text(_draft(tmp_path, brief, seed))))
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated


@pytest.mark.parametrize("minutes", [11, 13])
def test_a_rich_brief_lands_near_its_minutes(tmp_path: Path, minutes: int) -> None:
    brief = RICH.replace("minutes: 15", f"minutes: {minutes}")
    length = spoken_chars(_text(_draft(tmp_path, brief)))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length


def test_minutes_the_brief_cannot_fill_are_not_padded(tmp_path: Path) -> None:
    draft = _draft(tmp_path, RICH.replace("minutes: 15", "minutes: 30"))
    sentences = spoken_sentences(_body(_text(draft)))
    assert spoken_chars(_text(draft)) < 0.85 * 30 * 220
    assert not {s for s in sentences if sentences.count(s) > 1}
    note = draft.length_note()
    assert note is not None and "可以在简报里补充" in note


def test_outline_may_leave_out_the_learning_part(tmp_path: Path) -> None:
    brief = RICH + "outline:\n  parts:\n    - kind: situation\n    - kind: focus\n"
    draft = _draft(tmp_path, brief)
    text = _text(draft)
    assert len(_parts(draft)) == 2 and "讲两点意见" in text
    opening = _body(text).split("一、")[0]
    assert "征管科牵头推行“非接触式”办税" in opening
    assert "以先进为" not in text and "学习他们" not in text and "学担当" not in text


def test_without_praise_the_default_outline_has_no_learning_part(tmp_path: Path) -> None:
    draft = _draft(tmp_path, HEAD + DECISION + STRENGTHS + MEASURES)
    assert len(_parts(draft)) == 2
    assert "征管科等四个先进集体" in _text(draft)


def test_shouxian_numbering_refrain_and_a_custom_part(tmp_path: Path) -> None:
    outline = """\
outline:
  numbering: 首先
  refrain: 奋力争先
  parts:
    - kind: situation
      items: 一是
    - kind: learning
    - kind: custom
      heading: 弘扬新风正气，营造干事创业的浓厚氛围
      text: [风气正，则人心齐；人心齐，则事业兴。, 各部门要把好风气带到日常工作中去。]
    - kind: measures
      items: 一要
"""
    draft = _draft(tmp_path, RICH + outline)
    text = _text(draft)
    heads = [h.number + h.text for h in _parts(draft)]
    assert [h[:3] for h in heads] == ["首先，", "其次，", "再次，", "最后，"]
    assert all(h.endswith("，奋力争先") for h in heads)
    assert "再次，弘扬新风正气，营造干事创业的浓厚氛围，奋力争先" in heads
    assert "风气正，则人心齐；人心齐，则事业兴。" in text
    assert "一是重点改革任务落地见效。" in text and "一要在深化改革上再突破。" in text
    assert "讲四点意见" in text


def test_inline_substyle_and_chinese_dates(tmp_path: Path) -> None:
    brief = RICH.replace("options:\n", "options:\n  substyle: inline\n  date_style: chinese\n")
    text = _text(_draft(tmp_path, brief))
    assert "一是重点改革任务落地见效。" in text and "（一）" not in text
    assert (
        "二〇二六年一月十六日" in text
        and "十二月三十一日前" in text
        and "二〇二六年十二月" not in text
    )
    reform = next(p for p in text.splitlines() if p.startswith("一是在深化改革上再突破"))
    assert reform.count("一是") == 1 and "全面推开试点经验；每半年总结一次改革成效。" in reform


def test_weaknesses_open_the_goals_part_or_close_the_review(tmp_path: Path) -> None:
    brief = HEAD + STRENGTHS + PRAISE + WEAKNESSES.split("  - 个别")[0]
    said = "比较突出的问题是，创新成果转化不够，不少好的做法停留在试点。"
    for seed in (0, 1, 2):
        goals = _part_texts(_draft(tmp_path, brief, seed))[-1]
        assert said in goals and "这些问题" not in goals
    no_goals = brief + "outline:\n  parts:\n    - kind: situation\n    - kind: learning\n"
    review = _part_texts(_draft(tmp_path, no_goals, name="c.yaml"))[0]
    assert said in review


def test_theme_body_next_steps_and_remarks_are_said(tmp_path: Path) -> None:
    brief = RICH.replace(
        "  audience: 全体干部职工\n",
        "  audience: 全体干部职工\n  theme: 提质增效年\n  leadership_body: 局党委\n",
    ) + (
        "next_steps:\n  - {when: 2月底前, what: 召开改革试点经验推广会, who: 法规科}\n"
        "remarks:\n  - {at: opening, text: 今天会场上坐着的很多都是老面孔}\n"
        "  - {at: measures.2, text: 这件事我会亲自盯}\n"
        "  - {at: closing, text: 明年这个时候，我希望站到台上的同志更多一些！}\n"
    )
    text = _text(_draft(tmp_path, brief))
    for said in (
        "“提质增效年”",
        "局党委",
        "2月底前，召开改革试点经验推广会，由法规科具体负责。",
        "今天会场上坐着的很多都是老面孔。",
        "这件事我会亲自盯。",
        "明年这个时候，我希望站到台上的同志更多一些！",
    ):
        assert said in text, said
    assert "更多一些！。" not in text


def test_a_county_speech_closes_for_the_county(tmp_path: Path) -> None:
    brief = (
        HEAD.replace("organization: 青川市税务局", "organization: 中共青川县委")
        + "  level: 县\n"
        + STRENGTHS
        + MEASURES
    )
    for seed in (0, 1, 2, 3):
        closing = _text(_draft(tmp_path, brief, seed)).strip().splitlines()[-1]
        assert "中共青川县委" not in closing and "全县" in closing, closing


def test_minimal_brief_reads_whole(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path, "template: commendation\nmeeting:\n  name: 表彰会\n  organization: 某局\n"
    )
    text = _text(draft)
    # nothing to set goals with: one part (the review), no stock goals part, no announcement
    assert len(_parts(draft)) == 1 and "点意见" not in text
    assert "对受到表彰的先进集体和先进个人表示热烈祝贺！" in text
    assert text.rstrip().endswith("！")


@pytest.mark.parametrize("template", ["commendation", "warning"])
def test_every_heading_set_shares_one_skeleton(template: str) -> None:
    """Sibling headings come from one set; each set's headings have the same sentence shape."""
    from speechgen.checks.skeleton import skeleton
    from speechgen.templating.material import load_library
    from speechgen.templating.registry import builtin_root

    library = load_library([builtin_root() / template])
    sets = [e for entries in library.slots.values() for e in entries if e.heading_set]
    assert len(sets) >= 6
    for entry in sets:
        shapes = {skeleton(text).clauses for _, text in entry.heading_set}
        assert len(shapes) == 1, entry.heading_set
