"""``speechgen new``: a commented brief per template that renders as written, plus its schema."""

from __future__ import annotations

import json

import pytest

from helpers import docx_texts, load_like_editor, schema_validator

BUILTINS = ["situation", "progress", "mobilization", "commendation", "warning"]


@pytest.mark.parametrize("name", BUILTINS)
def test_new_then_render(name, invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "--template", name, "-o", "b.yaml")
    assert result.exit_code == 0, result.stderr
    brief = tmp_path / "b.yaml"
    text = brief.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=speechgen.schema.json"
    schema = json.loads((tmp_path / "speechgen.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "speechgen 讲话稿简报"
    assert f"template: {name}" in text
    rendered = invoke("render", "b.yaml")
    assert rendered.exit_code == 0, rendered.stderr
    assert docx_texts(tmp_path / "b.docx")[-1].startswith("同志们")
    assert not list(schema_validator().iter_errors(load_like_editor(brief)))


def test_new_accepts_chinese_name_and_explains_every_field(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("new", "-t", "动员部署会", "-o", "m.yaml").exit_code == 0
    text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert "template: mobilization" in text
    for comment in (
        "# 会议名称",
        "# 召开会议的单位",
        "# 考核排名",
        "# 下一步举措",
        "# 举措标题",
        "# 完成时限",
        "# 是否与表彰合开",
        "# subtitle:",
        "# profile:",
        "# shell:",
    ):
        assert comment in text, comment


def test_new_refuses_to_overwrite_without_force(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.yaml").write_text("我的简报\n", encoding="utf-8")
    result = invoke("new", "-o", "b.yaml")
    assert result.exit_code == 3 and "--force" in result.stderr
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == "我的简报\n"
    forced = invoke("new", "-o", "b.yaml", "--force")
    assert forced.exit_code == 0, forced.stderr
    backups = list(tmp_path.glob("b.bak-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "我的简报\n"
    assert "template: situation" in (tmp_path / "b.yaml").read_text(encoding="utf-8")


def test_new_for_office_template_names_it(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "office"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: office\ncn_name: 本局推进会\nextends: progress\n", encoding="utf-8"
    )
    (folder / "speech.j2").write_text("", encoding="utf-8")
    assert invoke("new", "-t", "本局推进会", "-o", "o.yaml").exit_code == 0
    assert "template: office" in (tmp_path / "o.yaml").read_text(encoding="utf-8")
    assert invoke("render", "o.yaml", "-f", "txt").exit_code == 0


def test_new_unknown_template_is_bad_input(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "-t", "nosuch", "-o", "x.yaml")
    assert result.exit_code == 2 and "nosuch" in result.stderr and "工作推进会" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
