"""A review file's problems go through cjzn.toml like a filing's: select/ignore, per-file ignores
matched against the review file's path, and waivers by the filing's unit or the review file."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_repo import DISTRICT, FILING, cjzn, make_repo, problems

_REVIEW = "cjzn: 1\ndecisions:\n  - decision: 同意\n    signed_by: 张志红\n    date: 2013-03-28\n"
_WAIVER = """
[[waivers]]
code = "W008"
{which}
reason = "纸质审核记录补录，没有当时的校验值"
approved-by = "徐汇区教育局 张志红"
approved-on = 2014-01-05
expires = 2015-12-31
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / DISTRICT).write_text(_REVIEW, encoding="utf-8")
    return tmp_path


def codes() -> list[str]:
    return [p["code"] for p in problems()[1]]


def test_without_config_the_review_problem_is_reported(repo: Path) -> None:
    assert codes() == ["W008"]


@pytest.mark.parametrize(
    "config",
    [
        'ignore = ["W008"]\n',
        'ignore = ["W"]\n',
        '[per-file-ignores]\n"filings/*/*.district-review.yaml" = ["W008"]\n',
    ],
)
def test_ignored_by_code_or_by_the_review_files_path(repo: Path, config: str) -> None:
    (repo / "cjzn.toml").write_text(config, encoding="utf-8")
    assert codes() == []


def test_a_per_file_ignore_of_the_filing_does_not_cover_its_review_file(repo: Path) -> None:
    (repo / "cjzn.toml").write_text(
        f'[per-file-ignores]\n"{FILING.as_posix()}" = ["W008"]\n', encoding="utf-8"
    )
    assert codes() == ["W008"]


@pytest.mark.parametrize(
    "which", ['unit = "天平路街道"', f'filing = "{DISTRICT.as_posix()}"'], ids=["unit", "file"]
)
def test_waived_by_unit_or_by_the_review_file(repo: Path, which: str) -> None:
    (repo / "cjzn.toml").write_text(_WAIVER.format(which=which), encoding="utf-8")
    code, found = problems()
    [waived] = found  # listed, marked waived (the #14 addition), not counted
    assert code == 0 and waived["code"] == "W008" and waived["file"] == str(DISTRICT)
    assert waived["waived"]["reason"] == "纸质审核记录补录，没有当时的校验值"
    text = cjzn("validate", "--as-of", "2015-01-10", "filings").stdout
    assert "另有 1 个问题已豁免" in text
