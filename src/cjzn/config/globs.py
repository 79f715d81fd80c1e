"""Path patterns of `cjzn.toml` (`exclude`, `per-file-ignores`, a waiver's `filing`).

One small, predictable syntax, the one `.gitignore` and ruff users know, matched
against a file's path relative to the folder of the `cjzn.toml` (POSIX slashes):

- a pattern without `/` matches a file or folder *name* at any depth
  (`archive`, `草稿*.yaml`);
- a pattern with `/` matches from the config's folder (`filings/崇明县/*.yaml`);
  `**` stands for any number of folders (`filings/**/草稿.yaml`);
- `*` and `?` never cross a `/`; `[...]` is a character class;
- a pattern that matches a folder matches everything inside it
  (`filings/崇明县` covers every filing of 崇明县).
"""

from __future__ import annotations

import functools
import re

__all__ = ["glob_match", "normalise_pattern"]


def normalise_pattern(pattern: str) -> str:
    """Forward slashes, no `./` or leading `/`, no trailing `/`."""
    text = pattern.strip().replace("\\", "/")
    while text.startswith("./"):
        text = text[2:]
    return text.strip("/")


@functools.lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    text = normalise_pattern(pattern)
    anchored = "/" in text
    parts = text.split("/")
    regex = ""
    for number, part in enumerate(parts):
        last = number == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:[^/]*/)*"
            continue
        regex += _part(part) + ("" if last else "/")
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{regex}(?:/.*)?", re.DOTALL)


def _part(part: str) -> str:
    """One path component: `*`, `?` and `[...]` inside it, everything else literal."""
    out, index = "", 0
    while index < len(part):
        char = part[index]
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = part.find("]", index + 2)  # `[]a]`: a `]` right after `[` is a member
            if end == -1:
                out += re.escape(char)
            else:
                body = part[index + 1 : end]
                negate = body.startswith("!")
                body = body[1:] if negate else body
                out += "[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]"
                index = end
        else:
            out += re.escape(char)
        index += 1
    return out


def glob_match(pattern: str, relative: str) -> bool:
    """Whether `relative` (a POSIX path under the config's folder) matches `pattern`."""
    if not pattern.strip():
        return False
    return _compiled(pattern).fullmatch(relative) is not None
