"""One brief, start to finish: load → validate → context → template → blocks → document.

Everything here is in memory; :mod:`speechgen.output` writes the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import blocks as blocks_mod
from . import markup
from .brief import Brief
from .context import build_context
from .errors import UserError
from .loader import LoadedBrief, load_brief
from .profile import Profile, load_profile
from .registry import TemplateInfo, resolve_template, search_roots
from .rendering import merge_options, render_markup
from .validate import locate_setting, validate_brief

FORMATS = ("docx", "md", "txt")


@dataclass
class RenderSettings:
    """Choices from the command line; ``None`` means "use the brief's or template's"."""

    template: str | None = None
    profile: str | None = None
    shell: str | None = None
    seed: int | None = None
    encoding: str | None = None
    template_dirs: list[Path] = field(default_factory=list)
    cwd: Path | None = None


@dataclass
class Draft:
    """A rendered speech: its blocks, layout and source files."""

    brief_path: Path
    brief: Brief
    template: TemplateInfo
    profile: Profile
    blocks: list[blocks_mod.Block]
    shell: Path | None
    markup: str
    word_template: Path | None = None
    context: Any = None
    warnings: list[str] = field(default_factory=list)

    def protected_paths(self) -> list[Path]:
        """Files the output must never overwrite: the brief, the template, the shell."""
        paths = [self.brief_path, self.word_template or self.template.folder / self.template.entry]
        if self.shell is not None:
            paths.append(self.shell)
        return paths

    def text(self, fmt: str) -> str:
        """The speech as Markdown (``md``) or plain text (``txt``)."""
        return markup.blocks_to_text(self.blocks, markdown=fmt == "md")

    def paragraph_texts(self) -> list[str]:
        """One string per printed paragraph, heading numbers included (what ``check`` reads).

        A Word template's paragraphs come from its rendered document.
        """
        if self.word_template is not None:
            from .run import draft_docx
            from .verify import docx_paragraph_texts

            return [p for p in docx_paragraph_texts(draft_docx(self)) if p.strip()]
        return [p for p in markup.blocks_to_text(self.blocks).split("\n") if p.strip()]


def load_and_validate(path: Path, encoding: str | None = None) -> tuple[LoadedBrief, Brief]:
    """Load a brief file and validate it."""
    loaded = load_brief(path, encoding)
    return loaded, validate_brief(loaded)


def compose(
    brief: Brief,
    info: TemplateInfo,
    roots: list[tuple[Path, str]],
    *,
    profile: Profile,
    seed: int | None = None,
    loaded: LoadedBrief | None = None,
) -> tuple[str, list[blocks_mod.Block]]:
    """Render the template for ``brief`` and return ``(markup, finished blocks)``."""
    options = merge_options(info, dict(brief.options), loaded)
    context = build_context(brief, options, seed or 0)
    text = render_markup(info, context, roots)
    parsed = markup.parse(text, str(info.folder / info.entry))
    if not parsed:
        raise UserError(f"{info.folder / info.entry}: 模板没有输出任何内容")
    return text, blocks_mod.finish(parsed, frozenset(profile.run_in_levels))


def build_draft(path: Path, settings: RenderSettings) -> Draft:
    """Run the whole pipeline for one brief file."""
    return build_draft_from(path, load_brief(path, settings.encoding), settings)


def build_draft_from(path: Path, loaded: LoadedBrief, settings: RenderSettings) -> Draft:
    """Run the pipeline for a brief already loaded; ``path`` locates its relative files."""
    brief = validate_brief(loaded)
    base = path.resolve().parent
    roots = search_roots(settings.template_dirs, settings.cwd)
    spec = settings.template or brief.template
    if spec.lower().endswith(".docx"):
        return _word_draft(path, loaded, brief, spec, settings, base, roots)
    with _setting(loaded, "template", settings.template):
        info = resolve_template(spec, roots, base)
    with _setting(loaded, "profile", settings.profile):
        profile = load_profile(settings.profile or brief.profile or info.profile, base)
    shell_spec = settings.shell or brief.shell or info.shell
    with _setting(loaded, "shell", settings.shell):
        shell = _shell_path(shell_spec, base, info) if shell_spec else None
    text, blocks = compose(brief, info, roots, profile=profile, seed=settings.seed, loaded=loaded)
    return Draft(
        path, brief, info, profile, blocks, shell, text, warnings=loaded.warning_messages()
    )


@contextmanager
def _setting(loaded: LoadedBrief, key: str, from_cli: str | None) -> Iterator[None]:
    """Report a bad template/profile/shell named in the brief at its line (not when given on the CLI)."""
    try:
        yield
    except UserError as exc:
        if from_cli:
            raise
        raise locate_setting(loaded, key, exc) from None


def _word_draft(path: Path, loaded: LoadedBrief, brief: Brief, spec: str, settings: RenderSettings,
                base: Path, roots: list[tuple[Path, str]]) -> Draft:  # fmt: skip
    """A draft whose whole document is a Word (docxtpl) template: rendered by ``wordtemplate``."""
    template_path = Path(spec)
    if not template_path.is_absolute():
        template_path = base / template_path
    if not template_path.is_file():
        error = UserError(f"找不到 Word 模板“{spec}”（在 {base} 下查找）")
        raise (error if settings.template else locate_setting(loaded, "template", error))
    info = resolve_template("base", roots, base)
    with _setting(loaded, "profile", settings.profile):
        profile = load_profile(settings.profile or brief.profile, base)
    context = build_context(brief, dict(brief.options), settings.seed or 0)
    return Draft(
        path, brief, info, profile, [], None, "",
        word_template=template_path, context=context, warnings=loaded.warning_messages(),
    )  # fmt: skip


def _shell_path(spec: str, base: Path, info: TemplateInfo) -> Path:
    path = Path(spec)
    if not path.is_absolute():
        path = base / path if (base / path).exists() else info.folder / path
    if not path.is_file():
        raise UserError(f"找不到 Word 外壳文件“{spec}”（在 {base} 下查找）")
    return path


def document_meta(draft: Draft) -> dict[str, Any]:
    """Document properties for the draft (title, author, subject)."""
    m = draft.brief.meeting
    return {
        "title": m.title or f"在{m.name}上的讲话",
        "author": m.speaker or m.organization,
        "subject": m.name,
        "keywords": m.organization,
    }
