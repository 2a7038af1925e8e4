"""``speechgen serve``: accounts from the command line, refusals before starting, the address."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from speechgen.cli.app import app
from speechgen.web import command
from speechgen.web.accounts import Accounts
from speechgen.web.db import Database


def test_add_user_with_password_from_stdin(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["serve", str(tmp_path), "--add-user", "王秘书", "--password-stdin"],
        input="长长的密码123\n",
    )
    assert result.exit_code == 0, result.output
    accounts = Accounts(Database(tmp_path))
    assert accounts.verify("王秘书", "长长的密码123")
    assert not accounts.verify("王秘书", "wrong")
    assert (tmp_path / ".speechgen" / "workspace.sqlite3").is_file()
    raw = (tmp_path / ".speechgen" / "workspace.sqlite3").read_bytes()
    assert "长长的密码123".encode() not in raw


def test_add_user_refuses_a_short_password(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--add-user", "王秘书", "--password-stdin"],
                                input="short\n")  # fmt: skip
    assert result.exit_code == 2 and "至少要 8 个字符" in result.output


def test_add_user_asks_twice(tmp_path: Path) -> None:
    answers = iter(["第一次输入的密码", "第二次不一样的"])
    with pytest.raises(command.UserError, match="不一致"):
        command.read_password(False, read=lambda prompt: next(answers))


def test_office_mode_without_accounts_does_not_start(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "至少一个账号" in result.output and "--add-user" in result.output


def test_serve_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nope"), "--no-browser"])
    assert result.exit_code == 2 and "不是一个文件夹" in result.output


def test_local_mode_prints_the_address_with_its_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[tuple[str, int]] = []
    code = command.run_serve(tmp_path, port=None, open_browser=False,
                             start=lambda app, host, port: started.append((host, port)))  # fmt: skip
    assert code == 0 and started[0][0] == "127.0.0.1"
    err = capsys.readouterr().err
    assert f"http://127.0.0.1:{started[0][1]}/?token=" in err and "Ctrl+C" in err


def test_office_mode_starts_with_an_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Accounts(Database(tmp_path)).add("王秘书", "长长的密码123")
    started: list[tuple[str, int]] = []
    command.run_serve(tmp_path, host="0.0.0.0", port=None, open_browser=False, allow_hosts=["speech.lan"],
                      start=lambda app, host, port: started.append((host, port)))  # fmt: skip
    assert started[0][0] == "0.0.0.0"
    err = capsys.readouterr().err
    assert "办公室模式" in err and "speech.lan" in err and "token" not in err


def test_the_page_files_ship_as_package_data() -> None:
    import fnmatch
    import tomllib

    repo = Path(__file__).resolve().parents[2]
    config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    assert "speechgen.web" in config["packages"]
    patterns = config["package-data"]["speechgen.web"]
    web = repo / "speechgen" / "web"
    shipped = [p.relative_to(web).as_posix() for p in web.rglob("*")
               if p.is_file() and p.suffix not in (".py", ".pyc")]  # fmt: skip
    assert {"static/workspace.js", "static/workspace.css", "pages/editor.html"} <= set(shipped)
    assert all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in shipped)
    for page in (web / "pages").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text  # nothing from outside
    assert "http" not in (web / "static" / "workspace.js").read_text(encoding="utf-8").replace(
        "http-equiv", ""
    )
