"""Previews and the font check without LibreOffice: exit 4 with the .docx written, font maps, warnings."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from speechgen.layout import fonts, preview
from speechgen.layout.profile import load_profile

from helpers import FULL_BRIEF, write_brief


@pytest.mark.parametrize("flags", [("--pdf",), ("--png",), ("--pdf", "--png")])
def test_missing_libreoffice_exits_4_with_the_docx_written(
    invoke, tmp_path: Path, monkeypatch, flags
) -> None:
    monkeypatch.setattr(preview, "find_soffice", lambda: None)
    brief = write_brief(tmp_path, FULL_BRIEF)
    result = invoke("render", brief, "--no-check", *flags)
    assert result.exit_code == 4, result.stderr
    assert "LibreOffice" in result.stderr and "已经生成" in result.stderr
    assert (
        docx.Document(str(brief.with_suffix(".docx"))).paragraphs[0].text
        == "在全市形势分析会上的讲话"
    )
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.png"))


def test_missing_pdftoppm_exits_4(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    with pytest.raises(preview.ToolMissing, match="pdftoppm") as info:
        preview.pdf_to_pngs(tmp_path / "x.pdf", tmp_path, "x")
    assert info.value.exit_code == 4


def test_fontconfig_maps_office_fonts_to_installed_free_fonts(monkeypatch) -> None:
    installed = frozenset(
        fonts.normalise(n)
        for n in ("AR PL KaitiM GB", "Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif")
    )
    monkeypatch.setattr(fonts, "installed_families", lambda: installed)
    mapping = preview.preview_map()
    # no AR PL SungtiL GB here: 仿宋 falls back to the next candidate
    assert (
        mapping["仿宋_GB2312"] == "Noto Serif CJK SC"
        and mapping["楷体_GB2312"] == "AR PL KaitiM GB"
    )
    assert (
        mapping["黑体"] == "Noto Sans CJK SC" and mapping["Times New Roman"] == "Liberation Serif"
    )
    xml = preview.fontconfig_xml()
    assert '<include ignore_missing="yes">' in xml
    assert (
        '<string>方正小标宋简体</string></test><edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string>'
        in xml
    )


def test_font_warnings_name_missing_fonts_alternatives_and_preview(monkeypatch) -> None:
    installed = frozenset(
        fonts.normalise(n)
        for n in (
            "Times New Roman",
            "仿宋",
            "黑体",
            "AR PL SungtiL GB",
            "AR PL KaitiM GB",
            "Noto Serif CJK SC",
        )
    )
    monkeypatch.setattr(fonts, "installed_families", lambda: installed)
    lines = fonts.font_warnings(load_profile("official"))
    missing = {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "宋体"}
    assert len(lines) == len(missing)
    assert all(any(f"“{font}”" in line for line in lines) for font in missing)
    fangsong = next(line for line in lines if "“仿宋_GB2312”" in line)
    assert (
        "Word/WPS 改用“仿宋”" in fangsong
        and "本机也没有" not in fangsong
        and "AR PL SungtiL GB" in fangsong
    )
    kaiti = next(line for line in lines if "“楷体_GB2312”" in line)
    assert "本机也没有" in kaiti
    assert not any("“黑体”" in line or "Times New Roman" in line for line in lines)


def test_font_warnings_are_silent_when_fonts_cannot_be_listed(monkeypatch) -> None:
    monkeypatch.setattr(fonts, "installed_families", lambda: None)
    assert fonts.font_warnings(load_profile("speech")) == []
    assert fonts.is_installed("仿宋") is None


def test_installed_families_reads_fc_list_once(monkeypatch) -> None:
    calls = []

    def fake() -> set[str]:
        calls.append(1)
        return {"仿宋", "FangSong", "Times New Roman"}

    monkeypatch.setattr(fonts, "_fontconfig_families", fake)
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    fonts.installed_families.cache_clear()
    try:
        assert (
            fonts.is_installed("仿宋")
            and fonts.is_installed("timesnewroman")
            and not fonts.is_installed("仿宋_GB2312")
        )
        fonts.installed_families()
        assert len(calls) == 1
    finally:
        fonts.installed_families.cache_clear()


def test_windows_font_folder_names_common_files(tmp_path: Path) -> None:
    for name in ("simfang.ttf", "SIMKAI.TTF", "FZXBSJW.TTF", "readme.txt"):
        (tmp_path / name).write_bytes(b"")
    names = fonts._folder_families([tmp_path, tmp_path / "missing"])
    assert {"仿宋", "FangSong", "楷体", "方正小标宋简体"} <= names
    assert "readme" not in names
