"""Reporters for CI systems: GitHub workflow commands, JUnit XML and SARIF 2.1.0.

A district's filings repo is checked on every push; these formats let GitHub
annotate the changed lines, GitLab show a test report per filing, and code
scanning list every problem with its rule. All three carry every problem of
every file and are deterministic (no timestamps), so their output can be
compared byte for byte. The progress bar for long runs in a terminal lives
here too, since deciding "is this a CI log?" is the same question.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Mapping
from typing import Any, TextIO
from urllib.parse import quote as url_quote

from cjzn import PROJECT_URL, __version__
from cjzn.diagnostics import Diagnostic
from cjzn.messages import CodeInfo, Msg
from cjzn.reporters import REPORTERS, Reporter, summary_line
from cjzn.validate import Report

INFORMATION_URI = PROJECT_URL
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
PROGRESS_THRESHOLD = 50  # files: below this a run is quick enough without a bar

_HINT = Msg("提示：", "hint: ")
_WARNING_WORD = Msg("警告", "warning")


def posix_file(file: str) -> str:
    """A diagnostic's file with forward slashes, as CI systems expect on every OS."""
    return file.replace(os.sep, "/") if os.sep != "/" else file


# --- GitHub workflow commands ------------------------------------------------


def escape_data(value: str) -> str:
    """Escape a workflow command's message (`%`, CR, LF), as the runner's toolkit does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: the message rules plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """One `::error`/`::warning` workflow command per problem, then the summary line."""

    name = "github"
    help = "GitHub Actions 注释 / GitHub workflow commands (annotations)"

    def emit(self, report: Report, stream: TextIO) -> None:
        for diagnostic in report.problems:
            stream.write(self.command(diagnostic) + "\n")
        stream.write(summary_line(report) + "\n")

    @staticmethod
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


# --- JUnit XML -----------------------------------------------------------------


def _by_file(report: Report) -> list[tuple[str, list[Diagnostic]]]:
    """Every problem grouped by file: files in run order, then any file only a repo-wide rule named."""
    groups: dict[str, list[Diagnostic]] = {result.file: [] for result in report.results}
    for diagnostic in report.problems:
        groups.setdefault(diagnostic.file, []).append(diagnostic)
    return list(groups.items())


def _located(diagnostic: Diagnostic, lang: str, with_hint: bool = True) -> str:
    text = (
        f"{posix_file(diagnostic.file)}:{diagnostic.line}:{diagnostic.column}: "
        f"{diagnostic.code} [{diagnostic.path or '-'}] {diagnostic.message}"
    )
    if with_hint and diagnostic.hint:
        text += "\n  " + _HINT.get(lang) + diagnostic.hint.replace("\n", "\n  ")
    return text


class JunitReporter(Reporter):
    """One test case per filing (named by its path), one `<failure>` per error.

    Warnings go to the test case's `<system-out>`; with `--strict` they fail
    the case too, so the report agrees with the exit code.
    """

    name = "junit"
    help = "JUnit XML 测试报告（GitLab 等）/ JUnit XML test report"

    def emit(self, report: Report, stream: TextIO) -> None:
        stream.write(self.render(report))

    @staticmethod
    def render(report: Report) -> str:
        import xml.etree.ElementTree as ET

        lang, strict = report.options.lang, report.options.strict
        groups = _by_file(report)
        failing = [[d for d in problems if d.is_error or strict] for _file, problems in groups]
        failed_cases = sum(1 for failures in failing if failures)
        counts = {
            "tests": str(len(groups)),
            "failures": str(failed_cases),
            "errors": "0",
            "skipped": "0",
        }
        root = ET.Element("testsuites", {"name": "cjzn", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "cjzn validate", **counts})
        properties = ET.SubElement(suite, "properties")
        for key, value in (
            ("cjzn.version", __version__),
            ("cjzn.errors", str(report.errors)),
            ("cjzn.warnings", str(report.warnings)),
        ):
            ET.SubElement(properties, "property", {"name": key, "value": value})
        for (file, problems), failures in zip(groups, failing, strict=True):
            case = ET.SubElement(
                suite, "testcase", {"classname": "cjzn.validate", "name": posix_file(file)}
            )
            for diagnostic in failures:
                failure = ET.SubElement(
                    case, "failure", {"type": diagnostic.code, "message": diagnostic.message}
                )
                failure.text = _located(diagnostic, lang)
            notes = [d for d in problems if not d.is_error]
            if notes:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(
                    f"{_WARNING_WORD.get(lang)} {_located(d, lang)}" for d in notes
                )
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


# --- SARIF 2.1.0 -------------------------------------------------------------------


def artifact_uri(file: str) -> str:
    """The file as a SARIF `uri`: relative with forward slashes and %-escapes, or file:// when absolute."""
    path = posix_file(file)
    if os.path.isabs(file):
        from pathlib import Path

        return Path(file).as_uri()
    return url_quote(posixpath.normpath(path), safe="/")


def _rule(info: CodeInfo, lang: str) -> dict[str, Any]:
    summary = info.summary.get(lang)
    hint = info.hint.get(lang)
    if "{" in hint:  # a template filled in per problem: meaningless without its values
        hint = ""
    help_text = f"{summary}\n{_HINT.get(lang)}{hint}" if hint else summary
    rule: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": info.severity.value},
        "properties": {"tags": ["cjzn", info.code[0]]},
    }
    if info.guide:
        rule["properties"]["guide"] = info.guide
    return rule


def _result(diagnostic: Diagnostic, index: Mapping[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(diagnostic.file)},
            "region": {"startLine": diagnostic.line, "startColumn": diagnostic.column},
        }
    }
    if diagnostic.path:
        location["logicalLocations"] = [{"fullyQualifiedName": diagnostic.path, "kind": "member"}]
    result: dict[str, Any] = {"ruleId": diagnostic.code}
    if diagnostic.code in index:
        result["ruleIndex"] = index[diagnostic.code]
    result["level"] = "error" if diagnostic.is_error else "warning"
    result["message"] = {"text": diagnostic.message}
    result["locations"] = [location]
    if diagnostic.hint:
        result["properties"] = {"hint": diagnostic.hint}
    return result


class SarifReporter(Reporter):
    """SARIF 2.1.0: every code as a rule with its help, every problem as a located result."""

    name = "sarif"
    help = "SARIF 2.1.0（代码扫描）/ SARIF 2.1.0 for code scanning"

    def emit(self, report: Report, stream: TextIO) -> None:
        stream.write(json.dumps(self.document(report), ensure_ascii=False, indent=2) + "\n")

    @staticmethod
    def document(report: Report) -> dict[str, Any]:
        from cjzn.registry import ALL_CODES

        lang = report.options.lang
        rules = [_rule(info, lang) for info in ALL_CODES.values()]
        index = {rule["id"]: number for number, rule in enumerate(rules)}
        return {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "cjzn",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI,
                            "language": "zh-CN" if lang != "en" else "en-US",
                            "rules": rules,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "results": [_result(d, index) for d in report.problems],
                }
            ],
        }


CI_REPORTERS: tuple[type[Reporter], ...] = (GithubReporter, JunitReporter, SarifReporter)
REPORTERS.update((reporter.name, reporter) for reporter in CI_REPORTERS)


# --- progress for long runs in a terminal -------------------------------------


def wants_progress(
    output_format: str, stream: TextIO, environ: Mapping[str, str] | None = None
) -> bool:
    """A bar only for people: text output, a terminal on stderr, and not a CI job."""
    env = os.environ if environ is None else environ
    if output_format != "text" or env.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A `(done, total)` callback for `validate_paths` that draws a rich bar on stderr.

    It stays invisible for short runs and disappears when done (transient),
    so the report on stdout reads the same with or without it.
    """

    def __init__(self, stream: TextIO, lang: str, threshold: int = PROGRESS_THRESHOLD) -> None:
        self._stream, self._lang, self._threshold = stream, lang, threshold
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total <= self._threshold:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("校验中" if self._lang != "en" else "validating"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("validate", total=total)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def progress_for(output_format: str, stream: TextIO, lang: str) -> ProgressBar | None:
    """The bar to pass to `validate_paths`, or None when nobody is watching a terminal."""
    return ProgressBar(stream, lang) if wants_progress(output_format, stream) else None
