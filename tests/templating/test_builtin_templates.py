"""Built-in templates: listed, render their examples, options and ranking shapes read whole."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from helpers import docx_texts, write_brief

BUILTINS = {
    "situation": ("形势分析会", "model_meeting.yaml"),
    "progress": ("工作推进会", "progress_meeting.yaml"),
    "mobilization": ("动员部署会", "mobilization_meeting.yaml"),
    "commendation": ("总结表彰会", "commendation_meeting.yaml"),
    "economy": ("经济运行分析暨调度会", "economy_meeting.yaml"),
}
PART = re.compile(r"^[一二三四五六七八九十]+、", re.M)
ANNOUNCE = re.compile(r"(?:讲|强调)([两三四五六七八九十])(?:点|个方面|个问题)")
CN = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def _text(invoke, brief: Path, *extra: str) -> str:
    result = invoke("render", brief, "-f", "txt", "-o", "-", *extra)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _reads_whole(text: str) -> None:
    """No template debris, and 讲N点 matches the number of parts."""
    for debris in ("None", "{{", "{%", "%%", "\ufdd1", "，。", "。。", "；。"):
        assert debris not in text, debris
    parts = len(PART.findall(text))
    announced = ANNOUNCE.search(text)
    if parts < 2:  # one part needs no 「讲一点意见」
        assert announced is None and "一点意见" not in text
        return
    assert announced is not None
    assert CN[announced.group(1)] == parts


def test_list_shows_the_builtins(invoke):
    result = invoke("templates")
    assert result.exit_code == 0
    for name, (cn_name, _) in BUILTINS.items():
        line = next(line for line in result.stdout.splitlines() if line.startswith(name + " "))
        assert cn_name in line and "内置" in line


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_each_example_renders_to_docx(name, invoke, example_copy):
    brief = example_copy(BUILTINS[name][1])
    result = invoke("render", brief)
    assert result.exit_code == 0, result.stderr
    texts = docx_texts(brief.with_suffix(".docx"))
    assert texts[-1].startswith("同志们")
    import yaml

    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    body = "\n".join(texts)
    for m in data["measures"]:
        title = m["title"] if isinstance(m, dict) else m
        assert title in body
    _reads_whole(body)


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_chinese_name_selects_template(name, invoke, example_copy):
    brief = example_copy(BUILTINS[name][1])
    by_name = _text(invoke, brief, "--template", name)
    by_cn = _text(invoke, brief, "--template", BUILTINS[name][0])
    assert by_name == by_cn


def test_templates_differ_in_structure(invoke, tmp_path):
    """The same brief gets a different outline from each genre."""
    brief = write_brief(tmp_path, "template: situation\n" + BODY)
    headings = {
        name: tuple(
            PART.sub("", line)
            for line in _text(invoke, brief, "--template", name).splitlines()
            if PART.match(line)
        )
        for name in BUILTINS
    }
    assert len(set(headings.values())) == len(BUILTINS)


RANKINGS = {
    "down": "ranking:\n  assessment: 全省考核\n  previous: 3\n  current: 9\n  total: 13\n  target: 保四争三\n",
    "up": "ranking:\n  assessment: 全省考核\n  previous: 9\n  current: 3\n",
    "same": "ranking:\n  assessment: 全省考核\n  previous: 4\n  current: 4\n",
    "target_only": "ranking:\n  target: 保四争三\n",
    "absent": "",
}
BODY = """\
meeting:
  name: 某某会议
  organization: 滨江市某某局
strengths:
  - 服务质量稳步提升
weaknesses:
  - 基层力量不足
measures:
  - title: 抓好队伍建设
    points: [开展岗位练兵, 选树业务骨干]
    owner: 人事科
    deadline: 6月底前
  - title: 抓好重点项目
    deadline: 2026-09-30
"""


@pytest.mark.parametrize("name", sorted(BUILTINS))
@pytest.mark.parametrize("shape", sorted(RANKINGS))
def test_every_ranking_shape_reads_whole(name, shape, invoke, tmp_path):
    brief = write_brief(tmp_path, f"template: {name}\n" + BODY + RANKINGS[shape])
    text = _text(invoke, brief)
    _reads_whole(text)
    if shape == "target_only":
        assert "保四争三" in text
    if shape == "absent":
        assert "名次" not in text and "位次" not in text


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_minimal_brief_reads_whole(name, invoke, tmp_path):
    brief = write_brief(
        tmp_path, f"template: {name}\nmeeting:\n  name: 某某会议\n  organization: 某某局\n"
    )
    _reads_whole(_text(invoke, brief))


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_substyle_option_switches_headings_and_inline(name, invoke, tmp_path):
    base = f"template: {name}\n" + BODY
    inline = _text(invoke, write_brief(tmp_path, base + "options:\n  substyle: inline\n", "a.yaml"))
    headings = _text(
        invoke, write_brief(tmp_path, base + "options:\n  substyle: headings\n", "b.yaml")
    )
    assert "（一）抓好队伍建设" in headings and "（一）抓好队伍建设" not in inline
    assert re.search(r"一[是要]抓好队伍建设", inline)


def test_part_count_follows_content(invoke, tmp_path):
    """progress: review, problems, tasks and guarantees with a rich brief; two parts with a bare one."""
    rich = _text(invoke, write_brief(tmp_path, "template: progress\n" + BODY, "a.yaml"))
    bare = _text(
        invoke,
        write_brief(
            tmp_path,
            "template: progress\nmeeting:\n  name: 某某会议\n  organization: 某局\n",
            "b.yaml",
        ),
    )
    assert len(PART.findall(rich)) == 4 and re.search(r"讲四(?:点|个方面)", rich)
    assert len(PART.findall(bare)) == 2 and re.search(r"讲两(?:点|个方面)", bare)
    _reads_whole(bare)


def test_mobilization_can_combine_with_commendation(invoke, tmp_path):
    extra = "options:\n  combine: commendation\n  honorees: [办公室等三个先进集体, 张某某等五名先进个人]\n"
    text = _text(invoke, write_brief(tmp_path, "template: mobilization\n" + BODY + extra))
    plain = _text(invoke, write_brief(tmp_path, "template: mobilization\n" + BODY, "plain.yaml"))
    assert "办公室等三个先进集体和张某某等五名先进个人" in text
    assert len(PART.findall(text)) == len(PART.findall(plain)) + 1
    _reads_whole(text)


def test_list_option_refuses_text(invoke, tmp_path):
    brief = write_brief(
        tmp_path, "template: commendation\n" + BODY + "options:\n  honorees: 张某某\n"
    )
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 2
    assert "honorees" in result.stderr and "一组文字" in result.stderr


def test_undeclared_option_is_refused(invoke, tmp_path):
    brief = write_brief(
        tmp_path, "template: progress\n" + BODY + "options:\n  combine: commendation\n"
    )
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 2 and "combine" in result.stderr


def test_requires_from_manifest_is_enforced(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates" / "dated"
    folder.mkdir(parents=True)
    (folder / "manifest.yaml").write_text(
        "name: dated\nextends: progress\nrequires: [meeting.date]\n", encoding="utf-8"
    )
    (folder / "speech.j2").write_text("", encoding="utf-8")
    brief = write_brief(tmp_path, textwrap.dedent("template: dated\n") + BODY)
    result = invoke("render", brief, "-f", "txt", "-o", "-")
    assert result.exit_code == 2 and "meeting.date" in result.stderr
