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

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cjzn.diagnostics import Diagnostic, Fix
from cjzn.i18n import Msg, quote
from cjzn.load import quotes
from cjzn.load.edits import apply_fixes
from cjzn.load.lines import BOL as _BOL
from cjzn.load.lines import KEY as _KEY
from cjzn.load.lines import NL as _NL
from cjzn.load.lines import VALUE_START as _VALUE_START
from cjzn.load.lines import Lines
from cjzn.load.slip_codes import (
    CHINESE_COMMA,
    FULLWIDTH_COLON,
    FULLWIDTH_SPACE,
    HASH_COMMENT,
    NO_SPACE,
    UNCLOSED_QUOTE,
    Slip,
)

__all__ = ["excerpt", "find_slips", "unclosed_quote"]

_LEAD = "[ \u3000]*(?:-[ \u3000]+)*"  # indentation and list dashes, full-width spaces too

_FULLWIDTH_COLON = re.compile(
    f"{_BOL}(?P<lead>{_LEAD})(?P<key>{_KEY})(?P<sep>[ \u3000]*：[ \u3000]*)"
)
#: A key typed as its Chinese label (`组织形式：领导小组`, the skeleton's comment beside it).
_LABEL_COLON = re.compile(
    f"{_BOL}(?P<lead>{_LEAD})(?P<key>[\u4e00-\u9fff（）]{{1,16}})(?P<sep>[ \u3000]*：[ \u3000]*)"
)
_NO_SPACE = re.compile(f"{_BOL}(?P<lead>{_LEAD})(?P<key>{_KEY}):(?=[^\\s/\\\\:#])")
_SPACE_LEAD = re.compile(
    f"{_BOL}(?=[ \u3000-]*\u3000)"
    f"(?P<lead>[ \u3000]*(?:-[ \u3000]+)+|[ \u3000]*(?=-[ \u3000]|{_KEY}[ \u3000]*[:：]))"
)
_SPACE_AFTER_COLON = re.compile(f"{_BOL}{_LEAD}(?P<key>{_KEY})(?P<sep>:\u3000[ \u3000]*)")
_FLOW_LIST = re.compile(f"{_VALUE_START}\\[(?P<body>[^\\[\\]{_NL}]*[，、][^\\[\\]{_NL}]*)\\]")
#: The same list never closed on its line: `covers: [B1.1，B1.2  # 涉及…` (the `]` forgotten).
_OPEN_FLOW_LIST = re.compile(
    f"{_VALUE_START}\\[(?P<body>[^\\[\\]#{_NL}]*[，、][^\\[\\]#{_NL}]*?)[ \\t]*"
    f"(?:[ \\t]#[^{_NL}]*)?(?=[{_NL}]|\\Z)"
)
_LINE_END = re.compile(f"[{_NL}]")
_OTHER_BREAK = re.compile("[\r\x85\u2028\u2029](?!\n|\\Z)")
_CODE_LIKE = re.compile(r"[A-Za-z]*[0-9]+(?:[.\-][0-9]+)*")
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
_QUOTED_PARAMS = frozenset({"comment", "kept", "value"})
#: A corrected line longer than this is shown from its start and around its correction.
_SHOWN = 60


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
    slips: list[Slip] = []
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


def _one_per_spot(slips: list[Slip]) -> list[Slip]:
    """A slip found twice (a value both Chinese-quoted and holding ` #`) is reported once."""
    seen: set[tuple[int, int]] = set()
    kept: list[Slip] = []
    lines_with_quotes = {slip.line for slip in slips if slip.info is not HASH_COMMENT}
    for slip in sorted(slips, key=lambda s: (s.line, s.column)):
        if (slip.line, slip.column) in seen:
            continue
        if slip.info is HASH_COMMENT and slip.line in lines_with_quotes:
            continue
        seen.add((slip.line, slip.column))
        kept.append(slip)
    return kept


def _corrected_lines(slips: list[Slip], lines: Lines) -> dict[int, str]:
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


def excerpt(line: str, focus: int, width: int = _SHOWN) -> str:
    """`line` whole when it is short; else its start (the key) and the part around `focus`
    (0-based: where the correction is), with “…” where text is left out."""
    if len(line) <= width:
        return line
    head = width // 3
    start = max(focus - width // 4, head)
    end = min(start + width - head, len(line))
    start = max(min(start, end - (width - head)), head)
    middle = "…" if start > head else ""
    return line[:head] + middle + line[start:end] + ("…" if end < len(line) else "")


def _diagnostic(slip: Slip, corrected: dict[int, str], file: str, lang: str) -> Diagnostic:
    fixed = slip.fixed if slip.fixed is not None else corrected.get(slip.line, "")
    if slip.focus is not None:
        focus = slip.focus
    elif slip.fix is not None:
        focus = slip.fix.column - 1 + len(slip.fix.new)
    else:
        focus = slip.column - 1
    keep_indent = slip.info is FULLWIDTH_SPACE
    line = fixed.rstrip() if keep_indent else fixed.strip()
    focus -= len(fixed) - len(fixed.lstrip()) if not keep_indent else 0
    shown = quote(excerpt(line, focus), lang, limit=None)
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
    make: Callable[[re.Match[str], Lines], Slip | None]
    near: Callable[[str, int], bool] | None = None  # a cheap look around a needle first


def _comma_in_list(text: str, at: int) -> bool:
    """A `[` whose list holds a Chinese comma or 、 before it closes."""
    close = text.find("]", at)
    inside = text[at : close if close >= 0 else len(text)]
    return ("，" in inside or "、" in inside) and "\n" not in inside


def _fullwidth_colon(match: re.Match[str], lines: Lines) -> Slip:
    line, column = lines.where(match.start("sep"))
    rest = lines.line(line)[column - 1 + len(match["sep"]) :]
    new = ": " if rest.strip() and not rest.lstrip().startswith("#") else ":"
    colon = column + match["sep"].index("：")
    return Slip(
        FULLWIDTH_COLON, line, colon, Fix(line, column, match["sep"], new), {"key": match["key"]}
    )


def _label_colon(match: re.Match[str], lines: Lines) -> Slip | None:
    """`组织形式：领导小组` where a key belongs: the full-width colon is the slip (Y017) and the
    Chinese key is F001's, with the key it labels suggested. Only at a key's indentation, so
    a line that goes on a plain value (indented deeper) stays text."""
    line, _ = lines.where(match.start())
    lead = match["lead"]
    indent = len(lead) - len(lead.lstrip(" \u3000")) + lead.count("\u3000")
    dashes = lead.lstrip(" \u3000")
    levels = lines.levels_before(line)
    if levels and indent not in levels and indent + len(dashes) not in levels:
        return None
    return _fullwidth_colon(match, lines)


def _no_space(match: re.Match[str], lines: Lines) -> Slip | None:
    if match["key"].lower() in _URL_SCHEMES:
        return None
    line, column = lines.where(match.end("key"))
    return Slip(NO_SPACE, line, column, Fix(line, column, ":", ": "), {"key": match["key"]})


def _space_lead(match: re.Match[str], lines: Lines) -> Slip | None:
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
    return Slip(FULLWIDTH_SPACE, line, column, Fix(line, 1, lead, new), {"where": _WHERE[where]})


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


def _space_after_colon(match: re.Match[str], lines: Lines) -> Slip:
    line, column = lines.where(match.start("sep"))
    fix = Fix(line, column, match["sep"], ": ")
    return Slip(FULLWIDTH_SPACE, line, column + 1, fix, {"where": _WHERE["colon"]})


def _comma_in_open_list(text: str, at: int) -> bool:
    """A `[` whose line holds a Chinese comma or 、 and no `]`."""
    end = _LINE_END.search(text, at)
    rest = text[at : end.start() if end else len(text)]
    return ("，" in rest or "、" in rest) and "]" not in rest


def _open_chinese_comma(match: re.Match[str], lines: Lines) -> Slip | None:
    """`[B1.1，B1.2` with no `]` on its line (nor on a line the list goes on to): the
    commas corrected and the list closed, before the skeleton's comment."""
    line, _ = lines.where(match.start())
    if lines.closes_later(line, "]"):
        return None
    slip = _chinese_comma(match, lines)
    if slip is None or slip.fix is None:
        return None
    fix = slip.fix
    return dataclasses.replace(slip, fix=dataclasses.replace(fix, new=fix.new.rstrip() + "]"))


def _chinese_comma(match: re.Match[str], lines: Lines) -> Slip | None:
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
    return Slip(CHINESE_COMMA, line, column + first, Fix(line, column, body, new), params)


_FINDERS = (
    _Finder(("：",), _FULLWIDTH_COLON, _fullwidth_colon),
    _Finder(("：",), _LABEL_COLON, _label_colon),
    _Finder(re.compile(":(?=[^\\s/\\\\:#])"), _NO_SPACE, _no_space),
    _Finder(("\u3000",), _SPACE_LEAD, _space_lead),
    _Finder(("\u3000",), _SPACE_AFTER_COLON, _space_after_colon),
    _Finder(("[",), _FLOW_LIST, _chinese_comma, _comma_in_list),
    _Finder(("[",), _OPEN_FLOW_LIST, _open_chinese_comma, _comma_in_open_list),
    _Finder(
        tuple(quotes.PAIRS), quotes.CHINESE_QUOTED, quotes.chinese_quotes, quotes.at_value_start
    ),
    _Finder(
        tuple(quotes.CLOSERS.values()),
        quotes.MISMATCHED,
        quotes.mismatched_quote,
        quotes.at_value_end,
    ),
    _Finder(
        tuple(quotes.CLOSERS),
        quotes.OPEN_QUOTE,
        quotes.unclosed_before_comment,
        quotes.at_value_start,
    ),
    _Finder((" #", "\t#"), quotes.HASH, quotes.hash_comment, quotes.hash_text),
)


def unclosed_quote(text: str, line: int, column: int, file: str, lang: str) -> Diagnostic | None:
    """Y023 at the quote that opens at `line`:`column` (libyaml saw the file end inside it)."""
    lines = Lines(text)
    if not 1 <= line < len(lines.starts) + 1:
        return None
    content = lines.line(line)
    if content[column - 1 : column] not in quotes.CLOSERS:
        return None
    fixed, focus, params = quotes.closed_line(content, column)
    slip = Slip(UNCLOSED_QUOTE, line, column, None, params, fixed=fixed, focus=focus)
    return _diagnostic(slip, {}, file, lang)
