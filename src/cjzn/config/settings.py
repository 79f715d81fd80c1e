"""What a `cjzn.toml` says, each value with where it came from (`Origin`).

`cjzn config --show` prints the origins; the pipeline reads the values. The
merge of defaults, the file, its `[hook]` table and the command line happens
in `effective`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from cjzn.config.waivers import Waiver
from cjzn.diagnostics import Diagnostic
from cjzn.errors import CjznError
from cjzn.i18n import Msg

__all__ = [
    "DEFAULT",
    "CodeSettings",
    "ConfigError",
    "ConfigFile",
    "Origin",
    "Setting",
    "display_path",
]

T = TypeVar("T")

_DEFAULT = Msg("默认", "default")
_OPTION = Msg("命令行 {option}", "option {option}")


@dataclass(frozen=True)
class Origin:
    """Where a value came from: the default, a place in a file, or a command-line option."""

    file: str = ""
    line: int = 0
    column: int = 0
    option: str = ""

    def describe(self, lang: str) -> str:
        if self.option:
            return _OPTION.format(lang, option=self.option)
        if self.file:
            return f"{self.file}:{self.line}:{self.column}"
        return _DEFAULT.get(lang)


DEFAULT = Origin()


@dataclass(frozen=True)
class Setting(Generic[T]):
    """A value and its origin."""

    value: T
    origin: Origin


@dataclass(frozen=True)
class CodeSettings:
    """`select`, `ignore` and `warn` of the top level or of `[hook]` (None: not written)."""

    select: Setting[tuple[str, ...]] | None = None
    ignore: Setting[tuple[str, ...]] | None = None
    warn: Setting[tuple[str, ...]] | None = None


@dataclass(frozen=True)
class ConfigFile:
    """One `cjzn.toml`, read and checked. Paths inside it are relative to `root`."""

    path: Path  # absolute
    file: str  # as diagnostics name it
    root: Path  # its folder (absolute)
    codes: CodeSettings = CodeSettings()
    hook: CodeSettings = CodeSettings()
    round: Setting[str] | None = None
    catalog: Setting[Path] | None = None  # absolute, inside the repo
    as_of: Setting[date] | None = None
    exclude: Setting[tuple[str, ...]] | None = None
    per_file_ignores: tuple[Setting[tuple[str, tuple[str, ...]]], ...] = ()
    waivers: tuple[Waiver, ...] = ()

    def relative(self, path: Path) -> str | None:
        """`path` relative to the config's folder (POSIX), None when it is not under it."""
        absolute = os.path.abspath(path)
        try:
            relative = os.path.relpath(absolute, self.root)
        except ValueError:  # another drive on Windows
            return None
        if relative == os.curdir:
            return ""
        if relative.startswith(os.pardir):
            return None
        return relative.replace(os.sep, "/")


class ConfigError(CjznError):
    """A `cjzn.toml` that cannot be used (exit 2): every located problem, in the run's language."""

    _HEAD = Msg(
        "{file} 有 {count} 处错误，未检查任何备案：",
        "{file} has {count} problem(s); nothing was checked:",
    )
    _HINT = Msg("提示：", "hint: ")
    _WORD = Msg("错误", "error")

    def __init__(self, file: str, diagnostics: Sequence[Diagnostic], lang: str) -> None:
        self.file = file
        self.diagnostics = list(diagnostics)
        self.lang = lang
        super().__init__(self.text(lang))

    def __reduce__(self) -> tuple[type[ConfigError], tuple[str, list[Diagnostic], str]]:
        """Made again from its problems (an error may cross from a worker process)."""
        return (ConfigError, (self.file, self.diagnostics, self.lang))

    def text(self, lang: str | None = None) -> str:
        """The problems as the CLI prints them; their messages were worded in `self.lang`
        (the run's), the heading and labels are in `lang` (default: the same)."""
        lang = lang or self.lang
        lines = [self._HEAD.format(lang, file=self.file, count=len(self.diagnostics))]
        for d in self.diagnostics:
            lines.append(
                f"  {d.file}:{d.line}:{d.column}  {self._WORD.get(lang)}  {d.code}  {d.message}"
            )
            if d.hint:
                lines.append(f"      {self._HINT.get(lang)}{d.hint}")
        return "\n".join(lines)


def display_path(path: Path) -> str:
    """A config file as messages name it: relative to the working folder when inside it."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:
        return absolute
    return absolute if relative.startswith(os.pardir) else relative
