"""``speechgen --version``, and help texts that are Chinese throughout with aligned columns."""

from __future__ import annotations

import re

import pytest

from speechgen.cli.text import display_width
from speechgen.version import __version__

COMMANDS = [[], ["render"], ["check"], ["update"], ["new"], ["schema"], ["templates"],
            ["templates", "show"], ["templates", "lint"]]  # fmt: skip
ENGLISH = re.compile(
    r"\[OPTIONS\]|COMMAND|\[ARGS\]|<list\[|<str>|<text>|<int|<float|<path>|<file|\[required\]"
    r"|\[default|\[x[<>]=|Usage|Options:|Arguments:|Commands:|\benv var\b"
)


def test_version_prints_the_version(invoke) -> None:
    for flag in ("--version", "-V"):
        result = invoke(flag)
        assert result.exit_code == 0
        assert result.stdout == f"speechgen {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "speechgen")
def test_help_is_chinese_with_aligned_columns(invoke, command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert text.startswith("用法：")
    for block in re.split(r"\n(?=\S)", text):  # one section: heading, then its rows
        heading, _, body = block.partition("\n")
        if heading not in ("选项：", "参数：", "命令："):
            continue
        starts = set()
        for line in body.splitlines():
            term = re.match(r"^  (\S.*?)(\s{2,})(\S)", line)
            if term:
                starts.add(display_width(term.group(1)) + len(term.group(2)))
        assert len(starts) == 1, (heading, starts)
