"""`cjzn review --migrate` moves what version 1's `reviews:` meant and nothing more: an
empty block (the old `cjzn init` skeleton's) is no review, a dated box is the level's
同意 (with a note for what it lacks), an undated box is left for a person."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_repo import AS_OF, DISTRICT, FILING, MUNICIPAL, cjzn, make_repo, problems

from cjzn.options import Options
from cjzn.review import migrate_paths

#: What `cjzn init` wrote into every new filing before review files.
OLD_SKELETON_BLOCK = """reviews:  # 审核意见
  district:  # 区县教育行政部门指导意见
    opinion:  # 指导意见
    signed_by:  # 负责人签字
    date:  # 日期（年-月-日）
  municipal:  # 上海市教育委员会意见
    opinion:  # 意见
    date:  # 日期（年-月-日）
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def with_block(repo: Path, block: str, newline: str = "\n") -> tuple[bytes, bytes]:
    """Put `block` and a blank line before `summary:`, as the skeleton had it; the filing's
    bytes with the block and without it (the blank line belongs to `summary:`)."""
    text = (repo / FILING).read_text(encoding="utf-8")
    at = text.index("summary:")
    without = (text[:at] + "\n" + text[at:]).replace("\n", newline).encode("utf-8")
    with_it = (text[:at] + block + "\n" + text[at:]).replace("\n", newline).encode("utf-8")
    (repo / FILING).write_bytes(with_it)
    return with_it, without


def test_an_empty_block_is_cut_and_invents_no_approval(repo: Path) -> None:
    _, without = with_block(repo, OLD_SKELETON_BLOCK)
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 0, moved.output
    assert "reviews: 是空的" in moved.stdout and "已从备案文件中删去" in moved.stdout
    assert not (repo / DISTRICT).exists() and not (repo / MUNICIPAL).exists()
    assert (repo / FILING).read_bytes() == without  # only the block is gone
    assert problems() == (0, [])
    assert "没有需要移动" in cjzn("review", "--migrate", "filings").stdout


def test_the_cut_keeps_crlf_and_the_bom(repo: Path) -> None:
    with_it, without = with_block(repo, OLD_SKELETON_BLOCK, "\r\n")
    (repo / FILING).write_bytes(b"\xef\xbb\xbf" + with_it)
    assert cjzn("review", "--migrate", "filings").exit_code == 0
    assert (repo / FILING).read_bytes() == b"\xef\xbb\xbf" + without


@pytest.mark.parametrize("newline", ["\r", "\u2028"], ids=["cr-only", "line-separator"])
def test_the_cut_counts_lines_as_yaml_does(repo: Path, newline: str) -> None:
    """validate reads a CR-only file: migrate cuts it at the same lines, keeping its breaks."""
    _, without = with_block(repo, OLD_SKELETON_BLOCK, newline)
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 0, moved.output
    assert (repo / FILING).read_bytes() == without


def test_the_library_plans_the_cut_only(repo: Path) -> None:
    _, without = with_block(repo, OLD_SKELETON_BLOCK)
    run = migrate_paths([Path("filings")], Options(), None, None)
    [migrated] = run.done
    assert migrated.emptied and migrated.writes == {FILING: without} and run.skipped == []


def test_an_empty_block_beside_review_files_is_left_alone(repo: Path) -> None:
    with_it, _ = with_block(repo, OLD_SKELETON_BLOCK)
    approve = cjzn(
        "review", str(FILING), "--level", "district", "--decision", "approve",
        "--signed-by", "张志红", "--date", "2013-03-28",
    )  # fmt: skip
    assert approve.exit_code == 0, approve.output
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 0 and "没有需要移动" in moved.stdout
    assert (repo / FILING).read_bytes() == with_it  # the approval's checksum still holds
    assert problems() == (0, [])


def test_a_dated_box_is_the_levels_approval_with_a_note_for_what_it_lacks(repo: Path) -> None:
    block = OLD_SKELETON_BLOCK.replace("opinion:  # 指导意见", "opinion: 同意备案  # 指导意见")
    block = block.replace("date:  # 日期（年-月-日）", "date: 2013-03-28  # 日期（年-月-日）", 1)
    _, without = with_block(repo, block)
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 0, moved.output
    assert "区县：reviews: 中没有写负责人签字（signed_by）" in moved.stdout
    assert not (repo / MUNICIPAL).exists()  # the city's box was empty: no decision
    district = (repo / DISTRICT).read_text(encoding="utf-8")
    assert "decision: 同意" in district and "date: 2013-03-28" in district
    assert "signed_by" not in district.split("decisions:")[1]  # missing, not invented
    assert "# reviews: 中没有写：负责人签字（signed_by）" in district
    assert (repo / FILING).read_bytes() == without
    code, found = problems()
    assert code == 1 and [(p["code"], p["file"]) for p in found] == [("W007", str(DISTRICT))]


def test_an_undated_box_is_not_migrated(repo: Path) -> None:
    block = OLD_SKELETON_BLOCK.replace("opinion:  # 意见", "opinion: 请补充  # 意见")
    with_it, _ = with_block(repo, block)
    moved = cjzn("review", "--migrate", "filings")
    assert moved.exit_code == 1
    line = with_it.decode("utf-8").splitlines().index("  municipal:  # 上海市教育委员会意见") + 1
    assert f"{FILING}:{line}:3：reviews: 中市教委的意见没有日期" in moved.stderr
    assert "没有需要移动" not in moved.stdout
    assert (repo / FILING).read_bytes() == with_it
    assert not (repo / DISTRICT).exists() and not (repo / MUNICIPAL).exists()
    assert cjzn("validate", "--as-of", AS_OF, "filings").exit_code == 0  # as before
