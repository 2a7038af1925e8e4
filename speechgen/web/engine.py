"""The one adapter between the browser workspace and speechgen's internals.

Everything the workspace needs that the public facade (:mod:`speechgen.facade`) does
not offer is reached through the functions here, so when the internals move only
this module's imports change. Nothing else in :mod:`speechgen.web` imports a
speechgen module other than ``speechgen`` (the facade), ``speechgen.errors`` and
this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..facade import Rendered

SCHEMA_FILE = "speechgen.schema.json"


@dataclass(frozen=True)
class TemplateChoice:
    """A template a writer may start a brief from."""

    name: str
    cn_name: str
    description: str


@dataclass(frozen=True)
class OptionField:
    """A template option (from the manifest) as the form shows it."""

    name: str
    description: str
    kind: str  # choice | text | list
    choices: tuple[str, ...]
    default: Any


@dataclass(frozen=True)
class TemplateForm:
    """What the form needs from a template's manifest."""

    name: str
    label: str
    uses: tuple[str, ...]
    requires: tuple[str, ...]
    options: tuple[OptionField, ...]


@lru_cache(maxsize=1)
def brief_schema() -> dict[str, Any]:
    """The brief's JSON Schema (Chinese descriptions), with built-in profiles as examples."""
    from ..layout.profile import builtin_profiles
    from ..templating.scaffold import template_schema

    schema = template_schema()
    profile = schema.get("properties", {}).get("profile")
    if isinstance(profile, dict):
        profile["examples"] = builtin_profiles()
    return schema


@lru_cache(maxsize=1)
def date_pattern() -> str:
    """The pattern the schema gives calendar-date fields (the form shows them as dates)."""
    from pydantic import TypeAdapter

    from ..brief.model import DateValue

    return str(TypeAdapter(DateValue).json_schema().get("pattern", ""))


def parse_date(text: str) -> str | None:
    """``2026年5月10日`` or ``2026-05-10`` → ``2026-05-10``; None when it is not a date."""
    from ..brief.model import parse_date as parse

    try:
        return parse(text).to_date().isoformat()
    except ValueError:
        return None


def _roots(folder: Path) -> list[tuple[Path, str]]:
    from ..templating.registry import search_roots

    return search_roots([], folder)


def templates(folder: Path) -> list[TemplateChoice]:
    """Templates a brief in ``folder`` may use (built-in and the folder's ``templates/``)."""
    from ..templating.registry import discover

    found = discover(_roots(folder))
    usable = [infos[0] for _, infos in sorted(found.items()) if not infos[0].skeleton]
    return [TemplateChoice(i.name, i.cn_name, i.description) for i in usable]


def template_form(spec: str, folder: Path) -> TemplateForm | None:
    """The manifest facts of template ``spec`` (name, Chinese name or path); None if not found."""
    from ..errors import SpeechgenError
    from ..templating.registry import resolve_template

    if not spec or spec.lower().endswith(".docx"):
        return None
    try:
        info = resolve_template(spec, _roots(folder), folder)
    except SpeechgenError:
        return None
    options = tuple(
        OptionField(
            o.name, o.description, o.kind if not o.choices else "choice", o.choices, o.default
        )  # fmt: skip
        for o in info.options
    )
    label = f"{info.cn_name}（{info.name}）" if info.cn_name else info.name
    return TemplateForm(info.name, label, info.uses, info.requires, options)


def new_brief_text(template: str, folder: Path) -> str:
    """The commented brief ``speechgen new --template TEMPLATE`` writes; also writes the schema."""
    from ..safewrite import atomic_write
    from ..templating.registry import resolve_template
    from ..templating.scaffold import brief_text, template_schema_text

    info = resolve_template(template, _roots(folder), folder)
    atomic_write(folder / SCHEMA_FILE, template_schema_text().encode("utf-8"))
    return brief_text(info, info.name, SCHEMA_FILE)


def write_text(target: Path, text: str) -> None:
    """Write a brief atomically (temp file, fsync, replace)."""
    from ..safewrite import atomic_write

    atomic_write(target, text.encode("utf-8"))


def write_draft(rendered: Rendered, target: Path, *, force: bool) -> Path | None:
    """Write the .docx as ``render`` does: an edited draft is refused (exit 3) unless ``force``,
    which keeps a backup; return the backup path, if one was made."""
    from ..facade import write_output

    return write_output(target, rendered.docx(), protected=rendered.draft.protected_paths(),
                        force=force)  # fmt: skip


def pdf_available() -> bool:
    """True when LibreOffice is installed (PDF downloads are offered)."""
    from ..layout.preview import find_soffice

    return find_soffice() is not None


def write_pdf(docx: Path) -> Path:
    """Convert ``docx`` to a PDF beside it with LibreOffice; return the PDF path."""
    from ..layout.preview import convert_to_pdf

    return convert_to_pdf(docx, docx.parent)


def font_stack(font: str) -> list[str]:
    """The office font first, then the free fonts that stand in for it where it is missing."""
    from ..layout.fonts import SUBSTITUTES

    return [font, *SUBSTITUTES.get(font, ())]


def layout(rendered: Rendered) -> dict[str, Any]:
    """The profile's page, spacing and per-element font settings, as plain numbers."""
    profile = rendered.draft.profile
    page = profile.page
    elements = {}
    for name in ("title", "subtitle", "byline", "salutation", "body", "heading1", "heading2",
                 "heading3", "heading4", "lead"):  # fmt: skip
        style = profile.element(name)
        elements[name] = {
            "fonts": font_stack(style.font or ""),
            "size": style.size,
            "bold": bool(style.bold),
            "align": style.align or "both",
            "indent": style.indent,
        }
    return {
        "width_mm": page.width_mm,
        "left_mm": page.left_mm,
        "right_mm": page.right_mm,
        "top_mm": page.top_mm,
        "line_pt": profile.line_pitch_pt,
        "title_line_pt": profile.title_line_pitch_pt,
        "char_spacing_pt": profile.char_spacing_pt,
        "indent_chars": profile.indent_chars,
        "latin_font": profile.latin_font,
        "blank_after_byline": profile.blank_lines_after_byline,
        "elements": elements,
    }


@dataclass(frozen=True)
class PrintedPara:
    """One printed paragraph for the preview: its element and text pieces."""

    kind: str  # title, subtitle, byline, salutation, heading1..4, body
    text: str
    head: str = ""  # a run-in heading (（一）…。) printed in its level's font
    head_level: int = 0
    lead: str = ""  # a bold lead sentence, with its sequence word (一是) when it has one
    seq: str = ""  # a sequence word (一是) without a lead sentence, printed as body text


def printed_paragraphs(rendered: Rendered) -> list[PrintedPara]:
    """The speech's paragraphs with their element kinds, in the order ``check`` numbers them.

    A paragraph with a line break inside prints as several paragraphs, as ``check``
    counts it; a Word-template draft has no blocks, so its paragraphs are plain body.
    """
    from ..speech import blocks as b

    draft = rendered.draft
    if draft.word_template is not None:
        return [PrintedPara("body", t) for t in rendered.paragraphs()]
    out: list[PrintedPara] = []
    for block in draft.blocks:
        if isinstance(block, b.Paragraph):
            head = b.run_in_text(block.heading) if block.heading else ""
            level = block.heading.level if block.heading else 0
            lead = block.seq + block.lead if block.lead else ""
            seq = block.seq if not block.lead else ""
            lines = block.text.split("\n")
            out.append(PrintedPara("body", lines[0], head, level, lead, seq))
            out.extend(PrintedPara("body", line) for line in lines[1:])
            continue
        if isinstance(block, b.Heading):
            kind, text = f"heading{block.level}", block.full_text
        else:
            kind, text = type(block).__name__.lower(), block.text
        out.extend(PrintedPara(kind, line) for line in text.split("\n"))
    return [p for p in out if (p.head + p.lead + p.seq + p.text).strip()]


def length_budget(rendered: Rendered, chars_per_minute: int) -> int | None:
    """The number of characters the speech should run to: ``meeting.minutes`` × the rate."""
    minutes = rendered.brief.meeting.minutes
    return minutes * chars_per_minute if minutes else None
