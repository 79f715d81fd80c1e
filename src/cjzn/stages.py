"""The guide's stages as data: which stage is running, what is due, what is still missing.

The round's catalog says when each stage runs and which requirement ids belong
to it (`stages[].requirements`); this module maps every requirement id to a
small check (`REQUIREMENTS`) that lists what is missing, and decides from the
dates whether a missing item is already due (an error), due soon (a warning) or
simply open. `cjzn validate` (rules/stages.py), the text summary and
`cjzn status` all call `evaluate`, so the deadline logic exists once and a
later round with other dates needs no code change.

Presence is judged on the document as written, not on the validated model: a
value that is there but wrong (an invalid mobile number) is already an error of
its own and is not reported a second time as "missing". Presence means real
content, judged deeply (`_blank`): the `cjzn init` skeleton's `- task:` or
`expected_outcomes: [""]` is as empty as no entry at all.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from cjzn.catalog import Catalog, Stage
from cjzn.labels import describe
from cjzn.loader import PathKey
from cjzn.model import Filing

__all__ = [
    "EARLY_EVALUATION_STAGE",
    "FILING_STAGE",
    "REQUIREMENTS",
    "WARN_DAYS",
    "DueReason",
    "EvidenceCheck",
    "Gap",
    "Position",
    "PositionKind",
    "RequirementResult",
    "RequirementStatus",
    "StageResult",
    "StageState",
    "Subject",
    "Timeline",
    "check_evidence_path",
    "days_left",
    "days_phrase",
    "due_reason",
    "effective_as_of",
    "evaluate",
    "gap_label",
    "gap_message",
    "known_stage_codes",
    "requirement_text",
    "stage_name",
    "stage_state",
    "text_at",
    "value_at",
]

#: A stage that is running and ends at most this many days after `as_of` warns about what is missing.
WARN_DAYS = 30
#: The stage whose requirements fall due as soon as `submission.filed_on` is set (contract).
FILING_STAGE = "S1"
#: The stage during which `evaluation.apply_early` makes sense (guide 四 第三阶段).
EARLY_EVALUATION_STAGE = "S3"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


class StageState(str, Enum):
    """Where `as_of` falls relative to a stage's window."""

    UPCOMING = "upcoming"  # as_of < start
    RUNNING = "running"  # start <= as_of <= end
    CLOSED = "closed"  # end < as_of


class DueReason(str, Enum):
    """Why a stage's requirements are due."""

    DEADLINE = "deadline"  # its last day has passed
    SELECTED = "selected"  # --stage names it or a later stage
    FILED = "filed"  # S1 only: submission.filed_on is set


def stage_state(stage: Stage, as_of: date) -> StageState:
    """Upcoming, running or closed, by the stage's window (both ends inclusive)."""
    if as_of < stage.start:
        return StageState.UPCOMING
    if as_of <= stage.end:
        return StageState.RUNNING
    return StageState.CLOSED


def days_left(stage: Stage, as_of: date) -> int:
    """Days from `as_of` to the stage's last day: 0 on the deadline day, negative after it."""
    return (stage.end - as_of).days


def due_reason(
    stage: Stage,
    as_of: date,
    *,
    stage_codes: Sequence[str],
    selected: str | None = None,
    filed: bool = False,
) -> DueReason | None:
    """Why `stage`'s requirements are due as of `as_of`, or None when they are not (yet)."""
    if stage.end < as_of:
        return DueReason.DEADLINE
    if (
        selected is not None
        and selected in stage_codes
        and stage.code in stage_codes
        and stage_codes.index(stage.code) <= stage_codes.index(selected)
    ):
        return DueReason.SELECTED
    if filed and stage.code == FILING_STAGE:
        return DueReason.FILED
    return None


def effective_as_of(as_of: date | None) -> date:
    """`--as-of`, or today in Asia/Shanghai when it was not given."""
    if as_of is not None:
        return as_of
    from cjzn.validate import today_in_shanghai  # late: validate imports the rules

    return today_in_shanghai()


def known_stage_codes(catalog_path: Path | None = None) -> list[str]:
    """Stage codes `--stage` accepts: those of `--catalog`, or of every bundled round."""
    from cjzn.catalog import bundled_rounds, catalog_for_round, load_catalog

    if catalog_path is not None:
        return load_catalog(catalog_path).stage_codes()
    codes: list[str] = []
    for name in bundled_rounds():
        catalog = catalog_for_round(name)
        for code in catalog.stage_codes() if catalog else []:
            if code not in codes:
                codes.append(code)
    return codes


_ZH_DIGITS = "零一二三四五六七八九"


def _zh_number(number: int) -> str:
    if number < 10:
        return _ZH_DIGITS[number]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return f"{head}十{_ZH_DIGITS[ones] if ones else ''}"


def stage_name(stage: Stage, catalog: Catalog, lang: str = "zh") -> str:
    """`第一阶段（启动备案）` / `stage S1 (Start and filing)`: the guide's way of naming a stage."""
    codes = catalog.stage_codes()
    number = codes.index(stage.code) + 1 if stage.code in codes else 0
    if lang == "en":
        return f"stage {stage.code} ({stage.title_en})"
    return f"第{_zh_number(number)}阶段（{stage.title}）"


def days_phrase(days: int, lang: str = "zh", *, deadline: bool = False) -> str:
    """How far a deadline is, worded once for `validate`, `status` and `report`.

    `还有 15 天` / `今天截止` / `已过 3 天` (`15 day(s) left` / `due today` /
    `3 day(s) overdue`); with `deadline`, said of what falls due:
    `还有 15 天截止` (`due in 15 day(s)`).
    """
    en = lang == "en"
    if days == 0:
        return "due today" if en else "今天截止"
    if days < 0:
        return f"{-days} day(s) overdue" if en else f"已过 {-days} 天"
    if deadline:
        return f"due in {days} day(s)" if en else f"还有 {days} 天截止"
    return f"{days} day(s) left" if en else f"还有 {days} 天"


# ---------------------------------------------------------------------------
# What is checked
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """One filing as the requirement checks see it."""

    filing: Filing
    data: dict[str, Any]  # the document as written (every scalar is its source text)
    catalog: Catalog
    base_dir: Path | None = None  # evidence paths are relative to this folder
    repo_root: Path | None = None  # ... and must stay inside this one


@dataclass(frozen=True)
class Gap:
    """One missing or unusable item of a requirement, at the path where it belongs."""

    requirement: str
    kind: str  # see GAP_KINDS
    path: PathKey
    value: str | None = None  # the value at fault (a status, an evidence path)
    codes: tuple[str, ...] = ()  # uncovered work codes
    reason: str = ""  # why an evidence path is outside: absolute | dotdot | symlink

    @property
    def invalid(self) -> bool:
        """A present-and-wrong value: an error whatever the date."""
        return self.kind in INVALID_KINDS


GAP_KINDS = (
    "missing",
    "not_done",
    "no_evidence",
    "file_missing",
    "uncovered",
    "outside",
    "not_a_file",
)
INVALID_KINDS = frozenset({"outside", "not_a_file"})

_ABSENT = object()  # the key is not there
_BROKEN = object()  # a parent is of the wrong kind (already an error of its own)


def value_at(data: Any, path: PathKey) -> Any:
    """The value at `path` in the document as written; `_ABSENT` or `_BROKEN` when there is none.

    Callers outside this module test the kind of what they get (a str, list or
    dict): the two markers are neither.
    """
    node = data
    for depth, part in enumerate(path):
        if isinstance(part, int):
            if not isinstance(node, list):
                return _BROKEN
            if not 0 <= part < len(node):
                return _ABSENT
            node = node[part]
        else:
            if not isinstance(node, dict):
                return _BROKEN
            if part not in node:
                return _ABSENT
            node = node[part]
        if node is None and depth < len(path) - 1:
            return _ABSENT
    return node


def text_at(data: Any, path: PathKey) -> str:
    """The text written at `path`, stripped; "" when there is none (absent, null, not text)."""
    value = value_at(data, path)
    return value.strip() if isinstance(value, str) else ""


def _empty(value: Any) -> bool:
    """Shallow: absent, null, whitespace-only text, or a list/mapping without entries."""
    if value is _ABSENT or value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def _blank(value: Any) -> bool:
    """Deep: nothing real written, so the skeleton's `- name:` or `[""]` counts as empty.

    A list is blank when all its items are, a mapping when all its values are
    (the loader bounds the nesting, so the recursion is shallow).
    """
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    if isinstance(value, dict):
        return all(_blank(item) for item in value.values())
    return _empty(value)


def _missing(value: Any) -> bool:
    """Missing means absent or blank (deeply); a broken parent is not "missing" (reported elsewhere)."""
    return value is not _BROKEN and _blank(value)


def _missing_text(value: Any) -> bool:
    """A text field is missing when absent, null, whitespace or an empty list/mapping.

    A non-empty list or mapping where text belongs is present but wrong: the
    model reports it, so it is not repeated as missing.
    """
    return value is not _BROKEN and _empty(value)


def _shape(value: Any, kind: type) -> str:
    """`missing` (absent or empty), `ok` (a non-empty `kind`) or `broken` (reported elsewhere)."""
    if value is _BROKEN:
        return "broken"
    if _empty(value):
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
        if _missing_text(value_at(subject.data, (section, name)))
    ]


def _unit(subject: Subject) -> list[Gap]:
    return _fields(subject, "unit", "unit", ("name", "district"))


def _leader(subject: Subject) -> list[Gap]:
    return _fields(subject, "leader", "leader", ("name", "title", "phone"))


def _contact(subject: Subject) -> list[Gap]:
    names = ("name", "title", "office_phone", "mobile", "email", "postcode", "address")
    return _fields(subject, "contact", "contact", names)


def _prior_rounds(subject: Subject) -> list[Gap]:
    value = value_at(subject.data, ("prior_rounds",))
    # An empty list is an answer: 从未参与 (never took part).
    if value is _ABSENT or value is None or (isinstance(value, str) and not value.strip()):
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
    if any(not _missing_text(item.get(name, _ABSENT)) for _, item in entries):
        return []
    unnamed = [index for index, item in entries if not _blank(item)]
    if not unnamed:
        return [Gap(requirement, "missing", path)] if _missing(items) else []
    return [Gap(requirement, "missing", (*path, index, name)) for index in unnamed]


def _stage_goals(subject: Subject, path: PathKey, value: Any) -> list[Gap]:
    """P2: a goal for every stage code of the round."""
    if not isinstance(value, dict):
        return []  # wrong kind: the model reports it
    return [
        Gap("plan", "missing", (*path, code))
        for code in subject.catalog.stage_codes()
        if _missing_text(value.get(code, _ABSENT))
    ]


def _leading_body(subject: Subject, path: PathKey, value: Any) -> list[Gap]:
    """P4: a head and at least one named member (the `kind` alone is not a composition)."""
    if not isinstance(value, dict):
        return []
    gaps: list[Gap] = []
    if _missing_text(value.get("head", _ABSENT)):
        gaps.append(Gap("plan", "missing", (*path, "head")))
    members = value.get("members", _ABSENT)
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
        elif _empty(value):
            gaps.append(Gap("plan", "missing", path))
        elif part.key == "stage_goals":
            gaps.extend(_stage_goals(subject, path, value))
        elif part.key == "leading_body":
            gaps.extend(_leading_body(subject, path, value))
        elif _missing(value) if part.key in _LIST_PARTS else _missing_text(value):
            gaps.append(Gap("plan", "missing", path))
    return gaps


def _basic_work_measures(subject: Subject) -> list[Gap]:
    if value_at(subject.data, ("basic_work",)) is _BROKEN:
        return []
    return [
        Gap("basic_work_measures", "missing", ("basic_work", code, "measures"))
        for code in subject.catalog.basic_codes()
        if _missing_text(value_at(subject.data, ("basic_work", code, "measures")))
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
            # expected_outcomes: at least one non-blank outcome; the others are text
            if _missing(value) if name == "expected_outcomes" else _missing_text(value):
                gaps.append(Gap("key_work", "missing", path))
    return gaps


def _submission(subject: Subject) -> list[Gap]:
    return _fields(subject, "submission", "submission", ("filed_on", "signed_by"))


def _responsibility_owners(subject: Subject) -> list[Gap]:
    items = value_at(subject.data, ("plan", "responsibilities"))
    shape = _shape(items, list)
    if shape == "ok" and _blank(items):
        shape = "missing"  # the skeleton's empty entry: P6 itself is missing
    if shape != "ok":
        path: PathKey = ("plan", "responsibilities")
        return [Gap("responsibility_owners", "missing", path)] if shape == "missing" else []
    return [
        Gap("responsibility_owners", "missing", ("plan", "responsibilities", index, "owner"))
        for index, item in enumerate(items)
        if isinstance(item, dict) and _missing_text(item.get("owner", _ABSENT))
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
        code = (work.code or "").strip()
        if code in known_keys and code not in chosen:
            chosen.append(code)  # unknown codes are G003's business
    uncovered = tuple(c for c in (*subject.catalog.basic_codes(), *chosen) if c not in covered)
    if not uncovered:
        return []
    return [
        Gap("responsibility_coverage", "uncovered", ("plan", "responsibilities"), codes=uncovered)
    ]


def _basic_work_done(subject: Subject) -> list[Gap]:
    if value_at(subject.data, ("basic_work",)) is _BROKEN:
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


@dataclass(frozen=True)
class EvidenceCheck:
    """What one evidence path turned out to be."""

    kind: str  # ok | file_missing | outside | not_a_file
    reason: str = ""  # for outside: absolute | dotdot | symlink


_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|[\\/]{2})")


def check_evidence_path(value: str, base_dir: Path, repo_root: Path) -> EvidenceCheck:
    """Classify one evidence path written relative to `base_dir`; it must stay in `repo_root`."""
    return _classify(value, os.path.realpath(base_dir), os.path.realpath(repo_root))


def _classify(value: str, base: str, root: str) -> EvidenceCheck:
    """`check_evidence_path` with the folders already resolved (once per filing, not per path).

    Lexical checks first (absolute, `..` escape), so a path pointing out is an
    error even when the file does not exist; then the resolved path, so a
    symlink cannot smuggle in a file from elsewhere.
    """
    text = value.strip()
    if text.startswith(("/", "\\")) or _WINDOWS_ABSOLUTE.match(text):
        return EvidenceCheck("outside", "absolute")
    joined = os.path.normpath(os.path.join(base, text))
    if not _inside(joined, root):
        return EvidenceCheck("outside", "dotdot")
    try:
        resolved = _realpath_below(base, joined)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return EvidenceCheck("file_missing")
    if not _inside(resolved, root):
        return EvidenceCheck("outside", "symlink")
    try:
        mode = os.stat(resolved).st_mode
    except (OSError, ValueError):
        return EvidenceCheck("file_missing")
    if stat.S_ISREG(mode):
        return EvidenceCheck("ok")
    return EvidenceCheck("not_a_file")  # a folder (or a device, a pipe)


def _realpath_below(base: str, joined: str) -> str:
    """`os.path.realpath(joined)` for a path below the already resolved `base`.

    Only the components after `base` can be links, so they alone are looked at
    (three `lstat`s for `archive/B1.1/x.pdf` instead of one per folder from `/`);
    when one is a link, the standard library resolves the whole chain.
    """
    prefix = base.rstrip(os.sep) + os.sep
    if not joined.startswith(prefix):
        return os.path.realpath(joined)
    current = base.rstrip(os.sep)
    for part in joined[len(prefix) :].split(os.sep):
        current = current + os.sep + part
        if os.path.islink(current):
            return os.path.realpath(joined)
    return joined


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _evidence(subject: Subject) -> list[Gap]:
    gaps: list[Gap] = []
    known = subject.catalog.basic_codes()
    folders: tuple[str, str] | None = None
    if subject.base_dir is not None:
        root = subject.repo_root if subject.repo_root is not None else subject.base_dir
        folders = (os.path.realpath(subject.base_dir), os.path.realpath(root))
    for code, item in (subject.filing.basic_work or {}).items():
        if item is None:
            continue
        if (
            code in known
            and item.status == "done"
            and not any((path or "").strip() for path in item.evidence or [])
        ):
            gaps.append(Gap("evidence", "no_evidence", ("basic_work", code, "evidence")))
        if folders is None:
            continue
        for index, value in enumerate(item.evidence or []):
            if not value or not value.strip():
                continue
            result = _classify(value, *folders)
            if result.kind != "ok":
                path: PathKey = ("basic_work", code, "evidence", index)
                gaps.append(Gap("evidence", result.kind, path, value=value, reason=result.reason))
    return gaps


def _summary(subject: Subject) -> list[Gap]:
    if _shape(value_at(subject.data, ("summary",)), dict) == "broken":
        return []
    if _missing_text(value_at(subject.data, ("summary", "text"))):
        return [Gap("summary", "missing", ("summary", "text"))]
    return []


Requirement = Callable[[Subject], list[Gap]]

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
    "evidence": _evidence,
    "summary": _summary,
}


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


class RequirementStatus(str, Enum):
    """Where one requirement stands as of a date."""

    DONE = "done"
    MISSING = "missing"  # not done, not due, no warning yet
    DUE_SOON = "due_soon"  # not done, stage running, deadline at most WARN_DAYS away
    OVERDUE = "overdue"  # not done and due: an error
    UNCHECKED = "unchecked"  # the catalog names a requirement cjzn has no check for


@dataclass
class RequirementResult:
    id: str
    status: RequirementStatus
    gaps: list[Gap] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.status in (
            RequirementStatus.MISSING,
            RequirementStatus.DUE_SOON,
            RequirementStatus.OVERDUE,
        )


@dataclass
class StageResult:
    stage: Stage
    state: StageState
    due: DueReason | None
    days_left: int
    requirements: list[RequirementResult] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(r.open for r in self.requirements)

    @property
    def warns(self) -> bool:
        """Running, not due, deadline at most WARN_DAYS away: missing items are warnings."""
        return (
            self.due is None
            and self.state is StageState.RUNNING
            and 0 <= self.days_left <= WARN_DAYS
        )


class PositionKind(str, Enum):
    """How the filing stands in its current stage."""

    NOT_STARTED = "not_started"  # as_of is before the first stage starts
    OPEN = "open"  # a started stage still has requirements to meet
    MET_SO_FAR = "met_so_far"  # every started stage is complete; later ones are not
    COMPLETE = "complete"  # every requirement of every stage is met


@dataclass(frozen=True)
class Position:
    """The current stage by the calendar: the earliest started stage with open requirements,
    else the latest started stage; before the round starts, the first stage (not started);
    None when everything is met. Never a stage that has not started while one that has is open.
    """

    kind: PositionKind
    stage: StageResult | None


@dataclass
class Timeline:
    """Every stage of the round with the status of each of its requirements."""

    as_of: date
    stages: list[StageResult]
    selected: str | None = None

    @property
    def position(self) -> Position:
        """Where the filing stands on the calendar (see `Position`)."""
        if all(s.complete for s in self.stages):
            return Position(PositionKind.COMPLETE, None)
        started = [s for s in self.stages if s.stage.start <= self.as_of]
        if not started:
            return Position(PositionKind.NOT_STARTED, self.stages[0] if self.stages else None)
        behind = next((s for s in started if not s.complete), None)
        if behind is not None:
            return Position(PositionKind.OPEN, behind)
        return Position(PositionKind.MET_SO_FAR, started[-1])

    @property
    def current(self) -> StageResult | None:
        """The stage the filing is in (`position.stage`); None only when everything is met.

        Before the first stage starts this is the first stage (`position.kind`
        says it has not started), so None keeps meaning "all done" for callers.
        """
        return self.position.stage

    @property
    def next_deadline(self) -> StageResult | None:
        """The incomplete stage that ends first (possibly already past: then it is overdue)."""
        open_stages = [s for s in self.stages if not s.complete]
        return min(open_stages, key=lambda s: s.stage.end) if open_stages else None

    @property
    def open_count(self) -> int:
        return sum(1 for s in self.stages for r in s.requirements if r.open)

    @property
    def overdue_count(self) -> int:
        return sum(
            1 for s in self.stages for r in s.requirements if r.status is RequirementStatus.OVERDUE
        )


def evaluate(subject: Subject, as_of: date, selected: str | None = None) -> Timeline:
    """Every stage of the subject's round, each requirement done / missing / due soon / overdue."""
    codes = subject.catalog.stage_codes()
    filed = not _missing_text(value_at(subject.data, ("submission", "filed_on")))
    stages: list[StageResult] = []
    for stage in subject.catalog.stages:
        result = StageResult(
            stage=stage,
            state=stage_state(stage, as_of),
            due=due_reason(stage, as_of, stage_codes=codes, selected=selected, filed=filed),
            days_left=days_left(stage, as_of),
        )
        for requirement in stage.requirements:
            check = REQUIREMENTS.get(requirement)
            if check is None:
                result.requirements.append(
                    RequirementResult(requirement, RequirementStatus.UNCHECKED)
                )
                continue
            gaps = check(subject)
            if not gaps:
                status = RequirementStatus.DONE
            elif result.due is not None:
                status = RequirementStatus.OVERDUE
            elif result.warns:
                status = RequirementStatus.DUE_SOON
            else:
                status = RequirementStatus.MISSING
            result.requirements.append(RequirementResult(requirement, status, gaps))
        stages.append(result)
    return Timeline(as_of=as_of, stages=stages, selected=selected)


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------


def gap_label(path: PathKey, catalog: Catalog, lang: str = "zh") -> str:
    """The guide's name for a path; a plan part is named by its P code and title."""
    if len(path) == 2 and path[0] == "plan":
        part = next((p for p in catalog.plan_parts if p.key == path[1]), None)
        if part is not None:
            return f"{describe(('plan',), catalog, lang)} · {part.code} {catalog.title(part.code, lang)}"
    return describe(path, catalog, lang)


def _status_word(value: str | None, catalog: Catalog, lang: str) -> str:
    if value is None:
        return ""
    text = catalog.enums.status.get(value)
    shown = text.get(lang) if text is not None else value
    return f"“{shown}”" if lang != "en" else f'"{shown}"'


def gap_message(gap: Gap, catalog: Catalog, lang: str = "zh") -> str:
    """What is missing, in the guide's terms: `缺少 街道（乡镇）联系人 · 手机号码`."""
    en = lang == "en"
    label = gap_label(gap.path, catalog, lang)
    if gap.kind == "not_done":
        shown = _status_word(gap.value, catalog, lang)
        done = _status_word("done", catalog, lang)
        if en:
            return f"{label} is {shown}, should be {done}" if shown else f"{label} should be {done}"
        return f"{label} 为{shown}，应为{done}" if shown else f"{label} 未填写，应为{done}"
    if gap.kind == "no_evidence":
        item = describe(gap.path[:-1], catalog, lang)
        if en:
            return f"{item} is done but lists no evidence"
        return f"{item} 已完成，但没有列出存档材料"
    if gap.kind == "file_missing":
        return (
            f"evidence file {gap.value} does not exist ({label})"
            if en
            else f"存档材料文件不存在：{gap.value}（{label}）"
        )
    if gap.kind == "not_a_file":
        return (
            f"evidence {gap.value} is a folder, not a file ({label})"
            if en
            else f"存档材料 {gap.value} 是文件夹，不是文件（{label}）"
        )
    if gap.kind == "outside":
        return f"{label}: {gap.value}" if en else f"{label}：{gap.value}"
    if gap.kind == "uncovered":
        names = [f"{code} {catalog.title(code, lang)}".strip() for code in gap.codes]
        if en:
            return "no responsibility covers " + ", ".join(names)
        return "以下工作没有部门分工负责：" + "、".join(names)
    return f"missing: {label}" if en else f"缺少 {label}"


def requirement_text(requirement: str, catalog: Catalog, lang: str = "zh") -> str:
    """The catalog's wording of a requirement id (the id itself when it has none)."""
    text = catalog.requirements.get(requirement)
    return text.get(lang) if text is not None else requirement
