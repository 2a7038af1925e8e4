"""The live preview: the speech as it will print, its check findings and its length.

The page is drawn at A4 width with the profile's margins, fonts, sizes, first-line
indent, line pitch and character spacing. Paragraphs are numbered as ``check`` numbers
them (``¶N``), so every finding links to its paragraph.
"""

from __future__ import annotations

from typing import Any

from ..facade import Rendered, check_rendered
from . import engine
from .form import esc

INDENTED = frozenset({"body", "heading1", "heading2", "heading3", "heading4"})


def _family(fonts: list[str], latin: str) -> str:
    names = [latin, *fonts]
    return ", ".join(f'"{n}"' for n in dict.fromkeys(names) if n) + ", serif"


def page_css(layout: dict[str, Any]) -> str:
    """CSS for the preview page, scoped to ``.sheet``, from the profile's numbers."""
    rules = [
        f".sheet{{width:{layout['width_mm']}mm;padding:{layout['top_mm'] / 2}mm "
        f"{layout['right_mm']}mm 20mm {layout['left_mm']}mm;}}",
        f".sheet p{{margin:0;line-height:{layout['line_pt']}pt;"
        f"letter-spacing:{layout['char_spacing_pt']}pt;}}",
    ]
    for name, style in layout["elements"].items():
        indent = style["indent"] if style["indent"] is not None else name in INDENTED
        align = {"both": "justify"}.get(style["align"], style["align"])
        line = layout["title_line_pt"] if name in ("title", "subtitle") else layout["line_pt"]
        rules.append(
            f".sheet .k-{name}{{font-family:{_family(style['fonts'], layout['latin_font'])};"
            f"font-size:{style['size']}pt;font-weight:{'bold' if style['bold'] else 'normal'};"
            f"text-align:{align};text-indent:{layout['indent_chars'] if indent else 0}em;"
            f"line-height:{line}pt;}}"
        )
    lead = layout["elements"].get("lead", {})
    rules.append(f".sheet .lead{{font-weight:{'bold' if lead.get('bold', True) else 'normal'};}}")
    for level in range(1, 5):
        style = layout["elements"][f"heading{level}"]
        rules.append(
            f".sheet .head{level}{{font-family:{_family(style['fonts'], layout['latin_font'])};"
            f"font-weight:{'bold' if style['bold'] else 'normal'};}}"
        )
    gap = layout["blank_after_byline"] * layout["line_pt"]
    rules.append(f".sheet .k-byline.last{{margin-bottom:{gap}pt;}}")
    return "\n".join(rules)


def _paragraphs(rendered: Rendered) -> list[engine.PrintedPara]:
    """Styled paragraphs matching ``check``'s numbering; plain body text if they disagree."""
    texts = rendered.paragraphs()
    printed = engine.printed_paragraphs(rendered)
    same = len(printed) == len(texts) and all(
        p.head + p.lead + p.seq + p.text == t for p, t in zip(printed, texts, strict=True)
    )
    return printed if same else [engine.PrintedPara("body", t) for t in texts]


def sheet_html(rendered: Rendered, marked: dict[int, str]) -> str:
    """The page: one ``<p id="p-N">`` per paragraph; ``marked`` maps ¶N to a severity."""
    paras = _paragraphs(rendered)
    out = []
    for number, para in enumerate(paras, start=1):
        pieces = ""
        if para.head:
            pieces += f'<span class="head{para.head_level}">{esc(para.head)}</span>'
        if para.lead:
            pieces += f'<span class="lead">{esc(para.lead)}</span>'
        pieces += esc(para.seq + para.text)
        classes = [f"k-{para.kind}"]
        following = paras[number] if number < len(paras) else None
        if para.kind == "byline" and (following is None or following.kind != "byline"):
            classes.append("last")
        if number in marked:
            classes.append(f"has-{marked[number]}")
        out.append(
            f'<p id="p-{number}" class="{" ".join(classes)}" data-para="{number}">{pieces}</p>'
        )
    return f'<div class="sheet">{"".join(out)}</div>'


def findings(result: Any) -> list[dict[str, Any]]:
    """The check findings as plain data for the page (¶N and a quote where they have one)."""
    out = []
    doc = result.document
    for f in result.findings:
        number = doc.paras[f.para].number if doc is not None and f.para is not None else None
        out.append({
            "severity": f.severity,
            "label": {"error": "错误", "warning": "警告", "info": "提示"}.get(f.severity, f.severity),
            "rule": f.rule,
            "message": f.message,
            "para": number,
            "quote": doc.quote(f.para) if doc is not None and f.para is not None else "",
        })  # fmt: skip
    return out


def length(rendered: Rendered, stats: dict[str, Any]) -> dict[str, Any]:
    """Characters and minutes against the budget (``meeting.minutes`` × the speaking rate)."""
    rate = int(stats.get("chars_per_minute") or 220)
    chars = int(stats.get("chars") or 0)
    budget = engine.length_budget(rendered, rate)
    text = f"全文约 {chars} 字，按每分钟 {rate} 字约 {stats.get('minutes', 0):g} 分钟"
    if budget:
        share = round(chars * 100 / budget)
        text += f"；目标 {rendered.brief.meeting.minutes} 分钟约 {budget} 字，已写到 {share}%"
    else:
        text += "；在“会议”里填上讲话时长（minutes），可对照篇幅"
    return {"chars": chars, "budget": budget, "text": text}


def build(rendered: Rendered) -> dict[str, Any]:
    """Everything the preview pane shows, as plain data with an HTML page."""
    result = check_rendered(rendered)
    items = findings(result)
    marked: dict[int, str] = {}
    for item in reversed(items):  # the most severe finding of a paragraph wins
        if item["para"] is not None:
            marked[item["para"]] = item["severity"]
    return {
        "css": page_css(engine.layout(rendered)),
        "html": sheet_html(rendered, marked),
        "findings": items,
        "length": length(rendered, result.stats),
        "warnings": rendered.warnings,
    }
