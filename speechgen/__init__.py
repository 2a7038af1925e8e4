"""speechgen: draft Chinese meeting speeches (.docx) from a YAML brief and reusable templates.

Public API (imported lazily, so ``import speechgen`` stays fast)::

    import speechgen
    brief = speechgen.load_brief("2026Q2.yaml")
    speech = speechgen.render_brief("2026Q2.yaml")
    data = speech.docx()                 # .docx bytes
    text = speech.text("md")             # Markdown with heading numbers
    result = speechgen.check_file("2026Q2.docx")
    speechgen.update_draft("2026Q2.docx")   # -> 2026Q2-更新.docx, changes tracked
    speechgen.annotate_file("2026Q2.docx", fix=True)  # -> 2026Q2-批注.docx
"""

from __future__ import annotations

from typing import Any

from .version import __version__

__all__ = [
    "Rendered",
    "annotate_file",
    "check_file",
    "check_rendered",
    "load_brief",
    "parse_brief",
    "render_brief",
    "render_brief_text",
    "update_draft",
    "__version__",
]


def __getattr__(name: str) -> Any:
    """Load the facade on first use (keeps ``speechgen --help`` from importing the pipeline)."""
    if name in __all__ and name != "__version__":
        from . import facade

        return getattr(facade, name)
    raise AttributeError(f"module 'speechgen' has no attribute {name!r}")
