"""The render command through typer's CliRunner: outputs, formats, exit codes, messages."""

from pathlib import Path

from helpers import EXAMPLES, FULL_BRIEF, deadline_brief, docx_texts, write_brief


def test_render_writes_docx_beside_brief(invoke, full_brief: Path) -> None:
    result = invoke("render", full_brief)
    assert result.exit_code == 0, result.output
    out = full_brief.with_suffix(".docx")
    assert out.is_file()
    assert docx_texts(out)[0] == "在全市形势分析会上的讲话"
    assert "已生成" in result.stderr


def test_render_to_named_file_and_folder(invoke, full_brief: Path, tmp_path: Path) -> None:
    assert invoke("render", full_brief, "-o", tmp_path / "x.docx").exit_code == 0
    assert (tmp_path / "x.docx").is_file()
    assert invoke("render", full_brief, "-o", f"{tmp_path / 'out'}/").exit_code == 0
    assert (tmp_path / "out" / "brief.docx").is_file()


def test_markdown_and_text_to_stdout(invoke, full_brief: Path) -> None:
    md = invoke("render", full_brief, "--format", "md", "-o", "-")
    assert md.exit_code == 0
    assert md.stdout.startswith("# 在全市形势分析会上的讲话")
    assert "## 一、" in md.stdout
    txt = invoke("render", full_brief, "-f", "txt", "-o", "-")
    assert "一、" in txt.stdout and "#" not in txt.stdout
    assert not full_brief.with_suffix(".docx").exists()


def test_markdown_file_beside_brief(invoke, full_brief: Path) -> None:
    assert invoke("render", full_brief, "--format", "md").exit_code == 0
    assert full_brief.with_suffix(".md").read_text(encoding="utf-8").startswith("# ")


def test_docx_to_stdout_is_refused(invoke, full_brief: Path) -> None:
    result = invoke("render", full_brief, "-o", "-")
    assert result.exit_code == 2
    assert "md 或 txt" in result.stderr


def test_missing_brief_is_a_clear_error(invoke, tmp_path: Path) -> None:
    result = invoke("render", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "找不到简报文件" in result.stderr
    assert "Traceback" not in result.output


def test_invalid_brief_reports_every_problem_without_output(invoke, tmp_path: Path) -> None:
    brief = write_brief(
        tmp_path, "meeting:\n  name: 会\n  organizaton: 局\nranking:\n  current: -1\n"
    )
    result = invoke("render", brief)
    assert result.exit_code == 2
    assert "brief.yaml:3:3" in result.stderr and "是否想写 organization" in result.stderr
    assert "ranking.current" in result.stderr
    assert "Traceback" not in result.output
    assert not brief.with_suffix(".docx").exists()


def test_template_option_and_chinese_name(invoke, full_brief: Path, tmp_path: Path) -> None:
    result = invoke("render", full_brief, "--template", "形势分析会", "-o", tmp_path / "c.docx")
    assert result.exit_code == 0, result.stderr
    bad = invoke("render", full_brief, "--template", "不存在的模板")
    assert bad.exit_code == 2 and "找不到模板" in bad.stderr


def test_two_briefs_colliding_are_refused_before_writing(invoke, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = write_brief(tmp_path / "a", FULL_BRIEF, "same.yaml")
    two = write_brief(tmp_path / "b", FULL_BRIEF, "same.yaml")
    result = invoke("render", one, two, "-o", f"{tmp_path / 'out'}/")
    assert result.exit_code == 2
    assert "同一个文件" in result.stderr
    assert not (tmp_path / "out").exists()


def test_help_is_chinese(invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "根据 YAML 简报生成中文讲话稿" in result.stdout
    assert "render" in result.stdout


def test_python_dash_m_runs(tmp_path: Path, full_brief: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "speechgen", "render", str(full_brief), "-f", "txt", "-o", "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "同志们：" in proc.stdout


def test_usage_errors_are_chinese(invoke) -> None:
    missing = invoke("render")
    assert missing.exit_code == 2 and "缺少参数" in missing.stderr
    bad = invoke("render", "--format", "pdf", "x.yaml")
    assert bad.exit_code == 2 and "取值无效" in bad.stderr and "pdf" in bad.stderr
    typo = invoke("rendr")
    assert typo.exit_code == 2 and "是否想写 render" in typo.stderr
    assert "Error" not in missing.stderr + bad.stderr + typo.stderr


def test_internal_errors_exit_5_without_traceback(invoke, full_brief, monkeypatch) -> None:
    import speechgen.cli.batch

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(speechgen.cli.batch, "run_render", boom)
    result = invoke("render", full_brief)
    assert result.exit_code == 5
    assert "内部错误" in result.stderr and "--debug" in result.stderr
    assert "Traceback" not in result.stderr


def test_word_template_to_markdown_and_text(invoke, example_copy) -> None:
    import shutil

    brief = example_copy("progress_meeting.yaml")
    template = brief.parent / "word_template.docx"
    shutil.copy(EXAMPLES / "word_template.docx", template)
    result = invoke("render", brief, "--template", template, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "重点工作推进会" in result.stdout
    assert len([p for p in result.stdout.split("\n\n") if p.strip()]) > 5


def test_previews_need_docx(invoke, full_brief: Path) -> None:
    result = invoke("render", full_brief, "-f", "md", "--pdf")
    assert result.exit_code == 2
    assert "--pdf" in result.stderr
    assert not full_brief.with_suffix(".md").exists()


def test_debug_accepted_after_the_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    brief = write_brief(tmp_path, "meeting:\n  name: 会\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from speechgen.cli.app import main; main()",
            "render",
            str(brief),
            "--debug",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "没有这个选项" not in proc.stderr
    assert "organization" in proc.stderr


def test_bad_template_profile_shell_in_the_brief_are_located(invoke, tmp_path: Path) -> None:
    for key, value, words in (
        ("template", "situaton", "找不到模板"),
        ("profile", "speach", "找不到版式"),
        ("shell", "nope.docx", "找不到 Word 外壳"),
    ):
        brief = write_brief(tmp_path, f"{key}: {value}\nmeeting: {{name: 会, organization: 局}}\n")
        result = invoke("render", brief)
        assert result.exit_code == 2
        assert f"brief.yaml:1:{len(key) + 3}  {key}  {words}" in result.stderr


def test_render_prints_the_warning_and_still_succeeds(invoke, tmp_path: Path) -> None:
    result = invoke("render", deadline_brief(tmp_path, "2026-02-15"))
    assert result.exit_code == 0, result.stderr
    assert "警告：" in result.stderr and "measures.第1项.deadline" in result.stderr
    assert "早于会议日期" in result.stderr
    assert (tmp_path / "b.docx").is_file()
