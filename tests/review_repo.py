"""A filings repo for the review tests: the complete example filing, without its inline
reviews, in `filings/徐汇区/` of a git work tree (evidence folder included)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from conftest import COMPLETE
from typer.testing import CliRunner, Result

from cjzn.cli import app

FILING = Path("filings/徐汇区/天平路街道.yaml")
DISTRICT = Path("filings/徐汇区/天平路街道.district-review.yaml")
MUNICIPAL = Path("filings/徐汇区/天平路街道.municipal-review.yaml")
AS_OF = "2015-01-10"

runner = CliRunner()


def without_inline_reviews(text: str) -> str:
    start = text.index("reviews:\n")
    return text[:start] + text[text.index("summary:", start) :]


def make_repo(root: Path) -> Path:
    folder = root / FILING.parent
    folder.mkdir(parents=True)
    shutil.copytree(COMPLETE.parent / "archive", folder / "archive")
    (root / FILING).write_text(
        without_inline_reviews(COMPLETE.read_text(encoding="utf-8")), encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def cjzn(*args: str) -> Result:
    """Run cjzn in the current folder (the repo)."""
    return runner.invoke(app, list(args))


def status_json(*paths: str) -> dict[str, Any]:
    result = cjzn("status", "--format", "json", "--as-of", AS_OF, *(paths or ("filings",)))
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def problems(*paths: str, strict: bool = False) -> tuple[int, list[dict[str, Any]]]:
    extra = ["--strict"] if strict else []
    result = cjzn(
        "validate", "--format", "json", "--as-of", AS_OF, *extra, *(paths or ("filings",))
    )
    return result.exit_code, json.loads(result.stdout)["problems"]
