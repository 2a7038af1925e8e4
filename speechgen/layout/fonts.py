"""Which fonts are installed here: warn (never fail) when a profile names a missing one.

The draft always names the office fonts (仿宋_GB2312, 方正小标宋简体…); a machine
without them still gets a correct .docx, but Word/WPS on it shows the alternative
from fontTable.xml and the PDF preview uses a free substitute. :func:`font_warnings`
tells the writer so, in Chinese.

Installed families come from ``fc-list`` (Linux, and macOS with fontconfig), from
the Windows font registry and font folders, or from the macOS font folders. The
list is read once per process. If nothing can be read, no warning is given.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .profile import Profile

# File names of common Chinese office fonts on Windows, for folders scanned without the registry.
WINDOWS_FONT_FILES: dict[str, tuple[str, ...]] = {
    "simfang": ("仿宋", "FangSong"),
    "simkai": ("楷体", "KaiTi"),
    "simhei": ("黑体", "SimHei"),
    "simsun": ("宋体", "SimSun", "新宋体", "NSimSun"),
    "times": ("Times New Roman",),
    "fs_gb2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "仿宋_gb2312": ("仿宋_GB2312", "FangSong_GB2312"),
    "kt_gb2312": ("楷体_GB2312", "KaiTi_GB2312"),
    "楷体_gb2312": ("楷体_GB2312", "KaiTi_GB2312"),
    "fzxbsjw": ("方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    "方正小标宋简体": ("方正小标宋简体",),
}
# Office font → free fonts to try, best first (research/format_spec.md §5).
_FANGSONG = ("AR PL SungtiL GB", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN")
_KAITI = ("AR PL KaitiM GB", "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC")
_HEITI = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
_SONG = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL SungtiL GB", "AR PL UMing CN")
SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": _FANGSONG,
    "仿宋": _FANGSONG,
    "FangSong": _FANGSONG,
    "FangSong_GB2312": _FANGSONG,
    "楷体_GB2312": _KAITI,
    "楷体": _KAITI,
    "KaiTi": _KAITI,
    "KaiTi_GB2312": _KAITI,
    "黑体": _HEITI,
    "SimHei": _HEITI,
    "微软雅黑": _HEITI,
    "Microsoft YaHei": _HEITI,
    "方正小标宋简体": _SONG,
    "方正小标宋_GBK": _SONG,
    "小标宋": _SONG,
    "宋体": _SONG,
    "SimSun": _SONG,
    "Times New Roman": ("Liberation Serif", "Tinos", "DejaVu Serif"),
}
FC_TIMEOUT = 20


def normalise(name: str) -> str:
    """Compare font names without case or spaces (``Times New Roman`` = ``TimesNewRoman``)."""
    return "".join(name.split()).casefold()


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Normalised names of the font families installed here, or None when unknown."""
    names: set[str] = set()
    found = False
    fc = _fontconfig_families()
    if fc is not None:
        names |= fc
        found = True
    if sys.platform == "win32":
        names |= _windows_registry_families() | _folder_families(_windows_font_dirs())
        found = True
    elif sys.platform == "darwin" and fc is None:
        names |= _folder_families(
            [
                Path("/Library/Fonts"),
                Path("/System/Library/Fonts"),
                Path.home() / "Library" / "Fonts",
            ]
        )
        found = True
    return frozenset(normalise(n) for n in names) if found else None


def hint_due(fonts: list[str]) -> bool:
    """True the first time this machine is asked about this set of fonts; records the asking.

    The missing-font hint is shown once per machine (not on every render): a marker
    file named by the fonts goes into the user's cache folder. When the marker cannot
    be written (a read-only cache), the hint is due every time, as before.
    """
    import hashlib

    from ..safewrite import user_cache_dir

    digest = hashlib.sha256("\n".join(sorted(fonts)).encode("utf-8")).hexdigest()[:16]
    marker = user_cache_dir() / "hints" / f"fonts-{digest}"
    if marker.exists():
        return False
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("\n".join(sorted(fonts)) + "\n", encoding="utf-8")
    except OSError:
        pass
    return True


def is_installed(font: str) -> bool | None:
    """True/False when the font list is known, None when it cannot be read."""
    families = installed_families()
    return None if families is None else normalise(font) in families


def font_warnings(profile: Profile) -> list[str]:
    """Chinese warning lines for each font ``profile`` names that is not installed here."""
    families = installed_families()
    if families is None:
        return []

    warnings = []
    for font in profile.fonts():
        if normalise(font) in families:
            continue
        notes = []
        alt = profile.alt_fonts.get(font)
        if alt:
            notes.append(
                f"Word/WPS 改用“{alt}”" + ("" if normalise(alt) in families else "，本机也没有")
            )
        preview = substitute_for(font)
        if preview:
            notes.append(f"PDF 预览用“{preview}”")
        detail = f"（{'；'.join(notes)}）" if notes else ""
        warnings.append(
            f"提示：本机没有安装版式 {profile.name} 用到的字体“{font}”{detail}；稿子里仍写明原字体"
        )
    return warnings


def _fontconfig_families() -> set[str] | None:
    """Family names (every localised name) from ``fc-list``, or None without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        proc = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, timeout=FC_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    names: set[str] = set()
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        names.update(part.strip().replace("\\-", "-") for part in line.split(",") if part.strip())
    return names


def _windows_font_dirs() -> list[Path]:
    """The system and per-user font folders of Windows."""
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _windows_registry_families() -> set[str]:
    """Font names from the Windows registry (``仿宋 (TrueType)`` → ``仿宋``); empty off Windows."""
    try:
        winreg: Any = importlib.import_module("winreg")
    except ImportError:
        return set()
    names: set[str] = set()
    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key_path) as key:
                index = 0
                while True:
                    try:
                        value_name = winreg.EnumValue(key, index)[0]
                    except OSError:
                        break
                    index += 1
                    label = value_name.split(" (")[0]
                    names.update(part.strip() for part in label.split("&") if part.strip())
        except OSError:
            continue
    return names


def _folder_families(dirs: list[Path]) -> set[str]:
    """Names guessed from font file names: the stem itself, plus known families of common files."""
    names: set[str] = set()
    for folder in dirs:
        try:
            files = list(folder.iterdir())
        except OSError:
            continue
        for file in files:
            if file.suffix.lower() not in (".ttf", ".ttc", ".otf", ".otc"):
                continue
            stem = file.stem.casefold()
            names.add(file.stem)
            names.update(WINDOWS_FONT_FILES.get(stem, ()))
    return names


def substitute_for(font: str) -> str | None:
    """The free font the preview draws ``font`` with: the first installed candidate."""
    candidates = SUBSTITUTES.get(font, ())
    for free in candidates:
        if is_installed(free) is not False:
            return free
    return None


def preview_map() -> dict[str, str]:
    """Office font → installed free font, for every office font with a substitute here."""
    found = {font: substitute_for(font) for font in SUBSTITUTES}
    return {font: free for font, free in found.items() if free}
