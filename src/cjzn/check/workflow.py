"""Where a filing stands in the guide's workflow, from its data (四 and the form).

草稿 -> 已备案 -> 区县已审 (or 退回修改) -> 市教委已备案 -> 评估中 -> 已命名 / 未通过:
the catalog names the states (`review.states`); this module decides which one a
filing is in, by codes:

- `draft`: no `submission.filed_on` yet; `filed`: the unit has filed;
- then the decisions of both review files in date order (the district's first on
  the same day): a district 同意 makes it `district_approved`, a 市教委 同意
  `accepted`, a 退回修改 of either level `returned`;
- once accepted, `evaluating` when the unit has written its summary, applied for
  the early evaluation, or the city recorded an evaluation without a final result
  (暂缓 or none yet);
- the latest evaluation with a result decides at the end: 通过 `named`, 不通过
  `not_passed`, 暂缓 `evaluating`.

A version-1 filing with inline `reviews:` (and no review files) counts a dated
district opinion as the district's approval and a dated municipal opinion as the
city's acceptance (then `evaluating` as above), as the form's boxes were used
before review files.
"""

from __future__ import annotations

from cjzn.guide import Catalog
from cjzn.model import Decision, Filing, ReviewTrail

__all__ = ["changed_since_review", "stale_approval", "workflow_state"]

_AFTER_DECISION = {
    ("district", "approve"): "district_approved",
    ("district", "return"): "returned",
    ("municipal", "approve"): "accepted",
    ("municipal", "return"): "returned",
}
_AFTER_RESULT = {"pass": "named", "fail": "not_passed", "defer": "evaluating"}


def workflow_state(filing: Filing, trail: ReviewTrail | None, catalog: Catalog) -> str:
    """The state code of `filing` (one of `guide.WORKFLOW_STATES`)."""
    submission = filing.submission
    state = "filed" if submission is not None and submission.filed_on is not None else "draft"
    if trail is None or (trail.empty and not trail.inline):
        return state
    if trail.empty:
        state = _inline_state(filing, state)
        return "evaluating" if state == "accepted" and _evaluating(filing, trail) else state
    review = catalog.review
    events = [
        (decision.date, order, level, review.decision_code(decision.decision))
        for order, level in enumerate(("district", "municipal"))
        for decision in trail.of(level)
        if decision.date is not None
    ]
    for _, _, level, code in sorted(events, key=lambda event: (event[0], event[1])):
        state = _AFTER_DECISION.get((level, code or ""), state)
    if state == "accepted" and _evaluating(filing, trail):
        state = "evaluating"
    results = [review.result_code(e.result) for e in trail.evaluations]
    final = [code for code in results if code is not None]
    if final:
        state = _AFTER_RESULT.get(final[-1], state)
    return state


def _evaluating(filing: Filing, trail: ReviewTrail) -> bool:
    summary = filing.summary
    written = summary is not None and bool((summary.text or "").strip())
    applied = filing.evaluation is not None and filing.evaluation.apply_early is True
    return written or applied or bool(trail.evaluations)


def _inline_state(filing: Filing, state: str) -> str:
    reviews = filing.reviews
    if reviews is None:
        return state
    if reviews.municipal is not None and reviews.municipal.date is not None:
        return "accepted"
    if reviews.district is not None and reviews.district.date is not None:
        return "district_approved"
    return state


def stale_approval(trail: ReviewTrail, level: str, catalog: Catalog) -> Decision | None:
    """The level's latest decision when it is 同意 and its `filing_sha256` is not the
    filing's now (W006's condition: the filing changed after it was approved)."""
    latest = trail.latest(level)
    if latest is None or not trail.sha256:
        return None
    if catalog.review.decision_code(latest.decision) != "approve":
        return None
    recorded = (latest.filing_sha256 or "").strip().lower()
    return latest if recorded and recorded != trail.sha256 else None


def changed_since_review(trail: ReviewTrail | None, catalog: Catalog) -> bool:
    """Whether the filing changed after the latest approval of a level (W006's condition)."""
    if trail is None:
        return False
    return any(stale_approval(trail, level, catalog) for level in trail.decisions)
