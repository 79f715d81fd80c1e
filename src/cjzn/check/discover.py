"""Which files a run checks: the paths given, folders searched for filings."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from cjzn.errors import UsageError

__all__ = ["FILING_SUFFIXES", "discover", "find_repo_root"]

FILING_SUFFIXES = (".yaml", ".yml")


def discover(paths: Sequence[Path]) -> list[Path]:
    """The filings named by `paths`: files as given, directories searched for *.yaml / *.yml.

    Hidden folders (.git, .github) are skipped and symlinked folders are not
    followed, so a symlink loop cannot hang the walk.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
        else:
            what = ("不是普通文件或目录", "is not a regular file or folder")
            if not path.exists():
                what = ("路径不存在", "path does not exist")
            raise UsageError(f"{what[0]} / {what[1]}: {path}")
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.normpath(path), path)
    return list(unique.values())


def _walk(root: Path) -> Iterable[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(FILING_SUFFIXES) and not name.startswith("."):
                yield Path(folder) / name


def find_repo_root(path: Path) -> Path:
    """The git work tree holding `path`; the filing's own folder when there is none."""
    return _repo_root_of(path.resolve().parent)


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _repo_root_of(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def forget_repo_roots() -> None:
    """A repo may have been created since the last run: look again."""
    _repo_root_of.cache_clear()
