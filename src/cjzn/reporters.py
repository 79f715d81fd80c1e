"""Reporters turn a validation `Report` into output; looked up by name.

The `--format` choices of `cjzn validate` come from `REPORTERS`, so adding a
format is adding a class here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar, TextIO

from cjzn.diagnostics import Diagnostic
from cjzn.messages import Msg
from cjzn.validate import Report

if TYPE_CHECKING:
    from rich.console import Console

_SEVERITY = {
    "error": (Msg("错误", "error"), "red"),
    "warning": (Msg("警告", "warning"), "yellow"),
}


class Reporter:
    """Writes a report to a stream."""

    name: ClassVar[str] = ""
    help: ClassVar[str] = ""

    def emit(self, report: Report, stream: TextIO) -> None:
        raise NotImplementedError


class TextReporter(Reporter):
    """Grouped by file, one `file:line:col` line per problem with a hint; a summary at the end."""

    name = "text"
    help = "人读的文本（默认）/ human-readable text"

    def emit(self, report: Report, stream: TextIO) -> None:
        lang = report.options.lang
        from rich.console import Console  # only the text format needs rich
        from rich.text import Text

        console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
        for result in report.results:
            if not result.diagnostics:
                continue
            console.print(Text(result.file, style="bold underline"))
            for diagnostic in result.diagnostics:
                self._line(console, diagnostic, lang)
            console.print()
        if len(report.results) == 1:
            from cjzn.status import stage_summary  # the stage line of a single filing

            stage_line = stage_summary(report.results[0], report.options)
            if stage_line:
                console.print(Text(stage_line))
        console.print(summary_line(report))

    @staticmethod
    def _line(console: Console, diagnostic: Diagnostic, lang: str) -> None:
        from rich.markup import escape

        word, colour = _SEVERITY[diagnostic.severity.value]
        location = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}"
        console.print(
            f"  [cyan]{escape(location)}[/]  [bold {colour}]{word.get(lang)}[/]  "
            f"[bold]{diagnostic.code}[/]  {escape(diagnostic.message)}"
        )
        if diagnostic.hint:
            prefix = "提示：" if lang != "en" else "hint: "
            for number, hint_line in enumerate(diagnostic.hint.splitlines()):
                lead = prefix if number == 0 else " " * len(prefix)
                console.print(f"      [dim]{escape(lead + hint_line)}[/]")


def summary_line(report: Report) -> str:
    """`检查了 3 个文件：1 个有问题，共 15 个错误、1 个警告`."""
    files = len(report.results)
    failing = sum(1 for r in report.results if r.diagnostics)
    if not files:  # an empty folder or a typo in a glob: say so rather than "no problems"
        if report.options.lang == "en":
            return "No filings found (*.yaml, *.yml): nothing was checked."
        return "没有找到备案文件（*.yaml、*.yml），未检查任何文件。"
    if report.options.lang == "en":
        if not report.errors and not report.warnings:
            return f"Checked {files} file(s): no problems."
        return (
            f"Checked {files} file(s): {failing} with problems, "
            f"{report.errors} error(s), {report.warnings} warning(s)."
        )
    if not report.errors and not report.warnings:
        return f"检查了 {files} 个文件：没有发现问题。"
    return (
        f"检查了 {files} 个文件：{failing} 个有问题，"
        f"共 {report.errors} 个错误、{report.warnings} 个警告。"
    )


class JsonReporter(Reporter):
    """The contract's JSON: `{"files": N, "problems": [...]}`."""

    name = "json"
    help = '机器可读 JSON（契约格式）/ the contract\'s JSON: {"files": N, "problems": [...]}'

    def emit(self, report: Report, stream: TextIO) -> None:
        document = {
            "files": len(report.results),
            "problems": [d.as_json() for d in report.problems],
        }
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter for reporter in (TextReporter, JsonReporter)
}

# The CI formats (github, junit, sarif) build on the above and add themselves to REPORTERS.
import cjzn.ci_reporters  # noqa: E402, F401
