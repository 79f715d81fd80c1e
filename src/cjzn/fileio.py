"""Write files so that a reader never sees half of one, nor one cjzn did not write.

`cjzn init`, `cjzn schema -o` and the renderers write files people keep in git;
an interrupted write (Ctrl-C, a full disk, a crash) must leave either the old
file or the new one, never a truncated mix. The data goes to a temporary file in
the same folder (same file system, so the final rename is atomic) and is then
moved into place with `os.replace`.

`cjzn render` and `cjzn report` mark what they write (`has_marker`) and replace
an existing file only when it carries their marker (`may_replace`), so a file a
person made is never lost to a mistyped `-o`. `format_for` is the one rule both
commands use to pick the output format from `--format` and `-o`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.i18n import Msg, join

__all__ = ["format_for", "has_marker", "may_replace", "write_atomic"]

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


# ---------------------------------------------------------------------------
# Replacing only what cjzn wrote
# ---------------------------------------------------------------------------

#: How much of an existing file is searched for the marker.
_MARKER_WINDOW = 4 * 1024 * 1024


def has_marker(path: Path, marker: str) -> bool:
    """Whether the existing file at `path` carries `marker` (so cjzn wrote it and may replace it).

    Text (HTML, Markdown, JSON) is searched directly; DOCX in its core properties;
    PDF also inside its compressed object streams. Unreadable means "not ours".
    """
    import zipfile  # only when an existing output is checked

    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                core = archive.read("docProps/core.xml")
            return marker.encode() in core
        with path.open("rb") as handle:
            data = handle.read(_MARKER_WINDOW)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    if data.startswith(b"%PDF"):
        return _pdf_has_marker(data, marker)
    return marker.encode() in data


def _pdf_has_marker(data: bytes, marker: str) -> bool:
    """WeasyPrint keeps the document info (Creator: cjzn ... marker) in compressed object streams."""
    import zlib  # only for a PDF's compressed objects

    needle = marker.encode()
    if needle in data:
        return True
    for match in re.finditer(rb"/Type\s*/ObjStm", data):
        start = data.find(b"stream", match.end())
        if start < 0:
            continue
        start += len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        try:
            if needle in zlib.decompressobj().decompress(data[start:], 1 << 22):
                return True
        except zlib.error:
            continue
    return False


def may_replace(path: Path, marker: str, *, force: bool = False) -> bool:
    """Whether writing `path` is allowed: it is new, `force` is set, or it is a previous output."""
    if force or not (path.exists() or path.is_symlink()):
        return True
    return path.is_file() and has_marker(path, marker)


# ---------------------------------------------------------------------------
# The output format: --format and the -o suffix
# ---------------------------------------------------------------------------


_UNKNOWN_SUFFIX = Msg(
    "-o {path}：扩展名 {suffix} 不是 cjzn 能生成的格式。请改用 {names}",
    "-o {path}: {suffix} is not a format cjzn writes. Use {names}",
)
_NO_SUFFIX = Msg(
    "-o {path} 没有扩展名，不知道要生成哪种格式。请改用 {names}",
    "-o {path} has no suffix, so the format is unknown. Use {names}",
)
_OR_FOLDER = Msg("；要写到目录，请在末尾加 /（{path}/）", "; for a folder, end it with / ({path}/)")
_OR = Msg("{first} 或 {last}", "{first} or {last}")


def _check_suffix(
    output: Path, suffixes: Mapping[str, str], suggest: Sequence[str], lang: str, folders: bool
) -> None:
    """An `-o` file whose suffix names no format is a usage error that names the ones there are
    (`-o 登记表.doc` would otherwise be written as HTML under a Word name)."""
    suffix = output.suffix
    if suffix.lower() in suffixes:
        return
    stem = output.name[: len(output.name) - len(suffix)] if suffix else output.name
    names = [f"{stem}{choice}" for choice in suggest or dict.fromkeys(suffixes)]
    listed = _OR.format(lang, first=join(names[:-1], lang), last=names[-1])
    message = (_UNKNOWN_SUFFIX if suffix else _NO_SUFFIX).format(
        lang, path=output, suffix=suffix, names=listed
    )
    if folders and not suffix:
        message += _OR_FOLDER.format(lang, path=output)
    raise UsageError(message)


def format_for(
    fmt: str | None,
    output: Path | None,
    formats: Sequence[str],
    suffixes: Mapping[str, str],
    default: str = "html",
    *,
    suggest: Sequence[str] = (),
    lang: str = "zh",
    folders: bool = False,
) -> str:
    """`--format`, else the `-o` file's suffix (`suffixes`: ".md" -> "md"), else `default`.

    Raises `cjzn.errors.UsageError` for an `-o` file whose suffix is none of
    `suffixes` when no `--format` says what to write (the message, in `lang`,
    suggests the `suggest` suffixes and, with `folders`, a trailing / for a
    folder), for a format not in `formats` and for a
    `--format` that contradicts the `-o` suffix (`-o out.md -f html`): the file
    would open as the wrong kind.
    """
    if output is not None and fmt is None:  # the suffix would decide the format: it must name one
        _check_suffix(output, suffixes, suggest, lang, folders)
    implied = suffixes.get(output.suffix.lower()) if output is not None else None
    if fmt is None:
        return implied or default
    if fmt not in formats:
        raise UsageError(f"未知格式 / unknown format “{fmt}”: {', '.join(formats)}")
    if implied is not None and implied != fmt:
        assert output is not None
        raise UsageError(
            f"-o {output} 的扩展名 {output.suffix} 表示 {implied} 格式，与 --format {fmt} 不一致"
            f"；请改用 {output.stem}{_suffix_of(fmt, suffixes)} 或去掉 --format"
            f" / -o {output}: the suffix {output.suffix} means {implied}, not --format {fmt};"
            f" rename the file or drop --format"
        )
    return fmt


def _suffix_of(fmt: str, suffixes: Mapping[str, str]) -> str:
    """The first suffix that means `fmt` (".html" for html), for the hint."""
    return next((suffix for suffix, name in suffixes.items() if name == fmt), f".{fmt}")
