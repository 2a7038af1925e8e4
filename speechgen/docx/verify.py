"""Check a built .docx in memory before it is written: it reopens and holds the text."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from ..errors import SpeechgenError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DraftCheckFailed(SpeechgenError):
    """The document speechgen built does not hold what it should (a bug, exit 5)."""


def docx_paragraph_texts(data: bytes, part: str = "word/document.xml") -> list[str]:
    """Reopen .docx bytes, parse every XML part strictly, return the paragraphs of ``part``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # read() checks each member's CRC
            roots = {
                n: ET.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, ET.ParseError) as exc:
        raise DraftCheckFailed(f"生成的 .docx 无法重新打开（{exc}）") from None
    root = roots.get(part)
    if root is None:
        raise DraftCheckFailed(f"生成的 .docx 缺少 {part}")
    texts = []
    for p in root.iter(f"{W}p"):
        chunks = []
        for el in p.iter():
            if el.tag == f"{W}t" and el.text:
                chunks.append(el.text)
            elif el.tag == f"{W}br":
                chunks.append("\n")
            elif el.tag == f"{W}tab":
                chunks.append("\t")
        texts.append("".join(chunks))
    return texts


def core_properties(data: bytes) -> dict[str, str]:
    """The text of each element of ``docProps/core.xml`` by local name (``title``, ``creator`` …)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "docProps/core.xml" not in zf.namelist():
            return {}
        root = ET.fromstring(zf.read("docProps/core.xml"))
    return {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in root}


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
        found = core_properties(data)
        wrong = [name for name, value in properties.items() if found.get(name) != value]
        if wrong:
            raise DraftCheckFailed(f"生成的 .docx 文档属性不对：{'、'.join(wrong)}")
