"""Single values checked against the round: the postcode's and the landline's region, a task's
months (附件 创建工作方案), the signer of the form against its leader."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error, warning
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.model.codes import LANDLINE_OUTSIDE, POSTCODE_OUTSIDE
from cjzn.model.fields import landline_area, landline_area_code
from cjzn.rules.base import Rule, RuleContext

__all__ = ["RULES"]


def _task(start: str, end: str) -> Example:
    return Example(f"plan:\n  work_plan:\n    - {{task: 制定规划, start: {start}, end: {end}}}\n")


TASK_ORDER = error(
    "G006", "task-ends-before-start",
    Msg("工作计划的结束月份早于开始月份", "task ends before it starts"),
    Msg("{label}：结束 {end} 早于开始 {start}", "{label}: ends {end} before it starts {start}"),
    Msg("检查开始（start）和结束（end）月份是否写反", "check whether start and end are swapped"),
    passing=(_task("2013-04", "2013-12"), _task("2013-04", "2013-04")),
    failing=(_task("2013-12", "2013-04"),),
)  # fmt: skip


SIGNER = warning(
    "G011", "signer-not-leader",
    Msg("签字人不是街道（乡镇）负责人", "signed by someone other than the leader"),
    Msg("{label} {value} 与街道（乡镇）负责人 {leader} 不是同一人", "{label} {value} is not the leader named on the form, {leader}"),
    Msg("登记表由单位负责人签字：核对 submission.signed_by 和 leader.name 是否一致", "the form is signed by the head of the unit: check that submission.signed_by and leader.name agree"),
    help=Msg("登记表的“单位负责人签字”一般就是表中的街道（乡镇）负责人", "the form's signature is normally that of the leader named on it"),
    passing=(Example("leader:\n  name: 王建华\nsubmission:\n  signed_by: 王 建华\n"),),
    failing=(Example("leader:\n  name: 王建华\nsubmission:\n  signed_by: 沈丽萍\n"),),
)  # fmt: skip


def _person(name: str | None) -> str:
    """A name without its spaces (`王 建华`, `王　建华` and `王建华` are one person)."""
    return re.sub(r"\s+", "", name or "")


def check_signer(ctx: RuleContext) -> Iterator[Diagnostic]:
    leader, submission = ctx.filing.leader, ctx.filing.submission
    name = _person(leader.name if leader else None)
    signer = _person(submission.signed_by if submission else None)
    if name and signer and name != signer:
        assert submission is not None and leader is not None and leader.name is not None
        yield ctx.report(
            SIGNER,
            ("submission", "signed_by"),
            value=ctx.quote(submission.signed_by),
            leader=ctx.quote(leader.name.strip()),
        )


def check_postcode_region(ctx: RuleContext) -> Iterator[Diagnostic]:
    contact = ctx.filing.contact
    postcode = contact.postcode.strip() if contact and contact.postcode else ""
    postcodes = ctx.catalog.postcodes
    if postcode and postcode not in postcodes:
        yield ctx.report(
            POSTCODE_OUTSIDE,
            ("contact", "postcode"),
            value=ctx.quote(postcode),
            first=postcodes.first,
            last=postcodes.last,
        )


_PHONES: tuple[PathKey, ...] = (("contact", "office_phone"), ("leader", "phone"))


def check_landline_region(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A landline under another city's area code than the round's (V009), naming that city."""
    home = ctx.catalog.area_code
    if home is None:
        return
    for path in _PHONES:
        section = getattr(ctx.filing, str(path[0]))
        value = getattr(section, str(path[1])) if section is not None else None
        # the area code first: the city's name (geocoder data, 0.3 s) only for another city's
        if not value or landline_area_code(value) in (None, home):
            continue
        found = landline_area(value)
        if found is None:
            continue
        area, city = found
        yield ctx.report(
            LANDLINE_OUTSIDE, path, value=ctx.quote(value), area=area, city=city.get(ctx.lang),
            home=home,
        )  # fmt: skip


def check_task_order(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.filing.plan
    for index, task in enumerate((plan.work_plan if plan else None) or []):
        if task.start and task.end and task.end < task.start:
            yield ctx.report(
                TASK_ORDER, ("plan", "work_plan", index, "end"), start=task.start, end=task.end
            )


RULES = (
    Rule(POSTCODE_OUTSIDE, check_postcode_region),
    Rule(LANDLINE_OUTSIDE, check_landline_region),
    Rule(TASK_ORDER, check_task_order),
    Rule(SIGNER, check_signer),
)
