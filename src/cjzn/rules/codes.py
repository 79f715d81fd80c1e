"""Codes written in a filing must be the round's: `basic_work` keys, `covers:`, `stage_goals`."""

from __future__ import annotations

from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic
from cjzn.messages import Msg, error
from cjzn.rules.base import Rule, RuleContext
from cjzn.rules.key_work import code_span, suggest

UNKNOWN_BASIC = error(
    "G004", "unknown-basic-work",
    Msg("未知的基础性建设工作代码", "unknown basic-work code"),
    Msg("基础性建设工作中的 {value} 不是本轮指南的代码{suggestion}", "{value} under basic_work is not a basic-work code of the round{suggestion}"),
    Msg("基础性建设工作代码为 {codes}，可用 cjzn catalog 查看", "basic-work codes are {codes}; see cjzn catalog"),
    guide="三(一)",
)  # fmt: skip
UNKNOWN_COVERS = error(
    "G005", "unknown-covers-code",
    Msg("covers 中有未知代码", "unknown code in covers"),
    Msg("{label}：{value} 不是本轮指南的工作代码{suggestion}", "{label}: {value} is not a work code of the round{suggestion}"),
    Msg("covers 列出 {codes} 中的代码", "covers lists codes from {codes}"),
    guide="三",
)  # fmt: skip
UNKNOWN_STAGE = error(
    "G007", "unknown-stage-goal",
    Msg("阶段性工作目标中有未知阶段", "unknown stage in stage goals"),
    Msg("阶段性工作目标中的 {value} 不是本轮的阶段代码（{stages}）", "{value} under stage_goals is not a stage of the round ({stages})"),
    Msg("按阶段 {stages} 分别填写", "write one goal per stage: {stages}"),
    guide="四",
)  # fmt: skip


def check_basic_keys(ctx: RuleContext) -> Iterator[Diagnostic]:
    known = ctx.catalog.basic_codes()
    for code in ctx.filing.basic_work or {}:
        if code not in known:
            yield ctx.report(
                UNKNOWN_BASIC,
                ("basic_work", code),
                at_key=True,
                value=code,
                suggestion=suggest(code, known, ctx.lang),
                codes=code_span(known),
            )


def _either(ctx: RuleContext) -> str:
    basic, key = code_span(ctx.catalog.basic_codes()), code_span(ctx.catalog.key_codes())
    return f"{basic} 或 {key}" if ctx.lang != "en" else f"{basic} or {key}"


def check_covers(ctx: RuleContext) -> Iterator[Diagnostic]:
    known = ctx.catalog.basic_codes() + ctx.catalog.key_codes()
    plan = ctx.filing.plan
    if plan is None:
        return
    lists = [("work_plan", index, item.covers) for index, item in enumerate(plan.work_plan or [])]
    lists += [
        ("responsibilities", index, item.covers)
        for index, item in enumerate(plan.responsibilities or [])
    ]
    for section, index, covers in lists:
        for position, code in enumerate(covers or []):
            if code is not None and code.strip() in known:
                continue
            yield ctx.report(
                UNKNOWN_COVERS,
                ("plan", section, index, "covers", position),
                value=ctx.quote(code),
                suggestion=suggest(code or "", known, ctx.lang),
                codes=_either(ctx),
            )


def check_stage_goals(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.filing.plan
    known = ctx.catalog.stage_codes()
    for code in (plan.stage_goals if plan else None) or {}:
        if code not in known:
            yield ctx.report(
                UNKNOWN_STAGE,
                ("plan", "stage_goals", code),
                at_key=True,
                value=code,
                stages="、".join(known) if ctx.lang != "en" else ", ".join(known),
            )


RULES = (
    Rule(UNKNOWN_BASIC, check_basic_keys),
    Rule(UNKNOWN_COVERS, check_covers),
    Rule(UNKNOWN_STAGE, check_stage_goals),
)
