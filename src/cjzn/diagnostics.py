"""The one diagnostic type every check, the loader and the schema produce.

A parse failure, an invalid phone number and an overdue stage are all the same
kind of value, so reporters and exit codes never special-case where a problem
came from (the check-jsonschema way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One located problem: exactly the keys of the contract, plus a hint for humans."""

    file: str
    line: int
    column: int
    path: str
    code: str
    severity: Severity
    message: str
    hint: str = field(default="", compare=False)

    def as_json(self) -> dict[str, Any]:
        """The contract's JSON shape: exactly these seven keys."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """Stable order: by file, position, then code and path."""
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.path)
