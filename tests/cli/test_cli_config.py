"""The cjzn.toml options through the CLI: `cjzn config --show`, --select/--ignore/--config/
--no-config on every command that checks filings, and a broken cjzn.toml (exit 2, located)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MINIMAL
from typer.testing import CliRunner

from cjzn.cli import app

runner = CliRunner()
TOML = """\
as-of = 2013-05-15
ignore = ["T102"]
[per-file-ignores]
"filings/b.yaml" = ["F001"]
[hook]
warn = ["T"]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "filings").mkdir()
    (root / "filings" / "a.yaml").write_text(MINIMAL + "sumary: x\n", encoding="utf-8")
    (root / "filings" / "b.yaml").write_text(
        MINIMAL.replace("天平路街道", "湖南路街道") + "sumary: x\n", encoding="utf-8"
    )
    (root / "cjzn.toml").write_text(TOML, encoding="utf-8")
    monkeypatch.chdir(root)
    yield root


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def problems(*args: str) -> list[tuple[str, str, str]]:
    _, output, _ = invoke("validate", "--format", "json", *args, "filings")
    return [
        (Path(p["file"]).name, p["code"], p["severity"]) for p in json.loads(output)["problems"]
    ]


def test_config_show_names_each_origin(repo: Path) -> None:
    code, output, _ = invoke("config", "--show", "filings/a.yaml", "--ignore", "T102,V006")
    assert code == 0
    lines = {line.split()[0]: line for line in output.splitlines()[1:] if line.strip()}
    assert output.splitlines()[0] == "配置文件：cjzn.toml"
    assert "2013-05-15" in lines["as-of"] and lines["as-of"].rstrip().endswith("cjzn.toml:1:1")
    assert "T102、V006" in lines["ignore"] and "命令行 --ignore" in lines["ignore"]
    assert lines["select"].split()[-1] == "默认"
    assert "filings/b.yaml: F001" in lines["per-file-ignores"]
    assert "cjzn.toml:6:1（加 --hook 时）" in output
    _, hooked, _ = invoke("config", "--hook")
    assert "T" in hooked and "cjzn.toml:6:1" in next(
        line for line in hooked.splitlines() if line.startswith("warn")
    )


def test_config_show_json(repo: Path) -> None:
    code, output, _ = invoke("config", "--format", "json", "--select", "F", "--lang", "en")
    assert code == 0
    document = json.loads(output)
    assert document["config"] == "cjzn.toml"
    settings = document["settings"]
    assert settings["select"] == {"value": ["F"], "origin": "--select"}
    assert settings["ignore"] == {"value": ["T102"], "origin": "cjzn.toml:2:1"}
    assert settings["as-of"] == {"value": "2013-05-15", "origin": "cjzn.toml:1:1"}
    assert settings["warn"] == {"value": [], "origin": "default"}
    assert document["per-file-ignores"] == [
        {"pattern": "filings/b.yaml", "codes": ["F001"], "origin": "cjzn.toml:4:1"}
    ]
    _, none, _ = invoke("config", "--format", "json", "--no-config")
    assert json.loads(none)["config"] is None


def test_no_config_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, output, _ = invoke("config")
    assert code == 0 and output.startswith("没有配置文件")


def test_select_and_ignore_options(repo: Path) -> None:
    everything = problems()
    assert ("a.yaml", "F001", "error") in everything and (
        "b.yaml",
        "F001",
        "error",
    ) not in everything
    assert any(code == "T101" for _, code, _ in everything)  # as-of from the file: S1 overdue
    assert {code for _, code, _ in problems("--select", "F")} == {"F001"}
    assert problems("--select", "F，T", "--ignore", "T") == problems("--select", "F")
    assert problems("--no-config", "--select", "F") == [
        ("a.yaml", "F001", "error"),
        ("b.yaml", "F001", "error"),
    ]
    assert {sev for _, code, sev in problems("--hook") if code.startswith("T")} == {"warning"}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--select", "X"), "--select 中的 X 不是问题代码或代码前缀"),
        (("--ignore", "T1O1"), "T1O1"),
        (("--ignore", "F01"), "是否应为 F001"),
        (("--config", "cjzn.toml", "--no-config"), "--config 与 --no-config 只能给一个"),
        (("--config", "missing.toml"), "--config 文件不存在"),
    ],
)
def test_bad_options_are_usage_errors(repo: Path, args: tuple[str, ...], words: str) -> None:
    for command in ("validate", "status", "report", "render", "config"):
        target = [] if command == "config" else ["filings/a.yaml"]
        code, _, error = invoke(command, *args, *target)
        assert code == 2, (command, error)
        assert words in error, (command, error)


@pytest.mark.parametrize("command", ["validate", "status", "report", "render", "config"])
def test_a_broken_cjzn_toml_is_a_located_usage_error(repo: Path, command: str) -> None:
    (repo / "cjzn.toml").write_text(
        'ignore = ["T102"]\nselect = "F"\nwaivers = 3\n', encoding="utf-8"
    )
    target = [] if command == "config" else ["filings/a.yaml"]
    code, output, error = invoke(command, *target)
    assert code == 2, (command, output, error)
    assert "cjzn.toml 有 2 处错误，未检查任何备案" in error
    assert "cjzn.toml:2:10  错误  C003  select 应为代码列表" in error
    assert "cjzn.toml:3:11  错误  C003" in error
    assert "Traceback" not in error + output
    code, _, english = invoke(command, "--lang", "en", *target)
    assert code == 2 and "cjzn.toml has 2 problem(s); nothing was checked" in english


def test_status_and_report_honour_the_config(repo: Path) -> None:
    _code, output, _ = invoke("status", "--format", "json", "filings")
    document = json.loads(output)
    assert document["as_of"] == "2013-05-15"  # the file's as-of
    errors = {Path(f["file"]).name: f["errors"] for f in document["filings"]}
    _, plain, _ = invoke(
        "status", "--format", "json", "--no-config", "--as-of", "2013-05-15", "filings"
    )
    plain_errors = {Path(f["file"]).name: f["errors"] for f in json.loads(plain)["filings"]}
    assert errors["b.yaml"] == plain_errors["b.yaml"] - 1  # b's F001 is ignored for b
    _, dashboard, _ = invoke("report", "-f", "json", "--select", "F", "filings")
    assert json.loads(dashboard)["errors"] == 1  # a's F001 only
