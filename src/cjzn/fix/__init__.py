"""`cjzn fix`: write the unambiguous corrections of typing slips and value formats into filings."""

from cjzn.fix.apply import Change, FixedFile, FixRun, fix_paths, fix_text

__all__ = ["Change", "FixRun", "FixedFile", "fix_paths", "fix_text"]
