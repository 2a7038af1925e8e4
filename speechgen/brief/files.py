"""Read a file the writer names on the command line or in a brief, with one set of refusals."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError


def megabytes(size: int) -> str:
    """Format a byte count as megabytes for a message: 1.1 MB, 1 MB, 300 MB."""
    value = size / 1_000_000
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text or '0'} MB"


def read_user_file(path: Path, *, shown: str, noun: str, limit: int) -> bytes:
    """Return the bytes of ``path``; refuse (exit 2) a missing file, a folder or one over ``limit``.

    ``shown`` names the file in messages and ``noun`` says what it should be (简报文件,
    Word .docx 文件), so every message reads as one clear Chinese line.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"{shown}: 找不到{noun}，请检查路径是否正确") from None
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取{noun}（{exc.strerror}）") from None
    if path.is_dir():
        raise UserError(f"{shown}: 这是一个文件夹，不是{noun}")
    if size > limit:
        raise UserError(
            f"{shown}: {noun}有 {megabytes(size)}，超过上限 {megabytes(limit)}，请检查是否选错了文件"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: 无法读取{noun}（{exc.strerror}）") from None
