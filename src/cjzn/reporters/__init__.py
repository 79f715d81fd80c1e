"""Reporters: pure functions of a validation `Report`, looked up by name.

`cjzn validate --format` offers exactly the names of `REPORTERS`; each entry
turns a report into the text written to stdout. Explicit on purpose: adding a
format is adding a module and a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cjzn.check import Report
from cjzn.i18n import Msg
from cjzn.reporters import contract_json, github, junit, sarif, text

__all__ = ["REPORTERS", "Reporter"]


@dataclass(frozen=True)
class Reporter:
    """One output format: its name, what it is for, and the function that writes it."""

    name: str
    help: Msg
    render: Callable[..., str]  # (report, *, color=False) -> the whole output

    def __call__(self, report: Report, *, color: bool = False) -> str:
        return self.render(report, color=color)


REPORTERS: dict[str, Reporter] = {
    reporter.name: reporter
    for reporter in (
        Reporter("text", Msg("人读的文本（默认）", "human-readable text"), text.render),
        Reporter("json", Msg("机器可读 JSON（契约格式）", 'the contract\'s JSON: {"files": N, "problems": [...]}'), contract_json.render),
        Reporter("github", Msg("GitHub Actions 注释", "GitHub workflow commands (annotations)"), github.render),
        Reporter("junit", Msg("JUnit XML 测试报告（GitLab 等）", "JUnit XML test report"), junit.render),
        Reporter("sarif", Msg("SARIF 2.1.0（代码扫描）", "SARIF 2.1.0 for code scanning"), sarif.render),
    )
}  # fmt: skip
