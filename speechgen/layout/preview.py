"""PDF and PNG previews through LibreOffice headless, with free substitute fonts.

The draft keeps naming the office fonts (仿宋_GB2312, 方正小标宋简体…); only the
preview substitutes them, through a private fontconfig file that maps each to the
closest free font (research/format_spec.md §5). LibreOffice runs with its own
throw-away profile so it never touches the writer's settings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import EXIT_TOOL_MISSING, ToolMissing, UserError
from .fonts import preview_map

CONVERT_TIMEOUT = 180


def find_soffice() -> str | None:
    """Return the LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if Path(candidate).exists():
            return candidate
    return None


def _system_fontconfig() -> str:
    """The fontconfig file to include: the one already in force, or the system's."""
    current = os.environ.get("FONTCONFIG_FILE")
    if current and Path(current).is_file():
        return current
    for candidate in (
        "/etc/fonts/fonts.conf",
        "/usr/local/etc/fonts/fonts.conf",
        "/opt/homebrew/etc/fonts/fonts.conf",
    ):
        if Path(candidate).is_file():
            return candidate
    return "/etc/fonts/fonts.conf"


def fontconfig_xml(substitutes: dict[str, str] | None = None) -> str:
    """A fontconfig file that includes the system config and maps office fonts to free ones."""
    from xml.sax.saxutils import escape

    rules = []
    for family, free in (substitutes if substitutes is not None else preview_map()).items():
        rules.append(
            f'  <match target="pattern"><test name="family"><string>{escape(family)}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{escape(free)}</string></edit></match>'
        )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(_system_fontconfig())}</include>\n'
        + "\n".join(rules)
        + "\n</fontconfig>\n"
    )


def convert_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert ``docx`` to ``out_dir/<stem>.pdf`` with LibreOffice; return the PDF path."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissing(
            f"{docx}: 需要 LibreOffice 才能生成 PDF/PNG 预览，但本机没有安装（.docx 已经生成）。"
            "请安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui）后再试"
        )
    with tempfile.TemporaryDirectory(prefix="speechgen-lo-") as scratch:
        scratch_path = Path(scratch)
        fonts_conf = scratch_path / "fonts.conf"
        fonts_conf.write_text(fontconfig_xml(), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
        work = scratch_path / "out"
        work.mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={(scratch_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(docx.resolve()),
        ]
        returncode, stderr = run_tool(cmd, env, docx)
        produced = work / (docx.stem + ".pdf")
        if returncode != 0 or not produced.exists():
            detail = stderr.decode("utf-8", "replace").strip()[-300:]
            raise UserError(
                f"{docx}: LibreOffice 没能转换出 PDF（{detail or '无输出'}）",
                exit_code=EXIT_TOOL_MISSING,
            )
        target = out_dir / (docx.stem + ".pdf")
        shutil.move(str(produced), target)
    return target


def run_tool(cmd: list[str], env: dict[str, str], docx: Path) -> tuple[int, bytes]:
    """Run LibreOffice in its own process group; on timeout kill the whole group.

    ``soffice`` is a wrapper that starts ``soffice.bin``; killing only the wrapper
    would leave the real converter running.
    """
    popen_extra: dict[str, object] = {}
    if os.name == "posix":
        popen_extra["start_new_session"] = True
    else:
        popen_extra["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,  # noqa: S603
        stderr=subprocess.PIPE,
        **popen_extra,
    )  # type: ignore[call-overload]
    try:
        _, stderr = proc.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise UserError(
            f"{docx}: LibreOffice 转换超时（{CONVERT_TIMEOUT} 秒），已停止",
            exit_code=EXIT_TOOL_MISSING,
        ) from None
    return proc.returncode, stderr


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc`` and, on POSIX, every process of its group; then reap it."""
    if os.name == "posix":
        import signal

        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.kill()
    proc.communicate()


def pdf_to_pngs(pdf: Path, out_dir: Path, stem: str, dpi: int = 80) -> list[Path]:
    """Render each PDF page to ``<stem>-1.png``, ``<stem>-2.png``… with poppler's pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ToolMissing(
            f"{pdf}: 需要 poppler 的 pdftoppm 才能生成 PNG（apt-get install poppler-utils）"
        )
    for old in out_dir.glob(f"{stem}-*.png"):
        if old.stem.removeprefix(f"{stem}-").isdigit():
            old.unlink()
    with tempfile.TemporaryDirectory(prefix="speechgen-png-") as scratch:
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(Path(scratch) / "p")],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT,
        )
        pages = sorted(Path(scratch).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        written = []
        for i, page in enumerate(pages, 1):
            target = out_dir / f"{stem}-{i}.png"
            shutil.move(str(page), target)
            written.append(target)
    return written


def make_previews(docx: Path, *, pdf: bool, png: bool) -> list[Path]:
    """Write ``<stem>.pdf`` and/or ``<stem>-N.png`` beside ``docx``; return what was written."""
    out_dir = docx.parent
    written: list[Path] = []
    if png and not pdf:
        with tempfile.TemporaryDirectory(prefix="speechgen-pdf-") as scratch:
            tmp_pdf = convert_to_pdf(docx, Path(scratch))
            written.extend(pdf_to_pngs(tmp_pdf, out_dir, docx.stem))
        return written
    pdf_path = convert_to_pdf(docx, out_dir)
    written.append(pdf_path)
    if png:
        written.extend(pdf_to_pngs(pdf_path, out_dir, docx.stem))
    return written
