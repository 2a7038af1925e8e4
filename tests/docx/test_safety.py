"""Hostile or broken .docx shells and Word templates are refused before python-docx opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from speechgen.docx import safety as docxsafe
from speechgen.docx.safety import read_untrusted_docx
from speechgen.errors import EXIT_BAD_INPUT, UserError


def _good_docx(path: Path, text: str = "正文 {{ body }}") -> Path:
    """Write a small real .docx with python-docx."""
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _rewrite(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """Copy a .docx, replacing or adding members."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _refusal(path: Path, what: str = "外壳") -> str:
    with pytest.raises(UserError) as info:
        read_untrusted_docx(path, what)
    assert info.value.exit_code == EXIT_BAD_INPUT
    message = info.value.message
    assert str(path) in message and what in message
    return message


def test_good_docx_is_returned_unchanged(tmp_path: Path) -> None:
    path = _good_docx(tmp_path / "shell.docx")
    assert read_untrusted_docx(path, "外壳") == path.read_bytes()


def test_text_file_named_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "template.docx"
    path.write_text("这只是一个文本文件", encoding="utf-8")
    message = _refusal(path, "Word 模板")
    assert "不是 Word .docx 文件" in message


def test_old_doc_or_encrypted_docx_is_refused_with_a_resave_hint(tmp_path: Path) -> None:
    path = tmp_path / "encrypted.docx"
    path.write_bytes(docxsafe.OLE2_MAGIC + b"\x00" * 1024)
    message = _refusal(path)
    assert ".doc" in message and "密码" in message and "另存为 .docx" in message


def test_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "不是 Word 文档" in _refusal(path)


def test_truncated_zip_is_refused(tmp_path: Path) -> None:
    good = _good_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    assert "损坏" in _refusal(path)


def test_zip_bomb_is_refused_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _good_docx(tmp_path / "good.docx")
    bomb = _rewrite(good, tmp_path / "bomb.docx", add={"word/media/big.bin": b"\0" * 3_000_000})
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(docxsafe, "MAX_EXPANDED_BYTES", 2_000_000)
    inflated: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        inflated.append(getattr(name, "filename", name))  # type: ignore[arg-type]
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    message = _refusal(bomb)
    assert "超过上限" in message and "压缩炸弹" in message
    assert inflated == []


def test_member_size_lie_is_caught_while_inflating(tmp_path: Path) -> None:
    good = _good_docx(tmp_path / "good.docx")
    payload = b"<w:document>" + b" " * 500_000 + b"</w:document>"
    liar = _rewrite(good, tmp_path / "liar.docx", replace={"word/document.xml": payload})
    raw = bytearray(liar.read_bytes())
    name = b"word/document.xml"
    # Patch the declared uncompressed size in the central directory entry down to 100 bytes.
    central = raw.find(b"PK\x01\x02")
    while raw[central + 46 : central + 46 + len(name)] != name:
        central = raw.find(b"PK\x01\x02", central + 4)
        assert central >= 0
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    liar.write_bytes(bytes(raw))
    message = _refusal(liar)
    assert "word/document.xml" in message or "损坏" in message


def test_too_many_members_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _good_docx(tmp_path / "good.docx")
    many = _rewrite(good, tmp_path / "many.docx", add={f"word/x{i}.bin": b"x" for i in range(40)})
    monkeypatch.setattr(docxsafe, "MAX_MEMBERS", 30)
    assert "部件" in _refusal(many)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
    ids=["external_entity", "entity_bomb"],
)
def test_dtd_in_any_part_is_refused(tmp_path: Path, doctype: str) -> None:
    good = _good_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    head, sep, rest = xml.partition("?>")
    evil = _rewrite(
        good,
        tmp_path / "evil.docx",
        replace={"word/document.xml": (head + sep + doctype + rest).encode()},
    )
    message = _refusal(evil)
    assert "word/document.xml" in message and "DTD" in message


def test_dtd_in_a_utf16_part_is_refused(tmp_path: Path) -> None:
    good = _good_docx(tmp_path / "good.docx")
    evil_xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode(
        "utf-16-le"
    )
    evil = _rewrite(good, tmp_path / "evil16.docx", add={"word/footer9.xml": evil_xml})
    assert "word/footer9.xml" in _refusal(evil)


def test_missing_and_folder_paths_refused(tmp_path: Path) -> None:
    assert "找不到" in _refusal(tmp_path / "nope.docx")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert "文件夹" in _refusal(folder)


def test_oversized_file_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _good_docx(tmp_path / "good.docx")
    monkeypatch.setattr(docxsafe, "MAX_FILE_BYTES", 100)
    assert "超过上限" in _refusal(path)
