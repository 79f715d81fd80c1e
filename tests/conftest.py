"""Shared helpers: the examples corpus and small filings written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cjzn.guide import Catalog, catalog_for_round

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
COMPLETE = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
EARLY = EXAMPLES / "filings" / "崇明县" / "竖新镇.yaml"
DRAFT = EXAMPLES / "drafts" / "闵行区" / "江川路街道.yaml"

MINIMAL = """\
cjzn: 1
round: "2013-2014"
unit:
  name: 天平路街道
  district: 徐汇区
"""


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
