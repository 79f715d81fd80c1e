"""Check a parsed `cjzn.toml` against what cjzn understands: every problem located.

The file holds data only: nothing in it is run, imported or evaluated. Every
unknown key and every bad value is a diagnostic at its `file:line:column`
(C002–C009); they are all collected, then raised together as one `ConfigError`
(exit 2), so one run shows everything to fix.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cjzn.config import codes as c
from cjzn.config.positions import TomlPath
from cjzn.config.settings import Origin, Setting
from cjzn.config.toml import TomlDocument
from cjzn.diagnostics import CodeInfo, Diagnostic
from cjzn.i18n import Msg, did_you_mean, join, quote

__all__ = ["Reader", "Vocabulary"]

_CODE = re.compile(r"[A-Z][0-9]*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_EXPECTED = {
    "codes": (Msg("代码列表", "a list of codes"), '["T102", "V006"]'),
    "text": (Msg("文字（加英文双引号）", "text in double quotes"), '"2013-2014"'),
    "paths": (Msg("路径列表", "a list of paths"), '["archive", "filings/草稿/*.yaml"]'),
    "table": (Msg("表（[名称] 下的若干设置）", "a table"), '[hook]\nwarn = ["T"]'),
    "waivers": (
        Msg("豁免的列表（每条以 [[waivers]] 开头）", "a list of [[waivers]] tables"),
        '[[waivers]]\ncode = "T101"',
    ),
    "date": (Msg("日期", "a date"), "2014-12-31"),
}
_WAIVER_CODE = Msg("第 {number} 条豁免的 code", "the code of waiver {number}")
_NOT_A_CODE = Msg("（豁免须写完整的代码）", " (a waiver takes a whole code)")


@dataclass(frozen=True)
class Vocabulary:
    """What values may name: every diagnostic code, the bundled rounds."""

    codes: Collection[str]
    rounds: Collection[str]


class Reader:
    """Reads values out of a `TomlDocument`, collecting a located diagnostic for each problem."""

    def __init__(self, document: TomlDocument, vocabulary: Vocabulary, lang: str) -> None:
        self.document = document
        self.vocabulary = vocabulary
        self.lang = lang
        self.problems: list[Diagnostic] = []

    # -- where ----------------------------------------------------------------------------------

    def origin(self, path: TomlPath) -> Origin:
        line, column = self.document.positions.key(path)
        return Origin(self.document.file, line, column)

    def report(
        self, info: CodeInfo, path: TomlPath, *, at_value: bool = True, **params: Any
    ) -> None:
        positions = self.document.positions
        line, column = positions.value(path) if at_value else positions.key(path)
        self.problems.append(
            info.diagnostic(
                lang=self.lang,
                file=self.document.file,
                line=line,
                column=column,
                path=".".join(str(part) for part in path),
                **params,
            )
        )

    # -- shapes ---------------------------------------------------------------------------------

    def keys(self, table: dict[str, Any], path: TomlPath, allowed: Collection[str]) -> None:
        """C002 for every key of `table` that is not `allowed`, with a suggestion."""
        for key in table:
            if key in allowed:
                continue
            hyphen = key.replace("_", "-").lower()
            guess = hyphen if hyphen in allowed else None
            guess = guess or next(iter(difflib.get_close_matches(key, allowed, n=1)), None)
            self.report(
                c.UNKNOWN_KEY,
                (*path, key),
                at_value=False,
                key=key,
                suggestion=did_you_mean(guess, self.lang),
                known=join(sorted(allowed), self.lang),
            )

    def wrong_type(self, path: TomlPath, kind: str, value: Any) -> None:
        words, example = _EXPECTED[kind]
        self.report(
            c.WRONG_TYPE,
            path,
            key=".".join(str(part) for part in path),
            expected=words.get(self.lang),
            value=_shown(value, self.lang),
            example=example,
        )

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.wrong_type((key,), "table", value)
            return None
        return value

    def text(self, value: Any, path: TomlPath) -> str | None:
        if isinstance(value, str):
            return value
        self.wrong_type(path, "text", value)
        return None

    def setting(self, value: Any, path: TomlPath) -> Setting[Any]:
        return Setting(value, self.origin(path))

    # -- values ---------------------------------------------------------------------------------

    def codes(self, value: Any, path: TomlPath) -> tuple[str, ...] | None:
        """A list of codes or code prefixes (`T`, `T10`, `V006`), upper-cased."""
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.wrong_type(path, "codes", value)
            return None
        found: list[str] = []
        for index, item in enumerate(value):
            code = item.strip().upper()
            if self.known_prefix(code):
                found.append(code)
            else:
                self.unknown_code((*path, index), item, prefix=True)
        return tuple(found) if len(found) == len(value) else None

    def known_prefix(self, code: str) -> bool:
        return bool(_CODE.fullmatch(code)) and any(
            known.startswith(code) for known in self.vocabulary.codes
        )

    def unknown_code(self, path: TomlPath, written: str, *, prefix: bool) -> None:
        """C004: not a code (or, for a waiver, not a whole code)."""
        guess = difflib.get_close_matches(written.strip().upper(), self.vocabulary.codes, n=1)
        if prefix:
            key = _key(tuple(part for part in path if not isinstance(part, int)))
        else:
            key = _WAIVER_CODE.format(self.lang, number=int(path[1]) + 1)
        self.report(
            c.UNKNOWN_CODE,
            path,
            key=key,
            code=quote(written, self.lang),
            what="" if prefix else _NOT_A_CODE.get(self.lang),
            suggestion=did_you_mean(guess[0] if guess else None, self.lang),
        )

    def patterns(self, value: Any, path: TomlPath) -> tuple[str, ...] | None:
        """A list of path patterns, each inside the config's folder."""
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.wrong_type(path, "paths", value)
            return None
        good = [item for index, item in enumerate(value) if self.pattern(item, (*path, index))]
        return tuple(good) if len(good) == len(value) else None

    def pattern(self, text: str, path: TomlPath) -> bool:
        """A path pattern that cannot leave the config's folder (no `..`, not absolute)."""
        posix = text.strip().replace("\\", "/")
        if posix and ".." not in posix.split("/") and not re.match(r"[A-Za-z]:", posix):
            return True
        why = Msg(
            "路径不能为空、不能是绝对路径、不能含 ..", "must not be empty, absolute or contain .."
        )
        self.report(
            c.BAD_PATH, path, key=_key(path), value=quote(text, self.lang), why=why.get(self.lang)
        )
        return False

    def date(self, value: Any, path: TomlPath) -> date | None:
        """A TOML date, or text written like one (`"2014-12-31"`)."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, (str, datetime)):
            self.report(c.INVALID_DATE, path, key=_key(path), value=quote(str(value), self.lang))
        else:
            self.wrong_type(path, "date", value)
        return None

    def repo_path(self, value: str, path: TomlPath, repo_root: Path) -> Path | None:
        """A file named relative to the config's folder that exists and stays in the repo."""
        candidate = (self.document.path.parent / value).resolve()
        why: Msg | None = None
        if not candidate.is_relative_to(repo_root.resolve()) or Path(value).is_absolute():
            why = Msg("路径在仓库之外", "the path is outside the repo")
        elif not candidate.is_file():
            why = Msg("文件不存在", "no such file")
        if why is None:
            return candidate
        self.report(
            c.BAD_PATH, path, key=_key(path), value=quote(value, self.lang), why=why.get(self.lang)
        )
        return None


def _key(path: TomlPath) -> str:
    return ".".join(str(part) for part in path)


def _shown(value: Any, lang: str) -> str:
    """A TOML value in a message, as the user wrote it (roughly)."""
    if isinstance(value, str):
        return quote(value, lang)
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"
