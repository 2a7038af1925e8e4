"""``speechgen templates``: list, show and lint templates.

Linting reads a template's Jinja syntax tree: names that are not in the context
(``meeting``, ``ranking``, ``strengths``, ``weaknesses``, ``measures``, ``counts``,
``options``, ``seed``), attributes those objects do not have, undeclared options,
unknown filters, broken tags, missing parents and blocks that override nothing. Each
finding names the file and line, or for a Word template the paragraph it sits in.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateNotFound, TemplateSyntaxError, nodes
from jinja2 import meta as jinja_meta

from ..brief.files import read_user_text
from ..errors import UserError
from ..speech.context import SpeechContext
from .registry import (
    MANIFEST,
    PHRASES,
    FolderLoader,
    TemplateInfo,
    discover,
    parent_of,
    resolve_template,
    search_roots,
)

SEQ = "seq"
LOCAL_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs", "__phrases__"})


@dataclass(frozen=True)
class Finding:
    """One lint finding: where (file:line or a paragraph) and what."""

    where: str
    message: str


def _kind(hint: Any) -> Any:
    """Reduce a type hint to a dataclass, ``(SEQ, kind)`` for tuples of one, ``dict``, or None."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _kind(args[0]) if len(args) == 1 else None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return hint
    origin = typing.get_origin(hint)
    if origin is tuple and typing.get_args(hint):
        inner = _kind(typing.get_args(hint)[0])
        return (SEQ, inner) if inner is not None else (SEQ, None)
    if origin is dict or hint is dict:
        return dict
    return None


# Names a template sees beside the context's fields: the material functions and derived flags.
CONTEXT_EXTRAS = frozenset({"say", "fill", "heading", "mixed", "closing_hailed"})


def context_kinds() -> dict[str, Any]:
    """The kinds of the context's top-level names."""
    hints = typing.get_type_hints(SpeechContext)
    return {f.name: _kind(hints[f.name]) for f in dataclasses.fields(SpeechContext)}


def _attributes(cls: type) -> set[str]:
    """Fields, properties and public methods a template may use on a context object."""
    return {f.name for f in dataclasses.fields(cls)} | {
        n for n in dir(cls) if not n.startswith("_")
    }


@dataclass
class Checker:
    """Walk one template's syntax tree and collect findings and the fields it uses."""

    known: frozenset[str]
    options: frozenset[str] | None = None
    locate: Any = None  # callable(lineno) -> str naming where a line is
    findings: list[Finding] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def report(self, lineno: int | None, message: str) -> None:
        """Record a finding at ``lineno`` (once per place and message)."""
        finding = Finding(self.locate(lineno), message)
        if finding not in self.findings:
            self.findings.append(finding)

    def run(self, ast: nodes.Template) -> None:
        """Check names and attributes of the whole template."""
        # Names the template binds itself (set, for, macros, imports) count as known anywhere:
        # a child's top-level ``set`` is visible inside its blocks at render time.
        # A ``for`` target is bound only inside its loop, so it does not count here.
        targets = {
            id(n)
            for f in ast.find_all(nodes.For)
            for n in [f.target, *f.target.find_all(nodes.Name)]
        }
        top = {
            n.name
            for n in ast.find_all(nodes.Name)
            if n.ctx in ("store", "param") and id(n) not in targets
        }
        top |= {m.name for m in ast.find_all(nodes.Macro)}
        for imp in ast.find_all(nodes.Import):
            top.add(typing.cast(nodes.Import, imp).target)
        for frm in ast.find_all(nodes.FromImport):
            top |= {
                n if isinstance(n, str) else n[1] for n in typing.cast(nodes.FromImport, frm).names
            }
        unknown = jinja_meta.find_undeclared_variables(ast) - self.known - top - LOCAL_NAMES
        seen: set[tuple[int, str]] = set()
        in_scope = _loop_bound_loads(ast)
        for name in ast.find_all(nodes.Name):
            if id(name) in in_scope:
                continue
            if name.ctx == "load" and name.name in unknown and (name.lineno, name.name) not in seen:
                seen.add((name.lineno, name.name))
                self.report(
                    name.lineno,
                    f"未知变量“{name.name}”：上下文里只有 {'、'.join(sorted(context_kinds()))}",
                )
        self.visit(ast, {})

    def kind_of(self, node: nodes.Node, scope: dict[str, Any]) -> tuple[Any, str]:
        """The kind of an expression and a label for it (``measures[]``, ``meeting``…)."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return context_kinds().get(node.name), node.name
        if isinstance(node, nodes.Getattr):
            base, label = self.kind_of(node.node, scope)
            if isinstance(base, type) and dataclasses.is_dataclass(base):
                hint = typing.get_type_hints(base).get(node.attr)
                return _kind(hint), f"{label}.{node.attr}"
            return None, f"{label}.{node.attr}"
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, int)
        ):
            base, label = self.kind_of(node.node, scope)
            if isinstance(base, tuple) and base[0] == SEQ:
                return base[1], f"{label}[]"
        if isinstance(node, nodes.CondExpr):
            return self.kind_of(node.expr1, scope)
        return None, ""

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        """Visit ``node``: bind loop and ``set`` variables, check attribute access."""
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            inner = dict(scope)
            kind, label = self.kind_of(node.iter, scope)
            for name in node.target.find_all(nodes.Name):
                inner[name.name] = (None, name.name)
            if isinstance(node.target, nodes.Name) and isinstance(kind, tuple) and kind[0] == SEQ:
                inner[node.target.name] = (kind[1], f"{label}[]")
            for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Assign):
            self.visit(node.node, scope)
            if isinstance(node.target, nodes.Name):
                scope[node.target.name] = self.kind_of(node.node, scope)
            return
        if isinstance(node, nodes.Macro):
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = (None, arg.name)
            for child in [*node.defaults, *node.body]:
                self.visit(child, inner)
            return
        if isinstance(node, nodes.Getattr):
            self.check_attr(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def check_attr(self, node: nodes.Getattr, scope: dict[str, Any]) -> None:
        """Report an attribute the object does not have; record the field used."""
        base, label = self.kind_of(node.node, scope)
        if isinstance(base, type) and dataclasses.is_dataclass(base):
            self.used.add(f"{label}.{node.attr}")
            allowed = _attributes(base)
            if node.attr not in allowed:
                shown = label
                if isinstance(node.node, nodes.Name) and node.node.name != label:
                    shown = f"{node.node.name}（{label.replace('[]', ' 中的一项')}）"
                fields = "、".join(f.name for f in dataclasses.fields(base))
                self.report(node.lineno, f"“{shown}”没有字段“{node.attr}”：可用的字段有 {fields}")
        elif isinstance(base, tuple) and base[0] == SEQ and node.attr not in dir(tuple):
            self.report(
                node.lineno,
                f"“{label}”是一组内容，没有“{node.attr}”：请用 {{% for x in {label} %}} 逐个取 x.{node.attr}",
            )
        elif base is dict and label == "options":
            self.used.add(f"options.{node.attr}")
            if (
                self.options is not None
                and node.attr not in self.options
                and node.attr not in dir(dict)
            ):
                declared = "、".join(sorted(self.options)) or "（无）"
                self.report(
                    node.lineno, f"选项“{node.attr}”没有在模板清单里声明：已声明的有 {declared}"
                )
        elif label in context_kinds():
            self.used.add(label)


def _loop_bound_loads(ast: nodes.Template) -> set[int]:
    """Ids of the names read inside a ``for`` that binds them (not unknown there)."""
    found: set[int] = set()
    for loop in ast.find_all(nodes.For):
        target = loop.target
        bound = {
            n.name for n in [target, *target.find_all(nodes.Name)] if isinstance(n, nodes.Name)
        }
        for child in [*loop.body, *([loop.test] if loop.test else [])]:
            for n in [child, *child.find_all(nodes.Name)]:
                if isinstance(n, nodes.Name) and n.name in bound:
                    found.add(id(n))
    return found


def check_source(
    source: str,
    env: Any,
    locate: Any,
    options: frozenset[str] | None = None,
    name: str | None = None,
) -> tuple[list[Finding], set[str], nodes.Template | None]:
    """Lint one template text; return findings, the context fields it uses and its tree."""
    from .authoring import sandbox_escapes, unclosed_message, unclosed_tag
    from .errors import chinese_syntax_message

    try:
        ast = env.parse(source, name)
        env.compile(source, name)
    except TemplateSyntaxError as exc:
        opened = unclosed_tag(env, source, exc.message or "", exc.lineno)
        if opened is not None:
            message = unclosed_message(opened, exc.lineno)
            return [Finding(locate(opened[0]), f"模板语法错误：{message}")], set(), None
        message = chinese_syntax_message(exc.message or "")
        return [Finding(locate(exc.lineno), f"模板语法错误：{message}")], set(), None
    known = frozenset(context_kinds()) | frozenset(env.globals) | CONTEXT_EXTRAS
    checker = Checker(known, options, locate)
    checker.run(ast)
    for line, message in sandbox_escapes(ast):
        checker.report(line, message)
    return checker.findings, checker.used, ast


def _blocks(ast: nodes.Template) -> set[str]:
    return {b.name for b in ast.find_all(nodes.Block)}


def lint_folder(folder: Path, template_dirs: list[Path]) -> tuple[list[Finding], set[str]]:
    """Lint every ``.j2`` file and the phrase bank of a folder template."""
    from ..brief.loader import parse_brief_text
    from .environment import make_environment

    roots = search_roots(template_dirs)
    candidates = discover(roots)
    info = resolve_template(str(folder.resolve()), roots)
    loader = FolderLoader(roots, info)
    env = make_environment(loader)
    env.globals["phrase"] = lambda key, n=0: ""
    options = frozenset(o.name for o in info.options)
    findings: list[Finding] = []
    used: set[str] = set()
    for path in sorted(folder.glob("*.j2")):
        source = read_user_text(path, shown=str(path), noun="模板文件")
        found, fields, ast = check_source(
            source, env, lambda n, p=path: f"{p}:{n}", options, path.name
        )
        findings += found
        used |= fields
        if ast is not None and path.name == info.entry:
            findings += _check_parent(info, candidates, loader, env, ast, path)
    bank = folder / PHRASES
    if bank.exists():
        loaded = parse_brief_text(read_user_text(bank, shown=str(bank), noun="措辞库"), str(bank))
        for key, alternatives in loaded.data.items():
            for i, text in enumerate(
                alternatives if isinstance(alternatives, list) else [alternatives]
            ):
                mark = loaded.positions.get((key, i)) or loaded.positions.get((key,))
                where = f"{bank}:{mark.line if mark else '?'}"
                found, fields, _ = check_source(str(text), env, lambda n, w=where: w, options)
                findings += found
                used |= fields
    findings += lint_material(folder)
    return findings, used


def lint_material(folder: Path) -> list[Finding]:
    """Material files of ``folder``: readable, and every ``when`` tag a known value."""
    from .material import lint_entries, load_library, material_files

    findings = []
    try:
        library = load_library([folder])
    except UserError as exc:
        return [Finding(str(material_files(folder)[0]) if material_files(folder) else str(folder),
                        exc.message)]  # fmt: skip
    for problem in lint_entries(library):
        where, _, message = problem.partition(": ")
        findings.append(Finding(where, message))
    return findings


def material_counts(
    info: TemplateInfo, roots: list[tuple[Path, str]]
) -> tuple[int, dict[str, int]]:
    """How many material entries ``info``'s library has, in all and by tag."""
    from .rendering import template_library

    library = template_library(info, roots)
    total = sum(len(v) for v in library.slots.values())
    return total, library.count_by_tag()


def _check_parent(
    info: TemplateInfo,
    candidates: dict[str, list[TemplateInfo]],
    loader: FolderLoader,
    env: Any,
    ast: nodes.Template,
    path: Path,
) -> list[Finding]:
    """The parent must exist, and every block the entry overrides must exist in it."""
    findings: list[Finding] = []
    extends = next(iter(ast.find_all(nodes.Extends)), None)
    names: list[str] = []
    if extends is not None and isinstance(extends.template, nodes.Const):
        names = [str(extends.template.value)]
    elif info.extends:
        try:
            parent = parent_of(info, candidates)
        except UserError as exc:
            return [Finding(f"{info.folder / MANIFEST}", exc.message.split(": ", 1)[-1])]
        if parent is not None:
            names = [f"{parent.name}/{parent.entry}"]
    parent_blocks: set[str] = set()
    while names:
        name = names.pop()
        try:
            source = loader.get_source(env, name)[0]
        except (TemplateNotFound, UserError):
            line = extends.lineno if extends is not None else 1
            return [Finding(f"{path}:{line}", f"找不到要继承的模板“{name}”")]
        try:
            tree = env.parse(source)
        except TemplateSyntaxError:
            break
        parent_blocks |= _blocks(tree)
        up = next(iter(tree.find_all(nodes.Extends)), None)
        if up is not None and isinstance(up.template, nodes.Const):
            names.append(str(up.template.value))
    if names == [] and parent_blocks:
        for block in ast.body:
            if isinstance(block, nodes.Block) and block.name not in parent_blocks:
                available = "、".join(sorted(parent_blocks))
                findings.append(
                    Finding(
                        f"{path}:{block.lineno}",
                        f"块“{block.name}”在父模板里不存在，覆盖不会生效：可覆盖的块有 {available}",
                    )
                )
    return findings


def outline(info: TemplateInfo, roots: list[tuple[Path, str]]) -> list[str]:
    """Render ``info`` against its sample brief and return the heading outline."""
    from ..brief.loader import parse_brief_text
    from ..brief.validate import validate_brief
    from ..speech import blocks as blocks_mod
    from ..speech import markup
    from .scaffold import brief_text
    from .speak import speak

    loaded = parse_brief_text(brief_text(info, info.name, "x"), f"<{info.name} 示例简报>")
    spoken = speak(validate_brief(loaded), info, roots, loaded=loaded)
    parsed = markup.parse(spoken.text, str(info.folder / info.entry))
    finished = blocks_mod.fill_counts(blocks_mod.number_headings(parsed, spoken.plan.numbering))
    lines = []
    for b in finished:
        if isinstance(b, blocks_mod.Heading):
            lines.append("  " * (b.level - 1) + b.full_text)
        elif isinstance(b, blocks_mod.Paragraph) and b.point:
            text = b.seq + (b.lead or b.text)
            lines.append("  " + (text[:30] + "…" if len(text) > 30 else text))
    return lines
