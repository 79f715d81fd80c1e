"""GitHub Actions workflow commands: one `::error`/`::warning` per problem, then the summary."""

from __future__ import annotations

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic
from cjzn.reporters.common import posix_file
from cjzn.reporters.text import summary_line

__all__ = ["command", "escape_data", "escape_property", "render"]


def escape_data(value: str) -> str:
    """Escape a workflow command's message (`%`, CR, LF), as the runner's toolkit does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: the message rules plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(diagnostic: Diagnostic) -> str:
    """`::error file=F,line=L,col=C,title=CODE::message`."""
    kind = "error" if diagnostic.is_error else "warning"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", posix_file(diagnostic.file)),
            ("line", str(diagnostic.line)),
            ("col", str(diagnostic.column)),
            ("title", diagnostic.code),
        )
    )
    return f"::{kind} {properties}::{escape_data(diagnostic.message)}"


def render(report: Report, *, color: bool = False) -> str:
    lines = [command(diagnostic) for diagnostic in report.problems]
    return "\n".join([*lines, summary_line(report)]) + "\n"
