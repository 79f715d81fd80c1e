"""`cjzn report`: options -> `report.collect_dashboard` -> HTML, Markdown or JSON -> exit code."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cjzn.cli.common import (
    CANNOT_WRITE,
    WROTE,
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
    usage_errors,
)
from cjzn.cli.frame import bi, current_lang
from cjzn.cli.output import echo_chunks
from cjzn.cli.wording import path_kind

HELP = bi(
    "汇总报告：各区县、各街镇的阶段、错误、未完成要求和截止日期，附图表（HTML、Markdown、JSON）。"
    "联系人信息默认隐去。"
    "\n退出码：0 没有错误，1 有错误，2 用法错误。",
    "The dashboard of a district or the city: per district and per filing the current stage, "
    "errors, open requirements and the next deadline, with charts. Contact details are left "
    "out unless --include-contacts."
    "\nExit 0 when no filing has errors, 1 when some has, 2 on a "
    "usage error.",
)


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"


IncludeContacts = Annotated[
    bool,
    typer.Option(
        "--include-contacts",
        help=bi(
            "显示联系人姓名、电话、邮箱、地址、邮编和签字人（默认隐去）。",
            "Show contact details (left out by default: dashboards get forwarded).",
        ),
    ),
]
FormsOption = Annotated[
    Path | None,
    typer.Option(
        "--forms",
        metavar=bi("目录", "DIR"),
        callback=path_kind("folder"),
        help=bi(
            "cjzn render 目录 -o 登记表目录 生成的登记表所在目录，报告中链接到这些登记表。",
            "Folder of forms rendered by `cjzn render DIR -o FORMS`, linked from the report.",
        ),
    ),
]


FormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=bi(
            "输出格式：html、md、json（默认按 -o 的扩展名，否则 html）。",
            "Output format: html, md, json (default: from the -o suffix, else html).",
        ),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar=bi("文件", "FILE"),
        callback=path_kind("file"),
        help=bi("写入这个文件，而不是标准输出。", "Write to this file instead of stdout."),
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help=bi("覆盖不是 cjzn 生成的已有文件。", "Overwrite a file cjzn did not write.")
    ),
]


def report(
    paths: PathsArgument,
    as_of: AsOfOption = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    include_contacts: IncludeContacts = False,
    forms: FormsOption = None,
    force: ForceOption = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """汇总报告：各区县、各街镇的阶段、错误、未完成要求和截止日期，附图表（HTML、Markdown、JSON）。

    The dashboard of a district or the city: per district who has filed and who has
    not (by the round's roster), per district and per filing the current
    stage, errors and warnings, open requirements and the next deadline, with charts.
    Contact details are left out unless --include-contacts. An existing -o FILE is
    replaced only when an earlier `cjzn report` wrote it (else exit 1) unless --force.
    Exit 0 when no filing has errors, 1 when some has, 2 on a usage error.
    """
    # imported when the command runs: the other commands start without it
    from cjzn.fileio import refusal
    from cjzn.report import MARKER, collect_dashboard, infer_format
    from cjzn.report.output import report_chunks

    options = run_options(lang, as_of, config, no_config, select, ignore)
    with usage_errors():
        fmt = infer_format(output_format.value if output_format else None, output)
        dashboard = collect_dashboard(
            paths, options, catalog, include_contacts=include_contacts, forms=forms,
            out_dir=output.parent if output is not None else None,
            selection=selection(exclude, allow_empty),
        )  # fmt: skip
    say_skipped(dashboard.skipped, lang.value)
    why = refusal(output, MARKER, force=force, command="report") if output is not None else None
    if why is not None:
        typer.echo(f"cjzn: {why.get(lang.value)}", err=True)
        raise typer.Exit(1)
    text = report_chunks(dashboard, fmt)  # written on as it is made: large dashboards
    if output is None:
        echo_chunks(text)
    else:
        _write(output, text)
    raise typer.Exit(dashboard.exit_code)


def _write(output: Path, text: Iterable[str]) -> None:
    """The dashboard to `output`, atomically; exit 1 when it cannot be written."""
    # imported when the command runs: the other commands start without it
    from cjzn.fileio import os_reason, write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        lang = current_lang()
        typer.echo(CANNOT_WRITE.format(lang, path=output, why=os_reason(exc, lang)), err=True)
        raise typer.Exit(1) from None
    typer.echo(WROTE.format(current_lang(), path=output), err=True)
