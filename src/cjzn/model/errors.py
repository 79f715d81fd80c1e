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
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from cjzn.diagnostics import Diagnostic, Fix
from cjzn.guide import Catalog
from cjzn.guide.labels import describe, leaf, pattern
from cjzn.i18n import LANGS, Msg, did_you_mean, join, quote
from cjzn.load import Document, PathKey, dotted
from cjzn.model import codes
from cjzn.model.filing import Filing
from cjzn.text import invisible_in, visible
from cjzn.validation import EXAMPLES, EXPECTED, expected_kind

_DEFAULTS_FOR_MISSING = {"cjzn": "1"}
M = TypeVar("M", bound=BaseModel)


def check_document(
    document: Document, catalog: Catalog | None, lang: str, labels: Catalog | None = None
) -> tuple[Filing | None, list[Diagnostic]]:
    """Validate `document` against the model: the model (pruned of bad values) and the diagnostics.

    `catalog` drives the catalog-dependent checks (districts); `labels` (default: `catalog`)
    names the fields in messages even when the filing's round is unknown.
    """
    return check_against(Filing, document, catalog, lang, labels)


def check_against(
    model: type[M],
    document: Document,
    catalog: Catalog | None,
    lang: str,
    labels: Catalog | None = None,
) -> tuple[M | None, list[Diagnostic]]:
    """`check_document` for any model of the format (a filing, a review file)."""
    naming = labels or catalog
    context = {"catalog": catalog}
    try:
        return model.model_validate(document.data, context=context), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    diagnostics = [_diagnostic(error, document, naming, lang, model) for error in errors]
    data: Any = copy.deepcopy(document.data)
    for _ in range(8):
        for error in errors:
            _prune(data, tuple(error["loc"]), error["type"], naming)
        try:
            return model.model_validate(data, context=context), diagnostics
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
    return None, diagnostics


_UNDER = Msg("{parent} 中", " under {parent}")


def _diagnostic(
    error: Any, document: Document, catalog: Catalog | None, lang: str, model: type[BaseModel]
) -> Diagnostic:
    """The diagnostic of one pydantic error, located at the node (or key) at fault."""
    loc: PathKey = tuple(error["loc"])
    kind: str = error["type"]
    where: dict[str, Any] = {"lang": lang, "file": document.file, "path": dotted(loc)}
    if kind == "extra_forbidden":
        line, column = document.locate_key(loc)
        return codes.UNKNOWN_KEY.diagnostic(
            **where, line=line, column=column, **_unknown_key(loc, catalog, lang, model)
        )
    line, column = document.locate(loc)
    where.update(line=line, column=column, label=describe(loc, catalog, lang, document.data))
    if kind in codes.CODES:
        context = dict(error.get("ctx") or {})
        params = _custom_params(kind, context, catalog, lang)
        fix = _fix(document, loc, error.get("input"), context)
        return codes.CODES[kind].diagnostic(**where, **params, fix=fix)
    if kind == "missing":
        return codes.MISSING_KEY.diagnostic(**where, key=str(loc[-1]))
    expected = expected_kind(kind) or "string"
    return codes.WRONG_TYPE.diagnostic(
        **where, expected=EXPECTED[expected].get(lang), example=EXAMPLES[expected].get(lang)
    )


def _fix(document: Document, loc: PathKey, written: Any, context: dict[str, Any]) -> Fix | None:
    """The correction of a value written the wrong way, when there is exactly one."""
    suggestion = context.get("suggestion") or context.get("corrected")  # V010: #15's word
    if not suggestion or not isinstance(written, str) or not context.get("certain", True):
        return None
    return document.fix_at(loc, written, suggestion)


_EMPTY_KEY = Msg("：冒号前没有写键名", ": there is nothing before the colon")
_HIDDEN_IN_KEY = Msg(
    "：键中混入了看不见的字符 {chars}，删除后是 {name}",
    ": the key holds invisible characters ({chars}); without them it is {name}",
)


def _unknown_key(
    loc: PathKey, catalog: Catalog | None, lang: str, model: type[BaseModel]
) -> dict[str, Any]:
    """The key (shown: an invisible character as an escape), where it is, and the allowed
    key it most likely meant: an empty key gets no guess, a key that is an allowed one
    plus invisible characters (U+200B, a bidi mark) says so."""
    key = str(loc[-1])
    parent = describe(loc[:-1], catalog, lang) if loc[:-1] else ""
    place = _UNDER.format(lang, parent=parent) if parent else ""
    shown = visible(key) if key.strip() else quote(key, lang)
    if not key.strip():
        return {"key": shown, "suggestion": _EMPTY_KEY.get(lang), "place": place}
    allowed = _allowed_keys(loc[:-1], model)
    hidden = invisible_in(key)
    bare = "".join(char for char in key if char not in hidden).strip()
    if hidden and bare in allowed:
        chars = " ".join(visible(char) for char in hidden)
        suggestion = _HIDDEN_IN_KEY.format(lang, chars=chars, name=_named(loc, bare, catalog, lang))
        return {"key": shown, "suggestion": suggestion, "place": place}
    labels = _labels(loc[:-1], allowed, catalog)
    close = _by_label(bare, labels, exact=True)  # `组织形式` for kind: the skeleton's comment
    close = close or difflib.get_close_matches(bare, allowed, n=1, cutoff=0.5)
    close = close or _by_label(bare, labels, exact=False)
    close = close or [name for name in allowed if bare and (name in bare or bare in name)][:1]
    suggestion = did_you_mean(_named(loc, close[0], catalog, lang), lang) if close else ""
    return {"key": shown, "suggestion": suggestion, "place": place}


def _labels(parent: PathKey, allowed: list[str], catalog: Catalog | None) -> dict[str, set[str]]:
    """The labels on the form of the keys allowed under `parent` (the catalog's, in either
    language: what the skeleton writes after each key), casefolded, with their keys."""
    named: dict[str, set[str]] = {}
    for key in allowed if catalog is not None else []:
        for lang in LANGS:
            label = catalog.label(pattern((*parent, key)), lang) if catalog else None
            if label:
                named.setdefault(label.strip().casefold(), set()).add(key)
    return named


def _by_label(written: str, labels: dict[str, set[str]], *, exact: bool) -> list[str]:
    """The one key whose label `written` is (or, not `exact`, is close to); [] when none or
    several are."""
    text = written.casefold()
    close = [text] if exact else difflib.get_close_matches(text, list(labels), n=1, cutoff=0.6)
    keys = labels.get(close[0], set()) if close else set()
    return sorted(keys) if len(keys) == 1 else []


def _named(loc: PathKey, key: str, catalog: Catalog | None, lang: str) -> str:
    """`name（街道（乡镇）名称）`: an allowed key with its label on the form."""
    name = leaf((*loc[:-1], key), catalog, lang)
    return key if name == key else f"{key}（{name}）"


def _custom_params(
    code: str, context: dict[str, Any], catalog: Catalog | None, lang: str
) -> dict[str, Any]:
    """A field check's context made into message parameters in `lang`."""
    params = dict(context)
    if "value" in params:
        params["value"] = quote(params["value"], lang)
    if code in codes.FORMAT_PROBLEMS:
        fixed, other = codes.FORMAT_PROBLEMS[code]
        suggestion = context.get("suggestion") or ""
        params["problem"] = (fixed if suggestion else other).format(lang, suggestion=suggestion)
    if code == codes.PRIOR_ROUNDS.code:
        problem = codes.PRIOR_ROUNDS_PROBLEMS[params.get("problem_key", "unknown")]
        known = join(context.get("known") or [], lang)
        params["problem"] = problem.format(
            lang,
            value=context.get("value", ""),
            quoted=params.get("value", ""),
            known=known,
            suggestion=context.get("suggestion", ""),
        )
    if code == codes.DISTRICT.code:
        params["suggestion"] = did_you_mean(params.get("suggestion"), lang)
        params["districts"] = join(catalog.districts, lang) if catalog else ""
    if code == codes.CHOICE.code and isinstance(params.get("choices"), list):
        params["choices"] = _choices(params["choices"], params.get("enum"), catalog, lang)
    if code == codes.EMAIL.code:
        corrected = context.get("corrected")
        params["detail"] = (
            codes.EMAIL_FULL_WIDTH.format(lang, corrected=corrected) if corrected else ""
        )
    if code in _PHONE_CODES:
        params["detail"] = _phone_detail(context, lang)
    if code == codes.VERSION.code:
        params["supported"] = ", ".join(str(v) for v in codes.SUPPORTED_VERSIONS)
    return params


_PHONE_CODES = frozenset({codes.MOBILE.code, codes.LANDLINE.code, codes.PHONE.code})


def _phone_detail(context: dict[str, Any], lang: str) -> str:
    """Why a phone number is wrong beyond its shape: from abroad, a mobile with an extension …"""
    problem = codes.PHONE_PROBLEMS.get(str(context.get("problem", "")), codes.PHONE_PROBLEMS[""])
    region = Msg(str(context.get("region_zh", "")), str(context.get("region_en", ""))).get(lang)
    return problem.format(lang, calling_code=context.get("calling_code", ""), region=region)


def _choices(choices: list[str], enum: str | None, catalog: Catalog | None, lang: str) -> str:
    """`planned（计划中）、in_progress（实施中）、done（已完成）`: values with the catalog's words."""
    names = catalog.enums.status if catalog is not None and enum == "status" else {}
    shown = [
        f"{value}（{names[value].get(lang)}）" if value in names and lang != "en" else value
        for value in choices
    ]
    return join(shown, lang)


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


def _annotation_at(path: PathKey, model: type[BaseModel]) -> Any:
    """The model's type annotation for `path` (None when the path leaves the model)."""
    current: Any = model
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


def _allowed_keys(path: PathKey, model: type[BaseModel]) -> list[str]:
    """The keys the model accepts at `path` (for "did you mean")."""
    current = _unwrap(_annotation_at(path, model))
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
