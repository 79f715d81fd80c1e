"""`cjzn fix`: write the unambiguous corrections of typing slips and value formats into filings."""

from cjzn.fix.apply import Change, FixedFile, FixRun, fix_paths, fix_text
from cjzn.fix.words import changes_text, summary_text

__all__ = [
    "Change",
    "FixRun",
    "FixedFile",
    "changes_text",
    "fix_paths",
    "fix_text",
    "summary_text",
]
