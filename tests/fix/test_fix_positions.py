"""`cjzn fix` lists each change where `cjzn validate` reports its problem: the same line and
column (1-based characters, at the slip's character) for every slip code that has a fix."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.check import validate_file
from cjzn.cli import app
from cjzn.diagnostics import HEADER
from cjzn.fix import fix_text
from cjzn.load import load_text
from cjzn.options import Options
from cjzn.rules import ALL_CODES

runner = CliRunner()
OPTIONS = Options(as_of=date(2013, 1, 15))

#: Slips whose correction starts before the character at fault, besides the codes' examples.
TRICKY = {
    "Y017": ["leader:\n  name ：李国强\n"],
    "Y019": ["leader:\n  name: 李国强\n  \u3000title: 主任\n"],
    "Y020": ["prior_rounds: [1、3]\n", "plan:\n  work_plan:\n    - covers: [B2.1，B2.2、B2.3]\n"],
    "Y023": ['leader:\n  name: "李国强”\n', 'plan:\n  overall_goal: "建成示范街道  # 总体目标\n'],
}
SLIP_CODES = sorted(
    code for code, info in ALL_CODES.items() if code.startswith("Y") and info.failing
)


def cases(code: str) -> list[str]:
    examples = [e for e in ALL_CODES[code].failing if not e.whole and not e.files]
    return [e.content().decode("utf-8") for e in examples] + [
        HEADER + t for t in TRICKY.get(code, [])
    ]


def validated(text: str, tmp_path: Path, code: str) -> set[tuple[int, int]]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_text(text, "f.yaml")
    result = validate_file(path, OPTIONS, loaded=loaded)
    return {(d.line, d.column) for d in result.diagnostics if d.code == code and d.fix}


@pytest.mark.parametrize("code", SLIP_CODES)
def test_fix_and_validate_agree_on_positions(code: str, tmp_path: Path) -> None:
    fixable = 0
    for text in cases(code):
        where = validated(text, tmp_path, code)
        changes = fix_text(text, tmp_path / "f.yaml", "f.yaml", OPTIONS).changes
        listed = {(c.line, c.column) for c in changes if c.code == code}
        assert listed == where, (code, text)
        fixable += len(where)
    if code in TRICKY:
        assert fixable >= len(TRICKY[code])  # the comparison compared something


def test_the_cli_gives_the_same_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(HEADER + "prior_rounds: [1、3]\nleader:\n  name ：李国强\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json", "--select", "Y", str(path)])
    reported = {(p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert reported == {(3, 17, "Y020"), (5, 8, "Y017")}
    result = runner.invoke(app, ["fix", str(path)])
    listed = re.findall(r":(\d+):(\d+)  .+ → .+  \((Y\d{3})\)$", result.stdout, re.M)
    assert {(int(line), int(column), code) for line, column, code in listed} == reported
