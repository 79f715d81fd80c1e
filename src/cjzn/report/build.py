"""From a status report to the dashboard: one entry per filing, grouped by district."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote as url_quote

from cjzn.check import Selection, discover
from cjzn.errors import UsageError
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg
from cjzn.options import Options
from cjzn.report.facts import EntryFacts, dashboard_facts, entry_facts
from cjzn.report.model import Dashboard, DistrictEntry, FilingEntry
from cjzn.report.redact import Redactor
from cjzn.status import FilingStatus, StatusReport, collect_status
from cjzn.status.workflow import state_label

__all__ = ["FORM_SUFFIXES", "build_dashboard", "collect_dashboard"]

_NO_FORMS = Msg("--forms 目录不存在：{path}", "--forms folder does not exist: {path}")

#: Rendered forms looked for beside a filing (or in --forms), in this order.
FORM_SUFFIXES = (".html", ".pdf", ".docx")


def _entry(
    status: FilingStatus, index: int, catalog: Catalog, lang: str, contacts: bool
) -> FilingEntry:
    result = status.result
    own = result.catalog or catalog
    kept = status.facts.entry if status.facts is not None else None
    facts = kept if isinstance(kept, EntryFacts) else entry_facts(result, own, lang, contacts)
    redact = Redactor.hiding(facts.secrets, own, lang, active=not contacts)
    problems = [
        replace(d, message=redact.message(d.path, d.code, d.message)) for d in result.diagnostics
    ]
    return FilingEntry(
        anchor=f"f{index}",
        file=result.file.replace(os.sep, "/"),
        unit=status.unit,
        district=status.district,
        round=facts.round,
        readable=result.readable,
        errors=result.errors,
        warnings=result.warnings,
        overdue=status.overdue,
        stage=facts.stage,
        stage_title=facts.stage_title,
        open_requirements=facts.open_requirements,
        next_deadline=facts.next_deadline,
        key_work=facts.key_work,
        basic=facts.basic,
        problems=problems,
        contacts=facts.contacts,
        key_works=facts.key_works,
        workflow=result.workflow or "",
        workflow_name=state_label(result.workflow, own, lang),
        changed_since_review=result.changed_since_review,
    )


def _district_order(catalog: Catalog, name: str) -> tuple[int, int, str]:
    if name in catalog.districts:
        return (0, catalog.districts.index(name), name)
    return (1 if name else 2, 0, name)


def _form_link(filing: Path, base: Path, forms: Path | None, out_dir: Path) -> str | None:
    """A rendered form of `filing` beside it or under `forms` (mirroring `cjzn render DIR -o FORMS`)."""
    candidates: list[Path] = []
    if forms is not None:
        try:
            inside = filing.resolve().relative_to(base.resolve())
        except ValueError:
            inside = Path(filing.name)
        candidates.extend(forms / inside.with_suffix(s) for s in FORM_SUFFIXES)
    candidates.extend(filing.with_suffix(s) for s in FORM_SUFFIXES)
    for candidate in candidates:
        if candidate.is_file():
            relative = os.path.relpath(os.path.abspath(candidate), os.path.abspath(out_dir))
            return url_quote(os.fsencode(Path(relative).as_posix()), safe="/")  # bytes: any name
    return None


def _bases(paths: Sequence[Path], selection: Selection | None) -> dict[str, Path]:
    """Each filing's folder argument: the root its forms mirror under `--forms`."""
    bases: dict[str, Path] = {}
    quiet = replace(selection or Selection(), allow_empty=True)  # the run already said so
    for path in paths:
        base = path if path.is_dir() else path.parent
        for found in discover([path], quiet):
            bases.setdefault(os.path.normpath(found), base)
    return bases


def build_dashboard(
    report: StatusReport,
    *,
    catalog: Catalog | None = None,
    include_contacts: bool = False,
    paths: Sequence[Path] = (),
    forms: Path | None = None,
    out_dir: Path | None = None,
    selection: Selection | None = None,
) -> Dashboard:
    """The dashboard of a status report (links to forms relative to `out_dir`, default cwd)."""
    lang = report.options.lang
    chosen = catalog or report.catalog or Catalogs().default()
    statuses = sorted(
        report.filings,
        key=lambda s: (_district_order(chosen, s.district), s.unit, s.result.file),
    )
    bases = _bases(paths, selection)
    entries: list[FilingEntry] = []
    for index, status in enumerate(statuses, start=1):
        entry = _entry(status, index, chosen, lang, include_contacts)
        path = status.result.path
        if path is not None:
            base = bases.get(os.path.normpath(path), path.parent)
            entry.form = _form_link(path, base, forms, out_dir or Path.cwd())
        entries.append(entry)
    return Dashboard(
        as_of=report.as_of,
        lang=lang,
        catalog=chosen,
        include_contacts=include_contacts,
        filings=entries,
        districts=_districts(entries, report, chosen),
        roster_source=report.coverage.source,
        skipped=report.skipped,
        config_problems=report.config_problems,
    )


def _districts(
    entries: list[FilingEntry], report: StatusReport, catalog: Catalog
) -> list[DistrictEntry]:
    """The districts the run covers (with who has filed), then one group for the filings
    whose district is blank or not one of the round (never a district of its own)."""
    districts = {
        c.district: DistrictEntry(c.district, True, coverage=c) for c in report.coverage.districts
    }
    for entry in entries:
        name = entry.district if entry.district in catalog.districts else ""
        districts.setdefault(name, DistrictEntry(name, bool(name))).filings.append(entry)
    return sorted(districts.values(), key=lambda d: _district_order(catalog, d.name))


def collect_dashboard(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    *,
    include_contacts: bool = False,
    forms: Path | None = None,
    out_dir: Path | None = None,
    selection: Selection | None = None,
) -> Dashboard:
    """Validate `paths` and build their dashboard. Raises `UsageError` / `CatalogError`."""
    if forms is not None and not forms.is_dir():
        raise UsageError(_NO_FORMS.fill(path=forms))
    # each filing reduced to its dashboard facts where it is checked: flat memory
    digest = functools.partial(dashboard_facts, lang=options.lang, contacts=include_contacts)
    report = collect_status(paths, options, catalog_path, selection, digest=digest)
    return build_dashboard(
        report,
        include_contacts=include_contacts,
        paths=paths,
        forms=forms,
        out_dir=out_dir,
        selection=selection,
    )
