"""Where `cjzn init` writes a filing, and for whom: the district folder and the roster.

A district's repo keeps its filings in `filings/<区县>/<街道（乡镇）>.yaml`, so the
path already says a lot: the district of the folder is the default district,
a file named after a unit of the roster names the unit, and a filing for
another district does not go into a district's folder (it would fail R002
at once): the CLI refuses, or asks whether to write it into the right one.
When it asks for the unit, it offers the district's units from the roster.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjzn.check.discover import folders_above
from cjzn.guide import Catalog
from cjzn.i18n import Msg
from cjzn.rules.roster import district_folder

__all__ = [
    "ask_unit_from_roster",
    "folder_district",
    "right_place",
    "roster_name",
    "roster_note",
    "unit_from_file_name",
]

_ASK = Msg("街道（乡镇）名称（输入编号或名称）", "Street or town (number or name)")
_ASK_NAME = Msg("街道（乡镇）名称", "Street or town name")
_NUMBER = Msg("请输入 1–{n} 的编号，或街道（乡镇）名称", "give a number from 1 to {n}, or the name")
_NOT_LISTED = Msg(
    "注意：{district}的街镇名册中没有“{name}”，仍按此名称生成（cjzn validate 会提示 R003）",
    "note: {district}'s roster has no {name}; writing it anyway (cjzn validate warns, R003)",
)
_AS_LISTED = Msg("按名册写作“{name}”", "written as the roster does: {name}")
_SPELT = Msg(
    "注意：名册中写作“{listed}”（cjzn validate 会提示 R005）",
    "note: the roster writes it {listed} (cjzn validate warns, R005)",
)


def roster_note(catalog: Catalog, district: str, name: str) -> Msg | None:
    """What to tell a user who gave `--unit name`: not in the roster, or spelt otherwise."""
    roster = catalog.roster
    if roster is None or not roster.district_units(district):
        return None
    listed = roster_name(catalog, district, name)
    if listed is None:
        return Msg(
            *(_NOT_LISTED.format(lang, district=district, name=name) for lang in ("zh", "en"))
        )
    if listed != name:
        return Msg(*(_SPELT.format(lang, listed=listed) for lang in ("zh", "en")))
    return None


def folder_district(path: Path, catalog: Catalog) -> tuple[str, Path] | None:
    """(district, its folder) when `path` is inside a folder named after a district."""
    folders = folders_above(path)
    found = district_folder(catalog, folders)
    if found is None:
        return None
    district, name = found
    folder = Path(path).parent
    while folder.name != name and folder != folder.parent:
        folder = folder.parent
    return district, folder


def right_place(path: Path, catalog: Catalog, district: str) -> Path | None:
    """Where a filing of `district` written to `path` belongs when `path` is in another
    district's folder (the same place below that district's sibling folder); else None."""
    found = folder_district(path, catalog)
    if found is None or found[0] == district:
        return None
    folder = found[1]
    try:
        inside = Path(path).relative_to(folder)
    except ValueError:  # the folder was found by absolute path only
        inside = Path(Path(path).name)
    return folder.parent / district / inside


def roster_name(catalog: Catalog, district: str, name: str) -> str | None:
    """The roster's name of the unit `name` means in `district` (天平路 -> 天平路街道)."""
    if catalog.roster is None:
        return None
    unit = catalog.roster.identify(district, name).unit
    return unit.name if unit is not None else None


def unit_from_file_name(path: Path, catalog: Catalog, district: str) -> str | None:
    """The unit a file named after a roster unit is for (filings/徐汇区/天平路街道.yaml)."""
    return roster_name(catalog, district, Path(path).stem)


def ask_unit_from_roster(
    catalog: Catalog,
    district: str,
    prompt: Callable[[str], str],
    say: Callable[[str], None],
    lang: str = "zh",
    usable: Callable[[str], Msg | None] = lambda _name: None,
) -> str:
    """Offer the district's units (numbered, from the roster); accept a number or a name.

    A name the roster knows in another spelling is written as the roster does; a
    name it does not know is accepted with a note (the roster may be stale).
    """
    units = [u.name for u in catalog.roster.expected(district)] if catalog.roster else []
    for index, name in enumerate(units, start=1):
        say(f"  {index:>2}. {name}")
    question = (_ASK if units else _ASK_NAME).get(lang)
    while True:
        answer = prompt(question).strip()
        if answer.isdigit() and units:
            if 1 <= int(answer) <= len(units):
                return units[int(answer) - 1]
            say(_NUMBER.format(lang, n=len(units)))
            continue
        problem = usable(answer)
        if problem is not None:
            say(problem.get(lang))
            continue
        listed = roster_name(catalog, district, answer)
        if listed is None:
            if units:
                say(_NOT_LISTED.format(lang, district=district, name=answer))
            return answer
        if listed != answer:
            say(_AS_LISTED.format(lang, name=listed))
        return listed
