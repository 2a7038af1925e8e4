"""Property-based tests: any brief ends in a valid .docx holding its values, or in exit 2 with a message.

Never a traceback (exit 5), never a half-written file. Values are written as YAML
double-quoted strings with escapes, so every code point (controls, lone surrogates,
noncharacters, emoji, rare CJK) can reach the loader.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from speechgen.cli.app import app

# Characters Word cannot store (after the vertical tab has become a line break).
ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_ALWAYS_ESCAPE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff]"
)
BARE_END = "。；;，,.！!、 "

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

# Mostly printable text from many scripts, sprinkled with the characters that break things.
nasty = st.sampled_from(
    list(
        "&<>\"'#*%=@+\\:-|{}[]!`~\t\n\x0b\x01\x00\x1f\x7f\x85\u00a0\u3000\u2028\ufeff\ufffe\ud800🎤👨\u200d👩𠀀"
    )
)
text_value = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        nasty,
        st.sampled_from("会议工作同志们某局"),
    ),
    min_size=1,
    max_size=25,
).map(str.strip)


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar for any string (escapes for everything not plainly printable)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif _ALWAYS_ESCAPE.match(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


LINE_BREAKS = re.compile("\r\n|[\r\x0b\x85\u2028\u2029]")


def as_printed(value: str) -> str:
    """The documented line-break rule: every way of writing a line break becomes "\\n"."""
    return LINE_BREAKS.sub("\n", value)


def is_storable(value: str) -> bool:
    """What the brief's rules accept: no characters Word cannot store, not blank."""
    return not ILLEGAL.search(as_printed(value)) and bool(value.strip())


def bare(value: str) -> str:
    """What the template prints for a list item joined into a sentence."""
    return value.rstrip(BARE_END)


def brief_text(
    values: dict[str, str], strengths: list[str], weaknesses: list[str], measures: list[str]
) -> str:
    lines = ["meeting:"]
    lines += [f"  {key}: {yaml_quote(v)}" for key, v in values.items()]
    lines.append("  date: 2026-05-10")
    for name, items in (("strengths", strengths), ("weaknesses", weaknesses)):
        if items:
            lines.append(f"{name}:")
            lines += [f"  - {yaml_quote(v)}" for v in items]
    if measures:
        lines.append("measures:")
        for m in measures:
            lines += [
                f"  - title: {yaml_quote(m)}",
                f"    owner: {yaml_quote(m)}",
                "    deadline: 6月底前",
            ]
    return "\n".join(lines) + "\n"


def run(text: str) -> tuple[int, str, Path, list[str]]:
    """Render ``text`` as a brief in a fresh folder; return exit code, stderr, output path, folder listing."""
    with tempfile.TemporaryDirectory() as folder:
        brief = Path(folder) / "brief.yaml"
        brief.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["render", str(brief), "--no-check"])
        out = brief.with_suffix(".docx")
        listing = sorted(p.name for p in Path(folder).iterdir())
        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs] if out.exists() else []
        props = docx.Document(str(out)).core_properties.title if out.exists() else None
    return (
        result.exit_code,
        result.stderr,
        out,
        [*paragraphs, f"<title>{props}"] if out.exists() or paragraphs else listing,
    )


def assert_outcome(code: int, stderr: str, everything_valid: bool) -> None:
    assert code != 5 and "Traceback" not in stderr, stderr
    if everything_valid:
        assert code == 0, stderr
    else:
        assert code == 2, stderr
        assert re.search(r"brief\.yaml:\d+:\d+  \S+  ", stderr), stderr


@SETTINGS
@given(
    name=text_value,
    organization=text_value,
    speaker=text_value,
    strengths=st.lists(text_value, max_size=3),
    weaknesses=st.lists(text_value, max_size=3),
    measures=st.lists(text_value, max_size=2),
)
def test_any_brief_renders_exactly_or_fails_cleanly(
    name: str,
    organization: str,
    speaker: str,
    strengths: list[str],
    weaknesses: list[str],
    measures: list[str],
) -> None:
    values = {"name": name, "organization": organization, "speaker": speaker}
    everything = [*values.values(), *strengths, *weaknesses, *measures]
    valid = all(is_storable(v) for v in everything)
    code, stderr, _, seen = run(brief_text(values, strengths, weaknesses, measures))
    assert_outcome(code, stderr, valid)
    if code == 0:
        body = "\n".join(seen)
        printed = {k: as_printed(v) for k, v in values.items()}
        for value in (printed["name"], printed["organization"], printed["speaker"]):
            assert value in body, (value, body)
        for value in (*strengths, *weaknesses, *measures):
            assert bare(as_printed(value)) in body, (value, body)
        assert "2026年5月10日" in body
        assert f"<title>在{printed['name']}上的讲话" in body
    else:
        assert seen == ["brief.yaml"], seen  # nothing written, no temp file left


wrong_value = st.one_of(
    st.just("[1, 2]"),
    st.just("{a: b}"),
    st.just("~"),
    st.just('"   "'),
    st.just("!!str x"),
    st.just("&a x"),
    st.just("*a"),
    st.just('"\\x01"'),
    st.just("'bad: colon' extra"),
    st.just("[unclosed"),
    st.just("第九"),
    st.just("-3"),
    st.just("0"),
    st.just("99999999"),
)


@SETTINGS
@given(
    target=st.sampled_from(
        [
            "meeting.name",
            "meeting.organization",
            "meeting.minutes",
            "ranking.current",
            "ranking.previous",
            "meeting.date",
            "strengths",
            "measures",
            "meeting.speaker",
        ]
    ),
    value=wrong_value,
    extra_key=st.one_of(
        st.none(), st.sampled_from(["titel", "organisation", "measure", "Meeting", "rank"])
    ),
)
def test_broken_briefs_always_exit_2_with_a_located_message(
    target: str, value: str, extra_key: str | None
) -> None:
    section, _, field = target.partition(".")
    good = {"meeting": {"name": '"会"', "organization": '"局"'}, "ranking": {"current": "3"}}
    lines: list[str] = []
    for sec in ("meeting", "ranking"):
        lines.append(f"{sec}:")
        fields = dict(good[sec])
        if sec == section:
            fields[field] = value
        lines += [f"  {k}: {v}" for k, v in fields.items()]
    if section in ("strengths", "measures"):
        lines.append(f"{section}: {value}")
    if extra_key:
        lines.append(f"{extra_key}: x")
    text = "\n".join(lines) + "\n"
    code, stderr, _, seen = run(text)
    assert code in (0, 2) and "Traceback" not in stderr, stderr
    if code == 2:
        assert re.search(r"brief\.yaml(:\d+:\d+)?  ", stderr), stderr
        assert seen == ["brief.yaml"], seen
    else:  # a "wrong" value the schema happens to accept (a speaker named 第九, an empty list …)
        assert extra_key is None
