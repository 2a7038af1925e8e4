"""Template authors: unclosed tags at their line, misspelt block overrides, sandbox escapes in lint
(issue 15, item 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BRIEF, run_bounded


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "manifest.yaml").write_text(
        "name: mine\nextends: base\n", encoding="utf-8"
    )
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


def _template(folder: Path, source: str) -> None:
    (folder / "mine" / "speech.j2").write_text(source, encoding="utf-8")


MISSING_ENDIF = (
    "{% block opening %}\n{% for m in measures %}\n{% if m.owner %}\n{{ m.title }}\n"
    "{% endfor %}\n{% endblock %}\n"
)


@pytest.mark.parametrize(
    "command", [("render", "brief.yaml", "--template", "./mine"), ("templates", "lint", "mine")]
)
def test_missing_endif_is_reported_at_the_open_if(folder: Path, command: tuple[str, ...]) -> None:
    _template(folder, MISSING_ENDIF)
    run = run_bounded(*command, cwd=folder)
    assert run.code == 2, run.output
    assert "speech.j2:3" in run.output and "缺少 {% endif %}" in run.output
    assert "不认识的标签" not in run.output


def test_misspelt_block_override_is_warned_about(folder: Path) -> None:
    _template(folder, "{% block closin %}谢谢大家。\n{% endblock %}\n")
    run = run_bounded("render", "brief.yaml", "--template", "./mine", "--no-check", cwd=folder)
    assert run.code == 0, run.output
    assert "speech.j2:1" in run.stderr and "closin" in run.stderr and "closing" in run.stderr


def test_lint_reports_sandbox_escaping_attributes(folder: Path) -> None:
    _template(
        folder,
        "{{ lipsum.__globals__ }}\n{{ meeting|attr('__class__') }}\n{{ cycler['__init__'] }}\n{{ meeting.name }}\n",
    )
    run = run_bounded("templates", "lint", "mine", cwd=folder)
    assert run.code == 2, run.output
    for line, name in ((1, "__globals__"), (2, "__class__"), (3, "__init__")):
        assert f"speech.j2:{line}" in run.stdout and name in run.stdout, run.stdout
    assert "speech.j2:4" not in run.stdout
