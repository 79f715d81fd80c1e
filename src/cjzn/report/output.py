"""The dashboard as HTML, Markdown or JSON (keys documented in docs/repo.md).

Every format carries `MARKER`, so `cjzn report -o FILE` replaces its own
earlier output but never a file somebody else wrote (unless --force).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cjzn import __version__
from cjzn.fileio import format_for
from cjzn.report.charts import coverage_chart, key_work_chart, stage_chart
from cjzn.report.model import Dashboard, FilingEntry
from cjzn.status import district_json
from cjzn.templating import environment

__all__ = [
    "FORMATS",
    "MARKER",
    "REPORT_JSON_VERSION",
    "dashboard_json",
    "infer_format",
    "render_report",
    "report_chunks",
]

FORMATS = ("html", "md", "json")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".json": "json"}
#: Written into every report (HTML meta, Markdown comment, JSON "generator") so a
#: later `cjzn report -o` knows the file is its own and may be replaced.
MARKER = "cjzn-report"
#: Bumped only if a key of the JSON document is renamed or removed.
REPORT_JSON_VERSION = 1


def dashboard_json(dashboard: Dashboard) -> dict[str, Any]:
    """The whole dashboard as JSON (keys documented in docs/repo.md)."""
    keys = dashboard.stage_keys
    return {
        "version": REPORT_JSON_VERSION,
        "generator": f"cjzn {__version__} {MARKER}",
        "as_of": dashboard.as_of.isoformat(),
        "round": dashboard.catalog.round,
        "files": len(dashboard.filings),
        "errors": dashboard.errors,
        "warnings": dashboard.warnings,
        "failing": dashboard.failing,
        "contacts_included": dashboard.include_contacts,
        "roster": (
            dashboard.roster_source.get(dashboard.lang) if dashboard.roster_source else None
        ),
        "stages": {key: dashboard.stage_label(key) for key in keys},
        "workflow_states": {s: dashboard.workflow_label(s) for s in dashboard.workflow_states},
        # the round's K codes, then "own": the works of the units' own, as one group
        "key_work": [
            {"code": code, "title": title, "count": count}
            for code, title, count in dashboard.key_work_counts
        ],
        "districts": [
            {
                "name": d.name or None,
                "known": d.known,
                "files": len(d.filings),
                "errors": d.errors,
                "warnings": d.warnings,
                "failing": d.failing,
                "stages": d.stage_counts(keys),
                "workflow": d.workflow_counts(dashboard.workflow_states),
                "coverage": district_json(d.coverage) if d.coverage is not None else None,
            }
            for d in dashboard.districts
        ],
        "filings": [_filing_json(f) for f in dashboard.filings],
        # the repo's waivers that need a person (C010-C012), as in validate's JSON
        "config_problems": [problem.as_json() for problem in dashboard.config_problems],
    }


def _filing_json(entry: FilingEntry) -> dict[str, Any]:
    deadline = entry.next_deadline
    return {
        "file": entry.file,
        "unit": entry.unit or None,
        "district": entry.district or None,
        "round": entry.round or None,
        "readable": entry.readable,
        "current_stage": entry.stage,
        "workflow": entry.workflow or None,
        "workflow_name": entry.workflow_name or None,
        "changed_since_review": entry.changed_since_review,
        "errors": entry.errors,
        "warnings": entry.warnings,
        "overdue": entry.overdue,
        "open_requirements": [
            {
                "id": r.id,
                "stage": r.stage,
                "text": r.text,
                "status": r.status,
                "missing": list(r.missing),
            }
            for r in entry.open_requirements
        ],
        "next_deadline": (
            {
                "stage": deadline.stage,
                "date": deadline.date.isoformat(),
                "days_left": deadline.days_left,
            }
            if deadline
            else None
        ),
        "key_work": entry.key_work,
        "key_works": [
            {
                "code": work.code or None,
                "title": work.name,
                "own": work.own,
                "expected_outcomes": list(work.expected),
                "achieved_outcomes": [
                    {"outcome": a.outcome, "evidence": list(a.evidence)} for a in work.achieved
                ],
            }
            for work in entry.key_works
        ],
        "basic_work": entry.basic,
        "form": entry.form,
        "contacts": entry.contacts,
        # each problem in its own file: the filing's, or one of its review files
        "problems": [{**p.as_json(), "file": p.file.replace(os.sep, "/")} for p in entry.problems],
    }


def infer_format(fmt: str | None, output: Path | None) -> str:
    """`--format`, else the `-o` file's suffix, else HTML; an unknown suffix or a
    contradiction is a `UsageError` that names .html, .md and .json."""
    return format_for(fmt, output, FORMATS, _SUFFIX_FORMATS, suggest=(".html", ".md", ".json"))


def render_report(dashboard: Dashboard, fmt: str) -> str:
    """The dashboard as HTML, Markdown or JSON text."""
    return "".join(report_chunks(dashboard, fmt))


def report_chunks(dashboard: Dashboard, fmt: str) -> Iterator[str]:
    """The dashboard's text piece by piece, as it is made (10,000 filings are tens of MB:
    `cjzn report` writes them on without holding the whole text, or its pieces, twice)."""
    if fmt == "json":
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
        yield from encoder.iterencode(dashboard_json(dashboard))
        yield "\n"
        return
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown format: {fmt}")
    from markupsafe import Markup  # with Jinja2, only when HTML or Markdown is asked for

    env = environment(fmt)
    template = env.get_template(f"report.{fmt}.j2")
    charts = {}
    if fmt == "html":
        charts = {
            "coverage": Markup(coverage_chart(dashboard)),
            "key_work": Markup(key_work_chart(dashboard)),
            "stages": Markup(stage_chart(dashboard)),
        }
    yield from template.generate(
        d=dashboard, w=dashboard.w, charts=charts, version=__version__, marker=MARKER
    )
