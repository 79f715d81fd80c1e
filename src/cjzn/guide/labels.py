"""Human names for YAML paths, from the round's catalog.

Messages say `街道（乡镇）联系人 · 手机号码`, not `contact.mobile`: the office staff
know the form, not the file format. The names come from the catalog's
`labels` (the form's wording), codes get the guide's titles.
"""

from __future__ import annotations

from typing import Any

from cjzn.guide.models import Catalog
from cjzn.i18n import Msg
from cjzn.load import PathKey
from cjzn.load.walk import text_at

__all__ = ["CODE_KEYED", "SEPARATOR", "describe", "leaf", "pattern", "work_name"]

#: Keys whose children are codes (`basic_work.B3.2`, `stage_goals.S1`), not fixed names.
CODE_KEYED = ("basic_work", "stage_goals")
SEPARATOR = " · "
_FILE = Msg("文件", "file")
_ITEM = Msg("第 {n} 项", "item {n}")


def pattern(path: PathKey) -> str:
    """The catalog label key for a path: list indexes and code keys become `*`."""
    parts: list[str] = []
    for index, part in enumerate(path):
        parent = path[index - 1] if index else None
        if isinstance(part, int) or parent in CODE_KEYED:
            parts.append("*")
        else:
            parts.append(str(part))
    return ".".join(parts)


def work_name(data: Any, index: int, catalog: Catalog | None, lang: str = "zh") -> str:
    """What a filing calls its key work `index`: `K3 深化老年教育，创新发展模式`, or the title of
    a work of its own; "" when it has neither (or a code that is not the round's)."""
    code = text_at(data, ("key_work", index, "code"))
    if code and catalog is not None and code in catalog.key_codes():
        return f"{code} {catalog.title(code, lang)}"
    title = text_at(data, ("key_work", index, "title"))
    return title if not code else ""


def describe(path: PathKey, catalog: Catalog | None, lang: str = "zh", data: Any = None) -> str:
    """`contact.mobile` -> `街道（乡镇）联系人 · 手机号码`; falls back to the dotted path.

    With the filing's `data`, a key work is named by its code and title (or its own title)
    instead of its number: `本轮的重点创建工作 · 社区微治理学习坊 · 实际成效`.
    """
    if not path:
        return _FILE.get(lang)
    names: list[str] = []
    for depth in range(1, len(path) + 1):
        prefix = path[:depth]
        part = prefix[-1]
        parent = prefix[-2] if depth > 1 else None
        if isinstance(part, int):
            work = work_name(data, part, catalog, lang) if prefix == ("key_work", part) else ""
            names.append(work or _ITEM.format(lang, n=part + 1))
            continue
        if parent in CODE_KEYED:
            title = catalog.title(str(part), lang) if catalog else ""
            names.append(f"{part} {title}".strip())
            continue
        label = catalog.label(pattern(prefix), lang) if catalog else None
        names.append(label or str(part))
    return SEPARATOR.join(names)


def leaf(path: PathKey, catalog: Catalog | None, lang: str = "zh") -> str:
    """Just the last name: for lists of allowed keys and short hints."""
    if not path:
        return ""
    label = catalog.label(pattern(path), lang) if catalog else None
    return label or str(path[-1])
