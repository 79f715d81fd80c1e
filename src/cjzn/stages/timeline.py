"""A filing's timeline: every stage of its round, each requirement done or how urgent.

`evaluate` is called once per filing by the pipeline (`cjzn.check`); the stage
rules, the text summary, `cjzn status` and `cjzn report` all read the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from cjzn.guide import Stage
from cjzn.load.walk import missing_text, value_at
from cjzn.stages.calendar import (
    WARN_DAYS,
    DueReason,
    StageState,
    days_left,
    due_reason,
    stage_state,
)
from cjzn.stages.gaps import Gap, Subject
from cjzn.stages.requirements import REQUIREMENTS

__all__ = [
    "Position",
    "PositionKind",
    "RequirementResult",
    "RequirementStatus",
    "StageResult",
    "Timeline",
    "evaluate",
]


class RequirementStatus(str, Enum):
    """Where one requirement stands as of a date."""

    DONE = "done"
    MISSING = "missing"  # not done, not due, no warning yet
    DUE_SOON = "due_soon"  # not done, stage running, deadline at most WARN_DAYS away
    OVERDUE = "overdue"  # not done and due: an error
    # the catalog names a requirement cjzn has no check for, or one it cannot judge for this
    # filing (achieved outcomes kept only in the summary text): a person checks it
    UNCHECKED = "unchecked"


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
    catalog = subject.catalog
    codes = catalog.stage_codes()
    filed = not missing_text(value_at(subject.data, ("submission", "filed_on")))
    filed_stage = catalog.workflow.filing_stage if filed else None
    stages: list[StageResult] = []
    for stage in catalog.stages:
        result = StageResult(
            stage=stage,
            state=stage_state(stage, as_of),
            due=due_reason(
                stage, as_of, stage_codes=codes, selected=selected, filed_stage=filed_stage
            ),
            days_left=days_left(stage, as_of),
        )
        result.requirements = [_requirement(subject, result, r) for r in stage.requirements]
        stages.append(result)
    return Timeline(as_of=as_of, stages=stages, selected=selected)


def _requirement(subject: Subject, stage: StageResult, requirement: str) -> RequirementResult:
    """Where one requirement of `stage` stands: done, or how urgent its gaps are."""
    check = REQUIREMENTS.get(requirement)
    if check is None:
        return RequirementResult(requirement, RequirementStatus.UNCHECKED)
    gaps = check(subject)
    if gaps is None:  # cjzn cannot judge it for this filing: a person does
        return RequirementResult(requirement, RequirementStatus.UNCHECKED)
    if not gaps:
        status = RequirementStatus.DONE
    elif stage.due is not None:
        status = RequirementStatus.OVERDUE
    elif stage.warns:
        status = RequirementStatus.DUE_SOON
    else:
        status = RequirementStatus.MISSING
    return RequirementResult(requirement, status, gaps)
