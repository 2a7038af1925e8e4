"""``speechgen templates [show NAME | lint PATH]``: list, describe and lint templates."""

from __future__ import annotations

from pathlib import Path

from ..brief.model import PART_KIND_NAMES
from ..console import echo_err, echo_out
from ..errors import UserError
from ..templating.catalog import MANIFEST, lint_folder, material_counts, outline, parent_of
from ..templating.registry import (
    TemplateInfo,
    discover,
    manifest_warnings,
    resolve_template,
    search_roots,
)
from ..templating.rendering import template_outline


def lint_template(path: Path, template_dirs: list[Path]) -> int:
    """``speechgen templates lint PATH``: print findings; exit 2 when there are any."""

    if path.suffix.lower() == ".docx":
        from ..docx.wordtemplate import lint_docx

        findings = lint_docx(path)
    elif (path / MANIFEST).exists():
        findings, _ = lint_folder(path, template_dirs)
    elif path.is_dir():
        raise UserError(f"{path}: 不是模板文件夹（缺少 {MANIFEST}）")
    else:
        raise UserError(f"{path}: 找不到模板；请给出模板文件夹（含 {MANIFEST}）或 Word 模板 .docx")
    for f in findings:
        echo_out(f"{f.where}  {f.message}\n")
    if findings:
        echo_err(f"{path}: 发现 {len(findings)} 个问题")
        return 2
    echo_err(f"{path}: 没有发现问题")
    return 0


def list_templates(template_dirs: list[Path]) -> int:
    """``speechgen templates``: every template with its Chinese name, source and description."""

    roots = search_roots(template_dirs)
    candidates = discover(roots)
    order = {n: i for i, n in enumerate(("situation", "progress", "mobilization", "commendation"))}
    lines = []
    for name in sorted(candidates, key=lambda n: (n == "base", order.get(n, 99), n)):
        winner, *shadowed = candidates[name]
        where = winner.origin if winner.origin == "内置" else f"{winner.origin}：{winner.folder}"
        skeleton = "  （骨架，供其他模板继承，不单独使用）" if winner.skeleton else ""
        lines.append(f"{name}  {winner.cn_name or '—'}  [{where}]{skeleton}")
        if winner.description:
            lines.append(f"    {winner.description}")
        if winner.extends:
            lines.append(f"    继承：{winner.extends}")
        for other in shadowed:
            lines.append(
                f"    生效的是上面这个；同名的 {other.origin} 模板（{other.folder}）被覆盖"
            )
    echo_out("\n".join(lines) + "\n")
    for warning in manifest_warnings():
        echo_err(warning)
    echo_err(
        "用 speechgen templates show 名称 查看模板的提纲、字段和选项；简报里写 template: 名称 或中文名。"
    )
    return 0


def show_template(name: str, template_dirs: list[Path]) -> int:
    """``speechgen templates show NAME``: manifest, options, fields used and the outline."""

    roots = search_roots(template_dirs)
    try:
        info = resolve_template(name, roots, Path.cwd())
    finally:
        for warning in manifest_warnings():
            echo_err(warning)
    used: set[str] = set()
    candidates = discover(roots)
    current: TemplateInfo | None = info
    for _ in range(20):
        if current is None:
            break
        used |= lint_folder(current.folder, template_dirs)[1]
        current = parent_of(current, candidates)
    out = [
        f"{info.name}  {info.cn_name}",
        f"说明：{info.description or '（无）'}",
        f"来源：{info.origin}（{info.folder}）",
        f"继承：{info.extends or '（无）'}",
        f"默认版式：{info.profile or 'speech'}",
        f"用到的简报部分：{'、'.join(info.uses) or '（未声明）'}",
        f"必填字段：{'、'.join(info.requires) or '（无）'}",
        "选项（写在简报的 options 下）：",
    ]
    for o in info.options:
        choices = (
            f"，可选 {'、'.join(o.choices)}"
            if o.choices
            else ("，一组文字" if o.kind == "list" else "")
        )
        default = o.default if o.default not in (None, []) else "（空）"
        out.append(f"  {o.name}：默认 {default}{choices}。{o.description}")
    if not info.options:
        out.append("  （无）")
    fields = sorted(f for f in used if "." in f and not f.startswith("options."))
    out.append(f"模板里用到的字段：{'、'.join(fields) or '（无）'}")
    spec = template_outline(info, roots)
    if spec.declared:
        kinds = "、".join(f"{k}（{PART_KIND_NAMES[k]}）" for k in spec.offered)
        out.append(f"可用的部分（outline.parts 的 kind）：{kinds}，以及 custom（自己写的部分）")
        out.append(f"默认提纲：{'、'.join(spec.default)}；默认篇幅：{spec.length}字")
    total, by_tag = material_counts(info, roots)
    tags = "、".join(f"{tag} {n}" for tag, n in sorted(by_tag.items(), key=lambda x: -x[1]))
    out.append(f"素材：共 {total} 条（含继承的共用素材）；按条件：{tags or '（无）'}")
    if info.skeleton:
        out.append("提纲：（无）这是供其他模板继承的骨架，不单独使用；简报里请写继承它的模板")
    else:
        out.append("提纲（按示例简报渲染；部分和小点的数目随简报内容变化）：")
        out += ["  " + line for line in outline(info, roots)]
    echo_out("\n".join(out) + "\n")
    return 0
