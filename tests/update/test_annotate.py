"""``check --annotate [--fix]``: one comment per finding on its characters; fixes as revisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechgen.checks.config import CheckSettings
from speechgen.checks.engine import check_document
from speechgen.checks.readers import read_document

from helpers import (
    anchored_texts,
    comments,
    docx_from_lines,
    reader_texts,
    revisions,
    run_cli,
)

LINES = [
    "同志们:今天我们在这里召开会议,主要是总结工作(回顾上半年),部署任务。",
    "某某同志在会上说,“要抓落实“.大家要记住这句话!",
    "全年完成任务的９０%,比去年多了３个百分点。",
    "我们要坚持“两手抓”,做到“两不误”。",
]
MODEL = Path(__file__).resolve().parents[3] / "shared" / "seed" / "model_speech.txt"


def _findings(path: Path) -> list:
    doc = read_document(path, str(path), None)
    result = check_document(doc, CheckSettings())
    return [f for f in result.findings if not f.rule.startswith("revision.")]


def test_one_comment_per_finding_on_its_characters(tmp_path: Path) -> None:
    draft = docx_from_lines(tmp_path / "draft.docx", LINES)
    before = draft.read_bytes()
    findings = _findings(draft)
    assert {"punct.halfwidth", "punct.unpaired", "placeholder.text", "numbers.fullwidth"} <= {
        f.rule for f in findings
    }
    result = run_cli("check", draft, "--annotate")
    assert result.exit_code == 1  # the placeholder and the quotes are errors
    out = tmp_path / "draft-批注.docx"
    assert draft.read_bytes() == before
    found = comments(out)
    assert len(found) == len(findings)
    assert all(author == "speechgen 检查" for author, _ in found.values())
    anchors = anchored_texts(out)
    texts = reader_texts(draft)
    expected = sorted(
        texts[f.para][f.offset : f.offset + max(f.length, 1)]
        for f in findings
        if f.offset is not None
    )
    assert sorted(anchors[cid] for cid in found) == expected
    by_text = {text: anchors[cid] for cid, (_, text) in found.items()}
    placeholder = next(t for t in by_text if "placeholder.text" in t)
    assert by_text[placeholder] == "某某"
    assert reader_texts(out) == texts  # comments change no text


def test_fix_makes_tracked_changes_that_leave_no_half_width_marks(tmp_path: Path) -> None:
    draft = docx_from_lines(tmp_path / "draft.docx", LINES)
    assert (
        run_cli("check", draft, "--annotate", "--fix", "-o", tmp_path / "fixed.docx").exit_code == 1
    )
    fixed = tmp_path / "fixed.docx"
    left = {f.rule for f in _findings(fixed)}
    assert not left & {"punct.halfwidth", "numbers.fullwidth"}
    texts = reader_texts(fixed)
    assert texts[0] == "同志们：今天我们在这里召开会议，主要是总结工作（回顾上半年），部署任务。"
    assert "“要抓落实”。" in texts[1]  # the quote the rule can pair
    assert texts[2].startswith("全年完成任务的90%，比去年多了3个百分点")
    inserted = revisions(fixed, "ins", "speechgen 检查")
    deleted = revisions(fixed, "del", "speechgen 检查")
    assert "，" in inserted and "," in deleted and all(len(t) <= 3 for t in inserted)
    assert "某某" in texts[1]  # a placeholder needs the writer, not a fix


def test_annotating_a_text_file_is_exit_2_and_others_still_done(tmp_path: Path) -> None:
    draft = docx_from_lines(tmp_path / "draft.docx", LINES[:1])
    (tmp_path / "notes.txt").write_text(LINES[0], encoding="utf-8")
    result = run_cli("check", tmp_path / "notes.txt", draft, "--annotate")
    assert result.exit_code == 2
    assert ".docx" in result.stderr
    assert (tmp_path / "draft-批注.docx").is_file()


def test_annotate_refuses_to_overwrite_its_copy_without_force(tmp_path: Path) -> None:
    draft = docx_from_lines(tmp_path / "draft.docx", LINES)
    assert run_cli("check", draft, "--annotate").exit_code == 1
    assert run_cli("check", draft, "--annotate").exit_code == 3
    assert run_cli("check", draft, "--annotate", "--force").exit_code == 1
    assert list(tmp_path.glob("draft-批注.bak-*.docx"))
    assert run_cli("check", draft, "--annotate", "-o", draft).exit_code == 3
    assert run_cli("check", draft, "--annotate", "-o", draft, "--force").exit_code == 1
    assert list(tmp_path.glob("draft.bak-*.docx"))


def test_the_model_speech_annotated_and_fixed(tmp_path: Path) -> None:
    if not MODEL.is_file():
        pytest.skip("the model speech is not available here")
    lines = MODEL.read_text(encoding="utf-8").splitlines()
    draft = docx_from_lines(tmp_path / "model.docx", lines)
    findings = _findings(draft)
    run_cli("check", draft, "--annotate", "--fix")
    out = tmp_path / "model-批注.docx"
    assert len(comments(out)) == len(findings)
    assert not any(f.rule == "punct.halfwidth" for f in _findings(out))
