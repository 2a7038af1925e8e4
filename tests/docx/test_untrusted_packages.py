"""Untrusted .docx: DTDs refused in any encoding, the main part only where Word puts it, every
malformed package exit 2 (issue 15, item 4)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from helpers import BRIEF, W_NS, docx_bytes, paragraphs_xml, run_bounded

EXTERNAL_ENTITY = (
    '<?xml version="1.0" encoding="{enc}"?>'
    '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)

PACKAGES = {
    "utf32le_bom_entity": docx_bytes(
        codecs.BOM_UTF32_LE + EXTERNAL_ENTITY.format(enc="UTF-32").encode("utf-32-le")
    ),
    "utf32be_entity": docx_bytes(EXTERNAL_ENTITY.format(enc="UTF-32").encode("utf-32-be")),
    "utf16_entity": docx_bytes(EXTERNAL_ENTITY.format(enc="UTF-16").encode("utf-16")),
    "utf7_declared": docx_bytes(EXTERNAL_ENTITY.format(enc="UTF-7").encode("utf-8")),
    "ebcdic": docx_bytes(EXTERNAL_ENTITY.format(enc="cp037").encode("cp037")),
    "main_part_elsewhere": docx_bytes(paragraphs_xml("正文"), main="word/main.bin"),
    "main_part_elsewhere_with_decoy": docx_bytes(
        paragraphs_xml("正文"), {"word/document.xml": paragraphs_xml("诱饵")}, main="word/main.bin"
    ),
    "not_well_formed": docx_bytes(f'<w:document xmlns:w="{W_NS}"><w:body><w:p></w:body>'),
    "broken_rels": docx_bytes(paragraphs_xml("正文"), {"_rels/.rels": b"<Relationships"}),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", list(PACKAGES))
@pytest.mark.parametrize("use", ["check", "--shell", "--template"])
def test_malformed_or_hostile_package_is_exit_2(folder: Path, name: str, use: str) -> None:
    (folder / "x.docx").write_bytes(PACKAGES[name])
    if use == "check":
        run = run_bounded("check", "x.docx", cwd=folder)
    else:
        run = run_bounded("render", "brief.yaml", use, "x.docx", "--no-check", cwd=folder)
    assert run.code == 2, run.output
    assert "Traceback" not in run.output and "root:" not in run.output
    assert "x.docx" in run.stderr
    assert not (folder / "brief.docx").exists()


def test_a_plain_utf8_package_is_still_read(folder: Path) -> None:
    (folder / "ok.docx").write_bytes(docx_bytes(paragraphs_xml("同志们：", "今天的会很重要。")))
    run = run_bounded("check", "ok.docx", cwd=folder)
    assert run.code in (0, 1), run.output
