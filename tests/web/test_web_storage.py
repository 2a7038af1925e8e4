"""Workspace storage: round-trip saves, half-filled and invalid briefs, copy, rename, history, drafts."""

from __future__ import annotations

import difflib
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from speechgen.web import engine, yamldoc
from speechgen.web.quarter import copy_rules, next_name

from helpers import COMMENTED_BRIEF, editor_base, sign_in_local, workspace_client, write_text


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_text(tmp_path, "2026Q1.yaml", COMMENTED_BRIEF)
    return tmp_path


@pytest.fixture
def session(folder: Path):
    client, settings = workspace_client(folder)
    csrf = sign_in_local(client, settings)

    def call(url: str, body: dict):
        return client.post(url, json=body, headers={"X-CSRF-Token": csrf})

    def form(url: str, fields: dict):
        return client.post(url, data={"csrf": csrf, **fields}, follow_redirects=False)

    return client, call, form


def _save(session, data: dict, name: str = "2026Q1.yaml"):
    client, call, _ = session
    return call("/api/save", {"name": name, "data": data, "base": editor_base(client, name)})


def _diff(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_save_changes_only_the_edited_values(folder: Path, session) -> None:
    before = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    result = _save(session, {
        "meeting": {"name": "全市第二季度形势分析会", "organization": "滨江市税务局",
                    "date": "2026-03-20", "minutes": "20"},
        "ranking": [{"o": 0, "v": {"previous": "3", "current": "8", "total": "13"}}],
        "weaknesses": [{"o": 0, "v": {"title": "基层活力不足"}}, {"o": None, "v": {"title": "创新成果偏少"}}],
    }).json()  # fmt: skip
    assert result["ok"], result
    after = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    assert sorted(_diff(before, after)) == [
        "+  current: 8",
        "+  name: 全市第二季度形势分析会  # 会议名称",
        "+weaknesses: [基层活力不足, 创新成果偏少]",
        "-  current: 9",
        "-  name: 全市形势分析会      # 会议名称",
        "-weaknesses: [基层活力不足]",
    ]
    assert "date: 2026年3月20日" in after  # the same date typed differently is no change


def test_moving_a_measure_keeps_its_comment(folder: Path, session) -> None:
    data = yamldoc.to_plain(yamldoc.load(COMMENTED_BRIEF))
    measures = [{"o": 1, "v": data["measures"][1]}, {"o": 0, "v": data["measures"][0]}]
    for entry in measures:
        points = entry["v"].get("points", [])
        entry["v"] = {
            **entry["v"],
            "points": [{"o": i, "v": {"title": p}} for i, p in enumerate(points)],
        }
    assert _save(session, {"measures": measures}).json()["ok"]
    after = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    assert after.index("形成协同高效的责任体系   # 第二项") < after.index("形成各司其职的担当体系")
    assert "# 第一项最要紧" in after and "（手写的注释）" in after and "# 省局通报" in after


def test_a_half_filled_brief_is_saved_and_marks_what_to_fill(folder: Path, session) -> None:
    result = _save(session, {"meeting": {"name": "", "organization": "滨江市税务局"}}).json()
    assert result["ok"], result
    assert "meeting.name" in result["todo"]
    text = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    assert "  name:      # 会议名称" in text or "  name: # 会议名称" in text or "  name:" in text
    client, call, _ = session
    preview = call("/api/preview", {"name": "2026Q1.yaml", "data": {}}).json()
    assert not preview["ok"] and preview["problems"][0]["path"] == "meeting.name"
    assert preview["problems"][0]["todo"]
    assert (
        'data-path="meeting.name" data-kind="text" data-todo' in client.get("/b/2026Q1.yaml").text
    )


def test_an_invalid_brief_is_not_saved_and_the_message_is_at_the_field(
    folder: Path, session
) -> None:
    before = (folder / "2026Q1.yaml").read_text(encoding="utf-8")
    result = _save(session, {"ranking": [{"o": 0, "v": {"current": "15", "total": "13"}}]}).json()
    assert not result["ok"]
    problem = result["problems"][0]
    assert problem["path"] == "ranking[0].current" and not problem["todo"]
    assert problem["message"] == "current 是第15名，超过了参加排名的单位数 total（13）"
    bad_date = _save(session, {"meeting": {"date": "5月10日"}}).json()
    assert bad_date["problems"][0]["path"] == "meeting.date"
    assert "不是日期" in bad_date["problems"][0]["message"]
    assert (folder / "2026Q1.yaml").read_text(encoding="utf-8") == before


def test_windows_line_ends_and_bom_survive_a_save(tmp_path: Path) -> None:
    raw = ("\ufeff" + COMMENTED_BRIEF).replace("\n", "\r\n").encode("utf-8")
    (tmp_path / "win.yaml").write_bytes(raw)
    client, settings = workspace_client(tmp_path)
    csrf = sign_in_local(client, settings)
    body = {
        "name": "win.yaml",
        "data": {"ranking": [{"o": 0, "v": {"current": "8"}}]},
        "base": editor_base(client, "win.yaml"),
    }
    assert client.post("/api/save", json=body, headers={"X-CSRF-Token": csrf}).json()["ok"]
    written = (tmp_path / "win.yaml").read_bytes()
    assert written == raw.replace(b"current: 9", b"current: 8")


def test_copy_makes_next_quarters_brief(folder: Path, session) -> None:
    client, _, form = session
    response = form("/copy", {"source": "2026Q1.yaml", "name": next_name("2026Q1") + ".yaml"})
    assert response.status_code == 303 and response.headers["location"] == "/b/2026Q2.yaml"
    text = (folder / "2026Q2.yaml").read_text(encoding="utf-8")
    assert "previous: 9\n" in text and "current:\n" in text and "total: 13" in text
    assert "  date:\n" in text and "deadline: 长期坚持" in text
    assert "deadline: 2026-06-30" not in text and "（手写的注释）" in text
    page = client.get("/b/2026Q2.yaml").text
    for path in ("meeting.date", "ranking[0].current", "measures[0].deadline"):
        assert f'data-path="{path}"' in page
        assert page.split(f'data-path="{path}"')[1].split(">")[0].endswith('data-todo=""')
    assert "复制自 2026Q1.yaml" in client.get("/b/2026Q2.yaml/history").text


def test_copy_rules_cover_scores_indicators_and_next_steps() -> None:
    doc = yamldoc.load("""\
meeting: {name: 会, organization: 局, date: 2026-03-20}
ranking:
  - assessment: 甲
    current: 5
    score: 86.5
    average: 88.2
    leader: {name: 某县, score: 95.1}
    peers:
      - {name: 乙县, rank: 4, score: 90.3}
    indicators:
      - {name: 基层党建, score: 7.5, full: 10, rank: 11, previous: 5}
      - {name: 增速, value: 5.2, unit: "%", target: 6.0, last_year: 5.8}
  - assessment: 乙
    previous: 2
    current: 3
next_steps:
  - {when: 本月底, what: 交流学习}
""")
    plain = yamldoc.to_plain(copy_rules(doc, lambda t: engine.parse_date(t) is not None))
    first, second = plain["ranking"]
    assert plain["meeting"]["date"] == "" and plain["next_steps"] == []
    assert first["previous"] == "5" and first["current"] == "" and first["score"] == ""
    assert first["average"] == "" and first["leader"] == {"name": "某县", "score": ""}
    assert first["peers"][0] == {"name": "乙县", "rank": "", "score": ""}
    assert first["indicators"][0] == {
        "name": "基层党建",
        "score": "",
        "full": "10",
        "rank": "",
        "previous": "11",
    }
    assert first["indicators"][1]["value"] == "" and first["indicators"][1]["last_year"] == "5.8"
    assert second["previous"] == "3" and second["current"] == ""


def test_next_name() -> None:
    assert next_name("2026Q2") == "2026Q3"
    assert next_name("形势分析会2026q4") == "形势分析会2027q1"
    assert next_name("全市会议") == "全市会议-副本"


def test_new_brief_is_the_scaffold_of_speechgen_new(tmp_path: Path) -> None:
    client, settings = workspace_client(tmp_path)
    csrf = sign_in_local(client, settings)
    response = client.post("/new", data={"csrf": csrf, "name": "推进会", "template": "progress"},
                           follow_redirects=False)  # fmt: skip
    assert response.status_code == 303
    from typer.testing import CliRunner

    from speechgen.cli.app import app

    reference = tmp_path / "ref"
    reference.mkdir()
    CliRunner().invoke(app, ["new", "--template", "progress", "-o", str(reference / "x.yaml")])
    assert (tmp_path / "推进会.yaml").read_text(encoding="utf-8") == (
        reference / "x.yaml"
    ).read_text(encoding="utf-8")
    assert (tmp_path / engine.SCHEMA_FILE).is_file()
    again = client.post("/new", data={"csrf": csrf, "name": "推进会", "template": "progress"})
    assert again.status_code == 400 and "已经存在" in again.text


def test_rename_keeps_the_history(folder: Path, session) -> None:
    client, _, form = session
    assert _save(session, {"meeting": {"name": "改名前保存的会"}}).json()["ok"]
    assert form("/rename", {"source": "2026Q1.yaml", "name": "一季度"}).status_code == 303
    assert not (folder / "2026Q1.yaml").exists() and (folder / "一季度.yaml").exists()
    history = client.get("/b/一季度.yaml/history").text
    assert "由 2026Q1.yaml 改名" in history and "保存" in history
    taken = form("/rename", {"source": "一季度.yaml", "name": "一季度.yaml"})
    assert taken.status_code == 400


def test_history_keeps_every_save_and_restores_any(folder: Path, session) -> None:
    client, _, form = session
    assert _save(session, {"meeting": {"name": "第一次改"}}).json()["ok"]
    assert _save(session, {"meeting": {"name": "第二次改"}}).json()["ok"]
    page = client.get("/b/2026Q1.yaml/history").text
    ids = [int(i) for i in __import__("re").findall(r'data-entry="(\d+)"', page)]
    assert len(ids) == 3  # the file as it was, then two saves
    assert "（文件）" in page and "本机" in page
    response = form("/b/2026Q1.yaml/restore", {"id": str(min(ids))})
    assert response.status_code == 303
    assert (folder / "2026Q1.yaml").read_text(encoding="utf-8") == COMMENTED_BRIEF
    assert f"恢复到 #{min(ids)}" in client.get("/b/2026Q1.yaml/history").text


def test_an_edited_draft_is_never_overwritten(folder: Path, session) -> None:
    client, call, _ = session
    first = call("/api/draft", {"name": "2026Q1.yaml"}).json()
    assert first == {"ok": True, "file": "2026Q1.docx", "backup": ""}
    download = client.get("/files/2026Q1.docx")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "attachment" in download.headers["content-disposition"]
    draft = folder / "2026Q1.docx"
    with zipfile.ZipFile(draft, "a") as zf:  # a person's edit
        zf.writestr("word/comments-by-hand.xml", "<x/>")
    edited = draft.read_bytes()
    refused = call("/api/draft", {"name": "2026Q1.yaml"}).json()
    assert refused["protected"] and "修改过" in refused["message"]
    assert refused["suggested"] == "2026Q1-新.docx" and draft.read_bytes() == edited
    renamed = call(
        "/api/draft", {"name": "2026Q1.yaml", "mode": "rename", "new_name": "2026Q1-新"}
    ).json()
    assert renamed["ok"] and (folder / "2026Q1-新.docx").exists() and draft.read_bytes() == edited
    backed = call("/api/draft", {"name": "2026Q1.yaml", "mode": "backup"}).json()
    assert backed["ok"] and backed["backup"].startswith("2026Q1.bak-")
    assert (folder / backed["backup"]).read_bytes() == edited


def test_merge_keeps_unknown_keys_and_short_items() -> None:
    from speechgen.web.form import full_shape

    doc = yamldoc.load("meeting: {name: 会, organization: 局}\nstrengths:\n  - 甲\n  - title: 乙\n")
    value = {"strengths": [{"o": 0, "v": {"title": "甲", "detail": ""}},
                           {"o": 1, "v": {"title": "乙", "detail": ""}},
                           {"o": None, "v": {"title": "丙", "detail": "细节"}}]}  # fmt: skip
    merged = yamldoc.merge_document(doc, value, full_shape(None), lambda a, b: False)
    assert isinstance(merged, CommentedMap)
    assert yamldoc.dump(merged) == (
        "meeting: {name: 会, organization: 局}\nstrengths:\n  - 甲\n  - title: 乙\n"
        "  - title: 丙\n    detail: 细节\n"
    )
