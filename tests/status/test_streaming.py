"""`cjzn status` and `cjzn report` stream like `validate` (issue 17, class 10).

Each filing is reduced where it is checked (a `digest`) to what the output shows,
so a large run keeps no document, model or timeline (bench/hardening.py measures
the memory: 10,000 filings within twice validate's, was 7.5x). What is checked
here, without a clock or a memory bound: the streamed run keeps only the digest,
and every output is the same as from whole results.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from cjzn.options import Options
from cjzn.report import build_dashboard, render_report
from cjzn.report.facts import dashboard_facts
from cjzn.status import collect_status, render_json, render_text
from cjzn.status.digest import json_facts, table_facts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OPTIONS = Options(lang="zh", as_of=None)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples (clean, early, draft), an unreadable file, an unknown round, and enough
    copies to start worker processes."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(EXAMPLES, root / "examples")
    sources = sorted((root / "examples").rglob("*.yaml"))
    for number in range(210):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = text.replace("name: ", f"name: 副本{number:03d}", 1)
        folder = root / "copies" / source.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:03d}-{source.name}").write_text(text, encoding="utf-8")
    (root / "broken.yaml").write_text("cjzn: 1\nround: [\n", encoding="utf-8")
    (root / "future.yaml").write_text('cjzn: 1\nround: "2099-2100"\n', encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_streams_and_says_the_same(mixed: Path, lang: str) -> None:
    options = Options(lang=lang)
    whole = collect_status([mixed], options)
    table = collect_status([mixed], options, digest=functools.partial(table_facts, lang=lang))
    data = collect_status([mixed], options, digest=functools.partial(json_facts, lang=lang))
    readable = [f for f in table.filings if f.result.readable]
    assert len(table.filings) > 200 and readable
    assert all(f.result.document is None and f.timeline is None for f in readable)
    assert all(f.facts is not None and f.facts.cells is not None for f in readable)
    assert render_text(table, width=200) == render_text(whole, width=200)
    assert json.loads(render_json(data)) == json.loads(render_json(whole))


@pytest.mark.slow
@pytest.mark.parametrize("contacts", [False, True])
@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_report_streams_and_says_the_same(mixed: Path, fmt: str, contacts: bool) -> None:
    digest = functools.partial(dashboard_facts, lang="zh", contacts=contacts)
    whole = collect_status([mixed], OPTIONS)
    streamed = collect_status([mixed], OPTIONS, digest=digest)
    assert all(f.result.document is None for f in streamed.filings if f.result.catalog)
    first = render_report(build_dashboard(whole, include_contacts=contacts), fmt)
    second = render_report(build_dashboard(streamed, include_contacts=contacts), fmt)
    assert first == second


def test_one_filing_keeps_its_timeline(tmp_path: Path) -> None:
    """The one-filing view prints the whole timeline: a one-filing run keeps it."""
    filing = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
    report = collect_status([filing], OPTIONS, digest=functools.partial(table_facts, lang="zh"))
    assert report.filings[0].timeline is not None
    assert "第一阶段" in render_text(report)
