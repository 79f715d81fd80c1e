"""Reading a round catalog: the same strict YAML loader as filings, then the models.

Loading is strict: duplicate YAML keys, unknown fields, missing fields and
inconsistent references are all reported as `CatalogError`, located by file and
line, so a typo in a catalog fails the test suite instead of silently changing
what `validate` accepts.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cjzn.errors import CatalogError, CatalogProblem
from cjzn.guide.cache import read_cached, write_cached
from cjzn.guide.checks import Loc, cross_check
from cjzn.guide.models import Catalog
from cjzn.i18n import Msg
from cjzn.load import MAX_FILE_BYTES, Document, dotted, load_bytes
from cjzn.load.read import FileTooLarge, NotRegularFile, read_limited
from cjzn.validation import EXPECTED, expected_kind

__all__ = ["load_catalog"]

_MISSING = Msg("缺少必填字段", "missing required field")
_UNKNOWN = Msg("未知字段", "unknown field")
_EMPTY = Msg("不能为空", "must not be empty")
_SOURCE = Msg(
    "source 由加载程序填写，不能写在目录文件中",
    "source is set by the loader and must not appear in the file",
)


def load_catalog(path: Path) -> Catalog:
    """Read, parse and validate one catalog file; every failure is a `CatalogError`.

    Cached per file version: `--stage` checking, validation and the dashboard all
    ask for the `--catalog` file, and it is read once.
    """
    try:
        info = Path(path).stat()
    except OSError:
        return _load(str(path), 0, -1)
    return _load(str(path), info.st_mtime_ns, info.st_size)


def _fail(name: str, line: int | None, where: str, text: Msg) -> CatalogError:
    return CatalogError([CatalogProblem(name, line, where, text)])


@functools.lru_cache(maxsize=16)
def _load(name: str, mtime_ns: int, size: int) -> Catalog:
    """This version of the file: from the cache of earlier runs (`guide.cache`), else parsed."""
    cached = read_cached(name, mtime_ns, size)
    if cached is not None:
        return cached
    catalog = _parse(name)
    write_cached(name, mtime_ns, size, catalog)
    return catalog


def _parse(name: str) -> Catalog:
    document = _document(name)
    if "source" in document.data:
        raise _fail(name, document.locate_key(("source",))[0], "source", _SOURCE)
    try:
        catalog = Catalog.model_validate(document.data)
    except ValidationError as exc:
        raise CatalogError(
            [p for error in exc.errors() for p in _problems_of(error, name, document)]
        ) from None
    inconsistent = cross_check(catalog)
    if inconsistent:
        raise CatalogError(
            [
                CatalogProblem(name, _line(document, loc), dotted(loc), text)
                for loc, text in inconsistent
            ]
        )
    return catalog.model_copy(update={"source": name})


def _document(name: str) -> Document:
    """The catalog file as a located document (YAML problems in both languages)."""
    try:
        data = read_limited(name, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _fail(name, None, "", Msg("找不到目录文件", "catalog file not found")) from None
    except NotRegularFile as exc:
        raise _fail(name, None, "", Msg(exc.reason("zh"), exc.reason("en"))) from None
    except FileTooLarge:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise _fail(
            name, None, "", Msg(f"目录文件超过 {limit} MB", f"catalog file larger than {limit} MB")
        ) from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise _fail(
            name, None, "", Msg(f"无法读取目录文件：{why}", f"cannot read catalog file: {why}")
        ) from None
    document, problems = load_bytes(data, name, "zh")
    if not problems and document is not None:
        return document
    if not problems:  # pragma: no cover - load_bytes always says why
        raise _fail(name, None, "", Msg("目录文件无法读取", "catalog file cannot be read"))
    english = load_bytes(data, name, "en")[1]
    raise CatalogError(
        [
            CatalogProblem(name, zh.line, zh.path, Msg(zh.message, en.message))
            for zh, en in zip(problems, english, strict=False)
        ]
    )


def _problems_of(error: ErrorDetails, file: str, document: Document) -> list[CatalogProblem]:
    loc: Loc = tuple(error["loc"])
    return [CatalogProblem(file, _line(document, loc), dotted(loc), _wording(error))]


def _wording(error: ErrorDetails) -> Msg:
    kind = error["type"]
    if kind == "missing":
        return _MISSING
    if kind == "extra_forbidden":
        return _UNKNOWN
    if kind == "string_too_short":
        return _EMPTY
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern", "")
        return Msg(f"格式不符（应匹配 {pattern}）", f"does not match {pattern}")
    expected = expected_kind(kind)
    if expected is not None:
        what = EXPECTED[expected]
        return Msg(f"应为{what.zh}", f"expected {what.en}")
    return Msg(f"取值无效：{error['msg']}", f"invalid value: {error['msg']}")


def _line(document: Document, loc: Loc) -> int:
    """The line of the key at `loc` (of its nearest existing parent when it is missing)."""
    return document.locate_key(tuple(loc))[0] if loc else 1
