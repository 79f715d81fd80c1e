"""A parsed YAML file: plain values plus the line and column of every path in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjzn.diagnostics import Fix

__all__ = ["Document", "Location", "PathKey", "dotted"]

#: A path into a document: mapping keys and list indexes (`("key_work", 1, "code")`).
PathKey = tuple[str | int, ...]


@dataclass(slots=True)
class Location:
    """Where a value sits: its key (for mapping entries) and the value itself, 1-based."""

    key_line: int
    key_column: int
    line: int
    column: int
    empty: bool = False  # written as nothing (`mobile:`): point at the key instead


@dataclass
class Document:
    """A parsed file: plain values (every scalar its exact source text) and their locations."""

    file: str
    data: dict[str, Any]
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the node at `path`, or of its nearest existing parent."""
        probe = tuple(path)
        while probe:
            location = self.locations.get(probe)
            if location is not None:
                if location.empty or probe != tuple(path):
                    return location.key_line, location.key_column
                return location.line, location.column
            probe = probe[:-1]
        return 1, 1

    def locate_key(self, path: PathKey) -> tuple[int, int]:
        """Line and column of the key of `path` (for unknown and duplicate keys)."""
        location = self.locations.get(tuple(path))
        if location is not None:
            return location.key_line, location.key_column
        return self.locate(path)

    def fix_at(self, path: PathKey, old: str, new: str, *, key: bool = False) -> Fix | None:
        """A fix that writes `new` where the value (or the key) at `path` reads `old`."""
        location = self.locations.get(tuple(path))
        if location is None or not old or "\n" in old or (location.empty and not key):
            return None
        if key:
            return Fix(location.key_line, location.key_column, old, new)
        return Fix(location.line, location.column, old, new)


def dotted(path: PathKey) -> str:
    """The contract's dotted path: `key_work.1.code`, `basic_work.B3.2`."""
    return ".".join(str(part) for part in path)
