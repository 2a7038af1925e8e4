"""Start-up cost: light commands must not import the .docx stack; templates compile once; libyaml is used.

Import checks run the CLI in a fresh subprocess and read ``sys.modules`` afterwards
(never wall time, which depends on the machine).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FULL_BRIEF, write_brief

DOCX_STACK = {"docx", "docxtpl", "lxml"}

PROBE = """\
import json, sys
from speechgen.cli.app import app
sys.argv = ["speechgen", *sys.argv[1:]]
code = 0
try:
    app(prog_name="speechgen")  # not main(): it may leave through os._exit
except SystemExit as exc:
    code = exc.code
print("\\n" + json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def loaded_modules(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """Run ``speechgen ARGS`` in a fresh interpreter; return its exit code and top-level modules loaded."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def needs(module: str) -> None:
    """Skip while the command's implementation module does not exist yet."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not implemented yet")


def test_help_loads_neither_the_docx_stack_nor_pydantic(tmp_path: Path) -> None:
    code, modules = loaded_modules(tmp_path, "--help")
    assert code == 0
    assert not modules & (DOCX_STACK | {"pydantic", "jinja2", "yaml"})


def test_templates_does_not_load_the_docx_stack(tmp_path: Path) -> None:
    needs("speechgen.templating.catalog")
    code, modules = loaded_modules(tmp_path, "templates")
    assert code == 0
    assert not modules & DOCX_STACK


def test_check_on_a_text_file_does_not_load_the_docx_stack(tmp_path: Path) -> None:
    needs("speechgen.cli.check")
    (tmp_path / "x.txt").write_text("同志们：\n今天的会议很重要。\n", encoding="utf-8")
    code, modules = loaded_modules(tmp_path, "check", "x.txt")
    assert code in (0, 1)
    assert not modules & DOCX_STACK


def test_render_loads_no_python_docx_for_a_plain_draft(tmp_path: Path) -> None:
    """The writer builds OOXML itself; python-docx is only for shells and reading drafts."""
    brief = write_brief(tmp_path, FULL_BRIEF)
    code, modules = loaded_modules(tmp_path, "render", str(brief), "--no-check")
    assert code == 0
    assert brief.with_suffix(".docx").is_file()
    assert not modules & DOCX_STACK


class CompileSpy:
    """Count Jinja compilations: template files (named) and strings (``from_string``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import jinja2

        self.named: list[str] = []
        self.strings = 0
        real = jinja2.Environment.compile

        def compile(env, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
            if name is None:
                self.strings += 1
            else:
                self.named.append(name)
            return real(env, source, name, filename, raw, defer_init)

        monkeypatch.setattr(jinja2.Environment, "compile", compile)


def _render_twice(tmp_path: Path, spy_factory) -> CompileSpy:  # type: ignore[no-untyped-def]
    from speechgen.facade import RenderSettings, build_draft

    brief = write_brief(tmp_path, FULL_BRIEF)
    settings = RenderSettings(
        template_dirs=[tmp_path / "no-such-folder"]
    )  # roots unique to this test
    build_draft(brief, settings)
    spy = spy_factory()
    draft = build_draft(brief, settings)
    assert draft.blocks
    return spy


def test_second_render_does_not_recompile_template_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _render_twice(tmp_path, lambda: CompileSpy(monkeypatch))
    assert spy.named == []


def test_second_render_compiles_nothing_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = _render_twice(tmp_path, lambda: CompileSpy(monkeypatch))
    assert spy.strings == 0


def test_yaml_loader_uses_libyaml_when_present() -> None:
    import yaml

    from speechgen.brief import loader

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here")
    assert loader._Loader is yaml.CBaseLoader
