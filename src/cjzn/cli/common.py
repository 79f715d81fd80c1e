"""What every command shares: the common options, usage errors, dates and stages."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cjzn.cli.frame import bi, fail_usage
from cjzn.cli.wording import current_lang, path_kind
from cjzn.i18n import Msg, did_you_mean, join

if TYPE_CHECKING:
    from cjzn.check import Selection
    from cjzn.options import Options

__all__ = [
    "CANNOT_WRITE",
    "WROTE",
    "AllowEmptyOption",
    "AsOfOption",
    "CatalogOption",
    "ConfigFileOption",
    "ExcludeOption",
    "IgnoreOption",
    "JobsOption",
    "Lang",
    "LangOption",
    "NoConfigOption",
    "PathsArgument",
    "RoundOption",
    "SelectOption",
    "StageOption",
    "fail_usage",
    "note_jobs_lowered",
    "parse_date_option",
    "parse_stage_option",
    "run_options",
    "say_skipped",
    "selection",
    "stdout_is_terminal",
    "usage_errors",
]


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="CJZN_LANG",
        metavar="zh|en",
        help=bi("消息语言：zh 中文，en 英文。", "Message language: zh Chinese, en English."),
    ),
]
PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar=bi("路径", "PATH"),
        help=bi(
            "备案文件或目录（目录中递归查找 *.yaml、*.yml）。",
            "Filings or folders (searched recursively for *.yaml, *.yml).",
        ),
    ),
]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar=bi("文件", "FILE"),
        callback=path_kind("file"),
        help=bi(
            "用这个目录文件代替内置的轮次指南。",
            "Use this round catalog instead of the bundled one.",
        ),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar=bi("日期", "DATE"),
        help=bi(
            "按这一天检查阶段期限，例如 2013-04-15（默认今天，上海时间）。",
            "Check deadlines as of this day, e.g. 2013-04-15 (default: today in Shanghai).",
        ),
    ),
]
StageOption = Annotated[
    str | None,
    typer.Option(
        "--stage",
        metavar="S1…S4",
        help=bi(
            "把这一阶段及之前各阶段的要求视为已到期。",
            "Treat this stage and the earlier ones as due.",
        ),
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar=bi("代码", "CODES"),
        help=bi(
            "只报告这些代码或前缀的问题，逗号分隔，例如 Y,F,V,G（代替 cjzn.toml 的 select）。",
            "Only these codes or prefixes, comma-separated (replaces cjzn.toml's select).",
        ),
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar=bi("代码", "CODES"),
        help=bi(
            "不报告这些代码或前缀的问题，例如 T102（代替 cjzn.toml 的 ignore）。",
            "Not these codes or prefixes, e.g. T102 (replaces cjzn.toml's ignore).",
        ),
    ),
]
ConfigFileOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar=bi("文件", "FILE"),
        callback=path_kind("file"),
        help=bi(
            "用这个配置文件，不再向上查找 cjzn.toml。",
            "Use this file instead of the nearest cjzn.toml.",
        ),
    ),
]
NoConfigOption = Annotated[
    bool,
    typer.Option("--no-config", help=bi("不读任何 cjzn.toml。", "Read no cjzn.toml at all.")),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar=bi("模式", "GLOB"),
        help=bi(
            "不检查与之相符的文件或目录，可多次使用；写法同 cjzn.toml 的 exclude，相对于当前目录："
            "不含 / 时比对任一级的目录名或文件名（例如 旧稿），含 / 时从当前目录算起"
            "（例如 filings/*/旧稿）。",
            "Leave out files and folders matching GLOB (repeatable; cjzn.toml's exclude "
            "syntax, relative to the current folder).",
        ),
    ),
]
AllowEmptyOption = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help=bi(
            "目录中没有备案文件时不算错误（新建的仓库还没有备案时用）。",
            "A folder without filings is no usage error (a new repo before its first filing).",
        ),
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar=bi("数目", "N"),
        help=bi(
            "并行进程数（默认自动：文件多时用全部 CPU；1 为串行；不超过 CPU 数）。",
            "Worker processes (default: automatic, all CPUs for many files; 1: serial;"
            " at most one per CPU).",
        ),
    ),
]

RoundOption = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar=bi("轮次", "ROUND"),
        help=bi(
            "创建轮次，例如 2013-2014（默认最新的内置轮次）。",
            "The round, e.g. 2013-2014 (default: the newest bundled one).",
        ),
    ),
]


_NOT_A_DATE = Msg(
    "{option} 应为日期，例如 2013-04-15，这里是“{value}”{hint}",
    "{option} must be a date such as 2013-04-15, not “{value}”{hint}",
)
_NOT_A_CODE = Msg(
    "{option} 中的 {code} 不是问题代码或代码前缀{tail}（cjzn rules 列出全部代码）",
    "{option}: {code} is not a code or code prefix{tail} (see cjzn rules)",
)
#: What a command that writes one file (`report -o`, `schema -o`) says on stderr.
WROTE = Msg("已写入 {path}", "wrote {path}")
CANNOT_WRITE = Msg("cjzn: 无法写入 {path}：{why}", "cjzn: cannot write {path}: {why}")
_BROKEN_CATALOG = Msg("目录文件有误：", "broken catalog: ")
_NOT_A_STAGE = Msg(
    "--stage 应为 {choices} 之一，这里是“{value}”",
    "--stage must be one of {choices}, not “{value}”",
)


@contextlib.contextmanager
def usage_errors() -> Iterator[None]:
    """cjzn's own errors (bad path, broken catalog, no PDF support) end the command with
    their message and exit code, never a traceback."""
    # imported when the command runs: the other commands start without it
    from cjzn.errors import CatalogError, CjznError

    try:
        yield
    except CatalogError as exc:
        lang = current_lang()
        head, lines = _BROKEN_CATALOG.get(lang), exc.text(lang)  # one located line per problem
        fail_usage(head + lines if len(exc.problems) < 2 else f"{head.rstrip()}\n{lines}")
    except CjznError as exc:
        typer.echo(f"cjzn: {exc.text(current_lang())}", err=True)
        raise typer.Exit(exc.exit_code) from None


def parse_date_option(value: str | None, option: str) -> date | None:
    """`--as-of 2013-04-15` as a date, or a usage error (exit 2)."""
    if value is None:
        return None
    from cjzn.model import iso_date  # the same reading of a date as in a filing
    from cjzn.model.formats import suggest_date

    parsed = iso_date(value)
    if parsed is None:
        hint = did_you_mean(suggest_date(value), current_lang())
        fail_usage(_NOT_A_DATE.format(current_lang(), option=option, value=value, hint=hint))
    return parsed


def parse_stage_option(value: str | None, catalog: Path | None = None) -> str | None:
    """`--stage S2` as a stage code of the round(s), or a usage error (exit 2)."""
    if value is None:
        return None
    # imported when the command runs: the other commands start without it
    from cjzn.guide import Catalogs

    with usage_errors():
        known = Catalogs.from_option(
            catalog if catalog is not None and catalog.exists() else None
        ).stage_codes()
    code = value.strip().upper()
    if code not in known:
        lang = current_lang()
        fail_usage(_NOT_A_STAGE.format(lang, choices=join(known, lang), value=value))
    return code


def _codes(values: list[str] | None, option: str) -> tuple[str, ...] | None:
    """`--select Y,F --select T102` as ("Y", "F", "T102"), each a known code or prefix."""
    if values is None:
        return None
    # imported when the command runs: the other commands start without it
    import difflib

    from cjzn.rules import ALL_CODES  # imported only when --select/--ignore is given

    codes = tuple(
        part.strip().upper()
        for value in values
        for part in value.replace("，", ",").replace("、", ",").split(",")
        if part.strip()
    )
    for code in codes:
        if not re.fullmatch(r"[A-Z][0-9]*", code) or not any(k.startswith(code) for k in ALL_CODES):
            guess = difflib.get_close_matches(code, list(ALL_CODES), n=1)
            lang = current_lang()
            tail = did_you_mean(guess[0] if guess else None, lang)
            fail_usage(_NOT_A_CODE.format(lang, option=option, code=code, tail=tail))
    return codes


def run_options(
    lang: Lang,
    as_of: str | None,
    config: Path | None,
    no_config: bool,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    **more: Any,
) -> Options:
    """The run's `Options` from what the checking commands share (`--lang`, `--as-of`,
    `--select`, `--ignore`, `--config`, `--no-config`); `more`: a command's own fields."""
    # imported when a command runs: `cjzn --help` starts without it
    from cjzn.options import Options

    if config is not None and no_config:
        fail_usage(
            Msg("--config 与 --no-config 只能给一个", "give --config or --no-config, not both")
        )
    if config is not None and not config.is_file():
        fail_usage(
            Msg("--config 文件不存在：{path}", "--config file does not exist: {path}").format(
                current_lang(), path=config
            )
        )
    return Options(
        lang=lang.value,
        as_of=parse_date_option(as_of, "--as-of"),
        select=_codes(select, "--select"),
        ignore=_codes(ignore, "--ignore"),
        config=config,
        no_config=no_config,
        **more,
    )


def stdout_is_terminal() -> bool:
    """Whether people read stdout (colours, a table as wide as the terminal)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def selection(exclude: list[str] | None, allow_empty: bool) -> Selection:
    """`--exclude` and `--allow-empty` as the discovery's `Selection`."""
    # imported when the command runs: the other commands start without it
    from cjzn.check import Selection

    return Selection(exclude=tuple(exclude or ()), allow_empty=allow_empty)


_JOBS_LOWERED = Msg(
    "提示：--jobs {jobs} 超过本机可用的 {cpus} 个 CPU，最多用 {cpus} 个进程",
    "note: --jobs {jobs} is more than the {cpus} CPU(s) here; at most {cpus} worker(s) run",
)


def note_jobs_lowered(jobs: int | None, lang: str) -> None:
    """`--jobs 1000` on two CPUs runs two workers: say so (stderr), once."""
    # imported when the command runs: the other commands start without it
    from cjzn.check.parallel import max_workers

    cpus = max_workers()
    if jobs is not None and jobs > cpus:
        typer.echo(_JOBS_LOWERED.format(lang, jobs=jobs, cpus=cpus), err=True)


def say_skipped(skipped: list[Msg], lang: str) -> None:
    """Tell on stderr which named files were left out, and why."""
    for line in skipped:
        typer.echo(f"cjzn: {line.get(lang)}", err=True)
