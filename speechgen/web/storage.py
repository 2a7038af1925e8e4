"""The workspace folder: its briefs, their versions, the save history and conflict detection.

The folder stays the single source of truth: the command line and the browser read
and write the same files. A brief's *version* is a hash of its text; a save names the
version it started from, and when the file has changed since (another writer saved,
or someone edited it in an editor) the save is refused and the other version shown.
Every save, and every refused save, is kept in the history, so no text is ever lost.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from . import engine, yamldoc
from .db import Database
from .quarter import copy_rules
from .security import BRIEF_SUFFIXES, contained

MAX_BRIEF_BYTES = 1_000_000
FILE_USER = "（文件）"


def version_of(text: str) -> str:
    """The version of a brief: a short hash of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class BriefFile:
    """A brief's text as it is on disk now."""

    name: str
    path: Path
    text: str

    @property
    def version(self) -> str:
        """The hash the next save must name."""
        return version_of(self.text)


@dataclass(frozen=True)
class Summary:
    """One line of the meetings list."""

    name: str
    meeting: str
    date: str
    template: str
    draft: bool
    modified: str
    problem: str = ""


@dataclass(frozen=True)
class Entry:
    """One saved version in a brief's history."""

    id: int
    brief: str
    saved_at: str
    user: str
    note: str
    text: str


class Conflict(Exception):
    """The brief changed since the writer opened it; ``theirs`` is the version on disk now."""

    def __init__(self, theirs: BriefFile, saved_by: str, kept_as: int) -> None:
        super().__init__("conflict")
        self.theirs = theirs
        self.saved_by = saved_by
        self.kept_as = kept_as


def _now() -> str:
    return _dt.datetime.now().isoformat(sep=" ", timespec="seconds")


class Workspace:
    """The briefs of one folder and their history."""

    def __init__(self, root: Path, db: Database) -> None:
        self.root = root.resolve()
        self.db = db
        self._locks: dict[str, threading.RLock] = {}
        self._guard = threading.Lock()

    @contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """Hold the lock of brief ``name`` (saves to one brief happen one at a time)."""
        with self._guard:
            lock = self._locks.setdefault(name, threading.RLock())
        with lock:
            yield

    def path(self, name: str) -> Path:
        """The brief's path; refuses names that leave the folder."""
        return contained(self.root, name)

    def read(self, name: str) -> BriefFile:
        """The brief's current text (UTF-8)."""
        path = self.path(name)
        try:
            if path.stat().st_size > MAX_BRIEF_BYTES:
                raise UserError(f"{name}: 简报文件太大（超过 1 MB），无法在表单里打开")
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise UserError(f"找不到简报“{name}”") from None
        except UnicodeDecodeError:
            raise UserError(f"{name}: 不是 UTF-8 编码的文件，请在编辑器里另存为 UTF-8") from None
        except OSError as exc:
            raise UserError(f"{name}: 无法读取（{exc.strerror}）") from None
        return BriefFile(name, path, text.replace("\r\n", "\n"))

    def names(self) -> list[str]:
        """The brief files directly in the folder, sorted by name."""
        found = []
        for entry in sorted(self.root.iterdir(), key=lambda p: p.name):
            brief = entry.suffix.lower() in BRIEF_SUFFIXES and not entry.name.startswith(".")
            if brief and entry.is_file() and entry.name != engine.SCHEMA_FILE:
                found.append(entry.name)
        return found

    def summaries(self) -> list[Summary]:
        """One :class:`Summary` per brief, newest first."""
        out = []
        for name in self.names():
            path = self.root / name
            stamp = _dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            draft = path.with_suffix(".docx").exists()
            try:
                data = yamldoc.to_plain(yamldoc.load(self.read(name).text))
            except UserError as exc:
                out.append(Summary(name, "", "", "", draft, stamp, exc.message.split("\n")[0]))
                continue
            meeting = data.get("meeting") if isinstance(data.get("meeting"), dict) else {}
            out.append(Summary(name, str(meeting.get("name") or ""), str(meeting.get("date") or ""),
                               str(data.get("template") or "situation"), draft, stamp))  # fmt: skip
        return sorted(out, key=lambda s: s.modified, reverse=True)

    def _write(self, name: str, text: str, user: str, note: str) -> BriefFile:
        """Write the brief and record the save; the caller holds the brief's lock.

        A file that had Windows line ends or a byte-order mark keeps them.
        """
        path = self.path(name)
        try:
            head = path.read_bytes()
        except OSError:
            head = b""
        on_disk = text.replace("\n", "\r\n") if b"\r\n" in head else text
        engine.write_text(path, ("\ufeff" if head.startswith(b"\xef\xbb\xbf") else "") + on_disk)
        self.record(name, text, user, note)
        return BriefFile(name, self.path(name), text)

    def create(self, name: str, text: str, user: str, note: str) -> BriefFile:
        """Write a new brief; refuse a name that is already taken."""
        with self.lock(name):
            if self.path(name).exists():
                raise UserError(f"“{name}”已经存在，请换一个名字")
            return self._write(name, text, user, note)

    def copy(self, source: str, name: str, user: str) -> BriefFile:
        """Copy ``source`` to ``name`` with the quarter rules (see :mod:`.quarter`)."""
        doc = yamldoc.load(self.read(source).text)
        copy_rules(doc, lambda text: engine.parse_date(text) is not None)
        return self.create(name, yamldoc.dump(doc), user, f"复制自 {source}")

    def rename(self, source: str, name: str, user: str) -> None:
        """Rename a brief; its history goes with it."""
        old, new = self.path(source), self.path(name)
        with self.lock(source), self.lock(name):
            if not old.exists():
                raise UserError(f"找不到简报“{source}”")
            if new.exists():
                raise UserError(f"“{name}”已经存在，请换一个名字")
            try:
                os.rename(old, new)
            except OSError as exc:
                raise UserError(f"无法改名（{exc.strerror}）") from None
            with self.db.connect() as con:
                con.execute("UPDATE history SET brief = ? WHERE brief = ?", (name, source))
            self.record(name, self.read(name).text, user, f"由 {source} 改名")

    def save(self, name: str, base: str, user: str, make: Callable[[str], str],
             note: str = "保存") -> BriefFile:  # fmt: skip
        """Save the text ``make(current text)`` returns, if the brief is still at version ``base``.

        A changed brief raises :class:`Conflict` after keeping the refused text in the
        history. ``make`` may raise to refuse the save (an invalid brief).
        """
        with self.lock(name):
            current = self.read(name)
            if current.version != base:
                try:
                    refused = make(current.text)
                except UserError:
                    refused = ""
                kept = (
                    self.record(name, refused, user, "未保存：保存时简报已被他人改动（冲突）")
                    if refused
                    else 0
                )
                raise Conflict(current, self.last_saver(name, current.text), kept)
            text = make(current.text)
            if text == current.text:
                return current
            self._baseline(current)
            return self._write(name, text, user, note)

    def restore(self, name: str, entry_id: int, user: str) -> BriefFile:
        """Make an earlier version the current one (recorded as a new save)."""
        entry = self.entry(name, entry_id)
        with self.lock(name):
            current = self.read(name)
            self._baseline(current)
            return self._write(name, entry.text, user, f"恢复到 #{entry.id}（{entry.saved_at}）")

    def _baseline(self, current: BriefFile) -> None:
        """Keep the text on disk in the history when it is not the last recorded version."""
        latest = self.entries(current.name, limit=1)
        if not latest or latest[0].text != current.text:
            self.record(
                current.name, current.text, FILE_USER, "保存前的文件内容（编辑器或命令行的改动）"
            )

    def record(self, name: str, text: str, user: str, note: str) -> int:
        """Add a history entry; return its id."""
        with self.db.connect() as con:
            cur = con.execute(
                "INSERT INTO history (brief, saved_at, user, note, text) VALUES (?, ?, ?, ?, ?)",
                (name, _now(), user, note, text),
            )
            return int(cur.lastrowid or 0)

    def entries(self, name: str, limit: int = 500) -> list[Entry]:
        """The brief's history, newest first."""
        with self.db.connect() as con:
            rows = con.execute(
                "SELECT id, brief, saved_at, user, note, text FROM history WHERE brief = ? "
                "ORDER BY id DESC LIMIT ?",
                (name, limit),
            ).fetchall()
        return [Entry(*row) for row in rows]

    def entry(self, name: str, entry_id: int) -> Entry:
        """One history entry of brief ``name``."""
        with self.db.connect() as con:
            row = con.execute(
                "SELECT id, brief, saved_at, user, note, text FROM history WHERE brief = ? AND id = ?",
                (name, entry_id),
            ).fetchone()
        if row is None:
            raise UserError(f"“{name}”的历史里没有 #{entry_id}")
        return Entry(*row)

    def last_saver(self, name: str, text: str) -> str:
        """Who saved ``text`` last (``（文件）`` when it was not saved from the workspace)."""
        for entry in self.entries(name, limit=50):
            if entry.text == text and not entry.note.startswith("未保存"):
                return entry.user
        return FILE_USER
