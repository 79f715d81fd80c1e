"""Cross-checks of a round catalog: references between its parts must resolve.

Pydantic checks each field; these check the catalog as a whole, once it is built (unique codes,
basic items in known groups, stages in order, requirement ids that exist,
district aliases, the workflow's stage codes, every Chinese text marked as the
guide's or cjzn's). Each problem is located by its
path in the catalog file and worded in both languages.

A catalog that passes them can be used by every command (`--catalog` is input
too): names that become folder and file names (`districts` for `init --repo`'s
`filings/<区县>/`, `round` for the schema's file name) are plain names that stay
in their folder; the form has every row the renderers lay out and every plan
part the filing format has; the earlier rounds' check boxes are numbers (or
`none`); the lists a command picks a first item of are not empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cjzn.guide.models import REVIEW_DECISIONS, REVIEW_RESULTS, WORKFLOW_STATES, Catalog
from cjzn.guide.roster import normalise_unit_name
from cjzn.guide.verbatim import wording_problems
from cjzn.i18n import Msg
from cjzn.text import invisible_in, visible

__all__ = ["FORM_ROWS", "PLAN_KEYS", "Loc", "Problem", "cross_check", "name_problem"]

#: The rows of the 备案登记表 the renderers lay out (HTML, Markdown, DOCX): the catalog
#: words each of them (`form.rows`).
FORM_ROWS = (
    "unit_name", "leader", "contact", "prior_rounds", "plan", "key_work", "district_review",
    "municipal_review", "unit_signature", "district_signature", "seal",
)  # fmt: skip
#: The plan parts of the filing format (P1-P7, the contract's `plan:` keys): the catalog
#: titles each of them (`plan_parts`).
PLAN_KEYS = (
    "overall_goal", "stage_goals", "work_plan", "leading_body", "network", "responsibilities",
    "mechanisms",
)  # fmt: skip
_NOT_IN_NAMES = set('/\\:*?"<>|')
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(10)),
    *(f"lpt{n}" for n in range(10)),
}
_NAME_LIMIT = 64

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
        *_names(catalog),
        *_form(catalog),
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


def name_problem(name: str) -> Msg | None:
    """Why `name` cannot be a folder or file name cjzn makes (`filings/<区县>/`), or None.

    A plain name on every system: not empty, no spaces around it, no path separator
    or other character Windows forbids, not `.`/`..` nor hidden, no control or invisible
    character, not a reserved device name, at most 64 characters.
    """
    if not name.strip():
        return Msg("为空", "it is empty")
    if name != name.strip() or name.endswith("."):
        return Msg("首尾有空格或以点结尾", "it has spaces around it or ends with a dot")
    if name.startswith("."):
        return Msg(
            "以点开头（. 和 .. 表示上级或当前文件夹）",
            "it starts with a dot (. and .. are folders)",
        )
    bad = sorted({char for char in name if char in _NOT_IN_NAMES})
    bad += invisible_in(name) + [c for c in name if not c.isprintable() and c != " "]
    if bad:
        chars = " ".join(dict.fromkeys(visible(char) for char in bad))
        return Msg(
            f"含有不能用在文件夹名中的字符 {chars}",
            f"it holds characters a folder name cannot: {chars}",
        )
    if name.split(".")[0].strip().lower() in _RESERVED or len(name) > _NAME_LIMIT:
        return Msg("是系统保留的名称或过长", "it is a reserved device name or too long")
    return None


def _names(catalog: Catalog) -> Iterator[Problem]:
    """Districts (folder names of `init --repo`) and the round (the schema's file name)."""
    if not catalog.districts:
        yield ("districts",), Msg("至少要有一个区县", "at least one district is needed")
    named: list[tuple[Loc, str, Msg]] = [(("round",), catalog.round, Msg("轮次", "round"))]
    district = Msg("区县名称", "district name")
    named += [(("districts", i), name, district) for i, name in enumerate(catalog.districts)]
    named += [(("district_aliases", alias), alias, district) for alias in catalog.district_aliases]
    for loc, name, what in named:
        why = name_problem(name)
        if why is not None:
            shown = visible(name)
            yield (
                loc,
                Msg(
                    f"{what.zh} {shown} 会用作文件夹或文件名，但{why.zh}",
                    f"{what.en} {shown} is used as a folder or file name, but {why.en}",
                ),
            )


def _form(catalog: Catalog) -> Iterator[Problem]:
    """Every row the form lays out, every plan part of the format, numbered round boxes."""
    for row in FORM_ROWS:
        if row not in catalog.form.rows:
            yield (
                ("form", "rows"),
                Msg(
                    f"缺少登记表的栏目 {row}（form.rows 须有：{'、'.join(FORM_ROWS)}）",
                    f"the form's row {row} is missing (form.rows needs: {', '.join(FORM_ROWS)})",
                ),
            )
    keys = [part.key for part in catalog.plan_parts]
    for key in PLAN_KEYS:
        if key not in keys:
            yield (
                ("plan_parts",),
                Msg(
                    f"缺少方案部分 {key}（备案格式的 plan: 各部分 {'、'.join(PLAN_KEYS)} 都要有标题）",
                    f"plan part {key} is missing (every part of the format needs a title:"
                    f" {', '.join(PLAN_KEYS)})",
                ),
            )
    for key in catalog.form.prior_round_options:
        if key != "none" and not (key.isascii() and key.isdigit() and int(key) >= 1):
            yield (
                ("form", "prior_round_options", key),
                Msg(
                    f"以往轮次的选项 {visible(key)} 应为轮次编号（1、2、3 …）或 none",
                    f"the earlier-round option {visible(key)} must be a round number (1, 2, 3 …) or none",
                ),
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
