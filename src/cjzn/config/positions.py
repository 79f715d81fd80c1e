"""Where each key and value of a TOML text is written: line and column for every path.

Python's `tomllib` (and `tomli`) give values without positions, yet a wrong
setting must be reported at its `file:line:column`. This is a small scanner of
TOML's *structure* only — table headers, (dotted, quoted) keys, arrays and
inline tables, strings skipped whole — run on a text that `tomllib` has already
accepted, so it need not report syntax errors. Each path is a tuple of keys and
list indexes, exactly as `tomllib`'s data is addressed: `("waivers", 0, "code")`
for the `code` of the first `[[waivers]]`, `("select", 1)` for the second code
of `select = [...]`. Keys and the start of values are recorded; a string key is
decoded by `tomllib` itself, so the names agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cjzn.config.tomlparser import tomllib

__all__ = ["Positions", "TomlPath", "scan"]

TomlPath = tuple[str | int, ...]
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}#\r\n]*")
_SPACE = " \t"


@dataclass
class Positions:
    """1-based (line, column) of every key and every value start, by path."""

    keys: dict[TomlPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[TomlPath, tuple[int, int]] = field(default_factory=dict)

    def key(self, path: TomlPath) -> tuple[int, int]:
        """Where the key of `path` is written; its nearest written parent when it is not."""
        return self._nearest(self.keys, path)

    def value(self, path: TomlPath) -> tuple[int, int]:
        """Where the value of `path` starts; else where its key (or a parent) is."""
        if path in self.values:
            return self.values[path]
        return self.key(path)

    def _nearest(self, table: dict[TomlPath, tuple[int, int]], path: TomlPath) -> tuple[int, int]:
        for end in range(len(path), 0, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.positions = Positions()
        self.tables: dict[TomlPath, int] = {}  # array of tables -> its last index
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    # -- positions and characters -------------------------------------------------------------

    def where(self, offset: int) -> tuple[int, int]:
        line = _bisect(self.line_starts, offset)
        return line + 1, offset - self.line_starts[line] + 1

    def peek(self, count: int = 1) -> str:
        return self.text[self.at : self.at + count]

    def skip(self, newlines: bool = False) -> None:
        """Spaces, comments and (inside arrays) newlines."""
        while self.at < len(self.text):
            char = self.text[self.at]
            if char in _SPACE or (newlines and char in "\r\n"):
                self.at += 1
            elif char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end == -1 else end
            else:
                return

    # -- the document ---------------------------------------------------------------------------

    def document(self) -> Positions:
        table: TomlPath = ()
        while self.at < len(self.text):
            self.skip(newlines=True)
            if self.at >= len(self.text):
                break
            if self.peek() == "[":
                table = self.header()
            else:
                self.pair(table)
        return self.positions

    def header(self) -> TomlPath:
        start = self.at
        double = self.peek(2) == "[["
        self.at += 2 if double else 1
        keys = [name for name, _ in self.keys()]
        self.at += 2 if double else 1
        path: list[str | int] = []
        for number, key in enumerate(keys):
            path.append(key)
            if number == len(keys) - 1 and double:
                index = self.tables.get(tuple(path), -1) + 1
                self.tables[tuple(path)] = index
                self.positions.keys.setdefault(tuple(path), self.where(start))
                path.append(index)
            elif tuple(path) in self.tables:
                path.append(self.tables[tuple(path)])
        self.positions.keys.setdefault(tuple(path), self.where(start))
        return tuple(path)

    def keys(self) -> list[tuple[str, int]]:
        """A dotted key (`a."b c".d`) as (name, offset) parts; the scanner stands after it."""
        names: list[tuple[str, int]] = []
        while True:
            self.skip()
            start = self.at
            names.append((self.key_name(), start))
            self.skip()
            if self.peek() != ".":
                return names
            self.at += 1

    def key_name(self) -> str:
        if self.peek() in "\"'":
            start = self.at
            self.string()
            return _decode_key(self.text[start : self.at])
        match = _BARE.match(self.text, self.at)
        if match is None:  # not TOML (tomllib would have said so): stop here
            self.at = len(self.text)
            return ""
        self.at = match.end()
        return match.group()

    def pair(self, table: TomlPath) -> None:
        parts = self.keys()
        for number, (_name, start) in enumerate(parts):
            path = (*table, *(name for name, _ in parts[: number + 1]))
            self.positions.keys.setdefault(path, self.where(start))
        self.at += 1  # "="
        self.skip()
        self.value((*table, *(name for name, _ in parts)))

    # -- values -----------------------------------------------------------------------------

    def value(self, path: TomlPath) -> None:
        self.positions.values[path] = self.where(self.at)
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char == "[":
            self.array(path)
        elif char == "{":
            self.inline_table(path)
        else:  # number, boolean, date or time: up to a separator
            match = _SCALAR.match(self.text, self.at)
            self.at = match.end() if match else len(self.text)

    def array(self, path: TomlPath) -> None:
        self.at += 1
        index = 0
        while True:
            self.skip(newlines=True)
            if self.peek() in ("]", ""):
                self.at += 1
                return
            self.value((*path, index))
            index += 1
            self.skip(newlines=True)
            if self.peek() == ",":
                self.at += 1

    def inline_table(self, path: TomlPath) -> None:
        self.at += 1
        while True:
            self.skip()
            if self.peek() in ("}", ""):
                self.at += 1
                return
            self.pair(path)
            self.skip()
            if self.peek() == ",":
                self.at += 1

    def string(self) -> None:
        quote = self.peek()
        triple = self.peek(3) == quote * 3
        self.at += 3 if triple else 1
        closing = quote * 3 if triple else quote
        while self.at < len(self.text):
            if quote == '"' and self.text[self.at] == "\\":
                self.at += 2
                continue
            if self.text.startswith(closing, self.at):
                self.at += len(closing)
                while triple and self.peek() == quote:  # `""""` ends with a quote inside
                    self.at += 1
                return
            self.at += 1


def _bisect(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _decode_key(token: str) -> str:
    """A quoted key as TOML reads it (escapes and all), by asking the TOML parser."""
    return next(iter(tomllib.loads(f"{token} = 0")), "")


def scan(text: str) -> Positions:
    """The positions of every key and value of a TOML text `tomllib` has accepted."""
    return _Scanner(text).document()
