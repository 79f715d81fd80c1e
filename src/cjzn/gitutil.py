"""Running git: the one place that finds the program and calls it.

`cjzn init --repo` runs `git init`, `cjzn render` asks git for the commit a
filing comes from. Both must work without git installed (a street office's PC
often has none), so finding git and running it live here, once; tests replace
`git_executable` to pretend git is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

__all__ = ["git_executable", "git_output", "run_git", "work_tree_of"]


def work_tree_of(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` holding `.git` (no git needed); None if none."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def git_executable() -> str | None:
    """The git program, or None when it is not installed (tests replace this)."""
    return shutil.which("git")


def run_git(folder: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `folder`, output captured as text (undecodable bytes replaced).

    Raises `FileNotFoundError` when git is not installed and `OSError` or
    `subprocess.SubprocessError` (e.g. a timeout) when it cannot be run; a
    non-zero exit status is not an exception.
    """
    git = git_executable()
    if git is None:
        raise FileNotFoundError("git is not installed")
    return subprocess.run(
        [git, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def git_output(folder: Path, *args: str, timeout: float = 10) -> str | None:
    """Standard output of `git ARGS` in `folder`; None when git is missing, fails or says no."""
    try:
        done = run_git(folder, *args, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
