"""What the requirement checks look at (`Subject`) and what they find missing (`Gap`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjzn.guide import Catalog
from cjzn.load import PathKey
from cjzn.model import Filing

__all__ = ["GAP_KINDS", "INVALID_KINDS", "Gap", "Subject"]

GAP_KINDS = (
    "missing",
    "not_done",
    "no_evidence",
    "outcome_no_evidence",
    "file_missing",
    "uncovered",
    "outside",
    "not_a_file",
)
INVALID_KINDS = frozenset({"outside", "not_a_file"})


@dataclass(frozen=True)
class Subject:
    """One filing as the requirement checks see it."""

    filing: Filing
    data: dict[str, Any]  # the document as written (every scalar is its source text)
    catalog: Catalog
    base_dir: Path | None = None  # evidence paths are relative to this folder
    repo_root: Path | None = None  # ... and must stay inside this one


@dataclass(frozen=True)
class Gap:
    """One missing or unusable item of a requirement, at the path where it belongs."""

    requirement: str
    kind: str  # see GAP_KINDS
    path: PathKey
    value: str | None = None  # the value at fault (a status, an evidence path)
    codes: tuple[str, ...] = ()  # uncovered work codes
    reason: str = ""  # why an evidence path is outside: absolute | dotdot | symlink

    @property
    def invalid(self) -> bool:
        """A present-and-wrong value: an error whatever the date."""
        return self.kind in INVALID_KINDS
