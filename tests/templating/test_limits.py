"""Folder templates' limits hold for every route, in bounded time and memory (issue 15, item 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import BRIEF, REPO, run_bounded

MANIFEST = "name: evil\ncn_name: 恶意模板\n"

ROUTES = {
    "format_width_argument": "{{ '{0:>{1}}'.format('x', 2000000000) }}",
    "format_map_width": "{{ '{a:>{w}}'.format_map({'a': 'x', 'w': 2000000000}) }}",
    "percent_star_width": "{{ '%*s' % (2000000000, 'x') }}",
    "percent_star_precision": "{{ '%.*f' % (2000000000, 1.5) }}",
    "format_filter_star": "{{ '%*s'|format(2000000000, 'x') }}",
    "batch_list": "{{ ('x' * 1999999)|batch(1)|list|length }}",
    "map_list": "{{ ('x' * 1999999)|map('upper')|list|length }}",
    "wordwrap_long": "{{ ('x ' * 999999)|wordwrap(1) }}",
    "ljust": "{{ 'x'.ljust(2000000000) }}",
    "center_method": "{{ 'x'.center(2000000000) }}",
    "zfill": "{{ '1'.zfill(2000000000) }}",
    "expandtabs": "{{ ('\t' * 100).expandtabs(100000000) }}",
    "join_method": "{{ ('x' * 1999999).join(['a'] * 1000) }}",
    "replace_method": "{{ ('x' * 1999999).replace('x', 'xxxx') }}",
    "plus_doubling": "{% macro f(s, n) %}{% if n %}{{ f(s + s, n - 1) }}{% endif %}{% endmacro %}{{ f('x', 40) }}",
    "list_plus": "{% macro f(s, n) %}{% if n %}{{ f(s + s, n - 1) }}{% endif %}{% endmacro %}{{ f([1], 40) }}",
    "int_squaring": "{% set ns = namespace(x=2**64) %}{% for i in range(40) %}{% set ns.x = ns.x * ns.x %}{% endfor %}",
    "int_power": "{{ ((2**64)**64)**64 }}",
    "lipsum": "{{ lipsum(1000000) }}",
    "recursive_macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    template = tmp_path / "evil"
    template.mkdir()
    (template / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("source", list(ROUTES.values()), ids=list(ROUTES))
def test_every_route_is_refused_at_the_template_line(folder: Path, source: str) -> None:
    (folder / "evil" / "speech.j2").write_text("= 标题\n\n" + source + "\n", encoding="utf-8")
    run = run_bounded(
        "render", "brief.yaml", "--template", "./evil", "--no-check", cwd=folder, timeout=90
    )
    assert run.code == 2, run.output
    assert "speech.j2:3" in run.stderr, run.stderr
    assert "MemoryError" not in run.stderr  # refused before it is built, not when memory ran out
    assert any(word in run.stderr for word in ("过大", "超过", "过深", "过多")), run.stderr
    assert "Traceback" not in run.output and not (folder / "brief.docx").exists()


SILENT_LOOP = """
import sys, time
from speechgen.templating import environment
from speechgen.templating.environment import make_environment, render_with_budget, RenderBudget
from speechgen.templating.errors import TemplateLimitError
source = "= 标题\\n{% for a in 'x' * 1000000 %}{% for b in 'x' * 1000000 %}{% endfor %}{% endfor %}"
try:
    render_with_budget(make_environment().from_string(source), {}, RenderBudget(max_seconds=0.5))
except TemplateLimitError as exc:
    print(exc.message)
    sys.exit(2)
sys.exit(0)
"""


def test_a_silent_loop_without_calls_is_stopped_by_the_time_budget() -> None:
    proc = subprocess.run([sys.executable, "-c", SILENT_LOOP], capture_output=True, text=True,
                          cwd=REPO, timeout=120)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert (
        "秒" in proc.stdout and "已停止" in proc.stdout
    )  # the line is named when the stop lands in template code


def test_ordinary_formatting_still_works() -> None:
    from speechgen.templating.environment import make_environment, render_with_budget

    source = (
        "{{ '{0:>5}|{1:,}'.format('x', 1234567) }}|{{ '%5s' % 'y' }}|{{ 'ab'.center(6) }}|"
        "{{ ([1, 2] + [3])|length }}|{{ 'a' + 'b' }}|{{ (2 ** 10) * 3 }}|{{ 'x y z'|wordwrap(3)|length }}|"
        "{{ 'abc'|batch(2)|list|length }}"
    )
    assert render_with_budget(make_environment().from_string(source), {}) == (
        "    x|1,234,567|    y|  ab  |3|ab|3072|5|2"
    )
