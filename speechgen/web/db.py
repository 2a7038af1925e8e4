"""The workspace database: one SQLite file inside the workspace folder (accounts, save history)."""

from __future__ import annotations

import sqlite3
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
    """Short-lived connections to the workspace's SQLite file (safe across threads)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DB_DIR / DB_NAME
        try:
            self.path.parent.mkdir(exist_ok=True)
            with self.connect() as con:
                con.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(f"{self.path}: 无法打开工作区数据库（{exc}）") from None

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection that commits on success and is always closed."""
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            yield con
            con.commit()
        finally:
            con.close()
