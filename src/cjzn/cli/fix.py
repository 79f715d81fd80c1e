"""`cjzn fix`: options -> `fix.fix_paths` -> the files corrected (or a diff) -> exit code."""

from __future__ import annotations

from typing import Annotated

import typer

from cjzn.cli.common import (
    CANNOT_WRITE,
    AllowEmptyOption,
    AsOfOption,
    CatalogOption,
    ConfigFileOption,
    ExcludeOption,
    Lang,
    LangOption,
    NoConfigOption,
    PathsArgument,
    run_options,
    say_skipped,
    selection,
    usage_errors,
)
from cjzn.cli.frame import bi

HELP = bi(
    "自动改正备案文件中可以确定的错误：输入法打出的全角冒号、全角空格、中文逗号、中文引号，"
    "格式不对的日期、月份、是/否、轮次、代码和区县名称。只改这些地方，其余每个字节（注释、正文、"
    "顺序、换行）都不变；写入是原子的。列出改了什么，以及还需要人工处理的问题。"
    "\n退出码：0 改正后没有错误，1 还有错误（或 --diff 有可改正之处），2 用法错误。",
    "Fix what can be fixed for sure: full-width colons and spaces, Chinese commas and quotes "
    "typed with an IME, and dates, months, yes/no, rounds, codes and district names written "
    "the wrong way. Only those spots change; every other byte (comments, text, order, line "
    "endings) stays, and files are written atomically. Lists what changed and what is left for "
    "a person."
    "\nExit 0 when no errors are left, 1 when some are (or --diff would change "
    "something), 2 on a usage error.",
)

DiffOption = Annotated[
    bool,
    typer.Option(
        "--diff",
        help=bi(
            "只显示会做的改动（统一 diff 格式），不写入文件。",
            "Show the changes as a unified diff; write nothing.",
        ),
    ),
]


def fix(
    paths: PathsArgument,
    diff: DiffOption = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    as_of: AsOfOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """Correct filings in place (or show the diff): the command behind `cjzn fix`."""
    # imported when the command runs: the other commands start without it
    from cjzn.fix import changes_text, fix_paths, summary_text
    from cjzn.reporters import REPORTERS

    options = run_options(lang, as_of, config, no_config)
    with usage_errors():
        run = fix_paths(paths, options, catalog, selection(exclude, allow_empty))
    say_skipped(run.skipped, lang.value)
    if diff:
        typer.echo("".join(f.diff() for f in run.files), nl=False)
    else:
        for fixed in run.files:
            try:
                fixed.write()
            except OSError as exc:
                from cjzn.fileio import os_reason  # imported when a write failed: start-up time

                why = os_reason(exc, lang.value)
                typer.echo(CANNOT_WRITE.format(lang.value, path=fixed.file, why=why), err=True)
                raise typer.Exit(1) from None
        typer.echo(changes_text(run), nl=False)
    report = run.report()
    if report.errors or report.warnings:
        typer.echo(REPORTERS["text"](report, color=False), nl=False, err=diff)
    typer.echo(summary_text(run, lang.value, preview=diff), nl=False, err=diff)
    pending = diff and run.changes > 0
    raise typer.Exit(1 if report.errors or pending else 0)
