"""Quotes and `#` in a value, as an IME types them: the slips Y021, Y022 and Y023.

Chinese quotes used as YAML quotes (`“主任: 分管社区教育”`), an ASCII quote closed
by a Chinese one (`"李国强”`) or never closed, and text after ` #` that YAML drops
as a comment. A filing made from the skeleton of `cjzn init` ends its key lines
with the form's label as a comment (`overall_goal:   # 总体目标`): a value typed
before it is followed by `  # 总体目标` on the same line, so a quote the clerk
never closed belongs before that comment, and a value quoted for its ` #` ends
before it too. `cjzn.load.slips` runs these finders with the others.
"""

from __future__ import annotations

import re

from cjzn.diagnostics import Fix
from cjzn.i18n import Msg, quote
from cjzn.load.lines import EOL, KEY, NL, REST, VALUE_START, Lines
from cjzn.load.slip_codes import CHINESE_QUOTES, HASH_COMMENT, UNCLOSED_QUOTE, Slip

__all__ = [
    "CHINESE_QUOTED",
    "CLOSERS",
    "HASH",
    "MISMATCHED",
    "OPEN_QUOTE",
    "PAIRS",
    "at_value_end",
    "at_value_start",
    "chinese_quotes",
    "closed_line",
    "hash_comment",
    "hash_text",
    "mismatched_quote",
    "quote_params",
    "unclosed_before_comment",
    "yaml_quoted",
]

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
CLOSERS = {'"': "”", "'": "’"}
CHINESE_QUOTED = re.compile(
    f"{VALUE_START}(?P<value>(?P<open>[“‘「『])(?P<body>{REST}*?)(?P<close>[”’」』]))"
    f"(?=[ \\t]*(?:#{REST}*)?{EOL})"
)
MISMATCHED = re.compile(
    f"{VALUE_START}(?P<open>[\"'])(?P<body>[^\"'{NL}]*)(?P<close>[”’])(?=[ \\t]*(?:#{REST}*)?{EOL})"
)
#: A quote that opens a value: at the start of a line (after `- `), or after `key: `.
OPEN_QUOTE = re.compile(
    f"(?<![^{NL}])[ ]*(?:-[ ]+)*(?:{KEY}:[ ]+)?(?P<open>[\"'])(?P<rest>{REST}*)"
)
HASH = re.compile("[ \t]#(?=[^\\s#])")
#: The skeleton's comment after a value: two spaces or more, then `#`.
_COMMENT = re.compile("[ \t]{2,}#")
_PLAIN_KEY = re.compile(r"[ ]*(?:-[ ]+)*(?:[^\s#:'\"\[\]{},][^:#]*?:(?:[ \t]+|$))?")
_QUOTE_NAMES = {'"': Msg("双引号", "double quote"), "'": Msg("单引号", "single quote")}
_AT_END = Msg("在值的末尾补上 {quote}", "close the value with {quote}")
_BEFORE_COMMENT = Msg(
    "在注释 {comment} 前面补上 {quote}（注释留在引号外面）",
    "close the value with {quote} before the comment {comment} (the comment stays outside)",
)
_CHINESE_CLOSE = Msg(
    "把中文引号 {close} 换成 {quote}", "replace the Chinese quote {close} with {quote}"
)


def yaml_quoted(text: str) -> str:
    """`text` as a quoted YAML scalar: double quotes unless it holds `"` or `\\`."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def at_value_start(text: str, at: int) -> bool:
    """A quote that opens a value: after `: `, `- ` or the indentation of its line."""
    before = text[max(at - 12, 0) : at].rstrip(" ")
    return not before or before[-1] in ":-\r\n\x85\u2028\u2029"


def at_value_end(text: str, at: int) -> bool:
    """A closing quote that ends its line (or comes before a comment)."""
    after = text[at + 1 : at + 13].lstrip(" \t")
    return not after or after[0] in "#\r\n\x85\u2028\u2029"


def hash_text(text: str, at: int) -> bool:
    """` #` followed by text (a comment has a space after #)."""
    follower = text[at + 2 : at + 3]
    return bool(follower) and not follower.isspace() and follower != "#"


def quote_params(opening: str, how: Msg, comment: str = "", close: str = "") -> dict[str, object]:
    """Y023's parameters: the quote's name, and how to close it (`{how}` of the hint)."""
    said = [
        how.format(lang, quote=opening, comment=quote(comment, lang), close=close)
        for lang in ("zh", "en")
    ]
    return {"name": _QUOTE_NAMES[opening], "quote": opening, "how": Msg(*said)}


def _comment_at(text: str, after: int = 0) -> int | None:
    """Where the last comment of `text` that starts after `after` begins (at its spaces)."""
    found = [match.start() for match in _COMMENT.finditer(text, after)]
    return found[-1] if found else None


def _closing(rest: str, opening: str) -> int:
    """Index of the quote that closes a value opened by `opening`, -1 when there is none."""
    index = 0
    while index < len(rest):
        char = rest[index]
        if opening == '"' and char == "\\":
            index += 2
            continue
        if char == opening:
            if opening == "'" and rest[index + 1 : index + 2] == "'":
                index += 2  # '' is a quote inside a single-quoted value
                continue
            return index
        index += 1
    return -1


def closed_line(content: str, column: int) -> tuple[str, int, dict[str, object]]:
    """The line whose value opens at `column` with a quote that is never closed, with the
    quote closed: before the skeleton's comment when the line ends with one, else at its
    end; where the quote went (0-based), and Y023's parameters saying so."""
    opening = content[column - 1]
    gap = _comment_at(content, column)
    if gap is None:
        end = len(content.rstrip())
        return content[:end] + opening, end, quote_params(opening, _AT_END)
    end = len(content[:gap].rstrip(" \t"))
    params = quote_params(opening, _BEFORE_COMMENT, comment=content[gap:].strip())
    return content[:end] + opening + content[end:], end, params


def unclosed_before_comment(match: re.Match[str], lines: Lines) -> Slip | None:
    """`overall_goal: "依托…  # 总体目标`: the quote is closed before the skeleton's comment.

    Only a value whose quote has no closing one on its line, whose line ends with a
    comment (two spaces or more, `#`), and that does not end with a Chinese closing
    quote (that is `mismatched_quote`'s) or a backslash (it would escape the quote).
    """
    opening, rest = match["open"], match["rest"]
    if _closing(rest, opening) >= 0:
        return None
    gap = _comment_at(rest)
    if gap is None:
        return None
    body = rest[:gap].rstrip(" \t")
    if body.endswith((CLOSERS[opening], "\\")):
        return None
    line, column = lines.where(match.start("open"))
    if lines.closes_later(line, opening):
        return None
    old = opening + body
    comment = rest[gap:].strip()
    params = quote_params(opening, _BEFORE_COMMENT, comment=comment)
    focus = column - 1 + len(old)
    return Slip(
        UNCLOSED_QUOTE, line, column, Fix(line, column, old, old + opening), params, focus=focus
    )


def chinese_quotes(match: re.Match[str], lines: Lines) -> Slip | None:
    body, opening, closing = match["body"], match["open"], match["close"]
    if PAIRS[opening] != closing or closing in body:
        return None
    if not (": " in body or ":\t" in body or body.endswith(":") or re.search("[ \t]#", body)):
        return None  # YAML reads it fine: the quotes are part of the text
    line, column = lines.where(match.start("value"))
    fix = Fix(line, column, match["value"], yaml_quoted(body))
    return Slip(CHINESE_QUOTES, line, column, fix, {"open": opening, "close": closing})


def mismatched_quote(match: re.Match[str], lines: Lines) -> Slip | None:
    """`"李国强”`: the fix is the whole quoted value, from the quote the slip is reported at."""
    opening, closing = match["open"], match["close"]
    if CLOSERS[opening] != closing:
        return None
    line, column = lines.where(match.start("open"))
    if lines.closes_later(line, opening):
        return None
    old = opening + match["body"] + closing
    fix = Fix(line, column, old, opening + match["body"] + opening)
    params = quote_params(opening, _CHINESE_CLOSE, close=closing)
    return Slip(UNCLOSED_QUOTE, line, column, fix, params, focus=column - 1 + len(old))


def hash_comment(match: re.Match[str], lines: Lines) -> Slip | None:
    """`measures: 成立领导小组 #1号文件  # 工作措施`: `#1号文件` is lost; quoting the value
    stops before the skeleton's comment, which stays a comment."""
    line, column = lines.where(match.start())
    content = lines.line(line)
    start = _PLAIN_KEY.match(content)
    begin = start.end() if start else 0
    if begin >= column or content[begin] in "\"'[{|>&*!%@`#" or ": " in content[begin:column]:
        return None
    gap = _comment_at(content, column)
    end = len(content.rstrip()) if gap is None else gap
    kept = content[begin : column - 1].rstrip()
    comment = content[column:end].rstrip()
    quoted = yaml_quoted(content[begin:end].rstrip())
    fixed = content[:begin] + quoted + content[end:].rstrip()
    params = {"comment": comment, "kept": kept}
    return Slip(
        HASH_COMMENT, line, column + 1, None, params, fixed=fixed, focus=begin + len(quoted)
    )
