"""Word (docxtpl) templates: one block per measure, content hash, lint and errors name paragraphs."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from speechgen.docx.fingerprint import is_untouched_draft

from helpers import EXAMPLES, docx_texts, write_brief


@pytest.fixture
def word_template(tmp_path: Path) -> Path:
    target = tmp_path / "word_template.docx"
    shutil.copy(EXAMPLES / "word_template.docx", target)
    return target


def _edit(path: Path, old: str, new: str) -> Path:
    """Replace text inside the runs of a .docx (python-docx), saved as a new file."""
    document = docx.Document(str(path))
    for p in document.paragraphs:
        for run in p.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    out = path.with_name("edited.docx")
    document.save(str(out))
    return out


def test_example_word_template_renders_one_block_per_measure(invoke, example_copy, word_template):
    brief = example_copy("progress_meeting.yaml")
    result = invoke("render", brief, "--template", word_template)
    assert result.exit_code == 0, result.stderr
    out = brief.with_suffix(".docx")
    texts = docx_texts(out)
    titles = ["全力以赴抓好收入质量", "集中攻坚滞后项目", "补齐风险应对短板", "充实基层一线力量"]
    headings = [t for t in texts if t.startswith("（") and not t.startswith("（2")]
    assert headings == [
        "（一）" + titles[0],
        "（二）" + titles[1],
        "（三）" + titles[2],
        "（四）" + titles[3],
    ]
    assert texts[0] == "在全市税务系统重点工作推进会上的讲话" and "（2026年7月8日）" in texts
    assert not any("{%" in t or "{{" in t for t in texts)
    assert is_untouched_draft(out)
    assert docx.Document(str(out)).core_properties.title == "在全市税务系统重点工作推进会上的讲话"


def test_word_template_from_brief_field_and_escaping(invoke, tmp_path, word_template):
    brief = write_brief(
        tmp_path,
        """\
        template: word_template.docx
        meeting:
          name: A&B <会议>
          organization: 某局
        measures:
          - 唯一的举措
        """,
    )
    result = invoke("render", brief)
    assert result.exit_code == 0, result.stderr
    texts = docx_texts(brief.with_suffix(".docx"))
    assert texts[0] == "在A&B <会议>上的讲话"
    assert "（一）唯一的举措" in texts
    assert "同志们：" in texts and not any(
        t.startswith("（2") for t in texts
    )  # no date, line dropped


def test_lint_finds_misspelt_variable_and_names_paragraph(invoke, word_template):
    clean = invoke("templates", "lint", word_template)
    assert clean.exit_code == 0 and clean.stdout == ""
    bad = _edit(word_template, "m.title", "m.titel")
    result = invoke("templates", "lint", bad)
    assert result.exit_code == 2
    assert "titel" in result.stdout and "（{{ loop.index|cn }}）{{ m.titel }}" in result.stdout


def test_lint_finds_broken_tag(invoke, word_template):
    bad = _edit(word_template, "{%p endfor %}", "{%p endfo %}")
    result = invoke("templates", "lint", bad)
    assert result.exit_code == 2
    assert "语法错误" in result.stdout and "endfo" in result.stdout


def test_render_error_names_paragraph(invoke, example_copy, word_template):
    bad = _edit(word_template, "meeting.organization", "meeting.organisation")
    brief = example_copy("progress_meeting.yaml")
    result = invoke("render", brief, "--template", bad)
    assert result.exit_code == 2
    assert "organisation" in result.stderr and "任务已经明确" in result.stderr
    assert not brief.with_suffix(".docx").exists()


def test_word_template_is_sandboxed(invoke, example_copy, word_template):
    bad = _edit(word_template, "{{ meeting.title }}", "{{ meeting.__class__.__mro__ }}")
    result = invoke("render", example_copy("progress_meeting.yaml"), "--template", bad)
    assert result.exit_code == 2


def test_not_a_docx_is_refused(invoke, example_copy, tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    assert invoke("templates", "lint", fake).exit_code == 2
    assert (
        invoke("render", example_copy("progress_meeting.yaml"), "--template", fake).exit_code == 2
    )


def test_keeps_template_custom_properties(invoke, example_copy, word_template):
    from speechgen.docx.wordtemplate import stamp_content_hash

    data = stamp_content_hash(word_template.read_bytes())
    restamped = stamp_content_hash(data)
    with zipfile.ZipFile(__import__("io").BytesIO(restamped)) as zf:
        custom = zf.read("docProps/custom.xml").decode("utf-8")
        assert custom.count("speechgen.content_sha256") == 1
        assert zf.read("[Content_Types].xml").decode("utf-8").count("/docProps/custom.xml") == 1


@pytest.mark.parametrize(
    "payload",
    [
        "{{ 'x' * 50000000 }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    ],
)
def test_word_template_resource_bombs_are_stopped(
    invoke, example_copy, word_template, monkeypatch, payload
):
    import speechgen.templating.environment as environment

    monkeypatch.setattr(environment, "MAX_SECONDS", 1.0)
    bad = _edit(word_template, "{{ meeting.title }}", payload)
    brief = example_copy("progress_meeting.yaml")
    result = invoke("render", brief, "--template", bad)
    assert result.exit_code == 2, result.stderr
    assert "模板" in result.stderr
    assert not brief.with_suffix(".docx").exists()


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("{%p for m in measures %}", "{%p if measures %}", "缺少 {% endif %}"),
        ("{{ meeting.name }}", "{{ meeting.name }", "多了一个“}”"),
        ("{{ meeting.name }}", "{{ strengths[7] }}", "不存在的字段 列表里的第 8 项"),
    ],
)
def test_word_template_errors_are_chinese(invoke, example_copy, word_template, old, new, said):
    """Word-template errors used to be Jinja's English (Encountered unknown tag 'endfor'.)."""
    template = _edit(word_template, old, new)
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


def test_lint_names_a_loop_variable_used_outside_its_loop(invoke, tmp_path):
    """``{{ m.titel }}`` before ``{%p for m in measures %}`` is an unknown variable there."""
    document = docx.Document(str(EXAMPLES / "word_template.docx"))
    salutation = next(p for p in document.paragraphs if p.text == "同志们：")
    salutation.add_run("{{ m.titel }}")
    path = tmp_path / "bad.docx"
    document.save(str(path))
    result = invoke("templates", "lint", path)
    assert result.exit_code == 2
    assert "同志们：{{ m.titel }}" in result.stdout
    assert result.stdout.count("未知变量“m”") == 1, result.stdout
