"""The `cjzn` command line: each command turns options into one library call.

Exit codes (the contract): 0 no errors, 1 errors found, 2 usage error.
Heavy modules (Jinja2, python-docx) are imported inside the commands that
need them, so `cjzn validate` starts fast.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from cjzn import __version__

app = typer.Typer(
    name="cjzn",
    help=(
        "上海市社区教育示范街镇创建备案工具：校验、生成、汇总备案文件。\n\n"
        "Filings for the Shanghai community-education demonstration street/town programme."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="CJZN_LANG", help="消息语言 / message language: zh (默认) or en."
    ),
]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        help="用这个目录文件代替内置的轮次指南 / use this round catalog instead of the bundled one.",
        dir_okay=False,
    ),
]


def _fail_usage(message: str) -> NoReturn:
    typer.echo(f"cjzn: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjzn {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="显示版本 / show version."
        ),
    ] = False,
) -> None:
    """Top-level options."""


def _reporter_names() -> list[str]:
    from cjzn.reporters import REPORTERS

    return list(REPORTERS)


def _check_format(value: str) -> str:
    """Option choices come from the reporter registry, so a new reporter needs no CLI change."""
    names = _reporter_names()
    if value not in names:
        raise typer.BadParameter(f"{value!r}: 可选 / choose from {', '.join(names)}")
    return value


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="备案文件或目录（递归查找 *.yaml、*.yml）/ filings or folders."),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            callback=_check_format,
            autocompletion=_reporter_names,
            help="输出格式 / output format: text, json, github, junit, sarif.",
        ),
    ] = "text",
    lang: LangOption = Lang.zh,
    strict: Annotated[
        bool, typer.Option("--strict", help="警告也算失败（退出码 1）/ warnings fail too.")
    ] = False,
    catalog: CatalogOption = None,
) -> None:
    """校验备案文件：格式、指南规则；每个问题给出 文件:行:列、代码和说明。

    Validate filings: every problem with file:line:column, a stable code and a message.
    Exit 0 when there are no errors, 1 when there are, 2 on a usage error.
    """
    from cjzn.catalog import CatalogError
    from cjzn.reporters import REPORTERS
    from cjzn.rules import Options
    from cjzn.validate import UsageError, validate_paths

    options = Options(lang=lang.value, strict=strict)
    try:
        report = validate_paths(paths, options, catalog)
    except UsageError as exc:
        _fail_usage(str(exc))
    except CatalogError as exc:
        _fail_usage(f"目录文件有误 / broken catalog: {exc}")
    REPORTERS[output_format]().emit(report, sys.stdout)
    raise typer.Exit(report.exit_code(strict))


class CodesFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command()
def rules(
    output_format: Annotated[
        CodesFormat, typer.Option("--format", "-f", help="输出格式 / output format.")
    ] = CodesFormat.text,
    lang: LangOption = Lang.zh,
) -> None:
    """列出全部问题代码及含义 / list every diagnostic code and what it means."""
    import json

    from rich.console import Console
    from rich.table import Table

    from cjzn.registry import ALL_CODES, codes_markdown

    if output_format is CodesFormat.md:
        typer.echo(codes_markdown(lang.value))
        return
    if output_format is CodesFormat.json:
        entries = [
            {
                "code": info.code,
                "name": info.name,
                "severity": info.severity.value,
                "summary": info.summary.get(lang.value),
                "hint": info.hint.get(lang.value),
                "guide": info.guide,
            }
            for info in ALL_CODES.values()
        ]
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for column in (
        ("代码", "名称", "级别", "含义", "指南")
        if lang is Lang.zh
        else ("code", "name", "severity", "meaning", "guide")
    ):
        table.add_column(column)
    for info in ALL_CODES.values():
        table.add_row(
            info.code, info.name, info.severity.value, info.summary.get(lang.value), info.guide
        )
    Console(highlight=False).print(table)


def parse_date_option(value: str | None, option: str) -> date | None:
    """`--as-of 2013-04-15` as a date, or a usage error (exit 2)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail_usage(f"{option} 应为日期，例如 2013-04-15 / {option} must be a date like 2013-04-15")


def main() -> None:
    """Console-script entry point: never a traceback for the user."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断 / interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - last line of defence
        typer.echo(
            f"cjzn 内部错误，请报告此问题 / internal error, please report it: "
            f"{type(exc).__name__}: {exc}",
            err=True,
        )
        sys.exit(1)
