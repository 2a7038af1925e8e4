"""Tell a draft nobody touched from one a person edited: the content hash speechgen records.

:mod:`speechgen.docx.package` writes a SHA-256 of the ``word/`` parts into a custom
property; here it is read back (through the one reader) and compared with the parts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UserError
from .package import HASH_PROPERTY, PEOPLE_PROPERTY, content_hash
from .reader import read_docx_bytes
from .safety import MAX_EXPANDED_BYTES


def recorded_hash(path: Path) -> tuple[str | None, str | None]:
    """Return ``(recorded, actual)`` content hashes of a .docx, or Nones if unreadable."""
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_EXPANDED_BYTES:
                return None, None  # not a draft speechgen wrote; never inflate a zip bomb
        data = path.read_bytes()
        draft = read_docx_bytes(data, str(path))
    except (zipfile.BadZipFile, OSError, UserError, UnicodeDecodeError):
        return None, None
    parts = {n: b for n, b in draft.parts.items() if n.startswith("word/")}
    recorded = draft.custom_properties.get(HASH_PROPERTY) or None
    if draft.custom_properties.get(PEOPLE_PROPERTY) == "1":
        recorded = None  # holds people's text: never an untouched draft
    return recorded, content_hash(parts)


def is_untouched_draft(path: Path) -> bool:
    """True when ``path`` is a .docx speechgen wrote and nobody changed since."""
    recorded, actual = recorded_hash(path)
    return recorded is not None and recorded == actual


def holds_people_text(path: Path) -> bool:
    """True for the result of ``update`` or ``check --annotate``: a copy of people's draft."""
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_EXPANDED_BYTES:
                return False
        draft = read_docx_bytes(path.read_bytes(), str(path))
    except (zipfile.BadZipFile, OSError, UserError, UnicodeDecodeError):
        return False
    return draft.custom_properties.get(PEOPLE_PROPERTY) == "1"


def draft_state(path: Path) -> str:
    """``"untouched"``, ``"edited"``, ``"people"`` or ``"foreign"``: the safe-write inspector.

    ``"people"`` is an ``update`` or ``check --annotate`` result, which holds people's text.
    """
    if holds_people_text(path):
        return "people"
    recorded, actual = recorded_hash(path)
    if recorded is None:
        return "foreign"
    return "untouched" if recorded == actual else "edited"
