"""Dates against the round and against each other (guide 四 and the form): a filing is not
dated before the round opens, a summary not before its stage, a review not before the filing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cjzn.diagnostics import CodeInfo, Diagnostic, Example, error, warning
from cjzn.guide import Stage
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.rules.base import Rule, RuleContext
from cjzn.stages import stage_name

__all__ = ["RULES"]

#: The requirement id of the catalog whose stage is the summary's (第四阶段 备查总结).
SUMMARY_REQUIREMENT = "summary"

FILED_EARLY = error(
    "T107", "filed-before-round",
    Msg("备案日期早于本轮开始", "filed before the round opens"),
    Msg("{label} {value} 早于本轮开始的日期 {start}（{stage}开始）", "{label} {value} is before the round opens on {start} (the start of {stage})"),
    Msg("核对年份：本轮的备案日期应不早于 {start}", "check the year: a filing of this round is dated {start} or later"),
    help=Msg("备案日期应在本轮第一阶段开始之后，常见的是年份写错", "a filing is dated after the round's first stage starts; usually the year is wrong"),
    passing=(Example("submission:\n  filed_on: 2013-01-10\n"),),
    failing=(Example("submission:\n  filed_on: 2012-12-20\n"),),
)  # fmt: skip
SUMMARY_EARLY = warning(
    "T108", "summary-before-its-stage",
    Msg("总结日期早于备查总结阶段", "summary dated before its stage"),
    Msg("{label} {value} 早于{stage}开始的日期 {start}", "{label} {value} is before {stage} starts on {start}"),
    Msg("核对日期：创建工作总结在{stage}（{start} 起）完成；申请提前评估的写 evaluation.apply_early: true", "check the date: the summary is written in {stage} (from {start}); a unit applying early writes evaluation.apply_early: true"),
    help=Msg("创建工作总结在备查总结阶段完成；提前申请评估的单位可以更早", "the summary is written in the summary stage; a unit applying for evaluation early may write it sooner"),
    passing=(Example("summary:\n  written_on: 2014-11-20\n"),
             Example("evaluation:\n  apply_early: true\nsummary:\n  written_on: 2014-03-01\n")),
    failing=(Example("summary:\n  written_on: 2014-03-01\n"),),
)  # fmt: skip
REVIEW_EARLY = error(
    "T109", "review-before-filing",
    Msg("审核意见日期早于备案日期", "review dated before the filing"),
    Msg("{label} {value} 早于备案日期 {filed}", "{label} {value} is before the filing date {filed}"),
    Msg("核对日期：先备案（submission.filed_on），再有区县和市教委的意见", "check the dates: the unit files first (submission.filed_on), the reviews come after"),
    help=Msg("区县和市教委的意见在单位备案之后，日期不能早于备案日期", "the district's and the city's opinions come after the filing and are not dated before it"),
    passing=(Example("submission:\n  filed_on: 2013-03-15\nreviews:\n  district:\n    date: 2013-03-28\n"),),
    failing=(Example("submission:\n  filed_on: 2013-03-15\nreviews:\n  district:\n    date: 2013-03-08\n"),
             Example("submission:\n  filed_on: 2013-03-15\nreviews:\n  municipal:\n    date: 2012-04-10\n")),
)  # fmt: skip


def _early(
    ctx: RuleContext, info: CodeInfo, path: PathKey, value: date, stage: Stage
) -> Diagnostic:
    """`value` (at `path`) is before `stage` starts."""
    return ctx.report(
        info,
        path,
        value=value.isoformat(),
        stage=stage_name(stage, ctx.catalog, ctx.lang),
        start=stage.start.isoformat(),
    )


def check_filed_early(ctx: RuleContext) -> Iterator[Diagnostic]:
    submission = ctx.filing.submission
    filed_on = submission.filed_on if submission else None
    if filed_on is None or not ctx.catalog.stages:
        return
    first = ctx.catalog.stages[0]
    if filed_on < first.start:
        yield _early(ctx, FILED_EARLY, ("submission", "filed_on"), filed_on, first)


def check_summary_early(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A summary dated before its stage, unless the unit applied early and wrote it in that stage."""
    summary = ctx.filing.summary
    written_on = summary.written_on if summary else None
    stage = next((s for s in ctx.catalog.stages if SUMMARY_REQUIREMENT in s.requirements), None)
    if written_on is None or stage is None or written_on >= stage.start:
        return
    evaluation = ctx.filing.evaluation
    early = ctx.catalog.stage(ctx.catalog.workflow.early_evaluation_stage)
    applied = evaluation is not None and evaluation.apply_early is True
    if applied and early is not None and written_on >= early.start:
        return
    yield _early(ctx, SUMMARY_EARLY, ("summary", "written_on"), written_on, stage)


def check_review_early(ctx: RuleContext) -> Iterator[Diagnostic]:
    submission, reviews = ctx.filing.submission, ctx.filing.reviews
    filed_on = submission.filed_on if submission else None
    if filed_on is None or reviews is None:
        return
    for name, review in (("district", reviews.district), ("municipal", reviews.municipal)):
        if review is not None and review.date is not None and review.date < filed_on:
            yield ctx.report(
                REVIEW_EARLY,
                ("reviews", name, "date"),
                value=review.date.isoformat(),
                filed=filed_on.isoformat(),
            )


RULES = (
    Rule(FILED_EARLY, check_filed_early),
    Rule(SUMMARY_EARLY, check_summary_early),
    Rule(REVIEW_EARLY, check_review_early),
)
