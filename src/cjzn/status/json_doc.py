"""The status JSON document (`cjzn status --format json`, keys documented in docs/stages.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from cjzn.check import FileResult
from cjzn.guide import Catalog
from cjzn.guide.roster import Coverage
from cjzn.load import Document, dotted
from cjzn.stages import RequirementResult, StageResult, gap_message, requirement_text
from cjzn.status.collect import FilingStatus, StatusReport
from cjzn.status.coverage import DistrictCoverage
from cjzn.status.workflow import state_label, workflow_counts, workflow_json

__all__ = [
    "STATUS_JSON_VERSION",
    "as_json",
    "coverage_json",
    "filing_json",
    "json_chunks",
    "render_json",
    "timeline_json",
]

#: Bumped only if a key of the JSON document is renamed or removed (adding keys is compatible).
STATUS_JSON_VERSION = 1


def _requirement_json(
    requirement: RequirementResult,
    stage: StageResult,
    catalog: Catalog,
    document: Document,
    lang: str,
) -> dict[str, Any]:
    missing = []
    for gap in requirement.gaps:
        line, column = document.locate(gap.path)
        missing.append(
            {
                "path": dotted(gap.path),
                "line": line,
                "column": column,
                "message": gap_message(gap, catalog, lang, document.data),
            }
        )
    return {
        "id": requirement.id,
        "text": requirement_text(requirement.id, catalog, lang),
        "status": requirement.status.value,
        "days_left": stage.days_left,
        "missing": missing,
    }


def timeline_json(result: FileResult, lang: str) -> dict[str, Any]:
    """The part of a filing's status JSON its timeline and document decide (made where the
    filing is checked when a run streams: `status.digest.json_facts`)."""
    timeline, catalog, document = result.timeline, result.catalog, result.document
    stages: list[dict[str, Any]] = []
    current = next_up = None
    position: str | None = None
    if timeline is not None and catalog is not None and document is not None:
        current, next_up = timeline.current, timeline.next_deadline
        position = timeline.position.kind.value
        for stage in timeline.stages:
            stages.append(
                {
                    "code": stage.stage.code,
                    "title": catalog.title(stage.stage.code, lang),
                    "start": stage.stage.start.isoformat(),
                    "end": stage.stage.end.isoformat(),
                    "state": stage.state.value,
                    "due": stage.due.value if stage.due else None,
                    "days_left": stage.days_left,
                    "complete": stage.complete,
                    "requirements": [
                        _requirement_json(r, stage, catalog, document, lang)
                        for r in stage.requirements
                    ],
                }
            )
    return {
        "round": catalog.round if catalog else None,
        "current_stage": current.stage.code if current else None,
        "position": position,
        "complete": timeline is not None and current is None,
        "open": timeline.open_count if timeline else None,
        "overdue": timeline.overdue_count if timeline else None,
        "next_deadline": (
            {
                "stage": next_up.stage.code,
                "date": next_up.stage.end.isoformat(),
                "days_left": next_up.days_left,
            }
            if next_up
            else None
        ),
        "stages": stages,
    }


def filing_json(status: FilingStatus, lang: str) -> dict[str, Any]:
    """One filing of the status JSON (keys documented in docs/stages.md)."""
    core = status.facts.core if status.facts and status.facts.core else None
    core = core if core is not None else timeline_json(status.result, lang)
    catalog = status.result.catalog
    document = {
        "file": status.result.file,
        "unit": status.unit or None,
        "district": status.district or None,
        **{key: value for key, value in core.items() if key != "stages"},
        "errors": status.errors,
        "warnings": status.warnings,
        "workflow": status.result.workflow,
        "workflow_name": state_label(status.result.workflow, catalog, lang) or None,
        "changed_since_review": status.result.changed_since_review,
        "stages": core["stages"],
    }
    return document


def district_json(coverage: Coverage) -> dict[str, Any]:
    """Who has filed in one district (keys documented in docs/stages.md)."""
    return {
        "district": coverage.district,
        "units": len(coverage.expected),
        "filed": len(coverage.filed),
        "filed_units": list(coverage.filed),
        "not_filed": list(coverage.missing),
        "others": list(coverage.others),
    }


def coverage_json(coverage: DistrictCoverage, lang: str) -> dict[str, Any]:
    """`{"roster", "districts": [...], "unknown_district": [files]}`."""
    return {
        "roster": coverage.source.get(lang) if coverage.source is not None else None,
        "districts": [district_json(c) for c in coverage.districts],
        "unknown_district": coverage.unknown_district,
    }


def as_json(report: StatusReport) -> dict[str, Any]:
    """The whole status document: `{"version", "as_of", "files", "filings": [...], "coverage",
    "workflow", "config_problems"}`."""
    lang = report.options.lang
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": report.as_of.isoformat(),
        "files": len(report.filings),
        "filings": [filing_json(status, lang) for status in report.filings],
        "coverage": coverage_json(report.coverage, lang),
        "workflow": workflow_json(workflow_counts(report.filings), report.catalog, lang),
        # the repo's waivers that are expired, incomplete or stale (C010-C012), as in validate
        "config_problems": [problem.as_json() for problem in report.config_problems],
    }


def render_json(report: StatusReport) -> str:
    return "".join(json_chunks(report))


def json_chunks(report: StatusReport) -> Iterator[str]:
    """The status document piece by piece (written on as it is made: large runs)."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(as_json(report))
    yield "\n"
