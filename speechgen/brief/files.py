"""Read a file the writer names (a brief, a check file, a shell, a template, a config), one way.

Every file speechgen reads on a writer's behalf comes through :func:`read_user_file`,
so one set of refusals holds for all of them (exit 2, one Chinese line each):

* a missing path, a folder;
* anything that is not a regular file (a FIFO, a device such as ``/dev/zero``, a
  socket): refused from ``stat`` before it is opened, and again from ``fstat`` after
  opening without blocking (``O_NONBLOCK``), so a FIFO swapped in between can never
  hang the read;
* a file over the caller's size limit: refused from its size, and again while
  reading, so a file that grows (or lies about its size) is never read past the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import UserError

_CHUNK = 1 << 16
# Files a template folder holds (templates, manifests, phrase banks) are small.
MAX_TEMPLATE_FILE_BYTES = 2_000_000


def megabytes(size: int) -> str:
    """Format a byte count as megabytes for a message: 1.1 MB, 1 MB, 300 MB."""
    value = size / 1_000_000
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text or '0'} MB"


def _not_regular(mode: int, shown: str, noun: str) -> UserError:
    """The refusal for a path that is not a regular file (folder, FIFO, device, socket)."""
    if stat.S_ISDIR(mode):
        return UserError(f"{shown}: 这是一个文件夹，不是{noun}")
    if stat.S_ISFIFO(mode):
        kind = "管道（FIFO）"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "设备文件"
    elif stat.S_ISSOCK(mode):
        kind = "套接字"
    else:
        kind = "特殊文件"
    return UserError(f"{shown}: 这是{kind}，不是普通文件，不能当作{noun}读取")


def _too_big(size: int, limit: int, shown: str, noun: str) -> UserError:
    return UserError(
        f"{shown}: {noun}有 {megabytes(size)}，超过上限 {megabytes(limit)}，请检查是否选错了文件"
    )


def is_regular_file(path: Path) -> bool:
    """True when ``path`` exists and is a regular file (symlinks followed); never blocks."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_user_file(path: Path, *, shown: str, noun: str, limit: int) -> bytes:
    """Return the bytes of ``path``; refuse (exit 2) anything but a regular file of at most ``limit`` bytes.

    ``shown`` names the file in messages and ``noun`` says what it should be (简报文件,
    Word .docx 文件), so every message reads as one clear Chinese line.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise UserError(f"{shown}: 找不到{noun}，请检查路径是否正确") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{shown}: 无法读取{noun}（{_reason(exc)}）") from None
    if not stat.S_ISREG(mode):
        raise _not_regular(mode, shown, noun)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取{noun}（{_reason(exc)}）") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # replaced between stat and open
            raise _not_regular(info.st_mode, shown, noun)
        if info.st_size > limit:
            raise _too_big(info.st_size, limit, shown, noun)
        return _read_capped(fd, limit, shown, noun)
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取{noun}（{_reason(exc)}）") from None
    finally:
        os.close(fd)


def read_user_text(
    path: Path, *, shown: str, noun: str, limit: int = MAX_TEMPLATE_FILE_BYTES
) -> str:
    """Like :func:`read_user_file`, decoded as UTF-8 (a BOM is dropped); bad UTF-8 is exit 2."""
    data = read_user_file(path, shown=shown, noun=noun, limit=limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{shown}:{line}  {noun}不是 UTF-8 编码（第 {line} 行有无法解码的字节），请另存为 UTF-8"
        ) from None


def _read_capped(fd: int, limit: int, shown: str, noun: str) -> bytes:
    """Read ``fd`` to its end, refusing as soon as more than ``limit`` bytes arrive."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise _too_big(total, limit, shown, noun)
        chunks.append(chunk)


def _reason(exc: BaseException) -> str:
    """The system's reason for an OSError (its text), or the exception's text."""
    return getattr(exc, "strerror", None) or str(exc)
