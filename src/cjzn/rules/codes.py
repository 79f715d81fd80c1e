"""Codes written in a filing must be the round's (guide 三, 三(一), 四): `basic_work` keys,
`covers:` lists (which may also name a key work of the unit's own by its title) and
`stage_goals` keys."""

from __future__ import annotations

from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error
from cjzn.i18n import Msg, did_you_mean, join
from cjzn.rules.base import Rule, RuleContext
from cjzn.rules.key_work import code_span, meant_code, same_title

__all__ = ["RULES"]

_OR = Msg("{basic} 或 {key} 中的代码", "codes from {basic} or {key}")
_OR_OWN = Msg(
    "{codes}，或自选重点创建工作的名称 {titles}",
    "{codes}, or the title of a self-chosen key work: {titles}",
)

UNKNOWN_BASIC = error(
    "G004", "unknown-basic-work",
    Msg("未知的基础性建设工作代码", "unknown basic-work code"),
    Msg("基础性建设工作中的 {value} 不是本轮指南的代码{suggestion}", "{value} under basic_work is not a basic-work code of the round{suggestion}"),
    Msg("基础性建设工作代码为 {codes}，可用 cjzn catalog 查看", "basic-work codes are {codes}; see cjzn catalog"),
    help=Msg("基础性建设工作按本轮指南三(一)的代码（如 B1.1）逐项填写，可用 cjzn catalog 查看", "key basic_work by the codes of the round's guide 三(一) (such as B1.1); see cjzn catalog"),
    passing=(Example("basic_work:\n  B5.2:\n    status: planned\n"),),
    failing=(Example("basic_work:\n  B6.1:\n    status: planned\n"), Example("basic_work:\n  b1.1:\n    status: planned\n"), Example("basic_work:\n  B21:\n    status: planned\n")),
)  # fmt: skip
UNKNOWN_COVERS = error(
    "G005", "unknown-covers-code",
    Msg("covers 中有未知代码", "unknown code in covers"),
    Msg("{label}：{value} 不是本轮指南的工作代码{suggestion}", "{label}: {value} is not a work code of the round{suggestion}"),
    Msg("covers 列出 {codes}", "covers lists {codes}"),
    help=Msg("covers 只写本轮指南的基础性建设工作代码（B…）、重点创建工作代码（K…）或本备案自选重点创建工作的名称", "covers lists only basic-work (B…) or key-work (K…) codes of the round, or the title of the filing's self-chosen key work"),
    passing=(Example("plan:\n  responsibilities:\n    - {department: 社区学校, covers: [B1.1, K3]}\n"),
             Example("key_work:\n  - title: 社区微治理学习坊\nplan:\n  responsibilities:\n    - {department: 社区学校, covers: [B1.1, 社区微治理学习坊]}\n")),
    failing=(Example("plan:\n  responsibilities:\n    - {department: 社区学校, covers: [B9.9]}\n"),
             Example("plan:\n  responsibilities:\n    - {department: 社区学校, covers: [社区微治理学习坊]}\n"),
             Example("plan:\n  responsibilities:\n    - {department: 社区学校, covers: [\"B1,2\"]}\n")),
)  # fmt: skip
UNKNOWN_STAGE = error(
    "G007", "unknown-stage-goal",
    Msg("阶段性工作目标中有未知阶段", "unknown stage in stage goals"),
    Msg("阶段性工作目标中的 {value} 不是本轮的阶段代码（{stages}）", "{value} under stage_goals is not a stage of the round ({stages})"),
    Msg("按阶段 {stages} 分别填写", "write one goal per stage: {stages}"),
    help=Msg("阶段性工作目标按本轮的阶段代码（S1、S2 …）分别填写", "write one goal per stage code of the round (S1, S2 …)"),
    passing=(Example("plan:\n  stage_goals:\n    S1: 完成备案\n"),),
    failing=(Example("plan:\n  stage_goals:\n    S5: 总结推广\n"),),
)  # fmt: skip


def check_basic_keys(ctx: RuleContext) -> Iterator[Diagnostic]:
    known = ctx.catalog.basic_codes()
    written = ctx.filing.basic_work or {}
    for code in written:
        if code not in known:
            meant = meant_code(code, known)
            fix = None  # a second B2.1 key would be a duplicate: a person merges the two
            if meant is not None and meant not in written:
                fix = ctx.document.fix_at(("basic_work", code), code, meant, key=True)
            yield ctx.report(
                UNKNOWN_BASIC,
                ("basic_work", code),
                at_key=True,
                fix=fix,
                value=code,
                suggestion=did_you_mean(meant, ctx.lang),
                codes=code_span(known),
            )


def _covers_choices(ctx: RuleContext) -> tuple[list[str], list[str], str]:
    """What `covers` may name: the round's codes, the filing's own key works; and in words."""
    codes = ctx.catalog.basic_codes() + ctx.catalog.key_codes()
    titles = [work.name for work in ctx.filing.key_work or [] if work is not None and work.own]
    either = _OR.format(
        ctx.lang,
        basic=code_span(ctx.catalog.basic_codes()),
        key=code_span(ctx.catalog.key_codes()),
    )
    if titles:
        either = _OR_OWN.format(
            ctx.lang, codes=either, titles=join((ctx.quote(t) for t in titles), ctx.lang)
        )
    return codes, titles, either


def _covers_meant(code: str, codes: list[str], titles: list[str]) -> tuple[str | None, bool]:
    """What a covers entry was meant to be, and whether that is sure (a code's form) or not."""
    close = next((title for title in titles if same_title(title, code)), None)
    if close is not None:
        return close, False
    return meant_code(code, codes), True


def check_covers(ctx: RuleContext) -> Iterator[Diagnostic]:
    plan = ctx.filing.plan
    if plan is None:
        return
    codes, titles, either = _covers_choices(ctx)
    known = set(codes) | set(titles)
    lists = [("work_plan", index, item.covers) for index, item in enumerate(plan.work_plan or [])]
    lists += [
        ("responsibilities", index, item.covers)
        for index, item in enumerate(plan.responsibilities or [])
    ]
    for section, index, covers in lists:
        for position, code in enumerate(covers or []):
            if code is not None and code.strip() in known:
                continue
            path = ("plan", section, index, "covers", position)
            meant, sure = _covers_meant(code or "", codes, titles)
            yield ctx.report(
                UNKNOWN_COVERS,
                path,
                fix=ctx.document.fix_at(path, code, meant) if code and meant and sure else None,
                value=ctx.quote(code),
                suggestion=did_you_mean(meant, ctx.lang),
                codes=either,
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
                stages=join(known, ctx.lang),
            )


RULES = (
    Rule(UNKNOWN_BASIC, check_basic_keys),
    Rule(UNKNOWN_COVERS, check_covers),
    Rule(UNKNOWN_STAGE, check_stage_goals),
)
