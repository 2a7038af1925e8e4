"""Signed-in sessions (kept in memory: a restart signs everyone out) and sign-in throttling."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "speechgen_session"
IDLE_SECONDS = 12 * 3600
FIRST_PAUSE = 1.0
MAX_PAUSE = 16.0


@dataclass
class Session:
    """One browser's session: who it is and its CSRF token."""

    id: str
    user: str
    csrf: str
    seen: float = field(default_factory=time.monotonic)


class Sessions:
    """The server's sessions, looked up by the cookie's random id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, Session] = {}

    def create(self, user: str) -> Session:
        """Start a session for ``user``."""
        session = Session(secrets.token_urlsafe(32), user, secrets.token_urlsafe(32))
        with self._lock:
            self._by_id[session.id] = session
        return session

    def get(self, sid: str | None) -> Session | None:
        """The live session with id ``sid``, or None (unknown or idle too long)."""
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            session = self._by_id.get(sid)
            if session is None:
                return None
            if now - session.seen > IDLE_SECONDS:
                del self._by_id[sid]
                return None
            session.seen = now
            return session

    def drop(self, sid: str | None) -> None:
        """End a session (sign out)."""
        with self._lock:
            self._by_id.pop(sid or "", None)


class Throttle:
    """Failed sign-ins per account name and per address: each failure doubles the pause."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}

    def pause_after_failure(self, *keys: str) -> float:
        """Record a failure for ``keys``; return the pause (seconds) before answering."""
        with self._lock:
            worst = 0
            for key in keys:
                self._failures[key] = self._failures.get(key, 0) + 1
                worst = max(worst, self._failures[key])
        return min(FIRST_PAUSE * 2 ** (worst - 1), MAX_PAUSE)

    def succeeded(self, *keys: str) -> None:
        """Forget the failures of ``keys`` after a good sign-in."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
