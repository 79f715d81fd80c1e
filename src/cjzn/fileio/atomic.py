"""Atomic writes: a reader never sees half a file, and a path made from data stays in its folder."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from cjzn.i18n import Msg
from cjzn.load.read import not_regular

__all__ = ["NotAFolder", "os_reason", "stays_inside", "write_atomic"]

_NOT_A_FOLDER = Msg("不是文件夹", "not a folder")

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class NotAFolder(NotADirectoryError):
    """A file where the folder of a file to write must be."""

    def __init__(self, folder: str) -> None:
        super().__init__(errno.ENOTDIR, f"{_NOT_A_FOLDER.zh} / {_NOT_A_FOLDER.en}", folder)

    def reason(self, lang: str) -> str:
        return _NOT_A_FOLDER.get(lang)


def os_reason(exc: BaseException, lang: str) -> str:
    """Why a file could not be read or written: in `lang` when the reason is cjzn's own (a
    folder that is a file, a FIFO: `reason(lang)`), else as the system words it."""
    reason = getattr(exc, "reason", None)
    if callable(reason):
        return str(reason(lang))
    return getattr(exc, "strerror", None) or str(exc)


def _temporary(folder: Path, name: str) -> tuple[Path, int]:
    """A new, exclusively created file next to the target (mode 0o666 less the umask)."""
    for _ in range(100):
        candidate = folder / f".{name[:64]}.{secrets.token_hex(4)}.tmp"  # short: NAME_MAX
        try:
            return candidate, os.open(candidate, _CREATE_FLAGS, 0o666)
        except FileExistsError:
            continue
    # not FileExistsError: that means "the target exists" to the callers
    raise OSError(errno.EIO, f"cannot create a temporary file in {folder}")  # pragma: no cover


def write_atomic(
    path: Path | str, data: str | bytes | Iterable[str], *, overwrite: bool = True
) -> Path:
    """Write `data` (text is UTF-8 encoded, newlines kept as given; text made piece by piece
    may come as an iterable of pieces) to `path` atomically.

    Parent folders are created. With ``overwrite=False`` an existing file is left
    untouched and `FileExistsError` is raised, even when another process creates
    the file while this one writes (the final step is a hard link, which cannot
    replace a file, where the file system has hard links). An existing file's
    permissions are kept; a symlink is replaced by the file (its target is left
    alone). A folder, FIFO, device or socket is never replaced: `NotRegularFile`
    (an `OSError`), whatever `overwrite` says. Returns the path written.
    """
    target = Path(path)
    special = not_regular(target)
    if special is not None:
        raise special
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder must be: not "the target exists"
        raise NotAFolder(str(folder)) from None
    if not overwrite and (target.exists() or target.is_symlink()):
        raise FileExistsError(str(target))
    temporary, fd = _temporary(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in [data] if isinstance(data, (str, bytes)) else data:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
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


def stays_inside(root: Path, relative: str) -> bool:
    """Whether `root/relative` is below `root`: written out (no `..`, no absolute part, no
    drive, no backslash) and with no folder on the way a symlink that leads out. What a
    writer asks before writing a path made from data (`init --repo`'s district folders)."""
    parts = Path(relative).parts
    if Path(relative).is_absolute() or Path(relative).drive or ".." in parts or "\\" in relative:
        return False
    real_root = os.path.realpath(root)
    parent = os.path.realpath(os.path.join(root, *parts[:-1])) if len(parts) > 1 else real_root
    return parent == real_root or parent.startswith(real_root.rstrip(os.sep) + os.sep)
