"""The speech markup: what a template renders, and the parser that turns it into blocks.

A line that starts with a marker is one block. Other lines are paragraph text:
consecutive lines join into one paragraph (directly, with no space), and a blank
line ends the paragraph. The markers:

=========  ==============================================================
``= T``    the title (several ``=`` lines make a multi-line title)
``== T``   the subtitle (——…)
``@ T``    a centred byline: the date line or the speaker line
``> T``    the salutation, flush left (同志们：)
``# T``    level-1 heading; ``##`` level 2, ``###`` level 3, ``####`` level 4.
           Numbers (一、（一）1.（1）) are added from position: never type them.
``**L**T`` a paragraph whose lead sentence ``L`` is bold
``+ T``    an inline sub-point: gets 一是、二是… (``+要 T`` gives 一要、二要…)
anything   a body paragraph
=========  ==============================================================

Inside any text, ``%%parts%%`` becomes the number of level-1 parts and ``%%subs%%``
the number of sub-points (level-2 headings or inline points) of the current part, as a Chinese quantity (两、三).
Text is HTML-escaped by the template environment; the parser unescapes it. A value's
line break (``&#10;``) becomes a line break inside its paragraph.
"""

from __future__ import annotations

import re

from ..errors import UserError
from .blocks import (
    COUNT_MARK,
    Block,
    Byline,
    Heading,
    Paragraph,
    Salutation,
    Subtitle,
    Title,
    run_in_text,
)

_ENTITY = re.compile(r"&(amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}
_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_LEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
_POINT = re.compile(r"^\+(\S{0,2})\s+(.*)$")
_COUNT = re.compile(r"%%(parts|subs)%%")


def unescape(text: str) -> str:
    """Undo the environment's escaping (HTML entities and numeric references)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _NAMED:
            return _NAMED[name]
        code = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
        try:
            return chr(code)
        except (ValueError, OverflowError):
            return m.group(0)

    return _ENTITY.sub(sub, text)


def _text(raw: str) -> str:
    marked = _COUNT.sub(lambda m: f"{COUNT_MARK}{m.group(1)}{COUNT_MARK}", raw)
    return unescape(marked).strip(" \t")


def parse(markup: str, source: str = "<template>") -> list[Block]:
    """Parse rendered markup into blocks (headings not yet numbered)."""
    blocks: list[Block] = []
    open_para: list[str] | None = None  # raw lines of the paragraph being collected
    point = ""

    def close() -> None:
        nonlocal open_para, point
        if open_para is not None:
            blocks.append(_paragraph("".join(open_para), point))
        open_para, point = None, ""

    for lineno, raw_line in enumerate(markup.splitlines(), 1):
        line = raw_line.strip()
        if not line:
            close()
            continue
        marker = line[0]
        if marker in "=@>#":
            close()
            if line.startswith("=="):
                blocks.append(Subtitle(_text(line[2:])))
            elif marker == "=":
                blocks.append(Title(_text(line[1:])))
            elif marker == "@":
                blocks.append(Byline(_text(line[1:])))
            elif marker == ">":
                blocks.append(Salutation(_text(line[1:])))
            else:
                m = _HEADING.match(line)
                if not m or not m.group(2).strip():
                    raise UserError(
                        f"{source}: 渲染结果第 {lineno} 行的标题标记不对：“{line[:30]}”"
                        "（应是 # 到 #### 加空格再写标题）"
                    )
                blocks.append(Heading(len(m.group(1)), _text(m.group(2))))
            continue
        m = _POINT.match(line)
        if m or line.startswith("**"):
            close()
            if m:
                point, line = m.group(1) or "是", m.group(2)
            open_para = [line]
        elif open_para is None:
            open_para = [line]
        else:
            open_para.append(line)
    close()
    return blocks


def _paragraph(raw: str, point: str) -> Paragraph:
    lead = _LEAD.match(raw)
    if lead:
        return Paragraph(_text(lead.group(2)), lead=_text(lead.group(1)), point=point)
    return Paragraph(_text(raw), point=point)


def blocks_to_text(blocks: list[Block], markdown: bool = False) -> str:
    """Render finished blocks as plain text, or as Markdown with numbers in the text."""
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Title):
            lines.append(f"# {b.one_line}" if markdown else b.text)
        elif isinstance(b, Subtitle):
            lines.append(f"## {b.text}" if markdown else b.text)
        elif isinstance(b, (Byline, Salutation)):
            lines.append(b.text)
        elif isinstance(b, Heading):
            lines.append(f"{'#' * (b.level + 1)} {b.full_text}" if markdown else b.full_text)
        elif isinstance(b, Paragraph):
            head = ""
            if b.heading is not None:
                head = run_in_text(b.heading)
                head = f"**{head}**" if markdown else head
            lead = b.seq + b.lead
            lead = f"**{lead}**" if markdown and b.lead else lead
            body = b.text.replace("\n", "  \n" if markdown else "\n")
            lines.append(head + lead + body)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
