"""Text for people: grouped by file, one `file:line:col` line per problem with its hint,
the stage line when the run is one filing, and a summary."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic, Severity
from cjzn.i18n import Msg, join
from cjzn.reporters.common import WAIVED, by_file, waiver_note
from cjzn.stages import where_it_stands

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["render", "stage_line", "summary_line"]

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow"}
_HINT = Msg("提示：", "hint: ")
_NONE_FOUND = Msg(
    "没有找到备案文件（*.yaml、*.yml），未检查任何文件。",
    "No filings found (*.yaml, *.yml): nothing was checked.",
)
_CLEAN = Msg("检查了 {files} 个文件：没有发现问题。", "Checked {files} file(s): no problems.")
_SUMMARY = Msg(
    "检查了 {files} 个文件：{failing} 个有问题，共 {errors} 个错误、{warnings} 个警告。",
    "Checked {files} file(s): {failing} with problems, {errors} error(s), {warnings} warning(s).",
)
_WAIVED_COUNT = Msg(
    "另有 {count} 个问题已豁免（不算失败）。", "{count} more problem(s) waived (not failures)."
)
_WAIVED_HIDDEN = Msg(
    "另有 {count} 个问题已豁免（不算失败；加 --show-waived 列出）。",
    "{count} more problem(s) waived (not failures; --show-waived lists them).",
)
_SPACE = Msg("", " ")
_IN_CONFIG = Msg("其中 {count} 个问题在 {files} 中。", "{count} of them in {files}.")
_EXCLUDED = Msg(
    "按 cjzn.toml 的 exclude 设置跳过了 {count} 个文件。",
    "{count} file(s) skipped by the exclude setting of cjzn.toml.",
)


def summary_line(report: Report) -> str:
    """`检查了 3 个文件：1 个有问题，共 15 个错误、1 个警告`, then what was waived or skipped."""
    lang = report.options.lang
    return _SPACE.get(lang).join([_counts(report, lang), *_notes(report, lang)])


def _counts(report: Report, lang: str) -> str:
    files = report.files
    if not files:  # an empty folder or a typo in a glob: say so rather than "no problems"
        return _NONE_FOUND.get(lang)
    if not report.errors and not report.warnings:
        return _CLEAN.format(lang, files=files)
    failing = len({d.file for r in report.all_results for d in r.diagnostics})
    return _SUMMARY.format(
        lang, files=files, failing=failing, errors=report.errors, warnings=report.warnings
    )


def _notes(report: Report, lang: str) -> list[str]:
    notes = []
    if report.config_problems:
        files = join(sorted({d.file for d in report.config_problems}), lang)
        notes.append(_IN_CONFIG.format(lang, count=len(report.config_problems), files=files))
    waived = len(report.waived)
    if waived:
        note = _WAIVED_COUNT if report.options.show_waived else _WAIVED_HIDDEN
        notes.append(note.format(lang, count=waived))
    if report.excluded:
        notes.append(_EXCLUDED.format(lang, count=len(report.excluded)))
    return notes


def stage_line(report: Report) -> str | None:
    """Where the one filing of a run stands (None for several, or one without a timeline)."""
    if len(report.results) != 1:
        return None
    result = report.results[0]
    if result.timeline is None or result.catalog is None:
        return None
    return where_it_stands(result.timeline, result.catalog, report.options.lang)


def render(report: Report, *, color: bool = False) -> str:
    # rich only for the text format: the machine formats never import it.
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, highlight=False,
        soft_wrap=True, emoji=False, width=200,
    )  # fmt: skip
    lang = report.options.lang
    for file, problems in by_file(report, waived=report.options.show_waived):
        if not problems:
            continue
        console.print(Text(file, style="bold underline"))
        for diagnostic in problems:
            _line(console, diagnostic, lang)
        console.print()
    line = stage_line(report)
    if line:
        console.print(Text(line))
    console.print(Text(summary_line(report)))
    return buffer.getvalue()


def _line(console: Console, diagnostic: Diagnostic, lang: str) -> None:
    from rich.markup import escape  # rich only for the text format (see render)

    word, colour = diagnostic.severity.word(lang), _COLOURS[diagnostic.severity]
    if diagnostic.waived is not None:
        word, colour = WAIVED.get(lang), "green"
    location = f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}"
    console.print(
        f"  [cyan]{escape(location)}[/]  [bold {colour}]{word}[/]  "
        f"[bold]{diagnostic.code}[/]  {escape(diagnostic.message)}"
    )
    if diagnostic.waived is not None:
        console.print(f"      [green]{escape(waiver_note(diagnostic, lang))}[/]")
        return
    if diagnostic.hint:
        prefix = _HINT.get(lang)
        for number, hint_line in enumerate(diagnostic.hint.splitlines()):
            lead = prefix if number == 0 else " " * len(prefix)
            console.print(f"      [dim]{escape(lead + hint_line)}[/]")
