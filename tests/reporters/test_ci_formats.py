"""The CI formats of `cjzn validate`: github, junit and sarif.

Golden files pin each format's exact output for the examples (a difference fails with its
diff; after reading it, accept an intended change with
`python -m pytest tests/reporters/test_ci_formats.py --accept-golden`); the other tests
parse each format back and check it against the contract's JSON and the registry, so a
golden file cannot bless a wrong output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
import typer.core
import typer.main
from conftest import COMPLETE, DRAFT, ROOT, Golden
from typer.testing import CliRunner

from cjzn import __version__
from cjzn.check import FileResult, Report
from cjzn.cli import app
from cjzn.diagnostics import Diagnostic, Severity
from cjzn.options import Options
from cjzn.reporters import REPORTERS, junit, sarif
from cjzn.reporters.github import escape_data, escape_property
from cjzn.reporters.github import render as github_render
from cjzn.reporters.sarif import artifact_uri
from cjzn.rules import ALL_CODES

runner = CliRunner()
GOLDEN = ROOT / "tests" / "golden" / "ci"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
AS_OF = "2013-04-15"  # the examples' own date (examples/README.md): the output stays put
CI_FORMATS = {"github": "txt", "junit": "xml", "sarif": "json"}
GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),"
    r"col=(?P<col>\d+),title=(?P<title>[^,:]+)::(?P<message>.*)$"
)


def run(*args: str, cwd: Path = ROOT) -> tuple[int, str]:
    """`cjzn validate --as-of AS_OF ARGS` from `cwd`: the examples' date keeps the output put."""
    previous = Path.cwd()
    os.chdir(cwd)  # relative paths in the output, whatever the checkout's location
    try:
        result = runner.invoke(app, ["validate", "--as-of", AS_OF, *args])
    finally:
        os.chdir(previous)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def problems_json(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    _code, output = run("--format", "json", *args, cwd=cwd)
    document: dict[str, Any] = json.loads(output)
    return document


def unescape(value: str) -> str:
    return (
        value.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
    )


# --- golden files -------------------------------------------------------------------------


def _normalised(output: str) -> str:
    """The version number changes with every release; the golden files should not."""
    return output.replace(f'"{__version__}"', '"<version>"')


@pytest.mark.parametrize("fmt", sorted(CI_FORMATS))
def test_golden_output_for_the_examples(fmt: str, golden: Golden) -> None:
    code, output = run("--format", fmt, "examples")
    assert code == 1  # the draft has errors: the same exit code as text and json
    golden.check(GOLDEN / f"examples.{CI_FORMATS[fmt]}", _normalised(output))


def test_format_help_lists_every_format() -> None:
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    (option,) = [
        p for p in command.commands["validate"].params if "--format" in getattr(p, "opts", [])
    ]
    for name in ("text", "json", "github", "junit", "sarif"):
        assert name in REPORTERS
        assert name in (getattr(option, "help", "") or "")


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_has_the_same_exit_codes(fmt: str, tmp_path: Path) -> None:
    assert run("--format", fmt, "examples")[0] == 1
    assert run("--format", fmt, str(COMPLETE.relative_to(ROOT)))[0] == 0
    # a filing whose only problem is a warning: 0, and 1 with --strict
    shutil.copytree(COMPLETE.parent, tmp_path / "徐汇区")
    filing = tmp_path / "徐汇区" / COMPLETE.name
    text = filing.read_text(encoding="utf-8")
    assert "postcode: 200030" in text
    filing.write_text(text.replace("postcode: 200030", "postcode: 100080"), encoding="utf-8")
    assert problems_json("--strict", "徐汇区", cwd=tmp_path)["problems"][0]["code"] == "V006"
    assert run("--format", fmt, "徐汇区", cwd=tmp_path)[0] == 0
    assert run("--format", fmt, "--strict", "徐汇区", cwd=tmp_path)[0] == 1


def test_unknown_format_is_a_usage_error() -> None:
    code, _ = run("--format", "xml", "examples")
    assert code == 2


# --- github -----------------------------------------------------------------------------------


def test_github_lines_parse_back_to_the_json_problems() -> None:
    expected = problems_json("examples")["problems"]
    _code, output = run("--format", "github", "examples")
    lines = output.splitlines()
    assert lines[-1].startswith("检查了 3 个文件")
    parsed = [GITHUB_LINE.match(line) for line in lines[:-1]]
    assert all(parsed), [line for line, m in zip(lines, parsed, strict=False) if not m]
    assert len(parsed) == len(expected) > 0
    for match, problem in zip(parsed, expected, strict=True):
        assert match is not None
        assert unescape(match["file"]) == problem["file"]
        assert int(match["line"]) == problem["line"]
        assert int(match["col"]) == problem["column"]
        assert match["title"] == problem["code"]
        assert match["kind"] == problem["severity"]
        assert unescape(match["message"]) == problem["message"]
    assert {m["kind"] for m in parsed if m} == {"error", "warning"}


def test_github_escaping_rules() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape ':' and ','
    assert escape_property("dir,x/a:b%.yaml\n") == "dir%2Cx/a%3Ab%25.yaml%0A"


def _synthetic_report(lang: str = "zh", strict: bool = False) -> Report:
    """Awkward file names and messages: commas, colons, markup, newlines, Chinese."""
    tricky = Diagnostic(
        file="区县,甲/a:b & <c>.yaml",
        line=3,
        column=7,
        path="plan.overall_goal",
        code="G002",
        severity=Severity.ERROR,
        message="第一行 100% <b>&\"'\n第二行：a,b",
        hint="提示 <i>",
    )
    warn = Diagnostic(
        file="区县,甲/a:b & <c>.yaml",
        line=5,
        column=1,
        path="",
        code="V006",
        severity=Severity.WARNING,
        message="只是警告 ]]> <x/>",
    )
    return Report(
        results=[
            FileResult(file="区县,甲/a:b & <c>.yaml", path=None, diagnostics=[tricky, warn]),
            FileResult(file="clean.yaml", path=None, diagnostics=[]),
        ],
        options=Options(lang=lang, strict=strict),
    )


def test_github_escapes_awkward_files_and_messages() -> None:
    lines = github_render(_synthetic_report()).splitlines()
    assert len(lines) == 3  # the message's newline is escaped, not a line break
    assert lines[0] == (
        "::error file=区县%2C甲/a%3Ab & <c>.yaml,line=3,col=7,title=G002::"
        "第一行 100%25 <b>&\"'%0A第二行：a,b"
    )
    assert lines[1].startswith(
        "::warning file=区县%2C甲/a%3Ab & <c>.yaml,line=5,col=1,title=V006::"
    )
    match = GITHUB_LINE.match(lines[0])
    assert match is not None and unescape(match["file"]) == "区县,甲/a:b & <c>.yaml"


# --- junit ------------------------------------------------------------------------------------


def test_junit_parses_back_with_matching_counts() -> None:
    document = problems_json("examples")
    _code, output = run("--format", "junit", "examples")
    root = ET.fromstring(output.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "cjzn validate"
    cases = suite.findall("testcase")
    assert len(cases) == document["files"] == 3
    names = [case.get("name") for case in cases]
    assert len(set(names)) == len(names)
    assert {case.get("classname") for case in cases} == {"cjzn.validate"}
    errors = [p for p in document["problems"] if p["severity"] == "error"]
    warnings = [p for p in document["problems"] if p["severity"] == "warning"]
    failures = [f for case in cases for f in case.findall("failure")]
    assert len(failures) == len(errors) > 0
    failing_cases = [case for case in cases if case.findall("failure")]
    for element in (root, suite):
        assert element.get("tests") == "3"
        assert element.get("failures") == str(len(failing_cases)) == "1"
        assert element.get("errors") == "0"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["cjzn.errors"] == str(len(errors))
    assert properties["cjzn.warnings"] == str(len(warnings))
    for case in cases:
        mine = [p for p in errors if p["file"] == case.get("name")]
        assert [f.get("type") for f in case.findall("failure")] == [p["code"] for p in mine]
        for failure, problem in zip(case.findall("failure"), mine, strict=True):
            assert failure.get("message") == problem["message"]
            assert (failure.text or "").startswith(
                f"{problem['file']}:{problem['line']}:{problem['column']}: {problem['code']}"
            )
        out = case.findtext("system-out") or ""
        for problem in warnings:
            if problem["file"] == case.get("name"):
                assert f":{problem['line']}:{problem['column']}: {problem['code']}" in out


def test_junit_escapes_chinese_and_markup() -> None:
    text = junit.render(_synthetic_report())
    root = ET.fromstring(text.encode("utf-8"))
    case = root.find("testsuite/testcase[@name='区县,甲/a:b & <c>.yaml']")
    assert case is not None
    (failure,) = case.findall("failure")
    assert failure.get("type") == "G002"
    assert failure.get("message") == "第一行 100% <b>&\"'\n第二行：a,b"
    assert "提示：提示 <i>" in (failure.text or "")
    assert "只是警告 ]]> <x/>" in (case.findtext("system-out") or "")
    clean = root.find("testsuite/testcase[@name='clean.yaml']")
    assert clean is not None and not list(clean)
    assert root.get("failures") == "1"


def test_junit_strict_turns_warnings_into_failures() -> None:
    root = ET.fromstring(junit.render(_synthetic_report(strict=True)).encode("utf-8"))
    types = [f.get("type") for f in root.iter("failure")]
    assert types == ["G002", "V006"]


# --- sarif ------------------------------------------------------------------------------------

_URI_REFERENCE = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _sarif_validator() -> jsonschema.Draft4Validator:
    """The official schema, with `uri` / `uri-reference` really checked (RFC 3986 characters)."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    checker.checks("uri-reference")(lambda value: bool(_URI_REFERENCE.match(str(value))))
    checker.checks("uri")(
        lambda value: (
            bool(_URI_REFERENCE.match(str(value)))
            and re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", str(value)) is not None
        )
    )
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def test_vendored_schema_is_the_official_one() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "result" in schema["definitions"] and "reportingDescriptor" in schema["definitions"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sarif_is_valid_against_the_2_1_0_schema(lang: str) -> None:
    _code, output = run("--format", "sarif", "--lang", lang, "examples")
    log = json.loads(output)
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]
    synthetic = sarif.document(_synthetic_report(lang))
    assert not list(_sarif_validator().iter_errors(synthetic))


def test_the_validator_can_fail() -> None:
    _code, output = run("--format", "sarif", "examples")
    log = json.loads(output)
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = (
        "examples/闵行区 x.yaml"
    )
    messages = [e.message for e in _sarif_validator().iter_errors(log)]
    assert len(messages) == 2


def test_sarif_rules_and_results_match_the_registry_and_the_json() -> None:
    expected = problems_json("examples")["problems"]
    _code, output = run("--format", "sarif", "examples")
    (run_,) = json.loads(output)["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "cjzn" and driver["version"] == __version__
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == list(ALL_CODES)
    for rule in rules:
        info = ALL_CODES[rule["id"]]
        assert rule["name"] == info.name
        assert rule["shortDescription"]["text"] == info.summary.zh
        assert rule["fullDescription"]["text"].startswith(info.summary.zh)
        assert rule["defaultConfiguration"]["level"] == info.severity.value
    results = run_["results"]
    assert len(results) == len(expected) > 0
    for result, problem in zip(results, expected, strict=True):
        assert result["ruleId"] == problem["code"]
        assert rules[result["ruleIndex"]]["id"] == problem["code"]
        assert result["level"] == problem["severity"]
        assert result["message"]["text"] == problem["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert "%E9%97%B5" in uri and "\\" not in uri  # 闵, percent-encoded
        assert unquote(uri) == problem["file"]
        assert physical["region"] == {
            "startLine": problem["line"],
            "startColumn": problem["column"],
        }
        names = [logical["fullyQualifiedName"] for logical in location.get("logicalLocations", [])]
        assert names == ([problem["path"]] if problem["path"] else [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_sarif_rule_carries_its_codes_help(lang: str) -> None:
    """Code scanning shows `help` beside each alert: every rule has the code's static advice.

    (A golden-file rewrite once accepted SARIF rules without help for G003, G004 and G005.)
    """
    _code, output = run("--format", "sarif", "--lang", lang, "examples")
    rules = json.loads(output)["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(ALL_CODES)
    for rule in rules:
        info = ALL_CODES[rule["id"]]
        advice = info.help_text.get(lang)
        assert advice.strip() and "{" not in advice, (rule["id"], advice)
        for key in ("help", "fullDescription"):
            text = rule[key]["text"]
            assert text.startswith(info.summary.get(lang)), (rule["id"], key)
            assert text.endswith(advice), (rule["id"], key, text)


def test_sarif_uris() -> None:
    assert artifact_uri("filings/徐汇区/a b#1.yaml") == (
        "filings/%E5%BE%90%E6%B1%87%E5%8C%BA/a%20b%231.yaml"
    )
    assert artifact_uri("./filings//x.yaml") == "filings/x.yaml"
    absolute = str(Path("/tmp/区/x.yaml").resolve())
    assert artifact_uri(absolute).startswith("file:///")
    assert "%E5%8C%BA" in artifact_uri(absolute)


def test_sarif_is_deterministic_and_in_english_with_lang_en() -> None:
    first = run("--format", "sarif", "--lang", "en", "examples")[1]
    second = run("--format", "sarif", "--lang", "en", "examples")[1]
    assert first == second
    driver = json.loads(first)["runs"][0]["tool"]["driver"]
    f001 = next(rule for rule in driver["rules"] if rule["id"] == "F001")
    assert f001["shortDescription"]["text"] == ALL_CODES["F001"].summary.en


def test_draft_problems_all_appear_in_every_ci_format() -> None:
    """Every problem of the draft (its `# expect:` list) shows up in each format."""
    expected = problems_json(str(DRAFT.relative_to(ROOT)))["problems"]
    codes = sorted(p["code"] for p in expected)
    github = run("--format", "github", str(DRAFT.relative_to(ROOT)))[1]
    assert sorted(m["title"] for m in map(GITHUB_LINE.match, github.splitlines()) if m) == codes
    junit = ET.fromstring(run("--format", "junit", str(DRAFT.relative_to(ROOT)))[1].encode())
    junit_codes = [f.get("type") for f in junit.iter("failure")]
    junit_out = "".join(e.text or "" for e in junit.iter("system-out"))
    warned = [p["code"] for p in expected if p["severity"] == "warning"]
    assert sorted(junit_codes + warned) == codes
    assert all(code in junit_out for code in warned)
    sarif = json.loads(run("--format", "sarif", str(DRAFT.relative_to(ROOT)))[1])
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == codes
