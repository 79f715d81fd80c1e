"""Which `cjzn.toml` applies to a filing: the nearest one above it, as ruff finds its own.

The search walks up from the filing's folder and stops at the top of its git
work tree (a repo never picks up a stray file above it) or at the filesystem
root when it is in no repo. Each folder is looked up once per run.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from cjzn.config.codes import CONFIG_NAME

__all__ = ["find_config", "forget_configs"]


def find_config(folder: Path) -> Path | None:
    """The nearest `cjzn.toml` at or above `folder`, within its git work tree."""
    return _find(Path(os.path.abspath(folder)))


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _find(folder: Path) -> Path | None:
    candidate = folder / CONFIG_NAME
    if candidate.is_file():
        return candidate
    if (folder / ".git").exists() or folder.parent == folder:
        return None
    return _find(folder.parent)


def forget_configs() -> None:
    """Files may have changed since the last run (tests, a long-lived process): look again."""
    _find.cache_clear()
