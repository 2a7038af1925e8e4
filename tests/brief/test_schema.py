"""``speechgen schema``: JSON Schema with Chinese descriptions that every example satisfies."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
import yaml

from speechgen.templating.scaffold import template_schema as brief_schema

from helpers import EXAMPLES, load_like_editor, schema_validator, write_brief


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
    errors = [
        e.message for e in schema_validator().iter_errors(load_like_editor(EXAMPLES / example))
    ]
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
    assert list(schema_validator().iter_errors(load_like_editor(path)))


def test_schema_accepts_quoted_numbers_that_speechgen_accepts(invoke, tmp_path):
    """The schema rejected ``previous: "3"`` although speechgen renders it fine."""
    text = (
        "template: situation\nmeeting:\n  name: 全市形势分析会\n  organization: 滨江市税务局\n"
        '  minutes: "30"\nranking:\n  previous: "3"\n  current: 9\n  total: "13"\n'
    )
    brief = write_brief(tmp_path, text, "quoted.yaml")
    validator = jsonschema.Draft202012Validator(brief_schema())
    assert list(validator.iter_errors(yaml.safe_load(text))) == []
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "从第3名下降到第9名" in result.stdout
    bad = yaml.safe_load(text.replace('previous: "3"', 'previous: "三"'))
    assert list(validator.iter_errors(bad))
