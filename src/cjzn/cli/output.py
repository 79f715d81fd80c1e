"""The one output policy of the command line: what reaches the console, and when it cannot.

- Encoding: a Chinese Windows console, or output redirected there, is GBK
  (`PYTHONIOENCODING=gbk`), which has no ✔ ✘ • ☐ and no zero-width or bidi
  characters. Both streams get the error handler `cjzn-console`: a character the
  console cannot encode becomes a look-alike it can (✔ → √, • → ·, ☐ → □),
  vanishes when it is invisible anyway (zero-width, bidi marks), else `?`. Never
  a UnicodeEncodeError, whatever the command prints.
- Failure to write: a full disk, a closed or broken standard output is "cannot
  write output" (exit 1), never "internal error"; a reader that stopped reading
  (`cjzn validate | head`) ends the run quietly.
- Ctrl-C: `Interrupted` (not KeyboardInterrupt, which Typer would turn into a
  silent exit 130) reaches `cli.main`, which says so and exits 130; worker
  processes ignore SIGINT and are stopped by the parent (`check.parallel`).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import signal
import sys
import unicodedata
from collections.abc import Iterable
from typing import Any

import typer

from cjzn.i18n import Msg

__all__ = [
    "CONSOLE_ERRORS",
    "Interrupted",
    "StreamClosed",
    "configure_streams",
    "echo_chunks",
    "flush_output",
    "install_interrupt_handler",
    "is_output_failure",
    "quiet_broken_pipe",
]

CONSOLE_ERRORS = "cjzn-console"
_CLOSED = Msg("标准输出已关闭", "standard output is closed")

#: Look-alikes a GBK (GB2312, Big5 …) console has, for what cjzn itself prints.
_LOOK_ALIKES = {
    "✔": "√", "✓": "√", "☑": "√", "✅": "√", "✘": "×", "✗": "×", "❌": "×", "☒": "×",
    "☐": "□", "•": "·", "‣": "·", "⁃": "-", "▸": ">", "▶": ">", "⚠": "!", "ℹ": "i",
    "–": "-", "‑": "-", "−": "-", "…": "...", "│": "|", "─": "-", "━": "-",
    "“": '"', "”": '"', "‘": "'", "’": "'", "·": ".", "、": ",", "　": "  ",
}  # fmt: skip
#: Failed writes of the output (as opposed to a bug): say "cannot write output".
_OUTPUT_ERRNOS = {
    errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC),
}  # fmt: skip


def _console_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out: list[str] = []
    for char in error.object[error.start : error.end]:
        out.append(_fallback(char, error.encoding))
    return "".join(out), error.end


def _fallback(char: str, encoding: str) -> str:
    """What to print for `char` in a console of `encoding` that cannot show it."""
    if unicodedata.category(char) in ("Cf", "Cc", "Cs", "Zl", "Zp"):
        return "" if unicodedata.category(char) == "Cf" else "?"
    for candidate in (_LOOK_ALIKES.get(char), unicodedata.normalize("NFKC", char)):
        if candidate and candidate != char:
            with contextlib.suppress(UnicodeError, LookupError):
                candidate.encode(encoding)
                return candidate
    return "?"


codecs.register_error(CONSOLE_ERRORS, _console_fallback)


class _ClosedStream(io.TextIOBase):
    """Stands for a standard stream that was closed before cjzn started (`>&-`)."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise StreamClosed


class StreamClosed(OSError):
    """A write to a standard stream closed before cjzn started; `reason(lang)` words it."""

    def __init__(self) -> None:
        super().__init__(errno.EBADF, f"{_CLOSED.zh} / {_CLOSED.en}")

    def reason(self, lang: str) -> str:
        return _CLOSED.get(lang)


def configure_streams() -> None:
    """Both standard streams with the console fallback; a closed one made to say so."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, io.UnsupportedOperation, LookupError):
                reconfigure(errors=CONSOLE_ERRORS)


def echo_chunks(chunks: Iterable[str], batch: int = 1 << 20) -> None:
    """Text made piece by piece (a 10,000-filing report) to stdout in batches of about
    `batch` characters, never as one string of the whole."""
    pending: list[str] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= batch:
            typer.echo("".join(pending), nl=False)
            pending, size = [], 0
    if pending:
        typer.echo("".join(pending), nl=False)


def flush_output() -> None:
    """Flush stdout now, inside the error handling (not at exit, where nobody would say why)."""
    if sys.stdout is not None:
        sys.stdout.flush()


def is_output_failure(exc: BaseException) -> bool:
    """Whether `exc` is a failed write of the output (full disk, closed stream)."""
    return isinstance(exc, OSError) and (
        exc.errno in _OUTPUT_ERRNOS or isinstance(exc, BrokenPipeError)
    )


def quiet_broken_pipe() -> None:
    """The reader went away: send what is left to the null device so exit flushes quietly."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


class Interrupted(BaseException):
    """Ctrl-C: raised by the SIGINT handler `cli.main` installs (Typer swallows KeyboardInterrupt)."""


def _on_interrupt(signum: int, frame: Any) -> None:
    raise Interrupted


def install_interrupt_handler() -> None:
    """SIGINT raises `Interrupted` in the main thread (where Python delivers signals)."""
    with contextlib.suppress(ValueError, OSError):  # not the main thread, or no signals here
        signal.signal(signal.SIGINT, _on_interrupt)
