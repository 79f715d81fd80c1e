"""Every code, command and option is documented in README.md, from the registries themselves."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from conftest import ROOT
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.guide import catalog_for_round
from cjzn.rules import ALL_CODES, codes_markdown

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_block() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None
    return block.group(1).strip().splitlines()


def test_readme_starts_with_the_two_commands() -> None:
    lines = _first_block()
    assert len(lines) == 2
    assert lines[0].startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    assert "cjzn validate" in lines[0] and "cjzn render" in lines[0]
    assert "pytest" in lines[1] and "[test]" in lines[1]


def test_the_first_command_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the first line runs after installing: each cjzn command exits 0, in a fresh copy."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    commands = [
        shlex.split(piece)[1:]
        for piece in _first_block()[0].split(" && ")
        if piece.startswith(".venv/bin/cjzn ")
    ]
    assert [args[0] for args in commands] == ["validate", "render"]
    outputs = []
    for args in commands:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        outputs.append(result.output)
    assert "没有发现问题" in outputs[0]
    output = Path(commands[1][commands[1].index("-o") + 1])
    assert output.is_file() and "备案登记表" in output.read_text(encoding="utf-8")


def test_code_table_is_generated_from_the_registry() -> None:
    match = re.search(r"<!-- codes:start.*?-->\n(.*?)\n<!-- codes:end -->", README, re.DOTALL)
    assert match is not None, "README lost its code table markers"
    catalog = catalog_for_round("2013-2014")
    assert catalog is not None
    assert match.group(1) == codes_markdown(catalog, "zh"), "regenerate: cjzn rules --format md"


def test_every_code_is_documented() -> None:
    for code, info in ALL_CODES.items():
        assert f"| {code} |" in README, code
        assert info.summary.zh and info.summary.en and info.hint.zh and info.hint.en, code


def test_every_command_and_option_is_documented() -> None:
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert commands
    for name, command in commands.items():
        assert f"cjzn {name}" in README, f"README does not document `cjzn {name}`"
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--") and option not in ("--help",):
                    assert option in README, f"README does not document `cjzn {name} {option}`"


#: The contract as issued (a pristine copy of shared/spec/filing-format.md, version 1): the repo
#: carries it so the check runs from a clean clone.
ISSUED_CONTRACT = ROOT / "tests" / "data" / "filing-format.v1.md"
#: The shared contract, beside the checkout when there is one (CI lays it there too).
SHARED_CONTRACT = ROOT.parent / "shared" / "spec" / "filing-format.md"


def lines_not_kept(contract: str, copy: str) -> list[str]:
    """The contract's lines that `copy` does not keep, in the contract's order.

    The copy may add lines and sections anywhere (optional keys and codes are added that
    way); every non-blank line of the contract must still be there, unchanged and in order,
    so a key, code or exit code renamed or dropped shows up here.
    """
    kept = [line.rstrip() for line in copy.splitlines() if line.strip()]
    missing = []
    position = 0
    for number, line in enumerate(contract.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            position = kept.index(line.rstrip(), position) + 1
        except ValueError:
            missing.append(f"{number}: {line}")
    return missing


def test_the_contract_copy_is_current() -> None:
    """docs/filing-format.md keeps every line of the contract that users and other tools rely on."""
    copy = (ROOT / "docs" / "filing-format.md").read_text(encoding="utf-8")
    issued = ISSUED_CONTRACT.read_text(encoding="utf-8")
    assert "# The cjzn filing format, version 1 (the contract)" in issued
    assert lines_not_kept(issued, copy) == [], "docs/filing-format.md renamed or dropped these"
    if SHARED_CONTRACT.is_file():  # the shared one may have grown since; it keeps the issued one
        shared = SHARED_CONTRACT.read_text(encoding="utf-8")
        assert lines_not_kept(issued, shared) == [], "the shared contract dropped these"
        assert lines_not_kept(shared, copy) == [], "docs/filing-format.md lacks these"


def test_the_contract_check_allows_additions_and_catches_changes() -> None:
    contract = "# Title\n\n| key | meaning |\n|---|---|\n| cjzn | version |\n| round | round |\n"
    added = contract.replace("| round |", "| extra | optional (added) |\n| round |")
    added += "\n## Added section\n\nmore\n"
    assert lines_not_kept(contract, added) == []
    renamed = contract.replace("| round | round |", "| rounds | round |")
    assert lines_not_kept(contract, renamed) == ["6: | round | round |"]
    dropped = contract.replace("| cjzn | version |\n", "")
    assert lines_not_kept(contract, dropped) == ["5: | cjzn | version |"]
    swapped = contract.replace(
        "| cjzn | version |\n| round | round |", "| round | round |\n| cjzn | version |"
    )
    assert lines_not_kept(contract, swapped) != []
