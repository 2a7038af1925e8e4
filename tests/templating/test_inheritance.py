"""An office template in ./templates extends a built-in and overrides only one block."""

from __future__ import annotations

import re
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import EXAMPLES, MINIMAL_BRIEF, docx_texts, write_brief

CLOSING = "同志们，散会后各科室要马上传达、马上落实，月底前把进展报到办公室！"


def _office(
    tmp_path: Path, name: str, extends: str, body: str, cn_name: str = "本局形势分析会"
) -> Path:
    folder = tmp_path / "templates" / name
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        f"name: {name}\ncn_name: {cn_name}\ndescription: 本局用的形势分析会，只改了结束语\nextends: {extends}\n",
        encoding="utf-8",
    )
    (folder / "speech.j2").write_text(body, encoding="utf-8")
    return folder


def _brief(tmp_path: Path, template: str | None = None) -> Path:
    brief = tmp_path / "meeting.yaml"
    shutil.copy(EXAMPLES / "model_meeting.yaml", brief)
    if template is not None:
        text = brief.read_text(encoding="utf-8").replace(
            "template: situation", f"template: {template}"
        )
        brief.write_text(text, encoding="utf-8")
    return brief


def _render(invoke, brief: Path, *extra: str) -> list[str]:
    result = invoke("render", brief, "-f", "txt", "-o", "-", *extra)
    assert result.exit_code == 0, result.stderr
    return [p.strip() for p in result.stdout.split("\n\n") if p.strip()]


@pytest.mark.parametrize(
    "body",
    [
        "{% block closing %}\n" + CLOSING + "\n{% endblock %}\n",
        '{% extends "situation/speech.j2" %}\n{% block closing %}\n'
        + CLOSING
        + "\n{% endblock %}\n",
    ],
    ids=["implicit-extends", "explicit-extends"],
)
def test_office_overrides_only_the_closing(body, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _office(tmp_path, "office", "situation", body)
    builtin = _render(invoke, _brief(tmp_path))
    office = _render(invoke, _brief(tmp_path, "office"))
    assert office[-1] == CLOSING
    # everything before the closing is the built-in's; the built-in closing may run longer
    assert builtin[: len(office) - 1] == office[:-1]
    assert CLOSING not in builtin


def test_office_template_renders_to_docx_and_keeps_options(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _office(
        tmp_path, "office", "situation", "{% block closing %}\n" + CLOSING + "\n{% endblock %}\n"
    )
    brief = _brief(tmp_path, "本局形势分析会")  # by Chinese name
    text = brief.read_text(encoding="utf-8") + "options:\n  substyle: inline\n"
    brief.write_text(text, encoding="utf-8")
    result = invoke("render", brief)
    assert result.exit_code == 0, result.stderr
    texts = docx_texts(brief.with_suffix(".docx"))
    assert texts[-1] == CLOSING
    assert any(t.startswith("一是形成各司其职的担当体系") for t in texts)


def test_local_template_shadows_builtin_of_same_name(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _office(
        tmp_path,
        "situation",
        "situation",
        "{% block closing %}\n" + CLOSING + "\n{% endblock %}\n",
        "形势分析会",
    )
    office = _render(invoke, _brief(tmp_path))
    assert office[-1] == CLOSING
    listing = invoke("templates")
    assert listing.exit_code == 0
    block = listing.stdout.split("\nprogress")[0]
    assert "./templates" in block.splitlines()[0]
    assert "被覆盖" in block and "内置" in block


def test_shadowing_template_can_name_builtin_explicitly(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    body = (
        '{% extends "builtin:situation/speech.j2" %}{% block closing %}\n'
        + CLOSING
        + "\n{% endblock %}\n"
    )
    _office(tmp_path, "situation", "situation", body, "形势分析会")
    assert _render(invoke, _brief(tmp_path))[-1] == CLOSING


def test_office_in_template_dir_and_env_path(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shared = tmp_path / "shared"
    _office(shared, "office", "situation", "{% block closing %}\n" + CLOSING + "\n{% endblock %}\n")
    brief = _brief(tmp_path, "office")
    assert _render(invoke, brief, "--template-dir", shared / "templates")[-1] == CLOSING
    monkeypatch.setenv("SPEECHGEN_TEMPLATE_PATH", str(shared / "templates"))
    assert _render(invoke, brief)[-1] == CLOSING
    listing = invoke("templates")
    assert "SPEECHGEN_TEMPLATE_PATH" in listing.stdout


def test_extends_cycle_is_an_error(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _office(tmp_path, "a", "b", "", "甲")
    _office(tmp_path, "b", "a", "", "乙")
    result = invoke("render", _brief(tmp_path, "a"), "-f", "txt", "-o", "-")
    assert result.exit_code == 2 and "循环" in result.stderr


def test_lint_names_a_misspelt_block(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = _office(
        tmp_path, "office", "situation", "{% block closin %}\n" + CLOSING + "\n{% endblock %}\n"
    )
    result = invoke("templates", "lint", folder)
    assert result.exit_code == 2
    assert (
        "speech.j2:1" in result.stdout and "closin" in result.stdout and "closing" in result.stdout
    )


def test_a_template_extending_base_is_not_a_skeleton(invoke, tmp_path, monkeypatch):
    """The ``skeleton`` flag is not inherited: a local template extending base still renders."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "t1"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: t1\ncn_name: 测试会\nextends: base\nuses: [meeting, strengths]\n", encoding="utf-8"
    )
    (folder / "speech.j2").write_text(
        "{% block opening %}今天开会。{{ strengths|join_cn }}。{% endblock %}\n", encoding="utf-8"
    )
    brief = write_brief(
        tmp_path, "template: t1\n" + MINIMAL_BRIEF + "strengths: [征管质效名列前茅]\n"
    )
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "今天开会。" in result.stdout


SHADOW_CLOSING = "同志们，本局的结束语，散会后马上落实！"


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
        "{% block closing %}\n" + SHADOW_CLOSING + "\n{% endblock %}\n", encoding="utf-8"
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
    assert result.stdout.strip().splitlines()[-1] == SHADOW_CLOSING
    assert re.search(r"(?:讲|强调)(?:两点意见|两个方面)", result.stdout)


def test_manifest_may_name_the_builtin_parent_explicitly(invoke, tmp_path, monkeypatch):
    """``extends: builtin:situation`` in a manifest works like ``{% extends "builtin:..." %}``."""
    monkeypatch.chdir(tmp_path)
    _shadowing_situation(tmp_path, extends="builtin:situation")
    shown = invoke("templates", "show", "situation")
    assert shown.exit_code == 0, shown.stderr
    result = invoke("render", _model_brief(tmp_path), "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == SHADOW_CLOSING
