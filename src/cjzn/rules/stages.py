"""Stage deadlines (guide 四): what is due when, as diagnostics (family T).

The catalog says which requirement belongs to which stage and when each stage
ends; the pipeline evaluates the filing's timeline once (`cjzn.stages.evaluate`)
and these rules only word it: a due requirement that is missing is an error
(T101), one whose stage ends within 30 days a warning (T102). A filing dated
after the filing stage (T103) and an early-evaluation request outside the
implementation stage (T106) are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cjzn.diagnostics import Diagnostic, Example, error, warning
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.rules.base import Rule, RuleContext
from cjzn.stages import (
    DueReason,
    StageResult,
    StageState,
    days_phrase,
    gap_message,
    requirement_text,
    stage_name,
    stage_state,
)

__all__ = ["RULES"]

_STAGE_HELP = Msg(
    "按 cjzn status 列出的各阶段要求补齐；cjzn catalog 说明每个阶段要完成什么",
    "fill in what cjzn status lists for each stage; cjzn catalog says what each stage requires",
)
OVERDUE = error(
    "T101", "stage-requirement-overdue",
    Msg("阶段要求已到期但未完成", "a due stage requirement is missing"),
    Msg("{stage}{when}：{problem}", "{stage} {when}: {problem}"),
    Msg("本阶段要求：{requirement}（指南 {section}）", "this stage requires: {requirement} (guide {section})"),
    help=_STAGE_HELP,
    passing=(Example(""),), failing=(Example("", as_of="2013-04-15"),),
)  # fmt: skip
DUE_SOON = warning(
    "T102", "stage-requirement-due-soon",
    Msg("阶段即将截止，要求尚未完成", "a stage ends soon and a requirement is missing"),
    Msg("{stage}{when}：{problem}", "{stage} {when}: {problem}"),
    Msg("本阶段要求：{requirement}（指南 {section}）", "this stage requires: {requirement} (guide {section})"),
    help=_STAGE_HELP,
    passing=(Example(""),), failing=(Example("", as_of="2013-03-15"),),
)  # fmt: skip
LATE_FILING = warning(
    "T103", "late-filing",
    Msg("逾期备案", "filed after the filing stage ended"),
    Msg("{label} {value} 晚于{stage}的截止日期 {end}（逾期备案）", "{label} {value} is after the end of {stage} on {end} (late filing)"),
    Msg("如实填写备案日期；逾期备案请与区县教育局联系说明", "keep the true date; tell the district education bureau why the filing is late"),
    passing=(Example("submission:\n  filed_on: 2013-03-31\n"),),
    failing=(Example("submission:\n  filed_on: 2013-04-10\n"),),
)  # fmt: skip
APPLY_EARLY = warning(
    "T106", "apply-early-outside-implementation",
    Msg("提前申请评估不在推进实施阶段", "early evaluation requested outside the implementation stage"),
    Msg("{label}：截至 {as_of} 不在{stage}（{start} 至 {end}）内，只有该阶段可以申请提前评估", "{label}: {as_of} is outside {stage} ({start} to {end}), the only stage in which a unit may apply early"),
    Msg("{stage}之外请写 apply_early: false", "outside {stage} write apply_early: false"),
    help=Msg("只有推进实施阶段可以申请提前评估，其他时候写 apply_early: false", "only during the implementation stage may a unit apply early; otherwise write apply_early: false"),
    passing=(Example("evaluation:\n  apply_early: true\n", as_of="2013-05-01"),),
    failing=(Example("evaluation:\n  apply_early: true\n"),),
)  # fmt: skip

_WHEN = {
    DueReason.DEADLINE: Msg("已于 {end} 截止", "closed on {end}"),
    DueReason.SELECTED: Msg("按 --stage {selected} 视为到期", "is checked as due (--stage {selected})"),
    DueReason.FILED: Msg("已提交备案（{filed}）", "is filed ({filed})"),
}  # fmt: skip
_FILED_NO_DATE = Msg("已提交备案", "is filed")
_SOON = Msg("{soon}（{end}）", "is {soon} ({end})")


def _when(stage: StageResult, ctx: RuleContext) -> str:
    """Why the stage is due (or how soon it will be), in the message's language."""
    end = stage.stage.end.isoformat()
    if stage.due is None:
        soon = days_phrase(stage.days_left, ctx.lang, deadline=True)
        return _SOON.format(ctx.lang, soon=soon, end=end)
    filed = ctx.filing.submission.filed_on if ctx.filing.submission else None
    if stage.due is DueReason.FILED and filed is None:  # written but not a valid date
        return _FILED_NO_DATE.get(ctx.lang)
    return _WHEN[stage.due].format(
        ctx.lang, end=end, selected=ctx.options.stage, filed=filed.isoformat() if filed else ""
    )


def _stage_diagnostics(ctx: RuleContext, *, due: bool) -> Iterator[Diagnostic]:
    """Missing items of the due stages (`due=True`) or of the stages ending soon."""
    reported: set[PathKey] = set()
    for stage in ctx.timeline.stages:
        counts = stage.due is not None if due else stage.warns
        for requirement in stage.requirements:
            for gap in requirement.gaps:
                if gap.invalid:
                    continue  # T104/T105: whatever the date
                if stage.due is not None or stage.warns:
                    # An earlier stage already speaks for this path (plan.responsibilities
                    # is both P6 of S1 and the place of S2's checks): say it once.
                    if gap.path in reported:
                        continue
                    reported.add(gap.path)
                if not counts:
                    continue
                yield ctx.report(
                    OVERDUE if due else DUE_SOON,
                    gap.path,
                    stage=stage_name(stage.stage, ctx.catalog, ctx.lang),
                    when=_when(stage, ctx),
                    problem=gap_message(gap, ctx.catalog, ctx.lang, ctx.document.data),
                    requirement=requirement_text(requirement.id, ctx.catalog, ctx.lang),
                    section=stage.stage.section,
                )


def check_overdue(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _stage_diagnostics(ctx, due=True)


def check_due_soon(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _stage_diagnostics(ctx, due=False)


def check_late_filing(ctx: RuleContext) -> Iterator[Diagnostic]:
    submission = ctx.filing.submission
    stage = ctx.catalog.stage(ctx.catalog.workflow.filing_stage)
    filed_on: date | None = submission.filed_on if submission else None
    if stage is None or filed_on is None or filed_on <= stage.end:
        return
    yield ctx.report(
        LATE_FILING,
        ("submission", "filed_on"),
        value=filed_on.isoformat(),
        stage=stage_name(stage, ctx.catalog, ctx.lang),
        end=stage.end.isoformat(),
    )


def check_apply_early(ctx: RuleContext) -> Iterator[Diagnostic]:
    evaluation = ctx.filing.evaluation
    stage = ctx.catalog.stage(ctx.catalog.workflow.early_evaluation_stage)
    if stage is None or evaluation is None or evaluation.apply_early is not True:
        return
    as_of = ctx.timeline.as_of
    if stage_state(stage, as_of) is StageState.RUNNING:
        return
    yield ctx.report(
        APPLY_EARLY,
        ("evaluation", "apply_early"),
        as_of=as_of.isoformat(),
        stage=stage_name(stage, ctx.catalog, ctx.lang),
        start=stage.start.isoformat(),
        end=stage.end.isoformat(),
    )


RULES = (
    Rule(OVERDUE, check_overdue),
    Rule(DUE_SOON, check_due_soon),
    Rule(LATE_FILING, check_late_filing),
    Rule(APPLY_EARLY, check_apply_early),
)
