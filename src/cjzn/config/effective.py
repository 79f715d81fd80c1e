"""The settings a filing is checked with: defaults < `cjzn.toml` < its `[hook]` table
(with `--hook`) < the command line. Each value keeps its origin for `cjzn config --show`.

Which problems are reported (`reports`): a code is reported when `select`
(default: every code) matches it and neither `ignore` nor the filing's
`per-file-ignores` do; a selector is a code or a prefix (`T`, `T10`, `V006`).
`warn` turns the errors of its codes into warnings (the hook reports deadline
problems without blocking a commit).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from cjzn.config.globs import glob_match
from cjzn.config.settings import DEFAULT, CodeSettings, ConfigFile, Origin, Setting
from cjzn.config.waivers import Waiver
from cjzn.diagnostics import Diagnostic, Severity
from cjzn.options import Options

__all__ = ["Effective", "effective", "selected"]


def selected(code: str, selectors: tuple[str, ...]) -> bool:
    """Whether `code` is one of `selectors` or starts with one of them."""
    return any(code.startswith(selector) for selector in selectors)


@dataclass(frozen=True)
class Effective:
    """Everything about how the filings under one `cjzn.toml` (or none) are checked."""

    config: ConfigFile | None
    select: Setting[tuple[str, ...] | None]  # None: every code
    ignore: Setting[tuple[str, ...]]
    warn: Setting[tuple[str, ...]]
    as_of: Setting[date | None]  # None: today in Shanghai
    catalog: Setting[Path | None]  # a catalog file (option or config)
    round: Setting[str | None]  # a bundled round the config pins
    exclude: Setting[tuple[str, ...]]

    @property
    def waivers(self) -> tuple[Waiver, ...]:
        return self.config.waivers if self.config is not None else ()

    def options(self, base: Options) -> Options:
        """The run's options with this config's `as-of` when the command line gave none."""
        if base.as_of is None and self.as_of.value is not None:
            return replace(base, as_of=self.as_of.value)
        return base

    def reports(self, code: str, relative: str | None) -> bool:
        """Whether a problem of `code` in the filing at `relative` (to the config) is shown."""
        chosen = self.select.value
        if chosen is not None and not selected(code, chosen):
            return False
        if selected(code, self.ignore.value):
            return False
        if self.config is None or relative is None:
            return True
        return not any(
            glob_match(pattern, relative) and selected(code, codes)
            for pattern, codes in (entry.value for entry in self.config.per_file_ignores)
        )

    def severity(self, diagnostic: Diagnostic) -> Diagnostic:
        """An error of a `warn` code, reported as a warning."""
        if diagnostic.is_error and selected(diagnostic.code, self.warn.value):
            return replace(diagnostic, severity=Severity.WARNING)
        return diagnostic


def _pick(
    option: tuple[str, ...] | None,
    option_name: str,
    file_value: Setting[tuple[str, ...]] | None,
    hook_value: Setting[tuple[str, ...]] | None,
    default: tuple[str, ...] | None,
) -> Setting[tuple[str, ...] | None]:
    if option is not None:
        return Setting(option, Origin(option=option_name))
    if hook_value is not None:
        return Setting(hook_value.value, hook_value.origin)
    if file_value is not None:
        return Setting(file_value.value, file_value.origin)
    return Setting(default, DEFAULT)


def effective(
    config: ConfigFile | None, options: Options, catalog_option: Path | None = None
) -> Effective:
    """Merge the defaults, `config` (its `[hook]` when `options.hook`) and the command line."""
    codes = config.codes if config is not None else CodeSettings()
    hook = config.hook if config is not None and options.hook else CodeSettings()
    ignore = _pick(options.ignore, "--ignore", codes.ignore, hook.ignore, ())
    warn = _pick(None, "", codes.warn, hook.warn, ())
    as_of: Setting[date | None] = Setting(None, DEFAULT)
    if options.as_of is not None:
        as_of = Setting(options.as_of, Origin(option="--as-of"))
    elif config is not None and config.as_of is not None:
        as_of = Setting(config.as_of.value, config.as_of.origin)
    catalog: Setting[Path | None] = Setting(None, DEFAULT)
    round_name: Setting[str | None] = Setting(None, DEFAULT)
    if catalog_option is not None:
        catalog = Setting(catalog_option, Origin(option="--catalog"))
    elif config is not None and config.catalog is not None:
        catalog = Setting(config.catalog.value, config.catalog.origin)
    elif config is not None and config.round is not None:
        round_name = Setting(config.round.value, config.round.origin)
    exclude: Setting[tuple[str, ...]] = Setting((), DEFAULT)
    if config is not None and config.exclude is not None:
        exclude = config.exclude
    return Effective(
        config=config,
        select=_pick(options.select, "--select", codes.select, hook.select, None),
        ignore=Setting(ignore.value or (), ignore.origin),
        warn=Setting(warn.value or (), warn.origin),
        as_of=as_of,
        catalog=catalog,
        round=round_name,
        exclude=exclude,
    )
