"""Bad briefs through the real CLI: exit 2, a Chinese located message, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import FULL_BRIEF, docx_texts

BASE = "meeting:\n  name: 全市形势分析会\n  organization: 某某市某某局\n"
BOMB = (
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    + BASE
)

# (id, brief text, "line:col" that must appear, field path that must appear, Chinese words)
BAD_BRIEFS = [
    (
        "typo",
        "meeting:\n  name: 会\n  orgnization: 局\n",
        "3:3",
        "meeting.orgnization",
        "是否想写 organization",
    ),
    ("wrong_type", BASE + "ranking:\n  current: 前列\n", "5:12", "ranking.current", "应是整数"),
    ("negative_rank", BASE + "ranking:\n  current: -3\n", "5:12", "ranking.current", "大于 0"),
    ("list_for_map", BASE + "ranking: [1, 2]\n", "4:11", "ranking.第1项", "映射"),
    (
        "map_for_text",
        "meeting:\n  name: {a: b}\n  organization: x\n",
        "2:9",
        "meeting.name",
        "文字",
    ),
    ("tab", "meeting:\n\tname: 会\n", "2:1", "meeting", "制表符"),
    (
        "tag",
        BASE + "strengths: !!python/object/apply:os.system ['id']\n",
        "4:12",
        "strengths",
        "标签",
    ),
    ("alias_bomb", BOMB, "2:8", "b.第1项", "别名"),
    ("duplicate", BASE + "meeting:\n  name: x\n", "4:1", "meeting", "重复"),
    ("control_char", BASE + "  audience: 中层\x07干部\n", "4:15", "meeting.audience", "U+0007"),
    (
        "escape_control",
        BASE + '  audience: "中层\\x1b干部"\n',
        "4:13",
        "meeting.audience",
        "U+001B",
    ),
    ("broken_yaml", "meeting:\n  name: 会\n organization: 局\n", "3:", "", "缩进"),
    ("bad_date", BASE + "  date: 2026-13-01\n", "4:9", "meeting.date", "日期"),
    ("rank_over_total", BASE + "ranking:\n  current: 15\n  total: 13\n", "5:3", "ranking", "超过"),
    ("measure_no_title", BASE + "measures:\n  - owner: 办公室\n", "5:5", "measures.第1项", "title"),
    ("unknown_top", BASE + "titel: 讲话\n", "4:1", "titel", "不认识的字段"),
]


def _assert_refused(result, out: Path, *words: str) -> None:
    """Exit 2, every word in stderr, no traceback, no output file."""
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "where", "field", "words"), [c[1:] for c in BAD_BRIEFS], ids=[c[0] for c in BAD_BRIEFS]
)
def test_hand_made_bad_brief_exit_2_located_nothing_written(
    invoke, tmp_path: Path, text: str, where: str, field: str, words: str
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(text, encoding="utf-8")
    out = tmp_path / "brief.docx"
    started = time.perf_counter()
    result = invoke("render", brief)
    elapsed = time.perf_counter() - started
    _assert_refused(result, out, f"brief.yaml:{where}", field, words)
    assert elapsed < 5  # the acceptance bar is "within a second"; CI machines are shared


@pytest.mark.parametrize(
    "content", [b"", b"# comment only\n", b"   \n"], ids=["empty", "comments", "blank"]
)
def test_empty_brief_is_refused_through_the_cli(invoke, tmp_path: Path, content: bytes) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_bytes(content)
    _assert_refused(invoke("render", brief), tmp_path / "brief.docx", "空的")


def test_existing_output_untouched_when_brief_is_bad(invoke, tmp_path: Path) -> None:
    out = tmp_path / "brief.docx"
    out.write_bytes(b"previous draft")
    brief = tmp_path / "brief.yaml"
    brief.write_text(BASE + "  minutes: 很多\n", encoding="utf-8")
    result = invoke("render", brief, "-o", out)
    assert result.exit_code == 2 and out.read_bytes() == b"previous draft"


def test_gbk_brief_is_refused_then_rendered_with_encoding(invoke, tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_bytes(FULL_BRIEF.encode("gbk"))
    out = tmp_path / "brief.docx"
    refused = invoke("render", brief, "--no-check")
    _assert_refused(refused, out, "不是 UTF-8", "GBK/GB18030", "--encoding gb18030")
    assert "brief.yaml:2:" in refused.stderr
    ok = invoke("render", brief, "--encoding", "gb18030", "--no-check")
    assert ok.exit_code == 0, ok.stderr
    text = "\n".join(docx_texts(out))
    assert "全市形势分析会" in text and "基层活力不足" in text


def test_bom_utf16_and_crlf_briefs_give_identical_drafts(invoke, tmp_path: Path) -> None:
    variants = {
        "plain": FULL_BRIEF.encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + FULL_BRIEF.encode("utf-8"),
        "utf16": FULL_BRIEF.encode("utf-16"),
        "crlf": FULL_BRIEF.replace("\n", "\r\n").encode("utf-8"),
    }
    texts = []
    for name, raw in variants.items():
        brief = tmp_path / f"{name}.yaml"
        brief.write_bytes(raw)
        assert invoke("render", brief, "--no-check").exit_code == 0
        texts.append(docx_texts(brief.with_suffix(".docx")))
    assert all(t == texts[0] for t in texts)


def test_oversized_brief_is_refused_through_the_cli(invoke, tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_bytes(BASE.encode() + b"# " + b"x" * 1_200_000 + b"\n")
    _assert_refused(invoke("render", brief), tmp_path / "brief.docx", "MB", "上限")


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text("meeting: [\n", encoding="utf-8")
    plain = subprocess.run(
        [sys.executable, "-m", "speechgen", "render", str(brief)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert "brief.yaml:1:10  meeting  方括号" in plain.stderr


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"响铃\\a"', "U+0007"),
        ('"换页\\f"', "U+000C"),
        ('"退格\\b"', "U+0008"),
        ('"非字符\\uFFFF"', "U+FFFF"),
    ],
)
def test_bell_and_form_feed_escapes_are_refused_in_every_field(
    invoke, tmp_path: Path, value: str, code: str
) -> None:
    for field in ("name", "title", "speaker"):
        lines = {"name": "会", "organization": "局", field: value}
        brief = tmp_path / f"{field}.yaml"
        brief.write_text(
            "meeting:\n" + "".join(f"  {k}: {v}\n" for k, v in lines.items()), encoding="utf-8"
        )
        result = invoke("render", brief, "--no-check")
        assert result.exit_code == 2, result.output
        assert code in result.stderr and f"meeting.{field}" in result.stderr
        assert not brief.with_suffix(".docx").exists()
