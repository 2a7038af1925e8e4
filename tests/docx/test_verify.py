"""The in-memory check before writing: the draft reopens, parses strictly and holds its values."""

from __future__ import annotations

import io
import zipfile

import pytest

from speechgen.docx.reader import read_docx_bytes
from speechgen.docx.verify import DraftCheckFailed, docx_paragraph_texts, verify_docx
from speechgen.docx.writer import DocMeta, write_docx
from speechgen.layout.profile import load_profile
from speechgen.speech.blocks import Paragraph, Title


@pytest.fixture
def draft() -> bytes:
    """A small real draft from the writer."""
    blocks = [Title("讲话 & <标题> 🎤"), Paragraph("正文第一行\n第二行")]
    meta = DocMeta(title="讲话 & <标题> 🎤", author="王'建国'", subject="会", keywords="局")
    return write_docx(blocks, load_profile(None, None), meta)


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            zout.writestr(
                info.filename, content if info.filename == name else zin.read(info.filename)
            )
    return buf.getvalue()


def test_good_draft_passes_with_text_and_properties(draft: bytes) -> None:
    verify_docx(
        draft,
        ["讲话 & <标题> 🎤", "正文第一行\n第二行"],
        {"title": "讲话 & <标题> 🎤", "creator": "王'建国'"},
    )
    assert docx_paragraph_texts(draft)[:2] == ["讲话 & <标题> 🎤", "正文第一行\n第二行"]
    assert read_docx_bytes(draft, "d").core_properties["keywords"] == "局"


def test_missing_text_is_caught(draft: bytes) -> None:
    with pytest.raises(DraftCheckFailed) as info:
        verify_docx(draft, ["正文第一行", "不在稿子里的话"])
    assert "不在稿子里的话" in info.value.message and info.value.exit_code == 5


def test_wrong_property_is_caught(draft: bytes) -> None:
    with pytest.raises(DraftCheckFailed) as info:
        verify_docx(draft, [], {"title": "别的标题"})
    assert "title" in info.value.message


@pytest.mark.parametrize("bad", [b"<w:document><w:body>", b"<a>&#1;</a>", b"<a>\x01</a>"])
def test_malformed_xml_part_is_caught(draft: bytes, bad: bytes) -> None:
    with pytest.raises(DraftCheckFailed):
        verify_docx(_replace(draft, "word/document.xml", bad), [])


def test_not_a_zip_is_caught() -> None:
    with pytest.raises(DraftCheckFailed):
        verify_docx(b"not a zip", [])


def test_render_check_and_update_read_paragraphs_alike(draft: bytes) -> None:
    """One reader: a line break reads as \\n everywhere, a non-breaking hyphen as -."""
    from speechgen.checks.readers import document_from_draft

    read = read_docx_bytes(draft, "d")
    checked = document_from_draft(read, "d")
    assert [p.text for p in checked.paras] == read.texts() == docx_paragraph_texts(draft)
    assert "正文第一行\n第二行" in read.texts()
