"""Every built-in genre says what the brief gives, where the writer put it (DESIGN.md §3).

Remarks go verbatim into the part they name and never glue a heading into a paragraph;
the closing remark ends the speech; the meeting's leadership body, theme, ``on_behalf_of``
and next speaker are said, not dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import REPO, speech

GENRES = ("situation", "progress", "mobilization", "commendation", "warning", "economy")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
MARKUP = re.compile(r"(?:^|[。！？；])\s*#{1,3}\s|\*\*|(?:^|[。！？；])\s*\+[是要先]\s")


def _sample(genre: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO / "templates" / genre / "sample.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    data["template"] = genre
    data.pop("remarks", None)
    return data


def _render(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return speech(tmp_path, text).splitlines()


def _parts(paragraphs: list[str]) -> list[int]:
    return [i for i, p in enumerate(paragraphs) if HEADING.match(p)]


@pytest.mark.parametrize("genre", GENRES)
def test_remarks_stay_where_the_writer_put_them(tmp_path: Path, genre: str) -> None:
    data = _sample(genre)
    count = len(_parts(_render(tmp_path, data)))
    assert count >= 2
    said = {f"parts.{n}": f"第{n}部分我再多说一句，这件事我会亲自过问" for n in range(1, count + 1)}
    said["opening"] = "开会之前，我先说明一点，今天的会不念稿子，讲的都是实在话"
    said["closing"] = "最后，祝大家工作顺利、身体健康"
    data["remarks"] = [{"at": at, "text": text} for at, text in said.items()]
    paragraphs = _render(tmp_path, data)
    heads = _parts(paragraphs)
    assert len(heads) == count, paragraphs
    for p in paragraphs:
        assert not MARKUP.search(p), p
    assert said["closing"] in paragraphs[-1]
    assert any(said["opening"] in p for p in paragraphs[: heads[0]])
    for n in range(1, count + 1):
        end = heads[n] if n < count else len(paragraphs)
        inside = paragraphs[heads[n - 1] + 1 : end]
        assert any(said[f"parts.{n}"] in p for p in inside), (n, inside)


@pytest.mark.parametrize("genre", GENRES)
def test_meeting_facts_are_said(tmp_path: Path, genre: str) -> None:
    data = _sample(genre)
    data["meeting"].update(
        leadership_body="局党组",
        theme="提质增效攻坚年",
        on_behalf_of="局党组",
        next_speaker={"who": "市局主要负责同志", "does": "作重要讲话"},
    )
    text = "\n".join(_render(tmp_path, data))
    assert "我代表局党组" in text
    assert "提质增效攻坚年" in text
    assert "市局主要负责同志" in text
    assert text.count("局党组") >= 2, "the leadership body is said besides 我代表局党组"


@pytest.mark.parametrize("genre", [g for g in GENRES if g != "warning"])
def test_indicators_of_an_assessment_are_said(tmp_path: Path, genre: str) -> None:
    data = _sample(genre)
    ranking = data.get("ranking") or {"previous": 6, "current": 4, "total": 13}
    if isinstance(ranking, list):
        ranking = ranking[0]
    ranking["indicators"] = [
        {"name": "数据质量", "score": 9.5, "full": 10, "rank": 2, "previous": 4},
        {"name": "城镇调查失业率", "value": 5.6, "unit": "%", "target": 5.5, "last_year": 5.2},
    ]
    data["ranking"] = ranking
    text = "\n".join(_render(tmp_path, data))
    assert "数据质量" in text and "城镇调查失业率" in text


def test_two_measures_parts_get_two_headings_of_one_set(tmp_path: Path) -> None:
    data = _sample("situation")
    count = len(data.get("measures") or [])
    assert count >= 2
    data["outline"] = {
        "parts": [
            {"kind": "situation"},
            {"kind": "measures", "select": list(range(1, count))},
            {"kind": "measures", "select": [count]},
        ]
    }
    heads = [p for p in _render(tmp_path, data) if HEADING.match(p)]
    assert len(heads) == 3 and len(set(h[2:] for h in heads)) == 3, heads
