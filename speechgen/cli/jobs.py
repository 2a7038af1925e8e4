"""Decide where each brief's output goes (DESIGN.md §5), before anything is written."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ProtectedOutput, UserError

BRIEF_SUFFIXES = (".yaml", ".yml")
STDOUT = "-"


@dataclass(frozen=True)
class Job:
    """One brief and the file its draft goes to (``None`` target means stdout)."""

    brief: Path
    target: Path | None


def expand_inputs(inputs: list[Path]) -> list[Path]:
    """A folder given as input means the .yaml/.yml files directly in it."""
    briefs: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found = sorted(
                p for p in item.iterdir() if p.suffix.lower() in BRIEF_SUFFIXES and p.is_file()
            )
            if not found:
                raise UserError(f"{item}: 文件夹里没有 .yaml/.yml 简报")
            briefs.extend(found)
        else:
            briefs.append(item)
    return briefs


def _is_dir_target(out: str) -> bool:
    return out.endswith(("/", "\\")) or Path(out).is_dir()


def plan(inputs: list[Path], out: str | None, fmt: str) -> list[Job]:
    """Map briefs to output paths; refuse collisions and impossible combinations."""
    briefs = expand_inputs(inputs)
    if not briefs:
        raise UserError("没有给出简报文件")
    ext = "." + fmt
    jobs: list[Job] = []
    if out == STDOUT:
        if fmt == "docx":
            raise UserError("-o - 只能用于 --format md 或 txt：.docx 不能输出到屏幕")
        if len(briefs) > 1:
            raise UserError("-o - 只能用于一个简报")
        return [Job(briefs[0], None)]
    if out is None:
        jobs = [Job(b, b.with_suffix(ext)) for b in briefs]
    elif _is_dir_target(out):
        folder = Path(out)
        jobs = [Job(b, folder / (b.stem + ext)) for b in briefs]
    else:
        if len(briefs) > 1:
            raise UserError(f"多个简报要输出到文件夹：请写 -o {out}/（末尾加 /），或不写 -o")
        target = Path(out)
        _refuse_brief_as_target(briefs[0], target)
        if target.suffix.lower() != ext:
            raise UserError(f"输出文件“{out}”的扩展名和格式 {fmt} 不符，应以 {ext} 结尾")
        jobs = [Job(briefs[0], target)]
    seen: dict[Path, Path] = {}
    for job in jobs:
        assert job.target is not None
        key = job.target.resolve()
        if key in seen:
            raise UserError(
                f"{seen[key]} 和 {job.brief} 会写到同一个文件 {job.target}；请改名或分别输出到不同文件夹。什么也没有写入"
            )
        seen[key] = job.brief
    return jobs


def _refuse_brief_as_target(brief: Path, target: Path) -> None:
    """``-o`` naming the brief itself is refused as protected work (exit 3), whatever its extension.

    Checked before the extension so that ``-o brief.yaml`` gets the message that matters;
    ``samefile`` also catches another spelling of the same file (case on Windows, links).
    """
    try:
        same = target.exists() and os.path.samefile(target, brief)
    except OSError:
        return
    if same:
        raise ProtectedOutput(
            f"{target}: 输出文件不能是简报或模板本身（{brief}），即使加 --force 也不行；"
            "请用 -o 换一个文件名"
        )
