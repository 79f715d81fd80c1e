"""What a PDF's document info says about who wrote it: cjzn's marker in `/Creator`.

`fileio.output_state` asks it before replacing a PDF: only a PDF cjzn wrote, and
nobody saved since, is replaced without `--force`. Bounded: at most the last
`_MAX_PDF_STREAMS` object streams are inflated, each to `_MAX_PDF_STREAM_BYTES`.
"""

from __future__ import annotations

import re

__all__ = ["has_creator_marker"]

#: A PDF's object streams looked into (from the end, where WeasyPrint puts the info).
_MAX_PDF_STREAMS, _MAX_PDF_STREAM_BYTES = 16, 4 * 1024 * 1024
_CREATOR = re.compile(rb"/Creator\s*\(((?:[^()\\]|\\.)*)\)", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(match: re.Match[bytes]) -> bytes:
    """One escape of a PDF literal string: `\\050` (octal, as pypdf writes) or `\\(`."""
    code = match[1]
    return bytes([int(code, 8) & 0xFF]) if code[:1].isdigit() else code


def _has_creator(data: bytes, creator: re.Pattern[bytes]) -> bool:
    """Whether a `/Creator (...)` of `data`, unescaped, is `creator`."""
    return any(creator.fullmatch(_ESCAPE.sub(_unescape, m[1])) for m in _CREATOR.finditer(data))


def has_creator_marker(data: bytes, marker: str) -> bool:
    """WeasyPrint (and pypdf, joining a booklet) write `/Creator (cjzn VERSION (MARKER))` into
    the document info, often in a compressed object stream near the end; a PDF saved again
    (an incremental update: a second %%EOF) is not ours any more."""
    import zlib  # only for a PDF's compressed objects

    if data.count(b"%%EOF") != 1:
        return False
    creator = re.compile(rb"cjzn [^()\\]* \(" + re.escape(marker.encode()) + rb"\)")
    if _has_creator(data, creator):
        return True
    streams = list(re.finditer(rb"/Type\s*/ObjStm", data))[-_MAX_PDF_STREAMS:]
    for match in reversed(streams):
        start = data.find(b"stream", match.end())
        if start < 0:
            continue
        start += len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        try:
            plain = zlib.decompressobj().decompress(data[start:], _MAX_PDF_STREAM_BYTES)
        except zlib.error:
            continue
        if _has_creator(plain, creator):
            return True
    return False
