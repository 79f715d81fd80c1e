"""Plain-text layout for Chinese: display width, line wrapping, and text made safe to show.

Chinese prose has no spaces to break at, so lines are wrapped here by display
width (a CJK character is two columns) for the skeleton's comments and the
terminal views.

The one sanitiser of text cjzn shows: `visible` turns every character that
could act on a terminal, a CI log or an XML parser instead of being read (ESC
and the other controls, bidi overrides that reverse a line, zero-width and other
invisible characters, line separators, non-characters, and the undecodable
bytes of a file name that is not UTF-8) into a visible escape (`\x1b`,
`\u202e`, `\xb0`), so a filing cannot erase or disguise its own error lines
and every report stays valid UTF-8 and well-formed XML. User values enter
messages through `i18n.quote`, file names through `display_path`, and the
text, GitHub and JUnit reporters pass every field through `visible` once more.
`xml_safe` is the renderers' variant: it drops the controls XML cannot hold
(a form shows the value less its controls).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "COMMENT_WIDTH",
    "display_path",
    "display_width",
    "invisible_in",
    "visible",
    "wrap_comment",
    "wrap_lines",
    "xml_safe",
    "zh_number",
]

#: Comment lines are wrapped to this many display columns (a CJK character is two).
COMMENT_WIDTH = 88
#: Punctuation that must not start a line (it stays at the end of the previous one).
_NO_LINE_START = frozenset("，。、；：！？）」』】》〉”’,.;:!?)]}")
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Never shown as they are: C0 controls but tab and line feed, DEL and C1 controls, soft
#: hyphen, Arabic letter mark, Hangul fillers, Mongolian vowel separator, zero-width
#: characters and LRM/RLM, bidi embeddings and overrides, line and paragraph separators,
#: word joiner and invisible operators, bidi isolates, BOM, interlinear annotation marks,
#: non-characters, and lone surrogates (bytes of a name that is not UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for a byte that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control, bidi, invisible or undecodable character shown as an escape.

    ESC becomes `\\x1b`, U+202E `\\u202e`, U+200B `\\u200b`, the byte 0xB0 of a GBK file
    name `\\xb0`; tab and line feed stay. Idempotent: the escapes are plain ASCII.
    """
    return _UNSAFE.sub(_escape, text)


def invisible_in(text: str) -> list[str]:
    """The characters of `text` that `visible` would escape, each once, in order."""
    return list(dict.fromkeys(_UNSAFE.findall(text)))


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as cjzn shows it (messages, reports, `file` in JSON): `visible`, so a name
    that is not UTF-8 or holds an ESC is still valid, inert text."""
    return visible(os.fspath(path))


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(number: int) -> str:
    """`1` -> `一`, `10` -> `十`, `12` -> `十二`, `24` -> `二十四` (0-99): the guide's numbering."""
    if number < 10:
        return _ZH_DIGITS[number]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return f"{head}十{_ZH_DIGITS[ones] if ones else ''}"


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (tab, LF and CR stay); show the
    undecodable bytes of a non-UTF-8 name as escapes (they cannot be written as UTF-8).

    A YAML `\\0` escape would crash Word output and put raw NUL/ESC bytes into
    HTML and Markdown; every rendered value passes through here.
    """
    text = _XML_INCOMPATIBLE.sub("", text)
    return _SURROGATE.sub(_escape, text) if _SURROGATE.search(text) else text


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (CJK characters take two)."""
    return sum(_width(char) for char in text)


def _tokens(line: str) -> Iterable[str]:
    """Runs of ASCII non-space characters stay whole; anything else breaks per character."""
    word = ""
    for char in line:
        if "!" <= char <= "~":
            word += char
            continue
        if word:
            yield word
            word = ""
        yield char
    if word:
        yield word


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` display columns; CJK text breaks between any two characters.

    Each line of `text` starts a new output line. Punctuation that must not start
    a line stays at the end of the previous one; ASCII words are not split.
    """
    room = max(width, 10)
    out: list[str] = []
    for raw in text.splitlines() or [""]:
        line, used = "", 0
        for token in _tokens(raw.strip()):
            size = display_width(token)
            if used + size > room and line.strip() and token not in _NO_LINE_START:
                out.append(line.rstrip())
                line, used = "", 0
                if token == " ":
                    continue
            line += token
            used += size
        out.append(line.rstrip())
    return out


def wrap_comment(text: str, indent: int = 0, width: int = COMMENT_WIDTH) -> str:
    """`text` as `# ` comment lines at `indent` spaces, wrapped at `width` display columns.

    Each line of `text` starts a new comment line, so no character of the catalog's
    text can ever end up outside a comment.
    """
    prefix = " " * indent + "# "
    lines = wrap_lines(text, max(width - len(prefix), 20))
    return "\n".join((prefix + line).rstrip() for line in lines)
