"""The guide's stages: calendar, requirements, evidence paths, the timeline and its wording."""

from cjzn.stages.calendar import WARN_DAYS, DueReason, StageState, days_left, stage_state
from cjzn.stages.evidence import EvidenceCheck, check_evidence_path
from cjzn.stages.gaps import GAP_KINDS, Gap, Subject
from cjzn.stages.requirements import REQUIREMENTS
from cjzn.stages.timeline import (
    Position,
    PositionKind,
    RequirementResult,
    RequirementStatus,
    StageResult,
    Timeline,
    evaluate,
)
from cjzn.stages.wording import (
    days_phrase,
    gap_label,
    gap_message,
    requirement_text,
    requirement_word,
    stage_name,
    where_it_stands,
)

__all__ = [
    "GAP_KINDS",
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
    "evaluate",
    "gap_label",
    "gap_message",
    "requirement_text",
    "requirement_word",
    "stage_name",
    "stage_state",
    "where_it_stands",
]
