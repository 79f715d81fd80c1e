"""`cjzn config --show`: the effective settings of a filing or folder, and where each came from.

Rows of (setting, value, origin) for people, and a JSON document for tools;
both pure functions of an `Effective` (nothing is checked here).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cjzn.config.effective import Effective
from cjzn.config.settings import DEFAULT, Origin, Setting
from cjzn.config.waivers import Waiver, WaiverState
from cjzn.i18n import Msg, join

__all__ = ["Row", "settings_json", "settings_rows"]

Row = tuple[str, str, str]  # setting, value, origin

_W = {
    "all": Msg("（全部代码）", "(every code)"),
    "hook": Msg("（加 --hook 时）", " (with --hook)"),
    "none": Msg("（无）", "(none)"),
    "today": Msg("今天（上海时间）：{today}", "today in Shanghai: {today}"),
    "by_filing": Msg(
        "（由每份备案的 round: 决定，内置轮次）", "(each filing's round:, bundled rounds)"
    ),
    "waiver": Msg("第 {number} 条 {code} {filing}：{state}", "#{number} {code} {filing}: {state}"),
    WaiverState.ACTIVE.value: Msg("有效，到期 {expires}", "applies, expires {expires}"),
    WaiverState.EXPIRED.value: Msg(
        "已于 {expires} 到期，不生效", "expired on {expires}, does not apply"
    ),
    WaiverState.INCOMPLETE.value: Msg("缺少 {missing}，不生效", "lacks {missing}, does not apply"),
}


def _codes(setting: Setting[Any], lang: str, empty: Msg) -> str:
    value = setting.value
    return join(value, lang) if value else empty.get(lang)


def settings_rows(settings: Effective, lang: str, today: date) -> list[Row]:
    """One row per setting (waivers one row each), in the order of a `cjzn.toml`."""

    def where(origin: Origin) -> str:
        return origin.describe(lang)

    as_of = settings.as_of.value
    source = settings.catalog.value or settings.round.value
    rows: list[Row] = [
        ("round / catalog", str(source) if source else _W["by_filing"].get(lang),
         where(settings.catalog.origin if settings.catalog.value else settings.round.origin)),
        ("as-of", as_of.isoformat() if as_of else _W["today"].format(lang, today=today),
         where(settings.as_of.origin)),
        ("select", _codes(settings.select, lang, _W["all"]), where(settings.select.origin)),
        ("ignore", _codes(settings.ignore, lang, _W["none"]), where(settings.ignore.origin)),
        ("warn", _codes(settings.warn, lang, _W["none"]), where(settings.warn.origin)),
        ("exclude", _codes(settings.exclude, lang, _W["none"]), where(settings.exclude.origin)),
    ]  # fmt: skip
    return [*rows, *_file_rows(settings, lang, as_of or today)]


def _file_rows(settings: Effective, lang: str, judged: date) -> list[Row]:
    """What only a cjzn.toml holds: its [hook] table, per-file ignores and waivers."""
    config = settings.config
    rows: list[Row] = []
    if config is not None:
        for key in ("select", "ignore", "warn"):
            written: Setting[Any] | None = getattr(config.hook, key)
            if written is not None:
                origin = f"{written.origin.describe(lang)}{_W['hook'].get(lang)}"
                rows.append((f"[hook] {key}", _codes(written, lang, _W["none"]), origin))
    ignores = config.per_file_ignores if config is not None else ()
    if not ignores:
        rows.append(("per-file-ignores", _W["none"].get(lang), DEFAULT.describe(lang)))
    for entry in ignores:
        pattern, codes = entry.value
        rows.append(
            ("per-file-ignores", f"{pattern}: {join(codes, lang)}", entry.origin.describe(lang))
        )
    for waiver in settings.waivers:
        state = waiver.state(judged)
        text = _W[state.value].format(
            lang, expires=waiver.expires or "-", missing=waiver.missing(lang)
        )
        value = _W["waiver"].format(
            lang, number=waiver.number, code=waiver.code, filing=waiver.names, state=text
        )
        rows.append(
            ("waivers", value, Origin(waiver.file, waiver.line, waiver.column).describe(lang))
        )
    return rows


def _waiver_json(waiver: Waiver, as_of: date) -> dict[str, Any]:
    return {
        "number": waiver.number,
        "code": waiver.code,
        "filing": waiver.filing,
        "unit": waiver.unit,
        "path": waiver.path,
        "reason": waiver.reason,
        "approved_by": waiver.approved_by,
        "approved_on": waiver.approved_on.isoformat() if waiver.approved_on else None,
        "expires": waiver.expires.isoformat() if waiver.expires else None,
        "state": waiver.state(as_of).value,
        "origin": waiver.source,
    }


def _origin(origin: Origin) -> str:
    if origin.option:
        return origin.option
    return f"{origin.file}:{origin.line}:{origin.column}" if origin.file else "default"


def settings_json(settings: Effective, today: date) -> dict[str, Any]:
    """The effective settings as data: `{"config", "settings": {name: {value, origin}}, ...}`."""
    config = settings.config

    def entry(setting: Setting[Any]) -> dict[str, Any]:
        value = setting.value
        if isinstance(value, tuple):
            value = list(value)
        elif value is not None and not isinstance(value, str):
            value = str(value)
        return {"value": value, "origin": _origin(setting.origin)}

    as_of = settings.as_of.value or today
    return {
        "config": config.file if config is not None else None,
        "settings": {
            "round": entry(settings.round),
            "catalog": entry(settings.catalog),
            "as-of": entry(settings.as_of),
            "select": entry(settings.select),
            "ignore": entry(settings.ignore),
            "warn": entry(settings.warn),
            "exclude": entry(settings.exclude),
        },
        "per-file-ignores": [
            {"pattern": e.value[0], "codes": list(e.value[1]), "origin": _origin(e.origin)}
            for e in (config.per_file_ignores if config is not None else ())
        ],
        "waivers": [_waiver_json(waiver, as_of) for waiver in settings.waivers],
    }
