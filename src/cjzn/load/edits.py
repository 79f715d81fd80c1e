"""Text edits: apply `Fix`es to a file's text, and map columns of the edited text back.

The loader parses a filing with its typing slips corrected (so one full-width
colon does not hide every other problem) and reports positions in the text the
user wrote; `cjzn fix` writes the corrected text. Both go through `apply_fixes`:
every byte outside the fixed spans stays as it was (line endings, comments, BOM
handling is the caller's). A fix never adds or removes a line break, so line
numbers agree before and after.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cjzn.diagnostics import Fix
from cjzn.load.read import LINE_BREAK

__all__ = ["ColumnMap", "Edited", "apply_fixes", "line_starts"]

_QUOTES = "\"'"
_BREAKS = frozenset("\r\n\x85\u2028\u2029")


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (lines as YAML counts them)."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def _span(text: str, starts: Sequence[int], fix: Fix) -> tuple[int, int] | None:
    """Where `fix.old` sits in `text` (with its quotes when the value is quoted), or None."""
    if not 1 <= fix.line <= len(starts) or fix.column < 1 or _BREAKS & set(fix.old + fix.new):
        return None
    start = starts[fix.line - 1] + fix.column - 1
    end = start + len(fix.old)
    if text[start:end] == fix.old:
        return start, end
    quote = text[start : start + 1]
    quoted = text[start + 1 : end + 1] == fix.old and text[end + 1 : end + 2] == quote
    if quote and quote in _QUOTES and quoted:
        return start, end + 2
    return None


@dataclass
class ColumnMap:
    """Maps a column of the edited text back to the column the user wrote."""

    #: line -> edits on it: (original column, original length, new length, common prefix,
    #: common suffix), in column order
    lines: dict[int, list[tuple[int, int, int, int, int]]] = field(default_factory=dict)

    def original(self, line: int, column: int) -> int:
        """Inside a replacement, what it shares with the original at either end maps one to
        one (`B1.1，B1.2` -> `B1.1, B1.2`: both codes keep their columns); the rest maps
        to the replacement's start."""
        shift = 0
        for old_column, old_length, new_length, prefix, suffix in self.lines.get(line, ()):
            start = old_column + shift
            if column < start:
                break
            if column < start + new_length:
                offset = column - start
                if offset < prefix:
                    return old_column + offset
                if offset >= new_length - suffix:
                    return old_column + old_length - (new_length - offset)
                return old_column
            shift += new_length - old_length
        return column - shift


@dataclass
class Edited:
    """The edited text, the fixes applied and those that did not fit (changed text, overlap)."""

    text: str
    applied: list[Fix]
    skipped: list[Fix]
    columns: ColumnMap


def _shared(one: str, other: str) -> int:
    """How many characters `one` and `other` share at their start."""
    count = 0
    for left, right in zip(one, other, strict=False):
        if left != right:
            break
        count += 1
    return count


def apply_fixes(text: str, fixes: Iterable[Fix]) -> Edited:
    """`text` with every fix that still matches it applied; overlapping fixes: the first wins."""
    starts = line_starts(text)
    placed: list[tuple[int, int, Fix]] = []
    skipped: list[Fix] = []
    for fix in fixes:
        span = _span(text, starts, fix)
        if span is None or any(span[0] < end and start < span[1] for start, end, _ in placed):
            skipped.append(fix)
            continue
        placed.append((*span, fix))
    placed.sort(key=lambda item: item[0])
    pieces: list[str] = []
    cursor = 0
    columns = ColumnMap()
    for start, end, fix in placed:
        pieces += [text[cursor:start], fix.new]
        cursor = end
        line = bisect_right(starts, start)
        column = start - starts[line - 1] + 1
        old = text[start:end]
        prefix = _shared(old, fix.new)
        suffix = _shared(old[prefix:][::-1], fix.new[prefix:][::-1])
        columns.lines.setdefault(line, []).append(
            (column, end - start, len(fix.new), prefix, suffix)
        )
    pieces.append(text[cursor:])
    applied = [fix for _, _, fix in placed]
    return Edited("".join(pieces), applied, skipped, columns)
