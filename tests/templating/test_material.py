"""The material library and the picker: parsing, tags, reproducible keyed selection, budgets, cache."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from speechgen.errors import UserError
from speechgen.templating import material
from speechgen.templating.material import (
    Library,
    Picker,
    lint_entries,
    load_library,
    parse_material,
    spoken_length,
)
from speechgen.templating.registry import search_roots
from speechgen.templating.rendering import template_library

from helpers import REPO, mini_fill_text, mini_template, run_cli, write_brief

CJK = re.compile(r"[\u4e00-\u9fff]")


def _library(text: str, source: str = "m.yaml") -> Library:
    return Library(parse_material(text, source))


def _pool(slot: str, count: int) -> str:
    return f"{slot}:\n" + "".join(f"  - {mini_fill_text(slot, n)}\n" for n in range(count))


TAGS: dict[str, tuple[str, ...]] = {"direction": ("down",), "band": ("中下游",)}


# --- parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("opening.more: 一句话\n", ["m.yaml", "opening.more", "一组条目"]),
        ("opening.more:\n  - 好\n  - {when: {direction: up}}\n", ["opening.more", "第2条", "text"]),
        ("opening.more:\n  - {text: 好, tone: up}\n", ["opening.more", "第1条", "tone"]),
        ("opening.more:\n  - '  '\n", ["opening.more", "第1条", "空"]),
        ("opening.more:\n  - [甲, 乙]\n", ["opening.more", "第1条"]),
        ("headings.parts:\n  - set: [甲, 乙]\n", ["headings.parts", "set"]),
        ("opening.more:\n  - {text: 好, when: up}\n", ["opening.more", "when"]),
    ],
)
def test_parse_errors_are_chinese_and_name_file_and_slot(text: str, words: list[str]) -> None:
    with pytest.raises(UserError) as caught:
        parse_material(text, "m.yaml")
    message = str(caught.value)
    assert CJK.search(message)
    assert "m.yaml" in message
    for word in words:
        assert word in message, message


def test_a_yaml_mistake_is_located_in_chinese() -> None:
    with pytest.raises(UserError) as caught:
        parse_material("opening.more:\n  - [未闭合\n", "office/material.yaml")
    message = str(caught.value)
    assert "office/material.yaml" in message and CJK.search(message)
    assert "Traceback" not in message


def test_unknown_when_keys_are_rejected() -> None:
    with pytest.raises(UserError) as caught:
        parse_material("opening.more:\n  - {text: 好, when: {mood: down}}\n", "m.yaml")
    message = str(caught.value)
    assert "mood" in message and "opening.more" in message
    assert "direction" in message and "band" in message  # the keys one may use


def test_lint_flags_a_misspelt_band_and_passes_good_tags() -> None:
    library = _library(
        "situation.alarm:\n"
        "  - {text: 好, when: {direction: down, band: [中游, 末位]}}\n"
        "  - {text: 也好, when: {direction: sideways}}\n"
        "  - {text: 都好, when: {band: 倒数第二, size: 大幅, role: 领导干部, kind: pledge}}\n"
    )
    problems = lint_entries(library)
    assert len(problems) == 2
    assert "中游" in problems[0] and "situation.alarm" in problems[0] and "第1条" in problems[0]
    assert "sideways" in problems[1] and "第2条" in problems[1]
    assert all(CJK.search(p) for p in problems)


@pytest.mark.parametrize(
    "template",
    sorted(p.parent.name for p in (REPO / "templates").glob("*/manifest.yaml")),
)
def test_shipped_material_has_no_unknown_tags(template: str) -> None:
    roots = search_roots([])
    from speechgen.templating.registry import resolve_template

    library = template_library(resolve_template(template, roots), roots)
    assert lint_entries(library) == []


# --- selection ---------------------------------------------------------------------------


def test_selection_is_reproducible_by_seed() -> None:
    library = _library(_pool("s", 20) + _pool("f", 20))

    def draw(seed: int) -> list[str]:
        picker = Picker(library, TAGS, seed).second_pass({"p": 400})
        return picker.say("s", n=3) + picker.fill("f", "p")

    assert draw(7) == draw(7)
    assert draw(1) != draw(2)
    assert len(set(draw(1)) ^ set(draw(2))) >= 2  # not only the order differs


def test_different_seeds_spread_over_the_pool() -> None:
    library = _library(_pool("s", 12))
    firsts = {Picker(library, TAGS, seed).say("s")[0] for seed in range(40)}
    assert len(firsts) >= 8


def test_when_conditions_filter_entries() -> None:
    library = _library(
        "s:\n  - {text: 掉了要警醒, when: {direction: down}}\n"
        "  - {text: 升了要清醒, when: {direction: up}}\n"
        "  - {text: 末位要奋起, when: {direction: [down, same], band: [末位, 倒数第二]}}\n"
        "  - 不带条件的一句\n"
    )
    said = Picker(library, TAGS, 0).say("s", n=10)
    assert sorted(said) == sorted(["掉了要警醒", "不带条件的一句"])
    extra = Picker(library, TAGS, 0).say("s", n=10, band=["末位"])
    assert "末位要奋起" in extra


def test_an_entry_for_the_units_sector_goes_first() -> None:
    library = _library(
        _pool("s", 8)
        + "  - {text: 医院讲患者, when: {sector: 医疗}}\n"
        + "  - {text: 公安讲平安, when: {sector: 公安}}\n"
    )
    hospital = {**TAGS, "sector": ("医疗",)}
    for seed in range(5):
        assert Picker(library, hospital, seed).say("s") == ["医院讲患者"]
        said = Picker(library, {**TAGS, "sector": ("none",)}, seed).say("s", n=20)
        assert "医院讲患者" not in said and "公安讲平安" not in said and len(said) == 8
    # a passage of several sentences alternates: not every seed says the same pair
    two = {tuple(Picker(library, hospital, seed).say("s", n=2)) for seed in range(6)}
    assert all(pair[0] == "医院讲患者" and pair[1] != "公安讲平安" for pair in two)
    assert len(two) > 1


def test_an_entry_is_never_used_twice_in_one_render() -> None:
    shared = mini_fill_text("shared", 0)
    library = _library(
        _pool("s", 6) + _pool("f", 6) + f"a:\n  - {shared}\n  - 另一句\nb:\n  - {shared}\n"
    )
    picker = Picker(library, TAGS, 3).second_pass({"p": 10_000})
    said = [picker.say("s")[0] for _ in range(6)]
    assert len(set(said)) == 6 and picker.say("s") == []  # a dry pool says nothing more
    filled = picker.fill("f", "p") + picker.fill("f", "p") + picker.fill("s", "p")
    assert len(filled) == len(set(filled)) == 6 and not set(filled) & set(said)
    first = picker.say("a", n=2)
    assert shared in first and picker.say("b") == []  # the same text under another slot


def test_keyed_selection_survives_a_new_key() -> None:
    """Ranking is keyed by (seed, slot, key): a new measure changes what other measures
    get only where its own pick takes theirs (the pool never runs dry here)."""
    library = _library(_pool("measures.reason", 40))
    keys = ["形成担当体系", "形成督办体系", "形成考核体系", "形成协同体系"]
    untouched = 0
    for seed in range(12):
        before = Picker(library, TAGS, seed)
        old = {k: before.say("measures.reason", key=k)[0] for k in keys}
        after = Picker(library, TAGS, seed)
        new = {}
        for k in keys[:2] + ["新增的创新体系"] + keys[2:]:
            new[k] = after.say("measures.reason", key=k)[0]
        taken = new.pop("新增的创新体系")
        if taken not in old.values():
            assert new == old, seed
            untouched += 1
        else:
            changed = [k for k in keys if new[k] != old[k]]
            assert changed and old[changed[0]] == taken
    assert untouched >= 8


def test_keys_rank_independently() -> None:
    library = _library(_pool("s", 30))
    picks = {Picker(library, TAGS, 0).say("s", key=f"第{n}项")[0] for n in range(10)}
    assert len(picks) >= 6  # keys do not all prefer one entry


# --- heading sets ------------------------------------------------------------------------

SETS = """\
headings.parts:
  - set: {situation: 看清形势, measures: 狠抓落实}
  - set: {situation: 把准方向, measures: 压实责任, requirements: 严明纪律}
  - set: {situation: 知难而进, measures: 奋起直追, requirements: 转变作风}
    when: {direction: down}
"""


def test_heading_set_covers_every_kind_asked() -> None:
    library = _library(SETS)
    for seed in range(10):
        chosen = Picker(library, {"direction": ("up",)}, seed).heading_set(
            "headings.parts", ["situation", "measures", "requirements"]
        )
        assert chosen == {
            "situation": "把准方向",
            "measures": "压实责任",
            "requirements": "严明纪律",
        }
    sets = {
        tuple(Picker(library, TAGS, seed).heading_set("headings.parts", ["situation"]).values())
        for seed in range(20)
    }
    assert len(sets) == 3  # every fitting set can be chosen
    none = Picker(library, TAGS, 0).heading_set("headings.parts", ["situation", "cases"])
    assert none == {}


def test_missing_heading_set_is_a_chinese_error_naming_the_kinds(tmp_path: Path) -> None:
    folder = mini_template(
        tmp_path,
        material=_pool("opening.more", 3)
        + "opening.purpose: [开会的目的。]\nclosing.call: [散会。]\n"
        + "situation.intro: [形势。]\nsituation.more: [形势展开。]\n"
        + "measures.intro: [举措。]\nmeasures.more: [举措展开。]\nmeasures.item: [一句。]\n"
        + "headings.parts:\n  - set: {situation: 看清形势}\n",
    )
    brief = write_brief(
        tmp_path,
        "template: mini\nmeeting: {name: 会, organization: 局}\nmeasures: [甲]\n",
        "b.yaml",
    )
    result = run_cli("render", brief, "--template-dir", folder, "-f", "txt", "-o", "-")
    assert result.exit_code == 2
    assert "headings.parts" in result.stderr and "situation、measures" in result.stderr
    assert "Traceback" not in result.output


def test_sibling_headings_come_from_one_set(tmp_path: Path) -> None:
    folder = mini_template(tmp_path)
    brief = write_brief(
        tmp_path,
        "template: mini\nmeeting: {name: 会, organization: 局}\nstrengths: [甲]\nmeasures: [乙]\n",
        "b.yaml",
    )
    styles = set()
    for seed in range(6):
        result = run_cli(
            "render", brief, "--template-dir", folder, "-f", "txt", "-o", "-", "--seed", seed
        )
        assert result.exit_code == 0, result.stderr
        heads = re.findall(r"^[一二三]、(看清|抓实)", result.stdout, re.M)
        assert len(heads) == 3 and len(set(heads)) == 1, heads
        styles.add(heads[0])
    assert styles == {"看清", "抓实"}


# --- fill and budgets ------------------------------------------------------------------------


def test_fill_adds_nothing_in_the_measuring_pass() -> None:
    picker = Picker(_library(_pool("f", 10)), TAGS, 0)
    assert picker.fill("f", "p") == [] and picker.fill("f", "p") == []
    assert picker.fill_calls == {"p": 2} and not picker.used


def test_fill_stops_at_the_budget() -> None:
    library = _library(_pool("f", 30))
    size = max(spoken_length(mini_fill_text("f", n)) for n in range(30))
    for budget in (0, size // 3, size, 5 * size + 7, 12 * size):
        picker = Picker(library, TAGS, 1)
        picker.fill("f", "p")
        filled = picker.second_pass({"p": budget}).fill("f", "p")
        spent = sum(spoken_length(t) for t in filled)
        assert spent <= budget
        assert budget - spent < size  # stops within one entry of the budget


def test_fill_shares_a_place_budget_over_its_calls() -> None:
    library = _library(_pool("f", 30) + _pool("g", 30))
    measuring = Picker(library, TAGS, 1)
    for _ in range(3):
        measuring.fill("f", "p")
    picker = measuring.second_pass({"p": 900})
    sizes = [sum(spoken_length(t) for t in picker.fill("f", "p")) for _ in range(3)]
    assert all(s > 0 for s in sizes)  # the first call does not take it all
    assert sum(sizes) <= 900 and max(sizes) - min(sizes) <= 2 * spoken_length(
        mini_fill_text("f", 0)
    )


def test_fill_never_exceeds_what_the_whole_speech_lacks() -> None:
    """A part may round up by half an entry, the speech never: the budgets' sum is a cap."""
    library = _library(_pool("f", 60))
    size = spoken_length(mini_fill_text("f", 0))
    budgets = {f"part{n}": size * 3 // 4 for n in range(8)}  # each rounds up to one entry
    measuring = Picker(library, TAGS, 2)
    for place in budgets:
        measuring.fill("f", place)
    picker = measuring.second_pass(budgets)
    added = [t for place in budgets for t in picker.fill("f", place)]
    assert 0 < sum(spoken_length(t) for t in added) <= sum(budgets.values())


def test_fill_most_caps_one_call() -> None:
    picker = Picker(_library(_pool("f", 30)), TAGS, 0).second_pass({"p": 10_000})
    assert len(picker.fill("f", "p", most=2)) == 2


# --- cache ------------------------------------------------------------------------------------


def _texts(library: Library, slot: str) -> list[str]:
    return [e.text for e in library.entries(slot)]


def test_material_cache_returns_the_same_entries_from_memory_and_disk(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "material.yaml").write_text(_pool("f", 5), encoding="utf-8")
    (folder / "material").mkdir()
    (folder / "material" / "office.yaml").write_text("f:\n  - 本局自己加的一句话\n", "utf-8")
    first = load_library([folder])
    assert _texts(first, "f")[-1] == "本局自己加的一句话" and len(_texts(first, "f")) == 6
    assert load_library([folder]).slots == first.slots  # memory
    material._CACHE.clear()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("parsed again although the disk cache holds the file")

    monkeypatch.setattr(material, "parse_material", no_parsing)
    assert load_library([folder]).slots == first.slots  # disk


def test_material_cache_sees_an_edit_of_the_same_size_and_time(tmp_path: Path) -> None:
    path = tmp_path / "material.yaml"
    path.write_text("f:\n  - 第一版的一句话\n", encoding="utf-8")
    stamp = path.stat()
    assert _texts(load_library([tmp_path]), "f") == ["第一版的一句话"]
    path.write_text("f:\n  - 第二版的一句话\n", encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size and path.stat().st_mtime_ns == stamp.st_mtime_ns
    assert _texts(load_library([tmp_path]), "f") == ["第二版的一句话"]
    material._CACHE.clear()
    assert _texts(load_library([tmp_path]), "f") == ["第二版的一句话"]


def test_material_cache_can_be_turned_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SPEECHGEN_NO_CACHE", "1")
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "speechgen" / "material"
    before = set(cache.glob("*.json")) if cache.is_dir() else set()
    (tmp_path / "material.yaml").write_text("f:\n  - 不写缓存的一句话\n", encoding="utf-8")
    assert _texts(load_library([tmp_path]), "f") == ["不写缓存的一句话"]
    after = set(cache.glob("*.json")) if cache.is_dir() else set()
    assert after == before


def test_a_material_file_not_in_utf8_is_a_chinese_error(tmp_path: Path) -> None:
    (tmp_path / "material.yaml").write_bytes("f:\n  - 一句话\n".encode("gbk"))
    with pytest.raises(UserError) as caught:
        load_library([tmp_path])
    assert "UTF-8" in str(caught.value) and "material.yaml" in str(caught.value)
