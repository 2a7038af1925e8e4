"""The built-in warning template (警示教育会): cases, defences, remedies; no ranking race, no invented facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.facade import RenderSettings, build_draft
from speechgen.speech.blocks import Heading, Paragraph

from helpers import spoken_chars, spoken_sentences, write_brief

HEAD = """\
template: warning
meeting:
  name: 全局警示教育大会
  organization: 青川市自然资源局
  date: 2026-04-20
  speaker: 李明远
  audience: 全体干部职工
"""
SPEAKERS = """\
  prior_speakers:
    - who: 警示教育片《贪欲之害》
      kind: video
    - who: 驻局纪检监察组刘建华组长
      did: 通报了三起典型案例
      kind: report
"""
CASES = """\
cases:
  - who: 某区原不动产登记中心主任张某
    what: 利用办理不动产登记的职务便利为他人谋利，收受财物共计48万元
    result: 被开除党籍、开除公职，以受贿罪被判处有期徒刑四年
    lesson: 审批权越是集中，越要有人盯、有制度管
  - who: 某县自然资源所原所长王某
    what: 多次接受管理服务对象安排的宴请，收受购物卡等礼品礼金
    result: 受到党内严重警告处分，被免去所长职务
    lesson: 作风上的“小节”，恰恰是廉洁上的“大节”
  - who: 局机关某科室干部赵某
    what: 长期公车私用，并虚报差旅费2.3万元
    result: 受到政务记过处分
"""
WEAKNESSES = """\
weaknesses:
  - title: 审批环节监督还不够
    detail: 部分审批事项仍由一人经办到底
  - 个别干部对“小节”不以为然
"""
MEASURES = """\
measures:
  - title: 开展廉政风险点全面排查
    why: 案件暴露出审批环节一人说了算的问题
    steps: [各科室自查岗位风险点, 纪检组逐科室过筛, 形成全局风险点清单]
    owner: 办公室
    co_owners: [驻局纪检监察组]
    deadline: 6月底前
  - title: 修订完善不动产登记审批制度
    points: [实行A、B岗交叉审核, 重要审批事项全程留痕]
    owner: 不动产登记中心
    deadline: 2026-09-30
    target: 审批事项“一人经办到底”的情况全部清零
  - title: 常态化开展廉政谈话提醒
    owner: 人事科
    deadline: 每季度一次
  - title: 持续整治违规吃喝问题
    owner: 驻局纪检监察组
    deadline: 长期坚持
"""
RICH = HEAD + "  minutes: 15\n" + SPEAKERS + CASES + WEAKNESSES + MEASURES
RACE = ("硬仗", "你追我赶", "位次", "标兵", "追兵", "赶超", "争先进位", "比学赶超", "排名", "名次")
LEADERS_ONLY = ("以上率下", "靠前指挥", "亲自抓", "亲自过问", "带头执行", "以身作则")


def _draft(tmp_path: Path, text: str, seed: int | None = None, name: str = "b.yaml"):
    return build_draft(write_brief(tmp_path, text, name), RenderSettings(seed=seed))


def _text(draft) -> str:
    return draft.text("txt")


def _body(text: str) -> str:
    return text.split("同志们：", 1)[1]


def _parts(draft) -> list[Heading]:
    return [b for b in draft.blocks if isinstance(b, Heading) and b.level == 1]


def _part_texts(draft) -> list[str]:
    out: list[list[str]] = []
    for block in draft.blocks:
        if isinstance(block, Heading) and block.level == 1:
            out.append([block.text])
        elif out and isinstance(block, (Heading, Paragraph)):
            lead = block.lead if isinstance(block, Paragraph) else ""
            out[-1].append(lead + block.text)
    return ["\n".join(p) for p in out]


def _points(draft, part_number: str) -> list[tuple[str, str]]:
    """``(title, paragraph)`` of each （一）-style sub-point inside the part ``part_number``."""
    inside, found = False, []
    for b in draft.blocks:
        if isinstance(b, Heading) and b.level == 1:
            inside = b.number == part_number
        elif inside and isinstance(b, Paragraph) and b.heading is not None:
            found.append((b.heading.text, b.text))
    return found


def test_default_outline_learns_from_cases_then_guards_then_remedies(tmp_path: Path) -> None:
    draft = _draft(tmp_path, RICH)
    text = _text(draft)
    assert len(_parts(draft)) == 3 and "讲三点意见" in text
    cases = _points(draft, "一、")
    # the heading names the case by its short name; the paragraph says who the person was
    assert [title for title, _ in cases] == ["张某案", "王某案", "赵某案"]
    first = cases[0][1]
    assert first.startswith(
        "某区原不动产登记中心主任张某利用办理不动产登记的职务便利为他人谋利，收受财物共计48万元，"
        "被开除党籍、开除公职，以受贿罪被判处有期徒刑四年。"
    )
    assert "审批权越是集中，越要有人盯、有制度管。" in first
    assert "作风上的“小节”，恰恰是廉洁上的“大节”。" in cases[1][1]
    assert len(_points(draft, "二、")) == 3
    assert [t for t, _ in _points(draft, "三、")] == [
        "开展廉政风险点全面排查",
        "修订完善不动产登记审批制度",
        "常态化开展廉政谈话提醒",
        "持续整治违规吃喝问题",
    ]
    remedies = _part_texts(draft)[2]
    assert (
        "主要有两个方面的问题：一是审批环节监督还不够，部分审批事项仍由一人经办到底；" in remedies
    )
    for residue in ("{{", "}}", "{%", "None", "%%", "&#", "，。", "。。"):
        assert residue not in text


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("extra", ["", "  level: 县\n  audience_role: 领导干部\n"])
def test_no_ranking_race_anywhere(tmp_path: Path, seed: int, extra: str) -> None:
    text = _text(_draft(tmp_path, RICH.replace("  minutes: 15\n", "  minutes: 25\n" + extra), seed))
    for word in RACE:
        assert word not in text, (seed, word)


@pytest.mark.parametrize(
    ("section", "name"),
    [
        ("ranking:\n  assessment: 党风廉政建设考核\n  current: 3\n", "ranking"),
        ("praise:\n  - who: 办公室\n    for: 廉政建设成效明显\n", "praise"),
        ("strengths:\n  - 全年未发生违纪案件\n", "strengths"),
    ],
)
def test_sections_a_warning_speech_never_says_are_refused(invoke, tmp_path, section, name) -> None:
    brief = write_brief(tmp_path, RICH + section)
    result = invoke("render", brief, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2, result.stdout
    assert name in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_leader_only_demands_only_for_leaders(tmp_path: Path) -> None:
    leaders = RICH.replace("  audience: 全体干部职工\n", "  audience: 全局领导干部\n")
    seen = False
    for seed in range(5):
        staff = _text(_draft(tmp_path, RICH, seed))
        for word in LEADERS_ONLY:
            assert word not in staff, (seed, word)
        led = _text(_draft(tmp_path, leaders, seed, name="l.yaml"))
        seen = seen or any(word in led for word in LEADERS_ONLY)
        assert "领导干部" in led
    assert seen


def test_a_decision_read_out_is_a_disciplinary_one(tmp_path: Path) -> None:
    brief = RICH.replace(
        SPEAKERS, "  prior_speakers:\n    - who: 局办公室主任\n      kind: decision\n"
    )
    for seed in range(4):
        opening = _body(_text(_draft(tmp_path, brief, seed))).split("一、")[0]
        assert "局办公室主任宣读了处分决定" in opening
        for wrong in ("表彰", "祝贺", "先进"):
            assert wrong not in opening, (seed, wrong)


ALWAYS_NEVER = ["一阵风", "“"]


@pytest.mark.parametrize(
    ("title", "deadline", "kind_words", "never"),
    [
        ("开展廉政谈话", "2026-09-30", ["务必在9月30日前完成"], ["久久为功", "常抓不懈"]),
        ("开展廉政谈话", "2027-03-31", ["务必在2027年3月31日前完成"], ["常抓不懈"]),
        ("开展廉政谈话", "6月底前", ["务必在6月底前完成"], ["久久为功", "常抓不懈"]),
        ("开展廉政谈话", "三季度末", ["务必在三季度末完成"], ["久久为功", "常抓不懈", "末前"]),
        ("整治违规吃喝问题", "6月底前", ["务必在6月底前整改到位"], ["常抓不懈"]),
        (
            "开展廉政谈话",
            "每季度一次",
            ["坚持每季度一次，形成常态"],
            ["前完成", "按时完成", "倒排工期", "整改到位"],
        ),
        (
            "开展廉政谈话",
            "每月",
            ["坚持每月开展一次"],
            ["前完成", "按时完成", "倒排工期", "整改到位"],
        ),
        ("开展廉政谈话", "长期坚持", ["要长期坚持、常抓不懈"], ["前完成", "按时完成", "整改到位"]),
    ],
)
def test_deadline_wording_follows_its_kind(
    tmp_path: Path, title: str, deadline: str, kind_words: list[str], never: list[str]
) -> None:
    brief = (
        HEAD
        + CASES
        + (f"measures:\n  - title: {title}\n    owner: 人事科\n    deadline: {deadline}\n")
    )
    for seed in (0, 1, 2):
        text = _text(_draft(tmp_path, brief, seed))
        sentence = next(s for s in spoken_sentences(text) if "人事科牵头" in s)
        for w in kind_words:
            assert w in sentence, (seed, sentence)
        for w in never + ALWAYS_NEVER:
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
    assert not {s for s in sentences if sentences.count(s) > 1}


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


def test_one_case_is_not_counted_as_several(tmp_path: Path) -> None:
    one_case = CASES.split("  - who: 某县")[0]
    for seed in range(4):
        draft = _draft(tmp_path, HEAD + one_case + MEASURES, seed)
        part = _part_texts(draft)[0]
        assert "某区原不动产登记中心主任张某利用办理" in part
        assert not re.search(r"这[两三四五几]起|这些案件|几起", part), (seed, part)
        assert _points(draft, "一、") == []


def test_one_weakness_is_not_called_these_problems(tmp_path: Path) -> None:
    brief = HEAD + CASES + WEAKNESSES.split("  - 个别")[0] + MEASURES
    for seed in range(4):
        remedies = _part_texts(_draft(tmp_path, brief, seed))[-1]
        assert "比较突出的是，审批环节监督还不够，部分审批事项仍由一人经办到底。" in remedies
        assert "这些问题" not in remedies and "两个方面" not in remedies


def test_without_cases_the_default_outline_starts_with_the_defences(tmp_path: Path) -> None:
    draft = _draft(tmp_path, HEAD + MEASURES)
    assert len(_parts(draft)) == 2
    asked = HEAD + MEASURES + "outline:\n  parts:\n    - kind: cases\n    - kind: measures\n"
    part = _part_texts(_draft(tmp_path, asked, name="c.yaml"))[0]
    assert "案件" in part and "这起" not in part and "这三起" not in part


def test_outline_variants(tmp_path: Path) -> None:
    outline = """\
outline:
  numbering: 首先
  refrain: 警钟长鸣
  parts:
    - kind: cases
      items: 一是
    - kind: focus
    - kind: weaknesses
    - kind: custom
      heading: 从严从实加强干部日常管理监督
      text: [管是严管，也是厚爱。]
    - kind: measures
      items: 一要
"""
    with pytest.raises(Exception) as too_many:
        _draft(tmp_path, RICH + outline)
    assert "首先" in str(too_many.value) or "四" in str(too_many.value)
    four = outline.replace("    - kind: weaknesses\n", "")
    draft = _draft(tmp_path, RICH + four, name="c.yaml")
    text = _text(draft)
    heads = [h.number + h.text for h in _parts(draft)]
    assert [h[:3] for h in heads] == ["首先，", "其次，", "再次，", "最后，"]
    assert all(h.endswith("，警钟长鸣") for h in heads)
    assert "管是严管，也是厚爱。" in text
    assert "一是张某案。某区原不动产登记中心主任张某利用" in text
    assert "一要开展廉政风险点全面排查。" in text
    assert len(_points(draft, "其次，")) == 3
    assert "讲四点意见" in text


def test_weaknesses_as_their_own_part(tmp_path: Path) -> None:
    brief = (
        RICH
        + "outline:\n  parts:\n    - kind: cases\n    - kind: weaknesses\n    - kind: measures\n"
    )
    draft = _draft(tmp_path, brief)
    assert [t for t, _ in _points(draft, "二、")] == [
        "审批环节监督还不够",
        "个别干部对“小节”不以为然",
    ]
    assert "主要有两个方面的问题" not in _part_texts(draft)[2]


def test_remarks_theme_body_and_next_steps_are_said(tmp_path: Path) -> None:
    brief = RICH.replace(
        "  audience: 全体干部职工\n",
        "  audience: 全体干部职工\n  theme: 清廉机关建设年\n  leadership_body: 局党组\n"
        "  on_behalf_of: 局党组\n",
    ) + (
        "next_steps:\n  - {when: 下周, what: 组织全体干部签订廉洁承诺书, who: 办公室}\n"
        "remarks:\n  - {at: parts.1, text: 这三个人我都打过交道}\n"
        "  - {at: closing, text: 我希望明年这个会上，没有新的案例可讲}\n"
    )
    text = _text(_draft(tmp_path, brief))
    for said in (
        "“清廉机关建设年”",
        "我代表局党组",
        "局党组将" if "局党组将" in text else "局党组会",
        "下周，组织全体干部签订廉洁承诺书，由办公室具体负责。",
        "这三个人我都打过交道。",
        "我希望明年这个会上，没有新的案例可讲。",
    ):
        assert said in text, said


def test_a_county_speech_closes_for_the_county(tmp_path: Path) -> None:
    brief = HEAD.replace("organization: 青川市自然资源局", "organization: 中共青川县纪委") + (
        "  level: 县\n" + CASES + MEASURES
    )
    for seed in range(4):
        closing = _text(_draft(tmp_path, brief, seed)).strip().splitlines()[-1]
        assert "中共青川县纪委" not in closing and "全县" in closing, closing


def test_minimal_brief_reads_whole(tmp_path: Path) -> None:
    draft = _draft(
        tmp_path, "template: warning\nmeeting:\n  name: 警示教育会\n  organization: 某局\n"
    )
    text = _text(draft)
    assert len(_parts(draft)) == 1
    assert "{{" not in text and "None" not in text and text.rstrip().endswith("！")
