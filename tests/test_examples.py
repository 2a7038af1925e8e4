"""The shipped examples: each renders, and the schema file they point to is current."""

import json
from pathlib import Path

import pytest

from speechgen.templating.scaffold import template_schema as brief_schema

from helpers import EXAMPLES, REPO, docx_texts

BRIEFS = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads((EXAMPLES / "speechgen.schema.json").read_text(encoding="utf-8"))
    assert committed == brief_schema(), (
        "regenerate with: speechgen schema -o examples/speechgen.schema.json"
    )


@pytest.mark.parametrize("name", BRIEFS)
def test_example_points_at_the_schema_beside_it(name: str) -> None:
    first = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=speechgen.schema.json"


@pytest.mark.parametrize("name", BRIEFS)
def test_example_renders(invoke, example_copy, name: str) -> None:
    brief: Path = example_copy(name)
    result = invoke("render", brief)
    assert result.exit_code == 0, result.stderr
    texts = docx_texts(brief.with_suffix(".docx"))
    assert texts[0].startswith("在") and texts[0].endswith("上的讲话")
    assert "同志们：" in texts
    assert not any("{{" in t or "None" in t for t in texts)


def test_source_checkout_templates_are_not_local_shadows(monkeypatch) -> None:
    from speechgen.templating.registry import search_roots

    origins = [origin for _, origin in search_roots([], cwd=REPO)]
    assert "./templates" not in origins
