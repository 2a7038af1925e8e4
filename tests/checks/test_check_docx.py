"""``speechgen check`` on Word drafts: edits against the brief, tracked changes and comments."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from speechgen.docx import ns

from helpers import FULL_BRIEF, ignore_args, write_brief

W14 = ns.W14
W15 = ns.W15


def check_json(invoke, *args) -> tuple[int, dict]:
    """Run ``check --format json`` and return the exit code and parsed output."""
    result = invoke("check", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def render(invoke, tmp_path: Path) -> tuple[Path, Path]:
    """Render the conftest full brief (no 某某 in it) to draft.docx; return (brief, draft)."""
    brief = write_brief(tmp_path, FULL_BRIEF)
    draft = tmp_path / "draft.docx"
    result = invoke("render", brief, "-o", draft, "--no-check")
    assert result.exit_code == 0, result.output
    return brief, draft


def test_untouched_draft_matches_its_brief(invoke, tmp_path: Path) -> None:
    brief, draft = render(invoke, tmp_path)
    code, payload = check_json(invoke, draft, "--brief", brief, *ignore_args())
    assert payload["findings"] == [] and code == 0


def test_edited_draft_reports_each_change(invoke, tmp_path: Path) -> None:
    brief, draft = render(invoke, tmp_path)
    document = docx.Document(str(draft))
    measure = next(
        p for p in document.paragraphs if p.text.startswith("（二）形成协同高效的责任体系")
    )
    measure._element.getparent().remove(measure._element)
    ranked = next(p for p in document.paragraphs if "第9名" in p.text)
    ranked.text = ranked.text.replace("第9名", "第7名")
    closing = next(p for p in document.paragraphs if p.text.startswith("同志们，"))
    closing.add_run("请某某同志会后抓好落实。")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    code, payload = check_json(invoke, edited, "--brief", brief)
    assert code == 1
    missing = [f for f in payload["findings"] if f["rule"] == "brief.missing"]
    # the deleted measure, its owner with it, and the current rank the edit replaced
    assert len(missing) == 3 and "形成协同高效的责任体系" in missing[0]["message"]
    assert "第2项举措的 owner“综合科”" in missing[2]["message"]
    assert "ranking 的 current“9”" in missing[1]["message"]
    changed = [f for f in payload["findings"] if f["rule"] == "brief.changed"]
    assert len(changed) == 1 and "第7名" in changed[0]["message"] and changed[0]["paragraph"]
    placeholder = [f for f in payload["findings"] if f["rule"] == "placeholder.text"]
    assert len(placeholder) == 1 and placeholder[0]["quote"].startswith("同志们，")
    assert placeholder[0]["location"].startswith(f"{edited}:¶")
    # without --brief only the placeholder (and the now wrong announced count) remain
    _code, alone = check_json(invoke, edited)
    assert not {f["rule"] for f in alone["findings"]} & {"brief.missing", "brief.changed"}


def test_changed_dates_against_the_brief(invoke, tmp_path: Path) -> None:
    brief, draft = render(invoke, tmp_path)
    document = docx.Document(str(draft))
    said = "\n".join(p.text for p in document.paragraphs)
    assert "2026年6月30日" not in said and "6月30日" in said  # the meeting's own year goes unsaid
    for p in document.paragraphs:
        if "2026年5月10日" in p.text or "6月30日" in p.text:
            p.text = p.text.replace("2026年5月10日", "2026年5月12日").replace("6月30日", "7月30日")
    document.save(str(draft))
    _code, payload = check_json(invoke, draft, "--brief", brief)
    messages = [f["message"] for f in payload["findings"] if f["rule"] == "brief.changed"]
    assert any("2026年5月12日" in m for m in messages)
    assert any("写成了“7月30日”" in m for m in messages)


def _run(text: str, tag: str | None = None, deleted: bool = False):
    """A w:r with text (w:delText when ``deleted``), wrapped in w:ins/w:del when ``tag`` is given."""
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = text
    run.append(t)
    if tag is None:
        return run
    wrapper = OxmlElement(tag)
    wrapper.set(qn("w:id"), "1")
    wrapper.set(qn("w:author"), "王局长")
    wrapper.set(qn("w:date"), "2026-05-09T10:00:00Z")
    wrapper.append(run)
    return wrapper


def tracked_draft(path: Path) -> Path:
    """A draft with an insertion, a deletion and a comment, like one back from a leader."""
    document = docx.Document()
    document.add_paragraph("同志们：")
    p = document.add_paragraph()
    p._p.append(_run("请"))
    p._p.append(_run("张三", "w:ins"))
    p._p.append(_run("某某", "w:del", deleted=True))
    p._p.append(_run("同志发言。"))
    commented = document.add_paragraph("要抓好落实。")
    document.add_comment(commented.runs, text="这里再具体一些", author="王局长", initials="王")
    document.save(str(path))
    return path


def test_tracked_changes_and_comments(invoke, tmp_path: Path) -> None:
    draft = tracked_draft(tmp_path / "back.docx")
    code, payload = check_json(invoke, draft)
    assert code == 0  # 某某 was deleted by the leader: it no longer counts
    assert {f["rule"] for f in payload["findings"]} == {"revision.pending", "revision.comment"}
    pending = next(f for f in payload["findings"] if f["rule"] == "revision.pending")
    assert pending["severity"] == "info" and pending["paragraph"] == 2
    assert (
        "插入1处" in pending["message"]
        and "删除1处" in pending["message"]
        and "王局长" in pending["message"]
    )
    assert pending["quote"] == "请张三同志发言。"
    comment = next(f for f in payload["findings"] if f["rule"] == "revision.comment")
    assert (
        comment["paragraph"] == 3
        and "这里再具体一些" in comment["message"]
        and "王局长" in comment["message"]
    )
    _code, quiet = check_json(invoke, draft, "--ignore", "revision")
    assert quiet["findings"] == []


def test_inserted_placeholder_counts_as_present(invoke, tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p._p.append(_run("请"))
    p._p.append(_run("某某", "w:ins"))
    p._p.append(_run("同志发言。"))
    path = tmp_path / "ins.docx"
    document.save(str(path))
    code, payload = check_json(invoke, path)
    assert code == 1 and "placeholder.text" in {f["rule"] for f in payload["findings"]}


def test_resolved_comment_is_not_reported(invoke, tmp_path: Path) -> None:
    draft = tracked_draft(tmp_path / "back.docx")
    resolved = tmp_path / "resolved.docx"
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(resolved, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/comments.xml":
                data = data.replace(
                    b"<w:p>", f'<w:p xmlns:w14="{W14}" w14:paraId="1A2B3C4D">'.encode(), 1
                )
                assert b"1A2B3C4D" in data
            target.writestr(item, data)
        target.writestr(
            "word/commentsExtended.xml",
            f'<w15:commentsEx xmlns:w15="{W15}"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="1"/>'
            "</w15:commentsEx>",
        )
    _code, payload = check_json(invoke, resolved)
    assert "revision.comment" not in {f["rule"] for f in payload["findings"]}
