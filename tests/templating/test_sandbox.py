"""Templates are untrusted: a payload table in the spirit of Jinja's test_security.py.

Every payload is rendered through the real CLI from a template folder in tmp_path and
must end in exit 2 with a Chinese message naming the template, and no output file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import docx
import jinja2
import pytest
from jinja2 import TemplateRuntimeError, TemplateSyntaxError

from speechgen.brief.model import parse_date
from speechgen.errors import UserError
from speechgen.templating import environment
from speechgen.templating.environment import (
    TemplateLimitError,
    make_environment,
    make_xml_environment,
    render_with_budget,
)
from speechgen.templating.errors import chinese_syntax_message
from speechgen.templating.registry import confined_path

from helpers import MINIMAL_BRIEF, write_brief

MANIFEST = "name: evil\ncn_name: 恶意模板\ndescription: 测试\nentry: speech.j2\nprofile: speech\n"
CJK = re.compile(r"[\u4e00-\u9fff]")

PAYLOADS = {
    # code execution through function globals
    "lipsum_globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "lipsum_globals_attr": "{{ (lipsum|attr('__globals__'))['os'] }}",
    # class hierarchy walks and private attributes
    "mro_subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler_init_globals": "{{ cycler.__init__.__globals__.os }}",
    "template_reference_context": "{{ self._TemplateReference__context }}",
    "context_class": "{{ meeting.__class__.__init__ }}",
    "dunder_dict": "{{ meeting.__dict__ }}",
    # str.format escapes (CVE-2016-10745, CVE-2019-10906, CVE-2025-27516)
    "attr_format": "{{ ('{0.__class__.__mro__}'|attr('format'))(meeting) }}",
    "str_format_class": "{{ '{0.__class__}'.format(meeting) }}",
    "format_map": "{{ '{a.__class__}'.format_map({'a': meeting}) }}",
    "percent_class": "{{ '%s' % meeting.__class__ }}",
    # mutation in the immutable sandbox
    "list_append": "{% set l = [] %}{{ l.append(1) }}",
    "dict_update": "{% set d = {} %}{{ d.update(a=1) }}",
    "dict_clear": "{% set d = {'a': 1} %}{{ d.clear() }}",
    # resource bombs
    "big_repeat": "{{ 'x' * 50000000 }}",
    "big_list_repeat": "{{ ['x'] * 50000000 }}",
    "nested_ranges": "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}",
    "recursive_macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "huge_range": "{% for i in range(10**7) %}{% endfor %}",
    "huge_range_printed": "{{ range(10**7) }}",
    "huge_power": "{{ 10 ** 100000 }}",
    "percent_width": "{{ '%2000000000s' % 'x' }}",
    "format_width": "{{ '{:>2000000000}'.format(1) }}",
    "center_filter": "{{ 'x'|center(2000000000) }}",
    "join_bomb": "{{ (['x' * 1999999] * 1000)|join }}",
    "concat_chain": "{% set s = 'x' * 1999999 %}{{ s ~ s ~ s }}",
    "doubling_macro": "{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ f('x', 40) }}",
    "doubling_namespace": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "replace_bomb": "{{ ('x' * 1999999)|replace('x', 'xxxx') }}",
    # missing values never render blank
    "missing_name": "= {{ nobody }}",
    "missing_attribute": "= {{ meeting.nope }}",
    # syntax errors
    "syntax_brace": "= {{ meeting.name }",
    "syntax_unclosed_if": "{% if meeting.name %}\n= x\n",
    # includes leaving the folder
    "include_parent": "{% include '../secret.txt' %}",
    "include_escape": "{% include 'evil/../../secret.txt' %}",
    "include_absolute": "{% include '/etc/passwd' %}",
}


@pytest.fixture
def template_dir(tmp_path: Path) -> Path:
    """An empty template folder named ``evil`` with a manifest, outside any search root."""
    folder = tmp_path / "tpl" / "evil"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "tpl" / "secret.txt").write_text("SECRET-DATA", encoding="utf-8")
    return folder


def _render(invoke, tmp_path: Path, folder: Path, source: str):
    (folder / "speech.j2").write_text(source, encoding="utf-8")
    brief = write_brief(tmp_path, MINIMAL_BRIEF)
    return invoke("render", brief, "--template", folder, "--no-check"), brief.with_suffix(".docx")


@pytest.mark.parametrize("source", list(PAYLOADS.values()), ids=list(PAYLOADS))
def test_template_payload_is_refused_and_nothing_written(
    invoke, tmp_path: Path, template_dir: Path, source: str
) -> None:
    result, out = _render(invoke, tmp_path, template_dir, source)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert not out.exists()
    assert "Traceback" not in result.output
    assert "SECRET-DATA" not in result.output and "uid=" not in result.output
    message = result.stderr
    assert CJK.search(message), message
    assert "speech.j2" in message or "evil" in message, message


def test_globals_access_message_names_the_attribute_and_line(
    invoke, tmp_path: Path, template_dir: Path
) -> None:
    result, _ = _render(
        invoke, tmp_path, template_dir, "= 标题\n\n{{ lipsum.__globals__['os'] }}\n"
    )
    assert f"{template_dir / 'speech.j2'}:3" in result.stderr
    assert "__globals__" in result.stderr and "不允许" in result.stderr


def test_size_limit_message_names_the_template_line(
    invoke, tmp_path: Path, template_dir: Path
) -> None:
    result, _ = _render(invoke, tmp_path, template_dir, "= 标题\n{{ 'x' * 50000000 }}\n")
    assert f"{template_dir / 'speech.j2'}:2" in result.stderr and "过大" in result.stderr


def test_time_limit_stops_a_silent_loop(
    invoke, tmp_path: Path, template_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(environment, "MAX_SECONDS", 0.2)
    source = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    result, out = _render(invoke, tmp_path, template_dir, source)
    assert result.exit_code == 2 and "秒" in result.stderr and not out.exists()


def test_symlink_out_of_the_template_folder_is_refused(
    invoke, tmp_path: Path, template_dir: Path
) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text("= SECRET-DATA\n", encoding="utf-8")
    os.symlink(outside, template_dir / "link.j2")
    result, out = _render(invoke, tmp_path, template_dir, "{% include 'evil/link.j2' %}")
    assert result.exit_code == 2 and not out.exists()
    assert "SECRET-DATA" not in result.output and "模板文件夹之外" in result.stderr


def test_entry_template_symlinked_out_of_the_folder_is_refused(
    invoke, tmp_path: Path, template_dir: Path
) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text("= SECRET-DATA\n", encoding="utf-8")
    os.symlink(outside, template_dir / "speech.j2")
    brief = write_brief(tmp_path, MINIMAL_BRIEF)
    result = invoke("render", brief, "--template", template_dir, "--no-check")
    assert result.exit_code == 2 and not brief.with_suffix(".docx").exists()


@pytest.mark.parametrize(
    "relative", ["../x.j2", "/etc/passwd", "a/../../x.j2", "a\x00b.j2", "\\\\server\\share"]
)
def test_confined_path_refuses_escapes(tmp_path: Path, relative: str) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    with pytest.raises(UserError) as info:
        confined_path(folder.resolve(), relative, relative)
    assert "模板" in info.value.message


def test_confined_path_allows_files_inside(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    (folder / "parts").mkdir(parents=True)
    assert (
        confined_path(folder.resolve(), "parts/a.j2", "a") == (folder / "parts" / "a.j2").resolve()
    )


def test_jinja_version_has_the_sandbox_fixes() -> None:
    assert tuple(int(x) for x in jinja2.__version__.split(".")[:3]) >= (3, 1, 6)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 'a' ~ 'b' }}|{{ [1, 2]|join(',') }}|{{ 'a'|center(5) }}", "ab|1,2|  a  "),
        ("{{ '%s-%d'|format('a', 3) }}|{{ '%s' % 'b' }}|{{ '{}:{}'.format('x', 1) }}", "a-3|b|x:1"),
        (
            "{% set ns = namespace(n=0) %}{% for i in range(5) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
            "10",
        ),
        ("{{ ('ab' * 3)|replace('b', 'c') }}|{{ 'x'|indent(2) }}", "acacac|x"),
    ],
)
def test_guards_leave_ordinary_templates_alone(source: str, expected: str) -> None:
    env = make_environment()
    assert render_with_budget(env.from_string(source), {}) == expected


def test_output_cap_is_per_render_and_needs_no_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(environment, "MAX_OUTPUT_CHARS", 100)
    env = make_environment()
    template = env.from_string("{% for i in range(1000) %}xx{% endfor %}")
    with pytest.raises(TemplateLimitError) as info:
        render_with_budget(template, {})
    assert "100" in info.value.message
    assert (
        render_with_budget(env.from_string("{% for i in range(10) %}xx{% endfor %}"), {})
        == "xx" * 10
    )


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029", "\x0c", "\x1c"])
def test_a_value_can_never_start_a_markup_line(brk: str) -> None:
    env = make_environment()
    text = render_with_budget(
        env.from_string("正文{{ v }}"), {"v": f"甲{brk}= 假标题{brk}# 假标题"}
    )
    assert len(text.splitlines()) == 1 and "&#10;" in text


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{{ a }", "多了一个“}”"),
        ("{% if a %}x", "缺少 {% endif %}"),
        ("{% endfor %}", "不认识的标签“endfor”"),
        ("{{ a b }}", "这里应是“}}”，却写了“b”"),
        ("{{ a|nofilter }}", "没有名为“nofilter”的过滤器"),
    ],
)
def test_template_syntax_errors_are_explained_in_chinese(source: str, words: str) -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        make_environment().from_string(source)
    assert words in chinese_syntax_message(info.value.message or "")


@pytest.mark.parametrize("kind", ["--template", "--shell"])
@pytest.mark.parametrize(
    "payload",
    [
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ 'x' * 50000000 }}",
    ],
    ids=["globals", "cycler", "bomb"],
)
def test_word_template_and_shell_payloads_are_refused(
    invoke, tmp_path: Path, kind: str, payload: str
) -> None:
    path = tmp_path / "evil.docx"
    document = docx.Document()
    document.add_paragraph("正文")
    document.add_paragraph(payload)
    document.add_paragraph("{{ body }}")
    document.save(str(path))
    brief = write_brief(tmp_path, MINIMAL_BRIEF)
    result = invoke("render", brief, kind, path, "--no-check")
    assert result.exit_code == 2, result.output
    assert not brief.with_suffix(".docx").exists()
    assert "uid=" not in result.output and "Traceback" not in result.output
    assert CJK.search(result.stderr)
    if "__globals__" in payload:
        assert "evil.docx" in result.stderr


@pytest.mark.parametrize(
    "source",
    [
        "{{ meeting }}",
        "{{ items }}",
        "{{ mapping }}",
        "{{ func }}",
        "{% macro m() %}x{% endmacro %}{{ m }}",
    ],
)
def test_template_printing_an_object_or_list_is_refused(source: str) -> None:
    @dataclass(frozen=True)
    class MeetingCtx:
        name: str

    context = {"meeting": MeetingCtx("会"), "items": ("甲",), "mapping": {}, "func": len}
    with pytest.raises(TemplateRuntimeError, match="模板直接输出了"):
        render_with_budget(make_environment().from_string(source), context)


def test_numbers_markup_and_dates_still_print() -> None:
    env = make_environment()
    text = render_with_budget(
        env.from_string("{{ n }} {{ x }} {{ d }}"),
        {"n": 3, "x": 1.5, "d": parse_date("2026-05-10")},
    )
    assert text == "3 1.5 2026年5月10日"


def test_word_template_environment_refuses_a_list_too() -> None:
    env = make_xml_environment()
    with pytest.raises(TemplateRuntimeError, match="列表或映射"):
        render_with_budget(env.from_string("<w:t>{{ items }}</w:t>"), {"items": ["甲"]})
