"""What a run produces: a `FileResult` per filing and the `Report` of them all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg
from cjzn.load import Document
from cjzn.model import Filing
from cjzn.options import Options
from cjzn.rules import UnitKey
from cjzn.stages import Timeline

__all__ = ["FileResult", "Report"]


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
    excluded: list[Path] = field(default_factory=list)  # filings `exclude` kept out of the run
    as_of: date | None = None  # the day the run judged by (None: not known, e.g. no files)

    @property
    def problems(self) -> list[Diagnostic]:
        """Every problem that counts: the filings' and the configs', waived ones left out."""
        found = [d for r in self.results for d in r.diagnostics]
        return sorted([*found, *self.config_problems], key=sort_key)

    @property
    def waived(self) -> list[Diagnostic]:
        """The problems waivers accept (each with its `waived` record)."""
        return sorted((d for r in self.results for d in r.waived), key=sort_key)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.results) + sum(
            1 for d in self.config_problems if d.is_error
        )

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.results) + sum(
            1 for d in self.config_problems if not d.is_error
        )

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems found."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0
