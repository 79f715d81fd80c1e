"""Single values checked against the round: the postcode's region, a task's months (附件 创建工作方案)."""

from __future__ import annotations

from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error
from cjzn.i18n import Msg
from cjzn.model.codes import POSTCODE_OUTSIDE
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


def check_postcode_region(ctx: RuleContext) -> Iterator[Diagnostic]:
    contact = ctx.filing.contact
    postcode = contact.postcode.strip() if contact and contact.postcode else ""
    if postcode and postcode not in ctx.catalog.postcodes:
        yield ctx.report(POSTCODE_OUTSIDE, ("contact", "postcode"), value=ctx.quote(postcode))


def check_task_order(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.filing.plan
    for index, task in enumerate((plan.work_plan if plan else None) or []):
        if task.start and task.end and task.end < task.start:
            yield ctx.report(
                TASK_ORDER, ("plan", "work_plan", index, "end"), start=task.start, end=task.end
            )


RULES = (
    Rule(POSTCODE_OUTSIDE, check_postcode_region),
    Rule(TASK_ORDER, check_task_order),
)
