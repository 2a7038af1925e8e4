"""``--template ./folder`` and ``folder/`` are taken from the current folder (issue 15, item 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BRIEF, run_bounded


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """A working folder with a template folder ``mine`` and the brief in a subfolder."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "manifest.yaml").write_text(
        "name: mine\ncn_name: 我的模板\nextends: situation\n", encoding="utf-8"
    )
    (mine / "speech.j2").write_text("{# 沿用 situation 的全部内容 #}\n", encoding="utf-8")
    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "b.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("spec", ["./mine", "mine/", "./mine/", "mine"])
def test_template_folder_relative_to_the_current_folder(layout: Path, spec: str) -> None:
    run = run_bounded("render", "briefs/b.yaml", "--template", spec, "--no-check", cwd=layout)
    assert run.code == 0, run.output
    assert (layout / "briefs" / "b.docx").is_file()


def test_a_path_spec_wins_over_a_template_of_that_name(layout: Path) -> None:
    local = layout / "situation"
    local.mkdir()
    (local / "manifest.yaml").write_text("name: situation\nextends: base\n", encoding="utf-8")
    (local / "speech.j2").write_text(
        "{% block opening %}本地模板的正文。\n{% endblock %}\n", encoding="utf-8"
    )
    run = run_bounded("render", "briefs/b.yaml", "--template", "./situation", "-f", "txt", "-o", "-",
                  "--no-check", cwd=layout)  # fmt: skip
    assert run.code == 0, run.output
    assert "本地模板的正文" in run.stdout


def test_shell_and_word_template_relative_to_the_current_folder(layout: Path) -> None:
    from helpers import EXAMPLES

    (layout / "tpl").mkdir()
    (layout / "tpl" / "word.docx").write_bytes((EXAMPLES / "word_template.docx").read_bytes())
    run = run_bounded("render", "briefs/b.yaml", "--template", "tpl/word.docx", "-o", "out.docx",
                  "--no-check", cwd=layout)  # fmt: skip
    assert run.code == 0, run.output
