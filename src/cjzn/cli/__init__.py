"""The `cjzn` command line: each command turns options into one library call.

Exit codes (the contract): 0 no errors, 1 errors found, 2 usage error.
One module per command; they are registered here, explicitly. Heavy modules
(Jinja2, python-docx, rich) are imported inside the commands that need them,
so `cjzn validate` starts fast.
"""

from __future__ import annotations

import gc
import sys
from typing import Annotated

import typer

from cjzn import __version__
from cjzn.cli import catalog, config, init, render, report, rules, status, validate

__all__ = ["app", "main"]

app = typer.Typer(
    name="cjzn",
    help=(
        "上海市社区教育示范街镇创建备案工具：校验、生成、汇总备案文件。\n\n"
        "Filings for the Shanghai community-education demonstration street/town programme."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjzn {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="显示版本 / show version."
        ),
    ] = False,
) -> None:
    """Top-level options."""


app.command("validate")(validate.validate)
app.command("rules")(rules.rules)
app.command("init")(init.init)
app.command("schema")(catalog.schema_command)
app.command("catalog")(catalog.catalog_command)
app.command("render")(render.render)
app.command("status")(status.status)
app.command("report")(report.report)
app.command("config")(config.config_command)


def main() -> None:
    """Console-script entry point: never a traceback for the user."""
    # Each filing makes thousands of short-lived objects and keeps few (diagnostics):
    # fewer young-generation collections save about a tenth of a large run.
    gc.set_threshold(20_000, 50, 50)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断 / interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - last line of defence
        typer.echo(
            f"cjzn 内部错误，请报告此问题 / internal error, please report it: "
            f"{type(exc).__name__}: {exc}",
            err=True,
        )
        sys.exit(1)
