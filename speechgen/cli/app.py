"""Command-line interface (typer). Help and messages are Chinese; exit codes follow DESIGN.md §5.

Heavy libraries are imported inside the commands, so ``speechgen --help`` stays fast.
Errors are handled once, in :class:`_Group`: a :class:`SpeechgenError` prints its
message to stderr and exits with its code; anything else is an internal error (5)
whose traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..console import echo_err
from ..errors import EXIT_INTERNAL, SpeechgenError
from . import text as clitext
from .text import ClickException


def _debug_enabled() -> bool:
    return "--debug" in sys.argv or os.environ.get("SPEECHGEN_DEBUG") == "1"


class _Group(TyperGroup):
    """Typer group that turns speechgen errors into messages and exit codes, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SpeechgenError as exc:
            if _debug_enabled() or (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            echo_err(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except Exception as exc:  # the one place unexpected errors are caught
            if _debug_enabled() or (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            echo_err(
                f"speechgen 内部错误：{type(exc).__name__}: {exc}\n"
                "请加 --debug 重新运行以查看详细信息，并把它报告给维护者。"
            )
            raise typer.Exit(EXIT_INTERNAL) from None


clitext.install()

app = typer.Typer(
    cls=_Group,
    help="speechgen：根据 YAML 简报生成中文讲话稿初稿（.docx）。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    """``--version``: print ``speechgen <version>`` to stdout and stop."""
    if value:
        from ..console import echo_out
        from ..version import __version__

        echo_out(f"speechgen {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="出错时显示完整的调试信息（traceback）")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="显示 speechgen 的版本号并退出",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """speechgen：根据 YAML 简报生成中文讲话稿初稿（.docx）。"""
    ctx.obj = {"debug": debug}


class Format(StrEnum):
    """Output formats of ``render``."""

    docx = "docx"
    md = "md"
    txt = "txt"


@app.command()
def render(
    briefs: Annotated[
        list[Path],
        typer.Argument(
            help="简报文件（.yaml），可以给多个，或给一个文件夹", show_default=False, metavar="简报"
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", help="输出文件；以 / 结尾表示文件夹；- 表示输出到屏幕（仅 md/txt）"
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option("--template", "-t", help="模板名称（如 situation、形势分析会）或路径"),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", help="版式：speech、official、large 或版式文件路径"),
    ] = None,
    shell: Annotated[Path | None, typer.Option("--shell", help="本单位的 Word 外壳 .docx")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="输出格式")] = Format.docx,
    pdf: Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 转出 PDF 预览")] = False,
    png: Annotated[bool, typer.Option("--png", help="同时转出每页的 PNG 图片")] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="措辞选择的随机种子：换一个数字，套话换一种说法")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="简报的文字编码，如 gb18030（默认 UTF-8）")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行渲染的进程数（默认为 CPU 核数）")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已修改过的稿子（先备份旧文件）")
    ] = False,
    watch: Annotated[bool, typer.Option("--watch", help="简报或模板一改动就重新生成")] = False,
    template_dir: Annotated[
        list[Path] | None,
        typer.Option("--template-dir", help="额外的模板文件夹（可重复）", metavar="文件夹"),
    ] = None,
    no_check: Annotated[bool, typer.Option("--no-check", help="生成后不做自动检查")] = False,
) -> None:
    """根据简报生成讲话稿（默认在简报旁边生成同名 .docx）。"""
    from .batch import run_render

    code = run_render(
        briefs,
        output=output,
        template=template,
        profile=profile,
        shell=shell,
        fmt=fmt.value,
        pdf=pdf,
        png=png,
        seed=seed,
        encoding=encoding,
        jobs=jobs,
        force=force,
        watch=watch,
        template_dirs=template_dir or [],
        check=not no_check,
    )
    raise typer.Exit(code)


class CheckFormat(StrEnum):
    """Output formats of ``check``."""

    text = "text"
    json = "json"


@app.command()
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="要检查的文件：简报 .yaml、讲话稿 .docx 或 .txt/.md",
            show_default=False,
            metavar="文件",
        ),
    ],
    brief: Annotated[
        Path | None,
        typer.Option(
            "--brief", "-b", help="对照这份简报检查（成绩、差距、举措是否都还在，名次日期是否改动）"
        ),
    ] = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="输出格式：text 或 json")
    ] = CheckFormat.text,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="跳过某条规则（规则编号，可重复）", metavar="规则"),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="检查配置文件（YAML：ignore、chars_per_minute）")
    ] = None,
    chars_per_minute: Annotated[
        int | None,
        typer.Option("--chars-per-minute", min=60, max=1000, help="语速（每分钟字数，默认 220）"),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="简报或文本的编码（默认 UTF-8）")
    ] = None,
    annotate: Annotated[
        bool,
        typer.Option(
            "--annotate", help="把每条检查结果作为 Word 批注写进稿子的副本（默认 <原名>-批注.docx）"
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="在批注副本里同时以修订方式改正半角标点、引号方向、省略号、全角数字等"
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", help="批注副本写到这个文件；以 / 结尾表示文件夹"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已有的批注副本或原稿（先备份旧文件）")
    ] = False,
) -> None:
    """检查讲话稿：遗留占位符、标点、结构、并列标题、数字日期、篇幅、与简报是否一致。"""
    from .check import run_annotate, run_check

    if annotate or fix:
        raise typer.Exit(
            run_annotate(
                files,
                fix=fix,
                output=output,
                force=force,
                brief=brief,
                fmt=fmt.value,
                ignore=list(ignore or []),
                config=config,
                chars_per_minute=chars_per_minute,
            )
        )
    if output is not None or force:
        raise typer.BadParameter("-o 和 --force 只和 --annotate 一起用", param_hint="-o/--force")
    code = run_check(
        files,
        brief=brief,
        fmt=fmt.value,
        ignore=list(ignore or []),
        config=config,
        chars_per_minute=chars_per_minute,
        encoding=encoding,
    )
    raise typer.Exit(code)


@app.command()
def update(
    draft: Annotated[
        Path,
        typer.Argument(
            help="speechgen 生成、经人修改过的 .docx 稿子", show_default=False, metavar="稿子"
        ),
    ],
    brief: Annotated[
        Path | None,
        typer.Option("--brief", "-b", help="用这份简报重新生成（默认用生成稿子时的简报）"),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", help="输出文件（默认 <原名>-更新.docx）；以 / 结尾表示文件夹"
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="覆盖已有的文件；-o 写原稿本身时必须加（先备份原稿）"),
    ] = False,
    template_dir: Annotated[
        list[Path] | None,
        typer.Option("--template-dir", help="额外的模板文件夹（可重复）", metavar="文件夹"),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option("--encoding", help="简报的文字编码，如 gb18030（默认 UTF-8）")
    ] = None,
) -> None:
    """按改过的简报或模板更新稿子：人改过的地方保留，新生成的变化以修订和批注写入。"""
    from .update import run_update

    raise typer.Exit(
        run_update(
            draft,
            brief=brief,
            output=output,
            force=force,
            template_dirs=list(template_dir or []),
            encoding=encoding,
        )
    )


@app.command()
def new(
    template: Annotated[
        str, typer.Option("--template", "-t", help="模板名称（如 situation、形势分析会）")
    ] = "situation",
    output: Annotated[Path, typer.Option("-o", "--output", help="要写的简报文件")] = Path(
        "brief.yaml"
    ),
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的简报（先备份）")] = False,
    template_dir: Annotated[
        list[Path] | None,
        typer.Option("--template-dir", help="额外的模板文件夹（可重复）", metavar="文件夹"),
    ] = None,
) -> None:
    """写一份带中文注释的简报（以及旁边的 JSON Schema 文件），填好后即可 render。"""
    from .new import run_new

    raise typer.Exit(run_new(template, output, force=force, template_dirs=list(template_dir or [])))


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="写到这个文件（默认输出到屏幕）")
    ] = None,
) -> None:
    """输出简报的 JSON Schema（带中文说明），供编辑器补全和检查。"""
    from .schema import run_schema

    raise typer.Exit(run_schema(output))


@app.command()
def serve(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="放简报的文件夹（默认为当前文件夹）", show_default=False, metavar="文件夹"
        ),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="监听地址；0.0.0.0 为整个办公室提供服务（需要账号）")
    ] = "127.0.0.1",
    port: Annotated[
        int | None, typer.Option("--port", help="端口（默认 8765，被占用时顺延）")
    ] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="不自动打开浏览器")] = False,
    add_user: Annotated[
        str | None,
        typer.Option("--add-user", help="创建办公室账号（或重设其密码），然后退出", metavar="姓名"),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="从标准输入读取 --add-user 的密码（供脚本使用）"),
    ] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="同事访问时使用的主机名（可重复）", metavar="主机名"),
    ] = None,
) -> None:
    """在浏览器里填写简报、实时预览讲话稿、下载 Word 稿（工作台）。"""
    from .serve import run_serve

    raise typer.Exit(
        run_serve(
            folder,
            host=host,
            port=port,
            open_browser=not no_browser,
            add_user_name=add_user,
            password_stdin=password_stdin,
            allow_hosts=list(allow_host or []),
        )  # fmt: skip
    )


templates_app = typer.Typer(
    cls=_Group,
    help="列出、说明和检查模板。",
    invoke_without_command=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(templates_app, name="templates")


@templates_app.callback()
def templates_list(
    ctx: typer.Context,
    template_dir: Annotated[
        list[Path] | None,
        typer.Option("--template-dir", help="额外的模板文件夹（可重复）", metavar="文件夹"),
    ] = None,
) -> None:
    """列出可用的模板：名称、中文名、说明、来源（本地模板会覆盖同名内置模板）。"""
    ctx.obj = {**(ctx.obj or {}), "template_dirs": list(template_dir or [])}
    if ctx.invoked_subcommand is None:
        from .templates import list_templates

        raise typer.Exit(list_templates(list(template_dir or [])))


@templates_app.command("show")
def templates_show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="模板名称或中文名", show_default=False)],
) -> None:
    """显示模板生成的提纲和它用到的简报字段。"""
    from .templates import show_template

    raise typer.Exit(show_template(name, (ctx.obj or {}).get("template_dirs", [])))


@templates_app.command("lint")
def templates_lint(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="模板文件夹或 Word 模板 .docx", show_default=False)],
) -> None:
    """检查模板：未知变量、写错的标签，并指出所在的行或段落。"""
    from .templates import lint_template

    raise typer.Exit(lint_template(path, (ctx.obj or {}).get("template_dirs", [])))


def _skip_pydantic_plugin_discovery() -> None:
    """With plugins disabled, give pydantic a plugin loader that finds none without looking.

    pydantic's own loader imports ``importlib.metadata`` (and with it email, zipfile,
    csv…, about 5 ms) at its first model even when ``PYDANTIC_DISABLE_PLUGINS`` tells it
    to load nothing. A stand-in module with the same ``get_plugins`` answers ``()``.
    """
    import types

    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    if "pydantic.plugin._loader" in sys.modules:
        return
    stub = types.ModuleType("pydantic.plugin._loader", "speechgen: pydantic plugins disabled")
    stub.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = stub


def main() -> None:
    """Console-script entry point: run, flush, then leave without the interpreter's teardown (~80 ms).

    ``--debug`` is accepted anywhere on the command line. pydantic's plugin discovery
    (which scans every installed distribution's entry points) is switched off: speechgen
    uses no pydantic plugins.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _skip_pydantic_plugin_discovery()
    args = sys.argv[1:]
    if "--debug" in args[1:]:  # accept --debug after the command too
        args.remove("--debug")
        args.insert(0, "--debug")
    try:
        app(args=args, prog_name="speechgen")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
