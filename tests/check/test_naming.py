"""What a file is: a filing, a review file beside it, evidence; review files are not filings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL

from cjzn.check import FileKind, classify, find
from cjzn.check.naming import filing_of, review_level, review_path, reviews_of
from cjzn.errors import UsageError


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("天平路街道.district-review.yaml", "district"),
        ("天平路街道.municipal-review.yml", "municipal"),
        ("天平路街道.District-Review.YAML", "district"),
        ("天平路街道.yaml", None),
        ("district-review.yaml", None),  # no filing name before the mark
        (".district-review.yaml", None),  # hidden
        ("天平路街道.city-review.yaml", None),
        ("天平路街道.district-review.txt", None),
    ],
)
def test_review_level_from_the_name(name: str, level: str | None) -> None:
    assert review_level(name) == level


def test_classify_tells_the_kinds_apart(tmp_path: Path) -> None:
    folder = tmp_path / "filings" / "徐汇区"
    assert classify(folder / "天平路街道.yaml") is FileKind.FILING
    assert classify(folder / "天平路街道.district-review.yaml") is FileKind.REVIEW
    assert classify(folder / "archive" / "天平路街道.yaml") is FileKind.EVIDENCE
    assert classify(folder / "archive" / "x.district-review.yaml") is FileKind.EVIDENCE
    assert classify(folder / "说明.pdf") is FileKind.OTHER


def test_a_filings_review_files_and_back(tmp_path: Path) -> None:
    filing = tmp_path / "天平路街道.yaml"
    filing.write_text(MINIMAL, encoding="utf-8")
    assert reviews_of(filing) == {}
    district = review_path(filing, "district")
    assert district.name == "天平路街道.district-review.yaml"
    district.write_text("cjzn: 1\n", encoding="utf-8")
    municipal = tmp_path / "天平路街道.municipal-review.yml"  # either suffix
    municipal.write_text("cjzn: 1\n", encoding="utf-8")
    assert reviews_of(filing) == {"district": district, "municipal": municipal}
    assert filing_of(district) == filing and filing_of(municipal) == filing
    assert filing_of(tmp_path / "湖南路街道.district-review.yaml") is None
    assert filing_of(filing) is None  # a filing is no review file


def test_discovery_lists_review_files_apart(tmp_path: Path) -> None:
    folder = tmp_path / "filings" / "徐汇区"
    folder.mkdir(parents=True)
    (folder / "天平路街道.yaml").write_text(MINIMAL, encoding="utf-8")
    for name in ("天平路街道.district-review.yaml", "天平路街道.municipal-review.yaml"):
        (folder / name).write_text("cjzn: 1\n", encoding="utf-8")
    found = find([tmp_path])
    assert [p.name for p in found.files] == ["天平路街道.yaml"]
    assert sorted(p.name for p in found.reviews) == [
        "天平路街道.district-review.yaml",
        "天平路街道.municipal-review.yaml",
    ]
    named = find([folder / "天平路街道.district-review.yaml"])
    assert named.files == [] and len(named.reviews) == 1


def test_a_folder_of_review_files_only_is_no_usage_error(tmp_path: Path) -> None:
    """Its review files are checked (W001: no filing) rather than the folder called empty."""
    (tmp_path / "天平路街道.district-review.yaml").write_text("cjzn: 1\n", encoding="utf-8")
    assert len(find([tmp_path]).reviews) == 1
    (tmp_path / "天平路街道.district-review.yaml").unlink()
    with pytest.raises(UsageError):
        find([tmp_path])
