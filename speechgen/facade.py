"""Run the chain for one brief (load → validate → context → template → blocks → document)
and offer it as the public Python API.

Everything here is in memory; :mod:`speechgen.safewrite` writes files. The browser
workspace and other Python callers use the functions at the end of this module; they
raise :class:`speechgen.errors.SpeechgenError` subclasses (``InputProblems`` carries the
located problems of a bad brief) and never print.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .brief import loader as brief_loader
from .brief.loader import LoadedBrief
from .brief.model import Brief
from .brief.validate import locate_setting, validate_brief
from .errors import UserError
from .layout.profile import Profile, load_profile
from .speech import blocks as blocks_mod
from .speech import markup
from .speech.context import build_context
from .templating.registry import TemplateInfo, resolve_template, search_roots
from .templating.speak import Spoken, speak

if TYPE_CHECKING:
    from .checks.model import Document, FileResult
    from .updating.annotate import AnnotateResult
    from .updating.update import UpdateResult

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
    settings: RenderSettings | None = None

    def protected_paths(self) -> list[Path]:
        """Files the output must never overwrite: the brief, the template, the shell."""
        paths = [self.brief_path, self.word_template or self.template.folder / self.template.entry]
        if self.shell is not None:
            paths.append(self.shell)
        return paths

    def text(self, fmt: str) -> str:
        """The speech as Markdown (``md``) or plain text (``txt``)."""
        return markup.blocks_to_text(self.blocks, markdown=fmt == "md")

    def length_note(self) -> str | None:
        """A note when the draft is under 85 % of its budget, naming the brief fields to fill."""
        from .speech.budget import thin_note

        plan = getattr(self.context, "plan", None)
        if plan is None:
            return None
        length = sum(ch.isalnum() for text in self.paragraph_texts() for ch in text)
        return thin_note(self.brief, length, plan.budget, self.template.uses or None)

    def paragraph_texts(self) -> list[str]:
        """One string per printed paragraph, heading numbers included (what ``check`` reads).

        A Word template's paragraphs come from its rendered document.
        """
        if self.word_template is not None:
            from .docx.reader import read_docx_bytes

            texts = read_docx_bytes(draft_docx(self), "<draft>").texts()
            return [p for p in texts if p.strip()]
        return [p for p in markup.blocks_to_text(self.blocks).split("\n") if p.strip()]


def load_and_validate(path: Path, encoding: str | None = None) -> tuple[LoadedBrief, Brief]:
    """Load a brief file and validate it."""
    loaded = brief_loader.load_brief(path, encoding)
    return loaded, validate_brief(loaded)


def compose(
    brief: Brief,
    info: TemplateInfo,
    roots: list[tuple[Path, str]],
    *,
    profile: Profile,
    seed: int | None = None,
    loaded: LoadedBrief | None = None,
) -> tuple[str, list[blocks_mod.Block], Spoken]:
    """Render the template for ``brief``; return ``(markup, finished blocks, spoken)``."""
    spoken = speak(brief, info, roots, seed=seed or 0, loaded=loaded)
    parsed = markup.parse(spoken.text, str(info.folder / info.entry))
    if not parsed:
        raise UserError(f"{info.folder / info.entry}: 模板没有输出任何内容")
    style = spoken.plan.numbering
    return spoken.text, blocks_mod.finish(parsed, frozenset(profile.run_in_levels), style), spoken


def build_draft(path: Path, settings: RenderSettings) -> Draft:
    """Run the whole pipeline for one brief file."""
    return build_draft_from(path, brief_loader.load_brief(path, settings.encoding), settings)


def build_draft_from(path: Path, loaded: LoadedBrief, settings: RenderSettings) -> Draft:
    """Run the pipeline for a brief already loaded; ``path`` locates its relative files."""
    brief = validate_brief(loaded)
    base = path.resolve().parent
    roots = search_roots(settings.template_dirs, settings.cwd)
    spec = settings.template or brief.template
    if spec.lower().endswith(".docx"):
        return _word_draft(path, loaded, brief, spec, settings, base, roots)
    with _setting(loaded, "template", settings.template):
        info = resolve_template(spec, roots, _base_for(settings.template, settings, base))
    with _setting(loaded, "profile", settings.profile):
        profile = load_profile(settings.profile or brief.profile or info.profile, base)
    shell_spec = settings.shell or brief.shell or info.shell
    with _setting(loaded, "shell", settings.shell):
        shell_base = _base_for(settings.shell, settings, base)
        shell = _shell_path(shell_spec, shell_base, info) if shell_spec else None
    text, blocks, spoken = compose(
        brief, info, roots, profile=profile, seed=settings.seed, loaded=loaded
    )
    return Draft(
        path,
        brief,
        info,
        profile,
        blocks,
        shell,
        text,
        context=spoken.context,
        warnings=loaded.warning_messages(),
        settings=settings,
    )


def _base_for(from_cli: str | None, settings: RenderSettings, brief_folder: Path) -> Path:
    """The folder a relative path is taken from: the current folder for one typed on the
    command line (when it is there), otherwise the brief's folder."""
    if from_cli:
        cwd = settings.cwd or Path.cwd()
        if (cwd / Path(from_cli).expanduser()).exists():
            return cwd
    return brief_folder


@contextmanager
def _setting(loaded: LoadedBrief, key: str, from_cli: str | None) -> Iterator[None]:
    """Report a bad template/profile/shell named in the brief at its line (not when given on the CLI)."""
    try:
        yield
    except UserError as exc:
        if from_cli:
            raise
        raise locate_setting(loaded, key, exc) from None


def _word_draft(
    path: Path,
    loaded: LoadedBrief,
    brief: Brief,
    spec: str,
    settings: RenderSettings,
    base: Path,
    roots: list[tuple[Path, str]],
) -> Draft:
    """A draft whose whole document is a Word (docxtpl) template: rendered by ``wordtemplate``."""
    template_path = Path(spec).expanduser()
    if not template_path.is_absolute():
        template_path = _base_for(settings.template, settings, base) / template_path
    if not template_path.exists():  # a folder or a special file is refused when it is read
        error = UserError(f"找不到 Word 模板“{spec}”（在 {base} 下查找）")
        raise (error if settings.template else locate_setting(loaded, "template", error))
    info = resolve_template("base", roots, base)
    with _setting(loaded, "profile", settings.profile):
        profile = load_profile(settings.profile or brief.profile, base)
    context = build_context(brief, dict(brief.options), settings.seed or 0)
    return Draft(
        path,
        brief,
        info,
        profile,
        [],
        None,
        "",
        word_template=template_path,
        context=context,
        warnings=loaded.warning_messages(),
        settings=settings,
    )


def _shell_path(spec: str, base: Path, info: TemplateInfo) -> Path:
    path = Path(spec)
    if not path.is_absolute():
        path = base / path if (base / path).exists() else info.folder / path
    if not path.exists():  # a folder or a special file is refused when it is read
        raise UserError(f"找不到 Word 外壳文件“{spec}”（在 {base} 下查找）")
    return path


def document_meta(draft: Draft) -> dict[str, Any]:
    """Document properties for the draft (title, author, subject)."""
    m = draft.brief.meeting
    return {
        "title": blocks_mod.join_lines(m.title or f"在{m.name}上的讲话"),
        "author": m.speaker or m.organization,
        "subject": m.name,
        "keywords": m.organization,
    }


def draft_docx(draft: Draft) -> bytes:
    """Build the .docx bytes for ``draft`` (poured into its shell when it has one), verified.

    Every route carries the record of what was generated, which ``update`` reads.
    """
    from .docx.package import DocMeta
    from .docx.verify import verify_docx
    from .docx.writer import write_docx

    meta = DocMeta(**document_meta(draft))
    if draft.word_template is not None:
        from .docx.wordtemplate import render_word_template

        data = render_word_template(draft, meta)
        verify_docx(data, [], _properties(meta))
        return _with_record(draft, data)
    if draft.shell is not None:
        from .docx.shell import render_into_shell

        data = render_into_shell(draft, meta)
    else:
        data = write_docx(draft.blocks, draft.profile, meta)
    verify_docx(data, expected_texts(draft), _properties(meta))
    return _with_record(draft, data)


def _with_record(draft: Draft, data: bytes) -> bytes:
    """``data`` with the generated part embedded and the content hash stamped again."""
    from .docx.generated import embed
    from .docx.package import stamp_content_hash
    from .updating.record import record_for

    return stamp_content_hash(embed(data, record_for(draft, data)))


def _properties(meta: Any) -> dict[str, str]:
    """Core properties the written document must carry exactly."""
    return {
        "title": meta.title,
        "creator": meta.author,
        "subject": meta.subject,
        "keywords": meta.keywords,
    }


def expected_texts(draft: Draft) -> list[str]:
    """Texts the finished document must contain: every block, and each measure title."""
    from .layout.titlelines import title_lines, title_width
    from .speech.blocks import Paragraph, Title

    width = title_width(draft.profile)
    texts = []
    for b in draft.blocks:
        if isinstance(b, Title):
            texts.extend(title_lines(b.text, width))
            continue
        texts.extend((b.plain_text if isinstance(b, Paragraph) else b.text).split("\n"))
    texts.extend(m.title for m in draft.brief.measures)
    return texts


def draft_text(draft: Draft, fmt: str) -> str:
    """The speech as Markdown or plain text; a Word template's text comes from its rendered document."""
    if draft.word_template is None:
        return draft.text(fmt)
    return "\n\n".join(draft.paragraph_texts()) + "\n"


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
        return draft_text(self.draft, fmt)

    def docx(self) -> bytes:
        """The finished, verified .docx file as bytes."""
        return draft_docx(self.draft)


def _settings(**kwargs: Any) -> Any:
    dirs = kwargs.pop("template_dirs", None) or []
    return RenderSettings(template_dirs=[Path(d) for d in dirs], **kwargs)


def load_brief(path: str | Path, *, encoding: str | None = None) -> Brief:
    """Read and validate a brief file; raise ``InputProblems`` listing every problem."""
    return load_and_validate(Path(path), encoding)[1]


def parse_brief(text: str, *, name: str = "<brief>") -> Brief:
    """Validate brief text held in memory (``name`` labels its problems)."""
    from .brief.loader import parse_brief_text
    from .brief.validate import validate_brief

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
    from .brief.loader import parse_brief_text

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

    settings = make_settings(list(ignore), None, None)
    compare = load_brief(brief) if brief is not None else None
    doc = read_for_check(Path(path), str(path), encoding)
    return check_document(doc, settings, brief=compare, compare=compare is not None)


def read_for_check(path: Path, label: str, encoding: str | None = None) -> Document:
    """What ``check`` reads of ``path``: a brief is rendered in memory first, other files are read."""
    from .checks.readers import BRIEF_SUFFIXES, paragraphs_document, read_document

    if path.suffix.lower() not in BRIEF_SUFFIXES or not path.is_file():
        return read_document(path, label, encoding)
    draft = build_draft(path, RenderSettings(encoding=encoding))
    if draft.word_template is not None:
        from .checks.readers import document_from_draft
        from .docx.reader import read_docx_bytes

        doc = document_from_draft(read_docx_bytes(draft_docx(draft), label), label, "brief")
        doc.brief = draft.brief
        return doc
    return paragraphs_document(draft.paragraph_texts(), label, draft.brief)


def check_rendered(rendered: Rendered, label: str = "<draft>") -> FileResult:
    """Check a speech rendered in memory, as ``render``'s own summary does."""
    from .checks.config import CheckSettings
    from .checks.engine import check_document
    from .checks.readers import paragraphs_document

    doc = paragraphs_document(rendered.paragraphs(), label, rendered.brief)
    return check_document(doc, CheckSettings(), brief=rendered.brief)


def write_output(
    target: Path, data: bytes, *, protected: list[Path], force: bool, kind: str = "docx"
) -> Path | None:
    """Write a rendered output safely: never over a draft a person edited (unless ``force``,
    then after a backup); return the backup's path when one was made."""
    from .safewrite import safe_write

    state = None
    if kind == "docx":
        from .docx.fingerprint import draft_state

        state = draft_state
    return safe_write(target, data, protected=protected, force=force, kind=kind, state=state)


def update_draft(
    path: str | Path,
    *,
    brief: str | Path | None = None,
    output: str | None = None,
    force: bool = False,
    template_dirs: Iterable[str | Path] | None = None,
    encoding: str | None = None,
) -> UpdateResult:
    """Bring an edited draft up to date with its (changed) brief, as ``speechgen update`` does.

    People's edits stay; speechgen's changes arrive as tracked changes and comments in a
    new file (``<stem>-更新.docx`` beside the draft unless ``output`` says otherwise).
    """
    from .updating import update as up
    from .updating.targets import output_path, write_output

    draft_path = Path(path)
    data, old = up.read_draft(draft_path)
    brief_path = up.find_brief(draft_path, old, Path(brief) if brief is not None else None)
    target = output_path(draft_path, output, up.SUFFIX)
    settings = RenderSettings(
        **up.settings_of(old),  # type: ignore[arg-type]
        encoding=encoding,
        template_dirs=[Path(d) for d in template_dirs or []],
    )
    rendered = build_draft(brief_path, settings)
    merged, record, plan = up.merge(data, old, draft_docx(rendered))
    out = up.finish(merged, record)
    backup = write_output(
        target, out, source=draft_path, protected=rendered.protected_paths(), force=force
    )
    return up.result_of(target, backup, plan, rendered.warnings)


def annotate_file(
    path: str | Path,
    *,
    fix: bool = False,
    output: str | None = None,
    force: bool = False,
    brief: str | Path | None = None,
    ignore: Iterable[str] = (),
) -> AnnotateResult:
    """Write a copy of a .docx with each check finding as a Word comment (``--fix``: fixes too)."""
    from .checks.config import make_settings
    from .updating.annotate import annotate_file as run

    compare = load_brief(brief) if brief is not None else None
    settings = make_settings(list(ignore), None, None)
    return run(Path(path), settings=settings, fix=fix, output=output, force=force, brief=compare)
