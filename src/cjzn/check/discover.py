"""Which files a run checks: the paths given, folders searched for filings."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.gitutil import work_tree_of
from cjzn.load.read import file_kind

__all__ = ["FILING_SUFFIXES", "discover", "find_repo_root", "is_filing_name"]

FILING_SUFFIXES = (".yaml", ".yml")


def discover(paths: Sequence[Path], exclude: Callable[[Path], bool] | None = None) -> list[Path]:
    """The filings named by `paths`: files as given, directories searched for *.yaml / *.yml.

    Suffixes match in any case (`*.YAML`, `*.Yml`). Hidden folders (.git, .github)
    are skipped and symlinked folders are not followed, so a symlink loop cannot
    hang the walk. A folder that cannot be opened is listed itself, so the loader
    reports it (Y015) instead of its filings silently going unchecked. Nothing is
    opened here: a FIFO or a device named like a filing inside a folder is listed,
    and the loader, which reads regular files only, refuses it (Y015); named on the
    command line it is a `UsageError` that says what it is. The same file named
    twice (relative and absolute, or through a symlinked folder) is checked once.
    `exclude(path)` keeps a filing out, whether it was found in a folder or named
    (so a pre-commit hook, which names files, and CI, which names folders, check the
    same filings).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(_not_a_filing(path))
    unique: dict[object, Path] = {}
    for path in found:
        unique.setdefault(_identity(path), path)
    if exclude is None:
        return list(unique.values())
    return [path for path in unique.values() if not exclude(path)]


def _not_a_filing(path: Path) -> str:
    """Why a path named on the command line is not a filing: missing, or what it is instead."""
    if not path.exists():
        return f"路径不存在 / path does not exist: {path}"
    zh, en = file_kind(path, "zh"), file_kind(path, "en")
    if zh is None or en is None:  # pragma: no cover - exists, is neither a folder nor a file
        zh, en = "不是普通文件或目录", "is not a regular file or folder"
    return f"{zh}，不是备案文件 / {en}, not a filing: {path}"


def is_filing_name(name: str) -> bool:
    """`x.yaml`, `x.YML` …, not hidden (`.x.yaml` is an editor's or a tool's file)."""
    return name.lower().endswith(FILING_SUFFIXES) and not name.startswith(".")


def _identity(path: Path) -> object:
    """What makes two names the same file: its device and inode, else its absolute path."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))
    if info.st_ino == 0:  # file systems without inode numbers
        return os.path.normcase(os.path.realpath(path))
    return (info.st_dev, info.st_ino)


def _walk(root: Path) -> Iterable[Path]:
    unreadable: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=unreadable.append):
        yield from _unreadable(unreadable)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if is_filing_name(name):
                yield Path(folder) / name
    yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterable[Path]:
    """Folders `os.walk` could not open, in the order it met them."""
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            yield Path(os.fsdecode(error.filename))


def find_repo_root(path: Path) -> Path:
    """The git work tree holding `path`; the filing's own folder when there is none.

    Looked up from the folder the filing is *in*, not from where a symlinked filing
    points: evidence is written relative to that folder (`stages.evidence`).
    """
    return _repo_root_of(Path(os.path.realpath(path.parent)))


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _repo_root_of(folder: Path) -> Path:
    return work_tree_of(folder) or folder


def forget_repo_roots() -> None:
    """A repo may have been created since the last run: look again."""
    _repo_root_of.cache_clear()
