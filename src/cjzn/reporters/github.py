"""GitHub Actions workflow commands: one `::error`/`::warning` per problem, then the summary;
with `--show-waived`, a `::notice` for each waived problem (never a failure)."""

from __future__ import annotations

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.i18n import paren
from cjzn.reporters.common import WAIVED, posix_file, shown, waiver_note
from cjzn.reporters.text import summary_line

__all__ = ["command", "escape_data", "escape_property", "render"]


def escape_data(value: str) -> str:
    """Escape a workflow command's message (`%`, CR, LF), as the runner's toolkit does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: the message rules plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic, lang: str = "zh") -> str:
    """`::error file=F,line=L,col=C,title=CODE::message` (`::notice` for a waived problem)."""
    diagnostic = shown(diagnostic)  # no raw ESC or bidi override in the log
    kind = "error" if diagnostic.is_error else "warning"
    message = diagnostic.message
    if diagnostic.waived is not None:
        waived = paren(WAIVED.get(lang), lang)
        kind, message = "notice", f"{message}{waived}\n{waiver_note(diagnostic, lang)}"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", posix_file(diagnostic.file)),
            ("line", str(diagnostic.line)),
            ("col", str(diagnostic.column)),
            ("title", diagnostic.code),
        )
    )
    return f"::{kind} {properties}::{escape_data(message)}"


def render(report: Report, *, color: bool = False) -> str:
    shown = report.problems
    if report.options.show_waived:  # waived: a notice, never an error annotation
        shown = sorted([*shown, *report.waived], key=sort_key)
    lines = [command(diagnostic, report.options.lang) for diagnostic in shown]
    return "\n".join([*lines, summary_line(report)]) + "\n"
