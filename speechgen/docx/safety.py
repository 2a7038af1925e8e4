"""Read a .docx the writer supplies (a Word shell or a Word template) without trusting it.

Shells and Word templates are shared between offices, so before any XML library
sees them :func:`read_untrusted_docx` refuses, with a Chinese :class:`UserError`
(exit 2):

* a file that is not a zip (a text file renamed ``.docx``);
* an old ``.doc`` or a password-protected ``.docx`` (both are OLE2 compound files,
  header ``D0 CF 11 E0``), with the advice to re-save as .docx without a password;
* a zip whose members would expand beyond :data:`MAX_EXPANDED_BYTES` (checked from
  ``ZipInfo.file_size`` before inflating, and again while inflating, since the header
  can lie), or that has more than :data:`MAX_MEMBERS` members, or encrypted members;
* a zip that is not a Word document: no ``word/document.xml``, or a package whose
  relationships name another main part (``word/main.bin``), or none;
* any XML part in an encoding other than UTF-8/UTF-16 or an ASCII-compatible one
  (UTF-32, UTF-7, EBCDIC: a DTD in them would slip past a byte scan), and any XML
  part carrying a DTD (``<!DOCTYPE``/``<!ENTITY``), whatever its encoding: entity
  expansion bombs and external entities have no place in a Word file;
* XML parts that are not well-formed.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from ..brief.files import megabytes, read_user_file
from ..errors import UserError

MAX_FILE_BYTES = 50_000_000
MAX_EXPANDED_BYTES = 50_000_000
MAX_MEMBERS = 2_000
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 16
_DTD_MARKERS = ("<!DOCTYPE", "<!ENTITY")
# Encodings an XML part may declare: Unicode ones Word writes, and ASCII-compatible ones
# (a DTD marker in them is plain ASCII, so the scan below sees it).
_SAFE_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii", "iso-8859-1",
     "latin1", "latin-1", "windows-1252", "cp1252", "gbk", "gb2312", "gb18030"}
)  # fmt: skip
_DECLARED = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"


def read_untrusted_docx(path: Path, what: str) -> bytes:
    """Read ``path`` (a Word shell or template, described by ``what``) and return its bytes.

    Raises :class:`UserError` (exit 2) naming the file when it is missing, unreadable,
    not a .docx, an old .doc or encrypted, too large when expanded, or carries a DTD.
    """
    shown = f"{what}“{path}”"
    data = read_user_file(path, shown=shown, noun="Word .docx 文件", limit=MAX_FILE_BYTES)
    check_docx_bytes(data, shown)
    return data


def check_docx_bytes(data: bytes, shown: str) -> None:
    """Refuse ``data`` unless it is a plain, reasonably sized .docx without DTDs."""
    if data.startswith(OLE2_MAGIC):
        raise UserError(
            f"{shown}: 不是 Word .docx 文件——看起来是旧版 .doc 文件，或是加了密码的 .docx。"
            "请在 Word/WPS 里打开它，去掉密码后另存为 .docx（Word 文档）再试"
        )
    if not data.startswith(ZIP_MAGIC):
        raise UserError(
            f"{shown}: 不是 Word .docx 文件（可能是改了扩展名的其他文件）。请在 Word/WPS 里另存为 .docx 再试"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_members(zf, shown)
            for info in zf.infolist():
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    _check_xml_part(zf, info, shown)
            _check_main_part(zf, shown)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        NotImplementedError,
        ValueError,
    ) as exc:
        raise UserError(
            f"{shown}: .docx 文件已损坏，无法打开（{exc}）。请在 Word/WPS 里重新另存为 .docx"
        ) from None


def _check_members(zf: zipfile.ZipFile, shown: str) -> None:
    """Check member count, declared expanded size, encryption and the Word main part."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UserError(
            f"{shown}: .docx 里有 {len(infos)} 个部件，超过上限 {MAX_MEMBERS}，不像正常的 Word 文件，已拒绝"
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_EXPANDED_BYTES:
        raise UserError(
            f"{shown}: 解压后有 {megabytes(total)}，超过上限 {megabytes(MAX_EXPANDED_BYTES)}（可能是压缩炸弹），已拒绝"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise UserError(
            f"{shown}: .docx 的部件是加密的。请在 Word/WPS 里去掉密码后另存为 .docx 再试"
        )
    names = {i.filename for i in infos}
    if len(names) != len(infos):
        raise UserError(
            f"{shown}: .docx 里有重名的部件，文件不正常，已拒绝。请在 Word/WPS 里重新另存为 .docx"
        )
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise UserError(
            f"{shown}: 是压缩包但不是 Word 文档（缺少 word/document.xml）。请用 Word/WPS 另存为 .docx 再试"
        )


def _check_xml_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> None:
    """Inflate one XML part with a hard cap and refuse it when it carries a DTD."""
    limit = min(info.file_size, MAX_EXPANDED_BYTES)
    chunks: list[bytes] = []
    read = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if read > limit:
                raise UserError(
                    f"{shown}: 部件 {info.filename} 解压后超过声明的大小，文件不正常，已拒绝"
                )
            chunks.append(chunk)
    text = _xml_text(b"".join(chunks), info.filename, shown)
    # A DTD can only come before the root element, but scan the whole part: it is cheap.
    if any(marker in text for marker in _DTD_MARKERS):
        raise UserError(
            f"{shown}: 部件 {info.filename} 含有 DTD（<!DOCTYPE>），Word 文件不应有这种内容，"
            "可能是恶意构造的文件，已拒绝。请在 Word/WPS 里重新另存为 .docx"
        )
    if text.strip():
        try:
            ET.fromstring(text)
        except ET.ParseError as exc:
            raise UserError(
                f"{shown}: 部件 {info.filename} 不是完好的 XML（{exc}），文件已损坏。"
                "请在 Word/WPS 里重新另存为 .docx"
            ) from None


def _xml_text(body: bytes, name: str, shown: str) -> str:
    """An XML part's text, decoded the way an XML parser would; refuse unusual encodings.

    The encoding comes from the byte-order mark or the first bytes (UTF-16), else it
    is UTF-8; a part in UTF-32, with NUL bytes that are not UTF-16, or declaring an
    encoding that is not ASCII-compatible is refused.
    """
    unusual = UserError(
        f"{shown}: 部件 {name} 用了 Word 不会使用的文字编码，可能是恶意构造的文件，已拒绝。"
        "请在 Word/WPS 里重新另存为 .docx"
    )
    if body.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or body[:4] in (
        b"\x00\x00\x00<",
        b"<\x00\x00\x00",
        b"\x00\x00<\x00",
        b"\x00<\x00\x00",
    ):
        raise unusual
    if body.startswith(codecs.BOM_UTF16_LE) or body[:2] == b"<\x00":
        text = body.decode("utf-16-le", "replace").removeprefix("\ufeff")
    elif body.startswith(codecs.BOM_UTF16_BE) or body[:2] == b"\x00<":
        text = body.decode("utf-16-be", "replace").removeprefix("\ufeff")
    elif b"\x00" in body:
        raise unusual
    else:
        text = body.decode("utf-8", "replace").removeprefix("\ufeff")
    declared = _DECLARED.match(text)
    if declared is not None and declared.group(1).strip().lower() not in _SAFE_ENCODINGS:
        raise unusual
    return text


def _check_main_part(zf: zipfile.ZipFile, shown: str) -> None:
    """The package's relationships must name ``word/document.xml`` as its main part."""
    try:
        rels = ET.fromstring(zf.read("_rels/.rels"))
    except KeyError:
        raise UserError(
            f"{shown}: .docx 里缺少 _rels/.rels，文件已损坏。请在 Word/WPS 里重新另存为 .docx"
        ) from None
    targets = [
        posixpath.normpath(rel.get("Target", "").lstrip("/"))
        for rel in rels
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External"
    ]
    if targets != [_MAIN_PART]:
        found = "、".join(targets) or "（没有）"
        raise UserError(
            f"{shown}: .docx 的主文档部件是 {found}，不是 Word 使用的 {_MAIN_PART}，"
            "不像正常的 Word 文件，已拒绝。请在 Word/WPS 里重新另存为 .docx"
        )
