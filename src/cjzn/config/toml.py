"""Read a `cjzn.toml`: bounded bytes, UTF-8, TOML (data only), the position of every key.

A syntax error becomes one located C001 diagnostic in the office's words (the
common complaints of `tomllib` translated, the original kept for the rest,
with a word about the full-width characters a Chinese input method types).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjzn.config.codes import SYNTAX
from cjzn.config.positions import Positions, scan
from cjzn.config.tomlparser import tomllib
from cjzn.diagnostics import Diagnostic
from cjzn.i18n import Msg

__all__ = ["MAX_CONFIG_BYTES", "TomlDocument", "read_toml"]

#: A configuration is a few hundred bytes; anything this large is not one.
MAX_CONFIG_BYTES = 1_000_000

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
#: tomllib's messages (the start of them) in the office's words.
_DETAILS = {
    "Expected '=' after a key": Msg("键后面应有英文等号 =", "expected '=' after a key"),
    "Invalid value": Msg(
        "值的写法不对（文字要加英文双引号）", "invalid value (text needs double quotes)"
    ),
    "Invalid statement": Msg("这一行不是 键 = 值 的写法", "not a `key = value` line"),
    "Unclosed array": Msg("列表缺少右方括号 ]", "unclosed list: missing ]"),
    "Unterminated string": Msg("引号没有配对", "unterminated string: a quote is missing"),
    "Cannot overwrite a value": Msg("同一个设置写了两次", "the same setting is written twice"),
    "Cannot declare": Msg("同一个表写了两次", "the same table is declared twice"),
    "Illegal character": Msg("有不允许的字符", "illegal character"),
    "Invalid initial character for a key part": Msg(
        "键的开头有不允许的字符", "invalid character at the start of a key"
    ),
    "Expected newline or end of document": Msg("一行只能写一个设置", "one setting per line"),
}
_IME = re.compile("[＝“”‘’，：［］｛｝＃]")
_IME_NOTE = Msg(
    "（这一行有中文输入法的全角符号，如＝“”，：请改成英文半角符号）",
    ' (this line has full-width punctuation from a Chinese input method: use ASCII = " , :)',
)


@dataclass(frozen=True)
class TomlDocument:
    """A parsed `cjzn.toml`: its data and where every key and value is written."""

    path: Path
    file: str  # as reported in diagnostics
    data: dict[str, Any]
    positions: Positions


def read_toml(path: Path, file: str, lang: str) -> tuple[TomlDocument | None, Diagnostic | None]:
    """The document, or the located diagnostic of why it cannot be read."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        return None, _syntax(lang, file, 1, 1, exc.strerror or str(exc))
    if len(raw) > MAX_CONFIG_BYTES:
        return None, _syntax(lang, file, 1, 1, f"> {MAX_CONFIG_BYTES} bytes")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, _syntax(lang, file, line, 1, Msg("不是 UTF-8 编码", "not UTF-8").get(lang))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, _decode_error(str(exc), text, file, lang)
    return TomlDocument(path, file, data, scan(text)), None


def _decode_error(message: str, text: str, file: str, lang: str) -> Diagnostic:
    line, column = 1, 1
    found = _AT.search(message)
    if found is not None:
        line, column = int(found.group(1)), int(found.group(2))
        message = message[: found.start()]
    elif _AT_END.search(message):
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        message = _AT_END.sub("", message)
    detail = next(
        (words.get(lang) for start, words in _DETAILS.items() if message.startswith(start)),
        message,
    )
    source_lines = text.splitlines()
    if 0 < line <= len(source_lines) and _IME.search(source_lines[line - 1]):
        detail += _IME_NOTE.get(lang)
    return _syntax(lang, file, line, column, detail)


def _syntax(lang: str, file: str, line: int, column: int, detail: str) -> Diagnostic:
    return SYNTAX.diagnostic(lang=lang, file=file, line=line, column=column, path="", detail=detail)
