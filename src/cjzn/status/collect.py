"""Where each filing stands: the validation result and its timeline, most urgent first.

One library call (`collect_status`) validates the filings (so the error counts
are `validate`'s); the pipeline has already evaluated each one's timeline, so
`cjzn status` only reads and sorts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cjzn.check import FileResult, Report, Selection, validate_paths
from cjzn.guide import Catalog
from cjzn.i18n import Msg
from cjzn.load.walk import text_at
from cjzn.options import Options, effective_as_of
from cjzn.stages import Timeline
from cjzn.status.coverage import DistrictCoverage, district_coverage

__all__ = ["FilingStatus", "StatusReport", "collect_status", "round_catalog", "status_of"]


@dataclass
class FilingStatus:
    """One filing: validation result plus its timeline (None when it could not be read)."""

    result: FileResult
    timeline: Timeline | None
    unit: str = ""
    district: str = ""

    @property
    def errors(self) -> int:
        return self.result.errors

    @property
    def warnings(self) -> int:
        return self.result.warnings

    @property
    def overdue(self) -> int:
        return self.timeline.overdue_count if self.timeline else 0

    @property
    def urgency(self) -> tuple[int, date, str]:
        """Sort key, most urgent first.

        Unreadable filings (no timeline) need attention most, then filings with
        errors or overdue requirements, then the rest; within each group the
        nearest deadline first, complete filings last, then by file.
        """
        if self.timeline is None:
            rank = 0
        elif self.overdue or self.errors:
            rank = 1
        else:
            rank = 2
        upcoming = self.timeline.next_deadline if self.timeline else None
        return (rank, upcoming.stage.end if upcoming else date.max, self.result.file)


@dataclass
class StatusReport:
    as_of: date
    options: Options
    filings: list[FilingStatus] = field(default_factory=list)
    coverage: DistrictCoverage = field(default_factory=DistrictCoverage)
    catalog: Catalog | None = None  # the round the coverage is of
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why
    searched_folders: bool = False  # a folder was named: who has filed is shown for one filing too

    @property
    def exit_code(self) -> int:
        """1 when any filing has errors (due-and-missing requirements are errors), else 0."""
        return 1 if any(f.errors or f.overdue for f in self.filings) else 0


def status_of(result: FileResult) -> FilingStatus:
    """One validated filing with the timeline the pipeline evaluated for it."""
    key = result.unit  # None when the name or the district is blank: then read what is written
    data = result.document.data if result.document is not None else None
    return FilingStatus(
        result=result,
        timeline=result.timeline,
        unit=key.name if key is not None else text_at(data, ("unit", "name")),
        district=key.district if key is not None else text_at(data, ("unit", "district")),
    )


def collect_status(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    selection: Selection | None = None,
) -> StatusReport:
    """Validate `paths` and place every filing on its round's timeline, most urgent first,
    with the coverage of the districts the run covers.

    Raises `UsageError` / `CatalogError` like `validate_paths`.
    """
    report = validate_paths(paths, options, catalog_path, selection=selection)
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
    )


def round_catalog(report: Report) -> Catalog:
    """The round a run is about: `--catalog`, else that of its first filing with a known
    round, else the newest bundled one."""
    if report.catalogs.override is not None:
        return report.catalogs.override
    found = (r.catalog for r in report.results if r.catalog is not None)
    return next(found, None) or report.catalogs.default()
