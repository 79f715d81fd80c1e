"""What each stage requires, as small checks that list what is missing.

The round's catalog says which requirement ids belong to which stage
(`stages[].requirements`); this module maps every id to a check (`REQUIREMENTS`)
that lists the gaps. Presence is judged on the document as written, not on the
validated model: a value that is there but wrong (an invalid mobile number) is
already an error of its own and is not reported a second time as "missing".
Presence means real content, judged deeply (`cjzn.load.walk.blank`): the `cjzn
init` skeleton's `- task:` or `expected_outcomes: [""]` is as empty as no entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cjzn.load import PathKey
from cjzn.load.walk import (
    ABSENT,
    BROKEN,
    blank,
    empty,
    missing,
    missing_text,
    text_at,
    value_at,
)
from cjzn.model.filing import Contact, Leader, Unit
from cjzn.stages.evidence import evidence_gaps
from cjzn.stages.gaps import Gap, Subject
from cjzn.stages.outcomes import achieved_outcome_gaps

__all__ = ["REQUIREMENTS", "Requirement"]


def _shape(value: Any, kind: type) -> str:
    """`missing` (absent or empty), `ok` (a non-empty `kind`) or `broken` (reported elsewhere)."""
    if value is BROKEN:
        return "broken"
    if empty(value):
        return "missing"
    return "ok" if isinstance(value, kind) else "broken"


def _fields(subject: Subject, requirement: str, section: str, names: Iterable[str]) -> list[Gap]:
    """One gap for an absent section, else one per empty field."""
    shape = _shape(value_at(subject.data, (section,)), dict)
    if shape != "ok":
        return [Gap(requirement, "missing", (section,))] if shape == "missing" else []
    return [
        Gap(requirement, "missing", (section, name))
        for name in names
        if missing_text(value_at(subject.data, (section, name)))
    ]


def _unit(subject: Subject) -> list[Gap]:
    return _fields(subject, "unit", "unit", Unit.model_fields)


def _leader(subject: Subject) -> list[Gap]:
    return _fields(subject, "leader", "leader", Leader.model_fields)


def _contact(subject: Subject) -> list[Gap]:
    return _fields(subject, "contact", "contact", Contact.model_fields)


def _prior_rounds(subject: Subject) -> list[Gap]:
    value = value_at(subject.data, ("prior_rounds",))
    # An empty list is an answer: 从未参与 (never took part).
    if value is ABSENT or value is None or (isinstance(value, str) and not value.strip()):
        return [Gap("prior_rounds", "missing", ("prior_rounds",))]
    return []


def _named_entries(requirement: str, path: PathKey, items: Any, name: str) -> list[Gap]:
    """A list that needs at least one entry with a non-blank `name` (a task, a member).

    Nothing written at all: one gap at the list. Entries written without
    their `name`: one gap at each of them, the most specific place to fill in.
    """
    shape = _shape(items, list)
    if shape == "broken":
        return []
    entries = [
        (index, item)
        for index, item in enumerate(items if shape == "ok" else [])
        if isinstance(item, dict)
    ]
    if any(not missing_text(item.get(name, ABSENT)) for _, item in entries):
        return []
    unnamed = [index for index, item in entries if not blank(item)]
    if not unnamed:
        return [Gap(requirement, "missing", path)] if missing(items) else []
    return [Gap(requirement, "missing", (*path, index, name)) for index in unnamed]


def _stage_goals(subject: Subject, path: PathKey, value: Any) -> list[Gap]:
    """P2: a goal for every stage code of the round."""
    if not isinstance(value, dict):
        return []  # wrong kind: the model reports it
    return [
        Gap("plan", "missing", (*path, code))
        for code in subject.catalog.stage_codes()
        if missing_text(value.get(code, ABSENT))
    ]


def _leading_body(subject: Subject, path: PathKey, value: Any) -> list[Gap]:
    """P4: a head and at least one named member (the `kind` alone is not a composition)."""
    if not isinstance(value, dict):
        return []
    gaps: list[Gap] = []
    if missing_text(value.get("head", ABSENT)):
        gaps.append(Gap("plan", "missing", (*path, "head")))
    members = value.get("members", ABSENT)
    gaps.extend(_named_entries("plan", (*path, "members"), members, "name"))
    return gaps


#: Plan parts written as lists: present when at least one entry has content (the rest are text).
_LIST_PARTS = frozenset({"responsibilities", "mechanisms"})


def _plan(subject: Subject) -> list[Gap]:
    shape = _shape(value_at(subject.data, ("plan",)), dict)
    if shape != "ok":
        return [Gap("plan", "missing", ("plan",))] if shape == "missing" else []
    gaps: list[Gap] = []
    for part in subject.catalog.plan_parts:
        path: PathKey = ("plan", part.key)
        value = value_at(subject.data, path)
        if part.key == "work_plan":
            gaps.extend(_named_entries("plan", path, value, "task"))
        elif empty(value):
            gaps.append(Gap("plan", "missing", path))
        elif part.key == "stage_goals":
            gaps.extend(_stage_goals(subject, path, value))
        elif part.key == "leading_body":
            gaps.extend(_leading_body(subject, path, value))
        elif missing(value) if part.key in _LIST_PARTS else missing_text(value):
            gaps.append(Gap("plan", "missing", path))
    return gaps


def _basic_work_measures(subject: Subject) -> list[Gap]:
    if value_at(subject.data, ("basic_work",)) is BROKEN:
        return []
    return [
        Gap("basic_work_measures", "missing", ("basic_work", code, "measures"))
        for code in subject.catalog.basic_codes()
        if missing_text(value_at(subject.data, ("basic_work", code, "measures")))
    ]


def _key_work(subject: Subject) -> list[Gap]:
    works = value_at(subject.data, ("key_work",))
    shape = _shape(works, list)
    if shape != "ok":
        return [Gap("key_work", "missing", ("key_work",))] if shape == "missing" else []
    gaps: list[Gap] = []
    for index, work in enumerate(works):
        if not isinstance(work, dict):
            continue  # wrong kind: the model reports it
        for name in ("code", "measures", "expected_outcomes"):
            path: PathKey = ("key_work", index, name)
            value = value_at(subject.data, path)
            if name == "code" and not missing_text(work.get("title", ABSENT)):
                continue  # a work of the unit's own: its title names it
            # expected_outcomes: at least one non-blank outcome; the others are text
            if missing(value) if name == "expected_outcomes" else missing_text(value):
                gaps.append(Gap("key_work", "missing", path))
    return gaps


def _submission(subject: Subject) -> list[Gap]:
    return _fields(subject, "submission", "submission", ("filed_on", "signed_by"))


def _responsibility_owners(subject: Subject) -> list[Gap]:
    items = value_at(subject.data, ("plan", "responsibilities"))
    shape = _shape(items, list)
    if shape == "ok" and blank(items):
        shape = "missing"  # the skeleton's empty entry: P6 itself is missing
    if shape != "ok":
        path: PathKey = ("plan", "responsibilities")
        return [Gap("responsibility_owners", "missing", path)] if shape == "missing" else []
    return [
        Gap("responsibility_owners", "missing", ("plan", "responsibilities", index, "owner"))
        for index, item in enumerate(items)
        if isinstance(item, dict) and missing_text(item.get("owner", ABSENT))
    ]


def _responsibility_coverage(subject: Subject) -> list[Gap]:
    plan = subject.filing.plan
    covered = {
        code.strip()
        for item in (plan.responsibilities if plan else None) or []
        for code in item.covers or []
        if code
    }
    known_keys = subject.catalog.key_codes()
    chosen: list[str] = []
    for work in subject.filing.key_work or []:
        # a listed work by its code, one of the unit's own by its title
        name = work.name if work.own or work.name in known_keys else ""
        if name and name not in chosen:
            chosen.append(name)  # unknown codes are G003's business
    uncovered = tuple(c for c in (*subject.catalog.basic_codes(), *chosen) if c not in covered)
    if not uncovered:
        return []
    return [
        Gap("responsibility_coverage", "uncovered", ("plan", "responsibilities"), codes=uncovered)
    ]


def _basic_work_done(subject: Subject) -> list[Gap]:
    if value_at(subject.data, ("basic_work",)) is BROKEN:
        return []
    items = subject.filing.basic_work or {}
    gaps: list[Gap] = []
    for code in subject.catalog.basic_codes():
        item = items.get(code)
        if item is not None and item.status == "done":
            continue
        value = text_at(subject.data, ("basic_work", code, "status")) or None
        gaps.append(Gap("basic_work_done", "not_done", ("basic_work", code, "status"), value=value))
    return gaps


def _summary(subject: Subject) -> list[Gap]:
    if _shape(value_at(subject.data, ("summary",)), dict) == "broken":
        return []
    if missing_text(value_at(subject.data, ("summary", "text"))):
        return [Gap("summary", "missing", ("summary", "text"))]
    return []


#: A requirement's check: what is missing (empty: met), or None when cjzn cannot judge it here.
Requirement = Callable[[Subject], list[Gap] | None]

#: Requirement id (the catalog's `stages[].requirements`) -> the check that lists what is missing.
REQUIREMENTS: dict[str, Requirement] = {
    "unit": _unit,
    "leader": _leader,
    "contact": _contact,
    "prior_rounds": _prior_rounds,
    "plan": _plan,
    "basic_work_measures": _basic_work_measures,
    "key_work": _key_work,
    "submission": _submission,
    "responsibility_owners": _responsibility_owners,
    "responsibility_coverage": _responsibility_coverage,
    "basic_work_done": _basic_work_done,
    "evidence": evidence_gaps,
    "summary": _summary,
    "achieved_outcomes": achieved_outcome_gaps,
}
