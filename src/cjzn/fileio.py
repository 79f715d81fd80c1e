"""Write files so that a reader never sees half of one, nor one cjzn did not write.

`cjzn init`, `cjzn schema -o` and the renderers write files people keep in git;
an interrupted write (Ctrl-C, a full disk, a crash) must leave either the old
file or the new one, never a truncated mix. The data goes to a temporary file in
the same folder (same file system, so the final rename is atomic) and is then
moved into place with `os.replace`.

`refusal` is the one place that decides whether a path may be written.
`cjzn render`, `cjzn report` and `cjzn schema` mark what they write, in one
place per format (a comment or `<meta name="generator">` line at the top of
HTML and Markdown, a first JSON key, the DOCX core properties, the PDF's
Creator), and replace an existing file only when the marker stands *there* (a
word in a person's notes is not a marker) and, for DOCX, nobody saved it since;
without `--force` they never replace a symbolic link or a file they did not
write, and never, even with it, a folder, FIFO, device or socket. Existing
files are read through `cjzn.load.read` (regular files only, bounded), and a
DOCX's zip is opened with bounds (entries, member size), so checking a file
cannot exhaust memory. `format_for` is the one rule the commands use to pick
the output format from `--format` and `-o`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.i18n import Msg, join
from cjzn.load.read import file_kind, not_regular, read_limited
from cjzn.pdfinfo import has_creator_marker

__all__ = [
    "MAX_OUTPUT_BYTES",
    "format_for",
    "has_marker",
    "may_replace",
    "output_state",
    "refusal",
    "special_kind",
    "write_atomic",
]

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


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


def write_atomic(path: Path | str, data: str | bytes, *, overwrite: bool = True) -> Path:
    """Write `data` (text is UTF-8 encoded, newlines kept as given) to `path` atomically.

    Parent folders are created. With ``overwrite=False`` an existing file is left
    untouched and `FileExistsError` is raised, even when another process creates
    the file while this one writes (the final step is a hard link, which cannot
    replace a file, where the file system has hard links). An existing file's
    permissions are kept; a symlink is replaced by the file (its target is left
    alone). A folder, FIFO, device or socket is never replaced: `NotRegularFile`
    (an `OSError`), whatever `overwrite` says. Returns the path written.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    special = not_regular(target)
    if special is not None:
        raise special
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder must be: not "the target exists"
        raise NotADirectoryError(errno.ENOTDIR, "不是文件夹 / not a folder", str(folder)) from None
    if not overwrite and (target.exists() or target.is_symlink()):
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

#: An existing output larger than this is not one of cjzn's (a form is well under 5 MB).
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
#: Where the marker may stand in a text output: its first lines (read: the first 64 KB).
_HEAD_LINES, _HEAD_BYTES = 12, 64 * 1024
#: A DOCX of cjzn has a dozen parts and a core.xml of about 1 KB.
_MAX_ZIP_ENTRIES, _MAX_CORE_BYTES = 200, 64 * 1024

_SPECIAL = Msg(
    "{path}：{kind}；cjzn 只写普通文件，未写入",
    "{path}: {kind}; cjzn writes regular files only, nothing written",
)
_SYMLINK = Msg(
    "{path} 是符号链接，未覆盖（确需覆盖请加 --force：链接本身会换成文件，它指向的文件不变）",
    "{path} is a symbolic link; kept it (use --force to replace the link itself with a file)",
)
_NOT_OURS = Msg(
    "{path} 已存在且不是 cjzn {command} 生成的，未覆盖（确需覆盖请加 --force）",
    "{path} exists and was not made by cjzn {command}; kept it (use --force to overwrite)",
)
_EDITED = Msg(
    "{path} 由 cjzn 生成后又在 Word、WPS 等软件中修改保存过，未覆盖（确需覆盖请加 --force）",
    "{path} was made by cjzn and then edited and saved (in Word, WPS …); kept it"
    " (use --force to overwrite)",
)


def _marker_lines(marker: str) -> tuple[re.Pattern[str], ...]:
    """The lines that carry `marker` where cjzn writes it (a whole line, stripped)."""
    m = re.escape(marker)
    return (
        re.compile(rf"<!-- {m}: generated by cjzn [^<>]*-->"),  # HTML and Markdown
        re.compile(rf'<meta name="generator" content="cjzn [^"<>\s]+ \(?{m}\)?">'),  # HTML
        re.compile(rf'"\$comment": "{m}: generated by cjzn[^"\\]*",?'),  # JSON Schema
        re.compile(rf'"generator": "cjzn [^"\\\s]+ {m}",?'),  # the report's JSON
    )


def _text_has_marker(head: bytes, marker: str) -> bool:
    """A line of the first few is exactly a marker line (a word in the prose is not)."""
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    patterns = _marker_lines(marker)
    lines = text.splitlines()[:_HEAD_LINES]
    return any(pattern.fullmatch(line.strip()) for line in lines for pattern in patterns)


def _zip_entry_count(data: bytes) -> int | None:
    """Entries in a ZIP's end-of-central-directory record (None: no record, or ZIP64)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count = int.from_bytes(data[end + 10 : end + 12], "little")
    return None if count == 0xFFFF else count


def _core_properties(data: bytes) -> bytes | None:
    """A DOCX's docProps/core.xml, read with bounds (a zip bomb is not ours); None if none."""
    import io
    import zipfile  # only when an existing DOCX is checked

    count = _zip_entry_count(data)
    if count is None or count > _MAX_ZIP_ENTRIES:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _MAX_CORE_BYTES:
                return None
            with archive.open(info) as member:
                core = member.read(_MAX_CORE_BYTES + 1)  # bounded even if the header lies
    except (KeyError, OSError, EOFError, RuntimeError, ValueError, zipfile.BadZipFile):
        return None
    return core if len(core) <= _MAX_CORE_BYTES else None


def _core_value(core: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}(?:\s[^>]*)?>([^<]*)</{tag}>", core)
    return match[1].strip() if match else None


def _docx_state(data: bytes, marker: str) -> str:
    """ "ours", "edited" (made by cjzn, saved since by a person) or "other"."""
    raw = _core_properties(data)
    if raw is None:
        return "other"
    core = raw.decode("utf-8", errors="replace")
    if "<!DOCTYPE" in core or "<!ENTITY" in core or _core_value(core, "cp:keywords") != marker:
        return "other"
    untouched = (
        _core_value(core, "cp:lastModifiedBy") == "cjzn"
        and _core_value(core, "cp:revision") in (None, "1")
        and _core_value(core, "dcterms:modified") == _core_value(core, "dcterms:created")
    )
    return "ours" if untouched else "edited"


def output_state(path: Path, marker: str) -> str:
    """What the existing file at `path` is, for replacing it: "ours" (cjzn wrote it, with
    `marker` where cjzn puts it), "edited" (a cjzn DOCX saved since by a person) or
    "other". Bounded: at most `MAX_OUTPUT_BYTES` are read; unreadable means "other"."""
    try:
        head = read_limited(path, _HEAD_BYTES, head=True)
        if head.startswith(b"PK\x03\x04"):
            return _docx_state(read_limited(path, MAX_OUTPUT_BYTES), marker)
        if head.startswith(b"%PDF"):
            whole = read_limited(path, MAX_OUTPUT_BYTES)
            return "ours" if has_creator_marker(whole, marker) else "other"
    except (OSError, ValueError):
        return "other"
    return "ours" if _text_has_marker(head, marker) else "other"


def has_marker(path: Path, marker: str) -> bool:
    """Whether cjzn wrote the file at `path` and nobody changed it since (see `output_state`)."""
    return output_state(path, marker) == "ours"


def refusal(
    path: Path, marker: str | None, *, force: bool = False, command: str = ""
) -> Msg | None:
    """Why cjzn must not write `path` (a message naming it), or None when it may.

    The one rule every writer asks: a new path may be written; a folder, FIFO,
    device or socket never (not even with `force`: `-o /dev/null` as root must
    not replace the device); a symbolic link, a file cjzn did not write (its
    `marker` where cjzn puts it) and one it wrote that a person then edited, only
    with `force`. `marker` None: the writer marks nothing, so only `force`
    replaces. `command` names the writer in the message (`render`, `report`).
    """
    kind = special_kind(path)
    if kind is not None:
        return _filled(_SPECIAL, path=path, kind=kind)
    if force or not (path.exists() or path.is_symlink()):
        return None
    if path.is_symlink():
        return _filled(_SYMLINK, path=path)
    state = output_state(path, marker) if marker is not None else "other"
    if state == "ours":
        return None
    if state == "edited":
        return _filled(_EDITED, path=path)
    return _filled(_NOT_OURS, path=path, command=command)


def may_replace(path: Path, marker: str, *, force: bool = False) -> bool:
    """Whether writing `path` is allowed (see `refusal`)."""
    return refusal(path, marker, force=force) is None


def _filled(message: Msg, **params: object) -> Msg:
    """`message` with its placeholders filled in each language (a `Msg` param in its own)."""

    def values(lang: str) -> dict[str, object]:
        return {k: v.get(lang) if isinstance(v, Msg) else v for k, v in params.items()}

    return Msg(message.format("zh", **values("zh")), message.format("en", **values("en")))


def special_kind(path: Path) -> Msg | None:
    """What `path` is when it exists and is not a regular file (a symlink followed)."""
    zh, en = file_kind(path, "zh"), file_kind(path, "en")
    return Msg(zh, en) if zh is not None and en is not None else None


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
