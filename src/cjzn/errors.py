"""The errors that mean "cjzn was called wrongly" rather than "a filing is wrong".

A problem in a filing is a `Diagnostic` (exit 1); these exceptions are for the
run itself: a bad option or path (`UsageError`, exit 2), a round catalog that
cannot be used (`CatalogError`, exit 2), output that cannot be produced here
(`RenderError`). Every module may raise them; only the CLI turns them into a
message and an exit code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjzn.i18n import Msg

__all__ = ["CatalogError", "CatalogProblem", "CjznError", "RenderError", "UsageError"]


class CjznError(Exception):
    """Base of cjzn's own errors: a message for the user and the exit code it means."""

    exit_code = 2


class UsageError(CjznError):
    """A problem with how cjzn was called (exit code 2), not with a filing."""


class RenderError(CjznError):
    """A render that cannot be done here (missing PDF extra or CJK font)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class CatalogProblem:
    """One located problem in a catalog file."""

    file: str
    line: int | None
    path: str
    text: Msg

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.path}: {self.text.zh}" if self.path else self.text.zh
        return f"{where}: {what} / {self.text.en}"


class CatalogError(CjznError):
    """A catalog file that cannot be used; `str()` is one located line per problem:
    ``<file>:<line>: <path>: <Chinese> / <English>``."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems: tuple[CatalogProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None
