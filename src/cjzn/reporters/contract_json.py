"""The contract's JSON: `{"files": N, "problems": [...]}` with exactly seven keys per problem.

A problem a waiver of `cjzn.toml` accepts is listed too, with an eighth key
`waived` (reason, approved_by, approved_on, expires, waiver); it does not count
towards the exit code. Runs without waivers print exactly the seven keys.
"""

from __future__ import annotations

import json

from cjzn.check import Report
from cjzn.diagnostics import sort_key

__all__ = ["render"]


def render(report: Report, *, color: bool = False) -> str:
    document = {
        "files": report.files,
        "problems": [d.as_json() for d in sorted([*report.problems, *report.waived], key=sort_key)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
