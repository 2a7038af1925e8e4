"""``speechgen new``: write a commented brief (and the schema file beside it)."""

from __future__ import annotations

from pathlib import Path

from ..brief.schema import SCHEMA_FILE
from ..console import echo_err
from ..errors import ProtectedOutput, UserError
from ..safewrite import atomic_write
from ..templating.registry import manifest_warnings, resolve_template, search_roots
from ..templating.scaffold import brief_text, template_schema_text


def run_new(template: str, output: Path, *, force: bool, template_dirs: list[Path]) -> int:
    """Write a commented brief for ``template`` to ``output`` and the schema beside it."""

    if template.lower().endswith(".docx"):
        raise UserError(
            "speechgen new 只能为文件夹模板写简报；Word 模板请用任一内置模板的简报，再把 template: 改成 .docx 路径"
        )
    try:
        info = resolve_template(template, search_roots(template_dirs), Path.cwd())
    finally:
        for warning in manifest_warnings():
            echo_err(warning)
    spec = info.name if info.origin != "路径" else template
    if output.exists() and not force:
        raise ProtectedOutput(
            f"{output}: 文件已存在，没有覆盖。要覆盖请加 --force（旧文件会先备份），或用 -o 写到别的文件"
        )
    if output.is_dir():
        raise UserError(
            f"{output}: 这是一个文件夹；请用 -o 给出简报文件名，如 -o {output / 'brief.yaml'}"
        )
    schema_path = output.parent / SCHEMA_FILE
    text = brief_text(info, spec, SCHEMA_FILE)
    backup = atomic_write(output, text.encode("utf-8"), backup=force)
    atomic_write(schema_path, template_schema_text().encode("utf-8"))
    if backup is not None:
        echo_err(f"{output}: 原文件已备份为 {backup.name}")
    echo_err(
        f"已写入简报 {output}（模板：{info.cn_name or info.name}）和 {schema_path}。填好后运行：speechgen render {output}"
    )
    return 0
