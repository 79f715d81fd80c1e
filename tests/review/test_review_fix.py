"""`cjzn fix` corrects the filing only: a review file's problems are located in that file, and
their corrections never land in the filing's text."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_repo import DISTRICT, FILING, cjzn, make_repo

from cjzn.fix import fix_paths
from cjzn.options import Options


def test_a_review_files_correction_is_not_applied_to_the_filing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    review = "cjzn: 1\ndecisions:\n  - decision: 同意\n    signed_by: 张志红\n    date: 2013/3/28\n"
    (tmp_path / DISTRICT).write_text(review, encoding="utf-8")
    before = (tmp_path / FILING).read_bytes()
    result = cjzn("fix", str(FILING))
    assert (tmp_path / FILING).read_bytes() == before
    assert (tmp_path / DISTRICT).read_text(encoding="utf-8") == review
    assert "F006" in result.stdout and str(DISTRICT) in result.stdout  # still reported, in its file


def test_a_review_fix_at_the_same_place_of_the_filing_is_not_applied(tmp_path: Path) -> None:
    """The review file's F006 at 5:11 must not edit the filing's 5:11, even where it would fit."""
    filing = tmp_path / "天平路街道.yaml"
    filing.write_text(
        'cjzn: 1\nround: "2013-2014"\nsubmission:\n  signed_by: 李国强\n  # date: 2013/3/28\n',
        encoding="utf-8",
    )
    (tmp_path / "天平路街道.district-review.yaml").write_text(
        "cjzn: 1\ndecisions:\n  - decision: 同意\n    signed_by: 张志红\n    date: 2013/3/28\n",
        encoding="utf-8",
    )
    run = fix_paths([filing], Options(no_config=True))
    [fixed] = run.files
    assert fixed.after == fixed.before and fixed.changes == []


def test_a_filing_whose_review_file_name_would_be_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 245-byte file name is fine; with `.district-review` the name is too long for the
    file system: validating says nothing of it, recording says it cannot write, no crash."""
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    long = tmp_path / FILING.parent / ("长" * 80 + ".yaml")
    (tmp_path / FILING).rename(long)
    assert cjzn("validate", "--as-of", "2015-01-10", str(long)).exit_code in (0, 1)
    result = cjzn(
        "review", str(long), "--level", "district", "--decision", "return",
        "--signed-by", "张志红", "--date", "2013-03-20",
    )  # fmt: skip
    assert result.exit_code == 1 and "无法写入" in result.stderr, result.output
    assert "内部错误" not in result.output
