"""What the dashboard keeps of a filing's document and timeline: its `EntryFacts`.

Everything of a dashboard entry that the filing's text and timeline decide (stage,
open requirements with what is missing, next deadline, key works with their
outcomes, B statuses, contacts, and the texts to redact from its messages), made
where the filing is checked when a run streams (`dashboard_facts`, a digest for
`collect_status`), or from the whole result otherwise. Error counts, waivers and
repo-wide problems are added when the dashboard is built (`build._entry`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from cjzn.check import FileResult
from cjzn.guide import Catalog
from cjzn.i18n import paren
from cjzn.load.walk import text_at, value_at
from cjzn.report.model import (
    BASIC_MARKS,
    DONE,
    MISSING,
    UNKNOWN,
    Achieved,
    Deadline,
    KeyWorkEntry,
    OpenRequirement,
    word,
)
from cjzn.report.redact import Redactor, contact_texts
from cjzn.stages import Timeline, gap_message, requirement_text
from cjzn.status import StatusFacts
from cjzn.status.collect import facts_of

__all__ = ["EntryFacts", "dashboard_facts", "entry_facts"]


@dataclass
class EntryFacts:
    """A dashboard entry's parts that the filing's document and timeline decide."""

    round: str
    stage: str  # a stage code, DONE or UNKNOWN
    stage_title: str
    open_requirements: list[OpenRequirement]
    next_deadline: Deadline | None
    key_work: list[str]
    basic: dict[str, str]
    contacts: dict[str, str] | None
    key_works: list[KeyWorkEntry]
    secrets: list[str]  # what the redactor leaves out of the filing's messages


def entry_facts(result: FileResult, catalog: Catalog, lang: str, contacts: bool) -> EntryFacts:
    """The facts of one filing (`catalog`: its round's, or the dashboard's when unknown)."""
    data = result.document.data if result.document is not None else {}
    redact = Redactor(data, catalog, lang, active=not contacts, extra=_review_signers(result))
    timeline = result.timeline
    stage, stage_title = _stage(timeline, catalog, lang)
    return EntryFacts(
        round=text_at(data, ("round",)),
        stage=stage,
        stage_title=stage_title,
        open_requirements=_open_requirements(timeline, catalog, lang, redact, data),
        next_deadline=_deadline(timeline, catalog, lang),
        key_work=_key_works(data, catalog),
        basic=_basic_statuses(data, catalog),
        contacts=contact_texts(data) if contacts else None,
        key_works=_key_work_entries(data, catalog, lang),
        secrets=redact.values,
    )


def dashboard_facts(result: FileResult, lang: str, contacts: bool) -> StatusFacts | None:
    """A digest for `collect_status`: status facts with the entry's facts. None (keep the
    result whole) when the filing has no catalog: then the dashboard's round decides, and
    such a filing (unreadable, unknown round) is rare and small."""
    if result.catalog is None:
        return None
    entry = entry_facts(result, result.catalog, lang, contacts)
    return dataclasses.replace(facts_of(result), entry=entry)


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
