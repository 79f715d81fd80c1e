"""Version 1's inline reviews: still valid alone, an error beside review files, and moved
into review files by `cjzn review --migrate`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import COMPLETE
from review_repo import (
    AS_OF,
    DISTRICT,
    FILING,
    MUNICIPAL,
    cjzn,
    problems,
    status_json,
    without_inline_reviews,
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / FILING.parent
    folder.mkdir(parents=True)
    shutil.copy(COMPLETE, tmp_path / FILING)
    shutil.copytree(COMPLETE.parent / "archive", folder / "archive")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_inline_reviews_alone_validate_as_before(repo: Path) -> None:
    assert problems() == (0, [])
    [filing] = status_json()["filings"]
    assert filing["workflow"] == "evaluating"  # dated opinions of both levels, a summary


def test_inline_reviews_beside_review_files_are_an_error(repo: Path) -> None:
    (repo / DISTRICT).write_text("cjzn: 1\ndecisions: []\n", encoding="utf-8")
    code, found = problems()
    [w014] = found
    assert code == 1 and w014["code"] == "W014" and w014["file"] == str(FILING)
    assert w014["path"] == "reviews" and w014["line"] == 177 and w014["column"] == 1


def test_migrate_moves_inline_reviews_into_review_files(repo: Path) -> None:
    before = (repo / FILING).read_text(encoding="utf-8")
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 0, moved.output
    assert "reviews: 已移到" in moved.stdout
    after = (repo / FILING).read_text(encoding="utf-8")
    assert after == without_inline_reviews(before)  # only the block is gone
    district = (repo / DISTRICT).read_text(encoding="utf-8")
    assert "徐汇区教育局同意备案" in district and "signed_by: 张志红" in district
    assert "上海市教育委员会" in (repo / MUNICIPAL).read_text(encoding="utf-8")
    assert problems() == (0, [])  # the checksums are of the filing as it is now
    [filing] = status_json()["filings"]
    assert filing["workflow"] == "evaluating"
    again = cjzn("review", "--migrate", "filings")
    assert again.exit_code == 0 and "没有需要移动" in again.stdout
    assert cjzn("validate", "--as-of", AS_OF, "filings").exit_code == 0
