"""``speechgen schema``: print or write the brief's JSON Schema."""

from __future__ import annotations

from pathlib import Path

from ..console import echo_err, echo_out
from ..safewrite import atomic_write
from ..templating.scaffold import template_schema_text


def run_schema(output: Path | None) -> int:
    """Print the schema, or write it to ``output``; return the exit code."""

    text = template_schema_text()
    if output is None or str(output) == "-":
        echo_out(text)
        return 0
    atomic_write(output, text.encode("utf-8"))
    echo_err(f"已写入简报的 JSON Schema：{output}")
    return 0
