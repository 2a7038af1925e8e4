"""``speechgen serve``: start the browser workspace, or add an office account.

The command line only parses options and calls :func:`run_serve`; everything else
(checks before starting, the address with its token, opening the browser) is here.
"""

from __future__ import annotations

import getpass
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UserError
from .security import is_loopback

DEFAULT_PORT = 8765
PORT_TRIES = 20


def say(text: str) -> None:
    """Print a message for the person who started the server (stderr, never failing on a
    console that cannot show a character)."""
    stream = sys.stderr
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text + "\n")
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace") + "\n")
    stream.flush()


def read_password(from_stdin: bool, read: Callable[[str], str] = getpass.getpass) -> str:
    """The new account's password: one line from stdin, or asked twice without echo."""
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = read("新账号的密码：")
    if read("再输入一次：") != first:
        raise UserError("两次输入的密码不一致，账号没有创建")
    return first


def add_user(folder: Path, name: str, password: str) -> None:
    """Create (or reset) an office account in the workspace database."""
    from .accounts import Accounts
    from .db import Database

    Accounts(Database(folder)).add(name, password)
    say(f"已在 {folder} 创建账号“{name.strip()}”（已有同名账号时为重设密码）")


def _workspace_folder(folder: Path | None) -> Path:
    path = (folder or Path.cwd()).expanduser()
    if not path.is_dir():
        raise UserError(f"{path}: 不是一个文件夹；请给出放简报的文件夹")
    return path.resolve()


def free_port(host: str, wanted: int, fixed: bool) -> int:
    """``wanted`` if it is free; otherwise (unless ``fixed``) the next free one."""
    tries = 1 if fixed else PORT_TRIES
    for port in range(wanted, wanted + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise UserError(f"端口 {wanted} 已被占用；请用 --port 换一个端口")


def run_serve(folder: Path | None, *, host: str = "127.0.0.1", port: int | None = None,
              open_browser: bool = True, add_user_name: str | None = None,
              password_stdin: bool = False, allow_hosts: list[str] | None = None,
              start: Callable[[Any, str, int], None] | None = None) -> int:  # fmt: skip
    """Start the workspace (or, with ``add_user_name``, create an account); return the exit code."""
    root = _workspace_folder(folder)
    if add_user_name is not None:
        add_user(root, add_user_name, read_password(password_stdin))
        return 0
    office = not is_loopback(host)
    from .accounts import Accounts
    from .app import Settings, build_app
    from .db import Database

    if office and Accounts(Database(root)).count() == 0:
        raise UserError(
            f"在 {host} 上为整个办公室提供服务需要至少一个账号，服务没有启动。"
            f"请先创建账号：speechgen serve {root} --add-user 姓名"
        )
    chosen = free_port(host, port or DEFAULT_PORT, fixed=port is not None)
    settings = Settings(root, chosen, office=office, allowed_hosts=tuple(allow_hosts or ()))
    app = build_app(settings)
    shown = f"[{host}]" if ":" in host else host
    if office:
        names = ", ".join(sorted({*settings.allowed_hosts, socket.gethostname()}))
        address = f"http://{names.split(', ')[0]}:{chosen}/"
        say(f"讲话稿工作台（办公室模式）已在 {shown}:{chosen} 启动，工作区：{root}")
        say(
            f"同事用 http://本机名或IP地址:{chosen}/ 打开并登录；允许的主机名：{names}（其他名称用 --allow-host 加入）"
        )
    else:
        address = f"http://{shown}:{chosen}/?token={settings.token}"
        say(f"讲话稿工作台已启动，工作区：{root}")
        say(f"请在浏览器中打开：{address}")
        say("（地址里的令牌只给你自己用；按 Ctrl+C 停止服务）")
    if open_browser and not office:
        threading.Timer(0.8, lambda: webbrowser.open(address)).start()
    (start or _uvicorn)(app, host, chosen)
    return 0


def _uvicorn(app: Any, host: str, port: int) -> None:
    """Run the app with uvicorn until Ctrl+C."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, proxy_headers=False, lifespan="off")  # fmt: skip
    uvicorn.Server(config).run()
    say("讲话稿工作台已停止")
