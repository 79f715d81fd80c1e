"""Evidence paths (档案完备、资料齐全): each must name a file that exists inside the filings repo.

Lexical checks come first (absolute paths, `..` escapes), so a path pointing
out of the repo is an error even when the file does not exist; then the
resolved path, so a symlink cannot smuggle in a file from elsewhere.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cjzn.load import PathKey
from cjzn.stages.gaps import Gap, Subject

__all__ = ["EvidenceCheck", "check_evidence_path", "evidence_gaps", "path_gaps", "repo_folders"]


@dataclass(frozen=True)
class EvidenceCheck:
    """What one evidence path turned out to be."""

    kind: str  # ok | file_missing | outside | not_a_file
    reason: str = ""  # for outside: absolute | dotdot | symlink | git


_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:|[\\/]{2})")


def check_evidence_path(value: str, base_dir: Path, repo_root: Path) -> EvidenceCheck:
    """Classify one evidence path written relative to `base_dir`; it must stay in `repo_root`."""
    return _classify(value, os.path.realpath(base_dir), os.path.realpath(repo_root))


def _classify(value: str, base: str, root: str) -> EvidenceCheck:
    """`check_evidence_path` with the folders already resolved (once per filing, not per path).

    Lexical checks first (absolute, `..` escape), so a path pointing out is an
    error even when the file does not exist; then the resolved path, so a
    symlink cannot smuggle in a file from elsewhere. A backslash separates
    folders on every system (`..\\..\\x` written on Windows escapes on Linux
    too), and git's own folder is not evidence (`.git/config`).
    """
    text = value.strip().replace("\\", "/")
    if text.startswith("/") or _WINDOWS_ABSOLUTE.match(text):
        return EvidenceCheck("outside", "absolute")
    joined = os.path.normpath(os.path.join(base, text))
    if not _inside(joined, root):
        return EvidenceCheck("outside", "dotdot")
    if _in_git_folder(joined, root):
        return EvidenceCheck("outside", "git")
    try:
        resolved = _realpath_below(base, joined)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
        return EvidenceCheck("file_missing")
    if not _inside(resolved, root):
        return EvidenceCheck("outside", "symlink")
    if _in_git_folder(resolved, root):
        return EvidenceCheck("outside", "git")
    try:
        mode = os.stat(resolved).st_mode
    except (OSError, ValueError):
        return EvidenceCheck("file_missing")
    if stat.S_ISREG(mode):
        return EvidenceCheck("ok")
    return EvidenceCheck("not_a_file")  # a folder (or a device, a pipe)


def _realpath_below(base: str, joined: str) -> str:
    """`os.path.realpath(joined)` for a path below the already resolved `base`.

    Only the components after `base` can be links, so they alone are looked at
    (three `lstat`s for `archive/B1.1/x.pdf` instead of one per folder from `/`);
    when one is a link, the standard library resolves the whole chain.
    """
    prefix = base.rstrip(os.sep) + os.sep
    if not joined.startswith(prefix):
        return os.path.realpath(joined)
    current = base.rstrip(os.sep)
    for part in joined[len(prefix) :].split(os.sep):
        current = current + os.sep + part
        if os.path.islink(current):
            return os.path.realpath(joined)
    return joined


def _in_git_folder(path: str, root: str) -> bool:
    """Whether `path` (inside `root`) lies in a `.git` folder (any case: Windows, macOS)."""
    inside = path[len(root) :] if path.startswith(root) else path
    return ".git" in (part.lower() for part in inside.split(os.sep))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def repo_folders(subject: Subject) -> tuple[str, str] | None:
    """The filing's folder and the repo's, resolved once; None when the filing has no folder."""
    if subject.base_dir is None:
        return None
    root = subject.repo_root if subject.repo_root is not None else subject.base_dir
    return os.path.realpath(subject.base_dir), os.path.realpath(root)


def path_gaps(
    requirement: str, folders: tuple[str, str] | None, values: list[str | None], path: PathKey
) -> list[Gap]:
    """A gap for every written evidence path at `path` that is not a file inside the repo."""
    if folders is None:
        return []
    gaps: list[Gap] = []
    for index, value in enumerate(values):
        if not value or not value.strip():
            continue
        result = _classify(value, *folders)
        if result.kind != "ok":
            gaps.append(
                Gap(requirement, result.kind, (*path, index), value=value, reason=result.reason)
            )
    return gaps


def evidence_gaps(subject: Subject) -> list[Gap]:
    gaps: list[Gap] = []
    known = subject.catalog.basic_codes()
    folders = repo_folders(subject)
    for code, item in (subject.filing.basic_work or {}).items():
        if item is None:
            continue
        if (
            code in known
            and item.status == "done"
            and not any((path or "").strip() for path in item.evidence or [])
        ):
            gaps.append(Gap("evidence", "no_evidence", ("basic_work", code, "evidence")))
        path: PathKey = ("basic_work", code, "evidence")
        gaps.extend(path_gaps("evidence", folders, list(item.evidence or []), path))
    return gaps
