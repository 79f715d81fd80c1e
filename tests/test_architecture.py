"""The tree shows the pipeline: dependencies point down only, modules and functions stay small.

The import graph is built from the source (imports inside functions and under
TYPE_CHECKING included, since those hide cycles just as well), then checked
against the layers `docs/architecture.md` describes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "cjzn"

#: Layer of each unit (a top-level module or a subpackage): a unit may import only lower ones.
LAYERS: dict[str, int] = {
    "cjzn": 0,
    "cjzn.__main__": 13,
    "cjzn.i18n": 1,
    "cjzn.text": 0,
    "cjzn.resources": 1,
    "cjzn.options": 1,
    "cjzn.gitutil": 1,
    "cjzn.errors": 2,
    "cjzn.diagnostics": 2,
    "cjzn.validation": 2,
    "cjzn.fileio": 5,
    "cjzn.templating": 3,
    "cjzn.load": 4,
    "cjzn.config": 4,
    "cjzn.guide": 5,
    "cjzn.model": 6,
    "cjzn.stages": 7,
    "cjzn.rules": 8,
    "cjzn.check": 9,
    "cjzn.reporters": 10,
    "cjzn.render": 10,
    "cjzn.status": 10,
    "cjzn.init": 10,
    "cjzn.fix": 10,
    "cjzn.review": 10,
    "cjzn.report": 11,
    "cjzn.cli": 12,
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _unit(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name.startswith("cjzn"))
        return
    base = node.module or ""
    if node.level or not base.startswith("cjzn"):
        return
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        yield candidate if candidate in MODULES else base


def import_graph() -> dict[str, set[str]]:
    """Module -> the cjzn modules it imports (anywhere in it), parents of a module excluded."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for target in _targets(node):
                while target not in MODULES and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target != name and not name.startswith(target + "."):
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative enough)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_can_fail() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_unit_has_a_layer() -> None:
    assert {_unit(name) for name in MODULES} <= set(LAYERS)


def test_dependencies_point_down() -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in import_graph().items()
        for target in targets
        if _unit(source) != _unit(target) and LAYERS[_unit(source)] <= LAYERS[_unit(target)]
    ]
    assert upward == []


def _function_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    yield node


def test_imports_inside_functions_say_why() -> None:
    """An import inside a function is there for start-up time only, and a comment says so
    (on the import, on a line of its block of imports, or on the line above the block)."""
    silent = []
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in _function_imports(ast.parse("\n".join(lines))):
            start = node.lineno - 1
            while start > 0 and lines[start - 1].strip().startswith(("import ", "from ")):
                start -= 1
            end = node.end_lineno or node.lineno
            while end < len(lines) and lines[end].strip().startswith(("import ", "from ")):
                end += 1
            block = lines[max(start - 1, 0) : end]
            if not any("#" in line for line in block):
                silent.append(f"{name}:{node.lineno}")
    assert silent == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_hold_one_concern(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_MODULE_LINES, f"{name}: {len(lines)} lines"


def test_functions_fit_on_a_screen() -> None:
    long = [
        f"{name}.{node.name}: {(node.end_lineno or node.lineno) - node.lineno + 1} lines"
        for name, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []
