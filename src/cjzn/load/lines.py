"""A text's lines as YAML counts them, and what the indentation around a line says.

The slip finders look at a few lines of a filing; these helpers answer, for one
line, where it is (line and column of an offset), whether it is the content of a
`|` or `>` block (then it is text, never a slip), and which indentations would
line it up with the lines before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from cjzn.load.edits import line_starts

__all__ = ["BOL", "EOL", "KEY", "NL", "REST", "VALUE_START", "Lines"]

#: Regular-expression pieces the slip finders share: the characters that end a line (as YAML
#: counts them), the start and the end of a line, a character of the same line, a key of the
#: format (`name`, `B1.1`), and where a value or a list item starts.
NL = "\r\n\x85\u2028\u2029"
BOL = f"(?<![^{NL}])"
REST = f"[^{NL}]"
EOL = f"(?=[{NL}]|\\Z)"
KEY = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[0-9]+)?"
VALUE_START = f"(?:{BOL}[ ]*(?:-[ ]+)*|:[ ]+)"

_BLOCK_HEADER = re.compile(r"(?:^|[ \t])[|>][1-9+-]*[ \t]*(?:#.*)?$")
_DASHES = re.compile("(?:-[ \u3000]+)*")


class Lines:
    """The text's lines, computed once and only when a candidate slip needs them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.decided: dict[int, int] = {}  # line -> its indentation once its slip is fixed

    def where(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def line(self, number: int) -> str:
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip(NL)

    def in_block_scalar(self, number: int) -> bool:
        """Whether line `number` is the content of a `|` or `>` block (indentation decides)."""
        indent = _indent(self.line(number))
        for previous in range(number - 1, 0, -1):
            content = self.line(previous)
            if not content.strip(" \t\u3000"):
                continue
            level = _indent(content)
            if level < indent:
                if _BLOCK_HEADER.search(content):
                    return True
                indent = level
                if level == 0:
                    return False
        return False

    def closes_later(self, number: int, quote: str, limit: int = 200) -> bool:
        """Whether a quote opened on line `number` may close on a line after it: the value
        goes on (blank lines, or lines indented deeper than line `number`) and one of those
        lines holds `quote`. A quoted value of several lines, not an unclosed quote."""
        indent = _indent(self.line(number))
        for following in range(number + 1, min(number + limit, len(self.starts)) + 1):
            content = self.line(following)
            if not content.strip(" \t\u3000"):
                continue
            if _indent(content) <= indent:
                return False
            if quote in content:
                return True
        return False

    def levels_before(self, number: int) -> set[int]:
        """The indentations a structural line may take at line `number`.

        The previous line's and its enclosing lines' (with the levels after their list
        dashes), and two more than the previous line's when it opens a block (`key:`).
        """
        levels: set[int] = set()
        lowest: int | None = None
        for previous in range(number - 1, 0, -1):
            content = self.line(previous)
            stripped = content.strip(" \u3000")
            if not stripped or stripped.startswith("#"):
                continue
            own = self.decided.get(previous, _indent(content.replace("\u3000", "  ")))
            if lowest is None:
                body = re.sub(r"[ \t]+#.*$", "", stripped)
                dashes = _DASHES.match(stripped)
                inner = own + (dashes.end() if dashes else 0)
                if body.endswith((":", "：", "-")):
                    levels.add(inner + 2)
            if lowest is None or own <= lowest:
                dashes = _DASHES.match(stripped)
                levels.update({own, own + (dashes.end() if dashes else 0)})
                lowest = own
                if own == 0:
                    break
        return levels


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
