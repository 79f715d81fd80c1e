"""The contract's JSON: `{"files": N, "problems": [...]}` with exactly seven keys per problem."""

from __future__ import annotations

import json

from cjzn.check import Report

__all__ = ["render"]


def render(report: Report, *, color: bool = False) -> str:
    document = {
        "files": len(report.results),
        "problems": [d.as_json() for d in report.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
