"""Word templates and shells get the limits folder templates have (issue 15, item 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import BRIEF, REPO, run_bounded

GROWS = "{% for i in range(6) %}{{ 'x' * 1999999 }}{% endfor %}"  # one paragraph of 12 million characters
BOMB = "{% for i in range(10000) %}{{ 'x' * 1999999 }}{% endfor %}"  # 20 GB if nothing stops it
RECURSION = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"


def _word_file(path: Path, *paragraphs: str) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


def _render(folder: Path, kind: str, payload: str):
    _word_file(
        folder / "t.docx", "正文第一段", payload, "{{ body }}" if kind == "--shell" else "结尾"
    )
    return run_bounded(
        "render", "brief.yaml", kind, "t.docx", "--no-check", cwd=folder, timeout=120
    )


@pytest.mark.parametrize("kind", ["--template", "--shell"])
def test_a_paragraph_past_the_parser_limit_is_refused_not_cut(folder: Path, kind: str) -> None:
    run = _render(folder, kind, GROWS)
    assert run.code == 2, run.output
    assert "超过" in run.stderr and "Traceback" not in run.output
    assert not (folder / "brief.docx").exists()


@pytest.mark.parametrize("kind", ["--template", "--shell"])
def test_output_bomb_is_refused_within_the_memory_limit(folder: Path, kind: str) -> None:
    run = _render(folder, kind, BOMB)
    assert run.code == 2, run.output
    assert "超过" in run.stderr and "MemoryError" not in run.stderr
    assert not (folder / "brief.docx").exists()


@pytest.mark.parametrize("kind", ["--template", "--shell"])
def test_recursive_macro_is_a_located_exit_2(folder: Path, kind: str) -> None:
    run = _render(folder, kind, RECURSION)
    assert run.code == 2, run.output
    assert "递归" in run.stderr and "RecursionError" not in run.stderr
    assert "{{ f() }}" in run.stderr  # the paragraph it sits in
    assert not (folder / "brief.docx").exists()


SILENT_WORD_LOOP = """
import io, sys
import docx
from docxtpl import DocxTemplate
from speechgen.templating import environment
from speechgen.templating.errors import TemplateLimitError
environment.MAX_SECONDS = 0.5
document = docx.Document()
document.add_paragraph("{% for a in 'x' * 1000000 %}{% for b in 'x' * 1000000 %}{% endfor %}{% endfor %}")
buf = io.BytesIO(); document.save(buf); buf.seek(0)
template = DocxTemplate(buf)
try:
    with environment.xml_budget_scope():
        template.render({}, jinja_env=environment.make_xml_environment(), autoescape=True)
except TemplateLimitError as exc:
    print(exc.message)
    sys.exit(2)
sys.exit(0)
"""


def test_a_silent_loop_in_a_word_template_is_stopped_by_the_time_budget() -> None:
    proc = subprocess.run([sys.executable, "-c", SILENT_WORD_LOOP], capture_output=True,
                          text=True, cwd=REPO, timeout=120)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "秒" in proc.stdout
