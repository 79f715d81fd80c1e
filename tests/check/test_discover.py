"""What a filing is: evidence folders, --exclude, a folder without filings, the folders a run covers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL
from typer.testing import CliRunner

from cjzn.check import Selection, discover, find, folders_above
from cjzn.check.discover import nearest_existing
from cjzn.cli import app
from cjzn.errors import UsageError

runner = CliRunner()


def tree(root: Path, *names: str) -> Path:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MINIMAL, encoding="utf-8")
    return root


def names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_evidence_below_archive_is_not_a_filing(tmp_path: Path) -> None:
    tree(
        tmp_path,
        "filings/徐汇区/天平路街道.yaml",
        "filings/徐汇区/archive/会议纪要.yaml",
        "filings/徐汇区/archive/B1.1/清单.yml",
        "filings/.github/x.yaml",
    )
    assert names(discover([tmp_path]), tmp_path) == ["filings/徐汇区/天平路街道.yaml"]


def test_a_named_evidence_file_is_skipped_and_said_so(tmp_path: Path) -> None:
    tree(tmp_path, "filings/徐汇区/archive/会议纪要.yaml")
    found = find([tmp_path / "filings/徐汇区/archive/会议纪要.yaml"])
    assert found.files == []
    [why] = found.skipped
    assert "archive/ 下，是存档材料，不是备案" in why.zh and "evidence" in why.en


@pytest.mark.parametrize(
    ("pattern", "left"),
    [
        ("旧稿", ["filings/徐汇区/天平路街道.yaml", "filings/长宁区/草稿-华阳路街道.yaml"]),
        ("草稿*", ["filings/徐汇区/天平路街道.yaml", "filings/徐汇区/旧稿/湖南路街道.yaml"]),
        ("*/长宁区/*", ["filings/徐汇区/天平路街道.yaml", "filings/徐汇区/旧稿/湖南路街道.yaml"]),
        ("**/旧稿", ["filings/徐汇区/天平路街道.yaml", "filings/长宁区/草稿-华阳路街道.yaml"]),
        ("filings/*/旧稿", ["filings/徐汇区/天平路街道.yaml", "filings/长宁区/草稿-华阳路街道.yaml"]),
        ("*/旧稿", ["filings/徐汇区/天平路街道.yaml", "filings/徐汇区/旧稿/湖南路街道.yaml",
                    "filings/长宁区/草稿-华阳路街道.yaml"]),  # * stays within one folder
        ("filings/徐汇区", ["filings/长宁区/草稿-华阳路街道.yaml"]),
        ("./filings/徐汇区/", ["filings/长宁区/草稿-华阳路街道.yaml"]),
        ("*.yml", ["filings/徐汇区/天平路街道.yaml", "filings/徐汇区/旧稿/湖南路街道.yaml",
                   "filings/长宁区/草稿-华阳路街道.yaml"]),
    ],
)  # fmt: skip
def test_exclude_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, left: list[str]
) -> None:
    tree(
        tmp_path,
        "filings/徐汇区/天平路街道.yaml",
        "filings/徐汇区/旧稿/湖南路街道.yaml",
        "filings/长宁区/草稿-华阳路街道.yaml",
    )
    monkeypatch.chdir(tmp_path)
    found = discover([Path("filings")], Selection(exclude=(pattern,)))
    assert [p.as_posix() for p in found] == left


def test_exclude_applies_to_named_files_too(tmp_path: Path) -> None:
    tree(tmp_path, "filings/徐汇区/草稿.yaml")
    found = find([tmp_path / "filings/徐汇区/草稿.yaml"], Selection(exclude=("草稿*",)))
    assert found.files == [] and "--exclude 草稿*" in found.skipped[0].zh
    folder = find([tmp_path / "filings/徐汇区/草稿.yaml"], Selection(exclude=("**/徐汇区",)))
    assert folder.files == [] and "--exclude **/徐汇区" in folder.skipped[0].zh


def test_a_folder_without_filings_is_a_usage_error_saying_what_it_holds(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    tree(tmp_path, "evidence/archive/a.yaml", "evidence/archive/b.yaml", "old/旧稿/c.yaml")
    with pytest.raises(UsageError, match=r"empty：没有找到备案文件（\*\.yaml、\*\.yml）。"):
        find([tmp_path / "empty"])
    with pytest.raises(UsageError, match="2 个文件在存档材料目录 archive/ 下"):
        find([tmp_path / "evidence"])
    with pytest.raises(UsageError, match="2 个文件在存档材料目录 archive/ 下"):
        find([tmp_path / "evidence" / "archive"])  # the evidence folder itself
    with pytest.raises(UsageError, match="1 个文件被 --exclude 排除"):
        find([tmp_path / "old"], Selection(exclude=("旧稿",)))
    with pytest.raises(UsageError, match="1 个文件被 --exclude 排除"):
        find([tmp_path / "old"], Selection(exclude=("**/old/旧稿",)))
    assert find([tmp_path / "empty"], Selection(allow_empty=True)).files == []


def test_the_folders_a_run_covers(tmp_path: Path) -> None:
    tree(tmp_path, "filings/徐汇区/天平路街道.yaml", "filings/徐汇区/archive/长宁区/x.yaml")
    (tmp_path / "filings" / "长宁区").mkdir()
    city = find([tmp_path / "filings"])
    assert {"徐汇区", "长宁区", "filings"} <= city.folders
    assert "archive" not in city.folders  # nor what is below it
    one = find([tmp_path / "filings" / "徐汇区"])
    assert "徐汇区" in one.folders and "长宁区" not in one.folders
    named = find([tmp_path / "filings" / "徐汇区" / "天平路街道.yaml"])
    assert named.folders == set()  # a named file covers its own district only, by its filing


def test_folders_above_stop_at_the_git_work_tree(tmp_path: Path) -> None:
    root = tmp_path / "徐汇区"  # a repo cloned into a folder named like a district
    (root / "filings" / "长宁区").mkdir(parents=True)
    assert folders_above(root / "filings" / "长宁区" / "x.yaml")[:3] == [
        "长宁区",
        "filings",
        "徐汇区",
    ]
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    from cjzn.check.discover import forget_repo_roots

    forget_repo_roots()
    assert folders_above(root / "filings" / "长宁区" / "x.yaml") == ["长宁区", "filings"]


def test_every_command_takes_exclude_and_allow_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree(tmp_path, "filings/徐汇区/天平路街道.yaml")
    monkeypatch.chdir(tmp_path)
    for command in (["validate"], ["status"], ["report", "-f", "json"], ["render", "-o", "out/"]):
        left_out = runner.invoke(app, [*command, "--exclude", "徐汇区", "filings"])
        assert left_out.exit_code == 2, command
        assert "1 个文件被 --exclude 排除" in left_out.output
        empty = runner.invoke(app, [*command, "--exclude", "徐汇区", "--allow-empty", "filings"])
        assert empty.exit_code == 0, (command, empty.output)


def test_a_mistyped_path_gets_the_nearest_existing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "filings" / "徐汇区").mkdir(parents=True)
    (tmp_path / "filings" / "徐汇区" / "湖南路街道.yaml").write_text("cjzn: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert nearest_existing(Path("filings/徐汇")) == str(Path("filings/徐汇区"))
    assert nearest_existing(Path("filings/徐汇/湖南路街道.yaml")) == str(
        Path("filings/徐汇区/湖南路街道.yaml")
    )
    assert nearest_existing(Path("filings/徐汇区/湖南路.yaml")) == str(
        Path("filings/徐汇区/湖南路街道.yaml")
    )
    assert nearest_existing(tmp_path / "filing" / "徐汇区") == str(tmp_path / "filings" / "徐汇区")
    # nothing close, or the guess does not exist either: no guess
    assert nearest_existing(Path("nowhere")) is None
    assert nearest_existing(Path("filings/徐汇/不存在.yaml")) is None
    with pytest.raises(UsageError) as raised:
        discover([Path("filings/徐汇")])
    assert raised.value.text("zh") == "路径不存在：filings/徐汇，是否应为 filings/徐汇区？"
    assert raised.value.text("en") == (
        "path does not exist: filings/徐汇; did you mean filings/徐汇区?"
    )
