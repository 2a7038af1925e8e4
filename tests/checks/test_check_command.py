"""``speechgen check`` on the command line: the model speech, rendered examples, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechgen import checks
from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.readers import paragraphs_document
from speechgen.facade import read_for_check

from helpers import (
    AWAITING_TEMPLATES,
    EXAMPLES,
    FULL_BRIEF,
    MODEL_SPEECH,
    REPO,
    deadline_brief,
    ignore_args,
    write_brief,
)

FINDING_KEYS = {
    "file",
    "location",
    "rule",
    "severity",
    "message",
    "paragraph",
    "line",
    "column",
    "quote",
}


def check_json(invoke, *args: str) -> tuple[int, dict]:
    """Run ``check --format json`` and return the exit code and parsed output."""
    result = invoke("check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def by_rule(payload: dict, rule: str) -> list[dict]:
    """The findings of one rule."""
    return [f for f in payload["findings"] if f["rule"] == rule]


# A speech as copied from a document-sharing site, written for these tests: a caption line,
# page markers (1、 2、 3、) where the pages broke, a quote pair split by a page break,
# a stray closing quote, 某某 left in, and half-width punctuation between Chinese characters.
SCRAPED_SPEECH = """\
《在某某县春季工作推进会上的讲话》文稿,共3页。
1、同志们:今天召开全县春季工作推进会,主要是回顾一季度工作,部署下一阶段任务。一季度,某某镇抢抓农时,“春耕
2、备耕”各项准备基本到位;某某局牵头推进重点项目,进度好于预期。但也要清醒看到,有的同志满足于“过得去,工作标准不高。
下面,我讲两点意见:(一)认清形势。今年任务比往年更重,要对标某某县的做法,找准差距。
3、(二)压实责任。各单位主要负责同志要亲自抓,某某同志牵头”督办,确保按期完成。
"""


def test_scraped_speech_defects_are_found_and_located(invoke, tmp_path: Path) -> None:
    """Placeholders, unpaired quotes and half-width punctuation, each at its line and column."""
    path = tmp_path / "scraped.txt"
    path.write_text(SCRAPED_SPEECH, encoding="utf-8")
    code, payload = check_json(invoke, str(path))
    assert code == 1
    # page markers are not headings: no structure finding, only the three kinds of defect
    assert {f["rule"] for f in payload["findings"]} == {
        "placeholder.text",
        "punct.unpaired",
        "punct.halfwidth",
    }
    placeholders = by_rule(payload, "placeholder.text")
    quotes = by_rule(payload, "punct.unpaired")
    half = by_rule(payload, "punct.halfwidth")
    assert len(placeholders) == 5 and all("某某" in f["message"] for f in placeholders)
    assert [(f["line"], f["column"]) for f in quotes] == [(2, 53), (3, 5), (3, 49), (5, 31)]
    assert any("“" in f["message"] for f in quotes)
    assert any("“,”" in f["message"] for f in half) and any("“:”" in f["message"] for f in half)
    for finding in placeholders + quotes + half:
        assert finding["location"] == f"{path}:{finding['line']}:{finding['column']}"
    # the stray closing quote in 牵头”督办 on the last line is located exactly
    line = SCRAPED_SPEECH.splitlines()[4]
    assert (5, line.index("牵头”") + 3) in [(f["line"], f["column"]) for f in quotes]
    text = invoke("check", str(path)).stdout
    assert text.startswith("错误（9）") and "警告（20）" in text
    assert f"{path}:2:45  placeholder.text  遗留占位符“某某”" in text


@pytest.mark.skipif(
    not MODEL_SPEECH.is_file(), reason="../shared/seed/model_speech.txt is not present"
)
def test_model_speech_as_distributed(invoke) -> None:
    """The model speech as downloaded: the same defects as the scraped fixture above, at scale."""
    code, payload = check_json(invoke, str(MODEL_SPEECH))
    assert code == 1
    placeholders = by_rule(payload, "placeholder.text")
    quotes = by_rule(payload, "punct.unpaired")
    half = by_rule(payload, "punct.halfwidth")
    assert len(placeholders) >= 20 and all("某某" in f["message"] for f in placeholders)
    assert any("“" in f["message"] for f in quotes)
    assert any("“,”" in f["message"] for f in half) and any("“:”" in f["message"] for f in half)
    for finding in placeholders + quotes + half:
        assert finding["line"] and finding["column"], finding
        assert finding["location"] == f"{MODEL_SPEECH}:{finding['line']}:{finding['column']}"
    # the broken pair 带偏”实干 on the second-to-last line is located exactly
    line = MODEL_SPEECH.read_text(encoding="utf-8").splitlines()[8]
    column = line.index("带偏”") + 3
    assert any(f["line"] == 9 and f["column"] == column for f in quotes)
    text = invoke("check", str(MODEL_SPEECH)).stdout
    assert text.startswith("错误（") and "警告（" in text
    assert f"{MODEL_SPEECH}:2:" in text and "  placeholder.text  遗留占位符“某某”" in text


def test_rendered_example_has_only_its_placeholders(invoke, example_copy, tmp_path: Path) -> None:
    brief = example_copy("model_meeting.yaml")
    out = tmp_path / "draft.docx"
    assert invoke("render", brief, "-o", out, "--no-check").exit_code == 0
    for args in ([str(out)], [str(out), "--brief", str(brief)], [str(brief)]):
        code, payload = check_json(invoke, *args, *ignore_args())
        rules = {f["rule"] for f in payload["findings"]}
        assert rules == {"placeholder.text"}, payload["findings"]
        assert all("某某" in f["message"] for f in payload["findings"])
        assert code == 1
    text = invoke("check", out).stdout
    assert f"{out}:¶" in text and "「（三）形成步步为营的督办…」" in text


def test_rendered_variants_are_clean(invoke, example_copy, tmp_path: Path) -> None:
    brief = example_copy("model_meeting.yaml")
    source = brief.read_text(encoding="utf-8")
    for option in ("substyle: inline", "date_style: chinese"):
        variant = tmp_path / "variant.yaml"
        variant.write_text(
            source.replace("template: situation\n", f"template: situation\noptions:\n  {option}\n"),
            encoding="utf-8",
        )
        _code, payload = check_json(invoke, variant, *ignore_args())
        assert {f["rule"] for f in payload["findings"]} == {"placeholder.text"}, (
            option,
            payload["findings"],
        )


def test_json_format_fields(invoke, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("同志们：\n今天开会,研究工作。\n", encoding="utf-8")
    docs = tmp_path / "notes.md"
    docs.write_text("## 一、认清形势\n请某某同志发言。\n", encoding="utf-8")
    code, payload = check_json(invoke, good, docs, tmp_path / "missing.txt")
    assert code == 2
    assert payload["version"] == 1 and payload["exit_code"] == 2
    assert payload["summary"] == {"error": 1, "warning": 1, "info": 0, "files": 3, "unreadable": 1}
    files = {Path(f["file"]).name: f for f in payload["files"]}
    assert files["missing.txt"]["error"] and files["missing.txt"]["stats"] is None
    assert (
        files["good.txt"]["kind"] == "text"
        and files["good.txt"]["stats"]["chars_per_minute"] == 220
    )
    assert files["good.txt"]["counts"] == {"error": 0, "warning": 1, "info": 0}
    for finding in payload["findings"]:
        assert set(finding) == FINDING_KEYS
    placeholder = by_rule(payload, "placeholder.text")[0]
    assert (placeholder["line"], placeholder["column"], placeholder["paragraph"]) == (2, 2, None)
    assert payload["findings"][0]["severity"] == "error"  # errors first


def test_text_output_grouped_by_severity(invoke, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("请某某同志发言,大家要抓落实。\n", encoding="utf-8")
    result = invoke("check", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "错误（1）"
    assert lines[1] == f"{path}:1:2  placeholder.text  遗留占位符“某某”：「请某某同志发言,大…」"
    assert lines[3] == "警告（1）" and lines[4].startswith(f"{path}:1:8  punct.halfwidth  ")
    assert lines[-1] == "共 1 个错误，1 个警告，0 条提示"


def test_exit_codes(invoke, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("同志们：\n今天开会，研究工作。\n", encoding="utf-8")
    result = invoke("check", clean)
    assert result.exit_code == 0 and "没有发现问题" in result.stdout
    warn = tmp_path / "warn.txt"
    warn.write_text("今天开会,研究工作。\n", encoding="utf-8")
    assert invoke("check", warn).exit_code == 0
    bad = tmp_path / "bad.txt"
    bad.write_text("请某某同志发言。\n", encoding="utf-8")
    assert invoke("check", bad).exit_code == 1
    assert invoke("check", bad, "--ignore", "placeholder").exit_code == 0
    result = invoke("check", bad, tmp_path / "gone.txt")
    assert result.exit_code == 2
    assert "找不到这个文件" in result.stderr and "placeholder.text" in result.stdout
    assert invoke("check", bad, "--ignore", "no.such.rule").exit_code == 2


def test_config_file(invoke, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("请某某同志发言,大家要抓落实。\n", encoding="utf-8")
    config = tmp_path / "check.yaml"
    config.write_text(
        "ignore: [placeholder.text]\nseverity:\n  punct.halfwidth: error\nchars_per_minute: 300\n",
        encoding="utf-8",
    )
    code, payload = check_json(invoke, text, "--config", config)
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in payload["findings"]] == [
        ("punct.halfwidth", "error")
    ]
    assert payload["files"][0]["stats"]["chars_per_minute"] == 300
    _code, payload = check_json(invoke, text, "--config", config, "--chars-per-minute", "150")
    assert payload["files"][0]["stats"]["chars_per_minute"] == 150
    for broken in (
        "ignore: [nothing]\n",
        "speed: 3\n",
        "chars_per_minute: fast\n",
        "severity: {punct: fatal}\n",
        "- a\n- b\n",
    ):
        config.write_text(broken, encoding="utf-8")
        result = invoke("check", text, "--config", config)
        assert result.exit_code == 2 and result.stderr.strip(), broken


def test_unreadable_inputs(invoke, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("请某某同志发言。\n".encode("gb18030"))
    result = invoke("check", gbk)
    assert result.exit_code == 2 and "--encoding" in result.stderr
    assert invoke("check", gbk, "--encoding", "gb18030").exit_code == 1
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    assert invoke("check", doc).exit_code == 2
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    assert invoke("check", fake).exit_code == 2
    broken_brief = write_brief(tmp_path, "meeting:\n  name: 会\n", name="broken.yaml")
    result = invoke("check", broken_brief)
    assert result.exit_code == 2 and "organization" in result.stderr


def test_markdown_markers_keep_columns(invoke, tmp_path: Path) -> None:
    md = tmp_path / "draft.md"
    md.write_text(
        "# 讲话\n\n## 一、认清形势\n\n请某某同志发言。我提三点要求。\n\n**（一）抓思想。**要……\n"
        "\n**（二）抓作风。**要……\n",
        encoding="utf-8",
    )
    _code, payload = check_json(invoke, md)
    assert [(f["rule"], f["line"], f["column"]) for f in payload["findings"]] == [
        ("placeholder.text", 5, 2),
        ("structure.count", 5, 11),
    ]


def test_summary_line(tmp_path: Path) -> None:
    from speechgen.facade import load_and_validate

    brief = load_and_validate(write_brief(tmp_path, FULL_BRIEF))[1]
    paragraphs = ["一、认清形势", "请某某同志发言,大家要抓落实。"]
    line = checks.summary_line(paragraphs, "out.docx", brief)
    doc = paragraphs_document(paragraphs, "out.docx", brief)
    warnings = check_document(doc, CheckSettings(), brief=brief).count("warning")
    assert warnings >= 2  # the half-width comma, the short length, the brief's values not said
    assert (
        line == f"检查：1 个错误，{warnings} 个警告，0 条提示（speechgen check out.docx 查看详情）"
    )
    assert checks.summary_line(["同志们：", "今天开会。"], "x.docx", None).startswith(
        "检查：0 个错误，0 个警告"
    )


def test_summary_line_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import speechgen.checks.engine as engine

    def boom(*_args, **_kwargs):
        raise RuntimeError("broken rule")

    monkeypatch.setattr(engine, "check_document", boom)
    line = checks.summary_line(["同志们："], "x.docx", None)
    assert line.startswith("检查：未能完成") and "speechgen check x.docx" in line


def test_render_prints_the_summary(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    result = invoke("render", brief)
    assert result.exit_code == 0
    assert "检查：" in result.stderr and "speechgen check" in result.stderr


def test_docs_cover_every_rule_and_json_field() -> None:
    from speechgen.checks.rules import RULES

    text = (REPO / "docs" / "check.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule}`" in text, rule
    for field in FINDING_KEYS | {
        "version",
        "exit_code",
        "summary",
        "files",
        "findings",
        "stats",
        "counts",
        "chars_per_minute",
        "target_minutes",
        "unreadable",
    }:
        assert f"`{field}`" in text, field


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in EXAMPLES.glob("*.yaml")),
)
def test_every_example_brief_has_only_placeholders(invoke, example_copy, name: str) -> None:
    """Every example, rendered in memory: at most the 某某 placeholders it keeps on purpose."""
    _code, payload = check_json(invoke, example_copy(name), *ignore_args())
    assert payload["files"][0]["error"] is None
    assert {f["rule"] for f in payload["findings"]} <= {"placeholder.text"}, payload["findings"]
    assert all("某某" in f["message"] for f in payload["findings"])


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_only_report_their_deliberate_placeholders(example_copy, name: str) -> None:
    """The rendered examples trip no structure rule; only the 某某 the briefs keep on purpose."""
    path = example_copy(name)
    doc = read_for_check(path, name, None)
    settings = CheckSettings(ignore=set(AWAITING_TEMPLATES))
    findings = check_document(doc, settings, brief=doc.brief).findings
    assert {f.rule for f in findings} <= {"placeholder.text"}
    assert all("某某" in f.message for f in findings)


def test_lone_rules_are_switched_off_from_the_command_line(invoke, tmp_path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("（一）抓落实。一是明确责任。\n我讲零点意见。\n", encoding="utf-8")
    shown = invoke("check", draft).output
    assert "structure.lone" in shown and "structure.zero" in shown
    quiet = invoke("check", draft, "--ignore", "structure.lone,structure.zero").output
    assert "structure.lone" not in quiet and "structure.zero" not in quiet


def test_check_reports_the_brief_rule_as_a_warning(invoke, tmp_path: Path) -> None:
    path = deadline_brief(tmp_path, "2026-02-15")
    result = invoke("check", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    hits = [f for f in report["findings"] if f["rule"] == "brief.deadline_before_meeting"]
    assert len(hits) == 1
    assert hits[0]["severity"] == "warning"
    assert hits[0]["paragraph"] is not None
    quiet = invoke("check", path, "--ignore", "brief.deadline_before_meeting")
    assert "brief.deadline_before_meeting" not in quiet.stdout


def test_check_of_a_good_brief_has_no_deadline_finding(invoke, tmp_path: Path) -> None:
    result = invoke("check", deadline_brief(tmp_path, "2026-04-30"))
    assert "brief.deadline_before_meeting" not in result.stdout
