"""Stage deadlines (guide 四): what is due when, as diagnostics (family T).

The catalog says which requirement belongs to which stage and when each stage
ends; `cjzn.stages.evaluate` turns that into a timeline, and these rules only
word it: a due requirement that is missing is an error (T101), one whose stage
ends within 30 days a warning (T102). Evidence paths that point out of the
filings repo or at a folder are errors whatever the date (T104, T105).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from cjzn.diagnostics import Diagnostic
from cjzn.messages import Msg, error, warning
from cjzn.rules.base import Rule, RuleContext
from cjzn.stages import (
    EARLY_EVALUATION_STAGE,
    FILING_STAGE,
    DueReason,
    Gap,
    StageResult,
    StageState,
    Subject,
    Timeline,
    days_phrase,
    effective_as_of,
    evaluate,
    gap_message,
    requirement_text,
    stage_name,
    stage_state,
)

if TYPE_CHECKING:
    pass

OVERDUE = error(
    "T101", "stage-requirement-overdue",
    Msg("阶段要求已到期但未完成", "a due stage requirement is missing"),
    Msg("{stage}{when}：{problem}", "{stage} {when}: {problem}"),
    Msg("本阶段要求：{requirement}（指南 {section}）", "this stage requires: {requirement} (guide {section})"),
    guide="四",
)  # fmt: skip
DUE_SOON = warning(
    "T102", "stage-requirement-due-soon",
    Msg("阶段即将截止，要求尚未完成", "a stage ends soon and a requirement is missing"),
    Msg("{stage}{when}：{problem}", "{stage} {when}: {problem}"),
    Msg("本阶段要求：{requirement}（指南 {section}）", "this stage requires: {requirement} (guide {section})"),
    guide="四",
)  # fmt: skip
LATE_FILING = warning(
    "T103", "late-filing",
    Msg("逾期备案", "filed after the filing stage ended"),
    Msg("{label} {value} 晚于{stage}的截止日期 {end}（逾期备案）", "{label} {value} is after the end of {stage} on {end} (late filing)"),
    Msg("如实填写备案日期；逾期备案请与区县教育局联系说明", "keep the true date; tell the district education bureau why the filing is late"),
    guide="四 第一阶段",
)  # fmt: skip
EVIDENCE_OUTSIDE = error(
    "T104", "evidence-outside-repo",
    Msg("存档材料不在备案仓库内", "evidence outside the filings repo"),
    Msg("{label}：{value} {reason}；存档材料必须放在备案仓库内", "{label}: {value} {reason}; evidence must be inside the filings repo"),
    Msg("把材料复制到备案文件旁的文件夹（例如 archive/B1.1/），写相对于备案文件的路径", "copy the file next to the filing (e.g. archive/B1.1/) and write the path relative to the filing"),
    guide="四 第三阶段",
)  # fmt: skip
EVIDENCE_NOT_FILE = error(
    "T105", "evidence-not-a-file",
    Msg("存档材料是文件夹而不是文件", "evidence is a folder, not a file"),
    Msg("{label}：{value} 是文件夹，应写出其中的具体文件", "{label}: {value} is a folder; name the files in it"),
    Msg("每个存档材料写一个文件路径，例如 archive/B1.1/2013-发展规划.pdf", "list one file per entry, e.g. archive/B1.1/2013-plan.pdf"),
    guide="四 第三阶段",
)  # fmt: skip
APPLY_EARLY = warning(
    "T106", "apply-early-outside-implementation",
    Msg("提前申请评估不在推进实施阶段", "early evaluation requested outside the implementation stage"),
    Msg("{label}：截至 {as_of} 不在{stage}（{start} 至 {end}）内，只有该阶段可以申请提前评估", "{label}: {as_of} is outside {stage} ({start} to {end}), the only stage in which a unit may apply early"),
    Msg("{stage}之外请写 apply_early: false", "outside {stage} write apply_early: false"),
    guide="四 第三阶段",
)  # fmt: skip

_OUTSIDE_REASONS = {
    "absolute": Msg("是绝对路径", "is an absolute path"),
    "dotdot": Msg("用 .. 指向了备案仓库之外", "uses .. to point outside the filings repo"),
    "symlink": Msg(
        "是指向备案仓库之外的符号链接", "is a symbolic link to outside the filings repo"
    ),
}


def subject_of(ctx: RuleContext) -> Subject:
    """The requirement checks' view of the filing."""
    return Subject(
        filing=ctx.filing,
        data=ctx.document.data,
        catalog=ctx.catalog,
        base_dir=ctx.base_dir,
        repo_root=ctx.repo_root,
    )


def timeline(ctx: RuleContext) -> Timeline:
    """The filing's timeline, evaluated once per run and shared by the rules below."""
    cached = ctx.extra.get("stages.timeline")
    if isinstance(cached, Timeline):
        return cached
    result = evaluate(subject_of(ctx), effective_as_of(ctx.options.as_of), ctx.options.stage)
    ctx.extra["stages.timeline"] = result
    return result


def _when(stage: StageResult, ctx: RuleContext) -> str:
    """Why the stage is due (or how soon it will be), in the message's language."""
    en = ctx.lang == "en"
    end = stage.stage.end.isoformat()
    if stage.due is DueReason.DEADLINE:
        return f"closed on {end}" if en else f"已于 {end} 截止"
    if stage.due is DueReason.SELECTED:
        selected = ctx.options.stage
        return (
            f"is checked as due (--stage {selected})" if en else f"按 --stage {selected} 视为到期"
        )
    if stage.due is DueReason.FILED:
        filed = ctx.filing.submission.filed_on if ctx.filing.submission else None
        if filed is None:  # written but not a valid date
            return "is filed" if en else "已提交备案"
        return f"is filed ({filed.isoformat()})" if en else f"已提交备案（{filed.isoformat()}）"
    soon = days_phrase(stage.days_left, ctx.lang, deadline=True)
    return f"is {soon} ({end})" if en else f"{soon}（{end}）"


def _stage_diagnostics(ctx: RuleContext, *, due: bool) -> Iterator[Diagnostic]:
    """Missing items of the due stages (`due=True`) or of the stages ending soon."""
    reported: set[tuple[str | int, ...]] = set()
    for stage in timeline(ctx).stages:
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
                    problem=gap_message(gap, ctx.catalog, ctx.lang),
                    requirement=requirement_text(requirement.id, ctx.catalog, ctx.lang),
                    section=stage.stage.section,
                )


def check_overdue(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _stage_diagnostics(ctx, due=True)


def check_due_soon(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from _stage_diagnostics(ctx, due=False)


def _invalid_gaps(ctx: RuleContext) -> Iterator[Gap]:
    seen: set[tuple[str | int, ...]] = set()
    for stage in timeline(ctx).stages:
        for requirement in stage.requirements:
            for gap in requirement.gaps:
                if gap.invalid and gap.path not in seen:
                    seen.add(gap.path)
                    yield gap


def check_evidence_outside(ctx: RuleContext) -> Iterator[Diagnostic]:
    for gap in _invalid_gaps(ctx):
        if gap.kind == "outside":
            reason = _OUTSIDE_REASONS.get(gap.reason, _OUTSIDE_REASONS["dotdot"])
            yield ctx.report(
                EVIDENCE_OUTSIDE,
                gap.path,
                value=ctx.quote(gap.value),
                reason=reason.get(ctx.lang),
            )


def check_evidence_not_file(ctx: RuleContext) -> Iterator[Diagnostic]:
    for gap in _invalid_gaps(ctx):
        if gap.kind == "not_a_file":
            yield ctx.report(EVIDENCE_NOT_FILE, gap.path, value=ctx.quote(gap.value))


def check_late_filing(ctx: RuleContext) -> Iterator[Diagnostic]:
    submission = ctx.filing.submission
    stage = ctx.catalog.stage(FILING_STAGE)
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
    stage = ctx.catalog.stage(EARLY_EVALUATION_STAGE)
    if stage is None or evaluation is None or evaluation.apply_early is not True:
        return
    as_of = effective_as_of(ctx.options.as_of)
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
    Rule(EVIDENCE_OUTSIDE, check_evidence_outside),
    Rule(EVIDENCE_NOT_FILE, check_evidence_not_file),
    Rule(APPLY_EARLY, check_apply_early),
)
