"""`cjzn init --repo` writes a CODEOWNERS file: each district's filings to its street staff, the
review files to the district's bureau and to the city, the settings to the repo's keepers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.cli import app


def owners_of(rules: list[tuple[str, str]], path: str) -> str:
    """The owner the forges give `path`: the last matching pattern's (git's wildmatch for the
    patterns CODEOWNERS uses here: a leading `/`, a folder ending in `/`, `*` and `**`)."""
    found = ""
    for pattern, owner in rules:
        regex = re.escape(pattern.lstrip("/"))
        regex = regex.replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
        regex = f"(?:{regex}.*)" if pattern.endswith("/") else regex
        if pattern == "*" or re.fullmatch(regex, path):
            found = owner
    return found


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    root = tmp_path_factory.mktemp("scaffold") / "备案"
    result = CliRunner().invoke(app, ["init", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    text = (root / "CODEOWNERS").read_text(encoding="utf-8")
    lines = [
        line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    assert all(len(parts) == 2 and parts[1].startswith("@your-org/") for parts in lines), lines
    return [(parts[0], parts[1]) for parts in lines]


@pytest.mark.parametrize(
    ("path", "owner"),
    [
        ("filings/徐汇区/天平路街道.yaml", "@your-org/filings-02"),
        ("filings/徐汇区/archive/B1.1/规划.pdf", "@your-org/filings-02"),
        ("filings/崇明县/竖新镇.yaml", "@your-org/filings-17"),
        ("filings/徐汇区/天平路街道.district-review.yaml", "@your-org/bureau-02"),
        ("filings/崇明县/竖新镇.district-review.yml", "@your-org/bureau-17"),
        ("filings/徐汇区/天平路街道.municipal-review.yaml", "@your-org/city"),
        ("cjzn.toml", "@your-org/keepers"),
        ("CODEOWNERS", "@your-org/keepers"),
        (".github/workflows/cjzn.yml", "@your-org/keepers"),
        ("README.md", "@your-org/keepers"),
    ],
)
def test_each_file_has_its_owner(rules: list[tuple[str, str]], path: str, owner: str) -> None:
    assert owners_of(rules, path) == owner


def test_the_readme_says_how_to_protect_the_main_branch(tmp_path: Path) -> None:
    root = tmp_path / "备案"
    assert CliRunner().invoke(app, ["init", "--repo", str(root)]).exit_code == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "## 分工与保护主分支" in readme
    assert "Require review from Code Owners" in readme and "Code owner approval" in readme
    assert "*.district-review.yaml" in readme and "cjzn review" in readme
