"""A strict YAML parser that keeps every value's exact text, line and column.

PyYAML's usual `safe_load` silently keeps the last of two duplicate keys, reads
`02164311234` as an octal number and `yes` as a boolean, and gives no
positions. This composes nodes (libyaml's C parser when present) with *no*
implicit type resolution, so every scalar stays the exact text the user wrote,
then builds plain Python values while recording where each came from. The
models decide what a value means; the loader never guesses. Filings and round
catalogs are both read here.

Every way a file can be unusable (merge-conflict markers, tabs, unknown tags,
alias bombs, deep nesting) becomes one located `Diagnostic`, never an
exception or a hang.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, cast

import yaml

from cjzn.diagnostics import CodeInfo, Diagnostic
from cjzn.i18n import Msg
from cjzn.load.codes import (
    ALIASES,
    COMPLEX_KEY,
    CONFLICT,
    DEPTH,
    DUPLICATE_KEY,
    EMPTY,
    MAX_DEPTH,
    MAX_NODES,
    MAX_SCALAR_CHARS,
    MULTI_DOC,
    NOT_MAPPING,
    SYNTAX,
    TAB,
    TAG,
    TOO_MANY_VALUES,
    VALUE_TOO_LONG,
)
from cjzn.load.document import Document, Location, PathKey, dotted
from cjzn.load.edits import ColumnMap, apply_fixes
from cjzn.load.problems import explain
from cjzn.load.read import (
    conflict_marker,
    control_characters,
    decode,
    mark_diagnostic,
    read_bytes,
)
from cjzn.load.slip_codes import UNCLOSED_QUOTE
from cjzn.load.slips import find_slips, unclosed_quote
from cjzn.text import display_path

__all__ = ["Loaded", "load_bytes", "load_path", "load_text"]

Loaded = tuple[Document | None, list[Diagnostic]]

_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = {"", "~", "null", "Null", "NULL"}

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR = yaml.ScalarNode
_SEQUENCE = yaml.SequenceNode

_DEFAULT_TAGS: dict[type, str] = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_ALIAS_TOO_MANY = Msg(
    f"展开后内容过多（超过 {MAX_NODES} 项），可能是“别名炸弹”",
    f"expand to too many values (more than {MAX_NODES}): an alias bomb",
)
_ALIAS_RECURSIVE = Msg("形成了循环引用", "refer to themselves")
_KIND_NAMES = {
    "list": Msg("列表", "a list"),
    "map": Msg("键值结构", "a mapping"),
    "text": Msg("一段文字", "text"),
}


class _ExactTextLoader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes; with no implicit resolvers every plain scalar is tagged str.

    The composer asks the resolver for the tag of every untagged node (a Python call per
    node, even from libyaml). With no implicit and no path resolvers the answer is always
    the kind's default tag, so these overrides answer directly: same tags, a third less
    compose time. Explicitly tagged nodes never reach `resolve` and keep their tag.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class _Stop(Exception):
    """Abandons construction with one diagnostic (depth, aliases)."""

    def __init__(self, diagnostic: Diagnostic, too_many: bool = False) -> None:
        self.diagnostic = diagnostic
        self.too_many = too_many  # stopped by MAX_NODES: aliases, or just a very long list


class _Builder:
    """Turns a node graph into plain values, bounded in depth and size."""

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.locations: dict[PathKey, Location] = {}
        self.problems: list[Diagnostic] = []
        self.count = 0
        self.active: set[int] = set()

    def _diag(self, info: CodeInfo, node: yaml.Node, path: PathKey, **params: Any) -> Diagnostic:
        return info.diagnostic(
            lang=self.lang,
            file=self.file,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            path=dotted(path),
            **params,
        )

    def _count(self, node: yaml.Node, path: PathKey, depth: int) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            problem = _ALIAS_TOO_MANY.get(self.lang)
            raise _Stop(self._diag(ALIASES, node, path, problem=problem), too_many=True)
        if depth > MAX_DEPTH:
            raise _Stop(self._diag(DEPTH, node, path, limit=MAX_DEPTH))

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        """The plain value of `node`; children's locations are recorded on the way down.

        The hot path: a filing has a few hundred nodes and most are scalars, so scalar
        children are handled inline (no call per scalar) and positions are read once.
        """
        self._count(node, path, depth)
        kind = type(node)
        if kind is _SCALAR:
            return self._scalar(cast(yaml.ScalarNode, node), path)
        if node.tag != _DEFAULT_TAGS[kind]:  # `!!seq` on a mapping is not a list either
            self.problems.append(self._diag(TAG, node, path, tag=node.tag))
            return None
        if id(node) in self.active:
            raise _Stop(self._diag(ALIASES, node, path, problem=_ALIAS_RECURSIVE.get(self.lang)))
        self.active.add(id(node))
        try:
            if kind is _SEQUENCE:
                return self._sequence(node, path, depth)
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> str | None:
        value: str = node.value
        if node.tag != _STR_TAG:
            self.problems.append(self._diag(TAG, node, path, tag=node.tag))
            return None
        if not node.style and value in _NULLS:
            return None
        if len(value) > MAX_SCALAR_CHARS:
            self.problems.append(
                self._diag(VALUE_TOO_LONG, node, path, length=len(value), limit=MAX_SCALAR_CHARS)
            )
            return None
        return value

    def _child(self, node: yaml.Node, path: PathKey, depth: int, key: yaml.Node | None) -> Any:
        """Record where a child sits (its key's position too) and build its value."""
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        key_line, key_column = line, column
        if key is not None:
            key_line, key_column = key.start_mark.line + 1, key.start_mark.column + 1
        if type(node) is _SCALAR:
            empty = not node.style and node.value == ""
            self.locations[path] = Location(key_line, key_column, line, column, empty)
            self._count(node, path, depth)
            return self._scalar(node, path)
        self.locations[path] = Location(key_line, key_column, line, column, False)
        return self.build(node, path, depth)

    def _sequence(self, node: yaml.Node, path: PathKey, depth: int) -> list[Any]:
        return [
            self._child(child, (*path, index), depth + 1, None)
            for index, child in enumerate(node.value)
        ]

    def _mapping(self, node: yaml.Node, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _SCALAR or key_node.tag != _STR_TAG:
                kind = _KIND_NAMES["list" if type(key_node) is _SEQUENCE else "map"]
                self.problems.append(
                    self._diag(COMPLEX_KEY, key_node, path, kind=kind.get(self.lang))
                )
                continue
            key: str = key_node.value
            child_path = (*path, key)
            if key in first_lines:
                self.problems.append(
                    self._diag(
                        DUPLICATE_KEY, key_node, child_path, key=key, first_line=first_lines[key]
                    )
                )
                continue
            first_lines[key] = key_node.start_mark.line + 1
            result[key] = self._child(value_node, child_path, depth + 1, key_node)
        return result


def load_path(path: Path, display: str | None = None, lang: str = "zh") -> Loaded:
    """Read and parse one file from disk."""
    file = display if display is not None else display_path(path)
    data, problem = read_bytes(path, file, lang)
    if data is None:
        assert problem is not None
        return None, [problem]
    return load_bytes(data, file, lang)


def load_bytes(data: bytes, file: str, lang: str = "zh") -> Loaded:
    text, problem = decode(data, file, lang)
    if text is None:
        assert problem is not None
        return None, [problem]
    return load_text(text, file, lang)


def load_text(text: str, file: str, lang: str = "zh") -> Loaded:
    """Parse YAML text into a `Document`; problems come back as diagnostics.

    Typing slips (`cjzn.load.slips`) are reported where they are, and the text is
    parsed with their fixes applied, so the rest of the file is still checked;
    every position is one in the text as written.
    """
    conflict = conflict_marker(text)
    if conflict is not None:
        line, marker = conflict
        return None, [mark_diagnostic(CONFLICT, file, lang, line, 1, marker=marker)]
    text, controls = control_characters(text, file, lang)
    if controls:  # said once each; the rest is parsed with spaces in their place
        document, problems = load_text(text, file, lang)
        return document, controls + problems
    slips = find_slips(text, file, lang)
    quoted = [s for s in slips if s.code == UNCLOSED_QUOTE.code and s.fix is not None]
    if quoted:  # a quote closed on a later line is a value of several lines, not a slip
        loaded = _parse_fixed(text, [slip for slip in slips if slip not in quoted], file, lang)
        if loaded[0] is not None:
            return loaded
    return _parse_fixed(text, slips, file, lang)


def _parse_fixed(text: str, slips: list[Diagnostic], file: str, lang: str) -> Loaded:
    """`text` parsed with the slips' fixes applied, every position one in `text`."""
    fixes = [slip.fix for slip in slips if slip.fix is not None]
    if not fixes:
        document, problems = _parse(text, file, lang)
        return document, _placed(slips, document) + problems
    edited = apply_fixes(text, fixes)
    document, problems = _parse(edited.text, file, lang)
    if document is None:  # a correction that does not help: judge the text as written
        original, original_problems = _parse(text, file, lang)
        if original is not None:
            return original, _placed(slips, original) + original_problems
    document = _written(document, edited.columns)
    return document, _placed(slips, document) + [
        dataclasses.replace(p, column=edited.columns.original(p.line, p.column)) for p in problems
    ]


def _placed(slips: list[Diagnostic], document: Document | None) -> list[Diagnostic]:
    """Each slip with the YAML path of what its line holds (the key or value before it)."""
    if not slips or document is None:
        return slips
    lines = {slip.line for slip in slips}
    on_line: dict[int, list[tuple[int, PathKey]]] = {}
    for path, location in document.locations.items():
        for line, column in (
            (location.key_line, location.key_column),
            (location.line, location.column),
        ):
            if line in lines:
                on_line.setdefault(line, []).append((column, path))
    placed = []
    for slip in slips:
        spots = sorted(on_line.get(slip.line, []), key=lambda spot: spot[0])
        before = [path for column, path in spots if column <= slip.column]
        found = before[-1] if before else spots[0][1] if spots else None
        placed.append(slip if found is None else dataclasses.replace(slip, path=dotted(found)))
    return placed


def _written(document: Document | None, columns: ColumnMap) -> Document | None:
    """`document`'s positions in the text as written (before the slips' fixes)."""
    if document is not None:
        for location in document.locations.values():
            if location.line in columns.lines:
                location.column = columns.original(location.line, location.column)
            if location.key_line in columns.lines:
                location.key_column = columns.original(location.key_line, location.key_column)
    return document


def _parse(text: str, file: str, lang: str) -> Loaded:
    """Compose and build `text` (no slip handling)."""
    try:
        root = yaml.compose(text, Loader=_ExactTextLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(exc, text, file, lang)]
    except yaml.YAMLError as exc:  # unmarked errors are rare; still a diagnostic
        return None, [mark_diagnostic(SYNTAX, file, lang, 1, 1, problem=str(exc))]
    except RecursionError:
        return None, [mark_diagnostic(DEPTH, file, lang, 1, 1, limit=MAX_DEPTH)]
    if root is None or (isinstance(root, yaml.ScalarNode) and not root.style and root.value == ""):
        return None, [mark_diagnostic(EMPTY, file, lang, 1, 1)]
    line, column = root.start_mark.line + 1, root.start_mark.column + 1
    if not isinstance(root, yaml.MappingNode):
        kind = _KIND_NAMES["list" if isinstance(root, yaml.SequenceNode) else "text"]
        return None, [mark_diagnostic(NOT_MAPPING, file, lang, line, column, kind=kind.get(lang))]
    if root.tag != _DEFAULT_TAGS[yaml.MappingNode]:
        return None, [mark_diagnostic(TAG, file, lang, line, column, tag=root.tag)]
    builder = _Builder(file, lang)
    try:
        data = builder.build(root, (), 0)
    except _Stop as stop:
        if stop.too_many and _distinct_nodes(root) > MAX_NODES:  # no bomb: the file is that big
            where = stop.diagnostic
            too_many = TOO_MANY_VALUES.diagnostic(
                lang=lang, file=file, line=where.line, column=where.column, path=where.path,
                limit=MAX_NODES,
            )  # fmt: skip
            return None, [too_many]
        return None, [stop.diagnostic]
    except RecursionError:
        return None, [mark_diagnostic(DEPTH, file, lang, 1, 1, limit=MAX_DEPTH)]
    return Document(file=file, data=data, locations=builder.locations), builder.problems


def _distinct_nodes(root: yaml.Node) -> int:
    """How many different nodes the file wrote (an alias repeats one), counting up to one
    past `MAX_NODES`: more than that is a long file, fewer with a limit hit is an alias bomb."""
    seen: set[int] = set()
    stack = [root]
    while stack and len(seen) <= MAX_NODES:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
    return len(seen)


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, file: str, lang: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = exc.problem or exc.context or "invalid YAML"
    if "maximum nesting depth" in problem:
        return mark_diagnostic(DEPTH, file, lang, line, column, limit=MAX_DEPTH)
    if "expected a single document" in (exc.context or "") or "single document" in problem:
        return mark_diagnostic(MULTI_DOC, file, lang, line, column)
    opened = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and opened is not None:
        found = unclosed_quote(text, opened.line + 1, opened.column + 1, file, lang)
        if found is not None:
            return found
    lines = text.splitlines()
    for candidate in (line, line - 1):
        if 1 <= candidate <= len(lines):
            content = lines[candidate - 1]
            indent = content[: len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                return mark_diagnostic(TAB, file, lang, candidate, indent.index("\t") + 1)
    return mark_diagnostic(SYNTAX, file, lang, line, column, problem=explain(problem, lang))
