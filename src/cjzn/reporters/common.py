"""What the CI formats share: forward-slash paths, problems grouped by file, a located line,
and every shown field passed through the one sanitiser (`text.visible`): a value's ESC
or bidi override never reaches a terminal or a CI log raw, JUnit XML stays well-formed."""

from __future__ import annotations

import dataclasses
import os

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.i18n import Msg
from cjzn.text import visible

__all__ = ["HINT", "WAIVED", "by_file", "located", "posix_file", "shown", "waiver_note"]

HINT = Msg("提示：", "hint: ")
WAIVED = Msg("已豁免", "waived")
WAIVED_NOTE = Msg(
    "理由：{reason}（批准：{by} {on}，到期 {expires}；{waiver}）",
    "reason: {reason} (approved by {by} on {on}, expires {expires}; {waiver})",
)


def posix_file(file: str) -> str:
    """A diagnostic's file with forward slashes, as CI systems expect on every OS."""
    return file.replace(os.sep, "/") if os.sep != "/" else file


def shown(diagnostic: Diagnostic) -> Diagnostic:
    """The diagnostic as a terminal, a CI log or an XML file may show it (`text.visible`)."""
    return dataclasses.replace(
        diagnostic,
        file=visible(diagnostic.file),
        path=visible(diagnostic.path),
        message=visible(diagnostic.message),
        hint=visible(diagnostic.hint),
    )


def by_file(report: Report, waived: bool = False) -> list[tuple[str, list[Diagnostic]]]:
    """Every problem grouped by file: files in run order, then those only a repo-wide rule or
    a `cjzn.toml` names. `waived`: waived problems too (in place, marked by `.waived`).
    Files and diagnostics come `shown` (safe to print)."""
    groups: dict[str, list[Diagnostic]] = {visible(result.file): [] for result in report.results}
    listed = [*report.problems, *(report.waived if waived else [])]
    for diagnostic in sorted(listed, key=sort_key):
        groups.setdefault(visible(diagnostic.file), []).append(shown(diagnostic))
    return list(groups.items())


def waiver_note(diagnostic: Diagnostic, lang: str) -> str:
    """`理由：…（批准：谁 日期，到期 日期；cjzn.toml:12:1）`; "" when not waived."""
    record = diagnostic.waived
    if record is None:
        return ""
    return visible(
        WAIVED_NOTE.format(
            lang,
            reason=record.reason,
            by=record.approved_by,
            on=record.approved_on,
            expires=record.expires,
            waiver=record.waiver,
        )
    )


def located(diagnostic: Diagnostic, lang: str, with_hint: bool = True) -> str:
    """`file:line:col: CODE [path] message`, then the hint indented."""
    text = (
        f"{posix_file(diagnostic.file)}:{diagnostic.line}:{diagnostic.column}: "
        f"{diagnostic.code} [{diagnostic.path or '-'}] {diagnostic.message}"
    )
    if with_hint and diagnostic.hint:
        text += "\n  " + HINT.get(lang) + diagnostic.hint.replace("\n", "\n  ")
    return text
