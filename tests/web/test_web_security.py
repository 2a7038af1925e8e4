"""Workspace security: token, Host check, path containment, accounts, CSRF, body limit, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.errors import UserError
from speechgen.web.accounts import Accounts
from speechgen.web.command import run_serve
from speechgen.web.db import Database
from speechgen.web.security import HostPolicy, check_file_name

from helpers import COMMENTED_BRIEF, editor_base, sign_in_local, workspace_client, write_text


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    write_text(work, "2026Q1.yaml", COMMENTED_BRIEF)
    return work


def test_without_the_token_every_route_is_forbidden(folder: Path) -> None:
    client, settings = workspace_client(folder)
    assert client.get("/").status_code == 403
    assert "需要访问令牌" in client.get("/").text
    assert client.get("/b/2026Q1.yaml").status_code == 403
    assert client.get("/files/2026Q1.docx").status_code == 403
    assert client.post("/api/preview", json={"name": "2026Q1.yaml", "data": {}}).status_code == 403
    assert client.get(f"/?token={settings.token}x").status_code == 403


def test_the_token_gives_an_httponly_samesite_session(folder: Path) -> None:
    client, settings = workspace_client(folder)
    response = client.get(f"/?token={settings.token}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert client.get("/").status_code == 200
    page = client.get("/b/2026Q1.yaml")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_a_foreign_host_header_is_refused(folder: Path) -> None:
    client, settings = workspace_client(folder)
    sign_in_local(client, settings)
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 421
    assert client.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 421
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_host_policy_of_office_mode() -> None:
    policy = HostPolicy(8765, office=True, allowed=["speech.office.lan"])
    assert policy.allows("speech.office.lan:8765")
    assert policy.allows("SPEECH.office.lan.:8765")
    assert policy.allows("192.168.1.20:8765")
    assert not policy.allows("rebind.attacker.example:8765")
    assert not policy.allows("speech.office.lan:80")
    local = HostPolicy(8765, office=False, allowed=[])
    assert local.allows("[::1]:8765") and not local.allows("192.168.1.20:8765")


@pytest.mark.parametrize(
    "name", ["../escape.yaml", "..\\escape.yaml", "sub/x.yaml", "/etc/x.yaml", ".hidden.yaml",
             "C:evil.yaml", "a\x00.yaml", "x.txt"],
)  # fmt: skip
def test_names_cannot_leave_the_folder(name: str) -> None:
    with pytest.raises(UserError):
        check_file_name(name, (".yaml", ".yml"))


def test_dot_dot_in_a_brief_name_is_refused_everywhere(folder: Path) -> None:
    client, settings = workspace_client(folder)
    csrf = sign_in_local(client, settings)
    headers = {"X-CSRF-Token": csrf}
    response = client.post("/api/save", json={"name": "../outside.yaml", "data": {}, "base": ""},
                           headers=headers)  # fmt: skip
    assert response.status_code == 400 and "不可用" in response.json()["message"]
    response = client.post(
        "/new", data={"csrf": csrf, "name": "../outside", "template": "situation"}
    )
    assert response.status_code == 400
    response = client.post("/copy", data={"csrf": csrf, "source": "2026Q1.yaml", "name": "../../x"})
    assert response.status_code == 400
    response = client.post("/rename", data={"csrf": csrf, "source": "2026Q1.yaml", "name": "a/b"})
    assert response.status_code == 400
    response = client.post("/api/draft", json={"name": "2026Q1.yaml", "mode": "rename",
                                               "new_name": "../x.docx"}, headers=headers)  # fmt: skip
    assert response.status_code == 400
    assert client.get("/files/..%2F..%2Fetc%2Fpasswd").status_code in (400, 404)
    assert client.get("/b/..%2Foutside.yaml").status_code in (400, 404)
    assert sorted(p.name for p in folder.parent.iterdir()) == ["work"]


def test_office_mode_does_not_start_without_an_account(folder: Path) -> None:
    started: list[object] = []
    with pytest.raises(UserError, match="至少一个账号"):
        run_serve(folder, host="0.0.0.0", open_browser=False, start=lambda *a: started.append(a))
    assert started == []


def test_wrong_password_is_refused_with_a_growing_pause(folder: Path) -> None:
    Accounts(Database(folder)).add("张三", "correct horse")
    pauses: list[float] = []

    async def record(seconds: float) -> None:
        pauses.append(seconds)

    client, _ = workspace_client(folder, office=True, sleep=record)
    assert client.get("/", follow_redirects=False).headers["location"].startswith("/login")

    def attempt(password: str):
        page = client.get("/login")
        nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)
        return client.post("/login", data={"nonce": nonce, "name": "张三", "password": password,
                                           "next": "/"}, follow_redirects=False)  # fmt: skip

    first = attempt("wrong password")
    assert first.status_code == 403 and "账号或密码不对" in first.text
    attempt("still wrong")
    assert pauses[0] >= 1 and pauses[1] > pauses[0]
    good = attempt("correct horse")
    assert good.status_code == 303
    assert client.get("/").status_code == 200 and "张三" in client.get("/").text
    assert len(pauses) == 2


def test_login_needs_its_own_form_nonce(folder: Path) -> None:
    Accounts(Database(folder)).add("张三", "correct horse")
    client, _ = workspace_client(folder, office=True)
    client.get("/login")
    forged = client.post(
        "/login", data={"nonce": "forged", "name": "张三", "password": "correct horse"}
    )
    assert forged.status_code == 403


def test_a_post_without_the_csrf_token_is_refused(folder: Path) -> None:
    client, settings = workspace_client(folder)
    csrf = sign_in_local(client, settings)
    base = editor_base(client, "2026Q1.yaml")
    body = {"name": "2026Q1.yaml", "data": {"meeting": {"name": "改过的会"}}, "base": base}
    assert client.post("/api/save", json=body).status_code == 403
    assert client.post("/api/save", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
    assert client.post("/new", data={"name": "x", "template": "situation"}).status_code == 403
    foreign = {"X-CSRF-Token": csrf, "Origin": "http://evil.example"}
    assert client.post("/api/save", json=body, headers=foreign).status_code == 403
    assert "改过的会" not in (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    assert client.post("/api/save", json=body, headers={"X-CSRF-Token": csrf}).json()["ok"]


def test_request_bodies_have_a_size_limit(folder: Path) -> None:
    client, settings = workspace_client(folder)
    csrf = sign_in_local(client, settings)
    huge = {"name": "2026Q1.yaml", "data": {"meeting": {"name": "长" * 1_000_000}}, "base": ""}
    response = client.post("/api/save", json=huge, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 413


def test_errors_never_show_a_traceback(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speechgen.web import service

    def broken(self, name, value):
        raise RuntimeError("boom in /secret/path.py")

    monkeypatch.setattr(service.Service, "preview", broken)
    monkeypatch.setattr(service.Service, "editor", broken)
    client, settings = workspace_client(folder)
    csrf = sign_in_local(client, settings)
    response = client.post("/api/preview", json={"name": "2026Q1.yaml", "data": {}},
                           headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert response.status_code == 500
    assert "服务器内部错误" in response.json()["message"]
    page = client.get("/b/2026Q1.yaml")
    assert page.status_code == 500 and "服务器内部错误" in page.text
    for text in (response.text, page.text):
        assert "Traceback" not in text and "boom" not in text and "secret" not in text


def _signed_in(client, name: str, password: str) -> str:
    """Sign ``client`` in as ``name``; return its CSRF token."""
    nonce = re.search(r'name="nonce" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"nonce": nonce, "name": name, "password": password})
    return re.search(r'name="csrf" content="([^"]+)"', client.get("/").text).group(1)


def test_two_sessions_saving_one_brief_the_second_gets_the_conflict(folder: Path) -> None:
    from starlette.testclient import TestClient

    accounts = Accounts(Database(folder))
    accounts.add("张三", "correct horse")
    accounts.add("李四", "battery staple")
    zhang, _ = workspace_client(folder, office=True)
    li = TestClient(zhang.app, base_url=str(zhang.base_url), raise_server_exceptions=False)
    zhang_csrf = _signed_in(zhang, "张三", "correct horse")
    li_csrf = _signed_in(li, "李四", "battery staple")
    base = editor_base(zhang, "2026Q1.yaml")
    assert editor_base(li, "2026Q1.yaml") == base

    def save(client, csrf: str, name: str):
        body = {"name": "2026Q1.yaml", "data": {"meeting": {"name": name}}, "base": base}
        return client.post("/api/save", json=body, headers={"X-CSRF-Token": csrf})

    assert save(zhang, zhang_csrf, "张三改的会").json()["ok"]
    refused = save(li, li_csrf, "李四改的会")
    assert refused.status_code == 409
    result = refused.json()
    assert result["conflict"] and "张三改的会" in result["theirs"] and result["saved_by"] == "张三"
    on_disk = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    assert "张三改的会" in on_disk and "李四改的会" not in on_disk
    history = zhang.get("/b/2026Q1.yaml/history").text
    kept = zhang.get(f"/b/2026Q1.yaml/history/{result['kept_as']}").text
    assert "未保存" in history and "李四改的会" in kept
