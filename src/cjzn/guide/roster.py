"""The roster of township-level units (街道、镇、乡) of the round, and the one unit-name normalisation.

The catalog lists, per district and kind, the units of the statistical division
codes (`roster:` in `schemas/rounds/<round>.yaml`), as space-separated names:
compact to read and cheap to validate on every run. Which kinds may file (and
count in "who has not filed") is data too (`filing_kinds`).

`normalise_unit_name` is the ONE place that decides when two written names are
the same name: invisible characters (zero-width space, soft hyphen, a BOM inside
the text, bidi marks) are dropped, full-width letters, digits and spaces become
half-width (NFKC), spaces go, and the office's suffix (办事处, 人民政府) is cut.
`Roster.identify` adds the kind suffix (街道/镇/乡), in tiers, so 天平路 is
天平路街道 while 杨浦区's 五角场街道 and 五角场镇 stay two units. The duplicate
rule, the roster rules and the coverage of `cjzn status`/`report` all go through
these two.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer, StringConstraints

from cjzn.i18n import Msg

__all__ = [
    "KIND_SUFFIXES",
    "Coverage",
    "Match",
    "MatchKind",
    "Roster",
    "RosterUnit",
    "coverage",
    "name_differences",
    "name_stem",
    "normalise_unit_name",
    "unit_identity",
    "visible",
]

#: The kind a unit's name ends with; `name_stem` cuts one of them (the longest first).
KIND_SUFFIXES = ("街道", "镇", "乡")
#: What an office adds to its unit's name (天平路街道办事处, 华泾镇人民政府).
_OFFICE_SUFFIXES = ("办事处", "人民政府")
#: Unicode categories that are never part of a name: format characters (U+200B, U+00AD,
#: U+FEFF, bidi marks) and control characters.
_INVISIBLE = frozenset(("Cf", "Cc"))


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE


@functools.lru_cache(maxsize=4096)
def normalise_unit_name(name: str) -> str:
    """The canonical text of a unit's name: the same for every way of writing the same name.

    Drops invisible characters, folds full-width forms to half-width (NFKC), removes
    all spaces (U+3000 included) and the office's suffix (办事处, 人民政府). The kind
    suffix (街道/镇/乡) stays: see `name_stem`.
    """
    text = "".join(c for c in name if not _is_invisible(c))
    text = "".join(unicodedata.normalize("NFKC", text).split())
    for suffix in _OFFICE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def name_stem(normalised: str) -> str:
    """A normalised name without its kind suffix (天平路街道 -> 天平路; 唐镇 -> 唐)."""
    for suffix in KIND_SUFFIXES:
        if normalised.endswith(suffix) and len(normalised) > len(suffix):
            return normalised[: -len(suffix)]
    return normalised


def visible(name: str) -> str:
    """`name` with every invisible character shown as <U+200B>, for messages."""
    return "".join(f"<U+{ord(c):04X}>" if _is_invisible(c) else c for c in name)


_WORDS = {
    "invisible": Msg("含看不见的字符 {chars}", "invisible characters {chars}"),
    "width": Msg("用了全角字符", "full-width characters"),
    "space": Msg("多了空格", "extra spaces"),
    "office": Msg("多了“{suffix}”", "an extra “{suffix}”"),
    "missing": Msg("少了“{suffix}”", "“{suffix}” is missing"),
    "kind": Msg("“{written}”应为“{suffix}”", "“{written}” instead of “{suffix}”"),
    "and": Msg("、", ", "),
}


def name_differences(written: str, official: str, lang: str) -> str:
    """How `written` differs from the roster's `official` name, in words (、-joined)."""
    parts: list[str] = []
    invisible = sorted({f"U+{ord(c):04X}" for c in written if _is_invisible(c)})
    if invisible:
        parts.append(_WORDS["invisible"].format(lang, chars=" ".join(invisible)))
    shown = "".join(c for c in written if not _is_invisible(c))
    if any(not c.isspace() and unicodedata.normalize("NFKC", c) != c for c in shown):
        parts.append(_WORDS["width"].get(lang))
    if any(c.isspace() for c in shown):
        parts.append(_WORDS["space"].get(lang))
    folded = "".join(unicodedata.normalize("NFKC", shown).split())
    office = next((s for s in _OFFICE_SUFFIXES if folded.endswith(s) and folded != s), None)
    if office is not None:
        parts.append(_WORDS["office"].format(lang, suffix=office))
    text, target = normalise_unit_name(written), normalise_unit_name(official)
    if text != target and name_stem(text) == name_stem(target):
        suffix = target[len(name_stem(target)) :]
        own = text[len(name_stem(text)) :]
        key, params = ("kind", {"written": own}) if own else ("missing", {})
        parts.append(_WORDS[key].format(lang, suffix=suffix, **params))
    return _WORDS["and"].get(lang).join(parts)


@dataclass(frozen=True)
class RosterUnit:
    """One unit of the roster."""

    district: str
    name: str
    kind: str


class MatchKind(str, Enum):
    EXACT = "exact"  # written as in the roster
    VARIANT = "variant"  # the same name after `normalise_unit_name`, written differently
    SUFFIX = "suffix"  # the same but for the kind suffix (天平路 for 天平路街道)
    OTHER_DISTRICT = "other_district"  # a unit of another district
    UNKNOWN = "unknown"  # not in the roster at all


@dataclass(frozen=True)
class Match:
    """What the roster makes of a (district, name): the kind of match and the unit(s) it found."""

    kind: MatchKind
    units: tuple[RosterUnit, ...] = ()

    @property
    def unit(self) -> RosterUnit | None:
        """The one unit of the district this name means; None when unknown or ambiguous."""
        own = self.kind in (MatchKind.EXACT, MatchKind.VARIANT, MatchKind.SUFFIX)
        return self.units[0] if own and len(self.units) == 1 else None


def _names(text: str) -> list[str]:
    return text.split()


def _serialise_names(names: str) -> str:
    return " ".join(names.split())


#: The units of one kind in one district: names separated by spaces (or line breaks).
NameList = Annotated[str, StringConstraints(min_length=1), PlainSerializer(_serialise_names)]


class RosterSource(BaseModel):
    """Where the roster comes from, in both languages (shown beside the coverage)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    zh: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    @property
    def text(self) -> Msg:
        return Msg(self.zh, self.en)


class Roster(BaseModel):
    """The roster of a round: `units[district][kind]` = the names, space-separated."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    source: RosterSource
    filing_kinds: list[Annotated[str, StringConstraints(min_length=1)]]
    units: dict[str, dict[str, NameList]]

    # -- the index, built once per catalog -------------------------------------

    @functools.cached_property
    def _index(self) -> _Index:
        return _Index.build(self.all_units())

    def all_units(self) -> Iterator[RosterUnit]:
        for district, kinds in self.units.items():
            for kind, names in kinds.items():
                for name in _names(names):
                    yield RosterUnit(district, name, kind)

    def district_units(self, district: str) -> tuple[RosterUnit, ...]:
        """Every unit of `district`, in the roster's order."""
        return self._index.by_district.get(district, ())

    def expected(self, district: str) -> tuple[RosterUnit, ...]:
        """The units of `district` that may file (`filing_kinds`), in the roster's order."""
        return tuple(u for u in self.district_units(district) if u.kind in self.filing_kinds)

    def may_file(self, unit: RosterUnit) -> bool:
        return unit.kind in self.filing_kinds

    def identify(self, district: str, name: str) -> Match:
        """Which unit of the roster `name` (written for `district`) is, in tiers (remembered:
        the rules ask it several times per filing)."""
        memo = self._index.memo
        key = (district, name)
        found = memo.get(key)
        if found is None:
            if len(memo) > 4096:
                memo.clear()
            found = memo[key] = self._identify(district, name)
        return found

    def _identify(self, district: str, name: str) -> Match:
        index = self._index
        text = normalise_unit_name(name)
        same = index.exact.get(text, ())
        own = tuple(u for u in same if u.district == district)
        if own:
            exact = own[0].name == name
            return Match(MatchKind.EXACT if exact else MatchKind.VARIANT, own)
        if same:
            return Match(MatchKind.OTHER_DISTRICT, same)
        stem = index.stems.get(name_stem(text), ())
        own = tuple(u for u in stem if u.district == district)
        if own:
            return Match(MatchKind.SUFFIX, own)
        if stem:
            return Match(MatchKind.OTHER_DISTRICT, stem)
        return Match(MatchKind.UNKNOWN)

    def close_names(self, district: str, name: str, n: int = 3) -> list[str]:
        """Names of `district` that look like `name` (for "not in the roster")."""
        import difflib  # only when a name is not in the roster

        stems = self._index.district_stems.get(district, {})
        mine = name_stem(normalise_unit_name(name))
        close = difflib.get_close_matches(mine, stems, n=n, cutoff=0.5)
        return [found for stem in close for found in stems[stem]][:n]


@dataclass(frozen=True)
class _Index:
    by_district: dict[str, tuple[RosterUnit, ...]]
    exact: dict[str, tuple[RosterUnit, ...]]  # normalise_unit_name -> units
    stems: dict[str, tuple[RosterUnit, ...]]  # name_stem(normalised) -> units
    district_stems: dict[str, dict[str, list[str]]]  # district -> stem -> its names
    memo: dict[tuple[str, str], Match] = field(default_factory=dict)  # identify's answers

    @classmethod
    def build(cls, units: Iterable[RosterUnit]) -> _Index:
        by_district: dict[str, list[RosterUnit]] = {}
        exact: dict[str, list[RosterUnit]] = {}
        stems: dict[str, list[RosterUnit]] = {}
        district_stems: dict[str, dict[str, list[str]]] = {}
        for unit in units:
            by_district.setdefault(unit.district, []).append(unit)
            text = normalise_unit_name(unit.name)
            exact.setdefault(text, []).append(unit)
            stems.setdefault(name_stem(text), []).append(unit)
            own = district_stems.setdefault(unit.district, {})
            own.setdefault(name_stem(text), []).append(unit.name)
        return cls(
            by_district={k: tuple(v) for k, v in by_district.items()},
            exact={k: tuple(v) for k, v in exact.items()},
            stems={k: tuple(v) for k, v in stems.items()},
            district_stems=district_stems,
        )


def unit_identity(roster: Roster | None, district: str, name: str) -> str:
    """Which unit a filing is for, as one key: the roster's name when the roster knows the
    name in `district`, else the name's stem (so 天平路 and 天平路街道 are one unit, while
    五角场街道 and 五角场镇 stay two)."""
    if roster is not None:
        unit = roster.identify(district, name).unit
        if unit is not None:
            return unit.name
    return "~" + name_stem(normalise_unit_name(name))


@dataclass(frozen=True)
class Coverage:
    """Who has filed in one district: the roster's units that may file, and the filings."""

    district: str
    expected: tuple[str, ...]  # units that may file, in the roster's order
    filed: tuple[str, ...]  # of those, the ones with a filing
    others: tuple[str, ...]  # filings of the district that are none of `expected`

    @property
    def missing(self) -> tuple[str, ...]:
        done = set(self.filed)
        return tuple(name for name in self.expected if name not in done)


def coverage(
    roster: Roster | None, districts: Iterable[str], filings: Iterable[tuple[str, str]]
) -> list[Coverage]:
    """Per district (in the order given), which units that may file have filed.

    `filings`: the (district, unit name) of every filing of the run, as written.
    """
    written: dict[str, list[str]] = {}
    for district, name in filings:
        written.setdefault(district, []).append(name)
    result = []
    for district in districts:
        expected = roster.expected(district) if roster is not None else ()
        names = {unit.name for unit in expected}
        filed: set[str] = set()
        others: list[str] = []
        for name in written.get(district, []):
            identity = unit_identity(roster, district, name)
            if identity in names:
                filed.add(identity)
            elif name not in others:
                others.append(name)
        order = tuple(u.name for u in expected)
        result.append(
            Coverage(district, order, tuple(n for n in order if n in filed), tuple(others))
        )
    return result
