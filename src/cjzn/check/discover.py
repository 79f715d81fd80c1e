"""Which files a run checks: the paths given, folders searched for filings."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.gitutil import work_tree_of

__all__ = ["FILING_SUFFIXES", "discover", "find_repo_root"]

FILING_SUFFIXES = (".yaml", ".yml")


def discover(paths: Sequence[Path], exclude: Callable[[Path], bool] | None = None) -> list[Path]:
    """The filings named by `paths`: files as given, directories searched for *.yaml / *.yml.

    Hidden folders (.git, .github) are skipped and symlinked folders are not
    followed, so a symlink loop cannot hang the walk. `exclude(path)` keeps a
    filing out, whether it was found in a folder or named (so a pre-commit hook,
    which names files, and CI, which names folders, check the same filings).
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
    if exclude is None:
        return list(unique.values())
    return [path for path in unique.values() if not exclude(path)]


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
    return work_tree_of(folder) or folder


def forget_repo_roots() -> None:
    """A repo may have been created since the last run: look again."""
    _repo_root_of.cache_clear()
