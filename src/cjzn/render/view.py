"""The view-model of a rendered filing: every text a page shows, as plain data.

`cjzn.render.build` fills it from a validated filing and the round's catalog;
the HTML and Markdown templates and the DOCX builder only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "BasicView",
    "Box",
    "CodeRef",
    "DateParts",
    "KeyWorkView",
    "MemberView",
    "PlanView",
    "Provenance",
    "ResponsibilityView",
    "ReviewView",
    "SignBlock",
    "StageGoalView",
    "TaskView",
    "View",
]


@dataclass(frozen=True)
class Box:
    """One check box of the 以往参加实验街镇工作经历 row."""

    key: str
    label: str
    checked: bool

    @property
    def mark(self) -> str:
        return "☑" if self.checked else "☐"


@dataclass(frozen=True)
class DateParts:
    """A date for the form's 年 月 日 slots; all blank leaves room for ink."""

    year: str = ""
    month: str = ""
    day: str = ""
    raw: str = ""  # a value that is not a date (drafts): shown as written

    @property
    def filled(self) -> bool:
        return bool(self.year)

    @property
    def iso(self) -> str:
        if not self.filled:
            return self.raw
        return f"{self.year}-{int(self.month):02d}-{int(self.day):02d}"


@dataclass(frozen=True)
class SignBlock:
    """Signature, seal and date: filled only with what the filing records."""

    signer: str = ""
    sealed: bool = False
    date: DateParts = field(default_factory=DateParts)


@dataclass(frozen=True)
class CodeRef:
    code: str
    title: str  # the guide's title; "" for a code the round does not know

    @property
    def text(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class KeyWorkView:
    code: str
    title: str
    known: bool
    guide_text: str
    measures: str
    outcomes: list[str]


@dataclass(frozen=True)
class TaskView:
    task: str
    start: str
    end: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class MemberView:
    name: str
    title: str


@dataclass(frozen=True)
class ResponsibilityView:
    department: str
    owner: str
    duties: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class StageGoalView:
    code: str
    title: str
    window: str
    goal: str


@dataclass(frozen=True)
class BasicView:
    code: str
    title: str
    group_title: str
    known: bool
    listed: bool  # the filing has an entry for this code
    status: str
    status_label: str
    measures: str
    evidence: list[str]


@dataclass(frozen=True)
class ReviewView:
    opinion: str
    sign: SignBlock


@dataclass(frozen=True)
class PlanView:
    part_titles: dict[str, str]  # plan key (overall_goal ...) -> the guide's part title
    overall_goal: str
    stage_goals: list[StageGoalView]
    work_plan: list[TaskView]
    leading_kind: str
    leading_head: str
    members: list[MemberView]
    network: str
    responsibilities: list[ResponsibilityView]
    mechanisms: list[str]


@dataclass(frozen=True)
class Provenance:
    """Where a printout came from: the small footer of every render."""

    version: str
    round: str
    source: str
    generated_at: str
    commit: str = ""
    dirty: bool = False


@dataclass(frozen=True)
class View:
    """One filing, ready for a template."""

    title: str
    rows: dict[str, str]
    labels: dict[str, str]
    status_labels: dict[str, str]
    plan_note: str
    municipal_signer: str
    unit_name: str
    district: str
    leader: dict[str, str]
    contact: dict[str, str]
    prior_boxes: list[Box]
    key_works: list[KeyWorkView]
    unit_sign: SignBlock
    district_review: ReviewView
    municipal_review: ReviewView
    plan: PlanView
    basic: list[BasicView]
    summary_text: str
    summary_date: DateParts
    provenance: Provenance
    errors: int
    warnings: int

    @property
    def is_draft(self) -> bool:
        return self.errors > 0

    def label(self, pattern: str) -> str:
        return self.labels.get(pattern, pattern)
