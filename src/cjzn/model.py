"""The filing format of the contract (`filing-format.md`, version 1) as pydantic models.

Keys are the contract's, unknown keys are errors, and almost every field is
optional: the contract lets a filing grow stage by stage ("fields a stage has
not reached yet may be absent"), so *whether* a value must be there is the
stage rules' business, and *whether what is there is right* is the model's.
Only `cjzn` and `round` are always required: they say how to read the rest.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

from cjzn.fields import (
    District,
    Email,
    Flag,
    IsoDate,
    Landline,
    Mobile,
    Phone,
    Postcode,
    PriorRounds,
    Version,
    YearMonth,
)

Status = Literal["planned", "in_progress", "done"]
LeadingBodyKind = Literal["领导小组", "协调机构", "联席会议"]


class Section(BaseModel):
    """A part of the filing: unknown keys are errors, values are never coerced."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Unit(Section):
    name: Optional[str] = None
    district: Optional[District] = None


class Leader(Section):
    name: Optional[str] = None
    title: Optional[str] = None
    phone: Optional[Phone] = None


class Contact(Section):
    name: Optional[str] = None
    title: Optional[str] = None
    office_phone: Optional[Landline] = None
    mobile: Optional[Mobile] = None
    email: Optional[Email] = None
    postcode: Optional[Postcode] = None
    address: Optional[str] = None


class Task(Section):
    task: Optional[str] = None
    start: Optional[YearMonth] = None
    end: Optional[YearMonth] = None
    covers: Optional[list[str]] = None


class Member(Section):
    name: Optional[str] = None
    title: Optional[str] = None


class LeadingBody(Section):
    kind: Optional[LeadingBodyKind] = None
    head: Optional[str] = None
    members: Optional[list[Member]] = None


class Responsibility(Section):
    department: Optional[str] = None
    owner: Optional[str] = None
    duties: Optional[str] = None
    covers: Optional[list[str]] = None


class Plan(Section):
    overall_goal: Optional[str] = None
    stage_goals: Optional[dict[str, Optional[str]]] = None
    work_plan: Optional[list[Task]] = None
    leading_body: Optional[LeadingBody] = None
    network: Optional[str] = None
    responsibilities: Optional[list[Responsibility]] = None
    mechanisms: Optional[list[str]] = None


class BasicWorkItem(Section):
    status: Optional[Status] = None
    measures: Optional[str] = None
    evidence: Optional[list[str]] = None


class KeyWorkItem(Section):
    code: Optional[str] = None
    measures: Optional[str] = None
    expected_outcomes: Optional[list[str]] = None


class Submission(Section):
    filed_on: Optional[IsoDate] = None
    signed_by: Optional[str] = None
    sealed: Optional[Flag] = None


class DistrictReview(Section):
    opinion: Optional[str] = None
    signed_by: Optional[str] = None
    date: Optional[IsoDate] = None


class MunicipalReview(Section):
    opinion: Optional[str] = None
    date: Optional[IsoDate] = None


class Reviews(Section):
    district: Optional[DistrictReview] = None
    municipal: Optional[MunicipalReview] = None


class Summary(Section):
    written_on: Optional[IsoDate] = None
    text: Optional[str] = None


class Evaluation(Section):
    apply_early: Optional[Flag] = None


class Filing(Section):
    """One street's or town's filing for one round."""

    cjzn: Version
    round: str
    unit: Optional[Unit] = None
    leader: Optional[Leader] = None
    contact: Optional[Contact] = None
    prior_rounds: Optional[PriorRounds] = None
    plan: Optional[Plan] = None
    basic_work: Optional[dict[str, Optional[BasicWorkItem]]] = None
    key_work: Optional[list[KeyWorkItem]] = None
    submission: Optional[Submission] = None
    reviews: Optional[Reviews] = None
    summary: Optional[Summary] = None
    evaluation: Optional[Evaluation] = None
