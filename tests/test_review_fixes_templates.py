"""Review fixes: Chinese template error messages, template-name suggestions, the ``base`` skeleton."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import EXAMPLES, write_brief

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


def _word_template(tmp_path: Path, old: str, new: str) -> Path:
    """The example Word template with ``old`` replaced by ``new`` inside one run."""
    import docx

    document = docx.Document(str(EXAMPLES / "word_template.docx"))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace(old, new)
    out = tmp_path / "edited.docx"
    document.save(str(out))
    return out


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("{%p for m in measures %}", "{%p if measures %}", "不认识的标签“endfor”"),
        ("{{ meeting.name }}", "{{ meeting.name }", "多了一个“}”"),
        ("{{ meeting.name }}", "{{ strengths[7] }}", "不存在的字段 列表里的第 8 项"),
    ],
)
def test_word_template_errors_are_chinese(invoke, example_copy, tmp_path, old, new, said):
    """Word-template errors used to be Jinja's English (Encountered unknown tag 'endfor'.)."""
    template = _word_template(tmp_path, old, new)
    brief = example_copy("progress_meeting.yaml")
    result = invoke("render", brief, "--template", template)
    assert result.exit_code == 2
    assert said in result.stderr
    for english in ("Encountered", "unexpected", "Jinja", "has no element"):
        assert english not in result.stderr
    if "strengths" not in new:
        lint = invoke("templates", "lint", template)
        assert said in lint.stdout + lint.stderr
        assert "Encountered" not in lint.stdout + lint.stderr


@pytest.mark.parametrize(
    ("spec", "hint"),
    [("situaton", "是否想写 situation？"), ("形势分析", "是否想写 形势分析会（situation）？")],
)
def test_unknown_template_suggests_the_closest_name(invoke, tmp_path, spec, hint):
    """A mistyped template name gets a suggestion; the skeleton ``base`` is not offered."""
    brief = write_brief(tmp_path, BRIEF.replace("template: t1", f"template: {spec}"))
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
    brief = write_brief(tmp_path, BRIEF.replace("template: t1", "template: base"))
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert "是其他模板共用的骨架" in result.stderr and "situation（形势分析会）" in result.stderr
    assert not brief.with_suffix(".docx").exists()
    shown = invoke("templates", "show", "base")
    assert shown.exit_code == 0 and "不单独使用" in shown.stdout


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
    brief = write_brief(tmp_path, BRIEF)
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "今天开会。" in result.stdout


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


def test_schema_accepts_quoted_numbers_that_speechgen_accepts(invoke, tmp_path):
    """The schema rejected ``previous: "3"`` although speechgen renders it fine."""
    import jsonschema
    import yaml

    from speechgen.templating.scaffold import template_schema as brief_schema

    text = (
        "template: situation\nmeeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n"
        '  minutes: "30"\nranking:\n  previous: "3"\n  current: 9\n  total: "13"\n'
    )
    brief = write_brief(tmp_path, text, "quoted.yaml")
    validator = jsonschema.Draft202012Validator(brief_schema())
    assert list(validator.iter_errors(yaml.safe_load(text))) == []
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "从第3名下降到第9名" in result.stdout
    bad = yaml.safe_load(text.replace('previous: "3"', 'previous: "三"'))
    assert list(validator.iter_errors(bad))
