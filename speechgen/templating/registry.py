"""Find speech templates (folders with a manifest) and load them safely.

Search order (first wins, so a local template may shadow a built-in):
``--template-dir`` folders, ``SPEECHGEN_TEMPLATE_PATH`` (``os.pathsep``-separated),
``./templates/`` of the working folder (unless it is the package's own), built-ins.

Inside a template, names look like ``situation/speech.j2``: the first part is a
template name resolved by the same search order (``builtin:situation/speech.j2``
forces the built-in one, so a local ``situation`` can extend the built-in), the rest
a file inside that folder. Files must stay inside their folder; symlinks out are
refused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, TemplateNotFound

from ..brief.files import is_regular_file, read_user_text
from ..brief.loader import parse_brief_text
from ..errors import UserError

MANIFEST = "manifest.yaml"
PHRASES = "phrases.yaml"
ENV_VAR = "SPEECHGEN_TEMPLATE_PATH"
BUILTIN_PREFIX = "builtin:"
ORIGIN_BUILTIN = "内置"
_EXTENDS = re.compile(r"\{%-?\s*extends\b")


def builtin_root() -> Path:
    """The folder of built-in templates: inside the installed package, or the checkout's ``templates/``."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "builtin_templates"
    if packaged.is_dir() and any(packaged.glob(f"*/{MANIFEST}")):
        return packaged
    return package.parent / "templates"


@dataclass(frozen=True)
class OptionSpec:
    """A template option a brief may set under ``options``."""

    name: str
    default: Any
    choices: tuple[str, ...] = ()
    description: str = ""
    kind: str = "text"

    def check(self, value: Any) -> str | None:
        """Return a Chinese message when ``value`` does not fit this option, else None."""
        if self.choices:
            allowed = "、".join(self.choices)
            if isinstance(value, (list, dict)):
                return (
                    f"选项 {self.name} 只能取 {allowed} 中的一项，现在写成了一组“{shown_value(value)}”："
                    "请只写一项，不加方括号或“- ”"
                )
            if value not in self.choices:
                return f"选项 {self.name} 只能取 {allowed}，现在是“{shown_value(value)}”"
        elif self.kind == "list":
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                return f"选项 {self.name} 应是一组文字（每项以“- ”开头）"
        elif not isinstance(value, str):
            return f"选项 {self.name} 应是一段文字"
        return None


def shown_value(value: Any) -> str:
    """A brief value as the writer typed it: a list 、-joined, a mapping as key：value."""
    if isinstance(value, list):
        return "、".join(shown_value(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k}：{shown_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)


@dataclass(frozen=True)
class TemplateInfo:
    """A discovered template folder and its manifest."""

    name: str
    cn_name: str
    description: str
    folder: Path
    origin: str
    entry: str = "speech.j2"
    extends: str | None = None
    profile: str | None = None
    shell: str | None = None
    uses: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    options: tuple[OptionSpec, ...] = ()
    sample: Path | None = None
    manifest: dict[str, Any] = field(default_factory=dict, compare=False)
    skeleton: bool = False  # only extended by other templates, never used alone

    @property
    def entry_name(self) -> str:
        """The loader name of the entry template, e.g. ``situation/speech.j2``."""
        prefix = BUILTIN_PREFIX if self.origin == ORIGIN_BUILTIN else ""
        return f"{prefix}{self.name}/{self.entry}"


def search_roots(
    template_dirs: list[Path] | None = None, cwd: Path | None = None
) -> list[tuple[Path, str]]:
    """Return ``(folder, origin)`` pairs in search order."""
    roots: list[tuple[Path, str]] = []
    for d in template_dirs or []:
        roots.append((Path(d), "--template-dir"))
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            roots.append((Path(part), ENV_VAR))
    local = (cwd or Path.cwd()) / "templates"
    builtin = builtin_root()
    if local.is_dir() and not _same(local, builtin) and not _is_source_checkout(local.parent):
        roots.append((local, "./templates"))
    roots.append((builtin, ORIGIN_BUILTIN))
    return roots


def _is_source_checkout(folder: Path) -> bool:
    """True in speechgen's own source folder, whose ``templates/`` are the built-ins themselves."""
    try:
        head = (folder / "pyproject.toml").read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False
    return 'name = "speechgen"' in head and (folder / "speechgen" / "__init__.py").is_file()


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


_MANIFESTS: dict[tuple[str, str], tuple[tuple[int, int], TemplateInfo]] = {}


def read_manifest(folder: Path, origin: str) -> TemplateInfo:
    """Read ``folder/manifest.yaml`` into a :class:`TemplateInfo` (cached while the file is unchanged)."""
    try:
        st = (folder / MANIFEST).stat()
    except OSError:
        return _read_manifest(folder, origin)
    key, stamp = (str(folder), origin), (st.st_mtime_ns, st.st_size)
    cached = _MANIFESTS.get(key)
    if cached is None or cached[0] != stamp:
        cached = _MANIFESTS[key] = (stamp, _read_manifest(folder, origin))
    return cached[1]


def _read_manifest(folder: Path, origin: str) -> TemplateInfo:
    """Parse ``folder/manifest.yaml`` into a :class:`TemplateInfo`."""
    path = folder / MANIFEST
    text = read_user_text(path, shown=str(path), noun="模板清单")
    data = parse_brief_text(text, str(path)).data
    allowed = {
        "name",
        "cn_name",
        "description",
        "entry",
        "extends",
        "profile",
        "shell",
        "uses",
        "requires",
        "options",
        "sample",
        "skeleton",
        "parts",
        "outline",
        "sections",
        "items",
        "length",
        "needs",
        "weights",
    }
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise UserError(
            f"{path}: 模板清单里有不认识的字段 {'、'.join(unknown)}；可用字段：{'、'.join(sorted(allowed))}"
        )
    options = []
    for name, spec in (data.get("options") or {}).items():
        spec = spec if isinstance(spec, dict) else {"default": spec}
        kind = str(spec.get("type") or ("choice" if spec.get("choices") else "text"))
        if kind not in ("choice", "text", "list"):
            raise UserError(
                f"{path}: 选项 {name} 的 type 只能是 choice、text 或 list，现在是“{kind}”"
            )
        default = spec.get("default")
        if kind == "list" and default is None:
            default = []
        options.append(
            OptionSpec(
                name=name,
                default=default,
                choices=tuple(spec.get("choices") or ()),
                description=str(spec.get("description") or ""),
                kind=kind,
            )
        )
    sample = data.get("sample")
    return TemplateInfo(
        name=str(data.get("name") or folder.name),
        cn_name=str(data.get("cn_name") or ""),
        description=str(data.get("description") or ""),
        folder=folder,
        origin=origin,
        entry=str(data.get("entry") or "speech.j2"),
        extends=data.get("extends"),
        profile=data.get("profile"),
        shell=data.get("shell"),
        uses=tuple(data.get("uses") or ()),
        requires=tuple(data.get("requires") or ()),
        options=tuple(options),
        sample=confined_path(folder.resolve(), str(sample), str(folder / str(sample)))
        if sample
        else None,
        manifest=data,
        skeleton=str(data.get("skeleton") or "").strip().lower() in ("true", "yes", "是"),
    )


# Template folders whose manifest could not be read: folder → the error, and the
# manifests already warned about (each is reported once per process).
_BROKEN: dict[Path, UserError] = {}
_WARNED: set[Path] = set()


def discover(roots: list[tuple[Path, str]]) -> dict[str, list[TemplateInfo]]:
    """Map each template name to its candidates, the winning one first.

    A folder whose manifest is broken (a Chinese colon, an unknown field) is skipped,
    so one bad template never blocks the others; :func:`manifest_warnings` names it,
    and asking for it by name reports its error (:func:`resolve_template`).
    """
    found: dict[str, list[TemplateInfo]] = {}
    for root, origin in roots:
        if not root.is_dir():
            continue
        for manifest in sorted(root.glob(f"*/{MANIFEST}")):
            try:
                info = read_manifest(manifest.parent, origin)
            except UserError as exc:
                _BROKEN[manifest.parent] = exc
                continue
            _BROKEN.pop(manifest.parent, None)
            found.setdefault(info.name, []).append(info)
    return found


def manifest_warnings() -> list[str]:
    """One warning for each broken manifest skipped since the last call (each named once)."""
    warnings = []
    for folder, exc in list(_BROKEN.items()):
        if folder not in _WARNED:
            _WARNED.add(folder)
            warnings.append(
                f"警告：模板“{folder.name}”的清单 {folder / MANIFEST} 有错，已跳过这个模板"
                f"（其他模板照常可用）：\n{exc.message}"
            )
    return warnings


def broken_template(spec: str) -> UserError | None:
    """The manifest error of a skipped template folder named ``spec`` (by folder name), if any."""
    name = spec.strip().rstrip("/\\")
    for folder, exc in _BROKEN.items():
        if name in (folder.name, str(folder)):
            return exc
    return None


def parent_of(info: TemplateInfo, candidates: dict[str, list[TemplateInfo]]) -> TemplateInfo | None:
    """The template ``info`` extends: the winning one of that name, or the next one when the
    name is its own (a local ``situation`` extending the built-in ``situation``)."""
    if not info.extends:
        return None
    name = info.extends.removeprefix(BUILTIN_PREFIX)
    infos = candidates.get(name, [])
    if info.extends.startswith(BUILTIN_PREFIX):
        infos = [i for i in infos if i.origin == ORIGIN_BUILTIN]
    # The same folder may be listed twice (found in ./templates and given by path):
    # the parent is the first candidate after its last appearance, never itself.
    mine = [i for i, c in enumerate(infos) if _same(c.folder, info.folder)]
    if mine:
        infos = infos[mine[-1] + 1 :]
    if not infos:
        raise UserError(f"{info.folder / MANIFEST}: extends 指向的模板“{info.extends}”不存在")
    return infos[0]


def inherit(info: TemplateInfo, candidates: dict[str, list[TemplateInfo]]) -> TemplateInfo:
    """Fill what a manifest leaves out from the templates it extends.

    Options are merged (the child's win), ``uses``/``requires`` are joined, and the
    profile, shell and sample come from the nearest template that names one.
    """
    chain = [info]
    current = info
    while True:
        parent = parent_of(current, candidates)
        if parent is None:
            break
        if any(_same(parent.folder, c.folder) for c in chain) or len(chain) > 20:
            raise UserError(
                f"{info.folder / MANIFEST}: 模板的 extends 形成了循环（{' → '.join(c.name for c in chain)}）"
            )
        chain.append(parent)
        current = parent
    options: dict[str, OptionSpec] = {}
    uses: list[str] = []
    requires: list[str] = []
    for tpl in chain:
        options.update({o.name: o for o in tpl.options if o.name not in options})
        uses += [u for u in tpl.uses if u not in uses]
        requires += [r for r in tpl.requires if r not in requires]
    return replace(
        info,
        options=tuple(options.values()),
        uses=tuple(uses),
        requires=tuple(requires),
        profile=next((t.profile for t in chain if t.profile), None),
        shell=next((t.shell for t in chain if t.shell), None),
        sample=next((t.sample for t in chain if t.sample), None),
    )


def resolve_template(
    spec: str, roots: list[tuple[Path, str]], base_dir: Path | None = None
) -> TemplateInfo:
    """Find a template by name, Chinese name, or folder path (manifest gaps filled by inheritance).

    A relative path is taken from ``base_dir``. A spec written as a path (``./mine``,
    ``mine/``, ``sub/mine``) names that folder first; a bare name is looked up among
    the templates first.
    """
    candidates = discover(roots)
    path = Path(spec).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if _looks_like_path(spec) and is_regular_file(path / MANIFEST):
        return inherit(read_manifest(path, "路径"), candidates)
    name = spec.rstrip("/\\")
    if name in candidates:
        return inherit(candidates[name][0], candidates)
    for infos in candidates.values():
        if infos[0].cn_name == name:
            return inherit(infos[0], candidates)
    if is_regular_file(path / MANIFEST):
        return inherit(read_manifest(path, "路径"), candidates)
    broken = broken_template(spec)
    if broken is not None:
        raise broken
    close = suggestion(spec, candidates)
    hint = f"是否想写 {close}？" if close else ""
    raise UserError(
        f"找不到模板“{spec}”。{hint}可用的模板：{usable_names(candidates)}；"
        "也可以给出模板文件夹或 .docx 的路径"
    )


def _looks_like_path(spec: str) -> bool:
    """True for a spec written as a path (a separator, or a leading ``.``/``~``), not a bare name."""
    return any(sep in spec for sep in ("/", "\\")) or spec.startswith((".", "~"))


def usable_names(candidates: dict[str, list[TemplateInfo]]) -> str:
    """``name（中文名）`` of every template a brief may use (skeletons left out), 、-joined."""
    usable = [v[0] for _, v in sorted(candidates.items()) if not v[0].skeleton]
    return (
        "、".join(f"{i.name}（{i.cn_name}）" if i.cn_name else i.name for i in usable) or "（无）"
    )


def suggestion(spec: str, candidates: dict[str, list[TemplateInfo]]) -> str | None:
    """The usable template name or Chinese name closest to a mistyped ``spec``, if any."""
    import difflib

    spellings: dict[str, str] = {}
    for name, infos in candidates.items():
        if not infos[0].skeleton:
            spellings[name] = name
            if infos[0].cn_name:
                spellings[infos[0].cn_name] = f"{infos[0].cn_name}（{name}）"
    close = difflib.get_close_matches(spec.strip().lower(), list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


class FolderLoader(BaseLoader):
    """Jinja loader for ``NAME/file`` names, confined to each template's folder."""

    def __init__(self, roots: list[tuple[Path, str]], extra: TemplateInfo | None = None) -> None:
        self.roots = roots
        self._extra = extra
        self._index: dict[str, list[TemplateInfo]] | None = None

    def candidates(self) -> dict[str, list[TemplateInfo]]:
        """Every template name with its candidates, the winning one first (cached)."""
        if self._index is None:
            self._index = discover(self.roots)
            if self._extra is not None:
                self._index.setdefault(self._extra.name, []).insert(0, self._extra)
        return self._index

    def info_for(self, name: str) -> TemplateInfo:
        """Return the template called ``name`` (``builtin:`` forces the built-in one)."""
        builtin = name.startswith(BUILTIN_PREFIX)
        name = name.removeprefix(BUILTIN_PREFIX)
        infos = self.candidates().get(name, [])
        if builtin:
            infos = [i for i in infos if i.origin == ORIGIN_BUILTIN]
        if not infos:
            raise TemplateNotFound(name)
        return infos[0]

    def folder_for(self, name: str) -> Path:
        """Return the folder of template ``name`` (``builtin:`` forces the built-in one)."""
        return self.info_for(name).folder

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Load ``NAME/file``, refusing paths that leave the template's folder."""
        head, _, rest = template.partition("/")
        if not rest:
            raise TemplateNotFound(template)
        try:
            info = self.info_for(head)
        except TemplateNotFound:
            raise TemplateNotFound(template) from None
        folder = info.folder.resolve()
        target = confined_path(folder, rest, template)
        if not target.exists():
            raise TemplateNotFound(template)
        source = read_user_text(target, shown=str(target), noun="模板文件")
        source = self._link_parent(info, rest, source)
        mtime = target.stat().st_mtime
        return source, str(target), lambda: target.exists() and target.stat().st_mtime == mtime

    def _link_parent(self, info: TemplateInfo, file: str, source: str) -> str:
        """Let an entry template extend its manifest's parent without naming it.

        An entry file without ``{% extends %}`` whose manifest has ``extends:`` gets
        ``{% extends "<parent entry>" %}`` put in front (on the same line, so line
        numbers stay right). An ``{% extends "NAME/..." %}`` naming the template's
        own name points at the template it shadows.
        """
        if not info.extends or file != info.entry:
            return source
        parent = parent_of(info, self.candidates())
        if parent is None:
            return source
        prefix = (
            BUILTIN_PREFIX if parent.origin == ORIGIN_BUILTIN and parent.name == info.name else ""
        )
        if info.origin != ORIGIN_BUILTIN and parent.name == info.name:
            source = re.sub(
                r"(\{%-?\s*extends\s*[\"'])" + re.escape(info.name) + "/",
                lambda m: m.group(1) + BUILTIN_PREFIX + info.name + "/",
                source,
            )
        if _EXTENDS.search(source):
            return source
        return f'{{% extends "{prefix}{parent.name}/{parent.entry}" %}}' + source


def confined_path(folder: Path, relative: str, shown: str) -> Path:
    """Resolve ``relative`` inside ``folder``; raise when it (or a symlink) leads outside."""
    if "\x00" in relative or Path(relative).is_absolute() or relative.startswith(("/", "\\")):
        raise UserError(f"模板路径“{shown}”无效：模板只能引用自己文件夹里的文件")
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder):
        raise UserError(
            f"模板路径“{shown}”指向模板文件夹之外（{target}），已拒绝：模板只能引用自己文件夹里的文件"
        )
    return target


def template_chain(
    info: TemplateInfo, candidates: dict[str, list[TemplateInfo]]
) -> list[TemplateInfo]:
    """``info`` and the templates it extends, the child first."""
    chain: list[TemplateInfo] = []
    current: TemplateInfo | None = info
    while current is not None and not any(_same(current.folder, c.folder) for c in chain):
        chain.append(current)
        current = parent_of(current, candidates)
    return chain


def outline_spec(chain: list[TemplateInfo]) -> dict[str, Any]:
    """The outline keys of the nearest manifest in ``chain`` that declares ``parts``."""
    keys = ("parts", "outline", "sections", "items", "length", "needs", "weights")
    for info in chain:
        if info.manifest.get("parts"):
            return {k: info.manifest.get(k) for k in keys}
    return {}


def load_phrases(info: TemplateInfo, loader: FolderLoader) -> dict[str, list[str]]:
    """Load the phrase banks of a template and its ancestors (the child's entries win)."""
    chain = template_chain(info, loader.candidates())
    bank: dict[str, list[str]] = {}
    for tpl in reversed(chain):
        path = tpl.folder / PHRASES
        if not path.exists():
            continue
        confined_path(tpl.folder.resolve(), PHRASES, str(path))
        data = parse_brief_text(
            read_user_text(path, shown=str(path), noun="措辞库"), str(path)
        ).data
        for key, alternatives in data.items():
            if isinstance(alternatives, str):
                alternatives = [alternatives]
            if not isinstance(alternatives, list) or not all(
                isinstance(a, str) for a in alternatives
            ):
                raise UserError(f"{path}: 措辞库“{key}”应是一组文字（每项以“- ”开头）")
            bank[key] = alternatives
    return bank
