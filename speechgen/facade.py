"""The public Python API: load, render and check one brief without the command line.

The browser workspace and other Python callers use these functions; they raise
:class:`speechgen.errors.SpeechgenError` subclasses (``InputProblems`` carries the
located problems of a bad brief) and never print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .brief import Brief
    from .checks.model import FileResult
    from .pipeline import Draft


@dataclass
class Rendered:
    """A speech rendered in memory: its paragraphs, text and .docx bytes on request."""

    draft: Draft

    @property
    def brief(self) -> Brief:
        """The validated brief the speech was rendered from."""
        return self.draft.brief

    @property
    def warnings(self) -> list[str]:
        """Warnings (Chinese) raised while loading the brief."""
        return list(self.draft.warnings)

    def paragraphs(self) -> list[str]:
        """One string per printed paragraph, heading numbers included."""
        return self.draft.paragraph_texts()

    def text(self, fmt: str = "md") -> str:
        """The speech as Markdown (``md``) or plain text (``txt``)."""
        from .run import draft_text

        return draft_text(self.draft, fmt)

    def docx(self) -> bytes:
        """The finished, verified .docx file as bytes."""
        from .run import draft_docx

        return draft_docx(self.draft)


def _settings(**kwargs: Any) -> Any:
    from .pipeline import RenderSettings

    dirs = kwargs.pop("template_dirs", None) or []
    return RenderSettings(template_dirs=[Path(d) for d in dirs], **kwargs)


def load_brief(path: str | Path, *, encoding: str | None = None) -> Brief:
    """Read and validate a brief file; raise ``InputProblems`` listing every problem."""
    from .pipeline import load_and_validate

    return load_and_validate(Path(path), encoding)[1]


def parse_brief(text: str, *, name: str = "<brief>") -> Brief:
    """Validate brief text held in memory (``name`` labels its problems)."""
    from .loader import parse_brief_text
    from .validate import validate_brief

    return validate_brief(parse_brief_text(text, name))


def render_brief(
    path: str | Path,
    *,
    template: str | None = None,
    profile: str | None = None,
    shell: str | None = None,
    seed: int | None = None,
    encoding: str | None = None,
    template_dirs: Iterable[str | Path] | None = None,
    cwd: str | Path | None = None,
) -> Rendered:
    """Render the brief file at ``path`` in memory, exactly as ``speechgen render`` would."""
    from .pipeline import build_draft

    settings = _settings(
        template=template,
        profile=profile,
        shell=shell,
        seed=seed,
        encoding=encoding,
        template_dirs=template_dirs,
        cwd=Path(cwd) if cwd else None,
    )
    return Rendered(build_draft(Path(path), settings))


def render_brief_text(
    text: str,
    *,
    path: str | Path,
    seed: int | None = None,
    template_dirs: Iterable[str | Path] | None = None,
    cwd: str | Path | None = None,
) -> Rendered:
    """Render unsaved brief text as if it were the file at ``path`` (for relative paths)."""
    from .loader import parse_brief_text
    from .pipeline import build_draft_from

    where = Path(path)
    settings = _settings(seed=seed, template_dirs=template_dirs, cwd=Path(cwd) if cwd else None)
    return Rendered(build_draft_from(where, parse_brief_text(text, str(where)), settings))


def check_file(
    path: str | Path,
    *,
    brief: str | Path | None = None,
    ignore: Iterable[str] = (),
    encoding: str | None = None,
) -> FileResult:
    """Check a .docx, .txt/.md or brief file; ``brief`` compares it against that brief."""
    from .checks.config import make_settings
    from .checks.engine import check_document
    from .checks.readers import read_document

    settings = make_settings(list(ignore), None, None)
    compare = load_brief(brief) if brief is not None else None
    doc = read_document(Path(path), str(path), encoding)
    return check_document(doc, settings, brief=compare, compare=compare is not None)


def check_rendered(rendered: Rendered, label: str = "<draft>") -> FileResult:
    """Check a speech rendered in memory, as ``render``'s own summary does."""
    from .checks.config import CheckSettings
    from .checks.engine import check_document
    from .checks.readers import paragraphs_document

    doc = paragraphs_document(rendered.paragraphs(), label, rendered.brief)
    return check_document(doc, CheckSettings(), brief=rendered.brief)
