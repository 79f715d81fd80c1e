"""Where a filing sits and whom it names: the district folder and the round's 街镇 roster (R002-R007).

A district keeps its filings in `filings/<区县>/<街道（乡镇）>.yaml`. These rules
check that the folder agrees with `unit.district` (an error: the district's
repo would count the filing for the wrong district), and compare the unit's
name with the roster of the round's catalog (`roster:`), which may be stale in
a few places, so a name the roster does not know is only a warning. All name
comparisons go through `cjzn.guide.roster` (`Roster.identify`, `unit_identity`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from cjzn.diagnostics import Diagnostic, Example, error, warning
from cjzn.guide import Catalog
from cjzn.guide.roster import Match, MatchKind, name_differences, unit_identity, visible
from cjzn.i18n import Msg, join, quote
from cjzn.rules.base import Rule, RuleContext

__all__ = ["RULES", "district_folder"]


def _unit(name: str, district: str = "徐汇区", at: str = "filing.yaml") -> Example:
    return Example(f"unit:\n  name: {name}\n  district: {district}\n", name=at)


_HERE = "filings/徐汇区/天平路街道.yaml"

FOLDER = error(
    "R002", "district-folder-mismatch",
    Msg("备案放在了别的区县的目录中", "filing stored in another district's folder"),
    Msg("所属区县是{district}，备案文件却放在{folder}的目录 {dir}/ 中", "the district is {district}, but the filing is stored in {folder}'s folder {dir}/"),
    Msg("把文件移到{district}的目录中；如果是所属区县写错了，改为 {folder}", "move the file into {district}'s folder; if the district is wrong, write {folder}"),
    help=Msg("每个区县的备案放在以区县命名的目录（filings/<区县>/）中：把文件移到所属区县的目录，或改正所属区县", "each district's filings go in the folder named after it (filings/<district>/): move the file, or correct unit.district"),
    passing=(_unit("天平路街道", at=_HERE), _unit("天平路街道", at="drafts/天平路街道.yaml")),
    failing=(_unit("天平路街道", at="filings/长宁区/天平路街道.yaml"),),
)  # fmt: skip
NOT_IN_ROSTER = warning(
    "R003", "unit-not-in-roster",
    Msg("街镇名册中没有这个街道（乡镇）", "unit not in the roster of streets and towns"),
    Msg("{district}的街镇名册中没有“{name}”", "{district}'s roster of streets and towns has no {name}"),
    Msg("核对名称，写街道（乡镇）的全称{close}；名册可能没有收录新设或更名的街镇，确认无误可不理会本警告", "check the name and write it in full{close}; the roster may miss a unit founded or renamed lately: if the name is right, ignore this warning"),
    help=Msg("核对街道（乡镇）名称，写名册中的全称（例如 天平路街道）；名册来自统计用区划代码，可能没有收录新设或更名的街镇，确认无误可不理会本警告", "check the name and write it in full as the roster does (e.g. 天平路街道); the roster comes from the statistical division codes and may miss a unit founded or renamed lately"),
    passing=(_unit("天平路街道"),),
    failing=(_unit("不存在街道"), _unit("天平街道")),
)  # fmt: skip
OTHER_DISTRICT = warning(
    "R004", "unit-in-other-district",
    Msg("这个街道（乡镇）在名册中属于别的区县", "the roster lists the unit under another district"),
    Msg("“{name}”在街镇名册中属于{other}，不属于{district}", "the roster lists {name} under {other}, not {district}"),
    Msg("核对所属区县（是否应为{other}）和街道（乡镇）名称", "check the district (should it be {other}?) and the unit's name"),
    help=Msg("核对所属区县和街道（乡镇）名称：名册中这个名称属于另一个区县", "check the district and the unit's name: the roster lists the name under another district"),
    passing=(_unit("天目西路街道", "闸北区"),),
    failing=(_unit("天目西路街道"),),
)  # fmt: skip
VARIANT = warning(
    "R005", "unit-name-not-as-in-roster",
    Msg("名称与街镇名册的写法不同", "the name is written differently from the roster"),
    Msg("“{name}”与名册中的{official}写法不同（{how}）", "{name} is written differently from the roster's {official} ({how})"),
    Msg("改为名册中的写法：{official}", "write it as the roster does: {official}"),
    help=Msg("照街镇名册写全称：不加“办事处”，不用全角字母数字，不含空格和看不见的字符", "write the full name as the roster does: no 办事处, no full-width forms, spaces or invisible characters"),
    passing=(_unit("天平路街道"), _unit("五角场镇", "杨浦区")),
    failing=(_unit("天平路"), _unit('"天平路\\u200b街道"'), _unit("天平路街道办事处"), _unit("五角场", "杨浦区")),
)  # fmt: skip
FILE_NAME = warning(
    "R006", "file-name-mismatch",
    Msg("文件名与街道（乡镇）名称不符", "the file name differs from the unit's name"),
    Msg("文件名 {file_name} 与街道（乡镇）名称“{name}”不符", "the file name {file_name} does not match the unit's name {name}"),
    Msg("把文件改名为 {expected}（每个街道（乡镇）一个文件，以其名称命名），或改正名称", "rename the file to {expected} (one file per unit, named after it), or correct the name"),
    help=Msg("每个街道（乡镇）一个备案文件，以其名称命名，例如 filings/徐汇区/天平路街道.yaml", "one file per unit, named after it, e.g. filings/徐汇区/天平路街道.yaml"),
    passing=(_unit("天平路街道", at=_HERE), _unit("天平路街道", at="天平路.yaml")),
    failing=(_unit("天平路街道", at="filings/徐汇区/湖南路街道.yaml"),),
)  # fmt: skip
NOT_A_TOWNSHIP = warning(
    "R007", "unit-not-a-township",
    Msg("名册中这个单位不是街道或乡镇", "the roster does not list the unit as a street or town"),
    Msg("“{name}”在街镇名册中是“{kind}”类单位（农场、园区、开发区等），不是{kinds}", "the roster lists {name} as {kind} (a farm, park or zone), not as {kinds}"),
    Msg("示范街镇创建以街道（乡镇）为单位备案：核对是否应由所在的街道（乡镇）备案；区县同意其单独备案时，可不理会本警告", "the programme is filed by streets and towns: check whether the street or town it belongs to should file; if the district accepts it, ignore this warning"),
    passing=(_unit("华泾镇"),),
    failing=(_unit("漕河泾新兴技术开发区"),),
)  # fmt: skip


def district_folder(catalog: Catalog, folders: Sequence[str]) -> tuple[str, str] | None:
    """(district, folder name) of the nearest of `folders` (names above a filing, nearest
    first) named after a district of the round or one of its aliases (崇明区 -> 崇明县)."""
    for name in folders:
        if name in catalog.districts:
            return name, name
        if name in catalog.district_aliases:
            return catalog.district_aliases[name], name
    return None


def _written(ctx: RuleContext) -> tuple[str, str] | None:
    """(name, district) when both are written and the district is one of the round."""
    unit = ctx.filing.unit
    if unit is None or not unit.name or not unit.name.strip() or not unit.district:
        return None
    return unit.name, unit.district


def check_folder(ctx: RuleContext) -> Iterator[Diagnostic]:
    unit = ctx.filing.unit
    if unit is None or not unit.district or not ctx.folders:
        return
    found = district_folder(ctx.catalog, ctx.folders)
    if found is None or found[0] == unit.district:
        return
    folder, place = found
    printed = Path(ctx.document.file)
    shown = next((p.as_posix() for p in printed.parents if p.name == place), place)
    yield ctx.report(FOLDER, ("unit", "district"), district=unit.district, folder=folder, dir=shown)


def _match(ctx: RuleContext) -> tuple[str, str, Match] | None:
    written = _written(ctx)
    roster = ctx.catalog.roster
    if written is None or roster is None or not roster.district_units(written[1]):
        return None
    name, district = written
    return name, district, roster.identify(district, name)


def check_not_in_roster(ctx: RuleContext) -> Iterator[Diagnostic]:
    found = _match(ctx)
    if found is None or found[2].kind is not MatchKind.UNKNOWN:
        return
    name, district, _ = found
    close = ctx.catalog.roster.close_names(district, name) if ctx.catalog.roster else []
    hint = _CLOSE.format(ctx.lang, x=join(close, ctx.lang)) if close else ""
    yield ctx.report(
        NOT_IN_ROSTER, ("unit", "name"), name=visible(name), district=district, close=hint
    )


def check_other_district(ctx: RuleContext) -> Iterator[Diagnostic]:
    found = _match(ctx)
    if found is None or found[2].kind is not MatchKind.OTHER_DISTRICT:
        return
    name, district, match = found
    other = join(dict.fromkeys(unit.district for unit in match.units), ctx.lang)
    yield ctx.report(
        OTHER_DISTRICT, ("unit", "district"), name=visible(name), district=district, other=other
    )


def check_variant(ctx: RuleContext) -> Iterator[Diagnostic]:
    found = _match(ctx)
    if found is None or found[2].kind not in (MatchKind.VARIANT, MatchKind.SUFFIX):
        return
    name, _, match = found
    official, how = _variant(name, match, ctx.lang)
    yield ctx.report(VARIANT, ("unit", "name"), name=visible(name), official=official, how=how)


def check_kind(ctx: RuleContext) -> Iterator[Diagnostic]:
    found = _match(ctx)
    roster = ctx.catalog.roster
    unit = found[2].unit if found is not None else None
    if unit is None or roster is None or roster.may_file(unit):
        return
    kinds = join(roster.filing_kinds, ctx.lang)
    yield ctx.report(NOT_A_TOWNSHIP, ("unit", "name"), name=unit.name, kind=unit.kind, kinds=kinds)


_CLOSE = Msg("（名册中相近的有：{x}）", " (the roster has: {x})")
_EITHER = Msg("{a}或{b}", "{a} or {b}")
_WHICH = Msg("须写明是哪一个", "say which one")


def _variant(name: str, match: Match, lang: str) -> tuple[str, str]:
    """(the roster's name or names, how the written name differs)."""
    names = [u.name for u in match.units]
    if len(names) == 1:
        return quote(names[0], lang), name_differences(name, names[0], lang)
    quoted = [quote(n, lang) for n in names]
    official = _EITHER.format(lang, a=join(quoted[:-1], lang), b=quoted[-1])
    return official, _WHICH.get(lang)


def check_file_name(ctx: RuleContext) -> Iterator[Diagnostic]:
    written = _written(ctx)
    if written is None:
        return
    name, district = written
    file = Path(ctx.document.file)
    roster = ctx.catalog.roster
    if unit_identity(roster, district, file.stem) == unit_identity(roster, district, name):
        return
    unit = roster.identify(district, name).unit if roster is not None else None
    expected = (unit.name if unit is not None else name.strip()) + file.suffix
    yield ctx.report(
        FILE_NAME,
        ("unit", "name"),
        file_name=file.name,
        name=visible(name),
        expected=visible(expected),
    )


RULES = (
    Rule(FOLDER, check_folder),
    Rule(NOT_IN_ROSTER, check_not_in_roster),
    Rule(OTHER_DISTRICT, check_other_district),
    Rule(VARIANT, check_variant),
    Rule(FILE_NAME, check_file_name),
    Rule(NOT_A_TOWNSHIP, check_kind),
)
