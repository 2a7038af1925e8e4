"""The form follows the schema and the manifest; the preview follows the profile and the checks."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from speechgen.web import engine, form, yamldoc
from speechgen.web.shapes import Shape

from helpers import COMMENTED_BRIEF, editor_base, sign_in_local, workspace_client, write_text


def _leaf_paths(shape: Shape, prefix: str = "") -> list[str]:
    """Paths of the scalar fields of a shape (list items at index 0)."""
    out = []
    for key, sub in shape.props.items():
        path = f"{prefix}.{key}" if prefix else key
        if sub.kind in ("object", "short"):
            out += _leaf_paths(sub, path)
        elif sub.kind == "array" and sub.item is not None and sub.item.kind in ("object", "short"):
            out += _leaf_paths(sub.item, f"{path}[0]")
        elif sub.kind != "map":
            out.append(path)
    return out


def _full_data() -> dict:
    """Plain data with one item in every list, so every field has a place in the form."""
    return {
        "meeting": {"name": "会", "organization": "局", "prior_speakers": ["甲"]},
        "ranking": {"strong_items": ["甲"], "weak_items": ["乙"]},
        "strengths": ["甲"], "weaknesses": ["乙"],
        "measures": [{"title": "举措", "points": ["一点"]}],
    }  # fmt: skip


def test_every_schema_field_is_in_the_form() -> None:
    html = form.render_form(_full_data(), engine.template_form("situation", Path.cwd()))
    paths = set(re.findall(r'data-path="([^"]*)"', html))
    missing = [p for p in _leaf_paths(form.schema_shape()) if p not in paths]
    assert not missing
    assert 'data-path="meeting.date" data-kind="date"' in html
    assert 'data-path="ranking[0].current" data-kind="integer"' in html
    assert "会议名称" in html and '<span class="req">必填</span>' in html


def test_template_options_are_menus() -> None:
    html = form.render_form({}, engine.template_form("progress", Path.cwd()))
    options = html.split('data-path="options"')[1]
    assert 'data-path="options.substyle" data-kind="choice"' in options
    assert '<option value="inline">inline</option>' in options
    assert "不选则用默认：inline" in options


def test_a_field_the_schema_gains_appears_and_is_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = copy.deepcopy(engine.brief_schema())
    meeting = schema["$defs"]["Meeting"]["properties"]
    meeting["venue_kind"] = {"anyOf": [{"enum": ["主会场", "分会场", "视频"], "type": "string"},
                                       {"type": "null"}],
                             "default": None, "description": "会场形式：主会场、分会场或视频"}  # fmt: skip
    schema["properties"]["visits"] = {"type": "array", "description": "调研走访",
                                      "items": {"$ref": "#/$defs/Visit"}}  # fmt: skip
    schema["$defs"]["Visit"] = {"type": "object", "required": ["where"], "title": "走访",
                                "properties": {"where": {"type": "string", "description": "去了哪里"},
                                               "found": {"type": "string", "description": "发现什么"}}}  # fmt: skip
    monkeypatch.setattr(engine, "brief_schema", lambda: schema)
    html = form.render_form({"meeting": {}}, engine.template_form("situation", tmp_path))
    kind = html.split('data-path="meeting.venue_kind"')[1].split("</label>")[0]
    assert 'data-kind="choice"' in kind and '<option value="视频">视频</option>' in kind
    assert 'data-path="visits"' in html and "调研走访" in html
    assert "本模板不使用的字段（" in html and "visits" in html.split('<details class="unused"')[1]

    doc = yamldoc.load(COMMENTED_BRIEF)
    value = {
        "meeting": {"venue_kind": "视频"},
        "visits": [{"o": None, "v": {"where": "某某镇", "found": ""}}],
    }
    text = yamldoc.dump(
        yamldoc.merge_document(doc, value, form.full_shape(None), lambda a, b: False)
    )
    assert "  minutes: 20\n  venue_kind: 视频\n" in text
    assert text.endswith("visits:\n  - where: 某某镇\n") and "（手写的注释）" in text


def test_version_two_fields_are_saved_from_the_form(tmp_path: Path) -> None:
    write_text(tmp_path, "b.yaml", COMMENTED_BRIEF)
    client, settings = workspace_client(tmp_path)
    csrf = sign_in_local(client, settings)
    body = {"name": "b.yaml", "base": editor_base(client, "b.yaml"),
            "data": {"meeting": {"level": "县"},
                     "praise": [{"o": None, "v": {"who": "某某镇", "for": "项目攻坚成效明显"}}]}}  # fmt: skip
    result = client.post("/api/save", json=body, headers={"X-CSRF-Token": csrf}).json()
    assert result["ok"], result
    text = (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert (
        "  level: 县\n" in text and "praise:\n  - who: 某某镇\n    for: 项目攻坚成效明显\n" in text
    )


def test_a_local_template_with_fewer_parts_folds_the_others(tmp_path: Path) -> None:
    local = tmp_path / "templates" / "brief_only"
    local.mkdir(parents=True)
    (local / "manifest.yaml").write_text(
        "name: brief_only\ncn_name: 简短讲话\nuses: [meeting, measures]\n"
        "options:\n  closing:\n    type: list\n    description: 结束语\n",
        encoding="utf-8",
    )
    html = form.render_form({}, engine.template_form("brief_only", tmp_path))
    folded = html.split('<details class="unused"')[1]
    assert 'data-path="ranking"' in folded and 'data-path="strengths"' in folded
    assert 'data-path="measures"' not in folded
    assert 'data-path="options.closing" data-kind="array"' in html


def test_the_options_swap_when_the_template_changes(tmp_path: Path) -> None:
    write_text(tmp_path, "b.yaml", COMMENTED_BRIEF)
    client, settings = workspace_client(tmp_path)
    sign_in_local(client, settings)
    fragment = client.get("/api/options", params={"name": "b.yaml", "template": "progress"}).text
    assert fragment.startswith('<fieldset class="group" data-key="options" data-path="options"')
    assert "不选则用默认：inline" in fragment


def test_the_preview_uses_the_profile_and_links_findings(tmp_path: Path) -> None:
    write_text(tmp_path, "b.yaml", COMMENTED_BRIEF.replace("滨江市税务局", "某某市某某局"))
    client, settings = workspace_client(tmp_path)
    csrf = sign_in_local(client, settings)
    data = {"options": {"substyle": "headings"}, "meeting": {"speaker": "张某某"}}
    result = client.post("/api/preview", json={"name": "b.yaml", "data": data},
                         headers={"X-CSRF-Token": csrf}).json()  # fmt: skip
    assert result["ok"], result
    css, html = result["css"], result["html"]
    assert '.sheet .k-title{font-family:"Times New Roman", "方正小标宋简体"' in css
    assert "font-size:22.0pt" in css and "line-height:28.95pt" in css
    assert '.sheet .k-heading1{font-family:"Times New Roman", "黑体"' in css
    assert "text-indent:2.0em" in css and "width:210.0mm" in css
    assert '<p id="p-1" class="k-title' in html and "k-heading1" in html
    assert '<span class="head2">（一）' in html
    placeholder = [f for f in result["findings"] if f["rule"] == "placeholder.text"]
    assert placeholder and all(f'id="p-{f["para"]}"' in html for f in placeholder)
    assert f'id="p-{placeholder[0]["para"]}" class="' in html
    assert "has-error" in html.split(f'id="p-{placeholder[0]["para"]}"')[1].split(">")[0]
    assert "目标 20 分钟约 4400 字" in result["length"]["text"]
    assert result["length"]["budget"] == 4400


def test_the_preview_text_is_the_rendered_speech(tmp_path: Path) -> None:
    from speechgen import render_brief

    write_text(tmp_path, "b.yaml", COMMENTED_BRIEF)
    client, settings = workspace_client(tmp_path)
    csrf = sign_in_local(client, settings)
    result = client.post("/api/preview", json={"name": "b.yaml", "data": {}},
                         headers={"X-CSRF-Token": csrf}).json()  # fmt: skip
    shown = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p [^>]*>(.*?)</p>", result["html"])]
    import html as htmllib

    assert [htmllib.unescape(p) for p in shown] == render_brief(tmp_path / "b.yaml").paragraphs()
