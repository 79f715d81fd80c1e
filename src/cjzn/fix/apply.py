"""Apply the `Fix` every correctable diagnostic carries, and say what is left for a person.

A filing is validated, the fixes of its diagnostics are applied to its text
(`cjzn.load.edits.apply_fixes`: every other byte stays, the BOM and the line
endings too), and the result is validated again, a few rounds at most, since a
corrected slip can let a value be read whose format then needs correcting. Free
text is never touched: only slips and values written the wrong way carry fixes.
Nothing is written here; `write` does that atomically, and only when asked.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path

from cjzn.check import FileResult, Report, Selection, find, validate_file
from cjzn.check.policy import Policy
from cjzn.diagnostics import Diagnostic, Fix
from cjzn.fileio import write_atomic
from cjzn.guide import Catalogs
from cjzn.i18n import Msg
from cjzn.load import load_text
from cjzn.load.edits import apply_fixes
from cjzn.load.read import decode, read_bytes
from cjzn.options import Options
from cjzn.text import display_path

__all__ = ["Change", "FixRun", "FixedFile", "fix_paths", "fix_text"]

_BOM = b"\xef\xbb\xbf"
#: A correction may reveal another (a slip hid a date): rounds of validate-and-fix, at most.
MAX_ROUNDS = 4


@dataclass(frozen=True)
class Change:
    """One correction made: where, what was written, what it became, and why.

    Where is where `cjzn validate` reports the problem (the slip's character: the `、` of
    `[1、3]`), so the two commands give the same line and column; `old` may start before it.
    """

    line: int
    column: int
    old: str
    new: str
    code: str


@dataclass
class FixedFile:
    """One filing: its text before and after, the changes, and what is left to a person."""

    path: Path
    file: str
    before: str
    after: str
    bom: bool
    changes: list[Change] = field(default_factory=list)
    result: FileResult | None = None  # the validation of `after`

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def remaining(self) -> list[Diagnostic]:
        return self.result.diagnostics if self.result is not None else []

    def data(self) -> bytes:
        return (_BOM if self.bom else b"") + self.after.encode("utf-8")

    def diff(self) -> str:
        """A unified diff of the correction (empty when nothing changes)."""
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.file}",
            tofile=f"b/{self.file}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    def write(self) -> None:
        """Replace the file with the corrected text, atomically (nothing when unchanged)."""
        if self.changed:
            write_atomic(self.path, self.data())


@dataclass
class FixRun:
    files: list[FixedFile]
    options: Options
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why

    def report(self) -> Report:
        """What is left after the corrections, as a validation `Report`."""
        results = [f.result for f in self.files if f.result is not None]
        return Report(results=results, options=self.options)

    @property
    def changes(self) -> int:
        return sum(len(f.changes) for f in self.files)


@dataclass(frozen=True)
class _Setting:
    """How one filing is checked: the run's options and catalogs, and its cjzn.toml."""

    options: Options
    catalogs: Catalogs
    policy: Policy | None = None


def _round(text: str, path: Path, file: str, setting: _Setting) -> tuple[FileResult, list[Fix]]:
    """Validate `text`; what cjzn.toml ignores or waives is neither reported nor fixed."""
    loaded = load_text(text, file, setting.options.lang)
    result = validate_file(path, setting.options, setting.catalogs, loaded=loaded)
    if setting.policy is not None:
        setting.policy.apply(result)
    # the filing's own fixes only: its review files' problems are located in those files
    return result, [d.fix for d in result.diagnostics if d.fix is not None and d.file == file]


def fix_text(
    text: str,
    path: Path,
    file: str,
    options: Options,
    catalogs: Catalogs | None = None,
    policy: Policy | None = None,
) -> FixedFile:
    """`text` (the filing at `path`) with every unambiguous correction made.

    `policy`: the run's cjzn.toml settings (problems it ignores or waives are not fixed).
    """
    setting = _Setting(options, catalogs or Catalogs(), policy)
    fixed = FixedFile(path, file, text, text, bom=False)
    for _ in range(MAX_ROUNDS):
        result, fixes = _round(fixed.after, path, file, setting)
        fixed.result = result
        problems = {id(d.fix): d for d in result.diagnostics if d.fix is not None}
        edited = apply_fixes(fixed.after, fixes)
        if not edited.applied:
            break
        for f in edited.applied:
            problem = problems[id(f)]
            fixed.changes.append(Change(problem.line, problem.column, f.old, f.new, problem.code))
        fixed.after = edited.text
    else:
        fixed.result = _round(fixed.after, path, file, setting)[0]
    fixed.changes.sort(key=lambda change: (change.line, change.column))
    return fixed


def _fix_file(path: Path, options: Options, policy: Policy) -> FixedFile:
    settings = policy.for_file(path)
    options, catalogs = settings.options(options), policy.catalogs(settings)
    file = display_path(path)
    data, problem = read_bytes(path, file, options.lang)
    text = None
    if data is not None:
        text, problem = decode(data, file, options.lang)
    if text is None or data is None:
        assert problem is not None
        unreadable = FixedFile(path, file, "", "", bom=False)
        unreadable.result = FileResult(file=file, path=path, diagnostics=[problem])
        return unreadable
    fixed = fix_text(text, path, file, options, catalogs, policy)
    fixed.bom = data.startswith(_BOM)
    return fixed


def fix_paths(
    paths: list[Path],
    options: Options,
    catalog_path: Path | None = None,
    selection: Selection | None = None,
) -> FixRun:
    """Every filing under `paths`, corrected in memory (`FixedFile.write` saves one).

    Each filing with the settings of the nearest cjzn.toml above it, as `validate` does:
    its `exclude`d files are left alone, its ignored and waived problems not fixed; the
    files `selection` leaves out (evidence folders, `--exclude`) too.
    """
    policy = Policy(options, catalog_path, walked=[path for path in paths if path.is_dir()])
    chosen = replace(selection or Selection(), keep_out=policy.is_excluded)
    found = find(paths, chosen)
    files = [_fix_file(path, options, policy) for path in found.files]
    return FixRun(files, options, found.skipped)
