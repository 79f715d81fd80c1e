"""The right value in the wrong format: what a date, month, flag or round list was meant to be.

A clerk writes `2013/3/5`, `2013年3月5日`, `２０１３－０３－０５`, `sealed: 是`,
`prior_rounds: 第二轮、第三轮`. The field types still reject these (the contract
is ISO dates, `true`/`false`, a list of numbers), but the diagnostic says what
to write instead, and `cjzn fix` writes it. Each function returns the corrected
value, or None when the text cannot be read one way only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

__all__ = ["flag_meaning", "suggest_date", "suggest_month", "suggest_rounds", "written_as"]

_QUOTES = "“”‘’「」\"' "
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?", re.ASCII)
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:[-/.]\s*\d{1,2}\s*[日号]?)?", re.ASCII)
_MONTH_DIGITS = re.compile(r"(\d{4})(\d{2})", re.ASCII)
_TRUE = frozenset({"是", "有", "对", "真", "已盖章", "盖章", "已盖", "yes", "y", "on", "√", "✓"})
_FALSE = frozenset({"否", "无", "没有", "不", "错", "假", "未盖章", "no", "n", "off", "×", "✗"})
_NEVER = frozenset({"无", "没有", "从未参与", "从未参加", "未参与", "未参加", "否"})
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROUND_SEPARATORS = re.compile(r"[、，,;；和及与\s]+")
_ROUND = re.compile(
    r"第?\s*([0-9]+|[一二三四五六七八九])\s*(?:轮|期|批)?", re.ASCII | re.IGNORECASE
)


def written_as(text: str) -> str:
    """`text` as ASCII where the IME made it full-width, without stray quotes and spaces."""
    return unicodedata.normalize("NFKC", text).strip(_QUOTES)


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def suggest_date(text: str) -> str | None:
    """`2013-03-05` for `2013/3/5`, `2013年3月5日`, `2013.03.05`, `20130305`, full-width digits."""
    plain = written_as(text)
    match = _DATE.fullmatch(plain) or _DATE_DIGITS.fullmatch(plain)
    return _iso(*match.groups()) if match else None


def suggest_month(text: str) -> str | None:
    """`2013-04` for `2013/4`, `2013年4月`, `2013.04`, `201304`, `2013-04-01`, full-width digits."""
    plain = written_as(text)
    match = _MONTH.fullmatch(plain) or _MONTH_DIGITS.fullmatch(plain)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return f"{int(match[1]):04d}-{int(match[2]):02d}"


def flag_meaning(text: str) -> bool | None:
    """True for 是/有/yes…, False for 否/无/no…; None for anything else."""
    plain = written_as(text).lower()
    if plain in _TRUE:
        return True
    if plain in _FALSE:
        return False
    return None


def _round_number(part: str) -> int | None:
    match = _ROUND.fullmatch(part)
    if match is None:
        return None
    number = match[1]
    return int(number) if number.isdigit() else _NUMERALS[number]


def suggest_rounds(value: str | Sequence[object], known: Sequence[str]) -> list[int] | None:
    """`[2, 3]` for `第二轮、第三轮` (or a list of such items); `[]` for `从未参与`.

    None unless every part names a known round.
    """
    if isinstance(value, str):
        plain = written_as(value).strip("[]【】 ")
        if plain in _NEVER:
            return []
        parts = [part for part in _ROUND_SEPARATORS.split(plain) if part]
    else:
        parts = [written_as(str(item)) for item in value if item is not None]
    rounds: list[int] = []
    for part in parts:
        number = _round_number(part)
        if number is None or str(number) not in known:
            return None
        if number not in rounds:
            rounds.append(number)
    return rounds or None
