"""`load_config`: a `cjzn.toml` file -> a checked `ConfigFile`, or a `ConfigError` (exit 2).

The keys (kebab-case, like ruff's and pre-commit's):

    round = "2013-2014"            # or catalog = "rounds/2015-2016.yaml" (inside the repo)
    as-of = 2014-12-31             # judge deadlines as of this day (an archived round)
    select = ["Y", "F", "V", "G", "T", "R", "C"]   # codes or prefixes; default: all
    ignore = ["T102"]
    warn = []                      # errors of these codes are reported as warnings
    exclude = ["archive", "filings/草稿"]
    [per-file-ignores]
    "filings/崇明县/*.yaml" = ["V006"]
    [hook]                         # `cjzn validate --hook` (the pre-commit hook) adds these
    warn = ["T", "C010"]
    [[waivers]]
    code = "T101"  filing = "…" (or unit = "…")  path = "basic_work.B2.5"
    reason = "…"  approved-by = "…"  approved-on = 2014-09-20  expires = 2014-12-31
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cjzn.config import codes as c
from cjzn.config.schema import Reader, Vocabulary
from cjzn.config.settings import CodeSettings, ConfigError, ConfigFile, Setting, display_path
from cjzn.config.toml import read_toml
from cjzn.config.waivers import Waiver
from cjzn.diagnostics import sort_key
from cjzn.gitutil import work_tree_of
from cjzn.i18n import Msg, quote

__all__ = ["CODE_KEYS", "TOP_KEYS", "WAIVER_KEYS", "load_config"]

CODE_KEYS = ("select", "ignore", "warn")
TOP_KEYS = (
    "round", "catalog", "as-of", *CODE_KEYS, "exclude", "per-file-ignores", "hook", "waivers",
)  # fmt: skip
WAIVER_KEYS = (
    "code", "filing", "unit", "path", "reason", "approved-by", "approved-on", "expires",
)  # fmt: skip
_NEEDS = {
    "code": Msg("问题代码（code）", "a code"),
    "filing": Msg(
        "是哪份备案（filing 或 unit，只写一个）", "its filing (filing or unit, one of them)"
    ),
}


def load_config(path: Path, vocabulary: Vocabulary, lang: str = "zh") -> ConfigFile:
    """The checked settings of `path`; raises `ConfigError` with every problem located."""
    file = display_path(path)
    document, problem = read_toml(path, file, lang)
    if document is None:
        raise ConfigError(file, [problem] if problem else [], lang)
    reader = Reader(document, vocabulary, lang)
    data = document.data
    reader.keys(data, (), TOP_KEYS)
    root = path.resolve().parent
    config = ConfigFile(
        path=path.resolve(),
        file=file,
        root=root,
        codes=_code_settings(reader, data, ()),
        hook=_hook(reader, data),
        round=_round(reader, data),
        catalog=_catalog(reader, data, work_tree_of(root) or root),
        as_of=_date_setting(reader, data, "as-of"),
        exclude=_exclude(reader, data),
        per_file_ignores=_per_file_ignores(reader, data),
        waivers=_waivers(reader, data),
    )
    if config.round is not None and "catalog" in data:
        reader.report(
            c.CONFLICT, ("catalog",), at_value=False, first="round", second="catalog",
            why=Msg("只能写一个", "give one of them").get(lang),
        )  # fmt: skip
    if reader.problems:
        raise ConfigError(file, sorted(reader.problems, key=sort_key), lang)
    return config


def _code_settings(reader: Reader, table: dict[str, Any], path: tuple[str, ...]) -> CodeSettings:
    found: dict[str, Setting[tuple[str, ...]]] = {}
    for key in CODE_KEYS:
        if key in table:
            value = reader.codes(table[key], (*path, key))
            if value is not None:
                found[key] = reader.setting(value, (*path, key))
    return CodeSettings(**found)


def _hook(reader: Reader, data: dict[str, Any]) -> CodeSettings:
    table = reader.table(data, "hook")
    if table is None:
        return CodeSettings()
    reader.keys(table, ("hook",), CODE_KEYS)
    return _code_settings(reader, table, ("hook",))


def _round(reader: Reader, data: dict[str, Any]) -> Setting[str] | None:
    if "round" not in data:
        return None
    name = reader.text(data["round"], ("round",))
    if name is None:
        return None
    if name.strip() not in reader.vocabulary.rounds:
        known = ", ".join(sorted(reader.vocabulary.rounds)) or "-"
        reader.report(c.UNKNOWN_ROUND, ("round",), value=quote(name, reader.lang), known=known)
        return None
    return reader.setting(name.strip(), ("round",))


def _catalog(reader: Reader, data: dict[str, Any], repo_root: Path) -> Setting[Path] | None:
    if "catalog" not in data:
        return None
    text = reader.text(data["catalog"], ("catalog",))
    found = reader.repo_path(text, ("catalog",), repo_root) if text is not None else None
    return reader.setting(found, ("catalog",)) if found is not None else None


def _date_setting(reader: Reader, data: dict[str, Any], key: str) -> Setting[Any] | None:
    if key not in data:
        return None
    value = reader.date(data[key], (key,))
    return reader.setting(value, (key,)) if value is not None else None


def _exclude(reader: Reader, data: dict[str, Any]) -> Setting[tuple[str, ...]] | None:
    if "exclude" not in data:
        return None
    patterns = reader.patterns(data["exclude"], ("exclude",))
    return reader.setting(patterns, ("exclude",)) if patterns is not None else None


def _per_file_ignores(
    reader: Reader, data: dict[str, Any]
) -> tuple[Setting[tuple[str, tuple[str, ...]]], ...]:
    table = reader.table(data, "per-file-ignores")
    found = []
    for pattern, value in (table or {}).items():
        path = ("per-file-ignores", pattern)
        ok = reader.pattern(pattern, path)
        selected = reader.codes(value, path)
        if ok and selected is not None:
            found.append(reader.setting((pattern, selected), path))
    return tuple(found)


def _waivers(reader: Reader, data: dict[str, Any]) -> tuple[Waiver, ...]:
    value = data.get("waivers")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        reader.wrong_type(("waivers",), "waivers", value)
        return ()
    waivers = (_waiver(reader, item, number) for number, item in enumerate(value, start=1))
    return tuple(waiver for waiver in waivers if waiver is not None)


def _waiver(reader: Reader, table: dict[str, Any], number: int) -> Waiver | None:
    path: tuple[str | int, ...] = ("waivers", number - 1)
    reader.keys(table, path, WAIVER_KEYS)
    texts = {
        key: reader.text(table[key], (*path, key)) if key in table else None
        for key in ("code", "filing", "unit", "path", "reason", "approved-by")
    }
    code = (texts["code"] or "").strip().upper()
    if texts["code"] is not None and code not in reader.vocabulary.codes:
        reader.unknown_code((*path, "code"), texts["code"], prefix=False)
    dates = {
        key: reader.date(table[key], (*path, key)) if key in table else None
        for key in ("approved-on", "expires")
    }
    _waiver_target(reader, path, number, code, table)
    if texts["filing"] is not None:
        reader.pattern(texts["filing"], (*path, "filing"))
    approved, expires = dates["approved-on"], dates["expires"]
    if approved is not None and expires is not None and expires < approved:
        reader.report(
            c.CONFLICT, (*path, "expires"), first="expires", second="approved-on",
            why=Msg("到期日早于批准日期", "it expires before it was approved").get(reader.lang),
        )  # fmt: skip
    origin = reader.origin(path)
    return Waiver(
        number=number, code=code, filing=texts["filing"], unit=texts["unit"],
        path=(texts["path"] or "").strip() or None, reason=texts["reason"] or "",
        approved_by=texts["approved-by"] or "", approved_on=approved, expires=expires,
        file=origin.file, line=origin.line, column=origin.column,
    )  # fmt: skip


def _waiver_target(
    reader: Reader, path: tuple[str | int, ...], number: int, code: str, table: dict[str, Any]
) -> None:
    """C009 when a waiver does not say which code, or which one filing, it is about."""
    if "code" not in table:
        what = _NEEDS["code"].get(reader.lang)
        reader.report(
            c.WAIVER_WITHOUT_TARGET, path, at_value=False, number=number, code="-", what=what
        )
    if ("filing" in table) == ("unit" in table):
        what = _NEEDS["filing"].get(reader.lang)
        reader.report(
            c.WAIVER_WITHOUT_TARGET,
            path,
            at_value=False,
            number=number,
            code=code or "-",
            what=what,
        )
