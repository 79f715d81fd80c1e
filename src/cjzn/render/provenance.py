"""Where a printout came from: cjzn's version, the round, the source file, when, which commit."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from cjzn import __version__
from cjzn.check import FileResult
from cjzn.errors import UsageError
from cjzn.gitutil import blob_id, git_output
from cjzn.i18n import Msg
from cjzn.load.read import read_limited
from cjzn.options import SHANGHAI
from cjzn.render.view import Provenance
from cjzn.text import visible

__all__ = ["AUTO", "MARKER", "generation_time", "git_state", "provenance"]

_BAD_EPOCH = Msg(
    "SOURCE_DATE_EPOCH={epoch} 应为 1970 年以来的秒数（整数，不晚于 9999 年）",
    "SOURCE_DATE_EPOCH={epoch}: must be whole seconds since 1970, before the year 9999",
)

#: Marks `commit=` as "ask git" (the default), as opposed to None = no commit.
AUTO = "auto"
#: Written into every render (HTML meta / comment, Markdown comment, DOCX core
#: properties, PDF metadata) so a later run knows it may overwrite the file.
MARKER = "cjzn-render"


def generation_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set (reproducible output), otherwise now; Shanghai time.

    A value that is not a whole number of seconds between 1970 and the year 9999 is a
    `UsageError` (exit 2) that says so, never a crash: reproducible builds want to
    know their date was not used.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(SHANGHAI)
    try:
        seconds = int(epoch)
        if seconds < 0:
            raise ValueError(epoch)
        return datetime.fromtimestamp(seconds, tz=SHANGHAI)
    except (ValueError, OverflowError, OSError):
        raise UsageError(_BAD_EPOCH.fill(epoch=epoch[:40])) from None


def git_state(path: Path) -> tuple[str, str, bool] | None:
    """(commit, path inside the repo, modified since the commit) for a filing in a git work tree.

    Only read-only plumbing through `gitutil` (which neutralises the repo's own
    config): the commit and the committed blob's id; "modified" is decided here
    by hashing the file, as git would without filters (CRLF line ends, as
    `core.autocrlf` makes them on Windows, count as unchanged). `git status` is
    not run: it would run the repo's filter drivers and hooks.
    """
    folder = Path(os.path.realpath(path.parent))
    out = git_output(folder, "rev-parse", "--show-toplevel", "HEAD")
    lines = out.splitlines() if out else []
    if len(lines) != 2:
        return None
    top, commit = lines
    file = folder / path.name
    try:
        inside = file.relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        inside = path.name
    committed = git_output(folder, "rev-parse", "--verify", "--quiet", f"HEAD:./{path.name}")
    return commit.strip(), inside, _modified(file, (committed or "").strip())


def _modified(file: Path, committed: str) -> bool:
    """Whether `file` differs from the committed blob `committed` ("" when not committed)."""
    if not committed:
        return True
    try:
        data = read_limited(file)
    except OSError:
        return True
    if blob_id(data, len(committed)) == committed:
        return False
    return b"\r\n" not in data or blob_id(data.replace(b"\r\n", b"\n"), len(committed)) != committed


def provenance(
    result: FileResult, round_name: str, generated_at: datetime | None, commit: str | None
) -> Provenance:
    when = (generated_at or generation_time()).astimezone(SHANGHAI)
    source = result.file
    dirty = False
    if commit == AUTO:
        commit = None
        state = git_state(result.path) if result.path is not None else None
        if state is not None:
            commit, source, dirty = state
    return Provenance(
        version=__version__,
        round=round_name.strip(),
        source=visible(source.replace(os.sep, "/")),
        generated_at=when.isoformat(timespec="seconds"),
        commit=commit or "",
        dirty=dirty,
    )
