"""The Starlette application: routes, sign-in, the access token and CSRF on every change.

Local mode (the default) listens on 127.0.0.1 and admits a browser that presents the
random token once (``/?token=…``, then a session cookie). Office mode admits signed-in
accounts. Either way every POST needs the session's CSRF token, requests for another
host name are refused (:class:`~speechgen.web.security.Guard`) and errors never show
a traceback.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import SpeechgenError, UserError
from . import engine
from .accounts import Accounts
from .db import Database
from .quarter import next_name
from .security import Guard, HostPolicy, same_secret
from .service import Service
from .sessions import COOKIE, Session, Sessions, Throttle

LOCAL_USER = "本机"
LOGIN_COOKIE = "speechgen_login"
STATIC = Path(__file__).resolve().parent / "static"

Handler = Callable[[Request, Session], Awaitable[Response]]


@dataclass
class Settings:
    """How the server runs: folder, mode, token, port and allowed host names."""

    folder: Path
    port: int
    office: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    allowed_hosts: tuple[str, ...] = ()
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep


_pages = Environment(
    loader=PackageLoader("speechgen.web", "pages"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


class Workspace:
    """Everything a request handler needs: settings, services, sessions, page rendering."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings.folder)
        self.accounts = Accounts(self.db)
        self.service = Service(settings.folder, self.db)
        self.sessions = Sessions()
        self.throttle = Throttle()

    def page(self, page_name: str, request: Request, session: Session | None, status: int = 200,
             **values: Any) -> HTMLResponse:  # fmt: skip
        """Render page ``page_name`` with the common values (user, CSRF token, folder)."""
        html = _pages.get_template(page_name).render(
            session=session,
            office=self.settings.office,
            folder=str(self.settings.folder),
            folder_name=self.settings.folder.name or str(self.settings.folder),
            app_version=__version__,
            **values,
        )
        return HTMLResponse(html, status_code=status, headers=_NO_STORE)


_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
             "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY",
             "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                        "img-src 'self' data:; frame-ancestors 'none'"}  # fmt: skip


def _set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/")


def _same_origin(request: Request) -> bool:
    """A browser's Origin (or Referer), when sent, must be this server's own address."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin != "null"
    return urlsplit(origin).netloc.lower() == (request.headers.get("host") or "").lower()


async def _form(request: Request) -> dict[str, str]:
    """A URL-encoded form body as a dict (first value of each field)."""
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


async def _json(request: Request) -> dict[str, Any]:
    """A JSON object body; anything else is refused."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise UserError("请求内容不是有效的 JSON")
    return data


def build_app(settings: Settings) -> Any:
    """The ASGI application (Starlette behind the Host and body-size guard)."""
    ws = Workspace(settings)

    def forbidden(request: Request, message: str, status: int = 403) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "message": message}, status_code=status)
        return ws.page("message.html", request, None, status, title="无法访问", message=message)

    def guarded(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """Admit only a session (token or sign-in); check CSRF on POST; turn errors into pages."""

        async def endpoint(request: Request) -> Response:
            session = ws.sessions.get(request.cookies.get(COOKIE))
            if session is None:
                token = request.query_params.get("token")
                if not settings.office and token and same_secret(token, settings.token):
                    session = ws.sessions.create(LOCAL_USER)
                    response = RedirectResponse(request.url.path, status_code=303)
                    _set_cookie(response, COOKIE, session.id)
                    return response
                if (
                    settings.office
                    and request.method == "GET"
                    and not request.url.path.startswith("/api/")
                ):
                    return RedirectResponse(
                        f"/login?next={quote(request.url.path)}", status_code=303
                    )
                message = (
                    "请先登录。" if settings.office
                    else "需要访问令牌：请使用 speechgen serve 启动时打印的完整地址（带 ?token=…）打开。"
                )  # fmt: skip
                return forbidden(request, message)
            if request.method == "POST":
                given = request.headers.get("x-csrf-token")
                if given is None and "application/x-www-form-urlencoded" in request.headers.get(
                    "content-type", ""
                ):
                    given = (await _form(request)).get("csrf")
                if not same_secret(given, session.csrf) or not _same_origin(request):
                    return forbidden(
                        request, "请求缺少有效的安全令牌（CSRF），已拒绝。请刷新页面后重试。"
                    )
            try:
                return await handler(request, session)
            except SpeechgenError as exc:
                if request.url.path.startswith("/api/"):
                    return JSONResponse({"ok": False, "message": exc.message}, status_code=400)
                return ws.page("message.html", request, session, 400, title="操作没有完成",
                               message=exc.message)  # fmt: skip

        return endpoint

    async def home(request: Request, session: Session) -> Response:
        summaries = await run_in_threadpool(ws.service.workspace.summaries)
        templates = await run_in_threadpool(engine.templates, ws.service.root)
        return ws.page("list.html", request, session, briefs=summaries, templates=templates,
                       next_name=lambda n: next_name(n.rsplit(".", 1)[0]) + ".yaml",
                       message=request.query_params.get("msg", ""))  # fmt: skip

    async def editor(request: Request, session: Session) -> Response:
        name = request.path_params["name"]
        state = await run_in_threadpool(ws.service.editor, name)
        return ws.page("editor.html", request, session, **state)

    async def history(request: Request, session: Session) -> Response:
        name = request.path_params["name"]
        ws.service.workspace.path(name)
        entries = await run_in_threadpool(ws.service.workspace.entries, name)
        return ws.page("history.html", request, session, name=name, entries=entries)

    async def version_view(request: Request, session: Session) -> Response:
        name = request.path_params["name"]
        entry = await run_in_threadpool(
            ws.service.workspace.entry, name, int(request.path_params["id"])
        )
        return ws.page("version.html", request, session, name=name, entry=entry)

    async def restore(request: Request, session: Session) -> Response:
        name = request.path_params["name"]
        entry_id = (await _form(request)).get("id", "")
        if not entry_id.isdigit():
            raise UserError("没有指明要恢复的版本")
        await run_in_threadpool(ws.service.restore, name, int(entry_id), session.user)
        return RedirectResponse(f"/b/{quote(name)}?restored={entry_id}", status_code=303)

    async def create(request: Request, session: Session) -> Response:
        form = await _form(request)
        name = await run_in_threadpool(
            ws.service.new, form.get("name", ""), form.get("template", ""), session.user
        )
        return RedirectResponse(f"/b/{quote(name)}", status_code=303)

    async def copy(request: Request, session: Session) -> Response:
        form = await _form(request)
        name = await run_in_threadpool(
            ws.service.copy, form.get("source", ""), form.get("name", ""), session.user
        )
        return RedirectResponse(f"/b/{quote(name)}", status_code=303)

    async def rename(request: Request, session: Session) -> Response:
        form = await _form(request)
        name = await run_in_threadpool(
            ws.service.rename, form.get("source", ""), form.get("name", ""), session.user
        )
        return RedirectResponse(f"/?msg={quote('已改名为 ' + name)}", status_code=303)

    async def api_preview(request: Request, session: Session) -> Response:
        body = await _json(request)
        raw = body.get("data")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        result = await run_in_threadpool(ws.service.preview, str(body.get("name", "")), data)
        return JSONResponse(result)

    async def api_save(request: Request, session: Session) -> Response:
        body = await _json(request)
        raw = body.get("data")
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        result = await run_in_threadpool(ws.service.save, str(body.get("name", "")), data,
                                         str(body.get("base", "")), session.user)  # fmt: skip
        return JSONResponse(result, status_code=409 if result.get("conflict") else 200)

    async def api_draft(request: Request, session: Session) -> Response:
        body = await _json(request)
        result = await run_in_threadpool(
            lambda: ws.service.draft(str(body.get("name", "")), mode=str(body.get("mode", "")),
                                     new_name=str(body.get("new_name", "")), pdf=bool(body.get("pdf")))
        )  # fmt: skip
        return JSONResponse(result)

    async def api_options(request: Request, session: Session) -> Response:
        fragment = await run_in_threadpool(ws.service.options_form, request.query_params.get("template", ""),
                                           request.query_params.get("name", ""))  # fmt: skip
        return HTMLResponse(fragment, headers=_NO_STORE)

    async def download(request: Request, session: Session) -> Response:
        path = ws.service.draft_file(request.path_params["name"])
        return FileResponse(path, filename=path.name, headers={"Cache-Control": "no-store"})

    async def logout(request: Request, session: Session) -> Response:
        ws.sessions.drop(session.id)
        response = RedirectResponse("/login" if settings.office else "/", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    async def login_page(request: Request) -> Response:
        if not settings.office:
            return forbidden(request, "本机模式不需要登录：请使用启动时打印的带令牌的地址。", 404)
        nonce = secrets.token_urlsafe(24)
        response = ws.page("login.html", request, None, nonce=nonce, error="",
                           next=request.query_params.get("next", "/"))  # fmt: skip
        _set_cookie(response, LOGIN_COOKIE, nonce)
        return response

    async def login(request: Request) -> Response:
        if not settings.office:
            return forbidden(request, "本机模式不需要登录。", 404)
        form = await _form(request)
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not same_secret(form.get("nonce"), nonce) or not _same_origin(request):
            return forbidden(request, "登录页面已过期，请刷新后重新登录。")
        name, password = form.get("name", "").strip(), form.get("password", "")
        target = form.get("next", "/")
        target = target if target.startswith("/") and not target.startswith("//") else "/"
        ok = await run_in_threadpool(ws.accounts.verify, name, password)
        client = request.client.host if request.client else "?"
        if not ok:
            await settings.sleep(ws.throttle.pause_after_failure(f"name:{name}", f"addr:{client}"))
            fresh = secrets.token_urlsafe(24)
            response = ws.page("login.html", request, None, 403, nonce=fresh, next=target,
                               error="账号或密码不对。", name=name)  # fmt: skip
            _set_cookie(response, LOGIN_COOKIE, fresh)
            return response
        ws.throttle.succeeded(f"name:{name}", f"addr:{client}")
        session = ws.sessions.create(name)
        done = RedirectResponse(target, status_code=303)
        _set_cookie(done, COOKIE, session.id)
        done.delete_cookie(LOGIN_COOKIE, path="/")
        return done

    async def not_found(request: Request, exc: Exception) -> Response:
        return forbidden(request, "没有这个页面。", 404)

    async def server_error(request: Request, exc: Exception) -> Response:
        print(f"speechgen serve 内部错误：{type(exc).__name__}: {exc}", file=sys.stderr)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "message": "服务器内部错误，请重试；如果反复出现请报告维护者。"},
                                status_code=500)  # fmt: skip
        return ws.page("message.html", request, None, 500, title="服务器内部错误",
                       message="服务器内部错误，请重试；如果反复出现请报告维护者。")  # fmt: skip

    routes = [
        Route("/", guarded(home)),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", guarded(logout), methods=["POST"]),
        Route("/new", guarded(create), methods=["POST"]),
        Route("/copy", guarded(copy), methods=["POST"]),
        Route("/rename", guarded(rename), methods=["POST"]),
        Route("/b/{name}", guarded(editor)),
        Route("/b/{name}/history", guarded(history)),
        Route("/b/{name}/history/{id:int}", guarded(version_view)),
        Route("/b/{name}/restore", guarded(restore), methods=["POST"]),
        Route("/api/preview", guarded(api_preview), methods=["POST"]),
        Route("/api/save", guarded(api_save), methods=["POST"]),
        Route("/api/draft", guarded(api_draft), methods=["POST"]),
        Route("/api/options", guarded(api_options)),
        Route("/files/{name}", guarded(download)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, Exception: server_error})
    app.state.workspace = ws
    policy = HostPolicy(settings.port, office=settings.office, allowed=settings.allowed_hosts)
    return Guard(app, policy)
