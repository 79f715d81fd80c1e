"""JUnit XML: one test case per filing (named by its path), one `<failure>` per error.

Warnings go to the test case's `<system-out>`; with `--strict` they fail the
case too, so the report agrees with the exit code. Waived problems are never
failures; with `--show-waived` they are listed in `<system-out>` with their waiver.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cjzn import __version__
from cjzn.check import Report
from cjzn.diagnostics import Diagnostic
from cjzn.i18n import Msg
from cjzn.reporters.common import WAIVED, by_file, located, posix_file, waiver_note

__all__ = ["render"]

_WARNING_WORD = Msg("警告", "warning")


def _note(diagnostic: Diagnostic, lang: str) -> str:
    """A line of `<system-out>`: a warning, or a waived problem with its waiver."""
    if diagnostic.waived is not None:
        return f"{WAIVED.get(lang)} {located(diagnostic, lang, with_hint=False)}\n  " + waiver_note(
            diagnostic, lang
        )
    return f"{_WARNING_WORD.get(lang)} {located(diagnostic, lang)}"


def render(report: Report, *, color: bool = False) -> str:
    lang, strict = report.options.lang, report.options.strict
    groups = by_file(report, waived=report.options.show_waived)
    failing = [
        [d for d in problems if (d.is_error or strict) and d.waived is None]
        for _file, problems in groups
    ]
    counts = {
        "tests": str(len(groups)),
        "failures": str(sum(1 for failures in failing if failures)),
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
        ("cjzn.waived", str(len(report.waived))),
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
            failure.text = located(diagnostic, lang)
        notes = [d for d in problems if not d.is_error or d.waived is not None]
        if notes:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(_note(d, lang) for d in notes)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
