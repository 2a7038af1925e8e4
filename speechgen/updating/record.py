"""The record of what a render generated, made from the draft and the document written.

Each paragraph of the finished document is labelled with the block it came from
(title, heading and its level, body paragraph…); paragraphs of a shell or Word
template around the speech are ``document``, the empty lines under the byline
``blank``. Texts are read back from the document with the one reader, so they are
exactly what ``update`` will later read from the draft.
"""

from __future__ import annotations

import hashlib
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from ..docx.generated import GeneratedPara, GeneratedRecord
from ..speech.blocks import Block, Byline, Heading, Paragraph, Salutation, Subtitle, Title
from ..version import __version__

_KINDS: tuple[tuple[type, str], ...] = (
    (Title, "title"),
    (Subtitle, "subtitle"),
    (Byline, "byline"),
    (Salutation, "salutation"),
    (Heading, "heading"),
    (Paragraph, "paragraph"),
)


def block_label(block: Block) -> tuple[str, int, str]:
    """``(kind, level, text)`` of a block as it is printed (heading numbers included)."""
    kind = next(name for cls, name in _KINDS if isinstance(block, cls))
    if isinstance(block, Heading):
        return kind, block.level, block.full_text
    if isinstance(block, Paragraph):
        level = block.heading.level if block.heading is not None else 0
        return kind, level, block.plain_text
    return kind, 0, block.text


def label_paragraphs(texts: list[str], blocks: list[Block]) -> list[GeneratedPara]:
    """Label each document paragraph text with the block it shows, in order."""
    labels = [block_label(b) for b in blocks]
    wanted = [text for _, _, text in labels]
    out = [GeneratedPara("blank" if not t.strip() else "document", 0, t) for t in texts]
    matcher = SequenceMatcher(None, texts, wanted, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            kind, level, _ = labels[block.b + k]
            out[block.a + k] = GeneratedPara(kind, level, texts[block.a + k])
    return out


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes ("" when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def folder_digest(folder: Path) -> str:
    """SHA-256 over a template folder's files (names and bytes), to notice a changed template."""
    digest = hashlib.sha256()
    try:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return ""
    return digest.hexdigest()


def record_for(draft: Any, data: bytes) -> GeneratedRecord:
    """The record for ``draft`` (a :class:`speechgen.facade.Draft`) written as ``data``."""
    from ..docx.reader import read_docx_bytes

    texts = read_docx_bytes(data, str(draft.brief_path)).texts()
    settings = draft.settings
    overrides = {}
    if settings is not None:
        for key in ("template", "profile", "shell"):
            value = getattr(settings, key)
            if value:
                overrides[key] = str(Path(value).resolve()) if _is_path(value) else str(value)
    if draft.word_template is not None:
        template, origin = str(draft.word_template), "word"
        digest = file_digest(Path(draft.word_template))
    else:
        template, origin = draft.template.name, draft.template.origin
        digest = folder_digest(draft.template.folder)
    brief = Path(draft.brief_path)
    return GeneratedRecord(
        paragraphs=label_paragraphs(texts, list(draft.blocks)),
        brief_name=brief.name,
        brief_path=str(brief.resolve()),
        brief_sha256=file_digest(brief),
        template=template,
        template_origin=origin,
        template_digest=digest,
        profile=draft.profile.name,
        shell=str(Path(draft.shell).resolve()) if draft.shell is not None else "",
        seed=settings.seed if settings is not None else None,
        settings=overrides,
        speechgen_version=__version__,
    )


def _is_path(value: str) -> bool:
    """True when a --template/--profile/--shell value names a file rather than a built-in."""
    return value.lower().endswith((".docx", ".yaml", ".yml")) or "/" in value or "\\" in value
