"""``speechgen update``: a leader's edited draft meets a changed brief (the acceptance scenario)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from helpers import (
    UPDATE_BRIEF,
    W,
    anchored_texts,
    changed_brief,
    comments,
    part,
    reader_texts,
    revisions,
    run_cli,
    write_brief,
)

SENTENCE = "征管质效模块名列前茅"
EDITED = "征管质效模块在全省名列前茅"
ADDED = "这里补充一段：各单位要把问题清单逐条对账销号。"
ZHANG = "（张局长补充：每周报一次进度）"


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _containing(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def _opening(document):
    """The first paragraph after 同志们：, whatever its stock wording."""
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "同志们：")
    return paragraphs[index + 1]


def edit_like_a_leader(path: Path) -> None:
    """Change a sentence, delete a paragraph, add one, a tracked change and a comment by 张局长."""
    document = docx.Document(str(path))
    praised = _containing(document, SENTENCE)
    for run_ in praised.runs:
        if SENTENCE in run_.text:
            run_.text = run_.text.replace(SENTENCE, EDITED)
    opening = _opening(document)
    opening._p.getparent().remove(opening._p)
    heading = _paragraph(document, "一、")
    new = heading.insert_paragraph_before(ADDED, style=document.paragraphs[-1].style)
    heading._p.addnext(new._p)  # after the heading, not before it
    measure = _containing(document, "形成各司其职的担当体系")
    ins = measure._p.makeelement(
        W + "ins", {W + "id": "901", W + "author": "张局长", W + "date": "2026-05-12T09:00:00Z"}
    )
    r = ins.makeelement(W + "r", {})
    t = r.makeelement(W + "t", {})
    t.text = ZHANG
    r.append(t)
    ins.append(r)
    measure._p.append(ins)
    part_two = _paragraph(document, "二、")
    document.add_comment(part_two.runs, text="这一部分再精炼些", author="张局长", initials="张")
    document.save(str(path))


@pytest.fixture
def scenario(tmp_path: Path) -> dict[str, Path]:
    """Render, edit as a leader, change the brief, render the new brief apart, update."""
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    assert run_cli("render", brief).exit_code == 0
    draft = tmp_path / "brief.docx"
    edit_like_a_leader(draft)
    before = draft.read_bytes()
    brief.write_text(changed_brief(), encoding="utf-8")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copy(brief, fresh / "brief.yaml")
    assert run_cli("render", fresh / "brief.yaml").exit_code == 0
    result = run_cli("update", draft)
    assert result.exit_code == 0, result.stderr
    assert draft.read_bytes() == before, "update must not change its input"
    return {"draft": draft, "out": tmp_path / "brief-更新.docx", "new": fresh / "brief.docx"}


def test_accepting_every_change_gives_the_new_render_except_where_people_edited(scenario) -> None:
    new = reader_texts(scenario["new"])
    opening = new.index("同志们：") + 1
    expected = []
    for index, text in enumerate(new):
        if index == opening:
            continue  # the leader deleted it
        if SENTENCE in text:
            text = text.replace(SENTENCE, EDITED)
        if "形成各司其职的担当体系" in text:
            text = (
                "people's"  # 张局长 edited it: his text stays (a comment carries any new wording)
            )
        expected.append(text)
        if text.startswith("一、"):
            expected.append(ADDED)
    got = reader_texts(scenario["out"])
    edited = [i for i, t in enumerate(expected) if t == "people's"]
    for i in edited:
        assert got[i].startswith("（一）形成各司其职的担当体系") and got[i].endswith(ZHANG)
        got[i] = "people's"
    assert got == expected


def test_the_new_rank_is_a_few_characters_of_tracked_change(scenario) -> None:
    inserted = revisions(scenario["out"], "ins", "speechgen")
    deleted = revisions(scenario["out"], "del", "speechgen")
    assert "8" in inserted and "9" in deleted
    rank = next(t for t in reader_texts(scenario["out"]) if "第8名" in t)
    assert "第3名下降到第8名" in rank
    # small changes: no speechgen insertion rewrites the ranking paragraph
    assert all(len(t) < len(rank) / 4 for t in inserted if "第8名" in t or t == "8")


def test_the_new_measure_is_inserted_and_later_headings_renumbered(scenario) -> None:
    inserted = revisions(scenario["out"], "ins", "speechgen")
    assert any(t.startswith("（二）形成步步为营的督办体系") for t in inserted)
    xml = part(scenario["out"], "word/document.xml")
    assert xml.count('<w:rPr><w:ins w:id="') >= 1  # the paragraph mark is inserted too
    renumbered = next(t for t in reader_texts(scenario["out"]) if "协同高效" in t)
    assert renumbered.startswith("（三）形成协同高效的责任体系")
    assert "二" in revisions(scenario["out"], "del", "speechgen")
    assert "三" in inserted


def test_the_removed_weakness_is_a_tracked_deletion(scenario) -> None:
    deleted = revisions(scenario["out"], "del", "speechgen")
    assert any("队伍朝气不足" in t for t in deleted)
    assert not any("队伍朝气不足" in t for t in reader_texts(scenario["out"]))


def test_people_keep_their_tracked_change_and_comment(scenario) -> None:
    assert revisions(scenario["out"], "ins", "张局长") == [ZHANG]
    found = comments(scenario["out"])
    zhang = [cid for cid, (author, text) in found.items() if author == "张局长"]
    assert [found[c][1] for c in zhang] == ["这一部分再精炼些"]
    assert anchored_texts(scenario["out"])[zhang[0]].startswith("二、")


def test_speechgen_changes_carry_author_date_and_unique_ids(scenario) -> None:
    from lxml import etree

    root = etree.fromstring(part(scenario["out"], "word/document.xml").encode())
    marks = [el for el in root.iter(W + "ins", W + "del") if el.get(W + "author") == "speechgen"]
    assert marks
    assert all(el.get(W + "date", "").endswith("Z") for el in marks)
    ids = [el.get(W + "id") for el in root.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids))


def test_the_output_opens_in_python_docx_and_check_reads_it(scenario) -> None:
    document = docx.Document(str(scenario["out"]))
    assert document.paragraphs
    result = run_cli("check", scenario["out"], "--format", "json")
    assert result.exit_code in (0, 1)
    assert "队伍朝气不足" not in result.stdout


def test_render_refuses_to_overwrite_the_update(scenario) -> None:
    out = scenario["out"]
    before = out.read_bytes()
    brief = scenario["draft"].with_suffix(".yaml")
    result = run_cli("render", brief, "-o", out)
    assert result.exit_code == 3
    assert "人工修改" in result.stderr
    assert out.read_bytes() == before


def test_update_again_is_refused_then_forced_with_a_backup(scenario) -> None:
    assert run_cli("update", scenario["draft"]).exit_code == 3
    assert run_cli("update", scenario["draft"], "--force").exit_code == 0
    assert list(scenario["out"].parent.glob("brief-更新.bak-*.docx"))


def test_writing_over_the_draft_needs_force_and_keeps_a_backup(scenario) -> None:
    draft = scenario["draft"]
    before = draft.read_bytes()
    refused = run_cli("update", draft, "-o", draft)
    assert refused.exit_code == 3 and draft.read_bytes() == before
    assert run_cli("update", draft, "-o", draft, "--force").exit_code == 0
    backups = list(draft.parent.glob("brief.bak-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert draft.read_bytes() != before


def test_an_updated_draft_can_be_updated_again(scenario, tmp_path: Path) -> None:
    out = scenario["out"]
    brief = scenario["draft"].with_suffix(".yaml")
    brief.write_text(brief.read_text(encoding="utf-8").replace("current: 8", "current: 7"))
    again = run_cli("update", out, "-o", tmp_path / "again.docx")
    assert again.exit_code == 0, again.stderr
    texts = reader_texts(tmp_path / "again.docx")
    assert any("第3名下降到第7名" in t for t in texts)
    assert ADDED in texts


@pytest.mark.libreoffice
def test_libreoffice_converts_the_update_to_pdf(scenario, tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice or poppler is not installed")
    outdir = tmp_path / "pdf"
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
         "pdf", "--outdir", str(outdir), str(scenario["out"])],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = outdir / "brief-更新.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(outdir / "page")], check=True, timeout=60)  # fmt: skip
    assert list(outdir.glob("page*.png"))


def test_a_paragraph_people_edited_and_the_render_changed_gets_a_comment(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, UPDATE_BRIEF)
    run_cli("render", brief)
    draft = tmp_path / "brief.docx"
    document = docx.Document(str(draft))
    ranking = _paragraph(document, "考核办通报了")
    ranking.runs[0].text = ranking.runs[0].text.replace("从结果看", "从通报的情况看")
    mine = ranking.text
    document.save(str(draft))
    brief.write_text(changed_brief(), encoding="utf-8")
    assert run_cli("update", draft).exit_code == 0
    out = tmp_path / "brief-更新.docx"
    assert mine in reader_texts(out)  # people's text, untouched
    notes = {cid: text for cid, (author, text) in comments(out).items() if author == "speechgen"}
    (cid, text), *_ = notes.items()
    assert text.startswith("重新生成的文字：") and "第8名" in text and "从结果看" in text
    assert anchored_texts(out)[cid] == mine
    assert not any("第8名" in t for t in revisions(out, "ins", "speechgen"))
