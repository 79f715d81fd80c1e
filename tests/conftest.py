"""Shared helpers: the examples corpus, small filings written into tmp_path, golden files."""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cjzn.guide import Catalog, catalog_for_round

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
COMPLETE = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
EARLY = EXAMPLES / "filings" / "崇明县" / "竖新镇.yaml"
DRAFT = EXAMPLES / "drafts" / "闵行区" / "江川路街道.yaml"
#: A complete filing that uses the optional keys added to version 1 (issue 15): a key work of
#: the unit's own, achieved outcomes with evidence, 指导思想, 工作原则 and extra plan sections.
EXTENDED = Path(__file__).resolve().parent / "data" / "filings" / "长宁区" / "新华路街道.yaml"

MINIMAL = """\
cjzn: 1
round: "2013-2014"
unit:
  name: 天平路街道
  district: 徐汇区
"""


def pytest_configure(config: pytest.Config) -> None:
    """The run's own catalog cache (guide.cache): tests never read or fill the user's."""
    import os
    import tempfile

    os.environ.setdefault("CJZN_CACHE_DIR", tempfile.mkdtemp(prefix="cjzn-test-cache-"))


@pytest.fixture
def write_filing(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to a file in tmp_path and return its path."""

    def write(text: str, name: str = "filing.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def bundled_catalog() -> Catalog:
    """The bundled 2013-2014 round catalog."""
    loaded = catalog_for_round("2013-2014")
    assert loaded is not None
    return loaded


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled 2013-2014 round catalog."""
    return bundled_catalog()


# --- golden files ---------------------------------------------------------------------------
#
# A golden test compares an output with a file under tests/golden/. When they differ the test
# fails and prints a unified diff; after reading it, an intended change is accepted with
# `python -m pytest TEST_FILE --accept-golden`, which writes the new output over the golden
# file and lists (with the diff) what it wrote. Nothing rewrites a golden file otherwise.

GOLDEN_DIFF_LINES = 300  # a longer diff is cut (the rest is one `git diff` away after accepting)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--accept-golden",
        action="store_true",
        default=False,
        help="write the current output over golden files that differ (read the diffs first)",
    )


def golden_diff(path: Path, expected: str | None, actual: str) -> str:
    """A unified diff from the golden file (or nothing, when it is missing) to the output."""
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    lines = list(
        difflib.unified_diff(
            (expected or "").splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (golden)" if expected is not None else "/dev/null (no golden file)",
            tofile=f"{name} (output now)",
        )
    )
    shown = [line if line.endswith("\n") else line + "\n\\ no newline at end\n" for line in lines]
    if len(shown) > GOLDEN_DIFF_LINES:
        rest = len(shown) - GOLDEN_DIFF_LINES
        shown = [*shown[:GOLDEN_DIFF_LINES], f"... {rest} more lines of diff\n"]
    return "".join(shown)


@dataclass
class Golden:
    """Compares outputs with golden files; writes them only when accepting (`--accept-golden`)."""

    accept: bool
    command: str = "python -m pytest --accept-golden"
    accepted: list[tuple[Path, str]] = field(default_factory=list)

    def check(self, path: Path, actual: str) -> None:
        expected = path.read_text(encoding="utf-8") if path.is_file() else None
        if expected == actual:
            return
        diff = golden_diff(path, expected, actual)
        if self.accept:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            self.accepted.append((path, diff))
            return
        what = "differs from the output" if expected is not None else "is missing"
        pytest.fail(
            f"golden file {what} (- golden, + output now):\n{diff}\n"
            f"If the change is intended, accept it after reading the diff:\n"
            f"    {self.command}\n"
            f"and commit the golden file with the change that caused it.",
            pytrace=False,
        )


_ACCEPTED: list[tuple[Path, str]] = []


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Check an output against its golden file: `golden.check(path, text)`."""
    test_file = request.node.path.relative_to(ROOT).as_posix()
    return Golden(
        accept=bool(request.config.getoption("--accept-golden")),
        command=f"python -m pytest {test_file} --accept-golden",
        accepted=_ACCEPTED,
    )


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """With --accept-golden: which golden files were written, and how they changed."""
    if not config.getoption("--accept-golden"):
        return
    terminalreporter.section("accepted golden files")
    if not _ACCEPTED:
        terminalreporter.write_line("none: every golden file matched its output")
    for path, diff in _ACCEPTED:
        terminalreporter.write_line(f"wrote {path.relative_to(ROOT).as_posix()}")
        terminalreporter.write(diff)
    if _ACCEPTED:
        terminalreporter.write_line("review them with `git diff tests/golden` before committing")
