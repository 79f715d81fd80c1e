"""Plain-text layout for Chinese: display width, line wrapping, and text made safe to show.

Chinese prose has no spaces to break at, so lines are wrapped here by display
width (a CJK character is two columns) for the skeleton's comments and the
terminal views; `xml_safe` drops the control characters XML cannot hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "COMMENT_WIDTH",
    "display_width",
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


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(number: int) -> str:
    """`1` -> `一`, `10` -> `十`, `12` -> `十二`, `24` -> `二十四` (0-99): the guide's numbering."""
    if number < 10:
        return _ZH_DIGITS[number]
    tens, ones = divmod(number, 10)
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return f"{head}十{_ZH_DIGITS[ones] if ones else ''}"


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (tab, LF and CR stay).

    A YAML `\\0` escape would crash Word output and put raw NUL/ESC bytes into
    HTML and Markdown; every rendered value passes through here.
    """
    return _XML_INCOMPATIBLE.sub("", text)


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
