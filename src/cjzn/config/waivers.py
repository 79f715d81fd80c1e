"""Waivers: a reviewer's recorded decision to accept one known problem, with who, why and
until when.

A waiver names a code, the filing (a path relative to `cjzn.toml`, or the unit's
name) and optionally the problem's `path` inside it (`basic_work.B2.5`), so it
cannot hide anything else. It applies only while it is complete (reason,
approved-by, approved-on, expires) and not expired as of the day the filings
are judged; otherwise the problem is reported as usual and the waiver itself is
reported (expired: C010, incomplete: C011). A complete waiver that matched
nothing in a run that checked its filing is C012, so stale ones get cleaned up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from cjzn.config.globs import glob_match
from cjzn.diagnostics import CodeInfo, Diagnostic, Waived
from cjzn.i18n import Msg, join

__all__ = ["REQUIRED", "Waiver", "WaiverState"]

#: What a waiver must state to apply, with the words a message uses for each.
REQUIRED = {
    "reason": Msg("理由（reason）", "its reason"),
    "approved-by": Msg("批准人（approved-by）", "approved-by"),
    "approved-on": Msg("批准日期（approved-on）", "approved-on"),
    "expires": Msg("到期日（expires）", "expires"),
}


class WaiverState(str, Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Waiver:
    """One `[[waivers]]` entry of a `cjzn.toml`."""

    number: int  # 1-based, as the messages count them
    code: str
    filing: str | None  # a path pattern relative to the config's folder
    unit: str | None  # or the unit's name as written in the filing
    path: str | None  # the problem's YAML path (or a parent of it); None: anywhere
    reason: str
    approved_by: str
    approved_on: date | None
    expires: date | None
    file: str  # the cjzn.toml, as diagnostics name it
    line: int  # where its `[[waivers]]` (or its table) starts
    column: int

    @property
    def source(self) -> str:
        """`cjzn.toml:LINE:COLUMN`: where the waiver is written."""
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def names(self) -> str:
        """The filing as the waiver names it (for messages)."""
        return self.filing or self.unit or ""

    def missing(self, lang: str) -> str:
        """The words for what it lacks ("" when complete)."""
        values = {
            "reason": self.reason.strip(),
            "approved-by": self.approved_by.strip(),
            "approved-on": self.approved_on,
            "expires": self.expires,
        }
        return join((REQUIRED[key].get(lang) for key, value in values.items() if not value), lang)

    def state(self, as_of: date) -> WaiverState:
        if self.missing("zh"):
            return WaiverState.INCOMPLETE
        if self.expires is not None and self.expires < as_of:
            return WaiverState.EXPIRED
        return WaiverState.ACTIVE

    def covers(self, relative: str | None, unit: str | None) -> bool:
        """Whether it is about this filing (its path under the config's folder, its unit)."""
        if self.filing is not None:
            return relative is not None and glob_match(self.filing, relative)
        return unit is not None and self.unit is not None and unit.strip() == self.unit.strip()

    def matches(self, diagnostic: Diagnostic) -> bool:
        """Whether it waives this problem of a filing it covers."""
        if diagnostic.code != self.code:
            return False
        if not self.path:
            return True
        return diagnostic.path == self.path or diagnostic.path.startswith(self.path + ".")

    def diagnostic(self, info: CodeInfo, lang: str, **params: Any) -> Diagnostic:
        """A diagnostic about this waiver, at its `[[waivers]]` in the cjzn.toml."""
        return info.diagnostic(
            lang=lang,
            file=self.file,
            line=self.line,
            column=self.column,
            path=f"waivers.{self.number - 1}",
            number=self.number,
            code=self.code,
            filing=self.names,
            **params,
        )

    def record(self) -> Waived:
        """What a waived problem carries in every output format."""
        return Waived(
            reason=self.reason.strip(),
            approved_by=self.approved_by.strip(),
            approved_on=self.approved_on.isoformat() if self.approved_on else "",
            expires=self.expires.isoformat() if self.expires else "",
            waiver=self.source,
        )
