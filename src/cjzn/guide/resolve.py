"""Which catalog applies: the one place that turns `--round`/`--catalog`/`round:` into a guide.

Every command asks a `Catalogs`: `validate` and `render` for each filing's
`round:`, `init`, `schema` and `catalog` for `--round`, `--stage` for its
choices, the dashboard for a default. With `--catalog FILE` that file is the
only round there is; without it, the rounds bundled with cjzn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.guide.load import load_catalog
from cjzn.guide.models import Catalog
from cjzn.i18n import Msg
from cjzn.resources import rounds_dir

__all__ = ["Catalogs", "bundled_rounds", "catalog_for_round", "resolve_catalog"]

_NO_CATALOG_FILE = Msg("目录文件不存在：{path}", "catalog file does not exist: {path}")
_OTHER_ROUND = Msg(
    "--round {name} 与目录文件的轮次 {round} 不一致",
    "--round {name} does not match the catalog's round {round}",
)
_UNKNOWN_ROUND = Msg(
    "未知的创建轮次 {name}；已知轮次：{known}", "unknown round {name}; known rounds: {known}"
)


def bundled_rounds() -> dict[str, Path]:
    """The round catalogs that ship with cjzn: round name (file stem) -> file."""
    directory = rounds_dir()
    if not directory.is_dir():
        return {}
    return {path.stem: path for path in sorted(directory.glob("*.yaml"))}


@functools.lru_cache(maxsize=16)
def catalog_for_round(round_name: str) -> Catalog | None:
    """The bundled catalog of `round_name`, or None when cjzn has none for it."""
    path = bundled_rounds().get(round_name)
    return load_catalog(path) if path is not None else None


@dataclass(frozen=True)
class Catalogs:
    """The catalogs of a run: `override` (`--catalog FILE`) or the bundled rounds."""

    override: Catalog | None = None

    @classmethod
    def from_option(cls, catalog_path: Path | None) -> Catalogs:
        """Raises `UsageError` for a missing file and `CatalogError` for a broken one."""
        if catalog_path is None:
            return cls()
        if not catalog_path.exists():  # anything else that is not a file: load_catalog says what
            raise UsageError(_NO_CATALOG_FILE.fill(path=catalog_path))
        return cls(load_catalog(catalog_path))

    def known_rounds(self) -> list[str]:
        return [self.override.round] if self.override else sorted(bundled_rounds())

    def for_round(self, round_name: str) -> Catalog | None:
        """The catalog of a filing's `round:`; None when the run has none for it."""
        name = round_name.strip()
        if self.override is not None:
            return self.override if name == self.override.round else None
        return catalog_for_round(name)

    def default(self) -> Catalog:
        """`--catalog`, else the newest bundled round: names fields when a round is unknown."""
        return self.choose(None)

    def choose(self, round_name: str | None) -> Catalog:
        """The catalog of `--round` (default: the newest); `UsageError` when there is none."""
        rounds = self.known_rounds()
        name = round_name if round_name is not None else (rounds[-1] if rounds else "")
        catalog = self.for_round(name) if name else None
        if catalog is not None:
            return catalog
        if self.override is not None:
            raise UsageError(_OTHER_ROUND.fill(name=name, round=self.override.round))
        raise UsageError(_UNKNOWN_ROUND.fill(name=name, known=", ".join(rounds) or "-"))

    def stage_codes(self) -> list[str]:
        """The stage codes `--stage` accepts: those of every round of the run."""
        codes: list[str] = []
        for name in self.known_rounds():
            catalog = self.for_round(name)
            codes.extend(c for c in (catalog.stage_codes() if catalog else []) if c not in codes)
        return codes


def resolve_catalog(round_name: str | None = None, catalog_path: Path | None = None) -> Catalog:
    """The catalog for `--round` / `--catalog` (newest bundled round by default)."""
    return Catalogs.from_option(catalog_path).choose(round_name)
