"""`cjzn catalog` (the guide: what must we do?) and `cjzn schema` (the JSON Schema for editors)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cjzn.cli.common import (
    CANNOT_WRITE,
    WROTE,
    CatalogOption,
    Lang,
    LangOption,
    RoundOption,
    usage_errors,
)
from cjzn.cli.frame import bi, current_lang
from cjzn.cli.wording import path_kind

CATALOG_HELP = bi(
    "查看指南要求：基础性建设工作、重点创建工作、各阶段及日期、创建工作方案的内容。",
    "Read the guide: basic works, key works, the stages with their dates, the plan's parts.",
)
SCHEMA_HELP = bi(
    "输出备案文件的 JSON Schema，供编辑器补全和检查。",
    "Print the filing's JSON Schema, for editors to complete and check keys.",
)


class CatalogFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


def catalog_command(
    round_name: RoundOption = None,
    output_format: Annotated[
        CatalogFormat,
        typer.Option("--format", "-f", help=bi("输出格式：text、md 或 json。", "Output format.")),
    ] = CatalogFormat.text,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """查看指南要求：基础性建设工作、重点创建工作、各阶段及日期、方案内容 / read the guide."""
    # imported when the command runs: the other commands start without it
    from cjzn.guide import resolve_catalog
    from cjzn.init.guide_view import catalog_json, catalog_markdown, print_catalog

    with usage_errors():
        round_catalog = resolve_catalog(round_name, catalog)
    if output_format is CatalogFormat.json:
        typer.echo(catalog_json(round_catalog), nl=False)
    elif output_format is CatalogFormat.md:
        typer.echo(catalog_markdown(round_catalog, lang.value), nl=False)
    else:
        # imported when the command runs: the other commands start without it
        from rich.console import Console

        print_catalog(round_catalog, lang.value, Console(highlight=False, emoji=False))


def schema_command(
    round_name: RoundOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar=bi("文件", "FILE"),
            callback=path_kind("file"),
            help=bi("写入这个文件，而不是标准输出。", "Write to this file instead of stdout."),
        ),
    ] = None,
    catalog: CatalogOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="覆盖不是 cjzn 生成的已有文件 / overwrite a file cjzn did not write."
        ),
    ] = False,
) -> None:
    """输出备案文件的 JSON Schema，供编辑器补全和检查 / print the filing's JSON Schema for editors.

    An existing -o FILE is replaced only when an earlier `cjzn schema` wrote it (else
    exit 1) unless --force; a device, FIFO or folder never.
    """
    # imported when the command runs: the other commands start without it
    from cjzn.fileio import os_reason, refusal, write_atomic
    from cjzn.guide import resolve_catalog
    from cjzn.init.jsonschema import MARKER, schema_text

    with usage_errors():
        text = schema_text(resolve_catalog(round_name, catalog))
    if output is None:
        typer.echo(text, nl=False)
        return
    lang = current_lang()  # `schema` has no --lang: CJZN_LANG=en
    why = refusal(output, MARKER, force=force, command="schema")
    if why is not None:
        typer.echo(f"cjzn: {why.get(lang)}", err=True)
        raise typer.Exit(1)
    try:
        write_atomic(output, text)
    except OSError as exc:
        typer.echo(CANNOT_WRITE.format(lang, path=output, why=os_reason(exc, lang)), err=True)
        raise typer.Exit(1) from None
    typer.echo(WROTE.format(lang, path=output), err=True)
