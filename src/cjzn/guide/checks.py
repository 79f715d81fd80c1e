"""Cross-checks of a round catalog: references between its parts must resolve.

Pydantic checks each field; these check the catalog as a whole, once it is built (unique codes,
basic items in known groups, stages in order, requirement ids that exist,
district aliases, the workflow's stage codes, every Chinese text marked as the
guide's or cjzn's). Each problem is located by its
path in the catalog file and worded in both languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cjzn.guide.models import REVIEW_DECISIONS, REVIEW_RESULTS, WORKFLOW_STATES, Catalog
from cjzn.guide.roster import normalise_unit_name
from cjzn.guide.verbatim import wording_problems
from cjzn.i18n import Msg

__all__ = ["Loc", "Problem", "cross_check"]

Loc = tuple[int | str, ...]
#: Where in the catalog file (a path of keys and indexes), and what is wrong.
Problem = tuple[Loc, Msg]


def cross_check(catalog: Catalog) -> list[Problem]:
    """Every inconsistency of `catalog`; empty when its parts agree."""
    return [
        *_unique(catalog),
        *_groups(catalog),
        *_stages(catalog),
        *_aliases(catalog),
        *_workflow(catalog),
        *_review(catalog),
        *_postcodes(catalog),
        *_roster(catalog),
        *wording_problems(catalog),
    ]


def _duplicates(field: str, values: Iterable[str], what: Msg) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield (field, index), Msg(f"{what.zh} {value} 重复", f"duplicate {what.en} {value}")
        seen.add(value)


def _unique(catalog: Catalog) -> Iterator[Problem]:
    code, key = Msg("编号", "code"), Msg("键", "key")
    yield from _duplicates("basic_groups", (g.code for g in catalog.basic_groups), code)
    yield from _duplicates("basic_work", (b.code for b in catalog.basic_work), code)
    yield from _duplicates("key_work", (k.code for k in catalog.key_work), code)
    yield from _duplicates("stages", (s.code for s in catalog.stages), code)
    yield from _duplicates("plan_parts", (p.code for p in catalog.plan_parts), code)
    keys = [p.key for p in catalog.plan_parts] + [p.key for p in catalog.plan_optional_parts]
    yield from _duplicates("plan_parts", keys, key)
    yield from _duplicates("districts", catalog.districts, Msg("区县", "district"))


def _groups(catalog: Catalog) -> Iterator[Problem]:
    groups = {g.code for g in catalog.basic_groups}
    for index, item in enumerate(catalog.basic_work):
        if item.group not in groups:
            yield (
                ("basic_work", index, "group"),
                Msg(
                    f"未知的分组 {item.group}（basic_groups 中没有）",
                    f"unknown group {item.group} (not in basic_groups)",
                ),
            )
        elif not item.code.startswith(item.group + "."):
            yield (
                ("basic_work", index, "code"),
                Msg(
                    f"编号 {item.code} 不属于分组 {item.group}",
                    f"code {item.code} does not belong to group {item.group}",
                ),
            )


def _stages(catalog: Catalog) -> Iterator[Problem]:
    previous = None
    for index, stage in enumerate(catalog.stages):
        expected = f"S{index + 1}"
        if stage.code != expected:
            yield (
                ("stages", index, "code"),
                Msg(
                    f"阶段应按顺序编号，此处应为 {expected}，实为 {stage.code}",
                    f"stages must be numbered in order: expected {expected}, got {stage.code}",
                ),
            )
        if stage.start > stage.end:
            yield (
                ("stages", index, "start"),
                Msg(
                    f"阶段 {stage.code} 的开始日期 {stage.start} 晚于结束日期 {stage.end}",
                    f"stage {stage.code} starts ({stage.start}) after it ends ({stage.end})",
                ),
            )
        if previous is not None and stage.start < previous:
            yield (
                ("stages", index, "start"),
                Msg(
                    f"阶段 {stage.code} 早于前一阶段开始",
                    f"stage {stage.code} starts before the previous stage",
                ),
            )
        previous = stage.start
        for r_index, requirement in enumerate(stage.requirements):
            if requirement not in catalog.requirements:
                yield (
                    ("stages", index, "requirements", r_index),
                    Msg(
                        f"未知的要求 {requirement}（requirements 中没有）",
                        f"unknown requirement {requirement} (not in requirements)",
                    ),
                )


def _aliases(catalog: Catalog) -> Iterator[Problem]:
    districts = set(catalog.districts)
    for alias, target in catalog.district_aliases.items():
        if target not in districts:
            yield (
                ("district_aliases", alias),
                Msg(
                    f"别名 {alias} 指向的 {target} 不是本轮的区县",
                    f"alias {alias} points to {target}, which is not a district of the round",
                ),
            )
        if alias in districts:
            yield (
                ("district_aliases", alias),
                Msg(
                    f"别名 {alias} 本身就是本轮的区县",
                    f"alias {alias} is itself a district of the round",
                ),
            )


def _workflow(catalog: Catalog) -> Iterator[Problem]:
    codes = catalog.stage_codes()
    for field in ("filing_stage", "early_evaluation_stage"):
        value = getattr(catalog.workflow, field)
        if value not in codes:
            yield (
                ("workflow", field),
                Msg(
                    f"{value} 不是本轮的阶段代码（{'、'.join(codes)}）",
                    f"{value} is not a stage of the round ({', '.join(codes)})",
                ),
            )


def _review(catalog: Catalog) -> Iterator[Problem]:
    """The review section names every code cjzn refers to, and a stage of the round."""
    review = catalog.review
    codes = catalog.stage_codes()
    if review.final_stage not in codes:
        yield (
            ("review", "final_stage"),
            Msg(
                f"{review.final_stage} 不是本轮的阶段代码（{'、'.join(codes)}）",
                f"{review.final_stage} is not a stage of the round ({', '.join(codes)})",
            ),
        )
    for key, written, known in (
        ("decisions", review.decisions, REVIEW_DECISIONS),
        ("results", review.results, REVIEW_RESULTS),
        ("states", review.states, WORKFLOW_STATES),
    ):
        if set(written) != set(known):
            yield (
                ("review", key),
                Msg(f"应写出 {'、'.join(known)}", f"must name {', '.join(known)}"),
            )


def _postcodes(catalog: Catalog) -> Iterator[Problem]:
    if catalog.postcodes.first > catalog.postcodes.last:
        yield (
            ("postcodes", "first"),
            Msg("邮政编码范围的起点大于终点", "the postcode range starts after it ends"),
        )


def _roster(catalog: Catalog) -> Iterator[Problem]:
    """Districts of the round, kinds that are used, and no name twice in a district."""
    roster = catalog.roster
    if roster is None:
        return
    districts = set(catalog.districts)
    kinds = {kind for units in roster.units.values() for kind in units}
    for index, kind in enumerate(roster.filing_kinds):
        if kind not in kinds:
            yield (
                ("roster", "filing_kinds", index),
                Msg(f"名册中没有 {kind} 类的单位", f"no unit of the roster is of kind {kind}"),
            )
    for district, units in roster.units.items():
        if district not in districts:
            yield (
                ("roster", "units", district),
                Msg(f"{district} 不是本轮的区县", f"{district} is not a district of the round"),
            )
        seen: set[str] = set()
        for kind, names in units.items():
            for name in names.split():
                key = normalise_unit_name(name)
                if key in seen:
                    yield (
                        ("roster", "units", district, kind),
                        Msg(f"{district}的 {name} 重复", f"{name} is listed twice in {district}"),
                    )
                seen.add(key)
