"""The one diagnostic type, and the documentation every diagnostic code carries.

A parse failure, an invalid phone number and an overdue stage are all the same
kind of value, so reporters and exit codes never special-case where a problem
came from (the check-jsonschema way). Each code is described once, where it is
produced (the loader, the field checks, a rule module), by a `CodeInfo`: its
name, what it means, the message and per-problem hint templates, a static help
text (`cjzn rules`, SARIF), and examples that pass and fail it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from cjzn.i18n import Msg

__all__ = [
    "HEADER",
    "CodeInfo",
    "Diagnostic",
    "Example",
    "Fix",
    "Severity",
    "Waived",
    "error",
    "sort_key",
    "warning",
]

#: The first lines of every example filing (a version-1 filing of the bundled round).
HEADER = 'cjzn: 1\nround: "2013-2014"\n'


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def word(self, lang: str) -> str:
        """错误 / 警告 (`error` / `warning`): how every output for people says it."""
        return _SEVERITY_WORDS[self].get(lang)


_SEVERITY_WORDS = {Severity.ERROR: Msg("错误", "error"), Severity.WARNING: Msg("警告", "warning")}


@dataclass(frozen=True)
class Fix:
    """A machine-readable correction: on `line`, the text `old` starting at `column` becomes `new`.

    Lines and columns are 1-based and count characters, as YAML does. A fix of a value
    may find its value quoted in the file (`"2013/3/5"`): the quotes are replaced too.
    Only unambiguous corrections carry a fix; `cjzn fix` applies them.
    """

    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True)
class Waived:
    """Why a problem is accepted: the waiver of `cjzn.toml` that matched it."""

    reason: str
    approved_by: str
    approved_on: str  # ISO dates, as written
    expires: str
    waiver: str  # where the waiver is written: `cjzn.toml:LINE:COLUMN`

    def as_json(self) -> dict[str, str]:
        return {
            "reason": self.reason,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on,
            "expires": self.expires,
            "waiver": self.waiver,
        }


@dataclass(frozen=True)
class Diagnostic:
    """One located problem: exactly the keys of the contract, plus a hint and a fix for humans.

    `hint` and `fix` are not part of the contract's JSON (`as_json`). `waived` is set only
    on a problem a waiver of `cjzn.toml` accepts; its JSON then has an eighth key, `waived`
    (an optional addition to the contract).
    """

    file: str
    line: int
    column: int
    path: str
    code: str
    severity: Severity
    message: str
    hint: str = field(default="", compare=False)
    fix: Fix | None = field(default=None, compare=False)
    waived: Waived | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, Any]:
        """The contract's JSON shape: exactly these seven keys (and `waived` when waived)."""
        document: dict[str, Any] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.waived is not None:
            document["waived"] = self.waived.as_json()
        return document

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """Stable order: by file, position, then code and path."""
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.path)


@dataclass(frozen=True)
class Example:
    """A filing that passes or fails one code: documentation that the test suite runs.

    `text` is YAML written after the header `cjzn: 1` / `round: "2013-2014"`,
    unless `whole` (the loader's codes need the whole file, bytes included); a
    callable makes large texts only when the example is run. `files` are written
    beside it (another filing, an evidence file, a `cjzn.toml` that configures the
    run; a name ending in `/` is a folder, `filing.yaml/` makes the filing itself
    one); the run is judged as of `as_of`. `name` is where the filing is written
    inside the example's folder (`filings/长宁区/天平路街道.yaml` puts it in a
    district's folder).
    """

    text: str | bytes | Callable[[], str | bytes]
    as_of: str = "2013-01-15"
    whole: bool = False
    files: tuple[tuple[str, str], ...] = ()
    name: str = "filing.yaml"

    def content(self) -> bytes:
        """The filing's bytes as the example writes them."""
        text = self.text() if callable(self.text) else self.text
        data = text.encode("utf-8") if isinstance(text, str) else text
        return data if self.whole else HEADER.encode("utf-8") + data


@dataclass(frozen=True)
class CodeInfo:
    """What a diagnostic code means: its documentation, templates and examples."""

    code: str
    name: str
    severity: Severity
    summary: Msg
    message: Msg
    hint: Msg = Msg("", "")  # noqa: RUF009 - a NamedTuple is immutable
    help: Msg | None = None  # static advice; None: the hint, which then has no placeholders
    passing: tuple[Example, ...] = ()
    failing: tuple[Example, ...] = ()

    @property
    def help_text(self) -> Msg:
        """How to fix any problem of this code (no per-problem values)."""
        return self.help if self.help is not None else self.hint

    def diagnostic(
        self,
        *,
        lang: str,
        file: str,
        line: int,
        column: int,
        path: str,
        severity: Severity | None = None,
        fix: Fix | None = None,
        **params: Any,
    ) -> Diagnostic:
        return Diagnostic(
            file=file,
            line=line,
            column=column,
            path=path,
            code=self.code,
            severity=severity or self.severity,
            message=self.message.format(lang, **params),
            hint=self.hint.format(lang, **params),
            fix=fix,
        )


def error(code: str, name: str, summary: Msg, message: Msg, hint: Msg, **more: Any) -> CodeInfo:
    return CodeInfo(code, name, Severity.ERROR, summary, message, hint, **more)


def warning(code: str, name: str, summary: Msg, message: Msg, hint: Msg, **more: Any) -> CodeInfo:
    return CodeInfo(code, name, Severity.WARNING, summary, message, hint, **more)
