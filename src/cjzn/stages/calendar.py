"""Dates of the guide's stages: which is running, which are due, how many days are left."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum

from cjzn.guide import Stage

__all__ = ["WARN_DAYS", "DueReason", "StageState", "days_left", "due_reason", "stage_state"]

#: A stage that is running and ends at most this many days after `as_of` warns about what is missing.
WARN_DAYS = 30


class StageState(str, Enum):
    """Where `as_of` falls relative to a stage's window."""

    UPCOMING = "upcoming"  # as_of < start
    RUNNING = "running"  # start <= as_of <= end
    CLOSED = "closed"  # end < as_of


class DueReason(str, Enum):
    """Why a stage's requirements are due."""

    DEADLINE = "deadline"  # its last day has passed
    SELECTED = "selected"  # --stage names it or a later stage
    FILED = "filed"  # the filing stage only: submission.filed_on is set


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
    filed_stage: str | None = None,
) -> DueReason | None:
    """Why `stage`'s requirements are due as of `as_of`, or None when they are not (yet).

    `filed_stage`: the catalog's filing stage when the filing says it was filed.
    """
    if stage.end < as_of:
        return DueReason.DEADLINE
    if (
        selected is not None
        and selected in stage_codes
        and stage.code in stage_codes
        and stage_codes.index(stage.code) <= stage_codes.index(selected)
    ):
        return DueReason.SELECTED
    if filed_stage is not None and stage.code == filed_stage:
        return DueReason.FILED
    return None
