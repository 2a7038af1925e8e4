"""``check`` hears the speech: length budget, repeats, brackets, count words, deadline wording,
heading skeletons. Each rule with a positive and a negative case, drafts built inline."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from speechgen.checks.budget import speech_budget, template_length
from speechgen.checks.rules import RULES
from speechgen.checks.text import spoken_length

from helpers import findings, of_rule, parse_brief

NEW_RULES = (
    "length.short",
    "spoken.repeat",
    "spoken.bracket",
    "spoken.count_word",
    "spoken.deadline",
    "parallel.skeleton",
    "brief.unrendered",
)


def test_new_rules_are_warnings() -> None:
    assert {RULES[r].severity for r in NEW_RULES} == {"warning"}


# --- length.short ----------------------------------------------------------------------


def brief_with(tmp_path: Path, extra: str = "", template: str = "situation"):
    """A minimal brief of ``template`` with extra meeting lines."""
    text = f"template: {template}\nmeeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n{extra}"
    return parse_brief(tmp_path, text)


def body(chars: int) -> str:
    """A one-paragraph draft of exactly ``chars`` spoken characters, no sentence repeated."""
    text = "".join(f"第{i:04d}项工作要抓紧落实。" for i in range(chars // 12 + 1))
    while spoken_length(text) > chars:
        text = text[:-1]
    return text


def test_budget_from_minutes_and_from_the_genre(tmp_path: Path) -> None:
    with_minutes = brief_with(tmp_path, "  minutes: 10\n")
    assert speech_budget(with_minutes, 220).chars == 2200
    assert speech_budget(with_minutes, 240).chars == 2400
    situation = template_length("situation")
    assert situation and speech_budget(brief_with(tmp_path), 220).chars == situation
    progress = template_length("progress")
    assert speech_budget(brief_with(tmp_path, template="工作推进会"), 220).chars == progress
    assert template_length("x.docx") is None and template_length("没有这个模板") is None


def test_an_office_template_gets_the_budget_of_the_genre_it_extends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tpl" / "our_progress"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: our_progress\ncn_name: 本局推进会\ndescription: 本局的推进会\nextends: progress\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SPEECHGEN_TEMPLATE_PATH", str(tmp_path / "tpl"))
    assert template_length("our_progress") == template_length("progress")
    own = tmp_path / "tpl" / "our_review"
    own.mkdir()
    (own / "manifest.yaml").write_text(
        "name: our_review\ncn_name: 本局复盘会\ndescription: 复盘会\nlength: 3000\n",
        encoding="utf-8",
    )
    budget = speech_budget(brief_with(tmp_path, template="our_review"), 220)
    assert budget is not None and budget.chars == 3000


def test_length_short_below_seventy_percent(tmp_path: Path) -> None:
    brief = brief_with(tmp_path, "  minutes: 10\n")  # budget 2200, 70 % = 1540
    short = of_rule("length.short", body(1500), brief=brief)
    assert len(short) == 1 and "2200" in short[0].message and "10分钟" in short[0].message
    assert of_rule("length.short", body(1560), brief=brief) == []
    # the too-long rule is kept
    assert of_rule("length.time", body(2600), brief=brief)
    genre = of_rule("length.short", body(1500), brief=brief_with(tmp_path))
    assert genre and "2450" in genre[0].message
    # no brief, no budget
    assert of_rule("length.short", body(100)) == []


# --- spoken.repeat ----------------------------------------------------------------------


def test_a_sentence_said_twice() -> None:
    text = "一、认清形势\n要明确目标、细化任务、压实责任，确保按时按质完成。大家要记住。\n二、狠抓落实\n要明确目标、细化任务、压实责任，确保按时按质完成。"
    found = of_rule("spoken.repeat", text)
    assert [f.para for f in found] == [3] and "第2行" in found[0].message
    assert found[0].offset == 0


def test_short_or_different_sentences_are_not_repeats() -> None:
    assert (
        of_rule("spoken.repeat", "逆水行舟，不进则退。\n逆水行舟，不进则退。") == []
    )  # 8 characters
    assert of_rule("spoken.repeat", "要明确目标、细化任务。\n要明确目标、压实责任。") == []
    # the heading numbers are not part of the sentence; two headings differ by their words
    assert (
        of_rule("spoken.repeat", "（一）形成各司其职的担当体系。\n（二）形成协同高效的责任体系。")
        == []
    )


def test_repeat_within_one_paragraph() -> None:
    text = "这一成绩得到了上级的充分肯定。我们还要努力。这一成绩得到了上级的充分肯定。"
    found = of_rule("spoken.repeat", text)
    assert len(found) == 1 and found[0].offset == text.rindex("这一成绩")


# --- spoken.bracket ---------------------------------------------------------------------


def test_brackets_in_spoken_text() -> None:
    text = "在全市形势分析会上的讲话\n（2026年5月10日）\n同志们：\n我局后退了2个位次（共13个单位参评），形势严峻。"
    found = of_rule("spoken.bracket", text)
    assert [f.para for f in found] == [3] and "共13个单位参评" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "讲话\n（2026年5月10日）\n同志们：",
        "（一）肯定成绩但不可高估。正文。",
        "（1）抓思想。",
        "要认真学习《干部选拔任用工作条例（试行）》。",
        "参加会议的有（）等单位。",
        "要求如下：（一）抓思想；（二）抓作风；（三）抓落实。",
    ],
)
def test_brackets_that_are_not_read_aloud(text: str) -> None:
    assert of_rule("spoken.bracket", text) == []


# --- spoken.count_word ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "我们也有不少亮点：征管质效模块取得优异成绩、名列前茅。",
        "困难和挑战不少：基层活力不足。",
        "存在以下三个问题：思想松懈；作风漂浮。",
        "问题主要体现在两点：一是思想上；二是作风上；三是能力上。",
        "要抓好三项工作：抓思想、抓作风。",
        "一、认清形势\n存在一些问题：\n一是思想松懈。\n二、狠抓落实\n正文。",
        "以下三点要求：（一）抓思想；（二）抓作风。",
        "要多问几个为什么：为什么这件事能干成？问清楚了，就有了方向。",
    ],
)
def test_count_word_disagrees_with_its_list(text: str) -> None:
    assert len(of_rule("spoken.count_word", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "我们也有不少亮点：征管质效模块名列前茅；某某提速接连完成。",
        "困难和挑战不少：基层活力不足；队伍朝气不足。",
        "存在以下三个问题：思想松懈；作风漂浮；能力不足。",
        "问题主要体现在两点：一是思想上；二是作风上。",
        "要抓好三项工作：抓思想、抓作风、抓落实。",
        "这是一个问题：有的同志布置了工作不跟踪、不问效。",
        "要多问几个为什么：为什么这件事能干成？为什么那件事还差一口气？问清楚了，就有了方向。",
        "这些年落马的人，很多都说过同一句话：没想到会走到这一步。",
        "讲几点意见：第一，抓思想；第二，抓作风。",
        "截至目前，共有13个单位：都已完成。",
        "一、认清形势\n存在一些问题：\n一是思想松懈。\n二是作风漂浮。\n二、狠抓落实\n正文。",
        "存在以下三个问题：一是思想松懈。\n二是作风漂浮。\n三是能力不足。",
        "以下三点要求：（一）抓思想；（二）抓作风；（三）抓落实。",
        "以下三点要求:(一)肯定成绩但不可高估,更要对标先进。",
    ],
)
def test_count_word_matching_its_list(text: str) -> None:
    assert of_rule("spoken.count_word", text) == []


def test_announcements_checked_by_structure_count_are_not_reported_twice() -> None:
    text = "从三个方面抓好：一是抓思想；二是抓作风。"
    assert {f.rule for f in findings(text)} & {"structure.count", "spoken.count_word"} == {
        "structure.count"
    }


# --- spoken.deadline --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "这项工作时限要求是长期坚持，要倒排工期、挂图作战，按时保质完成。",
        "督办机制要常态化运行，务必在2026年6月30日前完成。",
        "按照每月调度的要求，按时完成。",
        "务必在6月30日前完成整改，做到久久为功。",
        "要在三季度末前见到成效、常抓不懈。",
    ],
)
def test_deadline_words_that_contradict(text: str) -> None:
    assert len(of_rule("spoken.deadline", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "这项工作要长期坚持，久久为功。",
        "务必在2026年6月30日前完成。",
        "每月5日前完成报送。",
        "要常态化推进；各科室6月30日前完成首轮自查。",
        "要每月调度一次。确保按时完成全年任务的是另一项工作。",
    ],
)
def test_deadline_words_that_fit(text: str) -> None:
    assert of_rule("spoken.deadline", text) == []


# --- parallel.skeleton ------------------------------------------------------------------


def test_sibling_headings_with_different_skeletons() -> None:
    text = "一、认清形势\n（一）肯定成绩但不可高估，更要对标先进、乘势而上。正文。\n（二）正视差距决不回避，更要迎难而上、奋起直追。正文。"
    found = of_rule("parallel.skeleton", text)
    assert [f.para for f in found] == [2]
    assert "…决不…，更要…、…" in found[0].message and "…但不可…，更要…、…" in found[0].message
    third = text + "\n（三）统筹兼顾更要突出重点，集中力量攻坚突破。正文。"
    assert len(of_rule("parallel.skeleton", third)) == 2


def test_sibling_headings_sharing_one_skeleton() -> None:
    text = "一、认清形势\n（一）肯定成绩但不可高估，更要把准方向、加快赶超。正文。\n（二）正视挑战但不可低估，更要抢抓机遇、奋力拼搏。正文。"
    assert of_rule("parallel.skeleton", text) == []
    paired = "一、要切实保持“危机感”和“紧迫感”\n正文。\n二、要切实提高“执行力”和“落实力”\n正文。"
    assert of_rule("parallel.skeleton", paired) == []
    measures = (
        "（一）形成各司其职的担当体系\n（二）形成协同高效的责任体系\n（三）形成步步为营的督办体系"
    )
    assert of_rule("parallel.skeleton", measures) == []


def test_skeleton_leaves_a_heading_already_reported_for_its_pattern() -> None:
    text = "（一）形成担当体系\n（二）形成责任体系\n（三）建立健全督办的机制和办法，确保落实"
    rules = [f.rule for f in findings(text) if f.para == 2]
    assert "parallel.pattern" in rules and "parallel.skeleton" not in rules


# --- the command line shows and ignores the new ids -------------------------------------

DRAFT = """\
在全市形势分析会上的讲话
（2026年5月10日）
同志们：
下面，我讲两点意见。
一、认清形势
（一）肯定成绩但不可高估，更要对标先进、乘势而上。我们有不少亮点：征管质效模块名列前茅。我局后退了2个位次（共13个单位参评）。
（二）正视差距决不回避，更要迎难而上、奋起直追。要明确目标、细化任务、压实责任，确保按时按质完成。
二、狠抓落实
时限要求是长期坚持，要倒排工期、挂图作战。要明确目标、细化任务、压实责任，确保按时按质完成。
"""


def test_cli_shows_and_ignores_each_new_rule(invoke, tmp_path: Path) -> None:
    draft = tmp_path / "draft.docx"
    document = docx.Document()
    for line in DRAFT.splitlines():
        document.add_paragraph(line)
    document.save(str(draft))
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "meeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n  minutes: 10\n",
        encoding="utf-8",
    )
    result = invoke("check", "--format", "json", draft, "--brief", brief)
    payload = json.loads(result.stdout)
    rules = {f["rule"] for f in payload["findings"]}
    wanted = {
        "length.short",
        "spoken.repeat",
        "spoken.bracket",
        "spoken.count_word",
        "spoken.deadline",
        "parallel.skeleton",
    }
    assert wanted <= rules, payload["findings"]
    assert payload["files"][0]["stats"]["budget"] == 2200
    text = invoke("check", draft, "--brief", brief).stdout
    assert all(f"  {rule}  " in text for rule in wanted)
    for rule in wanted:
        ignored = invoke("check", "--format", "json", draft, "--brief", brief, "--ignore", rule)
        assert rule not in {f["rule"] for f in json.loads(ignored.stdout)["findings"]}
    family = invoke("check", "--format", "json", draft, "--ignore", "spoken")
    assert not {f["rule"] for f in json.loads(family.stdout)["findings"]} & wanted - {
        "length.short",
        "parallel.skeleton",
    }
