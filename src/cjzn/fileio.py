"""Write files so that a reader never sees half of one.

`cjzn init`, `cjzn schema -o` and the renderers write files people keep in git;
an interrupted write (Ctrl-C, a full disk, a crash) must leave either the old
file or the new one, never a truncated mix. The data goes to a temporary file in
the same folder (same file system, so the final rename is atomic) and is then
moved into place with `os.replace`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

__all__ = ["write_atomic"]

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _temporary(folder: Path, name: str) -> tuple[Path, int]:
    """A new, exclusively created file next to the target (mode 0o666 less the umask)."""
    for _ in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return candidate, os.open(candidate, _CREATE_FLAGS, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file in {folder}")  # pragma: no cover


def write_atomic(path: Path | str, data: str | bytes, *, overwrite: bool = True) -> Path:
    """Write `data` (text is UTF-8 encoded, newlines kept as given) to `path` atomically.

    Parent folders are created. With ``overwrite=False`` an existing file is left
    untouched and `FileExistsError` is raised, even when another process creates
    the file while this one writes (the final step is a hard link, which cannot
    replace a file, where the file system has hard links). An existing file's
    permissions are kept. Returns the path written.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    temporary, fd = _temporary(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
            os.replace(temporary, target)
        else:
            _move_no_clobber(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return target


def _move_no_clobber(temporary: Path, target: Path) -> None:
    """Move `temporary` to `target` unless `target` exists (then `FileExistsError`)."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network and FAT file systems): check, then rename.
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temporary, target)
        return
    temporary.unlink()
