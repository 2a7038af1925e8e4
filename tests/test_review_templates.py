"""Acceptance-review regressions for templates, their catalog commands and their wording."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import EXAMPLES

CLOSING = "同志们，本局的结束语，散会后马上落实！"


def _shadowing_situation(tmp_path: Path, extends: str = "situation") -> Path:
    """A local ./templates/situation that shadows the built-in one and overrides the closing."""
    folder = tmp_path / "templates" / "situation"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        f"name: situation\ncn_name: 形势分析会\ndescription: 本局版\nextends: {extends}\n"
        "entry: speech.j2\n",
        encoding="utf-8",
    )
    (folder / "speech.j2").write_text(
        "{% block closing %}\n" + CLOSING + "\n{% endblock %}\n", encoding="utf-8"
    )
    return folder


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging: a loop in template resolution raises after 20 seconds."""

    class Hung(BaseException):
        """Not an OSError, so no ``except OSError`` on the way swallows it."""

    def _expired(signum: int, frame: object) -> None:
        raise Hung("template resolution did not finish")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _model_brief(tmp_path: Path) -> Path:
    brief = tmp_path / "meeting.yaml"
    shutil.copy(EXAMPLES / "model_meeting.yaml", brief)
    return brief


def test_show_and_lint_of_a_shadowing_local_template_finish(
    deadline, invoke, tmp_path, monkeypatch
):
    """A local situation extending the built-in situation used to loop forever in show/lint."""
    monkeypatch.chdir(tmp_path)
    folder = _shadowing_situation(tmp_path)
    shown = invoke("templates", "show", "situation")
    assert shown.exit_code == 0, shown.stderr
    assert "本局版" in shown.stdout
    linted = invoke("templates", "lint", str(folder))
    assert linted.exit_code == 0, linted.stdout + linted.stderr


def test_shadowing_template_given_by_path_renders(deadline, invoke, tmp_path, monkeypatch):
    """--template ./templates/situation used to extend itself ("模板递归过深")."""
    monkeypatch.chdir(tmp_path)
    folder = _shadowing_situation(tmp_path)
    result = invoke(
        "render", _model_brief(tmp_path), "--template", str(folder), "-f", "txt", "-o", "-"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == CLOSING
    assert "下面，我讲两点意见" in result.stdout


def test_manifest_may_name_the_builtin_parent_explicitly(invoke, tmp_path, monkeypatch):
    """``extends: builtin:situation`` in a manifest works like ``{% extends "builtin:..." %}``."""
    monkeypatch.chdir(tmp_path)
    _shadowing_situation(tmp_path, extends="builtin:situation")
    shown = invoke("templates", "show", "situation")
    assert shown.exit_code == 0, shown.stderr
    result = invoke("render", _model_brief(tmp_path), "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == CLOSING


HEAD = """meeting:
  name: 全县安全生产工作会议
  organization: 某某县应急管理局
  date: 2026-03-15
"""


def _render_text(invoke, tmp_path: Path, body: str, *extra: str) -> str:
    """Render an inline brief to plain text and return it."""
    brief = tmp_path / "brief.yaml"
    brief.write_text(body, encoding="utf-8")
    result = invoke("render", brief, "-f", "txt", "-o", "-", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_commendation_measure_with_owner_and_no_deadline_renders(invoke, tmp_path):
    """A measure with an owner but no deadline used to fail on ``None.endswith``."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "measures:\n"
        "  - title: 强化执法检查\n    owner: 执法大队\n"
        "  - title: 压实安全责任\n    deadline: 长期坚持\n",
    )
    assert "执法大队要牵头抓总、统筹推进。" in text
    assert "长期坚持" in text, "a text deadline without an owner must not be dropped"


RANK_NO_REPORTER = (
    "ranking:\n  assessment: 全市安全生产考核\n  previous: 3\n  current: 8\n  total: 12\n"
)


@pytest.mark.parametrize("seed", ["0", "1", "2", "3", "4", "5"])
def test_mobilization_never_announces_zero_aspects(invoke, tmp_path, seed):
    """The significance part has no numbered sub-points, so no phrase may count them."""
    text = _render_text(
        invoke, tmp_path, "template: mobilization\n" + HEAD + RANK_NO_REPORTER, "--seed", seed
    )
    assert "零" not in text


def test_progress_single_strength_is_not_numbered(invoke, tmp_path):
    """一是 with no 二是 reads as a slip."""
    text = _render_text(
        invoke, tmp_path, "template: progress\n" + HEAD + "strengths: [全年未发生较大以上事故]\n"
    )
    assert "主要体现在：全年未发生较大以上事故。" in text
    assert "一是全年" not in text


@pytest.mark.parametrize("seed", ["0", "1", "2"])
def test_situation_ranking_without_reporter_is_a_whole_sentence(invoke, tmp_path, seed):
    """“从通报的……结果看。” left a clause hanging before the full stop."""
    text = _render_text(
        invoke, tmp_path, "template: situation\n" + HEAD + RANK_NO_REPORTER, "--seed", seed
    )
    assert "结果看。" not in text
    assert "全市安全生产考核结果已经通报。" in text


def test_commendation_single_strength_does_not_repeat_itself(invoke, tmp_path):
    """One strength used to get “来之不易” twice in the same paragraph."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "strengths: [全年未发生较大以上事故]\n",
    )
    paragraph = next(p for p in text.split("\n") if "全年未发生较大以上事故" in p)
    assert paragraph.count("来之不易") <= 1, paragraph


def test_mobilization_inline_points_do_not_restart_the_outer_sequence(invoke, tmp_path):
    """Inline measures are 一要、二要 already: their points must not count 一要、二要 again."""
    text = _render_text(
        invoke,
        tmp_path,
        "template: mobilization\noptions:\n  substyle: inline\n" + HEAD + "measures:\n"
        "  - title: 压实安全责任\n    points: [层层签订责任书, 严格考核问责]\n"
        "  - title: 强化执法检查\n    points: [开展专项执法]\n",
    )
    paragraph = next(p for p in text.split("\n") if p.startswith("一要压实安全责任"))
    assert paragraph.count("一要") == 1, paragraph
    assert "二要" not in paragraph, paragraph


ONE_MEASURE = (
    "measures:\n  - title: 深化隐患排查治理\n    points: [建立隐患清单]\n"
    "    owner: 监管科\n    deadline: 6月底前\n"
)


@pytest.mark.parametrize("template", ["situation", "progress", "mobilization", "commendation"])
@pytest.mark.parametrize("substyle", ["headings", "inline"])
def test_a_lone_measure_is_not_numbered(invoke, tmp_path, template, substyle):
    """One measure is a bold lead sentence, not a lone （一） or 一是 announced as “以下一项”."""
    text = _render_text(
        invoke,
        tmp_path,
        f"template: {template}\noptions:\n  substyle: {substyle}\n" + HEAD + ONE_MEASURE,
    )
    paragraph = next(p for p in text.split("\n") if "深化隐患排查治理" in p)
    assert paragraph.startswith("深化隐患排查治理。"), paragraph
    assert "零" not in text
    assert "以下一" not in text


@pytest.mark.parametrize("substyle", ["headings", "inline"])
def test_situation_lone_situation_sub_point_is_not_numbered(invoke, tmp_path, substyle):
    """Without strengths and weaknesses the first part has one sub-point: no （一）, no “一点要求”."""
    text = _render_text(
        invoke, tmp_path, f"template: situation\noptions:\n  substyle: {substyle}\n" + HEAD
    )
    paragraph = next(p for p in text.split("\n") if "集中力量攻坚突破" in p)
    assert paragraph.startswith("统筹兼顾更要突出重点"), paragraph
    assert "一点要求" not in text and "零" not in text


def test_commendation_lone_strength_is_not_numbered(invoke, tmp_path):
    text = _render_text(
        invoke,
        tmp_path,
        "template: commendation\n" + HEAD + "strengths: [全年未发生较大以上事故]\n",
    )
    paragraph = next(p for p in text.split("\n") if "全年未发生较大以上事故" in p)
    assert paragraph.startswith("全年未发生较大以上事故。"), paragraph


def test_lint_names_a_loop_variable_used_outside_its_loop(invoke, tmp_path):
    """``{{ m.titel }}`` before ``{%p for m in measures %}`` is an unknown variable there."""
    import docx

    document = docx.Document(str(EXAMPLES / "word_template.docx"))
    salutation = next(p for p in document.paragraphs if p.text == "同志们：")
    salutation.add_run("{{ m.titel }}")
    path = tmp_path / "bad.docx"
    document.save(str(path))
    result = invoke("templates", "lint", path)
    assert result.exit_code == 2
    assert "同志们：{{ m.titel }}" in result.stdout
    assert result.stdout.count("未知变量“m”") == 1, result.stdout


def test_lint_still_accepts_the_builtin_templates(invoke):
    from speechgen.templating.registry import builtin_root

    for name in ["situation", "progress", "mobilization", "commendation"]:
        result = invoke("templates", "lint", builtin_root() / name)
        assert result.exit_code == 0, result.stdout + result.stderr
