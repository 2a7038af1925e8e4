"""Template errors in Chinese: undefined names, includes outside the folder, bad option values."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write_brief

BRIEF = """\
template: t1
meeting:
  name: 全市形势分析会
  organization: 某某市某某局
strengths: [征管质效名列前茅]
"""


def _local_template(tmp_path: Path, body: str) -> Path:
    """A local ./templates/t1 whose entry is ``body``; returns the brief path."""
    folder = tmp_path / "templates" / "t1"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: t1\ncn_name: 测试会\ndescription: 测试\nentry: speech.j2\n"
        "options:\n  substyle:\n    choices: [headings, inline]\n    default: headings\n",
        encoding="utf-8",
    )
    (folder / "speech.j2").write_text("= 标题\n\n" + body + "\n", encoding="utf-8")
    return write_brief(tmp_path, BRIEF)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{{ none_thing }}", "不存在的字段 none_thing"),
        ("{{ meeting.nonexistent }}", "不存在的字段 meeting.nonexistent"),
        ("{{ ranking.current }}", "不存在的字段 current（它的上一级在简报里没有填）"),
        ("{% for s in strengths %}{{ s.zz }}{% endfor %}", "zz（要点里没有这个字段）"),
        ("{{ strengths[4] }}", "列表里的第 5 项"),
    ],
)
def test_undefined_names_are_reported_in_chinese(invoke, tmp_path, monkeypatch, body, field):
    """UndefinedError used to leak Jinja's English (``'x' is undefined``, ``has no attribute``)."""
    monkeypatch.chdir(tmp_path)
    brief = _local_template(tmp_path, body)
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert field in result.stderr
    assert "speech.j2:3" in result.stderr
    for english in ("is undefined", "has no attribute", "object", "element"):
        assert english not in result.stderr


def test_include_outside_the_folder_names_the_full_request(invoke, tmp_path, monkeypatch):
    """``{% include "../../../etc/passwd" %}`` used to be reported as 找不到模板文件“..”."""
    monkeypatch.chdir(tmp_path)
    brief = _local_template(tmp_path, '{% include "../../../etc/passwd" %}')
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert "找不到模板文件“../../../etc/passwd”" in result.stderr
    assert not (tmp_path / "brief.docx").exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [("[inline]", "现在写成了一组“inline”"), ("inlin", "现在是“inlin”")],
)
def test_bad_option_value_is_shown_as_typed(invoke, tmp_path, monkeypatch, value, shown):
    """A bad option value used to be shown as a Python repr (现在是“['inline']”)."""
    monkeypatch.chdir(tmp_path)
    _local_template(tmp_path, "正文。")
    brief = write_brief(tmp_path, BRIEF + f"options:\n  substyle: {value}\n", "opt.yaml")
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert shown in result.stderr
    assert "['" not in result.stderr


def test_a_value_the_template_never_says_is_refused_naming_it(invoke, tmp_path, monkeypatch):
    """A brief value the template does not render is exit 2 naming it, never silently dropped."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "t1"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: t1\ncn_name: 测试会\nextends: base\nuses: [meeting]\n", encoding="utf-8"
    )
    (folder / "speech.j2").write_text(
        "{% block opening %}今天开会。{% endblock %}\n", encoding="utf-8"
    )
    brief = write_brief(tmp_path, BRIEF)
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 2
    assert "strengths" in result.stderr and "不会讲到" in result.stderr
