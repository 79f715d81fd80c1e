"""Who has not filed: per district of the run, the roster's units that filed and those that did not.

Which districts a run covers: those whose folder it searched (`cjzn report
filings/徐汇区` covers 徐汇区 only; `filings/` of a city repo with the 17
district folders covers all 17) and those of the filings it found. A filing
whose district is blank or not a district of the round counts for none of
them: it is listed apart ("unknown district"), never as a district of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cjzn.guide import Catalog
from cjzn.guide.roster import Coverage, coverage
from cjzn.i18n import Msg

__all__ = ["DistrictCoverage", "covered_districts", "district_coverage"]


@dataclass
class DistrictCoverage:
    """The coverage of a run: one `Coverage` per district covered, and the rest."""

    districts: list[Coverage] = field(default_factory=list)
    unknown_district: list[str] = field(default_factory=list)  # files, as printed
    source: Msg | None = None  # where the roster comes from; None without a roster

    def of(self, district: str) -> Coverage | None:
        return next((c for c in self.districts if c.district == district), None)


def covered_districts(
    catalog: Catalog, folders: Iterable[str], districts: Iterable[str]
) -> list[str]:
    """The round's districts named by the `folders` searched (aliases too: 崇明区 -> 崇明县)
    or written in filings (`districts`), in the catalog's order."""
    named = {catalog.district_aliases.get(name, name) for name in folders}
    named.update(districts)
    return [district for district in catalog.districts if district in named]


def district_coverage(
    catalog: Catalog, folders: Iterable[str], filings: Sequence[tuple[str, str, str]]
) -> DistrictCoverage:
    """`filings`: (file, district, unit name) of every readable filing, as written."""
    known = set(catalog.districts)
    result = DistrictCoverage(source=catalog.roster.source.text if catalog.roster else None)
    result.unknown_district = [file for file, district, _ in filings if district not in known]
    written = [(district, name) for _, district, name in filings if district in known and name]
    districts = covered_districts(catalog, folders, (district for district, _ in written))
    if catalog.roster is not None:
        result.districts = coverage(catalog.roster, districts, written)
    return result
