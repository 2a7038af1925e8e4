"""Write outputs without ever losing a person's work.

* Files are written atomically: a temp file in the same folder, fsync, ``os.replace``;
  on any failure the temp file is removed and the old file is untouched. A temp file
  is named ``.speechgen-<pid>-<random>.tmp``; one left by a render that was killed
  (its process is gone, or it is older than :data:`STALE_SECONDS`) is removed by the
  next write in that folder.
* A .docx that speechgen wrote carries a hash of its content parts; the caller passes a
  ``state`` inspector (the docx layer's) that reads it. If the file on disk no longer
  matches its hash (a person edited it) or has no hash (speechgen did not write it),
  overwriting is refused (exit 3) unless ``force``; with ``force`` the old file is
  kept beside it as ``<stem>.bak-YYYYMMDD-HHMMSS<suffix>``.
* The output may never be the brief or the template, even with ``force``.

speechgen's own files (compiled templates, the note that a hint was shown) live in
the per-user cache folder of :func:`user_cache_dir`.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import ProtectedOutput, UserError

DraftState = Callable[[Path], str]
"""Tells what an existing output file is: ``"untouched"`` (speechgen wrote it and nobody
changed it since), ``"edited"`` (speechgen wrote it, a person changed it), ``"people"`` (an
``update`` or ``check --annotate`` result, holding people's text) or ``"foreign"``.
The docx layer provides one for .docx drafts (:func:`speechgen.docx.fingerprint.draft_state`)."""


def _is_regular(path: Path) -> bool:
    """True for a regular file (never opens it: a FIFO would block)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(
    target: Path,
    *,
    protected: list[Path],
    force: bool,
    kind: str = "docx",
    state: DraftState | None = None,
) -> None:
    """Raise unless ``target`` may be (over)written; see the module docstring.

    ``state`` inspects an existing file of a kind that records its fingerprint (.docx);
    without it an existing file is overwritten only with ``force``.
    """
    for p in protected:
        if _same_file(target, p) or target.resolve() == p.resolve():
            raise ProtectedOutput(
                f"{target}: 输出文件不能是简报或模板本身（{p}），即使加 --force 也不行；请用 -o 换一个文件名"
            )
    if target.is_dir():
        raise UserError(
            f"{target}: 这是一个文件夹，不能当作输出文件；要输出到文件夹里请在路径末尾加 /"
        )
    if not target.exists():
        return
    if not _is_regular(target):
        raise UserError(
            f"{target}: 这不是普通文件（可能是管道或设备），不能当作输出文件；请用 -o 换一个文件名"
        )
    if state is not None:
        found = state(target)
        if found == "untouched":
            return
        if not force:
            why = {
                "edited": "在 speechgen 生成之后被修改过",
                "people": "含有人工修改的内容（speechgen update 或 check --annotate 的结果）",
            }.get(found, "不是 speechgen 生成的文件")
            raise ProtectedOutput(
                f"{target}: 这份文件{why}，为保护其中的内容没有覆盖。"
                f"请用 -o 另存为新文件，或加 --force 覆盖（旧文件会先备份为 {backup_name(target).name}）"
            )
    elif not force:
        raise ProtectedOutput(f"{target}: 文件已存在，没有覆盖；加 --force 覆盖（旧文件会先备份）")


def backup_name(target: Path, now: _dt.datetime | None = None) -> Path:
    """``draft.docx`` → ``draft.bak-20260510-143000.docx`` (numbered if that exists)."""
    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.stem}.bak-{stamp}{target.suffix}")
    n = 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.bak-{stamp}-{n}{target.suffix}")
        n += 1
    return candidate


def _file_mode(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual ones (umask applied)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(target: Path, data: bytes, *, backup: bool = False) -> Path | None:
    """Write ``data`` to ``target`` atomically; with ``backup`` keep the old file. Return the backup path."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{folder}: 无法创建输出文件夹（{exc.strerror}）") from None
    lock = folder / ("~$" + target.name[2:])
    if target.exists() and lock.exists():
        raise UserError(
            f"{target}: 文件正在 Word/WPS 中打开，请先关闭它再运行（或用 -o 另存为新文件）"
        )
    saved: Path | None = None
    remove_stale_temp_files(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise UserError(f"{folder}: 无法在输出文件夹里写文件（{exc.strerror}）") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _pause_for_tests()
        os.chmod(tmp, _file_mode(target))
        if backup and target.exists():
            saved = backup_name(target)
            os.replace(target, saved)
        os.replace(tmp, target)
        _sync_folder(folder)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        if saved is not None and not target.exists():
            os.replace(saved, target)
        raise UserError(
            f"{target}: 没有写入权限，或文件正被 Word/WPS 打开；请关闭文件或换一个输出位置"
        ) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if saved is not None and not target.exists():
            os.replace(saved, target)
        raise UserError(f"{target}: 写入失败（{exc.strerror}），原文件没有改动") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return saved


TEMP_PREFIX = ".speechgen-"
STALE_SECONDS = 10 * 60
_TEMP_NAME = re.compile(r"^\.speechgen-(?:(\d+)-)?[A-Za-z0-9_]+\.tmp$")
PAUSE_ENV = "SPEECHGEN_TEST_PAUSE_BEFORE_RENAME"


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove temp files of speechgen's own naming that no running write will finish.

    A file is stale when the process in its name no longer runs (POSIX), or when it
    is older than :data:`STALE_SECONDS` (everywhere; also files named before the pid
    was part of the name). Anything else in the folder is never touched. Returns
    what was removed; errors (a file another process just removed) are ignored.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        found = _TEMP_NAME.match(entry.name)
        if found is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        pid = int(found.group(1)) if found.group(1) else None
        if old or (pid is not None and not _process_runs(pid)):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _process_runs(pid: int) -> bool:
    """True when process ``pid`` runs (or cannot be told: never on Windows, where only age counts)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # os.kill would terminate it there; the age rule applies instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def _pause_for_tests() -> None:
    """Tests only: wait before the rename (``SPEECHGEN_TEST_PAUSE_BEFORE_RENAME`` seconds),
    so a test can kill a render while its temp file exists."""
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        time.sleep(float(pause))


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a replaced file to disk (POSIX; a no-op where unsupported)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def safe_write(
    target: Path,
    data: bytes,
    *,
    protected: list[Path],
    force: bool,
    kind: str = "docx",
    state: DraftState | None = None,
) -> Path | None:
    """Check ``target`` then write atomically, backing up an edited file when forced."""
    check_target(target, protected=protected, force=force, kind=kind, state=state)
    needs_backup = target.exists() and (state is None or state(target) != "untouched")
    return atomic_write(target, data, backup=needs_backup)


def user_cache_dir() -> Path:
    """speechgen's per-user cache folder (not created here).

    ``SPEECHGEN_CACHE_DIR`` when set; else ``%LOCALAPPDATA%\\speechgen`` on Windows,
    ``~/Library/Caches/speechgen`` on macOS and ``$XDG_CACHE_HOME/speechgen`` (by
    default ``~/.cache/speechgen``) elsewhere, as platformdirs places them.
    """
    import sys

    own = os.environ.get("SPEECHGEN_CACHE_DIR")
    if own:
        return Path(own)
    if os.name == "nt":
        return (
            Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "speechgen"
        )
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "speechgen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "speechgen"
