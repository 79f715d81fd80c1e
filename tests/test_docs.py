"""Every code, command and option is documented in README.md, from the registries themselves."""

from __future__ import annotations

import re

import typer
from conftest import ROOT

from cjzn.cli import app
from cjzn.guide import catalog_for_round
from cjzn.rules import ALL_CODES, codes_markdown

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert block is not None
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert "cjzn validate" in lines[0] and lines[0].endswith(" examples/")
    assert "pip install ." in lines[0]
    assert "pytest" in lines[1] and "[test]" in lines[1]


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


#: A section cjzn adds to its copy of the contract (its own codes, keys): marked, so the rest
#: can still be compared with the contract word for word.
PROJECT_SECTION = re.compile(r"\n<!-- project: (\S+) .*?-->\n.*?<!-- /project: \1 -->\n", re.DOTALL)


def contract_part(copy: str) -> str:
    """docs/filing-format.md without its first two lines and cjzn's marked sections."""
    return PROJECT_SECTION.sub("", copy.split("\n", 2)[2])


def test_project_sections_are_marked_and_stripped() -> None:
    copy = (ROOT / "docs" / "filing-format.md").read_text(encoding="utf-8")
    assert "<!-- project: roster " in copy and "R002" in copy
    assert "R002" not in contract_part(copy)
    assert "## Repository codes and the roster" not in contract_part(copy)


def test_the_contract_copy_is_current() -> None:
    """docs/filing-format.md mirrors the contract that users and other tools rely on."""
    import pytest

    source = ROOT.parent / "shared" / "spec" / "filing-format.md"
    if not source.is_file():
        pytest.skip("the shared contract is not beside this checkout")
    copy = (ROOT / "docs" / "filing-format.md").read_text(encoding="utf-8")
    assert contract_part(copy) == source.read_text(encoding="utf-8")
