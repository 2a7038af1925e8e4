"""Every draft records what speechgen generated; old drafts and foreign files are refused."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx

from speechgen.docx.generated import GeneratedPara, GeneratedRecord, embed, read_record

from helpers import UPDATE_BRIEF, changed_brief, reader_texts, run_cli, write_brief

REPO = Path(__file__).resolve().parents[2]


def _record(path: Path) -> GeneratedRecord:
    record = read_record(path.read_bytes())
    assert record is not None
    return record


def test_a_plain_draft_records_paragraphs_kinds_levels_and_settings(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    assert run_cli("render", brief, "--seed", "7").exit_code == 0
    record = _record(tmp_path / "brief.docx")
    assert [p.text for p in record.paragraphs] == reader_texts(tmp_path / "brief.docx")
    kinds = {(p.kind, p.level) for p in record.paragraphs}
    assert {("title", 0), ("salutation", 0), ("heading", 1), ("paragraph", 2)} <= kinds
    assert record.brief_name == "brief.yaml" and len(record.brief_sha256) == 64
    assert record.template == "situation" and record.template_digest
    assert record.profile and record.seed == 7


def test_the_record_survives_a_save_in_python_docx(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    run_cli("render", brief)
    document = docx.Document(str(tmp_path / "brief.docx"))
    document.paragraphs[0].add_run("（修改）")
    document.save(str(tmp_path / "brief.docx"))
    assert _record(tmp_path / "brief.docx").paragraphs[0].text == "在全市形势分析会上的讲话"


def test_embedding_twice_replaces_the_record(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    run_cli("render", brief)
    data = (tmp_path / "brief.docx").read_bytes()
    again = embed(data, GeneratedRecord([GeneratedPara("paragraph", 0, "另一段")]))
    with zipfile.ZipFile(io.BytesIO(again)) as zf:
        items = [n for n in zf.namelist() if n.startswith("customXml/item")]
    assert len(items) == 2  # one item and its properties, not a second item
    assert [p.text for p in _record_of(again).paragraphs] == ["另一段"]


def _record_of(data: bytes) -> GeneratedRecord:
    record = read_record(data)
    assert record is not None
    return record


def test_a_shell_draft_carries_the_record_and_updates(tmp_path: Path) -> None:
    shell = docx.Document()
    shell.add_paragraph("{{ meeting.organization }}文件")
    shell.add_paragraph("{{ body }}")
    shell.save(str(tmp_path / "shell.docx"))
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    assert run_cli("render", brief, "--shell", tmp_path / "shell.docx").exit_code == 0
    record = _record(tmp_path / "brief.docx")
    assert record.paragraphs[0] == GeneratedPara("document", 0, "滨江市税务局文件")
    assert record.settings["shell"].endswith("shell.docx")
    brief.write_text(changed_brief(), encoding="utf-8")
    assert run_cli("update", tmp_path / "brief.docx").exit_code == 0
    texts = reader_texts(tmp_path / "brief-更新.docx")
    assert texts[0] == "滨江市税务局文件" and any("第8名" in t for t in texts)


def test_a_word_template_draft_carries_the_record(tmp_path: Path) -> None:
    shutil.copy(REPO / "examples" / "word_template.docx", tmp_path / "word_template.docx")
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    assert run_cli("render", brief, "--template", tmp_path / "word_template.docx").exit_code == 0
    record = _record(tmp_path / "brief.docx")
    assert record.template_origin == "word"
    assert {p.kind for p in record.paragraphs} <= {"document", "blank"}
    assert record.settings["template"].endswith("word_template.docx")


def test_an_old_draft_without_the_record_is_refused_with_advice(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    run_cli("render", brief)
    draft = tmp_path / "brief.docx"
    with zipfile.ZipFile(draft) as zf:
        parts = {n: zf.read(n) for n in zf.namelist() if not n.startswith("customXml/")}
    with zipfile.ZipFile(draft, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = run_cli("update", draft)
    assert result.exit_code == 2
    assert "旧版本" in result.stderr and "speechgen render" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_foreign_file_is_refused(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "other.docx"))
    result = run_cli("update", tmp_path / "other.docx")
    assert result.exit_code == 2 and "不是 speechgen 生成的" in result.stderr
    (tmp_path / "notes.txt").write_text("同志们", encoding="utf-8")
    assert run_cli("update", tmp_path / "notes.txt").exit_code == 2


def test_a_missing_brief_is_named_and_brief_option_works(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    brief = write_brief(folder, UPDATE_BRIEF)
    run_cli("render", brief)
    moved = tmp_path / "draft.docx"
    shutil.move(folder / "brief.docx", moved)
    brief.unlink()
    missing = run_cli("update", moved)
    assert missing.exit_code == 2 and "--brief" in missing.stderr
    other = write_brief(tmp_path, changed_brief(), "final.yaml")
    assert run_cli("update", moved, "--brief", other).exit_code == 0
    assert any("第8名" in t for t in reader_texts(tmp_path / "draft-更新.docx"))
