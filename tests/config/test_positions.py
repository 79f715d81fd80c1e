"""Every key and value `tomllib` reads has a position, and it points at that key's text."""

from __future__ import annotations

import json
import re
import string
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cjzn.config.positions import TomlPath, scan
from cjzn.config.tomlparser import tomllib

TRICKY = '''# 注释 [not = "a table"]
round = "2013-2014"  # x = 1
"as-of" = 2014-12-31
select = ["Y", "F",
  # ] a comment inside a list
  "V", ]
a.b . "c d" = 1
s = """x = 1
[fake]
""""
t = 'C:\\dir\\'
"键\\u0041" = '中文'
[hook]
warn = ["T"]
[per-file-ignores]
"filings/崇明县/*.yaml" = ["V006"]
[[waivers]]
code = "T101"
expires = 2014-12-31
[[waivers]]
code = "V001"
inline = {x = 1, y = [1, {z = 2}]}
[[waivers.sub]]
q = 1
[[waivers.sub]]
q = 2
'''


def _paths(data: Any, path: TomlPath = ()) -> list[TomlPath]:
    found: list[TomlPath] = []
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        found.append((*path, key))
        if isinstance(value, (dict, list)):
            found.extend(_paths(value, (*path, key)))
    return found


def _key_at(text: str) -> str:
    """The key written at the start of `text` (bare or quoted), as TOML reads it."""
    if text[:1] in "\"'":
        quote = text[0]
        end = 1
        while text[end] != quote:
            end += 2 if quote == '"' and text[end] == "\\" else 1
        return str(next(iter(tomllib.loads(f"{text[: end + 1]} = 0"))))
    match = re.match(r"[A-Za-z0-9_-]+", text)
    assert match is not None, text
    return match.group()


def _check(text: str) -> None:
    data = tomllib.loads(text)
    positions = scan(text)
    lines = text.splitlines()
    for path in _paths(data):
        where = positions.keys.get(path) or positions.values.get(path)
        assert where is not None, path
        line, column = where
        at = lines[line - 1][column - 1 :]
        if isinstance(path[-1], int):
            continue  # a list item or an array of tables' entry: its value or its `[[`
        if at.startswith("["):
            assert at.startswith(("[[", "[")) and path in positions.keys  # a table's header
            continue
        assert _key_at(at) == path[-1], (path, at)


def test_a_tricky_document() -> None:
    _check(TRICKY)
    positions = scan(TRICKY)
    assert positions.key(("round",)) == (2, 1)
    assert positions.value(("select", 2)) == (6, 3)
    assert positions.key(("a", "b", "c d")) == (7, 7)
    assert positions.key(("键A",)) == (12, 1)  # an escaped key, decoded as tomllib does
    assert positions.key(("hook", "warn")) == (14, 1)
    assert positions.key(("waivers", 1)) == (20, 1)
    assert positions.key(("waivers", 1, "code")) == (21, 1)
    assert positions.key(("waivers", 1, "inline", "y", 1, "z")) == (22, 27)
    assert positions.key(("waivers", 1, "sub", 1, "q")) == (26, 1)
    # a key that is not written: its nearest written parent
    assert positions.key(("waivers", 1, "reason")) == (20, 1)
    assert positions.key(("nowhere",)) == (1, 1)


def test_crlf_and_a_bom_free_text() -> None:
    text = 'a = 1\r\n[b]\r\nc = "x"\r\n'
    assert scan(text).key(("b", "c")) == (3, 1)


KEYS = st.text(alphabet=string.ascii_letters + "-_中文 .\"'\\", min_size=1, max_size=6)
SCALARS = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.text(alphabet=string.printable + "中文“”", max_size=12),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=8,
)


def _key(key: str) -> str:
    bare = all(c in string.ascii_letters + string.digits + "-_" for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int,)) or hasattr(value, "isoformat"):
        return str(value) if not hasattr(value, "isoformat") else value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[\n  " + ",\n  ".join(_value(item) for item in value) + ",\n]" if value else "[]"
    return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"


def _document(
    top: dict[str, Any], tables: dict[str, dict[str, Any]], rows: list[dict[str, Any]]
) -> str:
    lines = [f"{_key(k)} = {_value(v)}" for k, v in top.items()]
    for name, table in tables.items():
        lines.append(f"[{_key(name)}]  # a table")
        lines.extend(f"{_key(k)} = {_value(v)}" for k, v in table.items())
    for row in rows:
        lines.append("[[waivers]]")
        lines.extend(f"  {_key(k)} = {_value(v)}  # 说明" for k, v in row.items())
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(KEYS, VALUES, max_size=4),
    st.dictionaries(KEYS, st.dictionaries(KEYS, VALUES, max_size=3), max_size=2),
    st.lists(st.dictionaries(KEYS, SCALARS, max_size=3), max_size=2),
)
def test_every_path_tomllib_reads_is_located(
    top: dict[str, Any], tables: dict[str, dict[str, Any]], rows: list[dict[str, Any]]
) -> None:
    tables = {k: v for k, v in tables.items() if k not in top and k != "waivers"}
    top = {k: v for k, v in top.items() if k != "waivers"}
    text = _document(top, tables, rows)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # a key clash the generator made: not this test's concern
        return
    _check(text)
