"""Phrase banks: --seed picks stock wordings reproducibly, and different seeds read differently."""

from __future__ import annotations

import pytest

from speechgen.templating.rendering import phrase_index

EXAMPLES = [
    "model_meeting.yaml",
    "progress_meeting.yaml",
    "mobilization_meeting.yaml",
]


def _render(invoke, brief, seed: int | None) -> str:
    args = ["render", brief, "-f", "txt", "-o", "-"] + (
        ["--seed", str(seed)] if seed is not None else []
    )
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("example", EXAMPLES)
def test_seeds_change_stock_passages_reproducibly(example, invoke, example_copy):
    """The same seed gives the same speech; another seed rewords it but keeps its structure."""
    brief = example_copy(example)
    one, two = _render(invoke, brief, 1), _render(invoke, brief, 2)
    assert one == _render(invoke, brief, 1)
    assert one != two
    paras_one, paras_two = one.split("\n\n"), two.split("\n\n")
    # the stock opening and closing change
    assert paras_one[4] != paras_two[4]
    assert paras_one[-1] != paras_two[-1]
    # the facts stay: every measure title of the brief is said in both
    import yaml

    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    for measure in data.get("measures", []):
        title = measure["title"] if isinstance(measure, dict) else measure
        assert title in one and title in two
    # the facts stay: as many parts, numbered alike (their headings come from one heading set)
    numbers = ("一、", "二、", "三、", "四、", "五、")
    assert [p[:2] for p in paras_one if p[:2] in numbers] == [
        p[:2] for p in paras_two if p[:2] in numbers
    ]


def test_no_seed_is_stable(invoke, example_copy):
    brief = example_copy("progress_meeting.yaml")
    assert _render(invoke, brief, None) == _render(invoke, brief, None)


def test_neighbouring_seeds_always_differ():
    for count in (2, 3, 5):
        for seed in range(1, 50):
            assert phrase_index("opening", count, seed) != phrase_index("opening", count, seed + 1)
            assert phrase_index("opening", count, seed) == phrase_index("opening", count, seed)


def test_missing_phrase_key_names_it(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "office"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("name: office\nextends: progress\n", encoding="utf-8")
    (folder / "speech.j2").write_text(
        '{% block closing %}{{ phrase("goodbye") }}{% endblock %}', encoding="utf-8"
    )
    brief = tmp_path / "b.yaml"
    brief.write_text(
        "template: office\nmeeting:\n  name: 会\n  organization: 局\n", encoding="utf-8"
    )
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 2 and "goodbye" in result.stderr


def test_office_phrase_bank_overrides_one_key(invoke, tmp_path, monkeypatch):
    """An office template's phrases.yaml overrides one key of its parent's bank, keeps the rest."""
    monkeypatch.chdir(tmp_path)
    parent = tmp_path / "templates" / "officebase"
    parent.mkdir(parents=True)
    (parent / "manifest.yaml").write_text("name: officebase\nextends: base\n", encoding="utf-8")
    (parent / "speech.j2").write_text(
        '{% extends "base/speech.j2" %}'
        '{% block opening %}{{ phrase("opening") }}{% endblock %}'
        '{% block closing %}{{ phrase("closing") }}{% endblock %}',
        encoding="utf-8",
    )
    (parent / "phrases.yaml").write_text(
        "opening:\n  - 今天开会，主要是盘点工作。\nclosing:\n  - 希望大家抓好落实！\n",
        encoding="utf-8",
    )
    folder = tmp_path / "templates" / "office"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text("name: office\nextends: officebase\n", encoding="utf-8")
    (folder / "speech.j2").write_text("", encoding="utf-8")
    (folder / "phrases.yaml").write_text("closing:\n  - 散会以后马上抓落实！\n", encoding="utf-8")
    brief = tmp_path / "b.yaml"
    brief.write_text(
        "template: office\nmeeting:\n  name: 会\n  organization: 局\n", encoding="utf-8"
    )
    text = _render(invoke, brief, 7)
    assert text.rstrip().endswith("散会以后马上抓落实！")
    assert "今天开会，主要是盘点工作。" in text


def test_join_counted_says_how_many_when_there_are_several() -> None:
    from speechgen.templating.environment import make_environment

    env = make_environment()
    tpl = env.from_string("{{ items|join_counted }}")
    assert tpl.render(items=["甲"]) == "甲"
    assert tpl.render(items=["甲", "乙"]) == "甲和乙两项"
    assert tpl.render(items=["甲", "乙", "丙#"]) == "甲、乙和丙&#35;三项"
