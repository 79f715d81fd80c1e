"""What the CI formats share: forward-slash paths, problems grouped by file, a located line."""

from __future__ import annotations

import os

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.i18n import Msg

__all__ = ["HINT", "WAIVED", "by_file", "located", "posix_file", "waiver_note"]

HINT = Msg("提示：", "hint: ")
WAIVED = Msg("已豁免", "waived")
WAIVED_NOTE = Msg(
    "理由：{reason}（批准：{by} {on}，到期 {expires}；{waiver}）",
    "reason: {reason} (approved by {by} on {on}, expires {expires}; {waiver})",
)


def posix_file(file: str) -> str:
    """A diagnostic's file with forward slashes, as CI systems expect on every OS."""
    return file.replace(os.sep, "/") if os.sep != "/" else file


def by_file(report: Report, waived: bool = False) -> list[tuple[str, list[Diagnostic]]]:
    """Every problem grouped by file: files in run order, then those only a repo-wide rule or
    a `cjzn.toml` names. `waived`: waived problems too (in place, marked by `.waived`)."""
    groups: dict[str, list[Diagnostic]] = {result.file: [] for result in report.results}
    shown = [*report.problems, *(report.waived if waived else [])]
    for diagnostic in sorted(shown, key=sort_key):
        groups.setdefault(diagnostic.file, []).append(diagnostic)
    return list(groups.items())


def waiver_note(diagnostic: Diagnostic, lang: str) -> str:
    """`理由：…（批准：谁 日期，到期 日期；cjzn.toml:12:1）`; "" when not waived."""
    record = diagnostic.waived
    if record is None:
        return ""
    return WAIVED_NOTE.format(
        lang,
        reason=record.reason,
        by=record.approved_by,
        on=record.approved_on,
        expires=record.expires,
        waiver=record.waiver,
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
