"""Key works (重点创建工作, guide 三 and 三(二)): one or two, none twice; a written code is the
round's; a work of the unit's own (a title, no code) is not one of the list under another name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from cjzn.diagnostics import Diagnostic, Example, error, warning
from cjzn.i18n import Msg, did_you_mean
from cjzn.rules.base import Rule, RuleContext

__all__ = ["RULES", "code_span", "meant_code", "same_title", "suggest"]


def _works(*codes: str) -> Example:
    return Example("key_work:\n" + "".join(f"  - code: {code}\n" for code in codes))


COUNT = error(
    "G001", "key-work-count",
    Msg("重点创建工作须为一至二项", "one or two key works"),
    Msg("{label}选了 {count} 项；指南要求不超过 {most} 项", "{label} lists {count}; the guide allows at most {most}"),
    Msg("保留最重要的一至二项，其余写进基础性建设工作的措施中", "keep the one or two most important; fold the rest into basic-work measures"),
    passing=(_works("K3"), _works("K3", "K4")), failing=(_works("K3", "K4", "K6"),),
)  # fmt: skip


def _own(*titles: str, code: str = "") -> Example:
    """Key works by title; with `code`, one listed work that also has the title."""
    if code:
        return Example(f"key_work:\n  - code: {code}\n    title: {titles[0]}\n")
    return Example("key_work:\n" + "".join(f"  - title: {title}\n" for title in titles))


REPEATED = error(
    "G002", "key-work-repeated",
    Msg("重点创建工作重复", "key work listed twice"),
    Msg("重点创建工作 {code} 重复列出（第 {first} 项已有）", "key work {code} is listed twice (already item {first})"),
    Msg("删除重复的一项，或改选另一项重点工作", "delete the repeat or choose another key work"),
    passing=(_works("K3", "K4"), Example("key_work:\n  - code: K3\n  - title: 社区微治理学习坊\n")),
    failing=(_works("K3", "K3"), _own("社区微治理学习坊", "社区微治理学习坊")),
)  # fmt: skip
UNKNOWN = error(
    "G003", "unknown-key-work",
    Msg("未知的重点创建工作代码", "unknown key-work code"),
    Msg("{label}：{value} 不是本轮指南的重点创建工作代码{suggestion}", "{label}: {value} is not a key-work code of the round{suggestion}"),
    Msg("重点创建工作代码为 {codes}，可用 cjzn catalog 查看", "key-work codes are {codes}; see cjzn catalog"),
    help=Msg("重点创建工作写本轮指南三(二)所列的代码（如 K3），可用 cjzn catalog 查看", "write a key-work code of the round's guide 三(二) (such as K3); see cjzn catalog"),
    passing=(_works("K10"),), failing=(_works("K11"), _works("k３"), _works("K2 拓展活动空间")),
)  # fmt: skip


OWN_LISTED = warning(
    "G008", "own-key-work-is-listed",
    Msg("自选的重点创建工作就是指南所列的一项", "a self-chosen key work is one of the guide's list"),
    Msg("{label}：{value} 就是指南所列的 {code} {title}", "{label}: {value} is the guide's {code} {title}"),
    Msg("写 code: {code}（可保留 title 作为本街镇的名称），统计时才会算作 {code}", "write code: {code} (keep the title as the unit's own name) so that it counts as {code}"),
    help=Msg("指南所列的重点创建工作写编号（code: K3）；只有指南没有列出的工作才只写名称（title）", "a key work of the guide's list is written by its code (code: K3); only a work the list lacks is written by its title alone"),
    passing=(_own("社区微治理学习坊"), _own("深化老年教育，创新发展模式", code="K3")),
    failing=(_own("深化老年教育，创新发展模式"), _own("深化老年教育 创新发展模式")),
)  # fmt: skip


def check_count(ctx: RuleContext) -> Iterator[Diagnostic]:
    works = ctx.filing.key_work
    if works is not None and len(works) > ctx.catalog.key_works_max:
        yield ctx.report(COUNT, ("key_work",), count=len(works), most=ctx.catalog.key_works_max)


def check_repeated(ctx: RuleContext) -> Iterator[Diagnostic]:
    """The same code twice, or the same self-chosen title twice (at the second)."""
    first_index: dict[str, int] = {}
    for index, work in enumerate(ctx.filing.key_work or []):
        if work is None or not work.name:
            continue
        key = work.name if not work.own else _squeeze(work.name)
        field = "title" if work.own else "code"
        if key in first_index:
            shown = work.name if not work.own else ctx.quote(work.name)
            yield ctx.report(
                REPEATED, ("key_work", index, field), code=shown, first=first_index[key] + 1
            )
        else:
            first_index[key] = index


def check_own_listed(ctx: RuleContext) -> Iterator[Diagnostic]:
    """A self-chosen title that is a listed work's title (punctuation and spaces aside)."""
    for index, work in enumerate(ctx.filing.key_work or []):
        if work is None or not work.own:
            continue
        listed = next((k for k in ctx.catalog.key_work if same_title(k.title, work.name)), None)
        if listed is not None:
            yield ctx.report(
                OWN_LISTED,
                ("key_work", index, "title"),
                value=ctx.quote(work.name),
                code=listed.code,
                title=ctx.catalog.title(listed.code, ctx.lang),
            )


def check_known(ctx: RuleContext) -> Iterator[Diagnostic]:
    known = ctx.catalog.key_codes()
    chosen = {work.code.strip() for work in ctx.filing.key_work or [] if work and work.code}
    for index, work in enumerate(ctx.filing.key_work or []):
        if work is None or not work.code or work.code.strip() in known:
            continue
        path = ("key_work", index, "code")
        meant = meant_code(work.code, known)
        fix = None  # the same work twice: a person chooses
        if meant is not None and meant not in chosen:
            fix = ctx.document.fix_at(path, work.code, meant)
        yield ctx.report(
            UNKNOWN,
            path,
            fix=fix,
            value=ctx.quote(work.code),
            suggestion=did_you_mean(meant, ctx.lang),
            codes=code_span(known),
        )


_NOISE = re.compile(r"[\s，,、。.；;：:（）()“”\"'—-]+")


def _squeeze(text: str) -> str:
    """A title without spaces and punctuation: `深化老年教育 创新发展模式` = `深化老年教育，创新发展模式`."""
    return _NOISE.sub("", text)


def same_title(one: str, other: str) -> bool:
    """Two titles that differ only in spaces and punctuation."""
    return _squeeze(one) == _squeeze(other) != ""


def code_span(codes: list[str]) -> str:
    """`K1-K10`: the round's codes for a hint, from the catalog rather than a literal."""
    return f"{codes[0]}-{codes[-1]}" if codes else ""


def meant_code(value: str, known: list[str]) -> str | None:
    """The code `value` was meant to be, when the IME or the keyboard only changed its form.

    `k3`, `Ｂ１．２` (full-width), `B1,2` / `B1。2` / `B1-2` (another separator), `B21` (the
    dot left out) and `K2 拓展活动空间` (the code, then its title). A near code
    (K11 -> K1) is a different work, not a typo worth suggesting.
    """
    text = unicodedata.normalize("NFKC", value).strip().strip("“”\"'").upper()
    compact = re.sub(r"\s+", "", text)
    dotted = re.sub(r"(?<=\d)[,，。、\-_·・](?=\d)", ".", compact)
    undotted = re.fullmatch(r"([A-Z])(\d)(\d)", compact)
    candidates = [compact, dotted]
    if undotted:
        candidates.append(f"{undotted[1]}{undotted[2]}.{undotted[3]}")
    leading = re.match(r"([A-Z]\d+(?:[.,，。、]\d+)?)(?=\s|[^\x00-\x7f])", text)
    if leading:
        candidates.append(re.sub(r"[,，。、]", ".", leading[1]))
    return next((candidate for candidate in candidates if candidate in known), None)


def suggest(value: str, known: list[str], lang: str) -> str:
    """`，是否应为 K3？` when `meant_code` finds the code, else nothing."""
    return did_you_mean(meant_code(value, known), lang)


RULES = (
    Rule(COUNT, check_count),
    Rule(REPEATED, check_repeated),
    Rule(UNKNOWN, check_known),
    Rule(OWN_LISTED, check_own_listed),
)
