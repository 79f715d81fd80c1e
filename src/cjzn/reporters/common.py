"""What the CI formats share: forward-slash paths, problems grouped by file, a located line."""

from __future__ import annotations

import os

from cjzn.check import Report
from cjzn.diagnostics import Diagnostic
from cjzn.i18n import Msg

__all__ = ["HINT", "by_file", "located", "posix_file"]

HINT = Msg("提示：", "hint: ")


def posix_file(file: str) -> str:
    """A diagnostic's file with forward slashes, as CI systems expect on every OS."""
    return file.replace(os.sep, "/") if os.sep != "/" else file


def by_file(report: Report) -> list[tuple[str, list[Diagnostic]]]:
    """Every problem grouped by file: files in run order, then any only a repo-wide rule named."""
    groups: dict[str, list[Diagnostic]] = {result.file: [] for result in report.results}
    for diagnostic in report.problems:
        groups.setdefault(diagnostic.file, []).append(diagnostic)
    return list(groups.items())


def located(diagnostic: Diagnostic, lang: str, with_hint: bool = True) -> str:
    """`file:line:col: CODE [path] message`, then the hint indented."""
    text = (
        f"{posix_file(diagnostic.file)}:{diagnostic.line}:{diagnostic.column}: "
        f"{diagnostic.code} [{diagnostic.path or '-'}] {diagnostic.message}"
    )
    if with_hint and diagnostic.hint:
        text += "\n  " + HINT.get(lang) + diagnostic.hint.replace("\n", "\n  ")
    return text
