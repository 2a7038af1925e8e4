"""The pieces under update: token diff, three-way plan, revisions that keep run formatting."""

from __future__ import annotations

import io

import docx

from speechgen.docx import textmap
from speechgen.docx.generated import GeneratedPara
from speechgen.docx.merging import Comment, Delete, Insert, Revise
from speechgen.docx.reader import read_docx_bytes
from speechgen.docx.revisions import Reviser
from speechgen.docx.textdiff import apply_edits, diff_edits, tokens
from speechgen.updating.merge import plan_merge


def test_chinese_by_character_digits_and_latin_by_token() -> None:
    assert tokens("第12名GDP增长3.5%") == ["第", "12", "名", "GDP", "增", "长", "3.5", "%"]


def test_a_rank_change_is_one_character() -> None:
    old, new = "从第3名下降到第9名，后退了6个位次", "从第3名下降到第8名，后退了5个位次"
    edits = diff_edits(old, new)
    assert [(old[e.start : e.end], e.text) for e in edits] == [("9", "8"), ("6", "5")]
    assert apply_edits(old, edits) == new


def test_a_two_digit_number_is_replaced_whole() -> None:
    edits = diff_edits("共2025年", "共2026年")
    assert [(e.start, e.end, e.text) for e in edits] == [(1, 5, "2026")]


def _paras(*items: tuple[str, str]) -> list[GeneratedPara]:
    return [GeneratedPara(kind, 1 if kind == "heading" else 0, text) for kind, text in items]


def test_plan_follows_the_three_way_table() -> None:
    old = _paras(
        ("heading", "一、看清形势"),
        ("paragraph", "排名第9名。"),
        ("paragraph", "人改过的一段。"),
        ("paragraph", "这段话新稿里没有了。"),
        ("paragraph", "人改过、新稿也改了的一段。"),
        ("paragraph", "结尾。"),
    )
    draft = ["一、看清形势", "排名第9名。", "人改过的一段，改得更好。", "这段话新稿里没有了。",
             "人改过、新稿也改了的一段（人）。", "人加的一段。", "结尾。"]  # fmt: skip
    new = _paras(
        ("heading", "一、看清形势"),
        ("paragraph", "排名第8名。"),
        ("paragraph", "人改过的一段。"),
        ("paragraph", "人改过、新稿也改了的一段（新）。"),
        ("paragraph", "另外再强调一下纪律要求。"),
        ("paragraph", "结尾。"),
    )
    plan = plan_merge(old, draft, new)
    kinds = {type(a).__name__: a for a in plan.actions}
    assert kinds["Revise"] == Revise(1, 1)
    assert kinds["Delete"] == Delete(3)
    assert isinstance(kinds["Comment"], Comment) and kinds["Comment"].draft == 4
    assert "人改过、新稿也改了的一段（新）" in kinds["Comment"].text
    assert kinds["Insert"] == Insert(4, 6)  # before the closing paragraph, after people's one
    assert plan.count(Revise) == 1  # people's own edit and their paragraph are left alone


def test_a_renumbered_heading_people_edited_gets_only_the_number() -> None:
    old = _paras(("heading", "（二）形成责任体系"))
    plan = plan_merge(
        old, ["（二）形成协同高效的责任体系"], _paras(("heading", "（三）形成责任体系"))
    )
    (action,) = plan.actions
    assert isinstance(action, Revise) and action.edits is not None
    assert [(e.start, e.end, e.text) for e in action.edits] == [(1, 2, "三")]


def _document(xml_runs: str) -> docx.document.Document:
    document = docx.Document()
    p = document.add_paragraph()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for run in docx.oxml.parse_xml(f'<w:p xmlns:w="{w}">{xml_runs}</w:p>'):
        p._p.append(run)
    return document


def test_revisions_keep_run_styles_and_accept_to_the_new_text() -> None:
    document = _document(
        '<w:r><w:rPr><w:rStyle w:val="SpeechRunIn2"/></w:rPr><w:t>（二）正视差距。</w:t></w:r>'
        "<w:r><w:t>当前排名第9名。</w:t></w:r>"
    )
    target = _document(
        '<w:r><w:rPr><w:rStyle w:val="SpeechRunIn2"/></w:rPr><w:t>（三）正视差距。</w:t></w:r>'
        "<w:r><w:t>当前排名第8名。</w:t></w:r>"
    )
    group = [document.paragraphs[-1]._p]
    reviser = Reviser(document.element.body, "speechgen", "2026-05-12T09:00:00Z")
    assert reviser.revise(group, [target.paragraphs[-1]._p]) == 2
    styled = [r for r in group[0].iter(textmap.W + "r") if r.find(textmap.W + "rPr") is not None]
    assert {"（", "二", "三", "）正视差距。"} <= {
        textmap.text_of([_wrap(r)]) or _deleted(r) for r in styled
    }
    buf = io.BytesIO()
    document.save(buf)
    assert read_docx_bytes(buf.getvalue(), "x").texts()[-1] == "（三）正视差距。当前排名第8名。"


def _wrap(run):
    p = textmap.element("p")
    p.append(__import__("copy").deepcopy(run))
    return p


def _deleted(run) -> str:
    return "".join(t.text or "" for t in run.iter(textmap.W + "delText"))


def test_deleting_and_inserting_whole_paragraphs_marks_the_paragraph_mark() -> None:
    document = docx.Document()
    first = document.add_paragraph("第一段。")
    second = document.add_paragraph("第二段。")
    reviser = Reviser(document.element.body, "speechgen")
    reviser.delete_paragraph([first._p])
    second._p.addnext(reviser.inserted_paragraph(second._p))
    buf = io.BytesIO()
    document.save(buf)
    assert read_docx_bytes(buf.getvalue(), "x").texts() == ["第二段。", "第二段。"]
    marks = document.element.body.xpath("//w:pPr/w:rPr/w:del | //w:pPr/w:rPr/w:ins")
    assert len(marks) == 2
