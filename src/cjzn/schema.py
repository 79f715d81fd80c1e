"""Check a parsed document against the filing model and locate every error.

Pydantic reports errors by `loc`; the loader's `Document` knows where every
path sits, so each error becomes a diagnostic at the YAML node at fault (an
unknown key at the key, a missing key at its parent, a bad value at the value).

The guide's rules need a model to look at even when some values are wrong, so
after reporting, the bad values are pruned (set to absent) and the rest is
validated again: one wrong phone number must not hide three missing codes.
"""

from __future__ import annotations

import copy
import difflib
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from cjzn import fields
from cjzn.catalog import Catalog
from cjzn.diagnostics import Diagnostic
from cjzn.labels import describe, leaf
from cjzn.loader import Document, PathKey, dotted
from cjzn.messages import Msg, did_you_mean, quote
from cjzn.model import Filing

_EXPECTED = {
    "string": Msg("一段文字", "text"),
    "list": Msg(
        "列表（每项另起一行，以“- ”开头）", "a list (one item per line, starting with “- ”)"
    ),
    "mapping": Msg("键值结构（下一级的键缩进两格）", "a mapping (sub-keys indented by two spaces)"),
    "int": Msg("整数", "a whole number"),
    "bool": Msg("true 或 false", "true or false"),
    "date": Msg("日期", "a date"),
}
_EXAMPLES = {
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
_TYPE_KINDS = {
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
}
_DEFAULTS_FOR_MISSING = {"cjzn": "1"}


def check_document(
    document: Document, catalog: Catalog | None, lang: str, labels: Catalog | None = None
) -> tuple[Filing | None, list[Diagnostic]]:
    """Validate `document` against the model: the model (pruned of bad values) and the diagnostics.

    `catalog` drives the catalog-dependent checks (districts); `labels` (default: `catalog`)
    names the fields in messages even when the filing's round is unknown.
    """
    naming = labels or catalog
    context = {"catalog": catalog}
    try:
        return Filing.model_validate(document.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    diagnostics = [_diagnostic(error, document, naming, lang) for error in errors]
    data: Any = copy.deepcopy(document.data)
    for _ in range(8):
        for error in errors:
            _prune(data, tuple(error["loc"]), error["type"], naming)
        try:
            return Filing.model_validate(data, context=context), diagnostics
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, diagnostics


def _diagnostic(error: Any, document: Document, catalog: Catalog | None, lang: str) -> Diagnostic:
    loc: PathKey = tuple(error["loc"])
    kind: str = error["type"]
    context: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    label = describe(loc, catalog, lang)
    where: dict[str, Any] = {"lang": lang, "file": document.file, "path": dotted(loc)}

    if kind in fields.CODES:
        info = fields.CODES[kind]
        params = _custom_params(info.code, context, catalog, lang)
        line, column = document.locate(loc)
        return info.diagnostic(**where, line=line, column=column, label=label, **params)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
        close = close or [name for name in allowed if name in key or key in name][:1]
        suggestion = ""
        if close:
            name = leaf((*loc[:-1], close[0]), catalog, lang)
            shown = close[0] if name == close[0] else f"{close[0]}（{name}）"
            suggestion = did_you_mean(shown, lang)
        line, column = document.locate_key(loc)
        parent = describe(loc[:-1], catalog, lang) if loc[:-1] else ""
        place = (f"{parent} 中" if lang != "en" else f" under {parent}") if parent else ""
        return fields.UNKNOWN_KEY.diagnostic(
            **where, line=line, column=column, key=key, suggestion=suggestion, place=place
        )
    if kind == "missing":
        line, column = document.locate(loc)
        return fields.MISSING_KEY.diagnostic(
            **where, line=line, column=column, label=label, key=str(loc[-1])
        )
    if kind == "literal_error":
        line, column = document.locate(loc)
        choices = _choices(loc, catalog, lang) or context.get("expected", "").replace("'", "")
        return fields.CHOICE.diagnostic(
            **where,
            line=line,
            column=column,
            label=label,
            value=quote(value, lang),
            choices=choices,
        )
    expected_kind = _TYPE_KINDS.get(kind, "string")
    line, column = document.locate(loc)
    return fields.WRONG_TYPE.diagnostic(
        **where,
        line=line,
        column=column,
        label=label,
        expected=_EXPECTED[expected_kind].get(lang),
        example=_EXAMPLES[expected_kind].get(lang),
    )


def _custom_params(
    code: str, context: dict[str, Any], catalog: Catalog | None, lang: str
) -> dict[str, Any]:
    params = dict(context)
    if "value" in params:
        params["value"] = quote(params["value"], lang)
    if code == fields.PRIOR_ROUNDS.code:
        problem = fields.PRIOR_ROUNDS_PROBLEMS[params.get("problem_key", "unknown")]
        known = ("、" if lang != "en" else ", ").join(context.get("known") or [])
        params["problem"] = problem.format(lang, value=context.get("value", ""), known=known)
    if code == fields.DISTRICT.code:
        params["suggestion"] = did_you_mean(params.get("suggestion"), lang)
        separator = "、" if lang != "en" else ", "
        params["districts"] = separator.join(catalog.districts) if catalog else ""
    if code == fields.CHOICE.code and isinstance(params.get("choices"), list):
        params["choices"] = ("、" if lang != "en" else ", ").join(params["choices"])
    if code == fields.VERSION.code:
        params["supported"] = ", ".join(str(v) for v in fields.SUPPORTED_VERSIONS)
    return params


def _choices(loc: PathKey, catalog: Catalog | None, lang: str) -> str:
    """`planned（计划中）、in_progress（实施中）、done（已完成）` from the model's Literal."""
    annotation = _unwrap(_annotation_at(loc))
    if typing.get_origin(annotation) is not typing.Literal:
        return ""
    names = catalog.enums.status if catalog is not None and loc[-1] == "status" else {}
    shown = []
    for value in typing.get_args(annotation):
        name = names.get(value)
        shown.append(f"{value}（{name.get(lang)}）" if name and lang != "en" else str(value))
    return ("、" if lang != "en" else ", ").join(shown)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / Annotated wrappers down to the model, list or dict type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


def _annotation_at(path: PathKey) -> Any:
    """The model's type annotation for `path` (None when the path leaves the model)."""
    current: Any = Filing
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    return current


def _allowed_keys(path: PathKey) -> list[str]:
    """The keys the model accepts at `path` (for "did you mean")."""
    current = _unwrap(_annotation_at(path))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _prune(data: Any, loc: PathKey, kind: str, catalog: Catalog | None) -> None:
    """Remove the value an error points at, so the rest of the filing can still be checked."""
    if kind == "missing" and len(loc) == 1:
        default = _DEFAULTS_FOR_MISSING.get(str(loc[0]))
        if default is None and loc[0] == "round" and catalog is not None:
            default = catalog.round
        if isinstance(data, dict):
            data[str(loc[0])] = default
        return
    parent: Any = data
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(parent, dict) and part in parent:
            if last:
                if kind == "extra_forbidden":
                    del parent[part]
                else:
                    parent[part] = None
                return
            child = parent[part]
        elif isinstance(parent, list) and isinstance(part, int) and 0 <= part < len(parent):
            if last:
                # The item itself is wrong: drop the whole list rather than shift indexes.
                _set(data, loc[:depth], None)
                return
            child = parent[part]  # a field inside the item is wrong: prune just that field
        else:
            if depth > 0:
                _set(data, loc[:depth], None)
            return
        parent = child


def _set(data: Any, path: PathKey, value: Any) -> None:
    if not path:
        return
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
