"""Check a built .docx in memory before it is written: it reopens and holds the text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from ..errors import SpeechgenError, UserError
from .reader import read_docx_bytes


class DraftCheckFailed(SpeechgenError):
    """The document speechgen built does not hold what it should (a bug, exit 5)."""


def docx_paragraph_texts(data: bytes) -> list[str]:
    """Reopen .docx bytes, parse every XML part strictly, return the paragraphs' texts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # read() checks each member's CRC
            for name in zf.namelist():
                if name.endswith((".xml", ".rels")):
                    ET.fromstring(zf.read(name))
    except (zipfile.BadZipFile, ET.ParseError) as exc:
        raise DraftCheckFailed(f"生成的 .docx 无法重新打开（{exc}）") from None
    try:
        return read_docx_bytes(data, "<draft>").texts()
    except UserError as exc:
        raise DraftCheckFailed(exc.message) from None


def verify_docx(
    data: bytes, expected: Iterable[str], properties: dict[str, str] | None = None
) -> None:
    """Raise :class:`DraftCheckFailed` unless every expected text appears in the document.

    ``properties`` maps core property names (``title``, ``creator``, ``subject``,
    ``keywords``) to the exact values they must hold.
    """
    text = "\n".join(docx_paragraph_texts(data))
    missing = [t for t in expected if t and t not in text]
    if missing:
        raise DraftCheckFailed(
            f"生成的 .docx 缺少这些内容：{'；'.join(m[:30] for m in missing[:5])}"
        )
    if properties:
        found = read_docx_bytes(data, "<draft>").core_properties
        wrong = [name for name, value in properties.items() if found.get(name) != value]
        if wrong:
            raise DraftCheckFailed(f"生成的 .docx 文档属性不对：{'、'.join(wrong)}")
