"""The filing format of the contract (`filing-format.md`, version 1) as pydantic models.

Keys are the contract's, unknown keys are errors, and almost every field is
optional: the contract lets a filing grow stage by stage ("fields a stage has
not reached yet may be absent"), so *whether* a value must be there is the
stage rules' business, and *whether what is there is right* is the model's.
Only `cjzn` and `round` are always required: they say how to read the rest.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from cjzn.model.fields import (
    District,
    Email,
    Flag,
    IsoDate,
    Landline,
    LeadingBodyKind,
    Mobile,
    Phone,
    Postcode,
    PriorRounds,
    Status,
    Version,
    YearMonth,
)


class Section(BaseModel):
    """A part of the filing: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Unit(Section):
    name: str | None = None
    district: District | None = None


class Leader(Section):
    name: str | None = None
    title: str | None = None
    phone: Phone | None = None


class Contact(Section):
    name: str | None = None
    title: str | None = None
    office_phone: Landline | None = None
    mobile: Mobile | None = None
    email: Email | None = None
    postcode: Postcode | None = None
    address: str | None = None


class Task(Section):
    task: str | None = None
    start: YearMonth | None = None
    end: YearMonth | None = None
    covers: list[str] | None = None


class Member(Section):
    name: str | None = None
    title: str | None = None


class LeadingBody(Section):
    kind: LeadingBodyKind | None = None
    head: str | None = None
    members: list[Member] | None = None


class Responsibility(Section):
    department: str | None = None
    owner: str | None = None
    duties: str | None = None
    covers: list[str] | None = None


class ExtraSection(Section):
    """A part of the plan beyond the form's list (its note ends with 等): a title and its text."""

    title: str | None = None
    text: str | None = None


class Plan(Section):
    # Optional parts the guide names (二: 明确指导思想; 创建目标和工作原则), before P1.
    guiding_ideology: str | None = None
    principles: str | None = None
    overall_goal: str | None = None
    stage_goals: dict[str, str | None] | None = None
    work_plan: list[Task] | None = None
    leading_body: LeadingBody | None = None
    network: str | None = None
    responsibilities: list[Responsibility] | None = None
    mechanisms: list[str] | None = None
    # Any further sections of the unit's plan, in its order (after P7).
    extra_sections: list[ExtraSection] | None = None


class AchievedOutcome(Section):
    """What a work item actually achieved (创建成效), with the files that show it."""

    outcome: str | None = None
    evidence: list[str] | None = None


class BasicWorkItem(Section):
    status: Status | None = None
    measures: str | None = None
    evidence: list[str] | None = None
    achieved_outcomes: list[AchievedOutcome] | None = None


class KeyWorkItem(Section):
    """A key work: one of the round's list (`code`), or the unit's own (a `title`, no code).

    The guide's list is "仅作参考，供创建单位选择" (三(二)): a unit may choose a work of
    its own. With a code, `title` is the unit's own name for the listed work.
    """

    code: str | None = None
    title: str | None = None
    measures: str | None = None
    expected_outcomes: list[str] | None = None
    achieved_outcomes: list[AchievedOutcome] | None = None

    @property
    def own(self) -> bool:
        """A self-chosen work: a title and no code."""
        return not (self.code or "").strip() and bool((self.title or "").strip())

    @property
    def name(self) -> str:
        """What the filing calls it: its code, else its title ("" when neither is written)."""
        return (self.code or "").strip() or (self.title or "").strip()


class Submission(Section):
    filed_on: IsoDate | None = None
    signed_by: str | None = None
    sealed: Flag | None = None


class DistrictReview(Section):
    opinion: str | None = None
    signed_by: str | None = None
    date: IsoDate | None = None


class MunicipalReview(Section):
    opinion: str | None = None
    date: IsoDate | None = None


class Reviews(Section):
    district: DistrictReview | None = None
    municipal: MunicipalReview | None = None


class Summary(Section):
    written_on: IsoDate | None = None
    text: str | None = None


class Evaluation(Section):
    apply_early: Flag | None = None


class Filing(Section):
    """One street's or town's filing for one round."""

    cjzn: Version
    round: str
    unit: Unit | None = None
    leader: Leader | None = None
    contact: Contact | None = None
    prior_rounds: PriorRounds | None = None
    plan: Plan | None = None
    basic_work: dict[str, BasicWorkItem | None] | None = None
    key_work: list[KeyWorkItem] | None = None
    submission: Submission | None = None
    reviews: Reviews | None = None
    summary: Summary | None = None
    evaluation: Evaluation | None = None
