"""`cjzn validate` through Typer's CliRunner: output, JSON shape, exit codes, languages."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import COMPLETE, DRAFT, EARLY, MINIMAL
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.resources import rounds_dir

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_clean_filing_exits_zero_with_summary() -> None:
    code, output = invoke("validate", str(COMPLETE))
    assert code == 0
    assert "检查了 1 个文件：没有发现问题" in output


def test_draft_exits_one_with_located_problems() -> None:
    code, output = invoke("validate", "--as-of", "2013-03-01", str(DRAFT))
    assert code == 1
    assert f"{DRAFT}:47:11" in output  # contact.mobile
    assert "V001" in output and "错误" in output
    assert "提示：" in output
    assert "个错误" in output.splitlines()[-1]


def test_json_is_exactly_the_contract() -> None:
    code, output = invoke("validate", "--format", "json", str(DRAFT), str(COMPLETE))
    assert code == 1
    document = json.loads(output)
    assert set(document) == {"files", "problems"}
    assert document["files"] == 2
    assert document["problems"]
    for problem in document["problems"]:
        assert set(problem) == {"file", "line", "column", "path", "code", "severity", "message"}
        assert isinstance(problem["line"], int) and problem["line"] >= 1
        assert problem["severity"] in ("error", "warning")
    mobile = [p for p in document["problems"] if p["path"] == "contact.mobile"]
    assert mobile[0]["code"] == "V001" and mobile[0]["line"] == 47 and mobile[0]["column"] == 11


def test_english_messages() -> None:
    code, output = invoke("validate", "--lang", "en", "--format", "json", str(DRAFT))
    assert code == 1
    messages = [p["message"] for p in json.loads(output)["problems"]]
    assert any("is not a valid mobile number" in m for m in messages)
    code, output = invoke("validate", "--lang", "en", str(COMPLETE))
    assert "Checked 1 file(s): no problems." in output


def test_warnings_pass_unless_strict(write_filing: Callable[..., Path]) -> None:
    path = write_filing(MINIMAL + "contact:\n  postcode: 100080\n")
    code, output = invoke("validate", "--as-of", "2012-06-01", str(path))
    assert (code, "V006" in output) == (0, True)
    code, _ = invoke("validate", "--strict", "--as-of", "2012-06-01", str(path))
    assert code == 1


def test_directory_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    shutil.copy(COMPLETE, tmp_path / "a" / "b" / "one.yml")
    (tmp_path / ".git" / "ignored.yaml").write_text("not: [valid", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml", encoding="utf-8")
    _, output = invoke("validate", "--format", "json", str(tmp_path))
    document = json.loads(output)
    assert document["files"] == 1


def test_broken_file_is_a_diagnostic_not_a_crash(write_filing: Callable[..., Path]) -> None:
    path = write_filing("unit: [unclosed\n")
    code, output = invoke("validate", "--format", "json", str(path))
    assert code == 1
    assert json.loads(output)["problems"][0]["code"] == "Y003"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "does-not-exist.yaml"],
        ["validate", "--format", "xml", "x"],
        ["validate", "--lang", "fr", "x"],
        ["validate", "--as-of", "20130415", "examples/"],
        ["validate", "--as-of", "2013-02-30", "examples/"],
        ["validate", "--stage", "S9", "examples/"],
        ["validate"],
    ],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    code, _ = invoke(*args)
    assert code == 2


def test_unknown_round(write_filing: Callable[..., Path]) -> None:
    path = write_filing(MINIMAL.replace('"2013-2014"', '"2099-2100"'))
    code, output = invoke("validate", "--format", "json", str(path))
    problems = json.loads(output)["problems"]
    assert code == 1
    assert [(p["code"], p["path"], p["line"]) for p in problems] == [("F005", "round", 2)]


def test_catalog_option_uses_another_rounds_guide(
    tmp_path: Path, write_filing: Callable[..., Path]
) -> None:
    source = (rounds_dir() / "2013-2014.yaml").read_text(encoding="utf-8")
    catalog = yaml.safe_load(source)
    catalog["round"] = "2015-2016"
    catalog["districts"] = [d for d in catalog["districts"] if d != "闸北区"]
    catalog["district_aliases"] = {}
    # 2015: 闸北区's streets and towns became 静安区's
    units = catalog["roster"]["units"]
    for kind, names in units.pop("闸北区").items():
        units["静安区"][kind] = f"{units['静安区'].get(kind, '')} {names}".strip()
    catalog_path = tmp_path / "2015-2016.yaml"
    catalog_path.write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    good = write_filing(MINIMAL.replace('"2013-2014"', '"2015-2016"'), "good.yaml")
    code, output = invoke(
        "validate", "--catalog", str(catalog_path), "--as-of", "2012-01-01", str(good)
    )
    assert code == 0, output
    zhabei = write_filing(
        MINIMAL.replace('"2013-2014"', '"2015-2016"').replace("徐汇区", "闸北区"), "zb.yaml"
    )
    code, output = invoke("validate", "--catalog", str(catalog_path), str(zhabei))
    assert code == 1 and "V007" in output
    code, output = invoke("validate", "--catalog", str(catalog_path), str(COMPLETE))
    assert code == 1 and "F005" in output  # the filing says 2013-2014, the catalog is 2015-2016


def test_broken_catalog_is_a_clear_usage_error(
    tmp_path: Path, write_filing: Callable[..., Path]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("round: x\nround: y\n", encoding="utf-8")
    code, output = invoke("validate", "--catalog", str(bad), str(write_filing(MINIMAL)))
    assert code == 2
    assert "bad.yaml" in output
    assert "Traceback" not in output


def test_rules_command_lists_every_code() -> None:
    from cjzn.rules import ALL_CODES

    code, output = invoke("rules", "--format", "json")
    assert code == 0
    listed = {entry["code"] for entry in json.loads(output)}
    assert listed == set(ALL_CODES)
    code, output = invoke("rules", "--format", "md", "--lang", "en")
    assert "| Y004 | `duplicate-key` | error |" in output


def test_version() -> None:
    from cjzn import __version__

    code, output = invoke("--version")
    assert (code, output.strip()) == (0, f"cjzn {__version__}")


def test_empty_folder_says_nothing_was_checked(tmp_path: Path) -> None:
    code, output = invoke("validate", "--allow-empty", str(tmp_path))
    assert code == 0
    assert "没有找到备案文件" in output
    code, output = invoke("validate", "--allow-empty", "--lang", "en", str(tmp_path))
    assert "No filings found" in output


def test_a_folder_without_filings_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    """A CI job pointed at a mistyped or empty folder must not pass."""
    code, output = invoke("validate", str(tmp_path))
    assert code == 2
    assert f"{tmp_path.as_posix()}：没有找到备案文件" in output
    assert "--allow-empty" in output


def test_special_file_is_a_usage_error_that_says_what_it_is() -> None:
    code, output = invoke("validate", "/dev/null")
    assert code == 2
    assert output == "cjzn: 这是设备文件，不是普通文件，不是备案文件：/dev/null\n"
    code, output = invoke("validate", "--lang", "en", "/dev/null")
    assert code == 2
    assert "device" in output and "not a filing: /dev/null" in output
    assert not any("\u4e00" <= c <= "\u9fff" for c in output), output


def test_text_for_a_file_and_for_its_folder_agree(tmp_path: Path) -> None:
    """One filing named directly or found in its folder: the same report, stage line included."""
    folder = tmp_path / "one"
    folder.mkdir()
    filing = folder / "竖新镇.yaml"
    filing.write_bytes(EARLY.read_bytes())
    by_file = runner.invoke(app, ["validate", "--as-of", "2013-03-25", str(filing)])
    by_folder = runner.invoke(app, ["validate", "--as-of", "2013-03-25", str(folder)])
    assert by_file.exit_code == by_folder.exit_code == 0
    assert "阶段（截至 2013-03-25）：处于第二阶段（落实分工）" in by_file.stdout
    assert by_folder.stdout == by_file.stdout
