"""The review files beside a filing, as pydantic models (`filing-format.md`, review files).

`天平路街道.district-review.yaml` holds the district education bureau's decisions on
`天平路街道.yaml`, `天平路街道.municipal-review.yaml` the 市教委's decisions and the
city's evaluations, each list in the order they were taken (newest last):

```yaml
cjzn: 1
decisions:
  - decision: 退回修改            # 同意 | 退回修改 (the catalog's `review.decisions`)
    opinion: 重点创建工作的预计成效不够具体，请补充。
    signed_by: 王明
    sealed: true
    date: 2013-03-20
    filing_sha256: 9f86d0…       # sha256 of the filing's bytes when it was decided
evaluations:                     # municipal file only
  - stage: S4                    # the round's early (S3) or final (S4) evaluation stage
    date: 2014-12-20
    result: 通过                  # 通过 | 不通过 | 暂缓 (the catalog's `review.results`)
    title: 上海市社区教育示范街镇
    note: …
```

The words are the round's (catalog `review`), checked here like any value with a
choice (F008); what a decision *means* for the workflow is `check.workflow`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, ValidationInfo

from cjzn.load.walk import blank
from cjzn.model.codes import CHOICE
from cjzn.model.fields import Flag, IsoDate, Version, fail
from cjzn.model.filing import Section

__all__ = [
    "REVIEW_MODELS",
    "Decision",
    "DistrictReviewFile",
    "EvaluationRecord",
    "MunicipalReviewFile",
    "ReviewTrail",
    "inline_reviews",
]


def _choice(section: str) -> AfterValidator:
    """A value that must be one of the catalog's `review.<section>` words."""

    def check(value: str, info: ValidationInfo) -> str:
        catalog = (info.context or {}).get("catalog")
        if catalog is None:
            return value
        words = list(getattr(catalog.review, section).values())
        if value in words:
            return value
        raise fail(CHOICE, value=value, choices=words)

    return AfterValidator(check)


def _check_stage(value: str, info: ValidationInfo) -> str:
    """The early or the final evaluation's stage (S3, S4 in the 2013-2014 round)."""
    catalog = (info.context or {}).get("catalog")
    if catalog is None:
        return value
    stages = [catalog.workflow.early_evaluation_stage, catalog.review.final_stage]
    if value in stages:
        return value
    raise fail(CHOICE, value=value, choices=stages)


class Decision(Section):
    """One decision of a reviewing level on the filing."""

    decision: Annotated[str, _choice("decisions")] | None = None
    opinion: str | None = None
    signed_by: str | None = None
    sealed: Flag | None = None
    date: IsoDate | None = None
    filing_sha256: str | None = None


class EvaluationRecord(Section):
    """One evaluation by the city: early (S3) or final (S4), its result and the title."""

    stage: Annotated[str, AfterValidator(_check_stage)] | None = None
    date: IsoDate | None = None
    result: Annotated[str, _choice("results")] | None = None
    title: str | None = None
    note: str | None = None
    signed_by: str | None = None


class DistrictReviewFile(Section):
    """`X.district-review.yaml`: the district education bureau's decisions."""

    cjzn: Version
    decisions: list[Decision] | None = None


class MunicipalReviewFile(DistrictReviewFile):
    """`X.municipal-review.yaml`: the 市教委's decisions and the city's evaluations."""

    evaluations: list[EvaluationRecord] | None = None


#: The model of each level's review file.
REVIEW_MODELS: dict[str, type[DistrictReviewFile]] = {
    "district": DistrictReviewFile,
    "municipal": MunicipalReviewFile,
}


def inline_reviews(data: object) -> bool:
    """Whether a filing's raw data carries version 1's `reviews:` with anything written in it.

    A block whose boxes are all empty (`reviews:` with `opinion:`, `signed_by:`, `date:`
    and nothing after them, as `cjzn init` wrote before review files) counts as absent:
    it records no review, so it is neither migrated, nor beside review files an error
    (W014), nor shown as the old way of reviewing."""
    return isinstance(data, dict) and "reviews" in data and not blank(data["reviews"])


@dataclass
class ReviewTrail:
    """What the review files of one filing say (pruned of bad values), with where they are.

    `decisions[level]` in file order; `sha256` is the filing's as it is now. `inline`: the
    filing carries version 1's `reviews:` instead (or as well), with something written in
    it (`inline_reviews`).
    """

    files: dict[str, str] = field(default_factory=dict)  # level -> review file (as printed)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)
    evaluations: list[EvaluationRecord] = field(default_factory=list)
    sha256: str = ""
    inline: bool = False

    def of(self, level: str) -> list[Decision]:
        return self.decisions.get(level, [])

    def latest(self, level: str) -> Decision | None:
        found = self.of(level)
        return found[-1] if found else None

    @property
    def empty(self) -> bool:
        return not self.files

    @property
    def unread(self) -> list[str]:
        """The levels whose review file is there but could not be read or modelled."""
        return [level for level in self.files if level not in self.decisions]

    def last_date(self) -> date | None:
        """The latest date any decision or evaluation records."""
        dates = [d.date for ds in self.decisions.values() for d in ds if d.date is not None]
        dates += [e.date for e in self.evaluations if e.date is not None]
        return max(dates, default=None)
