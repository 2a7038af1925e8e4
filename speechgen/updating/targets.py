"""Where ``update`` and ``check --annotate`` write, and writing there without losing work.

``-o`` works as for ``render``: none → beside the input with a suffix
(``<stem>-更新.docx``, ``<stem>-批注.docx``); a folder (existing, or ending in ``/``) →
that name inside it; a file → that file (one input only). The input itself is written
over only when it is named with ``-o`` and ``--force`` is given, and then after a
backup; the brief, template and shell are never outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ProtectedOutput, UserError
from ..safewrite import atomic_write, backup_name, safe_write


def output_path(source: Path, out: str | None, suffix: str, count: int = 1) -> Path:
    """The file written for ``source``; ``suffix`` is ``-更新`` or ``-批注``."""
    name = f"{source.stem}{suffix}.docx"
    if out is None:
        return source.with_name(name)
    if out.endswith(("/", "\\")) or Path(out).is_dir():
        return Path(out) / name
    if count > 1:
        raise UserError(f"多个文件要输出到文件夹：请写 -o {out}/（末尾加 /），或不写 -o")
    target = Path(out)
    if target.suffix.lower() != ".docx":
        raise UserError(f"输出文件“{out}”应以 .docx 结尾")
    return target


def same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file (another spelling, a link)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def write_output(target: Path, data: bytes, *, source: Path, protected: list[Path],
                 force: bool) -> Path | None:  # fmt: skip
    """Write ``data`` to ``target``; return the backup made, if any.

    Writing over ``source`` (the draft being updated or annotated) needs ``force`` and
    always keeps a backup; any other existing file follows ``render``'s protection.
    """
    if same_file(target, source):
        if not force:
            raise ProtectedOutput(
                f"{target}: 不会改动原来的稿子。要覆盖它请加 --force（原稿会先备份为 "
                f"{backup_name(target).name}），或不写 -o，另存为新文件"
            )
        return atomic_write(target, data, backup=True)
    from ..docx.fingerprint import draft_state

    return safe_write(target, data, protected=protected, force=force, state=draft_state)
