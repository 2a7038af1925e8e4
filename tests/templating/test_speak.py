"""Rendering to a length budget: the measuring pass, the filling pass, the thin note, no padding.

The engine is tested with a small template of its own (``helpers.mini_template``); the last
tests read every built-in example and sample for sentences said twice.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.brief.loader import load_brief
from speechgen.brief.validate import validate_brief
from speechgen.speech.budget import thin_note
from speechgen.speech.context import build_context
from speechgen.templating.material import Picker
from speechgen.templating.registry import resolve_template, search_roots
from speechgen.templating.rendering import merge_options, render_markup, template_library
from speechgen.templating.slots import material_tags
from speechgen.templating.speak import fill_budgets, part_lengths, plan_for, speak

from helpers import EXAMPLES, REPO, mini_template, run_cli, write_brief

RICH = """\
template: mini
meeting:
  name: 全市形势分析会
  organization: 某某市某某局
  minutes: {minutes}
strengths:
  - title: 征管质效稳步提升
    detail: 征管质效模块在全省考核中得分靠前，数据质量明显改善
    example: 某某分局连续三个月实现申报数据零差错
  - title: 重点项目推进有力
    detail: 年初确定的八个重点项目已有六个按计划推进
weaknesses:
  - title: 基层活力不足
    detail: 部分基层单位满足于完成上级布置的任务，主动谋划的少
measures:
  - title: 形成各司其职的担当体系
    why: 针对工作中推诿扯皮、遇事上交的问题
    steps: [逐项明确科室职责和配合关系, 每月通报各科室牵头工作的进展, 对推诿扯皮的严肃追责]
    owner: 办公室
  - title: 形成步步为营的督办体系
    why: 针对布置了工作不跟踪、跟踪了不问效的问题
    steps: [成立督办小组, 每月列出重点督办清单, 逐月反馈完成情况并排出名次]
    owner: 督办小组
  - title: 形成奖优罚劣的考核体系
    why: 针对干好干坏一个样的问题
    steps: [修订年度考核办法, 考核结果与评先评优直接挂钩]
    owner: 人事科
remarks:
  - at: parts.1
    text: 说实话，看到这个结果，我是倍感压力，也相信大家和我一样坐不住。
"""

THIN = """\
template: mini
meeting:
  name: 全市形势分析会
  organization: 某某市某某局
  minutes: 10
measures: [形成各司其职的担当体系]
"""


def _setup(tmp_path: Path, text: str, **template: object):
    folder = mini_template(tmp_path, **template)  # type: ignore[arg-type]
    roots = search_roots([folder])
    brief = validate_brief(load_brief(write_brief(tmp_path, text, "b.yaml")))
    return brief, resolve_template("mini", roots), roots


def _measured(text: str) -> int:
    opening, parts = part_lengths(text, "<t>")
    return opening + sum(parts)


def _first_pass(brief, info, roots, seed: int = 0) -> tuple[str, object]:
    """The speech as the measuring pass renders it (no library filler), and its plan."""
    options = merge_options(info, dict(brief.options), None)
    plan = plan_for(brief, info, roots, options)
    context = build_context(brief, options, seed, plan)
    picker = Picker(
        template_library(info, roots), material_tags(context), seed, salt=context.meeting.name
    )
    return render_markup(info, context, roots, picker), plan


def _sentences(text: str) -> list[str]:
    return [
        s for s in re.findall(r"[^。！？\n]+[。！？]", text) if sum(c.isalnum() for c in s) >= 10
    ]


@pytest.mark.parametrize("minutes", [2, 4, 7, 12])
@pytest.mark.parametrize("seed", [0, 5])
def test_filling_never_exceeds_the_speech_deficit(tmp_path: Path, minutes: int, seed: int) -> None:
    brief, info, roots = _setup(tmp_path, RICH.format(minutes=minutes))
    first, plan = _first_pass(brief, info, roots, seed)
    spoken = speak(brief, info, roots, seed=seed)
    deficit = max(0, plan.budget - _measured(first))  # type: ignore[attr-defined]
    added = _measured(spoken.text) - _measured(first)
    assert 0 <= added <= deficit
    budgets = fill_budgets(first, spoken.plan, "<t>")
    assert sum(budgets.values()) <= deficit
    if deficit == 0:
        assert spoken.text == first  # over budget already: nothing is added


def test_the_writer_material_is_always_in_full(tmp_path: Path) -> None:
    """With a one-minute budget the writer's own material still appears, every word of it."""
    brief, info, roots = _setup(tmp_path, RICH.format(minutes=1))
    text = speak(brief, info, roots).text
    for words in ("逐月反馈完成情况并排出名次", "某某分局连续三个月实现申报数据零差错",
                  "我是倍感压力", "考核结果与评先评优直接挂钩", "主动谋划的少"):  # fmt: skip
        assert words in text


@pytest.mark.parametrize("minutes", [5, 8, 12])
def test_a_rich_brief_lands_near_its_budget(tmp_path: Path, minutes: int) -> None:
    brief_path = write_brief(tmp_path, RICH.format(minutes=minutes), "b.yaml")
    folder = mini_template(tmp_path, fill_entries=30)
    for seed in (1, 2):
        result = run_cli(
            "render", brief_path, "--template-dir", folder, "-f", "txt", "-o", "-", "--seed", seed
        )
        assert result.exit_code == 0, result.stderr
        length = sum(c.isalnum() for c in result.stdout)
        budget = minutes * 220
        assert abs(length - budget) <= 0.15 * budget, (length, budget)
        written = run_cli(
            "render",
            brief_path,
            "--template-dir",
            folder,
            "-f",
            "txt",
            "-o",
            tmp_path / f"b{seed}.txt",
        )
        assert written.exit_code == 0 and "提示：稿子约" not in written.output


def test_a_thin_brief_gets_the_note_instead_of_padding(tmp_path: Path) -> None:
    brief_path = write_brief(tmp_path, THIN, "b.yaml")
    folder = mini_template(tmp_path, fill_entries=2)
    out = tmp_path / "b.txt"
    result = run_cli("render", brief_path, "--template-dir", folder, "-f", "txt", "-o", out)
    assert result.exit_code == 0, result.output
    assert "提示：稿子约" in result.output and "篇幅预算2200字" in result.output
    for field in ("第1项举措的 why、steps、target、example", "strengths（成绩）",
                  "weaknesses（差距）", "remarks（讲话人自己的话）"):  # fmt: skip
        assert field in result.output
    assert "不会用重复的话凑字数" in result.output
    sentences = _sentences(out.read_text(encoding="utf-8"))
    assert len(sentences) == len(set(sentences))


def test_thin_note_names_what_is_empty() -> None:
    brief = validate_brief(
        load_brief_text(
            "meeting: {name: 会, organization: 局}\n"
            "strengths: [甲]\n"
            "measures:\n  - {title: 乙, why: 针对问题, steps: [一步]}\n  - 丙\n"
        )
    )
    note = thin_note(brief, 500, 2000)
    assert note is not None and "25%" in note
    assert (
        "第1项举措的 target、example" in note and "第2项举措的 why、steps、target、example" in note
    )
    assert "strengths 各项的 detail、example" in note and "weaknesses（差距）" in note
    assert thin_note(brief, 1700, 2000) is None  # 85 % is enough


def load_brief_text(text: str):
    from speechgen.brief.loader import parse_brief_text

    return parse_brief_text(text, "b.yaml")


def test_same_seed_same_text_and_seeds_vary_the_body(tmp_path: Path) -> None:
    brief, info, roots = _setup(tmp_path, RICH.format(minutes=8))
    one = speak(brief, info, roots, seed=1).text
    assert one == speak(brief, info, roots, seed=1).text
    two = speak(brief, info, roots, seed=2).text
    body_one, body_two = set(_sentences(one)), set(_sentences(two))
    assert len(body_one ^ body_two) >= 0.3 * len(body_one | body_two)


@pytest.mark.parametrize("seed", range(4))
def test_nothing_is_said_twice(tmp_path: Path, seed: int) -> None:
    brief, info, roots = _setup(tmp_path, RICH.format(minutes=30), fill_entries=6)
    sentences = _sentences(speak(brief, info, roots, seed=seed).text)
    assert len(sentences) == len(set(sentences))


BUILTIN_BRIEFS = sorted(
    [p for p in EXAMPLES.glob("*.yaml")] + [p for p in REPO.glob("templates/*/sample.yaml")]
)


@pytest.mark.parametrize("path", BUILTIN_BRIEFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_builtin_drafts_say_no_sentence_twice(path: Path) -> None:
    """Issue 12: no sentence of 10 characters or more appears twice in a draft."""
    for seed in (1, 2):
        result = run_cli("render", path, "-f", "txt", "-o", "-", "--seed", seed)
        assert result.exit_code == 0, result.stderr
        sentences = _sentences(result.stdout)
        repeated = sorted({s for s in sentences if sentences.count(s) > 1})
        assert not repeated, repeated


def test_the_thin_note_reaches_stderr_when_the_draft_goes_to_stdout(tmp_path: Path) -> None:
    brief_path = write_brief(tmp_path, THIN, "b.yaml")
    folder = mini_template(tmp_path, fill_entries=2)
    result = run_cli("render", brief_path, "--template-dir", folder, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "提示：稿子约" in result.stderr and "提示：稿子约" not in result.stdout
    assert "b.yaml" in result.stderr


def test_the_thin_note_asks_only_for_what_the_template_says(tmp_path: Path) -> None:
    brief = write_brief(
        tmp_path,
        "template: warning\nmeeting: {name: 警示教育会, organization: 某市税务局, minutes: 20}\n"
        "cases:\n  - {who: 某局原副局长王某, what: 收受财物}\n",
        "w.yaml",
    )
    result = run_cli("render", brief, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "提示：稿子约" in result.stderr
    assert "strengths" not in result.stderr and "next_steps" in result.stderr
    out = tmp_path / "w.docx"
    assert run_cli("render", brief, "-o", out).exit_code == 0
    checked = run_cli("check", out, "--brief", brief)
    assert "length." in checked.output and "strengths" not in checked.output


def test_a_short_draft_gets_one_more_pass_where_budget_can_be_spent() -> None:
    from types import SimpleNamespace

    from speechgen.templating.speak import part_lengths, topped_up

    text = "开场的一句话。\n\n# 一、第一部分\n\n正文一段话。\n"
    short = SimpleNamespace(budget=1000)
    more = topped_up({"frame": 0, "p1": 100, "p2": 300}, text, short, "t.j2")
    assert more is not None and more["frame"] == 0  # a place with nothing to spend gets nothing
    opening, parts = part_lengths(text, "t.j2")
    lacking = 1000 - opening - sum(parts)
    assert more["p1"] == 100 + lacking * 100 // 400 and more["p2"] == 300 + lacking * 300 // 400
    assert topped_up({"p1": 100}, text, SimpleNamespace(budget=17), "t.j2") is None  # long enough
    assert topped_up({"p1": 0}, text, short, "t.j2") is None  # nowhere to spend
