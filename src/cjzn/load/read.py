"""From a path or bytes to text: size bound, encoding, binary content.

Every way the bytes of a file can be unusable becomes one located diagnostic:
too large, not UTF-8 (with a guess at GBK or Big5 for the hint), NUL bytes,
a read error.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cjzn.diagnostics import CodeInfo, Diagnostic
from cjzn.i18n import Msg
from cjzn.load.codes import BINARY, ENCODING, MAX_FILE_BYTES, TOO_LARGE, UNREADABLE

__all__ = ["decode", "mark_diagnostic", "position", "read_bytes"]

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


def read_bytes(path: Path, file: str, lang: str) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of `path`, or the one diagnostic why they cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, too_large(file, lang, size)
        return path.read_bytes(), None
    except OSError as exc:
        reason = exc.strerror or str(exc)
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
