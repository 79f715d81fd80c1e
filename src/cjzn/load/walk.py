"""The one walker over raw data: what is written at a path, and whether it is really there.

The loader keeps every scalar as its source text, so "is it filled in?" is
answered on the document as written: the stage requirements, the render
fallback for values the model rejected, and the dashboard all ask here.
`value_at` also steps through pydantic models (by their fields), so the same
walk reads a validated `Filing` and the raw document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cjzn.load.document import PathKey

__all__ = [
    "ABSENT",
    "BROKEN",
    "blank",
    "empty",
    "leaves",
    "missing",
    "missing_text",
    "text_at",
    "value_at",
]


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The key is not there.
ABSENT: Any = _Marker("ABSENT")
#: A parent is of the wrong kind (already an error of its own).
BROKEN: Any = _Marker("BROKEN")


def _child(node: Any, part: str | int) -> Any:
    if isinstance(part, int):
        if not isinstance(node, list):
            return BROKEN
        return node[part] if 0 <= part < len(node) else ABSENT
    if isinstance(node, dict):
        return node.get(part, ABSENT)
    fields = getattr(type(node), "model_fields", None)  # a pydantic model
    if fields is not None:
        return getattr(node, part) if part in fields else ABSENT
    return BROKEN


def value_at(data: Any, path: PathKey) -> Any:
    """The value at `path`; `ABSENT` or `BROKEN` when there is none.

    Callers test the kind of what they get (a str, list or dict): the two
    markers are neither.
    """
    node = data
    for depth, part in enumerate(path):
        node = _child(node, part)
        if node is ABSENT or node is BROKEN:
            return node
        if node is None and depth < len(path) - 1:
            return ABSENT
    return node


def leaves(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text under `data` with its path, in document order (mappings and lists only)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))


def text_at(data: Any, path: PathKey) -> str:
    """The text written at `path`, stripped; "" when there is none (absent, null, not text)."""
    value = value_at(data, path)
    return value.strip() if isinstance(value, str) else ""


def empty(value: Any) -> bool:
    """Shallow: absent, null, whitespace-only text, or a list/mapping without entries."""
    if value is ABSENT or value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def blank(value: Any) -> bool:
    """Deep: nothing real written, so a skeleton's `- name:` or `[""]` counts as empty.

    A list is blank when all its items are, a mapping when all its values are
    (the loader bounds the nesting, so the recursion is shallow).
    """
    if isinstance(value, list):
        return all(blank(item) for item in value)
    if isinstance(value, dict):
        return all(blank(item) for item in value.values())
    return empty(value)


def missing(value: Any) -> bool:
    """Absent or blank (deeply); a broken parent is not "missing" (reported elsewhere)."""
    return value is not BROKEN and blank(value)


def missing_text(value: Any) -> bool:
    """A text field is missing when absent, null, whitespace or an empty list/mapping.

    A non-empty list or mapping where text belongs is present but wrong: the
    model reports it, so it is not repeated as missing.
    """
    return value is not BROKEN and empty(value)
