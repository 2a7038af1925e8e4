"""Nothing is lost: atomic writes, edited drafts protected (exit 3), --force backups, clear write errors."""

from __future__ import annotations

import errno
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest

from speechgen import safewrite as output
from speechgen.docx.fingerprint import is_untouched_draft
from speechgen.errors import EXIT_BAD_INPUT, EXIT_PROTECTED, ProtectedOutput, UserError
from speechgen.safewrite import atomic_write, check_target, safe_write

from helpers import FULL_BRIEF, MINIMAL_BRIEF, docx_texts, write_brief

BACKUP = re.compile(r"^brief\.bak-\d{8}-\d{6}(-\d+)?\.docx$")


def _render(invoke, brief: Path, *extra: str):
    """Render without the check summary (not under test here)."""
    return invoke("render", brief, "--no-check", *extra)


def _leftovers(folder: Path) -> list[str]:
    """Temp files speechgen may have left in ``folder``."""
    return [
        p.name for p in folder.iterdir() if p.name.startswith(".speechgen-") or p.suffix == ".tmp"
    ]


def _edit_with_word(path: Path, text: str) -> None:
    """Edit a draft the way a person would (python-docx stands in for Word)."""
    document = docx.Document(str(path))
    document.add_paragraph(text)
    document.save(str(path))


@pytest.fixture
def rendered(invoke, tmp_path: Path) -> tuple[Path, Path]:
    """A brief and the draft speechgen rendered from it."""
    brief = write_brief(tmp_path, FULL_BRIEF)
    result = _render(invoke, brief)
    assert result.exit_code == 0, result.stderr
    return brief, brief.with_suffix(".docx")


def test_own_untouched_output_is_rerendered_without_flag(
    invoke, rendered: tuple[Path, Path]
) -> None:
    brief, out = rendered
    assert is_untouched_draft(out)
    brief.write_text(FULL_BRIEF.replace("基层活力不足", "基层活力明显不足"), encoding="utf-8")
    result = _render(invoke, brief)
    assert result.exit_code == 0, result.stderr
    assert "基层活力明显不足" in "\n".join(docx_texts(out))
    assert not [p for p in out.parent.iterdir() if ".bak-" in p.name]


def test_edited_draft_is_refused_with_exit_3_naming_force(
    invoke, rendered: tuple[Path, Path]
) -> None:
    brief, out = rendered
    _edit_with_word(out, "领导亲笔加的一句话")
    before = out.read_bytes()
    result = _render(invoke, brief)
    assert result.exit_code == EXIT_PROTECTED
    assert "--force" in result.stderr and "修改过" in result.stderr and str(out) in result.stderr
    assert out.read_bytes() == before
    assert _leftovers(out.parent) == []


def test_force_keeps_the_edited_draft_as_a_backup(invoke, rendered: tuple[Path, Path]) -> None:
    brief, out = rendered
    _edit_with_word(out, "领导亲笔加的一句话")
    edited = out.read_bytes()
    result = _render(invoke, brief, "--force")
    assert result.exit_code == 0, result.stderr
    backups = [p for p in out.parent.iterdir() if ".bak-" in p.name]
    assert len(backups) == 1 and BACKUP.match(backups[0].name), backups
    assert backups[0].read_bytes() == edited
    assert "领导亲笔加的一句话" in docx_texts(backups[0])
    assert "领导亲笔加的一句话" not in docx_texts(out)
    assert is_untouched_draft(out)
    assert backups[0].name in result.stderr


def test_docx_speechgen_did_not_write_is_refused(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    foreign = brief.with_suffix(".docx")
    document = docx.Document()
    document.add_paragraph("同事自己写的稿子")
    document.save(str(foreign))
    before = foreign.read_bytes()
    result = _render(invoke, brief)
    assert result.exit_code == EXIT_PROTECTED
    assert "不是 speechgen 生成的" in result.stderr and "--force" in result.stderr
    assert foreign.read_bytes() == before


def test_non_zip_file_at_output_is_refused(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    target = brief.with_suffix(".docx")
    target.write_text("not a docx", encoding="utf-8")
    assert _render(invoke, brief).exit_code == EXIT_PROTECTED
    assert target.read_text(encoding="utf-8") == "not a docx"


def test_rerender_after_a_rename_inside_the_docx_is_detected(
    rendered: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = rendered
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(changed, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace("基层活力不足".encode(), "基层活力很足".encode())
            zout.writestr(info, data)
    assert not is_untouched_draft(changed)


@pytest.mark.parametrize("force", [False, True])
def test_output_may_never_be_the_brief(invoke, tmp_path: Path, force: bool) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF, name="notes.md")
    before = brief.read_bytes()
    result = invoke(
        "render", brief, "--format", "md", "--no-check", *(["--force"] if force else [])
    )
    assert result.exit_code == EXIT_PROTECTED
    assert "简报或模板本身" in result.stderr
    assert brief.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".bak-" in p.name]


@pytest.mark.parametrize("force", [False, True])
def test_output_may_never_be_the_template_or_shell(tmp_path: Path, force: bool) -> None:
    template = tmp_path / "meeting.docx"
    template.write_bytes(b"PK template")
    alias = tmp_path / "sub" / ".." / "meeting.docx"
    (tmp_path / "sub").mkdir()
    for target in (template, alias):
        with pytest.raises(ProtectedOutput) as info:
            check_target(target, protected=[tmp_path / "brief.yaml", template], force=force)
        assert info.value.exit_code == EXIT_PROTECTED and "--force 也不行" in info.value.message
    assert template.read_bytes() == b"PK template"


def test_hard_link_to_the_brief_is_refused(tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    link = tmp_path / "link.docx"
    os.link(brief, link)
    with pytest.raises(ProtectedOutput):
        check_target(link, protected=[brief], force=True)


def test_failure_mid_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "speech.docx"
    target.write_bytes(b"the good old draft")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", disk_full)
    with pytest.raises(UserError) as info:
        atomic_write(target, b"new bytes" * 1000)
    assert info.value.exit_code == EXIT_BAD_INPUT and "原文件没有改动" in info.value.message
    assert target.read_bytes() == b"the good old draft"
    assert _leftovers(tmp_path) == []


def test_failure_at_replace_restores_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "speech.docx"
    target.write_bytes(b"edited draft")
    real_replace = os.replace

    def flaky(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        if Path(dst) == target and ".speechgen-" in str(src):
            raise OSError(errno.EIO, "I/O error")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", flaky)
    with pytest.raises(UserError):
        atomic_write(target, b"new", backup=True)
    assert target.read_bytes() == b"edited draft"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["speech.docx"]


def test_interrupt_mid_write_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "speech.docx"
    target.write_bytes(b"old")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_atomic_write_keeps_permissions_of_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "speech.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_word_lock_file_asks_to_close_the_document(tmp_path: Path) -> None:
    target = tmp_path / "speech.docx"
    target.write_bytes(b"open in word")
    (tmp_path / "~$eech.docx").write_bytes(b"lock")
    with pytest.raises(UserError) as info:
        atomic_write(target, b"new")
    assert "正在 Word/WPS 中打开" in info.value.message and target.read_bytes() == b"open in word"


def test_read_only_folder_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    with pytest.raises(UserError) as info:
        safe_write(tmp_path / "speech.docx", b"x", protected=[], force=False)
    assert info.value.exit_code == EXIT_BAD_INPUT
    assert str(tmp_path) in info.value.message and "\n" not in info.value.message


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_read_only_folder_through_the_cli_exits_2(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = _render(invoke, brief, "-o", folder / "x.docx")
    finally:
        folder.chmod(0o700)
    assert result.exit_code == EXIT_BAD_INPUT and "Traceback" not in result.output


def test_folder_where_the_output_file_should_be(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    (tmp_path / "brief.docx").mkdir()
    result = _render(invoke, brief)
    assert result.exit_code == EXIT_BAD_INPUT
    assert "这是一个文件夹" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_file_where_the_output_folder_should_be(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    blocker = tmp_path / "out"
    blocker.write_text("a file", encoding="utf-8")
    result = _render(invoke, brief, "-o", f"{blocker}/")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "无法创建输出文件夹" in result.stderr and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_existing_markdown_needs_force_and_is_backed_up(invoke, tmp_path: Path) -> None:
    brief = write_brief(tmp_path, FULL_BRIEF)
    md = brief.with_suffix(".md")
    md.write_text("我自己改过的 Markdown", encoding="utf-8")
    refused = invoke("render", brief, "--format", "md", "--no-check")
    assert refused.exit_code == EXIT_PROTECTED and "--force" in refused.stderr
    assert md.read_text(encoding="utf-8") == "我自己改过的 Markdown"
    assert invoke("render", brief, "--format", "md", "--no-check", "--force").exit_code == 0
    backups = list(tmp_path.glob("brief.bak-*.md"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "我自己改过的 Markdown"


def test_backup_names_never_collide(tmp_path: Path) -> None:
    import datetime as dt

    target = tmp_path / "brief.docx"
    now = dt.datetime(2026, 5, 10, 14, 30, 0)
    first = output.backup_name(target, now)
    first.write_bytes(b"1")
    second = output.backup_name(target, now)
    assert first.name == "brief.bak-20260510-143000.docx"
    assert second.name == "brief.bak-20260510-143000-2.docx"


@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
def test_output_naming_the_brief_is_protected_even_with_another_extension(
    tmp_path, invoke, fmt: str
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(MINIMAL_BRIEF, encoding="utf-8")
    result = invoke("render", brief, "-f", fmt, "-o", brief, "--force")
    assert result.exit_code == 3, result.stderr
    assert "简报或模板本身" in result.stderr
    assert brief.read_text(encoding="utf-8") == MINIMAL_BRIEF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml"]
