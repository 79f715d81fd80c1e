"""Whose words a catalog text is: the guide's, verbatim, or cjzn's own (`wording`).

The catalog says, by key patterns, which of its Chinese texts are the guide's or its
form's text, copied verbatim, and which are cjzn's (labels, notes, what a stage's
requirement means). The loader refuses a catalog whose `wording` leaves a Chinese
text unmarked or marks one both ways; `not_in_guide` finds the texts marked as the
guide's that the guide's text does not contain (the test suite runs it against the
copy of the guide in docs/guide/).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cjzn.guide.models import Catalog
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.load.walk import leaves

__all__ = ["marked", "normalise_breaks", "not_in_guide", "wording_problems"]

#: A text with Chinese in it: prose that is either the guide's or cjzn's.
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalise_breaks(text: str) -> str:
    """The text with line breaks removed: PDF extraction breaks lines (and the catalog
    joins or keeps paragraphs) where the printed guide has none. Nothing else changes."""
    return re.sub(r"[\r\n]+", "", text)


def _matches(pattern: str, path: PathKey) -> bool:
    parts = pattern.split(".")
    return len(parts) == len(path) and all(
        part in ("*", str(step)) for part, step in zip(parts, path, strict=True)
    )


def _texts(catalog: Catalog) -> Iterator[tuple[PathKey, str]]:
    data = catalog.model_dump(mode="json", exclude={"source", "wording"})
    return ((path, text) for path, text in leaves(data) if _CHINESE.search(text))


def marked(catalog: Catalog, whose: str) -> list[tuple[PathKey, str]]:
    """The Chinese texts the catalog marks as `whose` ("guide" or "cjzn")."""
    if catalog.wording is None:
        return []
    patterns: list[str] = getattr(catalog.wording, whose)
    return [(path, text) for path, text in _texts(catalog) if _hit(patterns, path)]


def _hit(patterns: list[str], path: PathKey) -> bool:
    return any(_matches(pattern, path) for pattern in patterns)


def wording_problems(catalog: Catalog) -> Iterator[tuple[PathKey, Msg]]:
    """Chinese texts that `wording` leaves unmarked or marks both ways (nothing without it)."""
    wording = catalog.wording
    if wording is None:
        return
    for path, _ in _texts(catalog):
        guide, own = _hit(wording.guide, path), _hit(wording.cjzn, path)
        dotted = ".".join(str(step) for step in path)
        if guide and own:
            yield (
                path,
                Msg(
                    f"{dotted} 在 wording 中既标为指南原文又标为 cjzn 的文字",
                    f"{dotted} is marked both as the guide's and as cjzn's in wording",
                ),
            )
        elif not (guide or own):
            yield (
                path,
                Msg(
                    f"{dotted} 是中文文字，但 wording 没有说明它是指南原文还是 cjzn 的文字",
                    f"{dotted} is Chinese text that wording marks neither as the guide's nor cjzn's",
                ),
            )


def not_in_guide(catalog: Catalog, guide_text: str) -> list[tuple[PathKey, str]]:
    """The texts marked as the guide's that `guide_text` does not contain (line breaks aside)."""
    haystack = normalise_breaks(guide_text)
    return [
        (path, text)
        for path, text in marked(catalog, "guide")
        if normalise_breaks(text) not in haystack
    ]
