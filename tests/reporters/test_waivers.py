"""Each waiver state — active, expired, incomplete (unapproved), unused — in every output format.

One repo holds four filings, each with one unknown key (F001), and a cjzn.toml with a
waiver in each state. Active: the problem is waived (not a failure, listed as waived
where the format lists it). Expired, incomplete: the problem is back and the waiver
is an error (C010, C011). Unused: a warning (C012). SARIF is validated against the
schema, waived results carrying a `suppressions` entry.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import MINIMAL, ROOT
from typer.testing import CliRunner

from cjzn.cli import app

runner = CliRunner()
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
UNITS = {
    "active": "天平路街道",
    "expired": "湖南路街道",
    "incomplete": "斜土路街道",
    "unused": "枫林路街道",
}
REASON = "区社区学院同意暂缓"
TOML = """\
[[waivers]]
code = "F001"
filing = "filings/active.yaml"
reason = "区社区学院同意暂缓"
approved-by = "徐汇区社区学院 王老师"
approved-on = 2013-01-10
expires = 2013-12-31

[[waivers]]
code = "F001"
filing = "filings/expired.yaml"
reason = "过期的豁免"
approved-by = "徐汇区社区学院 王老师"
approved-on = 2012-12-01
expires = 2013-01-01

[[waivers]]
code = "F001"
filing = "filings/incomplete.yaml"
reason = "没有批准人"
approved-on = 2013-01-10
expires = 2013-12-31

[[waivers]]
code = "V001"
filing = "filings/unused.yaml"
reason = "手机号码待核实"
approved-by = "徐汇区社区学院 王老师"
approved-on = 2013-01-10
expires = 2013-12-31
"""
STATE_CODES = {"expired": "C010", "incomplete": "C011", "unused": "C012"}
STATE_LINES = {"expired": 9, "incomplete": 17, "unused": 24}


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "filings").mkdir()
    for state, unit in UNITS.items():
        text = MINIMAL.replace("天平路街道", unit) + "sumary: x\n"
        (root / "filings" / f"{state}.yaml").write_text(text, encoding="utf-8")
    (root / "cjzn.toml").write_text(TOML, encoding="utf-8")
    previous = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(previous)


def validate(*args: str) -> tuple[int, str]:
    # the files are named after their waivers' states, not their units: R006 is not the point
    result = runner.invoke(
        app, ["validate", "--as-of", "2013-01-15", "--ignore", "R006", *args, "filings"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_the_run_fails_on_the_expired_and_incomplete_waivers_only(repo: Path, fmt: str) -> None:
    code, _ = validate("--format", fmt)
    assert code == 1
    (repo / "cjzn.toml").write_text(TOML.split("\n\n")[0] + "\n", encoding="utf-8")
    (repo / "filings" / "expired.yaml").unlink()
    (repo / "filings" / "incomplete.yaml").unlink()
    (repo / "filings" / "unused.yaml").unlink()
    code, _ = validate("--format", fmt)
    assert code == 0  # an active waiver alone: the waived error does not fail the run


def test_text(repo: Path) -> None:
    _, hidden = validate()
    assert "已豁免" not in hidden.split("\n检查了")[0]
    assert "另有 1 个问题已豁免（不算失败；加 --show-waived 列出）" in hidden
    _, shown = validate("--show-waived")
    assert "filings/active.yaml:6:1  已豁免  F001" in shown
    assert (
        f"理由：{REASON}（批准：徐汇区社区学院 王老师 2013-01-10，到期 2013-12-31；cjzn.toml:1:1）"
        in shown
    )
    for state, code in STATE_CODES.items():
        word = "警告" if state == "unused" else "错误"
        assert f"cjzn.toml:{STATE_LINES[state]}:1  {word}  {code}" in shown, state
    for state in ("expired", "incomplete", "unused"):
        assert f"filings/{state}.yaml:6:1  错误  F001" in shown, state
    assert "其中 3 个问题在 cjzn.toml 中" in shown


def test_text_in_english(repo: Path) -> None:
    _, shown = validate("--show-waived", "--lang", "en")
    assert "filings/active.yaml:6:1  waived  F001" in shown
    assert f"reason: {REASON} (approved by 徐汇区社区学院 王老师 on 2013-01-10" in shown
    assert (
        "waiver 2 (F001, filings/expired.yaml, approved by 徐汇区社区学院 王老师) expired on 2013-01-01"
        in shown
    )
    assert "waiver 3 (F001, filings/incomplete.yaml) lacks approved-by" in shown


def test_json(repo: Path) -> None:
    _, output = validate("--format", "json")
    document = json.loads(output)
    assert document["files"] == 4
    problems = document["problems"]
    waived = [p for p in problems if "waived" in p]
    (active,) = waived
    assert (active["file"], active["code"], active["severity"]) == (
        "filings/active.yaml",
        "F001",
        "error",
    )
    assert active["waived"] == {
        "reason": REASON,
        "approved_by": "徐汇区社区学院 王老师",
        "approved_on": "2013-01-10",
        "expires": "2013-12-31",
        "waiver": "cjzn.toml:1:1",
    }
    contract = {"file", "line", "column", "path", "code", "severity", "message"}
    assert all(set(p) == contract for p in problems if p is not active)
    by_code = {p["code"]: p for p in problems if p["file"] == "cjzn.toml"}
    for state, code in STATE_CODES.items():
        assert (by_code[code]["line"], by_code[code]["path"]) == (
            STATE_LINES[state],
            f"waivers.{list(UNITS).index(state)}",
        )
    assert by_code["C012"]["severity"] == "warning"
    assert {p["file"] for p in problems if p["code"] == "F001" and "waived" not in p} == {
        "filings/expired.yaml",
        "filings/incomplete.yaml",
        "filings/unused.yaml",
    }


def test_json_without_waivers_keeps_exactly_seven_keys(repo: Path) -> None:
    _, output = validate("--format", "json", "--no-config")
    problems = json.loads(output)["problems"]
    assert len(problems) == 4 and all(len(p) == 7 for p in problems)


def _sarif(output: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(output)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    return document


def test_sarif_suppressions_validate_against_the_schema(repo: Path) -> None:
    _, output = validate("--format", "sarif")
    (run,) = _sarif(output)["runs"]
    results = run["results"]
    suppressed = [r for r in results if "suppressions" in r]
    (active,) = suppressed
    uri = active["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert (uri, active["ruleId"]) == ("filings/active.yaml", "F001")
    (suppression,) = active["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"] == REASON
    assert suppression["properties"]["approvedBy"] == "徐汇区社区学院 王老师"
    assert suppression["properties"]["expires"] == "2013-12-31"
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for state, code in STATE_CODES.items():
        (result,) = [r for r in results if r["ruleId"] == code]
        assert rules[result["ruleIndex"]] == code
        assert result["level"] == ("warning" if state == "unused" else "error")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "cjzn.toml"
        assert location["region"]["startLine"] == STATE_LINES[state]
        assert "suppressions" not in result


def test_sarif_without_waivers_validates(repo: Path) -> None:
    _, output = validate("--format", "sarif", "--no-config")
    assert all("suppressions" not in r for r in _sarif(output)["runs"][0]["results"])


def test_junit(repo: Path) -> None:
    for show in ((), ("--show-waived",)):
        _, output = validate("--format", "junit", *show)
        suite = ET.fromstring(output).find("testsuite")
        assert suite is not None
        cases = {case.get("name"): case for case in suite.iter("testcase")}
        active = cases["filings/active.yaml"]
        assert active.find("failure") is None  # waived: not a failure
        out = active.find("system-out")
        if show:
            assert out is not None and out.text is not None
            assert (
                out.text.startswith("已豁免 filings/active.yaml:6:1: F001") and REASON in out.text
            )
        else:
            assert out is None
        config = cases["cjzn.toml"]
        assert sorted(f.get("type") or "" for f in config.iter("failure")) == ["C010", "C011"]
        notes = config.find("system-out")
        assert notes is not None and "C012" in (notes.text or "")
        for state in ("expired", "incomplete", "unused"):
            (failure,) = cases[f"filings/{state}.yaml"].iter("failure")
            assert failure.get("type") == "F001"
        properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert properties["cjzn.waived"] == "1"
        assert suite.get("failures") == "4"  # 3 filings and cjzn.toml


def test_github(repo: Path) -> None:
    _, hidden = validate("--format", "github")
    assert "::notice" not in hidden and "filings/active.yaml" not in hidden
    _, shown = validate("--format", "github", "--show-waived")
    (notice,) = [line for line in shown.splitlines() if line.startswith("::notice")]
    assert notice.startswith("::notice file=filings/active.yaml,line=6,col=1,title=F001::")
    assert "（已豁免）%0A理由：" in notice and REASON in notice
    lines = shown.splitlines()
    for state, code in STATE_CODES.items():
        kind = "warning" if state == "unused" else "error"
        expected = f"::{kind} file=cjzn.toml,line={STATE_LINES[state]},col=1,title={code}::"
        assert any(line.startswith(expected) for line in lines), code
    assert not any(line.startswith("::error file=filings/active.yaml") for line in lines)


def status(*args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["status", "--as-of", "2013-01-15", "--ignore", "R006", *args, "filings"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def test_status_shows_the_waivers_that_need_a_person(repo: Path) -> None:
    """A reviewer's view names the expired, incomplete and stale waivers, located, and fails
    as validate does (an expired or incomplete waiver is an error)."""
    code, text = status()
    assert code == 1
    assert "仓库设置（cjzn.toml）中的豁免需要处理" in text
    for state, line in STATE_LINES.items():
        row = next(x for x in text.splitlines() if f"cjzn.toml:{line}:" in x)
        assert STATE_CODES[state] in row, row
        assert ("警告" if state == "unused" else "错误") in row, row
    code, out = status("--format", "json")
    problems = json.loads(out)["config_problems"]
    assert code == 1
    assert sorted((p["code"], p["line"]) for p in problems) == sorted(
        (STATE_CODES[state], line) for state, line in STATE_LINES.items()
    )


def test_a_run_judged_before_a_waiver_was_approved_does_not_call_it_stale(repo: Path) -> None:
    """`--as-of` before `approved-on`: the waived problem may not be due yet on that day, so
    "matches nothing, can be deleted" (C012) would be wrong; on a later day it is said."""

    def codes(as_of: str) -> set[str]:
        result = runner.invoke(
            app, ["validate", "--as-of", as_of, "--ignore", "R006", "--format", "json", "filings"]
        )
        return {p["code"] for p in json.loads(result.stdout)["problems"]}

    assert "C012" not in codes("2013-01-05")  # the unused waiver was approved on 2013-01-10
    assert "C012" in codes("2013-01-15")


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_the_dashboard_lists_the_waivers_that_need_a_person(repo: Path, fmt: str) -> None:
    out = repo / f"report.{fmt}"
    result = runner.invoke(
        app,
        ["report", "--as-of", "2013-01-15", "--ignore", "R006", "-o", str(out), "filings"],
    )
    assert result.exit_code == 1, result.output  # an expired and an incomplete waiver
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        problems = json.loads(text)["config_problems"]
        found = {(p["code"], p["line"]) for p in problems}
    else:
        assert "仓库设置（cjzn.toml）中需要处理的豁免" in text
        found = {
            (code, int(line))
            for line, code in re.findall(r"(?:错误|警告) cjzn\.toml:(\d+):1 (C01\d)", text)
        }
    assert found == {(STATE_CODES[state], line) for state, line in STATE_LINES.items()}
