"""Write-behind for batches: one thread writes and syncs each draft while the next renders.

``safe_write`` makes every draft durable (temp file, fsync, rename, fsync of the
folder); on a busy disk those syncs, not the rendering, set the pace of a batch. Here
the syncs of brief *n* overlap the rendering of brief *n + 1*, and nothing about a
draft's safety changes: the same ``safe_write`` runs, one file at a time, and a brief
is reported written (or failed, with its exit code) only after its write returned.
All changes to the results happen in the calling thread, in :meth:`WriteBehind.finish`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EXIT_INTERNAL, SpeechgenError


@dataclass
class _Pending:
    """A submitted write: whose result it belongs to and where its messages go."""

    result: Any  # a JobResult
    target: Path
    message_index: int  # the result's messages from here on follow the write
    future: Any


class WriteBehind:
    """Runs writes in one background thread; :meth:`finish` waits and records their outcome."""

    def __init__(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speechgen-write")
        self._pending: list[_Pending] = []

    def submit(self, result: Any, target: Path, write: Callable[[], Path | None]) -> None:
        """Start ``write`` (returns the backup's path or None) for ``result``'s ``target``."""
        future = self._pool.submit(write)
        self._pending.append(_Pending(result, target, len(result.messages), future))

    def finish(self) -> None:
        """Wait for every write; mark each result written, or failed with its error."""
        try:
            for item in self._pending:
                _record(item)
        finally:
            self._pending.clear()
            self._pool.shutdown(wait=True)


def _record(item: _Pending) -> None:
    """Apply one finished write to its result (in the calling thread)."""
    result = item.result
    try:
        backup = item.future.result()
    except (
        SpeechgenError
    ) as exc:  # refused (exit 3) or unwritable (exit 2): as without write-behind
        del result.messages[item.message_index :]
        result.exit_code = max(result.exit_code, exc.exit_code)
        result.messages.append(exc.message)
        return
    except Exception as exc:  # noqa: BLE001 - one brief's failure must not stop the batch
        del result.messages[item.message_index :]
        result.exit_code = EXIT_INTERNAL
        result.messages.append(f"{item.target}: speechgen 内部错误：{type(exc).__name__}: {exc}")
        return
    result.written.insert(0, item.target)
    if backup is not None:
        result.messages.insert(item.message_index, f"{item.target}: 原文件已备份为 {backup.name}")
