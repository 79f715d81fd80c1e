"""`cjzn status`: where each filing stands on the guide's timeline, and what falls due next."""

from cjzn.status.collect import (
    FilingStatus,
    StatusFacts,
    StatusReport,
    collect_status,
    round_catalog,
    status_of,
)
from cjzn.status.coverage import DistrictCoverage, covered_districts, district_coverage
from cjzn.status.json_doc import (
    STATUS_JSON_VERSION,
    as_json,
    coverage_json,
    district_json,
    filing_json,
    render_json,
)
from cjzn.status.text import TEXT_GAP_LIMIT, render_text

__all__ = [
    "STATUS_JSON_VERSION",
    "TEXT_GAP_LIMIT",
    "DistrictCoverage",
    "FilingStatus",
    "StatusFacts",
    "StatusReport",
    "as_json",
    "collect_status",
    "coverage_json",
    "covered_districts",
    "district_coverage",
    "district_json",
    "filing_json",
    "render_json",
    "render_text",
    "round_catalog",
    "status_of",
]
