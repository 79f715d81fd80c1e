"""The `cjzn` command line: each command turns options into one library call.

Exit codes (the contract): 0 no errors, 1 errors found, 2 usage error.
One module per command; they are registered here, explicitly. Heavy modules
(Jinja2, python-docx, rich) are imported inside the commands that need them,
so `cjzn validate` starts fast.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import Annotated, NoReturn

import typer

from cjzn import __version__
from cjzn.cli import (
    catalog,
    config,
    fix,
    init,
    output,
    render,
    report,
    review,
    rules,
    status,
    validate,
)
from cjzn.cli.frame import CjznCommand, CjznGroup, bi, lang_of
from cjzn.i18n import Msg

__all__ = ["app", "main"]

app = typer.Typer(
    name="cjzn",
    cls=CjznGroup,
    help=bi(
        "上海市社区教育示范街镇创建备案工具：校验、改正、生成、汇总备案文件。"
        "每个命令的用法见 cjzn 命令 -h。",
        "Filings for the Shanghai community-education demonstration street/town programme: "
        "validate, fix, render, report. cjzn COMMAND -h shows a command's options.",
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
            "--version",
            callback=_version,
            is_eager=True,
            help=bi("显示版本。", "Show the version."),
        ),
    ] = False,
) -> None:
    """Top-level options."""


for _name, _function, _help in (
    ("validate", validate.validate, validate.HELP),
    ("fix", fix.fix, fix.HELP),
    ("render", render.render, render.HELP),
    ("status", status.status, status.HELP),
    ("init", init.init, init.HELP),
    ("report", report.report, report.HELP),
    ("review", review.review, review.HELP),
    ("catalog", catalog.catalog_command, catalog.CATALOG_HELP),
    ("schema", catalog.schema_command, catalog.SCHEMA_HELP),
    ("rules", rules.rules, rules.HELP),
    ("config", config.config_command, config.HELP),
):
    app.command(_name, cls=CjznCommand, help=_help)(_function)


_INTERRUPTED = Msg("已中断", "interrupted")
_CANNOT_WRITE = Msg("cjzn: 无法写出结果：{why}", "cjzn: cannot write output: {why}")
_INTERNAL = Msg(
    "cjzn 内部错误，请报告此问题：{error}", "cjzn: internal error, please report it: {error}"
)


def main() -> None:
    """Console-script entry point: never a traceback for the user.

    The output policy (`cli.output`): console encodings, Ctrl-C (exit 130 with
    "已中断", in the run's language), and output that cannot be written (exit 1).
    """
    # Each filing makes thousands of short-lived objects and keeps few (diagnostics):
    # fewer young-generation collections save about a tenth of a large run.
    gc.set_threshold(20_000, 50, 50)
    output.configure_streams()
    output.install_interrupt_handler()
    try:
        try:
            app()
        finally:
            output.flush_output()  # a full disk shows here, not as an error at exit
    except (output.Interrupted, KeyboardInterrupt):
        _say(_INTERRUPTED.get(_lang()))
        _leave_now(130)
    except OSError as exc:
        if not output.is_output_failure(exc):
            _internal_error(exc)
        if isinstance(exc, BrokenPipeError):  # the reader stopped reading: nothing to say
            output.quiet_broken_pipe()
            sys.exit(1)
        from cjzn.fileio import os_reason  # imported when a write failed: start-up time

        _say(_CANNOT_WRITE.format(_lang(), why=os_reason(exc, _lang())))
        sys.exit(1)
    except Exception as exc:  # pragma: no cover - last line of defence
        _internal_error(exc)


def _lang() -> str:
    """The run's language after the command has ended (`--lang en` or CJZN_LANG)."""
    return lang_of(sys.argv[1:])


def _say(text: str) -> None:
    """A last word on stderr, which may itself be gone."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _leave_now(code: int) -> NoReturn:
    """Exit at once after Ctrl-C. The workers are already stopped and reaped
    (`check.parallel`), but the interpreter's exit handlers would still join the process
    pool's manager thread; once, in CI, a run printed 已中断 and then did not end within
    60 s (not reproduced in 80 interrupted runs since). A Ctrl-C must end the run: the
    output is flushed and the process leaves without the exit handlers."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)


def _internal_error(exc: BaseException) -> NoReturn:
    _say(_INTERNAL.format(_lang(), error=f"{type(exc).__name__}: {exc}"))
    sys.exit(1)
