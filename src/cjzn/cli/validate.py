"""`cjzn validate`: options -> `check.validate_paths` -> a reporter -> exit code."""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer

from cjzn.cli.common import (
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
    say_skipped,
    selection,
    stdout_is_terminal,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.cli.wording import current_lang, worded
from cjzn.i18n import Msg, join


def _reporter_names() -> list[str]:
    # imported when the command runs: the other commands start without it
    from cjzn.reporters import REPORTERS

    return list(REPORTERS)


def _check_format(value: str) -> str:
    """Option choices come from the reporter registry, so a new reporter needs no CLI change."""
    # imported when the command runs: the other commands start without it
    from cjzn.reporters import REPORTERS

    if value not in REPORTERS:
        lang = current_lang()
        choices = join(REPORTERS, lang)
        text = _NOT_A_FORMAT.format(lang, value=value, choices=choices)
        raise worded(typer.BadParameter(text))
    return value


_NOT_A_FORMAT = Msg(
    "“{value}”不是可选的格式；可选：{choices}", "“{value}” is not a format: {choices}"
)
HELP = bi(
    "校验备案文件：格式和指南的规则。每个问题给出 文件:行:列、代码、说明和改法。"
    "\n退出码：0 没有错误，1 有错误，2 用法错误。",
    "Validate filings against the format and the guide's rules: every problem with "
    "file:line:column, a stable code, a message and a hint."
    "\nExit 0 when there are no errors, "
    "1 when there are, 2 on a usage error.",
)


FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar=bi("格式", "FORMAT"),
        callback=_check_format,
        autocompletion=_reporter_names,
        help=bi(
            "输出格式：text（给人看）、json（约定的 JSON）、github、junit、sarif（CI 用）。",
            "Output format: text (for people), json (the contract's JSON), github, junit, "
            "sarif (for CI).",
        ),
    ),
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help=bi("警告也算失败（退出码 1）。", "Warnings fail too (exit 1).")),
]
ShowWaivedOption = Annotated[
    bool,
    typer.Option(
        "--show-waived",
        help="在 text、github、junit 输出中也列出已豁免的问题（json、sarif 总是列出）"
        " / list waived problems in text, github and junit too (json and sarif always do).",
    ),
]
HookOption = Annotated[
    bool,
    typer.Option(
        "--hook",
        help=bi(
            "提交前钩子用：再加上 cjzn.toml 中 [hook] 一节的设置。",
            "For the pre-commit hook: also apply the [hook] table of cjzn.toml.",
        ),
    ),
]


def validate(
    paths: PathsArgument,
    output_format: FormatOption = "text",
    lang: LangOption = Lang.zh,
    strict: StrictOption = False,
    catalog: CatalogOption = None,
    as_of: AsOfOption = None,
    stage: StageOption = None,
    jobs: JobsOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    show_waived: ShowWaivedOption = False,
    hook: HookOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """校验备案文件：格式、指南规则；每个问题给出 文件:行:列、代码和说明。

    Validate filings: every problem with file:line:column, a stable code and a message.
    Settings come from the nearest cjzn.toml (see `cjzn config`), then the options.
    Exit 0 when there are no errors, 1 when there are, 2 on a usage error or a broken cjzn.toml.
    """
    # imported when the command runs: the other commands start without it
    from cjzn.check import validate_paths
    from cjzn.cli.progress import progress_for
    from cjzn.reporters import REPORTERS

    options = run_options(
        lang, as_of, config, no_config, select, ignore,
        strict=strict, stage=parse_stage_option(stage, catalog), show_waived=show_waived, hook=hook,
    )  # fmt: skip
    note_jobs_lowered(jobs, lang.value)
    bar = progress_for(output_format, sys.stderr, lang.value)  # a terminal only, never in CI
    gc.freeze()  # what the imports built lives to the end: keep it out of every collection
    try:
        with usage_errors():
            report = validate_paths(
                paths, options, catalog, jobs=jobs, progress=bar, keep_documents=False,
                selection=selection(exclude, allow_empty),
            )  # fmt: skip
    finally:
        if bar is not None:
            bar.close()
    say_skipped(report.skipped, lang.value)
    color = output_format == "text" and stdout_is_terminal()
    typer.echo(REPORTERS[output_format](report, color=color), nl=False, color=color)
    raise typer.Exit(report.exit_code(strict))
