"""`cjzn status`: options -> `status.collect_status` -> a timeline or a table -> exit code."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from cjzn.cli.common import (
    AllowEmptyOption,
    AsOfOption,
    CatalogOption,
    ConfigFileOption,
    ExcludeOption,
    IgnoreOption,
    Lang,
    LangOption,
    NoConfigOption,
    PathsArgument,
    SelectOption,
    run_options,
    say_skipped,
    selection,
    stdout_is_terminal,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.cli.output import echo_chunks

HELP = bi(
    "各阶段进度：一份备案显示四个阶段的时间线，多份备案按紧迫程度列表。"
    "\n退出码：0 没有错误，1 有错误或已到期未完成的要求，2 用法错误。",
    "Where each filing stands: one filing as a timeline of the stages, several as a table "
    "sorted by urgency."
    "\nExit 1 when a filing has errors or due requirements missing, else 0; "
    "2 on a usage error.",
)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


def status(
    paths: PathsArgument,
    as_of: AsOfOption = None,
    output_format: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help=bi("输出格式：text 或 json。", "Output format.")),
    ] = StatusFormat.text,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """各阶段进度：一份备案显示四个阶段的时间线，多份备案按紧迫程度列表。

    Where each filing stands: one filing as a timeline of the stages, several as a
    table sorted by urgency (overdue first, then the nearest deadline), then per
    district which units of the roster have filed and which have not.
    Exit 1 when a filing has errors or due requirements that are missing, else 0; 2 usage.
    """
    # imported when the command runs: the other commands start without it
    import functools
    import shutil

    # imported when the command runs: the other commands start without it
    from cjzn.status import collect_status, render_text
    from cjzn.status.digest import json_facts, table_facts
    from cjzn.status.json_doc import json_chunks

    options = run_options(lang, as_of, config, no_config, select, ignore)
    # each filing reduced to what this output shows, where it is checked: flat memory
    facts = json_facts if output_format is StatusFormat.json else table_facts
    digest = functools.partial(facts, lang=lang.value)
    with usage_errors():
        report = collect_status(
            paths, options, catalog, selection(exclude, allow_empty), digest=digest
        )
    say_skipped(report.skipped, lang.value)
    if output_format is StatusFormat.json:
        echo_chunks(json_chunks(report))  # written on as it is made: large runs
    else:
        color = stdout_is_terminal()
        columns = shutil.get_terminal_size().columns  # COLUMNS when set
        width = columns if color else max(columns, 160)  # a log or a file: room for the table
        typer.echo(render_text(report, color=color, width=width), nl=False, color=color)
    raise typer.Exit(report.exit_code)
