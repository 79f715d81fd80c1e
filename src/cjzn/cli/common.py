"""What every command shares: the common options, usage errors, dates and stages."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from cjzn.check import Selection
    from cjzn.i18n import Msg

__all__ = [
    "AllowEmptyOption",
    "AsOfOption",
    "CatalogOption",
    "ConfigFileOption",
    "ExcludeOption",
    "IgnoreOption",
    "Lang",
    "LangOption",
    "NoConfigOption",
    "PathsArgument",
    "RoundOption",
    "SelectOption",
    "StageOption",
    "config_options",
    "fail_usage",
    "parse_date_option",
    "parse_stage_option",
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
        "--lang", envvar="CJZN_LANG", help="消息语言 / message language: zh (默认) or en."
    ),
]
PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH", help="备案文件或目录（递归查找 *.yaml、*.yml）/ filings or folders."
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="GLOB",
        help="不检查与之相符的文件或目录（可多次使用，写法同 cjzn.toml 的 exclude，相对于当前目录）："
        "不含 / 时比对任一级的目录名或文件名，例如 旧稿；含 / 时从当前目录算起，例如 'filings/*/草稿' "
        "/ leave out files and folders matching GLOB (repeatable; cjzn.toml's exclude syntax, "
        "relative to the current folder).",
    ),
]
AllowEmptyOption = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help="目录中没有备案文件时不算错误（新建的仓库还没有备案时用）/ a folder without "
        "filings is no usage error (a new repo before its first filing).",
    ),
]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar="FILE",
        help="用这个目录文件代替内置的轮次指南 / use this round catalog instead of the bundled one.",
        dir_okay=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="按这一天检查阶段期限（默认今天，上海时间）/ check deadlines as of DATE "
        "(default: today in Shanghai), e.g. 2013-04-15.",
    ),
]
StageOption = Annotated[
    str | None,
    typer.Option(
        "--stage",
        metavar="S1..S4",
        help="把这一阶段及之前各阶段的要求视为已到期 / treat this stage and the earlier ones as due.",
    ),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        help="只报告这些代码或前缀的问题，逗号分隔，如 Y,F,V,G（代替 cjzn.toml 的 select）"
        " / only these codes or prefixes (replaces cjzn.toml's select).",
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODES",
        help="不报告这些代码或前缀的问题，如 T102（代替 cjzn.toml 的 ignore）"
        " / not these codes or prefixes (replaces cjzn.toml's ignore).",
    ),
]
ConfigFileOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        dir_okay=False,
        help="用这个配置文件，不再向上查找 cjzn.toml / use this file instead of the nearest cjzn.toml.",
    ),
]
NoConfigOption = Annotated[
    bool,
    typer.Option("--no-config", help="不读任何 cjzn.toml / read no cjzn.toml at all."),
]
RoundOption = Annotated[
    str | None,
    typer.Option(
        "--round", help="创建轮次，默认最新的内置轮次 / round (default: the newest bundled one)."
    ),
]


def fail_usage(message: str) -> NoReturn:
    typer.echo(f"cjzn: {message}", err=True)
    raise typer.Exit(2)


@contextlib.contextmanager
def usage_errors() -> Iterator[None]:
    """cjzn's own errors (bad path, broken catalog, no PDF support) end the command with
    their message and exit code, never a traceback."""
    # imported when the command runs: the other commands start without it
    from cjzn.errors import CatalogError, CjznError

    try:
        yield
    except CatalogError as exc:
        fail_usage(f"目录文件有误 / broken catalog: {exc}")
    except CjznError as exc:
        typer.echo(f"cjzn: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def parse_date_option(value: str | None, option: str) -> date | None:
    """`--as-of 2013-04-15` as a date, or a usage error (exit 2)."""
    if value is None:
        return None
    from cjzn.model import iso_date  # the same reading of a date as in a filing

    parsed = iso_date(value)
    if parsed is None:
        fail_usage(f"{option} 应为日期，例如 2013-04-15 / {option} must be a date like 2013-04-15")
    return parsed


def parse_stage_option(value: str | None, catalog: Path | None = None) -> str | None:
    """`--stage S2` as a stage code of the round(s), or a usage error (exit 2)."""
    if value is None:
        return None
    # imported when the command runs: the other commands start without it
    from cjzn.guide import Catalogs

    with usage_errors():
        known = Catalogs.from_option(
            catalog if catalog is not None and catalog.is_file() else None
        ).stage_codes()
    code = value.strip().upper()
    if code not in known:
        choices = ", ".join(known)
        fail_usage(f"--stage 应为 {choices} 之一 / --stage must be one of {choices}: {value}")
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
            tail = f"（是否应为 {guess[0]}？）/ (did you mean {guess[0]}?)" if guess else ""
            fail_usage(
                f"{option} 中的 {code} 不是问题代码或代码前缀；cjzn rules 列出全部代码{tail} / "
                f"{code} is not a code or code prefix; see `cjzn rules`"
            )
    return codes


def config_options(
    select: list[str] | None,
    ignore: list[str] | None,
    config: Path | None,
    no_config: bool,
) -> dict[str, Any]:
    """The `Options` fields of `--select`, `--ignore`, `--config` and `--no-config`."""
    if config is not None and no_config:
        fail_usage("--config 与 --no-config 只能给一个 / give --config or --no-config, not both")
    if config is not None and not config.is_file():
        fail_usage(f"--config 文件不存在 / --config file does not exist: {config}")
    return {
        "select": _codes(select, "--select"),
        "ignore": _codes(ignore, "--ignore"),
        "config": config,
        "no_config": no_config,
    }


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


def say_skipped(skipped: list[Msg], lang: str) -> None:
    """Tell on stderr which named files were left out, and why."""
    for line in skipped:
        typer.echo(f"cjzn: {line.get(lang)}", err=True)
