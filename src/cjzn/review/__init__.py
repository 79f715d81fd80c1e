"""Reviews: record the district's and the city's decisions and the city's evaluations in
the review files beside a filing, show a filing's trail, move inline `reviews:` out."""

from cjzn.review.migrate import Migrated, MigrateRun, migrate_paths, write
from cjzn.review.record import (
    HAS_ERRORS,
    MIGRATE_FIRST,
    OUT_OF_ORDER,
    Entry,
    Recorded,
    Refused,
    Request,
    decision_entry,
    evaluation_entry,
    filing_result,
    judged_as_of,
    own_problems,
    problems_opinion,
    record,
    review_filing,
)
from cjzn.review.show import shown_in_full, state_name, trail_text

__all__ = [
    "HAS_ERRORS",
    "MIGRATE_FIRST",
    "OUT_OF_ORDER",
    "Entry",
    "MigrateRun",
    "Migrated",
    "Recorded",
    "Refused",
    "Request",
    "decision_entry",
    "evaluation_entry",
    "filing_result",
    "judged_as_of",
    "migrate_paths",
    "own_problems",
    "problems_opinion",
    "record",
    "review_filing",
    "shown_in_full",
    "state_name",
    "trail_text",
    "write",
]
