"""What a run is asked to do, and the programme's calendar (Asia/Shanghai)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

__all__ = ["SHANGHAI", "Options", "effective_as_of", "today_in_shanghai"]

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Options:
    """Everything a run can be asked to do differently."""

    lang: str = "zh"
    as_of: date | None = None  # None: cjzn.toml's `as-of`, else today in Asia/Shanghai
    stage: str | None = None  # treat this stage and the earlier ones as due
    strict: bool = False
    # cjzn.toml and the command line's say over it (None: not given on the command line)
    select: tuple[str, ...] | None = None  # --select: only these codes or prefixes
    ignore: tuple[str, ...] | None = None  # --ignore: not these
    config: Path | None = None  # --config FILE: this file for every filing, no search
    no_config: bool = False  # --no-config: no cjzn.toml at all
    hook: bool = False  # --hook: also apply the [hook] table (the pre-commit hook)
    show_waived: bool = False  # --show-waived: list waived problems in text, github, junit


def today_in_shanghai() -> date:
    """The programme's calendar is Shanghai's, wherever CI runs."""
    return datetime.now(SHANGHAI).date()


def effective_as_of(as_of: date | None) -> date:
    """`--as-of`, or today in Asia/Shanghai when it was not given."""
    return as_of if as_of is not None else today_in_shanghai()
