"""A run's `cjzn.toml` policy: which config applies to each filing, and what it does to the
filing's problems (select/ignore, per-file ignores, warn, waivers) and to discovery (exclude).

Each filing gets the nearest `cjzn.toml` above it (or `--config FILE`, or none with
`--no-config`), merged with the command line (`cjzn.config.effective`). A file
that could not be read keeps every problem: nothing can be ignored or waived
about a filing nobody could check.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from cjzn.check.result import FileResult
from cjzn.config import (
    ConfigFile,
    Effective,
    Vocabulary,
    Waiver,
    WaiverState,
    effective,
    find_config,
    forget_configs,
    glob_match,
    load_config,
)
from cjzn.config.codes import WAIVER_EXPIRED, WAIVER_INCOMPLETE, WAIVER_UNUSED
from cjzn.config.globs import normalise_pattern
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.errors import UsageError
from cjzn.guide import Catalogs, bundled_rounds, catalog_for_round
from cjzn.i18n import Msg
from cjzn.options import Options, effective_as_of
from cjzn.rules import ALL_CODES

__all__ = ["Policy", "vocabulary"]

_NO_CONFIG_FILE = Msg("--config 文件不存在：{path}", "--config file does not exist: {path}")


def vocabulary() -> Vocabulary:
    """Every code cjzn has and every bundled round: what a `cjzn.toml` may name."""
    return Vocabulary(codes=frozenset(ALL_CODES), rounds=tuple(bundled_rounds()))


@dataclass
class _Usage:
    """What the run did with one config's waivers."""

    used: set[int] = field(default_factory=set)  # waiver numbers that waived something
    checked: list[tuple[str | None, str | None]] = field(default_factory=list)  # (relative, unit)


@dataclass
class Policy:
    """The configs of one run, loaded once each, and how they apply to each filing."""

    options: Options
    catalog_option: Path | None = None
    walked: list[Path] = field(default_factory=list)  # folders given on the command line
    excluded: list[Path] = field(default_factory=list)  # files `exclude` kept out
    _configs: dict[Path | None, Effective] = field(default_factory=dict)
    _by_folder: dict[str, Effective] = field(default_factory=dict)
    _catalogs: dict[tuple[Path | None, str | None], Catalogs] = field(default_factory=dict)
    _usage: dict[Path, _Usage] = field(default_factory=dict)

    def __post_init__(self) -> None:
        forget_configs()
        given = self.options.config if not self.options.no_config else None
        if given is not None and not given.is_file():
            raise UsageError(_NO_CONFIG_FILE.fill(path=self.options.config))

    # -- which config ---------------------------------------------------------------------------

    def config_path(self, filing: Path) -> Path | None:
        if self.options.no_config:
            return None
        if self.options.config is not None:
            return self.options.config
        return find_config(filing.parent if not filing.is_dir() else filing)

    def for_file(self, filing: Path) -> Effective:
        """The effective settings of `filing` (raises `ConfigError` for a broken cjzn.toml)."""
        folder = str(filing.parent)  # filings share folders: one look-up per folder
        if folder in self._by_folder and not filing.is_dir():
            return self._by_folder[folder]
        path = self.config_path(filing)
        key = Path(os.path.abspath(path)) if path is not None else None
        if key not in self._configs:
            config = load_config(key, vocabulary(), self.options.lang) if key else None
            self._configs[key] = effective(config, self.options, self.catalog_option)
        if not filing.is_dir():
            self._by_folder[folder] = self._configs[key]
        return self._configs[key]

    def catalogs(self, settings: Effective) -> Catalogs:
        """The catalogs of the filings under `settings` (its catalog file or pinned round)."""
        key = (settings.catalog.value, settings.round.value)
        if key not in self._catalogs:
            if settings.round.value is not None:
                self._catalogs[key] = Catalogs(catalog_for_round(settings.round.value))
            else:
                self._catalogs[key] = Catalogs.from_option(settings.catalog.value)
        return self._catalogs[key]

    def is_excluded(self, path: Path) -> bool:
        """Whether `exclude` of the config above the filing `path` keeps it out of the run."""
        settings = self.for_file(path)
        if settings.config is None or not settings.exclude.value:
            return False
        relative = settings.config.relative(path)
        if not relative or not any(glob_match(p, relative) for p in settings.exclude.value):
            return False
        self.excluded.append(path)
        return True

    def run_as_of(self) -> date:
        """The day the run judges by: `--as-of`, else the one `as-of` its configs agree on."""
        days = {settings.as_of.value for settings in self._configs.values()}
        if self.options.as_of is not None:
            return self.options.as_of
        return effective_as_of(days.pop() if len(days) == 1 else None)

    # -- applying it to results ---------------------------------------------------------------

    def apply(self, result: FileResult) -> None:
        """Drop what is not reported, lower `warn` codes, set waived problems aside."""
        if result.path is None or not result.readable:
            return  # a filing nobody could read keeps every problem
        settings = self.for_file(result.path)
        config = settings.config
        relative = config.relative(result.path) if config else None
        unit = result.unit.name if result.unit is not None else None
        usage = self._usage.setdefault(config.path, _Usage()) if config else None
        if usage is not None:
            usage.checked.append((relative, unit))
        as_of = effective_as_of(settings.options(self.options).as_of)
        kept: list[Diagnostic] = []
        # a review file's problems are matched by its own path (and the filing's unit)
        places: dict[str, str | None] = {result.file: relative}
        for diagnostic in result.diagnostics:
            if diagnostic.file not in places:
                places[diagnostic.file] = config.relative(Path(diagnostic.file)) if config else None
            where = places[diagnostic.file]
            if not settings.reports(diagnostic.code, where):
                continue
            waiver = _first_active(settings.waivers, diagnostic, where, unit, as_of)
            if waiver is None or usage is None:
                kept.append(settings.severity(diagnostic))
                continue
            usage.used.add(waiver.number)
            result.waived.append(replace(diagnostic, waived=waiver.record()))
        result.diagnostics = kept

    def waiver_problems(self) -> list[Diagnostic]:
        """C010–C012 for the waivers this run can judge (see `_in_scope`), by each config's rules."""
        found: list[Diagnostic] = []
        for settings in self._configs.values():
            config = settings.config
            if config is None or not config.waivers:
                continue
            usage = self._usage.get(config.path, _Usage())
            as_of = effective_as_of(settings.options(self.options).as_of)
            for waiver in config.waivers:
                if not self._in_scope(config, waiver, usage):
                    continue
                problem = _state_problem(waiver, as_of, waiver.number in usage.used, self.options)
                if problem is not None and settings.reports(problem.code, ""):
                    found.append(settings.severity(problem))
        return sorted(found, key=sort_key)

    def _in_scope(self, config: ConfigFile, waiver: Waiver, usage: _Usage) -> bool:
        """Whether the run checked the filing a waiver names, or walked the folder it is in."""
        if any(waiver.covers(relative, unit) for relative, unit in usage.checked):
            return True
        for folder in self.walked:
            if _contains(folder, config.root):  # the config's own folder, or one above it
                return True
            inside = config.relative(folder)
            if inside is not None and waiver.filing and _prefix_overlaps(waiver.filing, inside):
                return True
        return False

    def groups(self, files: Sequence[Path]) -> Iterator[tuple[Effective, list[int]]]:
        """The run's files by the settings they are checked with (indexes in run order)."""
        by_config: dict[int, tuple[Effective, list[int]]] = {}
        for index, path in enumerate(files):
            settings = self.for_file(path)
            by_config.setdefault(id(settings), (settings, []))[1].append(index)
        yield from by_config.values()


def _contains(folder: Path, inner: Path) -> bool:
    return Path(os.path.abspath(inner)).is_relative_to(os.path.abspath(folder))


def _prefix_overlaps(pattern: str, folder: str) -> bool:
    """Whether files `pattern` names could lie inside `folder` (both relative to the config)."""
    text = normalise_pattern(pattern)
    if "/" not in text:
        return True  # a bare name matches at any depth
    fixed = list(
        itertools.takewhile(lambda part: not any(c in part for c in "*?["), text.split("/"))
    )
    prefix = "/".join(fixed)
    return (
        not prefix
        or prefix == folder
        or prefix.startswith(folder + "/")
        or folder.startswith(prefix + "/")
    )


def _first_active(
    waivers: Sequence[Waiver], diagnostic: Diagnostic, relative: str | None, unit: str | None,
    as_of: date,
) -> Waiver | None:  # fmt: skip
    for waiver in waivers:
        if (
            waiver.covers(relative, unit)
            and waiver.matches(diagnostic)
            and waiver.state(as_of) is WaiverState.ACTIVE
        ):
            return waiver
    return None


def _state_problem(waiver: Waiver, as_of: date, used: bool, options: Options) -> Diagnostic | None:
    """The diagnostic of a waiver that does not apply (incomplete, expired) or waived nothing."""
    lang = options.lang
    missing = waiver.missing(lang)
    if missing:
        return waiver.diagnostic(WAIVER_INCOMPLETE, lang, missing=missing)
    if waiver.expires is not None and waiver.expires < as_of:
        return waiver.diagnostic(
            WAIVER_EXPIRED, lang, expires=waiver.expires.isoformat(), approved_by=waiver.approved_by
        )
    # a run judged before the waiver was approved (an early --as-of) cannot call it stale:
    # the problems it waives may not be due yet on that day
    judged_after = waiver.approved_on is None or waiver.approved_on <= as_of
    if not used and judged_after:
        return waiver.diagnostic(WAIVER_UNUSED, lang)
    return None
