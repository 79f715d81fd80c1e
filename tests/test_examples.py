"""The examples corpus drives these tests: good filings are clean, drafts show their mistakes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from conftest import COMPLETE, EXAMPLES

from cjzn.check import validate_file
from cjzn.options import Options

GOOD = sorted((EXAMPLES / "filings").rglob("*.yaml"))
DRAFTS = sorted((EXAMPLES / "drafts").rglob("*.yaml"))
EXPECT = re.compile(r"^# expect: (?P<code>[A-Z]\d{3}) (?P<path>\S+)", re.MULTILINE)


def test_corpus_is_there() -> None:
    assert len(GOOD) >= 2 and len(DRAFTS) >= 1


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_filings_are_clean_in_stage_two(path: Path) -> None:
    result = validate_file(path, Options(as_of=date(2013, 4, 15)))
    assert [d for d in result.diagnostics if d.is_error] == []
    assert result.filing is not None


def test_complete_filing_is_clean_at_any_date() -> None:
    for as_of in (None, date(2013, 1, 1), date(2015, 6, 1)):
        result = validate_file(COMPLETE, Options(as_of=as_of))
        assert result.diagnostics == [], as_of


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.stem)
def test_drafts_report_exactly_their_expected_mistakes(path: Path) -> None:
    expected = {(m["code"], m["path"]) for m in EXPECT.finditer(path.read_text(encoding="utf-8"))}
    assert expected, "a draft must list its expected problems"
    result = validate_file(path, Options(as_of=date(2013, 3, 1)))
    found = {(d.code, d.path) for d in result.diagnostics}
    assert expected <= found
    # stage (T) diagnostics depend on the date; everything else must be exactly what the draft expects
    assert {item for item in found if not item[0].startswith("T")} == expected
    for diagnostic in result.diagnostics:
        assert diagnostic.line > 1 or diagnostic.path == ""
