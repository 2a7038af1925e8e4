"""``speechgen templates show`` and ``lint`` for folder templates."""

from __future__ import annotations

import pytest

from speechgen.templating.registry import builtin_root

from helpers import MINIMAL_BRIEF, write_brief

BUILTINS = {
    "situation": "形势分析会",
    "progress": "工作推进会",
    "mobilization": "动员部署会",
    "commendation": "总结表彰会",
    "warning": "警示教育会",
}


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_show_outline_fields_and_options(name, invoke):
    result = invoke("templates", "show", BUILTINS[name])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"{name}  {BUILTINS[name]}")
    assert "提纲" in out and "\n  一、" in out and "\n  二、" in out
    assert "substyle" in out and "默认版式：speech" in out
    assert "meeting.name" in out and "measures[].title" in out


def test_show_progress_inline_points(invoke):
    """progress numbers its sub-points 一是、二是: the outline preview shows the sample's measures so."""
    out = invoke("templates", "show", "progress").stdout
    assert "一是全力攻坚前期手续" in out and "（一）全力攻坚前期手续" not in out


def test_show_unknown_template(invoke):
    result = invoke("templates", "show", "nosuch")
    assert result.exit_code == 2 and "situation" in result.stderr


@pytest.mark.parametrize("name", sorted(BUILTINS) + ["base"])
def test_builtins_lint_clean(name, invoke):
    result = invoke("templates", "lint", builtin_root() / name)
    assert result.exit_code == 0, result.stdout


def test_lint_reports_unknown_names_attributes_options_and_syntax(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "office"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("name: office\nextends: progress\n", encoding="utf-8")
    (folder / "speech.j2").write_text(
        "{% block closing %}\n"
        "{{ meeting.nmae }}{{ leader }}\n"
        "{% for m in measures %}{{ m.owner }}{{ m.titel }}{% endfor %}\n"
        "{{ options.colour }}{{ measures.title }}{{ ranking.target }}\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (folder / "phrases.yaml").write_text(
        "closing:\n  - 好\n  - '{{ meeting.orgnization }}'\n", encoding="utf-8"
    )
    result = invoke("templates", "lint", folder)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()

    def line_with(word: str) -> str:
        return next(line for line in lines if word in line)

    assert "speech.j2:2" in line_with("nmae") and "name" in line_with("nmae")
    assert "speech.j2:2" in line_with("leader")
    assert "speech.j2:3" in line_with("titel") and "m（measures 中的一项）" in line_with("titel")
    assert "speech.j2:4" in line_with("colour") and "substyle" in line_with("colour")
    assert "speech.j2:4" in line_with("measures”是一组")
    assert "phrases.yaml:3" in line_with("orgnization")
    assert not any("“owner”" in line or "“target”" in line for line in lines)
    broken = folder / "speech.j2"
    broken.write_text("{% block closing %}\n{{ meeting.name }\n{% endblock %}\n", encoding="utf-8")
    result = invoke("templates", "lint", folder)
    assert result.exit_code == 2 and "speech.j2:2" in result.stdout and "语法错误" in result.stdout


def test_lint_missing_path(invoke, tmp_path):
    assert invoke("templates", "lint", tmp_path / "nothing").exit_code == 2
    assert invoke("templates", "lint", tmp_path).exit_code == 2


@pytest.mark.parametrize(
    ("spec", "hint"),
    [("situaton", "是否想写 situation？"), ("形势分析", "是否想写 形势分析会（situation）？")],
)
def test_unknown_template_suggests_the_closest_name(invoke, tmp_path, spec, hint):
    """A mistyped template name gets a suggestion; the skeleton ``base`` is not offered."""
    brief = write_brief(tmp_path, f"template: {spec}\n" + MINIMAL_BRIEF)
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert "situation（形势分析会）" in result.stderr
    assert "base" not in result.stderr


def test_base_skeleton_is_marked_and_refused(invoke, tmp_path):
    """``template: base`` used to render an empty speech; ``templates`` did not say it is a skeleton."""
    listing = invoke("templates")
    base_line = next(line for line in listing.stdout.splitlines() if line.startswith("base "))
    assert "骨架，供其他模板继承，不单独使用" in base_line
    assert "骨架" not in next(
        ln for ln in listing.stdout.splitlines() if ln.startswith("situation ")
    )
    brief = write_brief(tmp_path, "template: base\n" + MINIMAL_BRIEF)
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert "是其他模板共用的骨架" in result.stderr and "situation（形势分析会）" in result.stderr
    assert not brief.with_suffix(".docx").exists()
    shown = invoke("templates", "show", "base")
    assert shown.exit_code == 0 and "不单独使用" in shown.stdout


def test_lint_still_accepts_the_builtin_templates(invoke):
    for name in ["situation", "progress", "mobilization", "commendation"]:
        result = invoke("templates", "lint", builtin_root() / name)
        assert result.exit_code == 0, result.stdout + result.stderr
