"""Where each filing stands: the validation result and its timeline, most urgent first.

One library call (`collect_status`) validates the filings (so the error counts
are `validate`'s); the pipeline has already evaluated each one's timeline, so
`cjzn status` only reads and sorts.

Streaming: a view that shows many filings passes a `digest` (the text table's
cells, the JSON's timeline part, the dashboard's facts: `status.digest`,
`report.build`), made where each filing is checked; then only a `StatusFacts`
per filing is kept, not its document, model and timeline (10,000 filings
within twice `validate`'s memory).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cjzn.check import FileResult, Report, Selection, validate_paths
from cjzn.diagnostics import Diagnostic
from cjzn.guide import Catalog
from cjzn.i18n import Msg
from cjzn.load.walk import text_at
from cjzn.options import Options, effective_as_of
from cjzn.stages import Timeline
from cjzn.status.coverage import DistrictCoverage, district_coverage

__all__ = [
    "FilingStatus",
    "StatusFacts",
    "StatusReport",
    "collect_status",
    "facts_of",
    "round_catalog",
    "status_of",
]


@dataclass
class StatusFacts:
    """What status keeps of one filing's document and timeline when a run drops them.

    Made in the worker by a `digest` (see `collect_status`), in the run's language:
    who, where it stands, and the parts of one output (`cells` of the text table,
    `core` of the JSON, `entry` of the dashboard) that the timeline and the document
    decide; error counts, waivers and repo-wide problems are read later, from the
    result, because they are settled only after every filing is checked.
    """

    unit: str
    district: str
    placed: bool  # it has a timeline
    overdue: int
    next_end: date | None
    cells: tuple[str, str, str] | None = None  # stage, open requirements, next deadline
    core: dict[str, Any] | None = None  # the status JSON's timeline part
    entry: Any = None  # the dashboard's facts (cjzn.report.build)


def facts_of(result: FileResult) -> StatusFacts:
    """Who the filing is and where it stands (no output's parts: a digest adds those)."""
    key = result.unit  # None when the name or the district is blank: then read what is written
    data = result.document.data if result.document is not None else None
    timeline = result.timeline
    upcoming = timeline.next_deadline if timeline is not None else None
    return StatusFacts(
        unit=key.name if key is not None else text_at(data, ("unit", "name")),
        district=key.district if key is not None else text_at(data, ("unit", "district")),
        placed=timeline is not None,
        overdue=timeline.overdue_count if timeline is not None else 0,
        next_end=upcoming.stage.end if upcoming is not None else None,
    )


@dataclass
class FilingStatus:
    """One filing: validation result plus its timeline (None when it could not be read, or
    when a large run kept only its `facts`)."""

    result: FileResult
    timeline: Timeline | None
    unit: str = ""
    district: str = ""
    facts: StatusFacts | None = None

    @property
    def errors(self) -> int:
        return self.result.errors

    @property
    def warnings(self) -> int:
        return self.result.warnings

    @property
    def overdue(self) -> int:
        if self.facts is not None:
            return self.facts.overdue
        return self.timeline.overdue_count if self.timeline else 0

    @property
    def urgency(self) -> tuple[int, date, str]:
        """Sort key, most urgent first.

        Unreadable filings (no timeline) need attention most, then filings with
        errors or overdue requirements, then the rest; within each group the
        nearest deadline first, complete filings last, then by file.
        """
        facts = self.facts or facts_of(self.result)
        if not facts.placed:
            rank = 0
        elif self.overdue or self.errors:
            rank = 1
        else:
            rank = 2
        return (rank, facts.next_end or date.max, self.result.file)


@dataclass
class StatusReport:
    as_of: date
    options: Options
    filings: list[FilingStatus] = field(default_factory=list)
    coverage: DistrictCoverage = field(default_factory=DistrictCoverage)
    catalog: Catalog | None = None  # the round the coverage is of
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why
    searched_folders: bool = False  # a folder was named: who has filed is shown for one filing too
    #: problems of the repo's cjzn.toml waivers (C010-C012), as validate reports them
    config_problems: list[Diagnostic] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when any filing has errors (due-and-missing requirements are errors) or a
        waiver is (an expired one: C010), else 0 — as validate decides."""
        failing = any(f.errors or f.overdue for f in self.filings)
        return 1 if failing or any(d.is_error for d in self.config_problems) else 0


def status_of(result: FileResult) -> FilingStatus:
    """One validated filing with the timeline the pipeline evaluated for it (or the facts a
    digest kept of it)."""
    facts = result.digest if isinstance(result.digest, StatusFacts) else None
    known = facts or facts_of(result)
    return FilingStatus(
        result=result,
        timeline=result.timeline,
        unit=known.unit,
        district=known.district,
        facts=facts,
    )


def collect_status(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    selection: Selection | None = None,
    digest: Callable[[FileResult], StatusFacts | None] | None = None,
) -> StatusReport:
    """Validate `paths` and place every filing on its round's timeline, most urgent first,
    with the coverage of the districts the run covers.

    `digest`: keep only `StatusFacts` of each filing, made where it is checked (the
    output's own parts: `status.digest.table_facts`, `json_facts`, the dashboard's);
    without it every result is kept whole. Raises `UsageError` / `CatalogError` like
    `validate_paths`.
    """
    report = validate_paths(paths, options, catalog_path, selection=selection, digest=digest)
    as_of = report.as_of or effective_as_of(options.as_of)  # --as-of, cjzn.toml's, or today
    run = dataclasses.replace(options, as_of=as_of)
    filings = sorted((status_of(result) for result in report.results), key=lambda f: f.urgency)
    catalog = round_catalog(report)
    written = [(f.result.file, f.district, f.unit) for f in filings]
    return StatusReport(
        as_of=as_of,
        options=run,
        filings=filings,
        coverage=district_coverage(catalog, report.folders, written),
        catalog=catalog,
        skipped=report.skipped,
        searched_folders=any(path.is_dir() for path in paths),
        config_problems=report.config_problems,
    )


def round_catalog(report: Report) -> Catalog:
    """The round a run is about: `--catalog`, else that of its first filing with a known
    round, else the newest bundled one."""
    if report.catalogs.override is not None:
        return report.catalogs.override
    found = (r.catalog for r in report.results if r.catalog is not None)
    return next(found, None) or report.catalogs.default()
