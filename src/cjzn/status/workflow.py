"""Where the filings stand in the review workflow, per district (`cjzn status`, `cjzn report`).

Each filing's state is the pipeline's (`check.workflow`, `FileResult.workflow`); this
counts them per district, in the order of the states, and names them from the
catalog (`review.states`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cjzn.guide import WORKFLOW_STATES, Catalog
from cjzn.status.collect import FilingStatus

__all__ = ["WorkflowCounts", "state_label", "workflow_counts", "workflow_json"]

_NO_DISTRICT = "—"


@dataclass
class WorkflowCounts:
    """Per district, how many filings are in each state (states in the workflow's order)."""

    states: tuple[str, ...] = WORKFLOW_STATES
    districts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def totals(self) -> dict[str, int]:
        found = {state: 0 for state in self.states}
        for counts in self.districts.values():
            for state, n in counts.items():
                found[state] += n
        return found


def state_label(code: str | None, catalog: Catalog | None, lang: str) -> str:
    """The catalog's name of a state ("" for none)."""
    if code is None:
        return ""
    text = catalog.review.states.get(code) if catalog is not None else None
    return text.get(lang) if text is not None else code


def workflow_counts(filings: Sequence[FilingStatus]) -> WorkflowCounts:
    """Count the filings whose state is known, per district (in the order they appear)."""
    counts = WorkflowCounts()
    for status in filings:
        state = status.result.workflow
        if state is None:
            continue
        district = counts.districts.setdefault(
            status.district or _NO_DISTRICT, {s: 0 for s in counts.states}
        )
        district[state] = district.get(state, 0) + 1
    counts.districts = dict(sorted(counts.districts.items()))
    return counts


def workflow_json(counts: WorkflowCounts, catalog: Catalog | None, lang: str) -> dict[str, Any]:
    """`{"states": [{"code", "name"}], "districts": [{"district", "counts"}], "totals"}`."""
    return {
        "states": [{"code": s, "name": state_label(s, catalog, lang)} for s in counts.states],
        "districts": [
            {"district": district, "counts": dict(found)}
            for district, found in counts.districts.items()
        ],
        "totals": counts.totals,
    }
