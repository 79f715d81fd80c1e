"""Repo-wide rules (family R): problems only visible across several filings.

A per-file rule sees one filing; these see a small record of every filing of a
run (`UnitKey`: which unit it is for and where its name is written) after the
per-file checks, and say which file each diagnostic belongs to (its index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from cjzn.diagnostics import CodeInfo, Diagnostic, Example, error
from cjzn.guide import Catalog
from cjzn.guide.roster import unit_identity, visible
from cjzn.i18n import Msg, join, paren, quote
from cjzn.load import Document
from cjzn.options import Options

__all__ = ["REPO_RULES", "RepoRule", "UnitKey", "unit_key"]

_UNIT = "unit:\n  name: 天平路街道\n  district: 徐汇区\n"
_OTHER = 'cjzn: 1\nround: "2013-2014"\nunit:\n  name: {name}\n  district: 徐汇区\n'

DUPLICATE_UNIT = error(
    "R001", "duplicate-unit",
    Msg("同一街道（乡镇）备案了两次", "the same street/town is filed twice"),
    Msg("{name}（{district}）在 {others} 中也有备案；同一街道（乡镇）每轮只备案一次", "{name} ({district}) is also filed in {others}; a street/town files once per round"),
    Msg("保留一份备案，删除或合并另一份", "keep one filing and delete or merge the other"),
    help=Msg("保留一份备案，删除或合并另一份；名称只差“街道”“镇”二字、全角半角或看不见的字符，也算同一街道（乡镇）", "keep one filing and delete or merge the other; names that differ only by 街道/镇, full-width forms or invisible characters are the same unit"),
    passing=(
        Example(_UNIT, files=(("b.yaml", _OTHER.format(name="湖南路街道")),)),
        Example(_UNIT.replace("天平路街道", "五角场街道").replace("徐汇区", "杨浦区"), files=(("b.yaml", _OTHER.format(name="五角场镇").replace("徐汇区", "杨浦区")),)),
    ),
    failing=(
        Example(_UNIT, files=(("b.yaml", _OTHER.format(name="天平路街道")),)),
        Example(_UNIT, files=(("b.yaml", _OTHER.format(name="天平路")),)),
        Example(_UNIT, files=(("b.yaml", _OTHER.format(name='"天平路\\u200b街道"')),)),
        Example(_UNIT, files=(("b.yaml", _OTHER.format(name="天平路\u3000街道")),)),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class UnitKey:
    """Which unit a filing is for, and where its name is written."""

    file: str
    round: str
    district: str
    name: str
    line: int
    column: int
    identity: str = ""  # `guide.roster.unit_identity`: the same for every spelling of the unit


def unit_key(document: Document, catalog: Catalog | None = None) -> UnitKey | None:
    """The unit of a parsed filing; None when its name or district is not written.

    `catalog`: the filing's round, whose roster tells 天平路 (天平路街道) from
    五角场 (五角场街道 or 五角场镇); without one, names are compared by their stem.
    """
    data = document.data
    unit = data.get("unit")
    if not isinstance(unit, dict):
        return None
    name, district, round_name = (
        value.strip() if isinstance(value, str) else ""
        for value in (unit.get("name"), unit.get("district"), data.get("round"))
    )
    if not (name and district):
        return None
    line, column = document.locate(("unit", "name"))
    identity = unit_identity(catalog.roster if catalog is not None else None, district, name)
    return UnitKey(document.file, round_name, district, name, line, column, identity)


#: A repo check: the units of a run (None: unknown) -> (index of the file, its diagnostic).
RepoCheck = Callable[[Sequence[UnitKey | None], Options], Iterable[tuple[int, Diagnostic]]]


@dataclass(frozen=True)
class RepoRule:
    """A stable code and a check over all the filings of a run."""

    info: CodeInfo
    check: RepoCheck

    @property
    def code(self) -> str:
        return self.info.code


def check_duplicate_units(
    units: Sequence[UnitKey | None], options: Options
) -> Iterator[tuple[int, Diagnostic]]:
    """Same round, district and unit in two files (however its name is spelt, see
    `unit_identity`): an error on each, naming the other."""
    groups: dict[tuple[str, str, str], list[tuple[int, UnitKey]]] = {}
    for index, unit in enumerate(units):
        if unit is not None:
            key = (unit.round, unit.district, unit.identity or unit.name)
            groups.setdefault(key, []).append((index, unit))
    for members in groups.values():
        if len(members) < 2:
            continue
        for index, unit in members:
            others = join(
                (_other(other, unit, options.lang) for _, other in members if other is not unit),
                options.lang,
            )
            yield (
                index,
                DUPLICATE_UNIT.diagnostic(
                    lang=options.lang,
                    file=unit.file,
                    line=unit.line,
                    column=unit.column,
                    path="unit.name",
                    name=visible(unit.name),
                    district=unit.district,
                    others=others,
                ),
            )


_SPELT = Msg("写作{name}", "as {name}")


def _other(other: UnitKey, unit: UnitKey, lang: str) -> str:
    """The other file, with the name as it spells it when that differs."""
    if other.name == unit.name:
        return other.file
    return other.file + paren(_SPELT.format(lang, name=quote(visible(other.name), lang)), lang)


REPO_RULES: tuple[RepoRule, ...] = (RepoRule(DUPLICATE_UNIT, check_duplicate_units),)
