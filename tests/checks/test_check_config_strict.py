"""``check --config`` is read by the brief's strict loader (issue 15, item 5)."""

from __future__ import annotations

from pathlib import Path

from helpers import run_bounded

# 9 levels of 9 aliases each: about 387 million list items once expanded.
ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def _check_with_config(tmp_path: Path, config_text: str):
    (tmp_path / "稿.txt").write_text("同志们：\n今天的会很重要。\n", encoding="utf-8")
    (tmp_path / "check.yaml").write_text(config_text, encoding="utf-8")
    return run_bounded("check", "稿.txt", "--config", "check.yaml", cwd=tmp_path, timeout=60)


def test_alias_bomb_config_is_refused_at_its_line(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB.encode()) < 400
    run = _check_with_config(tmp_path, ALIAS_BOMB)
    assert run.code == 2, run.output
    assert "check.yaml:2:" in run.stderr and "别名" in run.stderr
    assert "简报" not in run.stderr.split("\n")[0]
    assert "Traceback" not in run.output


def test_deeply_nested_config_is_refused_located(tmp_path: Path) -> None:
    run = _check_with_config(tmp_path, "ignore: " + "[" * 5000 + "]" * 5000 + "\n")
    assert run.code == 2, run.output
    assert "check.yaml" in run.stderr and "嵌套层级过深" in run.stderr
    assert "Traceback" not in run.output


def test_config_keeps_working_with_the_strict_loader(tmp_path: Path) -> None:
    run = _check_with_config(
        tmp_path, "# 本单位的检查设置\nignore: [length]\nchars_per_minute: 180\n"
    )
    assert run.code in (0, 1), run.output
    run = _check_with_config(tmp_path, "# 只有注释\n")
    assert run.code in (0, 1), run.output
    run = _check_with_config(tmp_path, "chars_per_minute: &r 180\n")
    assert run.code == 2 and "check.yaml:1:" in run.stderr and "锚点" in run.stderr
