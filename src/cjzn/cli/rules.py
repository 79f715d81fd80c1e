"""`cjzn rules`: every diagnostic code, what it means, how to fix it, which section of the guide."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from cjzn.cli.common import CatalogOption, Lang, LangOption, usage_errors
from cjzn.cli.frame import bi
from cjzn.i18n import Msg

HELP = bi(
    "列出全部问题代码：含义、怎样改、对应的指南章节。",
    "List every diagnostic code: what it means, how to fix it, the guide's section.",
)

_HEADS = (
    Msg("代码", "code"), Msg("名称", "name"), Msg("级别", "severity"),
    Msg("含义", "meaning"), Msg("怎样改", "how to fix"), Msg("指南", "guide"),
)  # fmt: skip


class CodesFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


def rules(
    output_format: Annotated[
        CodesFormat,
        typer.Option("--format", "-f", help=bi("输出格式：text、json 或 md。", "Output format.")),
    ] = CodesFormat.text,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """列出全部问题代码及含义 / list every diagnostic code and what it means."""
    # imported when the command runs: the other commands start without it
    import json

    # imported when the command runs: the other commands start without it
    from cjzn.guide import Catalogs
    from cjzn.rules import ALL_CODES, codes_json, codes_markdown

    with usage_errors():
        guide = Catalogs.from_option(catalog).default()
    if output_format is CodesFormat.md:
        typer.echo(codes_markdown(guide, lang.value))
        return
    if output_format is CodesFormat.json:
        typer.echo(json.dumps(codes_json(guide, lang.value), ensure_ascii=False, indent=2))
        return
    # imported when the command runs: the other commands start without it
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for head in _HEADS:
        # fold, not "…": Chinese text has no spaces to wrap at, and help cut short is no help
        table.add_column(head.get(lang.value), overflow="fold")
    for code, info in ALL_CODES.items():
        table.add_row(
            code,
            info.name,
            info.severity.value,
            info.summary.get(lang.value),
            info.help_text.get(lang.value),
            guide.code_sections.get(code, ""),
        )
    Console(highlight=False).print(table)
