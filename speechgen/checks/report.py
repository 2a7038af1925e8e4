"""Print check results: grouped text for people, JSON for tools (see docs/check.md)."""

from __future__ import annotations

import json
from typing import Any

from .model import SEVERITIES, SEVERITY_NAMES, FileResult, Finding

JSON_VERSION = 1


def counts(results: list[FileResult]) -> dict[str, int]:
    """Findings per severity over all files."""
    return {s: sum(r.count(s) for r in results) for s in SEVERITIES}


def summary_text(numbers: dict[str, int]) -> str:
    """``0 个错误，2 个警告，1 条提示``."""
    return f"{numbers['error']} 个错误，{numbers['warning']} 个警告，{numbers['info']} 条提示"


def _line(result: FileResult, finding: Finding) -> str:
    """``file:location  rule  message``."""
    where = result.document.location(finding) if result.document else result.source
    return f"{where}  {finding.rule}  {finding.message}"


def length_text(result: FileResult) -> str | None:
    """One line with the length and estimated speaking time of a file."""
    stats = result.stats
    if not stats or "chars" not in stats:
        return None
    text = f"篇幅  {result.source}：约{stats['chars']}字，按每分钟{stats['chars_per_minute']}字约需{stats['minutes']:g}分钟"
    if stats.get("target_minutes"):
        text += f"（目标{stats['target_minutes']}分钟）"
    elif stats.get("budget"):
        text += f"（该类讲话默认约{stats['budget']}字）"
    parts = [f"{p['label']}{p['chars']}字" for p in stats.get("parts", []) if p["label"] != "全文"]
    if len(parts) > 1:
        text += "；" + "，".join(parts)
    return text


def render_text(results: list[FileResult]) -> str:
    """Findings grouped by severity, then the length of each file and a total line."""
    lines: list[str] = []
    for severity in SEVERITIES:
        group = [(r, f) for r in results for f in r.findings if f.severity == severity]
        if group:
            if lines:
                lines.append("")
            lines.append(f"{SEVERITY_NAMES[severity]}（{len(group)}）")
            lines.extend(_line(r, f) for r, f in group)
    readable = [r for r in results if r.error is None]
    if lines:
        lines.append("")
    lines.extend(t for t in (length_text(r) for r in readable) if t)
    numbers = counts(results)
    total = f"共 {summary_text(numbers)}" if any(numbers.values()) else "没有发现问题"
    unreadable = len(results) - len(readable)
    if unreadable:
        total += f"；{unreadable} 个文件无法读取"
    lines.append(total)
    return "\n".join(lines) + "\n"


def _finding_json(result: FileResult, finding: Finding) -> dict[str, Any]:
    """One finding as a JSON object."""
    doc = result.document
    para = doc.paras[finding.para] if doc is not None and finding.para is not None else None
    is_text = doc is not None and doc.kind == "text"
    column = None
    if is_text and para is not None and finding.offset is not None:
        column = para.column_base + finding.offset + 1
    return {
        "file": result.source,
        "location": doc.location(finding) if doc is not None else result.source,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "paragraph": para.number if para is not None and not is_text else None,
        "line": para.number if para is not None and is_text else None,
        "column": column,
        "quote": doc.quote(finding.para) if doc is not None and finding.para is not None else None,
    }


def render_json(results: list[FileResult], exit_code: int) -> str:
    """The whole result as one JSON document (format version :data:`JSON_VERSION`)."""
    numbers = counts(results)
    payload = {
        "version": JSON_VERSION,
        "exit_code": exit_code,
        "summary": {
            **numbers,
            "files": len(results),
            "unreadable": sum(1 for r in results if r.error is not None),
        },
        "files": [
            {
                "file": r.source,
                "kind": r.kind or None,
                "error": r.error,
                "counts": {s: r.count(s) for s in SEVERITIES},
                "stats": r.stats or None,
            }
            for r in results
        ],
        "findings": [
            _finding_json(r, f)
            for s in SEVERITIES
            for r in results
            for f in r.findings
            if f.severity == s
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
