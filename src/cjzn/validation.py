"""Pydantic's error types in the office's words: the one table filings and catalogs share.

Both the filing model and the round catalog are validated by pydantic; when a
value has the wrong kind, the message says what was expected (text, a list, a
date ...) in the same words, whichever file it is in.
"""

from __future__ import annotations

from cjzn.i18n import Msg

__all__ = ["EXAMPLES", "EXPECTED", "expected_kind"]

#: pydantic error type -> the kind of value that was expected.
_KINDS = {
    "string_type": "string",
    "list_type": "list",
    "tuple_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
}

#: What was expected, said as a noun phrase (`应为{...}`).
EXPECTED = {
    "string": Msg("一段文字", "text"),
    "list": Msg(
        "列表（每项另起一行，以“- ”开头）", "a list (one item per line, starting with “- ”)"
    ),
    "mapping": Msg("键值结构（下一级的键缩进两格）", "a mapping (sub-keys indented by two spaces)"),
    "int": Msg("整数", "a whole number"),
    "bool": Msg("true 或 false", "true or false"),
    "date": Msg("日期", "a date"),
}

#: How to write a value of that kind.
EXAMPLES = {
    "string": Msg(
        "直接写文字；含冒号等符号时加引号", "write the text; quote it if it contains a colon"
    ),
    "list": Msg("例如：\n  - 第一项\n  - 第二项", "for example:\n  - first\n  - second"),
    "mapping": Msg(
        "对照 cjzn init 生成的模板填写下一级的键",
        "fill in the sub-keys as in the skeleton from cjzn init",
    ),
    "int": Msg("写一个数字，例如 1", "write a number such as 1"),
    "bool": Msg("写 true 或 false", "write true or false"),
    "date": Msg("写成 2013-03-15", "write it as 2013-03-15"),
}


def expected_kind(error_type: str) -> str | None:
    """`string`, `list`, `mapping`, `int`, `bool` or `date` for a wrong-type error, else None."""
    return _KINDS.get(error_type)
