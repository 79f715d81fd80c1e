"""Review files as text: a new entry appended without rewriting what is there.

A review file is the reviewer's own YAML (comments, order, quoting, line endings):
cjzn never re-serialises it. A decision is appended at the end of the `decisions:`
list and an evaluation at the end of `evaluations:` (the list is started when
there is none), every other byte kept; the caller parses the result again to be
sure the entry landed where it was meant to (`Appended.check`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = ["HEADER", "Appended", "append_entry", "end_of_block", "entry_lines"]

#: The first lines of a new review file.
HEADER = "# cjzn 审核记录（{level}）：每条决定按时间先后追加在最后，不改动以前的记录。\ncjzn: 1\n"

_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?P<rest>.*)$")
_ITEM = re.compile(r"^(?P<indent>[ ]*)- ")
#: Text written as it is: words, digits, `·`, `.`, `-` and Chinese commas and full stops
#: (anything else, or a YAML word such as `true`, is quoted).
_PLAIN = re.compile(r"(?![-.])(?!(?:true|false|null|yes|no|on|off|~)$)[\w·.\-，。、]+", re.I)
_EMPTY_VALUE = re.compile(r"^\s*(\[\s*\]|~|null|Null|NULL)?\s*(?P<comment>#.*)?$")


def _scalar(value: str) -> str:
    """A YAML value that reads back as exactly `value` (double-quoted, JSON escapes)."""
    return json.dumps(value, ensure_ascii=False)


def _text(key: str, value: str, indent: str) -> list[str]:
    """`key: value`, a literal block for text of several lines."""
    lines = value.split("\n")
    plain_lines = all(line == line.lstrip() for line in lines) and "\r" not in value
    if len(lines) > 1 and plain_lines and all(lines):
        return [f"{indent}{key}: |-", *(f"{indent}  {line}" for line in lines)]
    return [f"{indent}{key}: {_scalar(value)}"]


def entry_lines(fields: list[tuple[str, str | bool | None]], indent: int) -> list[str]:
    """A list entry `- key: value` with the given fields (None left out): text quoted,
    booleans and dates/codes/checksums (plain tokens) as they are."""
    lines: list[str] = []
    inner = " " * (indent + 2)
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, bool):
            written = [f"{inner}{key}: {'true' if value else 'false'}"]
        elif _PLAIN.fullmatch(value):
            written = [f"{inner}{key}: {value}"]
        else:
            written = _text(key, value, inner)
        lines.extend(written)
    lines[0] = " " * indent + "- " + lines[0][indent + 2 :]
    return lines


@dataclass(frozen=True)
class Appended:
    """The new text, and the number of entries the list had before."""

    text: str
    before: int


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def append_entry(
    text: str, key: str, fields: list[tuple[str, str | bool | None]], count: int
) -> str:
    """`text` with an entry appended to its top-level list `key` (`count`: how many entries
    the list has now, for the caller's check). Comments and all other lines are kept."""
    nl = _newline(text)
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _is_key(line, key)), None)
    if start is None:  # no such list yet: start it at the end
        body = [*lines] if text.strip() else []
        new = [*body, f"{key}:", *entry_lines(fields, 2)]
        return nl.join(new) + nl
    match = _TOP_KEY.match(lines[start])
    rest = match.group("rest") if match else ""
    empty = _EMPTY_VALUE.match(rest)
    if empty is not None and empty.group(1):  # `decisions: []`: becomes a block list
        comment = empty.group("comment")
        lines[start] = f"{key}:" + (f"  {comment}" if comment else "")
    end = end_of_block(lines, start)
    indent = next(
        (len(m.group("indent")) for line in lines[start + 1 : end] if (m := _ITEM.match(line))), 2
    )
    new = [*lines[:end], *entry_lines(fields, indent), *lines[end:]]
    return nl.join(new) + nl


def _is_key(line: str, key: str) -> bool:
    match = _TOP_KEY.match(line)
    return match is not None and match.group("key") == key


def end_of_block(lines: list[str], start: int) -> int:
    """Where the block of the top-level key at `start` ends: before the next top-level key
    and the comments and blank lines just above it (they belong to that key)."""
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _TOP_KEY.match(lines[i]):
            end = i
            break
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end
