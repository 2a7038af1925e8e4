"""Office accounts: names with salted scrypt password hashes in the workspace database."""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import secrets
import unicodedata

from ..errors import UserError
from .db import Database

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 8
MAX_NAME = 32


def check_name(name: str) -> str:
    """Return the account name, or refuse one that is empty, too long or has odd characters."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise UserError(f"账号名应是 1–{MAX_NAME} 个字符")
    if any(unicodedata.category(ch)[0] in "CZ" for ch in name):
        raise UserError("账号名里不能有空格或控制字符")
    return name


def _hash(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=params["n"], r=params["r"], p=params["p"],
        maxmem=64 * 1024 * 1024, dklen=32,
    )  # fmt: skip


class Accounts:
    """Create accounts and check passwords."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def count(self) -> int:
        """How many accounts exist."""
        with self.db.connect() as con:
            return int(con.execute("SELECT COUNT(*) FROM users").fetchone()[0])

    def add(self, name: str, password: str) -> None:
        """Create (or reset the password of) account ``name``."""
        name = check_name(name)
        if len(password) < MIN_PASSWORD:
            raise UserError(f"密码至少要 {MIN_PASSWORD} 个字符")
        salt = secrets.token_bytes(16)
        digest = _hash(password, salt, SCRYPT)
        now = _dt.datetime.now().isoformat(timespec="seconds")
        with self.db.connect() as con:
            con.execute(
                "INSERT INTO users (name, salt, hash, params, created) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET salt=excluded.salt, hash=excluded.hash, "
                "params=excluded.params",
                (name, salt, digest, json.dumps(SCRYPT), now),
            )

    def verify(self, name: str, password: str) -> bool:
        """True when ``password`` is account ``name``'s; as slow for unknown names as for known."""
        with self.db.connect() as con:
            row = con.execute(
                "SELECT salt, hash, params FROM users WHERE name = ?", (name.strip(),)
            ).fetchone()
        if row is None:
            _hash(password, b"\0" * 16, SCRYPT)
            return False
        salt, digest, params = row
        return hmac.compare_digest(_hash(password, salt, json.loads(params)), digest)
