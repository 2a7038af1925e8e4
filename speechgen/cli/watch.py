"""``speechgen render --watch``: re-render when a brief or its template files change.

The process stays warm (imports done, compiled templates cached by Jinja and checked
for changes), so each re-render costs milliseconds. Changes are found by polling file
modification times about three times a second: portable (Windows, network drives) and
without an inotify dependency. A failed render is reported and watching goes on;
Ctrl+C ends the loop with exit code 0.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import EXIT_OK, SpeechgenError
from ..facade import RenderSettings, build_draft
from ..templating.registry import search_roots
from .jobs import Job
from .render import JobResult, RenderOptions, render_safely, report

POLL_SECONDS = 0.3
# Never stat more than this many files per template folder (a huge ./templates by mistake).
MAX_FILES_PER_FOLDER = 2000
SKIPPED_DIRS = {"__pycache__", ".git", ".svn", ".hg", "node_modules"}

Snapshot = dict[Path, tuple[int, int] | None]


def watch_render(
    planned: list[Job],
    settings: RenderSettings,
    options: RenderOptions,
    *,
    out: Callable[[str], None],
    stdout: Callable[[str], None] | None = None,
    interval: float = POLL_SECONDS,
    max_cycles: int | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Render ``planned``, then re-render each job whose files change; return 0 when stopped.

    ``max_cycles`` (polls) and ``stop`` end the loop early; they exist for tests and
    embedding. Ctrl+C ends it too.
    """
    stop = stop or threading.Event()
    watched: dict[Job, Snapshot] = {}
    own = OwnOutputs()
    try:
        for job in planned:
            watched[job] = _render_and_snapshot(
                job, settings, options, out, stdout, own, again=False
            )
        count = len(set().union(*(s.keys() for s in watched.values())))
        out(f"正在监视 {count} 个文件（简报和模板），改动后自动重新生成；按 Ctrl+C 结束")
        cycles = 0
        while max_cycles is None or cycles < max_cycles:
            if stop.wait(interval):
                break
            cycles += 1
            for job, before in watched.items():
                changed = changed_files(before, snapshot(before.keys()))
                if changed:
                    names = "、".join(sorted(p.name for p in changed))
                    out(
                        f"{time.strftime('%H:%M:%S')} 检测到改动：{names}，重新生成 {job.brief.name}"
                    )
                    watched[job] = _render_and_snapshot(job, settings, options, out, stdout, own)
    except KeyboardInterrupt:
        pass
    out("已停止监视")
    return EXIT_OK


class OwnOutputs:
    """Text outputs (.md/.txt) this watch session wrote, so it may replace them again.

    A .docx carries a content hash, so speechgen knows by itself that it may replace an
    untouched draft. A text file does not, and an existing one is protected; here the
    session remembers the hash of what it wrote, and sets that file aside for the next
    render only while it is unchanged (a file the writer edited stays protected).
    """

    def __init__(self) -> None:
        self.hashes: dict[Path, str] = {}

    def remember(self, result: JobResult) -> None:
        """Record the text outputs a render wrote."""
        for path in result.written:
            if path.suffix.lower() != ".docx":
                self.hashes[path] = _file_hash(path)

    def render(self, job: Job, render: Callable[[], JobResult]) -> JobResult:
        """Run ``render`` with the job's unchanged own text output moved aside (restored on failure)."""
        target = job.target
        if target is None or target not in self.hashes or _file_hash(target) != self.hashes[target]:
            return render()
        aside = target.with_name(f".{target.name}.speechgen-watch")
        os.replace(target, aside)
        try:
            result = render()
        finally:
            if target.exists():
                aside.unlink(missing_ok=True)
            else:
                os.replace(aside, target)
        return result


def _file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes ('' when it cannot be read)."""
    from ..brief.files import is_regular_file

    if not is_regular_file(path):
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _render_and_snapshot(
    job: Job,
    settings: RenderSettings,
    options: RenderOptions,
    out: Callable[[str], None],
    stdout: Callable[[str], None] | None,
    own: OwnOutputs,
    again: bool = True,
) -> Snapshot:
    """Render one job, print what happened, and return the state of the files it depends on."""
    # Take the snapshot first: a file saved during the render is then seen as changed.
    state = snapshot(dependencies(job, settings))
    result: JobResult = own.render(
        job, lambda: render_safely(job, settings, options, debug=False, stdout=stdout)
    )
    own.remember(result)
    report([result], out)
    if again and result.exit_code == EXIT_OK:
        out(f"{time.strftime('%H:%M:%S')} {job.brief.name} 已重新生成")
    return state


def dependencies(job: Job, settings: RenderSettings) -> set[Path]:
    """Files a render of ``job`` reads: the brief, template folders, shell, Word template, profile file.

    When the brief cannot be rendered (it has errors), the brief and the template
    search folders are still watched, so fixing the brief triggers the next render.
    """
    files = {job.brief}
    folders = [root for root, _origin in search_roots(settings.template_dirs, settings.cwd)]
    try:
        draft = build_draft(job.brief, settings)
    except SpeechgenError:
        draft = None
    if draft is not None:
        folders.append(draft.template.folder)
        files.update(p for p in (draft.shell, draft.word_template) if p is not None)
        profile = _profile_file(
            settings.profile or draft.brief.profile or draft.template.profile, job.brief
        )
        if profile is not None:
            files.add(profile)
    for folder in dict.fromkeys(folders):
        files.update(folder_files(folder))
    return files


def _profile_file(spec: str | None, brief: Path) -> Path | None:
    """The profile's file when ``spec`` names a file (built-in profile names have none)."""
    if not spec:
        return None
    path = Path(spec)
    if not path.is_absolute() and not path.exists():
        path = brief.resolve().parent / path
    return path if path.is_file() else None


def folder_files(folder: Path) -> list[Path]:
    """Files under ``folder`` (skipping caches and version-control folders), at most a fixed number."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                found.append(Path(top) / name)
                if len(found) >= MAX_FILES_PER_FOLDER:
                    return found
    return found


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Modification time and size of each path (``None`` when it is missing or unreadable)."""
    state: Snapshot = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            state[path] = None
        else:
            state[path] = (st.st_mtime_ns, st.st_size)
    return state


def changed_files(before: Snapshot, after: Snapshot) -> list[Path]:
    """Paths whose state differs between two snapshots of the same files."""
    return [p for p, state in after.items() if before.get(p) != state]
