"""What a run produces: a `FileResult` per filing and the `Report` of them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg
from cjzn.load import Document
from cjzn.model import Filing, ReviewTrail
from cjzn.options import Options
from cjzn.rules import UnitKey
from cjzn.stages import Timeline

_all_results__ = ["FileResult", "Report"]


@dataclass
class FileResult:
    """Everything known about one filing after validation."""

    file: str
    path: Path | None
    diagnostics: list[Diagnostic]
    document: Document | None = None
    filing: Filing | None = None
    catalog: Catalog | None = None
    timeline: Timeline | None = None  # evaluated once by the pipeline; None when unreadable
    unit: UnitKey | None = None  # what the repo-wide rules need, kept when the rest is dropped
    waived: list[Diagnostic] = field(default_factory=list)  # problems a cjzn.toml waiver accepts
    readable: bool = False  # it parsed into a document (kept when `slim` drops the document)
    trail: ReviewTrail | None = None  # its review files' decisions and evaluations
    workflow: str | None = None  # where it stands: a state code of the catalog's `review.states`
    changed_since_review: bool = False  # the filing changed after a level's latest approval

    def slim(self) -> FileResult:
        """Drop the parsed document, model and timeline: a 10,000-file run keeps diagnostics."""
        self.document = self.filing = self.catalog = self.timeline = None
        return self

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)


@dataclass
class Report:
    """The result of one run over any number of files."""

    results: list[FileResult] = field(default_factory=list)
    options: Options = field(default_factory=Options)
    catalogs: Catalogs = field(default_factory=Catalogs)
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why
    folders: set[str] = field(default_factory=set)  # names of the folders the run covers
    #: problems of the cjzn.toml files themselves (their waivers: C010-C012)
    config_problems: list[Diagnostic] = field(default_factory=list)
    #: review files checked without their filing in the run (named alone, or W001: no filing)
    review_results: list[FileResult] = field(default_factory=list)
    reviews: int = 0  # review files checked (counted with the files of the run)
    excluded: list[Path] = field(default_factory=list)  # filings `exclude` kept out of the run
    as_of: date | None = None  # the day the run judged by (None: not known, e.g. no files)

    @property
    def problems(self) -> list[Diagnostic]:
        """Every problem that counts: the filings' and the configs', waived ones left out."""
        found = [d for r in self.all_results for d in r.diagnostics]
        return sorted([*found, *self.config_problems], key=sort_key)

    @property
    def all_results(self) -> list[FileResult]:
        """The filings' results and those of review files checked without their filing."""
        return [*self.results, *self.review_results]

    @property
    def waived(self) -> list[Diagnostic]:
        """The problems waivers accept (each with its `waived` record)."""
        return sorted((d for r in self.all_results for d in r.waived), key=sort_key)

    @property
    def files(self) -> int:
        """How many files the run checked: its filings and their review files."""
        return len(self.results) + self.reviews

    @property
    def errors(self) -> int:
        found = sum(r.errors for r in self.all_results)
        return found + sum(1 for d in self.config_problems if d.is_error)

    @property
    def warnings(self) -> int:
        found = sum(r.warnings for r in self.all_results)
        return found + sum(1 for d in self.config_problems if not d.is_error)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems found."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0
