"""`cjzn status`: where each filing stands on the guide's timeline, and what falls due next."""

from cjzn.status.collect import FilingStatus, StatusReport, collect_status, status_of
from cjzn.status.json_doc import STATUS_JSON_VERSION, as_json, filing_json, render_json
from cjzn.status.text import TEXT_GAP_LIMIT, render_text

__all__ = [
    "STATUS_JSON_VERSION",
    "TEXT_GAP_LIMIT",
    "FilingStatus",
    "StatusReport",
    "as_json",
    "collect_status",
    "filing_json",
    "render_json",
    "render_text",
    "status_of",
]
