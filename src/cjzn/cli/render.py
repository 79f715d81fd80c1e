"""`cjzn render`: options -> `render.render_paths` -> messages and exit code."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from cjzn.cli.common import (
    CANNOT_WRITE,
    AllowEmptyOption,
    AsOfOption,
    CatalogOption,
    ConfigFileOption,
    ExcludeOption,
    IgnoreOption,
    JobsOption,
    Lang,
    LangOption,
    NoConfigOption,
    PathsArgument,
    SelectOption,
    StageOption,
    note_jobs_lowered,
    parse_stage_option,
    run_options,
    selection,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.i18n import Msg

if TYPE_CHECKING:
    from cjzn.cli.progress import ProgressBar

_CANNOT_WRITE = Msg("cjzn: 无法写入：{why}", "cjzn: cannot write: {why}")  # no file named

HELP = bi(
    "生成可打印的备案登记表（一页 A4）和创建工作方案附页（HTML、Markdown、Word、PDF）。"
    "多份备案加 -o 名称.pdf 合成一个 PDF（按名册排序，带书签）。"
    "有错误的备案也生成，标为“草稿”，退出码 1。",
    "Render the registration form (备案登记表, one A4 page) and the plan (附页) as print-ready HTML, "
    "Markdown, DOCX or PDF; several filings with -o NAME.pdf make one PDF booklet (roster order, "
    "bookmarks). A filing with errors is rendered as a marked draft (exit 1).",
)


class RenderFormat(str, Enum):
    html = "html"
    md = "md"
    docx = "docx"
    pdf = "pdf"


FormatOption = Annotated[
    RenderFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=bi(
            "输出格式：html、md、docx、pdf（默认按 -o 的扩展名，否则 html）。",
            "Output format: html, md, docx, pdf (default: from the -o suffix, else html).",
        ),
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar=bi("路径", "PATH"),
        help=bi(
            "输出文件（.docx、.pdf、.html 或 .md）或目录（多个备案或目录时为目录；以 / 结尾表示目录）。"
            "多个备案写到一个 .pdf 文件时，合成一本（每份另起一页，按区和名册排序，带书签）。",
            "Output file (.docx, .pdf, .html or .md), or folder (for several filings, or a name"
            " ending in /). Several filings to one .pdf file make a booklet (each on a new"
            " page, in roster order, with bookmarks).",
        ),
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=bi("覆盖不是 cjzn 生成的已有文件。", "Overwrite files cjzn did not write."),
    ),
]
FillSignaturesOption = Annotated[
    bool,
    typer.Option(
        "--fill-signatures",
        help=bi(
            "预览用：签字栏填入备案记录的签字人，公章栏填“（已盖章）”。默认留空，供手写签字和盖章。",
            "A preview: type the recorded signers and （已盖章） into the form; by default the"
            " signature lines and seal slots stay blank for ink and stamp.",
        ),
    ),
]


def _progress_bar(fmt: str | None, output: str | None, lang: str) -> ProgressBar | None:
    """A bar on a terminal only, never in CI; PDFs and DOCX take long enough to want one
    from a few files, HTML and Markdown from 50."""
    # imported when the command runs: the other commands start without it
    from cjzn.cli.progress import RENDERING, ProgressBar, wants_progress

    if not wants_progress("text", sys.stderr):
        return None
    heavy = fmt in ("pdf", "docx") or (output or "").lower().endswith((".pdf", ".docx"))
    return ProgressBar(sys.stderr, lang, threshold=3 if heavy else 50, label=RENDERING)


def render(
    paths: PathsArgument,
    output_format: FormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    fill_signatures: FillSignaturesOption = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    as_of: AsOfOption = None,
    stage: StageOption = None,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
    jobs: JobsOption = None,
) -> None:
    """生成备案登记表和附页 / render the form and its 附页 (the help text is `HELP`)."""
    # imported when the command runs: the other commands start without it
    from cjzn.render import render_paths

    options = run_options(
        lang, as_of, config, no_config, select, ignore, stage=parse_stage_option(stage, catalog)
    )
    fmt = output_format.value if output_format is not None else None
    note_jobs_lowered(jobs, lang.value)
    bar = _progress_bar(fmt, output, lang.value)
    try:
        with usage_errors():
            outcome = render_paths(
                paths,
                fmt,
                output,
                force=force,
                options=options,
                catalog_path=catalog,
                selection=selection(exclude, allow_empty),
                fill_signatures=fill_signatures,
                jobs=jobs,
                progress=bar.phase if bar is not None else None,
            )
    except OSError as exc:
        typer.echo(_cannot_write(exc, lang.value), err=True)
        raise typer.Exit(1) from None
    finally:
        if bar is not None:
            bar.close()
    if outcome.stdout is not None:
        typer.echo(outcome.stdout, nl=False)
    for line in outcome.messages(lang.value):
        typer.echo(line, err=True)
    raise typer.Exit(outcome.exit_code)


def _cannot_write(exc: OSError, lang: str) -> str:
    """`cjzn: 无法写入 out/x.html：不是文件夹`: the file the system named, and why."""
    from cjzn.fileio import os_reason  # imported when a write failed: start-up time

    why = os_reason(exc, lang)
    if exc.filename is None:
        return _CANNOT_WRITE.format(lang, why=why)
    return CANNOT_WRITE.format(lang, path=exc.filename, why=why)
