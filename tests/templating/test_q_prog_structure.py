"""Progress speeches a leader accepts: the writer's remarks where a speaker says them, headings
intact, one passage per measure, no facts the brief never gave (issue 12, quality round)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.speech.blocks import Heading, Paragraph

from helpers import heard_sentences, material_entries, speech_of, spoken_chars, used_entries

HEAD = """\
template: progress
meeting:
  name: 全县和美乡村建设推进会
  organization: 石梁县人民政府
  date: 2026-06-18
  speaker: 罗建平
  speaker_title: 副县长
  level: 县
  audience: 各乡镇、县直有关部门分管负责同志
  audience_role: 领导干部
  minutes: 12
{meeting}"""

PRIOR = """\
  prior_speakers:
    - who: 县农业农村局
      did: 通报了上半年项目推进情况
      kind: report
"""

RANKING = """\
ranking:
  assessment: 全市乡村振兴考核
  period: 2026年上半年
  previous: 3
  current: 9
  total: 15
  target: 重回前五
"""

FACTS = """\
strengths:
  - title: 高标准农田建设进度过半
    detail: 今年4.2万亩建设任务已完成2.3万亩
  - title: 人居环境整治见到实效
    detail: 全县新改建农村户厕3100座
weaknesses:
  - title: 部分高标准农田项目开工晚
    detail: 北片三个乡镇的项目至今完成不到三成
  - title: 建后管护机制还没有建起来
    detail: 前两年建成的农田有的沟渠淤塞
"""

MEASURES = """\
measures:
  - title: 倒排工期抢抓农时
    why: 秋收前必须完成田间工程
    steps: [对北片三个乡镇的项目实行周调度, 施工单位增加机械和人员]
    owner: 县农业农村局
    deadline: 9月底前
  - title: 建立建后管护长效机制
    why: 重建轻管，建成的农田几年就荒了
    steps: [按“谁受益、谁管护”明确管护主体, 县财政每亩每年安排管护资金20元]
    owner: 县财政局
    deadline: 2026-10-31
  - title: 发动群众共建共享
    points: [推广“红黑榜公示”做法, 开展“美丽庭院”评选]
    owner: 各乡镇
    deadline: 长期坚持
"""

NEXT = """\
next_steps:
  - {when: 7月上旬, what: 县政府督查室牵头对北片三个乡镇开展专项督查, who: 县政府督查室}
  - {when: 8月中旬, what: 召开项目专题推进会, who: 县农业农村局}
"""

ALL_KINDS = """\
outline:
  parts:
    - kind: situation
    - kind: strengths
    - kind: weaknesses
    - kind: focus
    - kind: custom
      heading: 守住底线，不出问题
      text: [这一段是讲话人自己写的第一段话。, 这一段是讲话人自己写的第二段话。]
    - kind: measures
    - kind: learning
    - kind: requirements
"""

PRAISE = """\
praise:
  - who: 桃源镇
    for: 高标准农田项目率先完成田间工程
"""


def _remarks(count: int) -> str:
    lines = ["remarks:"]
    for n in range(1, count + 1):
        lines.append(f"  - at: parts.{n}\n    text: 第{n}部分讲话人自己的话，说在这一部分开头之后")
    return "\n".join(lines) + "\n"


def _parts(draft) -> list[tuple[Heading, list[Paragraph]]]:
    """Each level-1 part and the paragraphs under it (sub-headings are skipped)."""
    out: list[tuple[Heading, list[Paragraph]]] = []
    for block in draft.blocks:
        if isinstance(block, Heading) and block.level == 1:
            out.append((block, []))
        elif isinstance(block, Paragraph) and out:
            out[-1][1].append(block)
    return out


def _text(draft) -> str:
    return "\n".join(draft.paragraph_texts())


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    ("extra", "parts"),
    [
        (
            RANKING + FACTS + MEASURES + NEXT,
            4,
        ),  # the default outline: review, problems, tasks, guarantee
        (FACTS + MEASURES + PRAISE + ALL_KINDS, 8),  # every part kind, custom and learning included
    ],
)
def test_a_remark_on_every_part_keeps_the_headings_and_opens_the_part(
    tmp_path: Path, extra: str, parts: int, seed: int
) -> None:
    """A parts.N remark is its own paragraph near the top of its part; no heading is glued on."""
    draft = speech_of(tmp_path, HEAD.format(meeting=PRIOR) + extra + _remarks(parts), seed=seed)
    found = _parts(draft)
    assert len(found) == parts, [h.text for h, _ in found]
    for n, (heading, paragraphs) in enumerate(found, start=1):
        remark = f"第{n}部分讲话人自己的话，说在这一部分开头之后。"
        texts = [p.text for p in paragraphs]
        assert remark in texts, (heading.text, texts[:4])
        # after the part's first paragraph (the ranking and its verdict count as the first two)
        assert texts.index(remark) <= (2 if heading.number == "一、" else 1), (heading.text, texts)
    for block in draft.blocks:
        if isinstance(block, Paragraph):
            assert "#" not in block.text and "**" not in block.text, block.text


def test_closing_remark_is_said_last_and_opening_remark_follows_the_purpose(tmp_path: Path) -> None:
    remarks = (
        "remarks:\n"
        "  - at: opening\n    text: 首先，我代表县政府向奋战在一线的同志们表示感谢\n"
        "  - at: closing\n    text: 最后，离秋收只剩三个月，希望大家把每一天都用足用好\n"
    )
    draft = speech_of(tmp_path, HEAD.format(meeting=PRIOR) + FACTS + MEASURES + remarks)
    texts = draft.paragraph_texts()
    assert texts[-1] == "最后，离秋收只剩三个月，希望大家把每一天都用足用好。"
    first = texts[texts.index("同志们：") + 1]
    purpose, rest = first.split("。", 1)
    assert purpose.startswith(("今天召开", "这次", "召开", "开这次"))
    assert rest.startswith("首先，我代表县政府向奋战在一线的同志们表示感谢。")


def test_a_congratulating_opening_remark_is_not_followed_by_a_second_congratulation(
    tmp_path: Path,
) -> None:
    meeting = (
        "  prior_speakers:\n    - who: 县委办\n      did: 宣读了表彰决定\n      kind: decision\n"
    )
    remarks = "remarks:\n  - at: opening\n    text: 首先，向受到表彰的乡镇和同志表示热烈祝贺\n"
    for seed in range(3):
        text = _text(
            speech_of(tmp_path, HEAD.format(meeting=meeting) + MEASURES + remarks, seed=seed)
        )
        assert text.count("祝贺") == 1, seed


@pytest.mark.parametrize("seed", range(4))
def test_each_measure_gets_at_most_one_library_passage(tmp_path: Path, seed: int) -> None:
    """No stack of stock lines after a measure: at most one passage (plus a reason without why)."""
    library = material_entries("progress")
    passages = [e for slot, es in library.items() if slot.startswith("progress.task.") for e in es]
    passages = [e for e in passages if e not in library["progress.task.reason"]]
    text = _text(speech_of(tmp_path, HEAD.format(meeting=PRIOR) + FACTS + MEASURES, seed=seed))
    for title in ("倒排工期抢抓农时", "建立建后管护长效机制", "发动群众共建共享"):
        paragraph = next(p for p in text.split("\n") if title in p)
        assert len(used_entries(paragraph, passages)) <= 1, (title, paragraph)
        assert len(used_entries(paragraph, library["progress.task.reason"])) <= 1


@pytest.mark.parametrize("seed", range(4))
def test_no_two_sentences_in_a_row_open_alike(tmp_path: Path, seed: int) -> None:
    draft = speech_of(
        tmp_path, HEAD.format(meeting=PRIOR) + RANKING + FACTS + MEASURES + NEXT, seed=seed
    )
    said = heard_sentences(_text(draft))
    for a, b in zip(said, said[1:], strict=False):
        for opener in ("这项工作", "下面", "借此机会", "同志们"):
            assert not (a.startswith(opener) and b.startswith(opener)), (a, b)
    assert sum(s.startswith("这项工作") for s in said) <= 1


def test_co_owner_talk_only_with_co_owners_and_once_a_part(tmp_path: Path) -> None:
    library = material_entries("progress")
    co_passages = library["progress.task.co"] + library["progress.tasks.summary.co"]
    for seed in range(5):
        text = _text(speech_of(tmp_path, HEAD.format(meeting=PRIOR) + FACTS + MEASURES, seed=seed))
        assert "配合单位" not in text and "配合的" not in text, seed
        assert not used_entries(text, co_passages)
    shared = MEASURES.replace(
        "    owner: 县财政局\n", "    owner: 县财政局\n    co_owners: [县农业农村局]\n"
    )
    shared = shared.replace(
        "    owner: 县农业农村局\n", "    owner: 县农业农村局\n    co_owners: [北片三个乡镇]\n"
    )
    for seed in range(5):
        text = _text(speech_of(tmp_path, HEAD.format(meeting=PRIOR) + shared, seed=seed))
        assert len(used_entries(text, co_passages)) <= 1, seed


URGENT = ("时间紧", "一天天临近", "没有几天", "时间已经很紧")


def test_urgency_only_when_the_deadline_is_near(tmp_path: Path) -> None:
    near = MEASURES.replace("deadline: 2026-10-31", "deadline: 2026-07-01")
    for seed in range(4):
        far_text = _text(speech_of(tmp_path, HEAD.format(meeting="") + MEASURES, seed=seed))
        assert not any(w in far_text for w in URGENT), seed
        near_text = _text(speech_of(tmp_path, HEAD.format(meeting="") + near, seed=seed))
        paragraph = next(p for p in near_text.split("\n") if "建立建后管护长效机制" in p)
        assert used_entries(paragraph, material_entries("progress")["progress.push.near"]), seed


def test_next_steps_neither_add_jiang_before_the_doer_nor_name_the_doer_twice(
    tmp_path: Path,
) -> None:
    text = _text(speech_of(tmp_path, HEAD.format(meeting="") + MEASURES + NEXT))
    assert "7月上旬，县政府督查室牵头对北片三个乡镇开展专项督查；" in text
    assert "由县政府督查室负责" not in text and "将县政府督查室" not in text
    assert "8月中旬，将召开项目专题推进会，由县农业农村局负责。" in text


@pytest.mark.parametrize("seed", range(5))
def test_no_ranking_review_opens_once_and_states_no_cause(tmp_path: Path, seed: int) -> None:
    """Without a ranking the review has one opening judgement (not an intro saying it again)."""
    library = material_entries("progress")
    draft = speech_of(tmp_path, HEAD.format(meeting=PRIOR) + FACTS + MEASURES, seed=seed)
    review = [p.text for p in _parts(draft)[0][1]]
    assert not used_entries("\n".join(review), library["progress.review.intro"])
    assert len(used_entries("\n".join(review), library["progress.verdict"])) == 1
    text = _text(draft)
    for phrase in ("我都同意", "根子在", "讲得很好", "讲得很实在", "不少亮点"):
        assert phrase not in text, phrase


def test_material_states_no_judgement_of_prior_speakers_and_no_cause() -> None:
    """Stock lines never praise what a prior speaker said nor say where problems come from."""
    library = material_entries("progress")
    for entry in library["progress.ack"]:
        for phrase in ("讲得", "我都同意", "很实在", "很具体", "找得比较准", "有决心"):
            assert phrase not in entry["text"], entry["text"]
    for slot in ("progress.problems.root", "progress.problem.item", "progress.problem.topic"):
        for entry in library[slot]:
            assert not re.search(r"根子在|原因是|主要是因为|究其原因", entry["text"]), entry["text"]
    for slot in ("progress.task.topic", "progress.task.date", "progress.task.by_period"):
        for entry in library[slot]:
            assert not any(w in entry["text"] for w in URGENT), entry["text"]


@pytest.mark.parametrize(
    ("minutes", "meeting", "sections"),
    [
        (12, PRIOR + "  theme: 项目落地年\n", FACTS + MEASURES + NEXT),
        (15, PRIOR, RANKING + FACTS + MEASURES + NEXT),
    ],
)
def test_realistic_briefs_land_near_their_minutes(
    tmp_path: Path, minutes: int, meeting: str, sections: str
) -> None:
    brief = HEAD.replace("  minutes: 12\n", f"  minutes: {minutes}\n").format(meeting=meeting)
    draft = speech_of(tmp_path, brief + sections)
    length = spoken_chars("\n".join(draft.paragraph_texts()))
    assert abs(length - minutes * 220) <= 0.15 * minutes * 220, length


TOPIC_BRIEF = """\
strengths:
  - title: 重点税源监控更加精准
    detail: 建立了一百户重点企业“一户一档”
weaknesses:
  - title: 个别项目质量安全管理存在隐患
    detail: 上半年督查发现，部分工地临边防护不规范
  - title: 工程建设项目审批时间偏长
    detail: 全流程平均用时比全市平均多11个工作日
"""


@pytest.mark.parametrize("seed", range(6))
def test_a_point_is_talked_about_by_the_topic_its_title_names(tmp_path: Path, seed: int) -> None:
    """Words in a detail (企业, 督查) or a modifier (工程建设项目审批) do not choose the passage."""
    library = material_entries("progress")
    brief = HEAD.replace("  minutes: 12\n", "  minutes: 20\n").format(meeting=PRIOR)
    text = _text(speech_of(tmp_path, brief + TOPIC_BRIEF, seed=seed))

    def passages(title: str, slot: str, topic: str) -> list[dict]:
        paragraph = next(p for p in text.split("\n") if title in p)
        tagged = [e for e in library[slot] if topic in str(e["when"].get("topic", ""))]
        return used_entries(paragraph, tagged)

    assert not passages("重点税源监控更加精准", "progress.gain.topic", "营商环境")
    assert not passages("个别项目质量安全管理存在隐患", "progress.problem.topic", "督办")
    assert not passages("个别项目质量安全管理存在隐患", "progress.problem.topic", "项目")
    assert not passages("工程建设项目审批时间偏长", "progress.problem.topic", "项目")


def test_a_floor_and_aim_target_names_both_gaps(tmp_path: Path) -> None:
    """保四争三 from 7th: three places to keep the floor, four to the aim (not 4 said as the floor)."""
    ranking = RANKING.replace("target: 重回前五", "target: 保四争三").replace(
        "current: 9", "current: 7"
    )
    text = _text(speech_of(tmp_path, HEAD.format(meeting="") + ranking + MEASURES))
    assert "守住底线还要往前赶3个位次，离更高的目标还差4个位次。" in text
    kept = ranking.replace("current: 7", "current: 4")
    text = _text(speech_of(tmp_path, HEAD.format(meeting="") + kept + MEASURES))
    assert "底线已经守住，往前还要再进1个位次。" in text
