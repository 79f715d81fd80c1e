"""From a path or bytes to text: regular files only, size bound, encoding, binary content.

`read_limited` is the one place that decides what cjzn reads from disk: a
regular file (a FIFO, a device such as `/dev/zero`, a socket or a folder is
refused before a byte is read, and a FIFO is opened non-blocking so it cannot
hang the run), and never more than a limit, counted while reading (`st_size`
is 0 for pipes and devices, and a file may grow). Filings, round catalogs and
the outputs `fileio` inspects before replacing them are all read through it.

Every way the bytes of a filing can be unusable becomes one located diagnostic:
not a regular file, too large, not UTF-8 (with a guess at GBK or Big5 for the
hint), NUL bytes, a read error.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from cjzn.diagnostics import CodeInfo, Diagnostic
from cjzn.i18n import Msg
from cjzn.load.codes import (
    BINARY,
    CONTROL_CHARACTER,
    ENCODING,
    MAX_CONTROL_REPORTS,
    MAX_FILE_BYTES,
    TOO_LARGE,
    UNREADABLE,
)
from cjzn.text import visible

__all__ = [
    "FileTooLarge",
    "NotRegularFile",
    "conflict_marker",
    "control_characters",
    "decode",
    "file_kind",
    "mark_diagnostic",
    "not_regular",
    "position",
    "read_bytes",
    "read_limited",
]

#: Line breaks as YAML (1.1, libyaml) counts them, so every position agrees with the parser's.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_UNKNOWN_ENCODING = Msg("其他编码", "another encoding")


def mark_diagnostic(
    info: CodeInfo, file: str, lang: str, line: int, column: int, **params: Any
) -> Diagnostic:
    """A diagnostic about the file as a whole or a position in it (no YAML path)."""
    return info.diagnostic(lang=lang, file=file, line=line, column=column, path="", **params)


def format_size(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def too_large(file: str, lang: str, size: int) -> Diagnostic:
    limit = format_size(MAX_FILE_BYTES)
    return mark_diagnostic(TOO_LARGE, file, lang, 1, 1, size=format_size(size), limit=limit)


# ---------------------------------------------------------------------------
# Reading: regular files only, at most a limit
# ---------------------------------------------------------------------------

_KINDS: dict[str, Msg] = {
    "folder": Msg("这是文件夹，不是文件", "it is a folder, not a file"),
    "unreadable-folder": Msg(
        "文件夹无法打开（没有读取权限），其中的备案没有检查",
        "the folder cannot be opened (no permission); the filings in it were not checked",
    ),
    "fifo": Msg(
        "这是命名管道（FIFO），不是普通文件", "it is a named pipe (FIFO), not a regular file"
    ),
    "device": Msg("这是设备文件，不是普通文件", "it is a device, not a regular file"),
    "socket": Msg("这是套接字，不是普通文件", "it is a socket, not a regular file"),
    "other": Msg("这不是普通文件", "it is not a regular file"),
}
#: Opened non-blocking: a FIFO that slipped past the first look cannot hang the open.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """The path exists but is a folder, a FIFO, a device or a socket (`kind` says which)."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(f"not a regular file ({kind}): {path}")
        self.kind = kind
        self.strerror = f"{_KINDS[kind].zh} / {_KINDS[kind].en}"  # `reason()` picks one

    def reason(self, lang: str) -> str:
        return _KINDS[self.kind].get(lang)


class FileTooLarge(OSError):
    """The file has more bytes than the limit (`size`: at least that many)."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(f"larger than the limit ({size} bytes or more): {path}")
        self.size = size


def _kind(mode: int, path: str | os.PathLike[str]) -> str | None:
    """None for a regular file, else what it is."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        try:
            os.scandir(path).close()
        except OSError:
            return "unreadable-folder"
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def not_regular(path: str | os.PathLike[str]) -> NotRegularFile | None:
    """The error to raise when `path` exists (a symlink followed) and is not a regular file."""
    try:
        kind = _kind(os.stat(path).st_mode, path)
    except (OSError, ValueError):
        return None
    return NotRegularFile(os.fspath(path), kind) if kind is not None else None


def file_kind(path: Path, lang: str) -> str | None:
    """Why `path` is not a regular file cjzn would read or write ("这是命名管道…"); None when
    it is one (or does not exist: the caller words that)."""
    problem = not_regular(path)
    return problem.reason(lang) if problem is not None else None


def read_limited(
    path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *, head: bool = False
) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    Raises `NotRegularFile` for anything else (looked at before opening, and again
    on the opened descriptor), `FileTooLarge` when more than `limit` bytes can be
    read (never trusting `st_size`; with `head`, the first `limit` bytes are the
    answer instead), `OSError` when it cannot be read.
    """
    kind = _kind(os.stat(path).st_mode, path)
    if kind is not None:
        raise NotRegularFile(os.fspath(path), kind)
    fd = os.open(path, _READ_FLAGS)
    try:
        kind = _kind(os.fstat(fd).st_mode, path)
        if kind is not None:  # replaced between the look and the open
            raise NotRegularFile(os.fspath(path), kind)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        size = max(os.fstat(fd).st_size, limit + 1 - left)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if head:
        return data[:limit]
    if left <= 0:
        raise FileTooLarge(os.fspath(path), size)
    return data


def read_bytes(path: Path, file: str, lang: str) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of the filing at `path`, or the one diagnostic why they cannot be used."""
    try:
        return read_limited(path, MAX_FILE_BYTES), None
    except FileTooLarge as exc:
        return None, too_large(file, lang, exc.size)
    except NotRegularFile as exc:
        return None, mark_diagnostic(UNREADABLE, file, lang, 1, 1, reason=exc.reason(lang))
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        reason = getattr(exc, "strerror", None) or str(exc)
        return None, mark_diagnostic(UNREADABLE, file, lang, 1, 1, reason=reason)


def decode(data: bytes, file: str, lang: str = "zh") -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (with or without BOM) text, or the one diagnostic that says why not."""
    if len(data) > MAX_FILE_BYTES:
        return None, too_large(file, lang, len(data))
    for bom in (b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            return None, mark_diagnostic(ENCODING, file, lang, 1, 1, encoding="UTF-16")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = position(data[:nul])
        return None, mark_diagnostic(BINARY, file, lang, line, column, nul_line=line)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line, column = position(exc.object[: exc.start])  # utf-8-sig: after the BOM
        encoding = _guess_encoding(data) or _UNKNOWN_ENCODING.get(lang)
        return None, mark_diagnostic(ENCODING, file, lang, line, column, encoding=encoding)


#: What YAML cannot hold (its printable set, NUL aside: that is binary content, Y002).
_NOT_YAML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {
    "\x0b": Msg("垂直制表符", "vertical tab"),
    "\x0c": Msg("换页符", "form feed"),
    "\x1b": Msg("终端控制符 ESC", "terminal escape (ESC)"),
    "\x7f": Msg("删除符 DEL", "delete (DEL)"),
    "\ufffe": Msg("非字符", "non-character"),
    "\uffff": Msg("非字符", "non-character"),
}
_CONTROL = Msg("控制字符", "control character")


def control_characters(text: str, file: str, lang: str) -> tuple[str, list[Diagnostic]]:
    """Y030 for each character YAML cannot hold (FF, VT, ESC, DEL, U+FFFE …), located on
    YAML's lines, and the text with each replaced by a space (same positions), so the rest
    of the file is still parsed and checked. At most `MAX_CONTROL_REPORTS` are listed."""
    found = list(_NOT_YAML.finditer(text))
    if not found:
        return text, []
    starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]
    problems: list[Diagnostic] = []
    line = 0
    for match in found[:MAX_CONTROL_REPORTS]:
        while line + 1 < len(starts) and starts[line + 1] <= match.start():
            line += 1
        char = match[0]
        name = _CONTROL_NAMES.get(char, _CONTROL).get(lang)
        column = match.start() - starts[line] + 1
        problems.append(
            mark_diagnostic(
                CONTROL_CHARACTER, file, lang, line + 1, column, name=name, char=visible(char)
            )
        )
    return _NOT_YAML.sub(" ", text), problems


#: A merge-conflict marker line (a whole line: lines split as YAML splits them).
_CONFLICT_MARKER = re.compile(r"(<{7}|>{7})(?: .*)?|={7}")


def conflict_marker(text: str) -> tuple[int, str] | None:
    """(line, marker) of the first merge-conflict marker line, when the text has a
    `<<<<<<<` or `>>>>>>>` line. Lines are YAML's (CR, CRLF, LF, NEL, U+2028, U+2029),
    so the line is right after a U+2028 and a CR-only file is searched too."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    first: tuple[int, str] | None = None
    opened = False
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        match = _CONFLICT_MARKER.fullmatch(line)
        if match is not None:
            opened = opened or match[1] is not None
            first = first or (number, line.split(" ", 1)[0])
    return first if opened else None


def position(prefix: bytes) -> tuple[int, int]:
    """1-based line and column just after `prefix` (the bytes before the fault)."""
    text = prefix.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = LINE_BREAK.split(text)
    return len(lines), len(lines[-1]) + 1


def _guess_encoding(data: bytes) -> str | None:
    """Name the usual suspects on Chinese Windows so the hint can be specific."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if any("\u4e00" <= char <= "\u9fff" for char in text):
            return "GBK/GB18030"
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return None
    return "Big5"
