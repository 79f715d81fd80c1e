"""Typing slips found in the text itself, where libyaml would fail or misread them.

A clerk types a filing with a Chinese IME switched on: `name：李国强` (全角冒号),
`name:李国强` (no space), an indentation of full-width spaces, `[B1.1，B1.2]`,
“…” where YAML wants "…", `成立领导小组 #1号文件` (the rest of the line becomes a
comment). libyaml reports these a line later, as something else, or not at all,
so they are looked for in the text before composing: each slip at its exact line
and column, named by its character, with the line as it should be. The
unambiguous ones carry a `Fix`; the loader parses the text with those fixes
applied (so one slip does not hide every other problem) and `cjzn fix` writes them.

Only structural positions are looked at (the start of a line, a key, a `[ ]` list
of codes, a whole value); text inside `|` and `>` blocks is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cjzn.diagnostics import CodeInfo, Diagnostic, Fix
from cjzn.i18n import Msg, quote
from cjzn.load.edits import apply_fixes
from cjzn.load.lines import Lines
from cjzn.load.slip_codes import (
    CHINESE_COMMA,
    CHINESE_QUOTES,
    FULLWIDTH_COLON,
    FULLWIDTH_SPACE,
    HASH_COMMENT,
    NO_SPACE,
    UNCLOSED_QUOTE,
)

__all__ = ["find_slips", "unclosed_quote", "yaml_quoted"]

_NL = "\r\n\x85\u2028\u2029"
_BOL = f"(?<![^{_NL}])"  # at the start of a line
_REST = f"[^{_NL}]"
_EOL = f"(?=[{_NL}]|\\Z)"
_KEY = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[0-9]+)?"
_LEAD = "[ \u3000]*(?:-[ \u3000]+)*"  # indentation and list dashes, full-width spaces too
_VALUE_START = f"(?:{_BOL}[ ]*(?:-[ ]+)*|:[ ]+)"  # where a value (or a list item) starts

_FULLWIDTH_COLON = re.compile(
    f"{_BOL}(?P<lead>{_LEAD})(?P<key>{_KEY})(?P<sep>[ \u3000]*：[ \u3000]*)"
)
_NO_SPACE = re.compile(f"{_BOL}(?P<lead>{_LEAD})(?P<key>{_KEY}):(?=[^\\s/\\\\:#])")
_SPACE_LEAD = re.compile(
    f"{_BOL}(?=[ \u3000-]*\u3000)"
    f"(?P<lead>[ \u3000]*(?:-[ \u3000]+)+|[ \u3000]*(?=-[ \u3000]|{_KEY}[ \u3000]*[:：]))"
)
_SPACE_AFTER_COLON = re.compile(f"{_BOL}{_LEAD}(?P<key>{_KEY})(?P<sep>:\u3000[ \u3000]*)")
_FLOW_LIST = re.compile(f"{_VALUE_START}\\[(?P<body>[^\\[\\]{_NL}]*[，、][^\\[\\]{_NL}]*)\\]")
_CHINESE_QUOTED = re.compile(
    f"{_VALUE_START}(?P<value>(?P<open>[“‘「『])(?P<body>{_REST}*?)(?P<close>[”’」』]))"
    f"(?=[ \\t]*(?:#{_REST}*)?{_EOL})"
)
_MISMATCHED = re.compile(
    f"{_VALUE_START}(?P<open>[\"'])(?P<body>[^\"'{_NL}]*)(?P<close>[”’])(?=[ \\t]*(?:#{_REST}*)?{_EOL})"
)
_HASH = re.compile("[ \t]#(?=[^\\s#])")
_LINE_END = re.compile(f"[{_NL}]")
_OTHER_BREAK = re.compile("[\r\x85\u2028\u2029](?!\n|\\Z)")
_PLAIN_KEY = re.compile(r"[ ]*(?:-[ ]+)*(?:[^\s#:'\"\[\]{},][^:#]*?:(?:[ \t]+|$))?")
_CODE_LIKE = re.compile(r"[A-Za-z]*[0-9]+(?:[.\-][0-9]+)*")
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSERS = {'"': "”", "'": "’"}
_URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "file"})

_COMMA_NAMES = {
    "，": Msg("中文逗号“，”", "a Chinese comma “，”"),
    "、": Msg("顿号“、”", "an enumeration comma “、”"),
}
_WHERE = {
    "indent": Msg("行首缩进中", "in the indentation"),
    "dash": Msg("“-”后面", "after “-”"),
    "colon": Msg("冒号后面", "after the colon"),
}
_QUOTE_NAMES = {'"': Msg("双引号", "double quote"), "'": Msg("单引号", "single quote")}
_QUOTED_PARAMS = frozenset({"comment", "kept", "value"})


def yaml_quoted(text: str) -> str:
    """`text` as a quoted YAML scalar: double quotes unless it holds `"` or `\\`."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


@dataclass
class _Slip:
    info: CodeInfo
    line: int
    column: int
    fix: Fix | None
    params: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None  # the whole line as it should be, when it is not the fix's


def _hits(text: str, needles: tuple[str, ...] | re.Pattern[str]) -> list[int]:
    """Offsets of every needle in `text` (str.find: far faster than a regex class on CJK text)."""
    if isinstance(needles, re.Pattern):
        return [hit.start() for hit in needles.finditer(text)]
    found: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 1)
    return sorted(found)


def _candidate_lines(text: str, finder: _Finder) -> Iterator[tuple[int, int]]:
    """Start and end of each line holding a needle (a character a slip needs) that the
    finder's quick look around it (`near`) does not rule out."""
    end = -1
    for at in _hits(text, finder.trigger):
        if at < end or (finder.near is not None and not finder.near(text, at)):
            continue  # this line was offered already, or the needle is plain text
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _OTHER_BREAK.search(text, start, end):  # CR-only, U+2028 …: the exact line
            start = max(text.rfind(char, start, at) for char in _NL) + 1
            found = _LINE_END.search(text, at)
            end = found.start() if found else len(text)
        yield start, end


def find_slips(text: str, file: str, lang: str) -> list[Diagnostic]:
    """Every typing slip in `text`, in order, each with the line as it should be.

    Each kind of slip needs a character (`：`, U+3000, `[`, a Chinese quote, `#`, a
    colon) that the C regex engine finds quickly; only the lines holding one are
    looked at further, so a clean filing costs a few scans of its text.
    """
    lines: Lines | None = None
    slips: list[_Slip] = []
    for finder in _FINDERS:
        for start, end in _candidate_lines(text, finder):
            for match in finder.pattern.finditer(text, start, end):
                lines = lines or Lines(text)
                line, _ = lines.where(match.start())
                if lines.in_block_scalar(line):
                    continue
                slip = finder.make(match, lines)
                if slip is not None:
                    slips.append(slip)
    if not slips:
        return []
    assert lines is not None
    slips = _one_per_spot(slips)
    corrected = _corrected_lines(slips, lines)
    return [_diagnostic(slip, corrected, file, lang) for slip in slips]


def _one_per_spot(slips: list[_Slip]) -> list[_Slip]:
    """A slip found twice (a value both Chinese-quoted and holding ` #`) is reported once."""
    seen: set[tuple[int, int]] = set()
    kept: list[_Slip] = []
    lines_with_quotes = {slip.line for slip in slips if slip.info is not HASH_COMMENT}
    for slip in sorted(slips, key=lambda s: (s.line, s.column)):
        if (slip.line, slip.column) in seen:
            continue
        if slip.info is HASH_COMMENT and slip.line in lines_with_quotes:
            continue
        seen.add((slip.line, slip.column))
        kept.append(slip)
    return kept


def _corrected_lines(slips: list[_Slip], lines: Lines) -> dict[int, str]:
    """Each line with a fixable slip, with all of that line's fixes applied."""
    corrected: dict[int, str] = {}
    for number in sorted({slip.line for slip in slips if slip.fix is not None}):
        fixes = [
            Fix(1, slip.fix.column, slip.fix.old, slip.fix.new)
            for slip in slips
            if slip.line == number and slip.fix is not None
        ]
        corrected[number] = apply_fixes(lines.line(number), fixes).text
    return corrected


def _diagnostic(slip: _Slip, corrected: dict[int, str], file: str, lang: str) -> Diagnostic:
    fixed = slip.fixed if slip.fixed is not None else corrected.get(slip.line, "")
    keep_indent = slip.info is FULLWIDTH_SPACE
    shown = quote(fixed.rstrip() if keep_indent else fixed.strip(), lang)
    params: dict[str, Any] = {
        key: value.get(lang) if isinstance(value, Msg) else value
        for key, value in slip.params.items()
    }
    for key in _QUOTED_PARAMS & set(params):
        params[key] = quote(params[key], lang)
    return slip.info.diagnostic(
        lang=lang, file=file, line=slip.line, column=slip.column, path="", fix=slip.fix,
        fixed=shown, **params,
    )  # fmt: skip


@dataclass(frozen=True)
class _Finder:
    trigger: tuple[str, ...] | re.Pattern[str]  # what a line with this slip holds, found fast
    pattern: re.Pattern[str]  # the slip, matched on the lines holding a trigger
    make: Callable[[re.Match[str], Lines], _Slip | None]
    near: Callable[[str, int], bool] | None = None  # a cheap look around a needle first


def _at_value_start(text: str, at: int) -> bool:
    """A quote that opens a value: after `: `, `- ` or the indentation of its line."""
    before = text[max(at - 12, 0) : at].rstrip(" ")
    return not before or before[-1] in ":-\r\n\x85\u2028\u2029"


def _at_value_end(text: str, at: int) -> bool:
    """A closing quote that ends its line (or comes before a comment)."""
    after = text[at + 1 : at + 13].lstrip(" \t")
    return not after or after[0] in "#\r\n\x85\u2028\u2029"


def _comma_in_list(text: str, at: int) -> bool:
    """A `[` whose list holds a Chinese comma or 、 before it closes."""
    close = text.find("]", at)
    inside = text[at : close if close >= 0 else len(text)]
    return ("，" in inside or "、" in inside) and "\n" not in inside


def _hash_text(text: str, at: int) -> bool:
    """` #` followed by text (a comment has a space after #)."""
    follower = text[at + 2 : at + 3]
    return bool(follower) and not follower.isspace() and follower != "#"


def _fullwidth_colon(match: re.Match[str], lines: Lines) -> _Slip:
    line, column = lines.where(match.start("sep"))
    rest = lines.line(line)[column - 1 + len(match["sep"]) :]
    new = ": " if rest.strip() and not rest.lstrip().startswith("#") else ":"
    colon = column + match["sep"].index("：")
    return _Slip(
        FULLWIDTH_COLON, line, colon, Fix(line, column, match["sep"], new), {"key": match["key"]}
    )


def _no_space(match: re.Match[str], lines: Lines) -> _Slip | None:
    if match["key"].lower() in _URL_SCHEMES:
        return None
    line, column = lines.where(match.end("key"))
    return _Slip(NO_SPACE, line, column, Fix(line, column, ":", ": "), {"key": match["key"]})


def _space_lead(match: re.Match[str], lines: Lines) -> _Slip | None:
    lead = match["lead"]
    if "\u3000" not in lead:
        return None
    dash = lead.find("-")
    indent, after = (lead, "") if dash < 0 else (lead[:dash], lead[dash:])
    line, _ = lines.where(match.start())
    new = " " * _indentation(indent, lines, line) + after.replace("\u3000", " ")
    lines.decided[line] = len(new) - len(after)
    where = "indent" if "\u3000" in indent else "dash"
    column = lead.index("\u3000") + 1
    return _Slip(FULLWIDTH_SPACE, line, column, Fix(line, 1, lead, new), {"where": _WHERE[where]})


def _indentation(indent: str, lines: Lines, number: int) -> int:
    """How many spaces `indent` (with full-width spaces) stands for at line `number`.

    What the writer saw (a full-width space is two columns wide) when that lines up
    with the lines before, else the level of the enclosing lines nearest to it.
    """
    seen = len(indent) + indent.count("\u3000")
    levels = lines.levels_before(number)
    if not levels or seen in levels:
        return seen
    if len(indent) in levels:
        return len(indent)
    return min(levels, key=lambda level: (abs(level - seen), level))


def _space_after_colon(match: re.Match[str], lines: Lines) -> _Slip:
    line, column = lines.where(match.start("sep"))
    fix = Fix(line, column, match["sep"], ": ")
    return _Slip(FULLWIDTH_SPACE, line, column + 1, fix, {"where": _WHERE["colon"]})


def _chinese_comma(match: re.Match[str], lines: Lines) -> _Slip | None:
    body = match["body"]
    parts = [unicodedata.normalize("NFKC", part).strip() for part in re.split("[,，、]", body)]
    if not all(_CODE_LIKE.fullmatch(part) for part in parts):
        return None  # a list of sentences may hold Chinese commas
    line, column = lines.where(match.start("body"))
    marks = [mark for mark in "，、" if mark in body]
    first = min(body.index(mark) for mark in marks)
    value = next(item.strip() for item in body.split(",") if any(m in item for m in marks))
    new = re.sub("[ ]*[，、][ ]*", ", ", body)
    char = Msg(
        *(
            "和".join(_COMMA_NAMES[m].zh for m in marks),
            " and ".join(_COMMA_NAMES[m].en for m in marks),
        )
    )
    params = {"char": char, "value": value}
    return _Slip(CHINESE_COMMA, line, column + first, Fix(line, column, body, new), params)


def _chinese_quotes(match: re.Match[str], lines: Lines) -> _Slip | None:
    body, opening, closing = match["body"], match["open"], match["close"]
    if _PAIRS[opening] != closing or closing in body:
        return None
    if not (": " in body or ":\t" in body or body.endswith(":") or re.search("[ \t]#", body)):
        return None  # YAML reads it fine: the quotes are part of the text
    line, column = lines.where(match.start("value"))
    fix = Fix(line, column, match["value"], yaml_quoted(body))
    return _Slip(CHINESE_QUOTES, line, column, fix, {"open": opening, "close": closing})


def _mismatched_quote(match: re.Match[str], lines: Lines) -> _Slip | None:
    opening, closing = match["open"], match["close"]
    if _CLOSERS[opening] != closing:
        return None
    line, column = lines.where(match.start("open"))
    fix = Fix(line, column + 1 + len(match["body"]), closing, opening)
    params = {"name": _QUOTE_NAMES[opening], "quote": opening}
    return _Slip(UNCLOSED_QUOTE, line, column, fix, params)


def _hash_comment(match: re.Match[str], lines: Lines) -> _Slip | None:
    line, column = lines.where(match.start())
    content = lines.line(line)
    start = _PLAIN_KEY.match(content)
    begin = start.end() if start else 0
    if begin >= column or content[begin] in "\"'[{|>&*!%@`#" or ": " in content[begin:column]:
        return None
    kept = content[begin : column - 1].rstrip()
    comment = content[column:].rstrip()
    fixed = content[:begin] + yaml_quoted(content[begin:].rstrip())
    params = {"comment": comment, "kept": kept}
    return _Slip(HASH_COMMENT, line, column + 1, None, params, fixed=fixed)


_FINDERS = (
    _Finder(("：",), _FULLWIDTH_COLON, _fullwidth_colon),
    _Finder(re.compile(":(?=[^\\s/\\\\:#])"), _NO_SPACE, _no_space),
    _Finder(("\u3000",), _SPACE_LEAD, _space_lead),
    _Finder(("\u3000",), _SPACE_AFTER_COLON, _space_after_colon),
    _Finder(("[",), _FLOW_LIST, _chinese_comma, _comma_in_list),
    _Finder(tuple(_PAIRS), _CHINESE_QUOTED, _chinese_quotes, _at_value_start),
    _Finder(tuple(_CLOSERS.values()), _MISMATCHED, _mismatched_quote, _at_value_end),
    _Finder((" #", "\t#"), _HASH, _hash_comment, _hash_text),
)


def unclosed_quote(text: str, line: int, column: int, file: str, lang: str) -> Diagnostic | None:
    """Y023 at the quote that opens at `line`:`column` (libyaml saw the file end inside it)."""
    lines = Lines(text)
    if not 1 <= line < len(lines.starts) + 1:
        return None
    content = lines.line(line)
    char = content[column - 1 : column]
    if char not in _QUOTE_NAMES:
        return None
    fixed = content.rstrip() + char
    slip = _Slip(
        UNCLOSED_QUOTE, line, column, None, {"name": _QUOTE_NAMES[char], "quote": char}, fixed=fixed
    )
    return _diagnostic(slip, {}, file, lang)
