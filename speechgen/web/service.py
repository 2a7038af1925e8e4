"""What the workspace does, without HTTP: open, preview, save, create, copy, rename, restore, draft.

Every method takes and returns plain data; :mod:`speechgen.web.app` turns requests into
calls and results into pages or JSON. Rendering goes through the public facade, so
templates stay sandboxed exactly as in the command line.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from ..errors import SpeechgenError, UserError
from ..facade import render_brief, render_brief_text
from . import engine, form, preview, validation, yamldoc
from .db import Database
from .security import BRIEF_SUFFIXES, brief_file_name, contained
from .storage import BriefFile, Conflict, Workspace, version_of
from .validation import FieldProblem

DRAFT_SUFFIXES = (".docx", ".pdf")


class Invalid(UserError):
    """The brief has errors (not just fields left to fill); it was not saved."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("简报有错误，没有保存：请按各字段旁的提示修改")
        self.problems = problems


def same_date(a: str, b: str) -> bool:
    """True when two texts name the same calendar date (2026年5月10日 and 2026-05-10)."""
    left = engine.parse_date(a)
    return left is not None and left == engine.parse_date(b)


def _nulls(data: Any) -> Any:
    """Plain data with blanks as YAML nulls (as an empty ``key:`` reads)."""
    if isinstance(data, dict):
        return {k: _nulls(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_nulls(v) for v in data]
    return None if data == "" else data


def problem_list(problems: list[FieldProblem], shape: Any, data: Any) -> list[dict[str, Any]]:
    """Field problems as plain data for the page, at the paths the form uses."""
    return [{"path": validation.for_form(p.path, shape, data), "message": p.message, "todo": p.todo}
            for p in problems]  # fmt: skip


def todo_list(data: Any, shape: Any, extra: Any = ()) -> list[str]:
    """Fields present but empty (left to fill in), at the paths the form uses."""
    paths = {validation.format_path(p) for p in yamldoc.empty_paths(data)} | set(extra)
    return sorted(validation.for_form(p, shape, data) for p in paths)


class Service:
    """The workspace's operations over one folder."""

    def __init__(self, root: Path, db: Database) -> None:
        self.root = root.resolve()
        self.workspace = Workspace(self.root, db)
        self._plain: dict[tuple[str, str], dict[str, Any]] = {}
        self._plain_lock = threading.Lock()
        self._docs: dict[str, tuple[str, Any]] = {}  # the last saved round-trip document
        self._checked: dict[str, list[FieldProblem]] = {}  # problems of texts just validated

    def _remember(self, name: str, text: str, doc: Any, data: dict[str, Any]) -> None:
        """Keep a just-saved document and its plain data, so the next save need not parse it."""
        version = version_of(text)
        with self._plain_lock:
            self._docs[name] = (version, doc)
            if len(self._plain) > 200:
                self._plain.clear()
            self._plain[(name, version)] = data

    def _document(self, name: str, current: str) -> Any:
        """The round-trip document of ``current`` (reused when this server saved it last)."""
        with self._plain_lock:
            cached = self._docs.pop(name, None)
        if cached is not None and cached[0] == version_of(current):
            return cached[1]
        return yamldoc.load(current)

    # -- reading -------------------------------------------------------------------------
    def plain(self, brief: BriefFile) -> dict[str, Any]:
        """The brief as plain data (cached by version)."""
        key = (brief.name, brief.version)
        with self._plain_lock:
            cached = self._plain.get(key)
        if cached is None:
            cached = yamldoc.to_plain(yamldoc.load(brief.text))
            with self._plain_lock:
                if len(self._plain) > 200:
                    self._plain.clear()
                self._plain[key] = cached
        return cached

    def template_of(self, data: dict[str, Any]) -> engine.TemplateForm | None:
        """The manifest of the brief's template (None for a Word template or an unknown name)."""
        return engine.template_form(str(data.get("template") or "situation"), self.root)

    def shape_for(self, data: dict[str, Any], value: dict[str, Any] | None = None) -> Any:
        """The form's shape for a brief (the template the form names wins over the file's)."""
        chosen = (value or {}).get("template")
        spec = chosen if isinstance(chosen, str) and chosen.strip() else data.get("template")
        return form.full_shape(self.template_of({"template": spec}))

    def editor(self, name: str) -> dict[str, Any]:
        """What the editor page shows when it opens."""
        brief = self.workspace.read(name)
        data = self.plain(brief)
        template = self.template_of(data)
        todo = todo_list(data, self.shape_for(data))
        return {
            "name": name,
            "version": brief.version,
            "form": form.render_form(data, template, todo),
            "template": template.label if template else str(data.get("template") or ""),
            "pdf": engine.pdf_available(),
        }

    def options_form(self, template: str, name: str) -> str:
        """The options field for another template (the page swaps it in)."""
        data = self.plain(self.workspace.read(name))
        return form.render_options(data, engine.template_form(template, self.root))

    # -- preview and save ----------------------------------------------------------------
    def preview(self, name: str, value: dict[str, Any]) -> dict[str, Any]:
        """Render the form's input in memory: the page, findings, length and field problems."""
        brief = self.workspace.read(name)
        base = self.plain(brief)
        shape = self.shape_for(base, value)
        data = yamldoc.merge_plain(base, value, shape, same_date)
        todo = todo_list(data, shape)
        text = json.dumps(_nulls(data), ensure_ascii=False)
        try:
            rendered = render_brief_text(text, path=brief.path, cwd=self.root)
        except SpeechgenError as exc:
            problems = validation.problems_of(exc, data)
            return {"ok": False, "problems": problem_list(problems, shape, data), "todo": todo}
        return {"ok": True, "problems": [], "todo": todo, **preview.build(rendered)}

    def _make(self, name: str, value: dict[str, Any]) -> Any:
        """The function that turns the file's text into the text to save (or refuses)."""

        def make(current: str) -> str:
            doc = self._document(name, current)
            shape = self.shape_for(yamldoc.to_plain(doc), value)
            yamldoc.merge_document(doc, value, shape, same_date)
            text = yamldoc.dump(doc)
            data = yamldoc.to_plain(doc)
            problems = validation.check_text(text, data, name)
            if any(not p.todo for p in problems):
                raise Invalid(problem_list(problems, shape, data))
            self._remember(name, text, doc, data)
            self._checked[text] = problems
            return text

        return make

    def save(self, name: str, value: dict[str, Any], base: str, user: str) -> dict[str, Any]:
        """Save the form; a conflict or errors come back as data, with nothing lost."""
        try:
            saved = self.workspace.save(name, base, user, self._make(name, value))
        except Invalid as exc:
            return {"ok": False, "problems": exc.problems}
        except Conflict as exc:
            return {
                "ok": False,
                "conflict": True,
                "theirs": exc.theirs.text,
                "theirs_version": exc.theirs.version,
                "saved_by": exc.saved_by,
                "kept_as": exc.kept_as,
            }
        data = self.plain(saved)
        shape = self.shape_for(data)
        problems = self._checked.pop(saved.text, None)
        if problems is None:
            problems = validation.check_text(saved.text, data, name)
        self._checked.clear()
        return {
            "ok": True,
            "version": saved.version,
            "todo": todo_list(data, shape, [p.path for p in problems if p.todo]),
            "problems": problem_list(problems, shape, data),
        }

    # -- the meetings list ---------------------------------------------------------------
    def new(self, name: str, template: str, user: str) -> str:
        """Write a new commented brief from ``template``; return its file name."""
        file = brief_file_name(name)
        self.workspace.path(file)
        text = engine.new_brief_text(template, self.root)
        self.workspace.create(file, text, user, f"新建（模板：{template}）")
        return file

    def copy(self, source: str, name: str, user: str) -> str:
        """Copy a brief for the next meeting (quarter rules); return the new file name."""
        file = brief_file_name(name)
        self.workspace.copy(source, file, user)
        return file

    def rename(self, source: str, name: str, user: str) -> str:
        """Rename a brief; return the new file name."""
        file = brief_file_name(name)
        self.workspace.rename(source, file, user)
        return file

    def restore(self, name: str, entry_id: int, user: str) -> BriefFile:
        """Make an earlier version current."""
        return self.workspace.restore(name, entry_id, user)

    # -- drafts --------------------------------------------------------------------------
    def draft(
        self, name: str, *, mode: str = "", new_name: str = "", pdf: bool = False
    ) -> dict[str, Any]:
        """Write the .docx beside the saved brief, as ``render`` does; edited drafts are kept.

        ``mode`` ``backup`` overwrites an edited draft after keeping a backup; ``rename``
        writes ``new_name`` instead. A refusal comes back with the choices to offer.
        """
        path = self.workspace.path(name)
        if mode == "rename":
            target = contained(
                self.root,
                new_name if new_name.lower().endswith(".docx") else new_name + ".docx",
                (".docx",),
            )
        else:
            target = path.with_suffix(".docx")
        rendered = render_brief(path, cwd=self.root)
        try:
            backup = engine.write_draft(rendered, target, force=mode == "backup")
        except SpeechgenError as exc:
            if exc.exit_code != 3:
                raise
            return {"ok": False, "protected": True, "message": exc.message,
                    "suggested": f"{target.stem}-新.docx"}  # fmt: skip
        result: dict[str, Any] = {"ok": True, "file": target.name,
                                  "backup": backup.name if backup else ""}  # fmt: skip
        if pdf:
            result["pdf"] = engine.write_pdf(target).name
        return result

    def draft_file(self, name: str) -> Path:
        """A .docx or .pdf in the workspace folder, for download."""
        path = contained(self.root, name, DRAFT_SUFFIXES)
        if not path.is_file():
            raise UserError(f"找不到文件“{name}”")
        return path


__all__ = ["BRIEF_SUFFIXES", "Invalid", "Service"]
