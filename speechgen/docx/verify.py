"""Check a built .docx in memory before it is written: it reopens and holds the text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any
from xml.etree import ElementTree as ET

from ..errors import SpeechgenError, UserError
from .reader import read_docx_bytes


class DraftCheckFailed(SpeechgenError):
    """The document speechgen built does not hold what it should (a bug, exit 5)."""


def docx_paragraph_texts(data: bytes) -> list[str]:
    """Reopen .docx bytes, parse every XML part strictly, return the paragraphs' texts."""
    return _reopen(data).texts()


def _reopen(data: bytes) -> Any:
    """The draft reopened as the reader sees it, after a strict parse of every XML part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # read() checks each member's CRC
            for name in zf.namelist():
                if name.endswith((".xml", ".rels")):
                    ET.fromstring(zf.read(name))
    except (zipfile.BadZipFile, ET.ParseError) as exc:
        raise DraftCheckFailed(f"生成的 .docx 无法重新打开（{exc}）") from None
    try:
        return read_docx_bytes(data, "<draft>")
    except UserError as exc:
        raise DraftCheckFailed(exc.message) from None


def missing_texts(text: str, expected: Iterable[str]) -> list[str]:
    """The expected texts not found in ``text``, in one pass when they come in document order.

    Each text is looked for from where the one before it was found; only when that fails
    is the whole text searched (a template may print a measure before an earlier one),
    and the search goes on from there. Texts in order cost one scan of ``text`` in all,
    instead of one scan each (186 ms at 3,000 measures).
    """
    missing = []
    pos = 0
    for wanted in expected:
        if not wanted:
            continue
        found = text.find(wanted, pos)
        if found < 0:
            found = text.find(wanted)
        if found < 0:
            missing.append(wanted)
            continue
        pos = found + len(wanted)
    return missing


def verify_docx(
    data: bytes, expected: Iterable[str], properties: dict[str, str] | None = None
) -> None:
    """Raise :class:`DraftCheckFailed` unless every expected text appears in the document.

    ``properties`` maps core property names (``title``, ``creator``, ``subject``,
    ``keywords``) to the exact values they must hold.
    """
    document = _reopen(data)  # read once: for the texts and the properties
    missing = missing_texts("\n".join(document.texts()), expected)
    if missing:
        raise DraftCheckFailed(
            f"生成的 .docx 缺少这些内容：{'；'.join(m[:30] for m in missing[:5])}"
        )
    if properties:
        found = document.core_properties
        wrong = [name for name, value in properties.items() if found.get(name) != value]
        if wrong:
            raise DraftCheckFailed(f"生成的 .docx 文档属性不对：{'、'.join(wrong)}")
