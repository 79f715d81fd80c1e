"""A filing's review files: read, checked, and attached to its `FileResult` as a trail.

The review files beside a filing (`check.naming.reviews_of`) are read with the one
loader, checked against their model (`model.review`: F codes for keys and values)
and then by the review rules (`rules.review`: W codes) with the filing in view. The
filing's bytes are hashed here (sha256) to compare with what each approval recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from cjzn.check.naming import review_path, reviews_of
from cjzn.check.result import FileResult
from cjzn.diagnostics import Diagnostic
from cjzn.guide import Catalog
from cjzn.load import load_bytes, load_path
from cjzn.load.read import read_bytes
from cjzn.model import (
    REVIEW_MODELS,
    MunicipalReviewFile,
    ReviewTrail,
    check_against,
    inline_reviews,
)
from cjzn.options import Options
from cjzn.rules.review import REVIEW_RULES, ReviewContext, ReviewFile

__all__ = ["filing_sha256", "read_reviews"]


def filing_sha256(path: Path) -> str:
    """The sha256 of the filing's bytes ("" when it cannot be read)."""
    data, _ = read_bytes(path, str(path), "en")
    return hashlib.sha256(data).hexdigest() if data is not None else ""


def read_reviews(
    path: Path,
    result: FileResult,
    options: Options,
    labels: Catalog | None = None,
    instead: Mapping[str, bytes] | None = None,
) -> None:
    """Read and check the review files of the filing at `path`; set `result.trail` and add
    their diagnostics (each located in its review file) to `result.diagnostics`.

    `instead`: the text of a level's review file as it would be (`cjzn review` checks an
    entry before writing it)."""
    document = result.document
    inline = document is not None and inline_reviews(document.data)
    files = reviews_of(path)
    for level in instead or {}:
        files.setdefault(level, review_path(path, level))
    trail = ReviewTrail(inline=inline)
    result.trail = trail
    if not files:
        return
    trail.sha256 = filing_sha256(path)
    catalog = result.catalog
    views: dict[str, ReviewFile] = {}
    for level, review in files.items():
        trail.files[level] = str(review)
        text = (instead or {}).get(level)
        found, problems = _read(review, level, catalog or labels, options.lang, text)
        result.diagnostics.extend(problems)
        if found is not None:
            views[level] = found
            trail.decisions[level] = list(found.model.decisions or [])
            if isinstance(found.model, MunicipalReviewFile):
                trail.evaluations = list(found.model.evaluations or [])
    if result.filing is None or catalog is None or document is None:
        return
    context = ReviewContext(result.filing, document, catalog, options, trail.sha256, views)
    result.diagnostics.extend(d for rule in REVIEW_RULES for d in rule.check(context))


def _read(
    review: Path, level: str, catalog: Catalog | None, lang: str, data: bytes | None = None
) -> tuple[ReviewFile | None, list[Diagnostic]]:
    if data is None:
        document, problems = load_path(review, str(review), lang)
    else:
        document, problems = load_bytes(data, str(review), lang)
    if document is None:
        return None, problems
    model, more = check_against(REVIEW_MODELS[level], document, catalog, lang)
    problems.extend(more)
    return (ReviewFile(level, document, model) if model is not None else None), problems
