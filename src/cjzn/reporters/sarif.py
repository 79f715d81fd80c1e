"""SARIF 2.1.0 for code scanning: every code as a rule with its help, every problem a result;
a waived problem carries a `suppressions` entry (kind external, status accepted, the reason
as its justification), so code scanning lists it as suppressed rather than as an alert."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from cjzn import PROJECT_URL, __version__
from cjzn.check import Report
from cjzn.diagnostics import CodeInfo, Diagnostic, sort_key
from cjzn.reporters.common import HINT, posix_file
from cjzn.rules import ALL_CODES

__all__ = ["INFORMATION_URI", "SARIF_SCHEMA", "artifact_uri", "document", "render"]

INFORMATION_URI = PROJECT_URL
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(file: str) -> str:
    """The file as a SARIF `uri`: relative with forward slashes and %-escapes, or file:// when absolute."""
    if os.path.isabs(file):
        return Path(file).as_uri()
    return url_quote(posixpath.normpath(posix_file(file)), safe="/")


def _rule(info: CodeInfo, lang: str, section: str) -> dict[str, Any]:
    summary = info.summary.get(lang)
    help_text = f"{summary}\n{HINT.get(lang)}{info.help_text.get(lang)}"
    rule: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": info.severity.value},
        "properties": {"tags": ["cjzn", info.code[0]]},
    }
    if section:
        rule["properties"]["guide"] = section
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
    if diagnostic.waived is not None:
        result["suppressions"] = [_suppression(diagnostic)]
    return result


def _suppression(diagnostic: Diagnostic) -> dict[str, Any]:
    """A waiver as SARIF sees it: accepted, kept outside the source (in cjzn.toml), justified."""
    record = diagnostic.waived
    assert record is not None
    return {
        "kind": "external",
        "status": "accepted",
        "justification": record.reason,
        "properties": {
            "approvedBy": record.approved_by,
            "approvedOn": record.approved_on,
            "expires": record.expires,
            "waiver": record.waiver,
        },
    }


def document(report: Report) -> dict[str, Any]:
    """The SARIF log of a run (deterministic: no timestamps)."""
    lang = report.options.lang
    sections = report.catalogs.default().code_sections
    rules = [_rule(info, lang, sections.get(code, "")) for code, info in ALL_CODES.items()]
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    driver = {
        "name": "cjzn",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "language": "zh-CN" if lang != "en" else "en-US",
        "rules": rules,
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        # waived problems too: code scanning shows them as suppressed, not as alerts
        "results": [
            _result(d, index) for d in sorted([*report.problems, *report.waived], key=sort_key)
        ],
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
