"""Brief values come through exactly (markup, emoji, rare CJK): body, properties, shell headers, footers."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from helpers import docx_texts

NAME = "Smith & Sons <R&D> 形势分析会"
ORG = '滨江市 "税务" 局 & <分局>'
SPEAKER = "王'建国' 🎤"
TITLE = '在 <Smith & Sons> "形势" 会上的讲话 🎤'
STRENGTH = "x<y and z>w 完成 100% 目标 #1 *重点* =好= @all +1"
ENTITIES = "&amp; &nbsp; &#0; 字面"
INJECTION = "<w:p>inj</w:p></w:t></w:r> 注入"
UNICODE = "空格\u00a0与\u3000全角 👨\u200d👩\u200d👧 𠀀 Ünïcødé"
MEASURE = '措施 <一> & "二"'
POINTS = ["要点 'a' & b", "**不是粗体** 和 + 号"]

BRIEF = f"""\
meeting:
  name: "{NAME}"
  organization: '{ORG}'
  speaker: "{SPEAKER}"
  date: 2026-05-10
  title: '{TITLE}'
strengths:
  - "{STRENGTH}"
  - title: "{ENTITIES}"
    detail: "{INJECTION}"
weaknesses:
  - "第一行\\v第二行"
  - |-
    多行文字
    第二行
  - "{UNICODE}"
measures:
  - title: '{MEASURE}'
    points: ["{POINTS[0]}", "{POINTS[1]}"]
    owner: 办公室 & 综合科
    deadline: 6月底前
"""


@pytest.fixture
def special(tmp_path: Path) -> Path:
    """A brief full of XML-special characters, markup characters, emoji and rare CJK."""
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF, encoding="utf-8")
    return path


def _body(path: Path) -> str:
    return "\n".join(docx_texts(path))


def test_body_holds_every_special_value_exactly(invoke, special: Path) -> None:
    result = invoke("render", special, "--no-check")
    assert result.exit_code == 0, result.stderr
    body = _body(special.with_suffix(".docx"))
    for value in (
        NAME,
        ORG,
        SPEAKER,
        TITLE,
        STRENGTH,
        ENTITIES,
        INJECTION,
        UNICODE,
        MEASURE,
        *POINTS,
    ):
        assert value in body, value
    assert docx_texts(special.with_suffix(".docx"))[0] == TITLE


def test_injected_xml_is_text_not_structure(invoke, special: Path) -> None:
    assert invoke("render", special, "--no-check").exit_code == 0
    with zipfile.ZipFile(special.with_suffix(".docx")) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "<w:p>inj</w:p>" not in xml and "&lt;w:p&gt;inj&lt;/w:p&gt;" in xml


def test_line_breaks_inside_a_spoken_value_are_joined(invoke, special: Path) -> None:
    """A vertical tab or a block value's line break joins the lines: a speech is heard, so a
    value is one sentence (documented in docs/errors.md); nothing is dropped."""
    assert invoke("render", special, "--no-check").exit_code == 0
    body = _body(special.with_suffix(".docx"))
    assert "第一行第二行" in body and "多行文字第二行" in body
    with zipfile.ZipFile(special.with_suffix(".docx")) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert "\x0b" not in xml and "&#11;" not in xml


def test_core_properties_hold_values_exactly(invoke, special: Path) -> None:
    assert invoke("render", special, "--no-check").exit_code == 0
    props = docx.Document(str(special.with_suffix(".docx"))).core_properties
    assert props.title == TITLE
    assert props.author == SPEAKER
    assert props.subject == NAME
    assert props.keywords == ORG


def test_shell_headers_and_footers_hold_values_exactly(
    invoke, special: Path, tmp_path: Path
) -> None:
    shell = tmp_path / "shell.docx"
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ meeting.organization }}"
    document.sections[0].footer.paragraphs[0].text = "{{ meeting.name }} | {{ meeting.speaker }}"
    document.add_paragraph("{{ body }}")
    document.save(str(shell))
    result = invoke("render", special, "--shell", shell, "--no-check")
    assert result.exit_code == 0, result.stderr
    out = docx.Document(str(special.with_suffix(".docx")))
    assert out.sections[0].header.paragraphs[0].text == ORG
    assert out.sections[0].footer.paragraphs[0].text == f"{NAME} | {SPEAKER}"
    body = "\n".join(p.text for p in out.paragraphs)
    for value in (STRENGTH, ENTITIES, INJECTION, UNICODE, MEASURE):
        assert value in body, value
