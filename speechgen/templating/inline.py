"""Material written where it is said: ``{% say "slot" %} …entries… {% endsay %}`` in a template.

A template reads like the speech it makes when the sentences a passage may say stand at
the place that says them. A ``say``, ``fill`` or ``heading`` block holds the entries of
its slot in the material library's own YAML form (``- text: …`` with ``when:``, or
``- set: …`` for a heading set)::

    {% say "situation.tone" %}
    - text: 位次往前走了，说明前一段的工作方向是对的、措施是管用的。
      when: {direction: up}
    - text: 名次是一面镜子，照出了长处，也照出了短处。
    {% endsay %}

Before Jinja reads the template the block becomes the call ``{{ say("situation.tone") }}``
(its arguments and whitespace control kept), with a comment that keeps later line numbers
right; the library reads the entries from the same text (:func:`inline_material`), and an
office's ``material.yaml`` may add entries to the same slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2.ext import Extension

BLOCK_TAGS = ("say", "fill", "heading")
_BLOCK = re.compile(
    r"\{%(?P<lead>-?)\s*(?P<tag>say|fill|heading)\s+(?P<args>\"[^\"\n]+\".*?)\s*(?P<open_trim>-?)%\}"
    r"(?P<body>.*?)"
    r"\{%(?P<close_lead>-?)\s*end(?P=tag)\s*(?P<trail>-?)%\}",
    re.S,
)
_SLOT = re.compile(r"\"([^\"\n]+)\"")


@dataclass(frozen=True)
class InlineBlock:
    """One material block of a template: its slot, entries (YAML text) and first line."""

    tag: str
    slot: str
    body: str
    line: int  # 1-based line of the body's first character in the template


def blocks(source: str) -> Iterator[InlineBlock]:
    """Every ``say``/``fill``/``heading`` material block of ``source``, in order."""
    for m in _BLOCK.finditer(source):
        slot = _SLOT.match(m.group("args"))
        if slot is None:  # the pattern guarantees a quoted first argument
            continue
        line = source.count("\n", 0, m.start("body")) + 1
        yield InlineBlock(m.group("tag"), slot.group(1), m.group("body"), line)


def to_calls(source: str) -> str:
    """``source`` with each material block turned into its call, line numbers kept."""

    def call(m: re.Match[str]) -> str:
        lead, newlines = m.group("lead"), m.group(0).count("\n")
        keep_lines = "{#" + lead + "\n" * newlines + "#}" if newlines else ""
        strip_before = "-" if lead and not newlines else ""
        args = m.group("args")
        return f"{keep_lines}{{{{{strip_before} {m.group('tag')}({args}) {m.group('trail')}}}}}"

    return _BLOCK.sub(call, source)


class InlineMaterial(Extension):
    """The Jinja extension that reads material blocks as calls (see the module docstring)."""

    def preprocess(self, source: str, name: Any, filename: Any = None) -> str:
        """Turn the blocks into calls before the lexer sees the template."""
        if "{%" not in source or "end" not in source:
            return source
        return to_calls(source)
