"""From a status report to the dashboard: one entry per filing, grouped by district."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

from cjzn.check import FileResult, Selection, discover
from cjzn.errors import UsageError
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import paren
from cjzn.load.walk import text_at, value_at
from cjzn.options import Options
from cjzn.report.model import (
    BASIC_MARKS,
    DONE,
    MISSING,
    UNKNOWN,
    Achieved,
    Dashboard,
    Deadline,
    DistrictEntry,
    FilingEntry,
    KeyWorkEntry,
    OpenRequirement,
    word,
)
from cjzn.report.redact import Redactor, contact_texts
from cjzn.stages import Timeline, gap_message, requirement_text
from cjzn.status import FilingStatus, StatusReport, collect_status
from cjzn.status.workflow import state_label

__all__ = ["FORM_SUFFIXES", "build_dashboard", "collect_dashboard"]

#: Rendered forms looked for beside a filing (or in --forms), in this order.
FORM_SUFFIXES = (".html", ".pdf", ".docx")


def _basic_statuses(data: Any, catalog: Catalog) -> dict[str, str]:
    known = catalog.enums.status
    out: dict[str, str] = {}
    for code in catalog.basic_codes():
        value = text_at(data, ("basic_work", code, "status"))
        out[code] = value if value in known and value in BASIC_MARKS else MISSING
    return out


def _key_works(data: Any, catalog: Catalog) -> list[str]:
    works = value_at(data, ("key_work",))
    known = catalog.key_codes()
    chosen: list[str] = []
    for work in works if isinstance(works, list) else []:
        code = text_at(work, ("code",))
        if code in known and code not in chosen:
            chosen.append(code)
    return chosen


def _texts(value: Any) -> tuple[str, ...]:
    """The non-blank texts of a list as written (anything else: none)."""
    items = value if isinstance(value, list) else []
    return tuple(item.strip() for item in items if isinstance(item, str) and item.strip())


def _achieved(value: Any) -> tuple[Achieved, ...]:
    entries = value if isinstance(value, list) else []
    return tuple(
        Achieved(text_at(entry, ("outcome",)), _texts(value_at(entry, ("evidence",))))
        for entry in entries
        if isinstance(entry, dict) and (text_at(entry, ("outcome",)) or entry.get("evidence"))
    )


def _key_work_entries(data: Any, catalog: Catalog, lang: str) -> list[KeyWorkEntry]:
    """Every key work as written: a listed one by code and title, the unit's own by its title."""
    works = value_at(data, ("key_work",))
    entries: list[KeyWorkEntry] = []
    for work in works if isinstance(works, list) else []:
        code, title = text_at(work, ("code",)), text_at(work, ("title",))
        if code in catalog.key_codes():  # with the unit's own name for it, if it gives one
            name = f"{code} {catalog.title(code, lang)}" + (paren(title, lang) if title else "")
        elif not code and title:
            name = title
        else:
            continue  # nothing written, or a code that is not the round's (an error of its own)
        entries.append(
            KeyWorkEntry(
                code=code,
                name=name,
                expected=_texts(value_at(work, ("expected_outcomes",))),
                achieved=_achieved(value_at(work, ("achieved_outcomes",))),
            )
        )
    return entries


def _entry(
    status: FilingStatus, index: int, catalog: Catalog, lang: str, contacts: bool
) -> FilingEntry:
    result = status.result
    data = result.document.data if result.document is not None else {}
    own = result.catalog or catalog
    redact = Redactor(data, own, lang, active=not contacts, extra=_review_signers(result))
    timeline = status.timeline
    stage, stage_title = _stage(timeline, own, lang)
    problems = [
        replace(d, message=redact.message(d.path, d.code, d.message)) for d in result.diagnostics
    ]
    return FilingEntry(
        anchor=f"f{index}",
        file=result.file.replace(os.sep, "/"),
        unit=status.unit,
        district=status.district,
        round=text_at(data, ("round",)),
        readable=result.document is not None,
        errors=result.errors,
        warnings=result.warnings,
        overdue=status.overdue,
        stage=stage,
        stage_title=stage_title,
        open_requirements=_open_requirements(timeline, own, lang, redact, data),
        next_deadline=_deadline(timeline, own, lang),
        key_work=_key_works(data, own),
        basic=_basic_statuses(data, own),
        problems=problems,
        contacts=contact_texts(data) if contacts else None,
        key_works=_key_work_entries(data, own, lang),
        workflow=result.workflow or "",
        workflow_name=state_label(result.workflow, own, lang),
        changed_since_review=result.changed_since_review,
    )


def _review_signers(result: FileResult) -> list[str]:
    """Who signed the filing's review decisions and evaluations (left out of a dashboard)."""
    trail = result.trail
    if trail is None:
        return []
    people = [d.signed_by for level in trail.decisions for d in trail.of(level)]
    people += [e.signed_by for e in trail.evaluations]
    return [name for name in people if name]


def _stage(timeline: Timeline | None, catalog: Catalog, lang: str) -> tuple[str, str]:
    """(stage code, DONE or UNKNOWN; its title) of where a filing stands."""
    if timeline is None:
        return UNKNOWN, word("stage_unknown", lang)
    current = timeline.current
    if current is None:
        return DONE, word("stage_done", lang)
    return current.stage.code, catalog.title(current.stage.code, lang)


def _open_requirements(
    timeline: Timeline | None, catalog: Catalog, lang: str, redact: Redactor, data: Any
) -> list[OpenRequirement]:
    """Every requirement not met yet, stage by stage, with what is missing (redacted)."""
    if timeline is None:
        return []
    return [
        OpenRequirement(
            id=requirement.id,
            stage=stage_result.stage.code,
            text=requirement_text(requirement.id, catalog, lang),
            status=requirement.status.value,
            missing=tuple(
                redact.text(gap_message(gap, catalog, lang, data)) for gap in requirement.gaps
            ),
        )
        for stage_result in timeline.stages
        for requirement in stage_result.requirements
        if requirement.open
    ]


def _deadline(timeline: Timeline | None, catalog: Catalog, lang: str) -> Deadline | None:
    """The next stage end the filing still has work for."""
    upcoming = timeline.next_deadline if timeline is not None else None
    if upcoming is None:
        return None
    return Deadline(
        upcoming.stage.code,
        catalog.title(upcoming.stage.code, lang),
        upcoming.stage.end,
        upcoming.days_left,
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
        raise UsageError(f"--forms 目录不存在 / --forms folder does not exist: {forms}")
    report = collect_status(paths, options, catalog_path, selection)
    return build_dashboard(
        report,
        include_contacts=include_contacts,
        paths=paths,
        forms=forms,
        out_dir=out_dir,
        selection=selection,
    )
