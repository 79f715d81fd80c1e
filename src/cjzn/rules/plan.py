"""The plan beyond its seven parts (附件 创建工作方案, whose note ends with 等): each extra
section has a title and a text, and is not one of the parts the plan already names."""

from __future__ import annotations

from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error, warning
from cjzn.i18n import Msg
from cjzn.rules.base import Rule, RuleContext
from cjzn.rules.key_work import same_title

__all__ = ["RULES"]


def _sections(*entries: str) -> Example:
    return Example("plan:\n  extra_sections:\n" + "".join(f"    - {e}\n" for e in entries))


UNTITLED = error(
    "G009", "extra-section-incomplete",
    Msg("方案的其他部分缺少标题或内容", "extra plan section without a title or text"),
    Msg("{label}：缺少{what}", "{label}: the {what} is missing"),
    Msg("每个其他部分写 title（标题）和 text（内容）两项", "give every extra section a title and a text"),
    passing=(_sections("{title: 基本情况, text: 天平路街道位于徐汇区东北部。}"),),
    failing=(_sections("{text: 天平路街道位于徐汇区东北部。}"), _sections("{title: 基本情况}")),
)  # fmt: skip
NAMED_PART = warning(
    "G010", "extra-section-is-a-named-part",
    Msg("方案的其他部分是已有的部分", "extra plan section repeats a named part"),
    Msg("{label}：{value} 是方案已有的部分，应写在 plan.{key} 中", "{label}: {value} is a part the plan already names; write it under plan.{key}"),
    Msg("把内容移到 plan.{key}（{title}），删除这一项", "move the text to plan.{key} ({title}) and delete this entry"),
    help=Msg("指导思想、工作原则和 P1-P7 各有自己的键；extra_sections 只写其他部分", "guiding ideas, principles and P1-P7 have keys of their own; extra_sections is for anything else"),
    passing=(_sections("{title: 基本情况, text: 天平路街道位于徐汇区东北部。}"),),
    failing=(_sections("{title: 指导思想, text: 以终身教育理念为指导。}"),
             _sections("{title: 工作网络构成, text: 街道—社区学校—居委学习点。}")),
)  # fmt: skip

_WHAT = {
    "title": Msg("标题（title）", "title"),
    "text": Msg("内容（text）", "text"),
}  # fmt: skip


def check_incomplete(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A section with a title and no text, or a text and no title (a blank entry is ignored)."""
    plan = ctx.filing.plan
    for index, section in enumerate((plan.extra_sections if plan else None) or []):
        title, text = (section.title or "").strip(), (section.text or "").strip()
        if bool(title) == bool(text):
            continue
        missing = "text" if title else "title"
        yield ctx.report(
            UNTITLED,
            ("plan", "extra_sections", index, missing),
            what=_WHAT[missing].get(ctx.lang),
        )


def check_named_part(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A section titled like a part the plan has a key for: its title on the form or its label."""
    plan = ctx.filing.plan
    parts = [(p.key, p.title) for p in ctx.catalog.plan_optional_parts]
    parts += [(p.key, p.title) for p in ctx.catalog.plan_parts]
    for index, section in enumerate((plan.extra_sections if plan else None) or []):
        title = (section.title or "").strip()
        for key, part_title in parts:
            label = ctx.catalog.label(f"plan.{key}") or ""
            if title and (same_title(part_title, title) or same_title(label, title)):
                yield ctx.report(
                    NAMED_PART,
                    ("plan", "extra_sections", index, "title"),
                    value=ctx.quote(title),
                    key=key,
                    title=part_title,
                )
                break


RULES = (
    Rule(UNTITLED, check_incomplete),
    Rule(NAMED_PART, check_named_part),
)
