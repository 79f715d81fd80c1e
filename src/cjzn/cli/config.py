"""`cjzn config --show`: which cjzn.toml applies to a path, and every effective setting with
where it came from (default, file:line:column, or an option)."""

from __future__ import annotations

import json
import shutil
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjzn.cli.common import (
    AsOfOption,
    CatalogOption,
    ConfigFileOption,
    IgnoreOption,
    Lang,
    LangOption,
    NoConfigOption,
    SelectOption,
    run_options,
    stdout_is_terminal,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.cli.validate import HookOption
from cjzn.i18n import Msg

HELP = bi(
    "显示生效的设置：用的是哪个 cjzn.toml，每项设置的值和来源（默认、文件:行:列、命令行选项）。"
    "\n退出码：0；cjzn.toml 有误（逐项给出位置）或选项有误时为 2。",
    "Show the effective settings for a path: the cjzn.toml that applies (the nearest one above "
    "it), each setting's value and origin (default, file:line:column, option)."
    "\nExit 0; 2 for a broken cjzn.toml (every problem located) or a bad option.",
)

if TYPE_CHECKING:
    # imported when the command runs: the other commands start without it
    from cjzn.config import Effective

_CONFIG = Msg("配置文件：{file}", "Configuration file: {file}")
_NO_CONFIG = Msg(
    "没有配置文件（在 {path} 及其上级目录直到仓库根目录都没有 cjzn.toml，或用了 --no-config）",
    "No configuration file (no cjzn.toml from {path} up to the repo root, or --no-config)",
)
_HEAD = (Msg("设置", "setting"), Msg("值", "value"), Msg("来源", "origin"))


class ConfigFormat(str, Enum):
    text = "text"
    json = "json"


PathArgument = Annotated[
    Path,
    typer.Argument(
        metavar=bi("路径", "PATH"),
        help=bi(
            "看哪个备案文件或目录的设置（默认当前目录）。",
            "The filing or folder (default: the current one).",
        ),
    ),
]
ShowOption = Annotated[
    bool,
    typer.Option(
        "--show",
        help=bi("显示生效的设置及来源（不加选项时也是这样）。", "Show the settings (the default)."),
    ),
]


def config_command(
    path: PathArgument = Path("."),
    show: ShowOption = False,
    output_format: Annotated[
        ConfigFormat,
        typer.Option("--format", "-f", help=bi("输出格式：text 或 json。", "Output format.")),
    ] = ConfigFormat.text,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    as_of: AsOfOption = None,
    catalog: CatalogOption = None,
    hook: HookOption = False,
    lang: LangOption = Lang.zh,
) -> None:
    """显示生效的设置：用的是哪个 cjzn.toml，每项设置的值和来源（默认、文件:行:列、命令行选项）。

    Show the effective settings for PATH: the cjzn.toml that applies (the nearest one
    above it), each setting's value and origin (default, file:line:column, option).
    Exit 0; 2 for a broken cjzn.toml (every problem located) or a bad option.
    """
    # imported when the command runs: the other commands start without it
    from cjzn.check.policy import Policy
    from cjzn.config.show import settings_json, settings_rows
    from cjzn.options import today_in_shanghai

    options = run_options(lang, as_of, config, no_config, select, ignore, hook=hook)
    with usage_errors():
        settings = Policy(options, catalog).for_file(path)
    today = today_in_shanghai()
    if output_format is ConfigFormat.json:
        typer.echo(json.dumps(settings_json(settings, today), ensure_ascii=False, indent=2))
        raise typer.Exit(0)
    _print_rows(settings_rows(settings, lang.value, today), settings, path, lang.value)


def _print_rows(
    rows: list[tuple[str, str, str]], settings: Effective, path: Path, lang: str
) -> None:
    # rich only for the text format (see cjzn.reporters.text)
    from rich.console import Console
    from rich.table import Table

    color = stdout_is_terminal()
    width = None if color else max(shutil.get_terminal_size().columns, 160)  # a log: room
    console = Console(
        highlight=False,
        emoji=False,
        markup=False,
        force_terminal=color,
        no_color=not color,
        width=width,
    )
    if settings.config is not None:
        console.print(_CONFIG.format(lang, file=settings.config.file), soft_wrap=True)
    else:
        console.print(_NO_CONFIG.format(lang, path=path), soft_wrap=True)
    table = Table(*(word.get(lang) for word in _HEAD), box=None, pad_edge=False)
    table.columns[2].no_wrap = True
    for row in rows:
        table.add_row(*row)
    console.print(table)
