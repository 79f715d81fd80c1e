"""Running git: the one place that finds the program and calls it, safely.

`cjzn init --repo` runs `git init`, `cjzn render` asks git for the commit a
filing comes from. Both must work without git installed (a street office's PC
often has none), so finding git and running it live here, once; tests replace
`git_executable` to pretend git is missing.

cjzn never runs code or config from the repo it checks, and a filings repo may
arrive as a zip or sit on a shared drive: its `.git/config` and `.git/hooks`
are the sender's. Git runs commands named there (`core.fsmonitor`, hooks such
as `post-index-change`, filter drivers from `.gitattributes`, `core.sshCommand`
when a partial clone fetches a missing object, a pager). So every call here:

- overrides the settings that run programs (`core.fsmonitor=false`,
  `core.hooksPath` to the null device, no pager, `protocol.allow=never` and
  `GIT_NO_LAZY_FETCH` so nothing is fetched, hence no transport runs);
- never writes the index (`--no-optional-locks`: no index refresh, so no hook
  fires and no filter runs on the way);
- starts from an environment without any `GIT_*` variable of the caller (no
  `GIT_DIR`, `GIT_WORK_TREE`, `GIT_CONFIG_PARAMETERS` redirecting it), with the
  system config off (`GIT_CONFIG_NOSYSTEM`) and no prompts;
- keeps git's own `safe.directory` check: a repo owned by another user is
  refused by git, and cjzn then simply has no commit to show.

Callers ask only read-only plumbing (`rev-parse`) or `init`; whether a filing
changed since its commit is decided in Python from the blob hash
(`blob_id`), not by `git status`, which would run the repo's filters.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

__all__ = [
    "SAFE_CONFIG",
    "blob_id",
    "git_environment",
    "git_executable",
    "git_output",
    "run_git",
    "work_tree_of",
]

#: `-c` settings that take precedence over the repo's own config on every call.
SAFE_CONFIG: tuple[str, ...] = (
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.pager=cat",
    "core.untrackedCache=false",
    "protocol.allow=never",
    "credential.helper=",
)


def work_tree_of(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` holding `.git` (no git needed); None if none."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def git_executable() -> str | None:
    """The git program, or None when it is not installed (tests replace this)."""
    return shutil.which("git")


def git_environment() -> dict[str, str]:
    """The caller's environment less every `GIT_*` variable, plus the safe ones."""
    env = {key: value for key, value in os.environ.items() if not key.upper().startswith("GIT_")}
    env.update(
        GIT_CONFIG_NOSYSTEM="1",
        GIT_NO_LAZY_FETCH="1",
        GIT_NO_REPLACE_OBJECTS="1",
        GIT_OPTIONAL_LOCKS="0",
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
    )
    return env


def run_git(folder: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`git ARGS` in `folder` with the repo's program-running settings overridden (see above),
    output captured as text (undecodable bytes replaced).

    Raises `FileNotFoundError` when git is not installed and `OSError` or
    `subprocess.SubprocessError` (e.g. a timeout) when it cannot be run; a
    non-zero exit status is not an exception.
    """
    git = git_executable()
    if git is None:
        raise FileNotFoundError("git is not installed")
    settings = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
    return subprocess.run(
        [git, "--no-pager", "--no-optional-locks", *settings, *args],
        cwd=folder,
        env=git_environment(),
        stdin=subprocess.DEVNULL,
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


def blob_id(data: bytes, object_id_length: int = 40) -> str:
    """Git's object id of a file with these bytes (SHA-1, or SHA-256 for 64-hex-digit repos)."""
    digest = hashlib.sha256 if object_id_length == 64 else hashlib.sha1
    return digest(b"blob %d\0" % len(data) + data).hexdigest()
