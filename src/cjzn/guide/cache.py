"""A parsed catalog kept between runs, so one-file `cjzn validate` does not parse the round's
catalog (a 231-unit roster, and the models that check it) on every save of a filing.

Where: the user's cache folder — `$CJZN_CACHE_DIR`, else `$XDG_CACHE_HOME/cjzn` or
`~/.cache/cjzn` (`%LOCALAPPDATA%\\cjzn\\Cache` on Windows, `~/Library/Caches/cjzn` on macOS),
never the repo being checked; `CJZN_CACHE_DIR=` (empty) turns the cache off. An entry is
keyed by the catalog file's absolute path, size and modification time and by cjzn's,
Python's and pydantic's versions: an edited catalog or an upgrade is parsed again, exactly
as without the cache. Only what cjzn wrote is read back: the folder is made private (0700)
and an entry owned by another user or writable by others is ignored. Reading or writing the
cache never fails a run: an unwritable or broken cache means the catalog is parsed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from cjzn import __version__
from cjzn.guide.models import Catalog

__all__ = ["cache_dir", "read_cached", "write_cached"]

_ENV = "CJZN_CACHE_DIR"


def cache_dir() -> Path | None:
    """The folder of cjzn's cache, or None when the cache is off."""
    given = os.environ.get(_ENV)
    if given is not None:
        return Path(given) if given.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "cjzn" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cjzn"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "cjzn"


def _entry(name: str, mtime_ns: int, size: int) -> Path | None:
    folder = cache_dir()
    if folder is None or size < 0:
        return None
    import pydantic  # its version is part of the key: pickles of its models follow it

    key = "\0".join(
        (os.path.abspath(name), str(mtime_ns), str(size), __version__, sys.version,
         pydantic.VERSION)
    )  # fmt: skip
    return folder / f"catalog-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def _trusted(path: Path) -> bool:
    """Ours: a regular file (not a link) of this user, which nobody else may write (POSIX)."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        return False
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not info.st_mode & 0o022)


def read_cached(name: str, mtime_ns: int, size: int) -> Catalog | None:
    """The catalog parsed from this version of file `name` by an earlier run, if kept."""
    path = _entry(name, mtime_ns, size)
    if path is None:
        return None
    try:
        if not _trusted(path):
            return None
        with path.open("rb") as handle:
            found = pickle.load(handle)  # our own private cache only (see _trusted)
    except Exception:  # a missing or broken entry means: parse the catalog
        return None
    return found if isinstance(found, Catalog) else None


def write_cached(name: str, mtime_ns: int, size: int, catalog: Catalog) -> None:
    """Keep `catalog` for later runs; silently nothing when the cache cannot be written."""
    path = _entry(name, mtime_ns, size)
    if path is None:
        return
    with contextlib.suppress(Exception):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL)
        # a temporary file beside the entry, then a rename: another run never reads half of it
        # (fileio.write_atomic is a layer above the guide; this is a cache, not a user's file)
        handle, temporary = tempfile.mkstemp(prefix=".catalog-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
