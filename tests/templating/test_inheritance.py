"""An office template in ./templates extends a built-in and overrides only one block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import EXAMPLES, docx_texts

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
    assert office[:-1] == builtin[:-1]
    assert builtin[-1] != CLOSING


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
