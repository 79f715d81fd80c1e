"""The errors that mean "cjzn was called wrongly" rather than "a filing is wrong".

A problem in a filing is a `Diagnostic` (exit 1); these exceptions are for the
run itself: a bad option or path (`UsageError`, exit 2), a round catalog that
cannot be used (`CatalogError`, exit 2), output that cannot be produced here
(`RenderError`). Every module may raise them; only the CLI turns them into a
message and an exit code.

An error carries its message as a `Msg` (raised before anyone knows the run's
language): the CLI prints `error.text(lang)`, the run's language only; `str(error)`
is ``<Chinese> / <English>`` for library users and logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjzn.i18n import Msg

__all__ = ["CatalogError", "CatalogProblem", "CjznError", "RenderError", "UsageError"]


def _both(message: Msg) -> str:
    """``<Chinese> / <English>``; one text when both are the same (a path, a name)."""
    return message.zh if message.zh == message.en else f"{message.zh} / {message.en}"


class CjznError(Exception):
    """Base of cjzn's own errors: a message for the user and the exit code it means.

    `message` is a `Msg`, or a plain `str` for a text that is the same in both
    languages (a path, a message already worded in the run's language).
    """

    exit_code = 2

    def __init__(self, message: Msg | str = "", exit_code: int | None = None) -> None:
        self.message = message if isinstance(message, Msg) else Msg(message, message)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(_both(self.message))

    def text(self, lang: str) -> str:
        """The message in `lang` (what the CLI prints)."""
        return self.message.get(lang)


class UsageError(CjznError):
    """A problem with how cjzn was called (exit code 2), not with a filing."""


class RenderError(CjznError):
    """A render that cannot be done here (missing PDF extra or CJK font)."""

    def __init__(self, message: Msg | str, exit_code: int = 2) -> None:
        super().__init__(message, exit_code)


@dataclass(frozen=True)
class CatalogProblem:
    """One located problem in a catalog file."""

    file: str
    line: int | None
    path: str
    text: Msg

    def located(self, lang: str) -> str:
        """``<file>:<line>: <path>: <text in lang>``."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.text.get(lang)
        return f"{where}: {self.path}: {what}" if self.path else f"{where}: {what}"

    def __str__(self) -> str:
        return f"{self.located('zh')} / {self.text.en}"


class CatalogError(CjznError):
    """A catalog file that cannot be used: one located line per problem, ``text(lang)`` in
    one language (``<file>:<line>: <path>: <text>``), `str()` in both."""

    def __init__(self, problems: Sequence[CatalogProblem]) -> None:
        self.problems: tuple[CatalogProblem, ...] = tuple(problems)
        super().__init__(Msg(self.text("zh"), self.text("en")))

    def text(self, lang: str) -> str:
        return "\n".join(p.located(lang) for p in self.problems)

    def __reduce__(self) -> tuple[type[CatalogError], tuple[tuple[CatalogProblem, ...]]]:
        """Made again from its problems (an error may cross from a worker process)."""
        return (CatalogError, (self.problems,))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""

    @property
    def line(self) -> int | None:
        return self.problems[0].line if self.problems else None
