"""`cjzn report`: the dashboard of a district's (or the city's) filings, on one page.

Reviewers want the state of every street at a glance: which stage each filing
is in, its errors and warnings, what is still open and when the next deadline
falls, plus pictures (key-work choices, a heatmap of the basic work, stage
progress per district). The numbers come from the same library calls as
`cjzn validate` and `cjzn status`, so the dashboard can never disagree with them.
"""

from cjzn.report.build import FORM_SUFFIXES, build_dashboard, collect_dashboard
from cjzn.report.charts import coverage_chart, key_work_chart, stage_chart
from cjzn.report.model import BASIC_STATUSES, MISSING, Dashboard, FilingEntry
from cjzn.report.output import (
    FORMATS,
    MARKER,
    REPORT_JSON_VERSION,
    dashboard_json,
    infer_format,
    render_report,
)
from cjzn.report.redact import CONTACT_PATHS, REDACTED, SENSITIVE_PATHS, sensitive_values

__all__ = [
    "BASIC_STATUSES",
    "CONTACT_PATHS",
    "FORMATS",
    "FORM_SUFFIXES",
    "MARKER",
    "MISSING",
    "REDACTED",
    "REPORT_JSON_VERSION",
    "SENSITIVE_PATHS",
    "Dashboard",
    "FilingEntry",
    "build_dashboard",
    "collect_dashboard",
    "coverage_chart",
    "dashboard_json",
    "infer_format",
    "key_work_chart",
    "render_report",
    "sensitive_values",
    "stage_chart",
]
