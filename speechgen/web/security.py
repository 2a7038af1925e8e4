"""Request guards: the Host check (DNS rebinding), the body size limit, CSRF and safe names.

:class:`Guard` is plain ASGI middleware so a refused request never reaches a route;
the token, session and CSRF checks live in :mod:`speechgen.web.app` next to the routes.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import UserError

MAX_BODY = 2_000_000
MAX_NAME = 80
BRIEF_SUFFIXES = (".yaml", ".yml")
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostPolicy:
    """Which ``Host`` headers the server answers: its own names and the ``--allow-host`` ones.

    Local mode accepts only loopback names. Office mode also accepts this computer's
    host names, the names given with ``--allow-host`` and any IP address (a page that
    reaches the server by IP address is not a DNS-rebinding attack).
    """

    def __init__(self, port: int, *, office: bool, allowed: Iterable[str] = ()) -> None:
        self.port = port
        self.office = office
        names = {n.lower() for n in LOCAL_NAMES}
        names |= {n.strip().lower().rstrip(".") for n in allowed if n.strip()}
        if office:
            for name in (socket.gethostname(), socket.getfqdn()):
                if name:
                    names.add(name.lower().rstrip("."))
        self.names = names

    def allows(self, header: str | None) -> bool:
        """True when ``header`` (``name`` or ``name:port``) names this server."""
        if not header:
            return False
        host, port = split_host(header.strip().lower())
        if port is not None and port != self.port:
            return False
        if host in self.names:
            return True
        if self.office:
            try:
                ipaddress.ip_address(host)
                return True
            except ValueError:
                return False
        return False


def split_host(header: str) -> tuple[str, int | None]:
    """``name:8080`` → (``name``, 8080); ``[::1]:80`` → (``::1``, 80); a bad port → -1."""
    if header.startswith("["):
        end = header.find("]")
        host, rest = header[1:end], header[end + 1 :]
        port_text = rest[1:] if rest.startswith(":") else ""
    elif header.count(":") == 1:
        host, port_text = header.split(":")
    else:
        host, port_text = header, ""
    if not port_text:
        return host.rstrip("."), None
    return host.rstrip("."), int(port_text) if port_text.isdigit() else -1


class Guard:
    """ASGI middleware: refuse a foreign Host (421) and bodies over the limit (413)."""

    def __init__(self, app: Any, policy: HostPolicy, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.policy = policy
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request, then pass it (with its body read ahead) to the app."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await _plain(send, 403, "不支持这种连接")
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.policy.allows(headers.get("host")):
            await _plain(send, 421, "拒绝访问：请求的主机名不是本服务器的地址（防止 DNS 重绑定）。"
                                    "办公室部署请用 --allow-host 名称 加入同事使用的地址。")  # fmt: skip
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await _plain(send, 413, "提交的内容太大，已拒绝")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                await _plain(send, 413, "提交的内容太大，已拒绝")
                return
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _plain(send: Send, status: int, text: str) -> None:
    """Answer with a short Chinese text (no page, no traceback)."""
    data = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(data)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": data})


def same_secret(given: str | None, expected: str) -> bool:
    """Compare a token in constant time."""
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


def check_file_name(name: str, suffixes: tuple[str, ...]) -> str:
    """Return ``name`` when it is a plain file name with one of ``suffixes``; refuse anything else.

    No folders (``/``, ``\\``), no ``..``, no hidden files, no control characters, no
    drive letters: a name can only ever mean a file directly in the workspace folder.
    """
    shown = name if len(name) <= MAX_NAME else name[:MAX_NAME] + "…"
    bad = (
        not name
        or len(name) > MAX_NAME
        or name != name.strip()
        or any(ch in name for ch in '/\\:*?"<>|')
        or name.startswith(".")
        or ".." in name
        or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name)
    )
    if bad:
        raise UserError(
            f'文件名“{shown}”不可用：只能是工作区文件夹里的文件名，不能含有 / \\ : * ? " < > | 或 ..'
        )
    if not name.lower().endswith(suffixes):
        raise UserError(f"文件名“{shown}”应以 {'、'.join(suffixes)} 结尾")
    return name


def contained(root: Path, name: str, suffixes: tuple[str, ...] = BRIEF_SUFFIXES) -> Path:
    """The path of file ``name`` directly inside ``root``; refuse one that would lead outside."""
    check_file_name(name, suffixes)
    base = root.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise UserError(f"文件名“{name}”指向工作区文件夹之外，已拒绝")
    return target


def brief_file_name(stem_or_name: str) -> str:
    """A brief name as the writer typed it, with ``.yaml`` added when it has no suffix."""
    name = stem_or_name.strip()
    return name if name.lower().endswith(BRIEF_SUFFIXES) else name + ".yaml"
