"""The workspace database: one SQLite file inside the workspace folder (accounts, save history)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UserError

DB_DIR = ".speechgen"
DB_NAME = "workspace.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    params TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brief TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    user TEXT NOT NULL,
    note TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_brief ON history (brief, id);
"""


class Database:
    """One connection to the workspace's SQLite file, shared by the server's threads in turn."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DB_DIR / DB_NAME
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(exist_ok=True)
            self._con = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent
            self._con.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(f"{self.path}: 无法打开工作区数据库（{exc}）") from None

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """The connection, held alone; commits on success, rolls back on an error."""
        with self._lock:
            try:
                yield self._con
                self._con.commit()
            except BaseException:
                self._con.rollback()
                raise
