"""Material written where it is said: ``{% say "slot" %} … {% endsay %}`` blocks in a template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speechgen.templating.inline import blocks, to_calls
from speechgen.templating.material import parse_template_material

from helpers import mini_template, run_cli, write_brief

BRIEF = "template: mini\nmeeting: {name: 会, organization: 局}\nstrengths: [甲]\nmeasures: [乙]\n"
PURPOSE = [f"今天开这个会，第{n}个目的就是把形势看清、把任务讲明。" for n in "一二三"]
CALL = '{{ say("opening.purpose") }}'


def _inline_purpose(folder: Path, entries: list[str] = PURPOSE) -> None:
    """Move the mini template's ``opening.purpose`` entries into its speech.j2."""
    speech = folder / "speech.j2"
    body = "\n".join(f"- {e}" for e in entries)
    block = '{% say "opening.purpose" %}\n' + body + "\n{% endsay %}"
    source = speech.read_text(encoding="utf-8")
    assert CALL in source
    speech.write_text(source.replace(CALL, block), encoding="utf-8")
    material = folder / "material.yaml"
    text = material.read_text(encoding="utf-8")
    text = re.sub(r"opening\.purpose:\n(  - .*\n)+", "", text)
    material.write_text(text, encoding="utf-8")


def _render(tmp_path: Path, templates: Path, seed: int) -> str:
    brief = write_brief(tmp_path, BRIEF, "b.yaml")
    result = run_cli(
        "render", brief, "--template-dir", templates, "-f", "txt", "-o", "-", "--seed", seed
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_block_renders_as_its_material_did(tmp_path: Path) -> None:
    before = mini_template(tmp_path / "a")
    after = mini_template(tmp_path / "b")
    _inline_purpose(after / "mini")
    for seed in range(3):
        assert _render(tmp_path, before, seed) == _render(tmp_path, after, seed)


def test_a_block_keeps_the_line_numbers_of_what_follows(tmp_path: Path) -> None:
    templates = mini_template(tmp_path)
    _inline_purpose(templates / "mini")
    speech = templates / "mini" / "speech.j2"
    lines = speech.read_text(encoding="utf-8").splitlines()
    lines.append("{{ meeting.nmae }}")
    speech.write_text("\n".join(lines) + "\n", encoding="utf-8")
    brief = write_brief(tmp_path, BRIEF, "b.yaml")
    result = run_cli("render", brief, "--template-dir", templates, "-f", "txt", "-o", "-")
    assert result.exit_code == 2
    assert f"speech.j2:{len(lines)}" in result.stderr, result.stderr


def test_office_material_joins_a_block(tmp_path: Path) -> None:
    templates = mini_template(tmp_path)
    folder = templates / "mini"
    _inline_purpose(folder, PURPOSE[:1])
    with (folder / "material.yaml").open("a", encoding="utf-8") as f:
        f.write("opening.purpose:\n  - 开这个会，是办公室自己加的一句开场白。\n")
    said = {_render(tmp_path, templates, seed).count("办公室自己加的") for seed in range(8)}
    assert said == {0, 1}


def test_a_wrong_tag_in_a_block_is_linted_at_its_line(tmp_path: Path) -> None:
    templates = mini_template(tmp_path)
    folder = templates / "mini"
    _inline_purpose(
        folder, [*PURPOSE[:2], "text: 排名往后退了，要查找原因。\n  when: {band: 中游}"]
    )
    result = run_cli("templates", "lint", folder)
    assert result.exit_code == 2
    assert "speech.j2" in result.output and "素材“opening.purpose”第3条" in result.output
    assert "“中游”不认识" in result.output


def test_a_broken_block_names_the_template_file_and_line() -> None:
    source = 'A\nB\n{% say "x.y" %}\n- text: 好\n  when: [up\n{% endsay %}\n'
    with pytest.raises(Exception) as caught:
        parse_template_material(source, "t/speech.j2")
    message = str(getattr(caught.value, "message", caught.value))
    assert "t/speech.j2" in message and ("5" in message or "6" in message)


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ('{% say "a.b" %}\n- 好\n{% endsay %}', '{{ say("a.b") }}'),
        (
            '{%- fill "a.b", part, most=2 %}\n- 好\n{% endfill -%}',
            '{{ fill("a.b", part, most=2) -}}',
        ),
        ('{% heading "h", kind, kinds %}\n- set: {a: 甲}\n{% endheading %}', "heading("),
    ],
)
def test_blocks_become_calls(source: str, call: str) -> None:
    converted = to_calls(source)
    assert call in converted
    assert converted.count("\n") == source.count("\n")
    assert [b.slot for b in blocks(source)] == [re.search(r'"([^"]+)"', source).group(1)]
