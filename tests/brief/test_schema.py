"""``speechgen schema``: JSON Schema with Chinese descriptions that every example satisfies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from speechgen.templating.scaffold import template_schema as brief_schema
from tests.conftest import EXAMPLES


class _EditorLoader(yaml.SafeLoader):
    """YAML as editors read it (YAML 1.2 core: no timestamps, yes/no stay strings)."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_like_editor(path: Path) -> Any:
    """Load a brief the way yaml-language-server does."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)  # noqa: S506


def validator() -> jsonschema.Draft202012Validator:
    """A validator for the brief schema."""
    return jsonschema.Draft202012Validator(brief_schema())


def test_schema_command_prints_valid_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["meeting"]["description"] == "会议信息"
    assert "progress" in schema["properties"]["template"]["examples"]


def test_schema_descriptions_are_chinese():
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "title") and isinstance(value, str):
                    assert any("\u4e00" <= ch <= "\u9fff" for ch in value), value
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(brief_schema())


def test_schema_to_file(invoke, tmp_path):
    out = tmp_path / "s.json"
    result = invoke("schema", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(
    "example",
    [
        "model_meeting.yaml",
        "progress_meeting.yaml",
        "mobilization_meeting.yaml",
        "commendation_meeting.yaml",
    ],
)
def test_examples_validate(example, tmp_path):
    errors = [e.message for e in validator().iter_errors(load_like_editor(EXAMPLES / example))]
    assert errors == []


@pytest.mark.parametrize(
    "text",
    [
        "meeting: {name: 会}\n",  # organization missing
        "meeting: {name: 会, organization: 局}\nmeasure: []\n",  # typo
        "meeting: {name: 会, organization: 局, date: 五月十日}\n",
        "meeting: {name: 会, organization: 局}\nranking: {current: 第九}\n",
    ],
)
def test_schema_rejects_bad_briefs(text, tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    assert list(validator().iter_errors(load_like_editor(path)))
