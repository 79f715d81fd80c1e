"""The workflow state of a filing, from its data: each step and each way back."""

from __future__ import annotations

from datetime import date

import pytest

from cjzn.check.workflow import changed_since_review, workflow_state
from cjzn.guide import WORKFLOW_STATES, Catalog
from cjzn.model import Decision, EvaluationRecord, Filing, ReviewTrail


def filing(filed: bool = True, summary: bool = False, early: bool = False) -> Filing:
    data: dict[str, object] = {"cjzn": 1, "round": "2013-2014"}
    if filed:
        data["submission"] = {"filed_on": date(2013, 3, 15), "signed_by": "李国强"}
    if summary:
        data["summary"] = {"written_on": date(2014, 11, 20), "text": "总结"}
    if early:
        data["evaluation"] = {"apply_early": True}
    return Filing.model_validate(data)


def decision(word: str, day: str, sha: str = "x") -> Decision:
    return Decision(decision=word, date=date.fromisoformat(day), filing_sha256=sha)


def trail(
    district: list[Decision],
    municipal: tuple[Decision, ...] | list[Decision] = (),
    evaluations: tuple[EvaluationRecord, ...] | list[EvaluationRecord] = (),
) -> ReviewTrail:
    files = {"district": "d.yaml", "municipal": "m.yaml"}
    return ReviewTrail(
        files=files, decisions={"district": district, "municipal": list(municipal)},
        evaluations=list(evaluations), sha256="x",
    )  # fmt: skip


APPROVED = decision("同意", "2013-03-28")
ACCEPTED = decision("同意", "2013-04-10")


@pytest.mark.parametrize(
    ("subject", "reviews", "state"),
    [
        (filing(filed=False), None, "draft"),
        (filing(), None, "filed"),
        (filing(), trail([]), "filed"),
        (filing(), trail([decision("退回修改", "2013-03-20")]), "returned"),
        (filing(), trail([decision("退回修改", "2013-03-20"), APPROVED]), "district_approved"),
        (filing(), trail([APPROVED], [ACCEPTED]), "accepted"),
        (filing(), trail([APPROVED], [decision("退回修改", "2013-04-10")]), "returned"),
        (filing(summary=True), trail([APPROVED], [ACCEPTED]), "evaluating"),
        (filing(early=True), trail([APPROVED], [ACCEPTED]), "evaluating"),
        (filing(summary=True), trail([APPROVED], [ACCEPTED], [EvaluationRecord(stage="S4", result="暂缓")]), "evaluating"),
        (filing(summary=True), trail([APPROVED], [ACCEPTED], [EvaluationRecord(stage="S4", result="通过")]), "named"),
        (filing(summary=True), trail([APPROVED], [ACCEPTED], [EvaluationRecord(stage="S4", result="不通过")]), "not_passed"),
        (filing(summary=True), trail([APPROVED], [ACCEPTED], [
            EvaluationRecord(stage="S3", result="不通过"), EvaluationRecord(stage="S4", result="通过")]), "named"),
    ],
)  # fmt: skip
def test_the_state_of_a_filing(
    catalog: Catalog, subject: Filing, reviews: ReviewTrail | None, state: str
) -> None:
    assert workflow_state(subject, reviews, catalog) == state
    assert state in WORKFLOW_STATES and state in catalog.review.states


def test_decisions_count_in_date_order_across_levels(catalog: Catalog) -> None:
    """The district approves again after the city returned it: approved by the district."""
    reviews = trail(
        [decision("同意", "2013-03-28"), decision("同意", "2013-04-20")],
        [decision("退回修改", "2013-04-10")],
    )
    assert workflow_state(filing(), reviews, catalog) == "district_approved"


def test_only_the_latest_approval_is_compared_with_the_filing(catalog: Catalog) -> None:
    assert not changed_since_review(trail([APPROVED]), catalog)
    assert changed_since_review(trail([decision("同意", "2013-03-28", sha="y")]), catalog)
    returned = trail(
        [decision("同意", "2013-03-28", sha="y"), decision("退回修改", "2013-04-01", "y")]
    )
    assert not changed_since_review(returned, catalog)  # a return is followed by changes
