"""`cjzn review --show` on files it cannot read says why, located as `cjzn validate` says it
(Y001, Y010, Y015 …), prints no empty trail for them, and exits 1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from review_repo import DISTRICT, FILING, cjzn, make_repo

from cjzn.check import validate_paths
from cjzn.options import Options
from cjzn.review import shown_in_full, trail_text

FOLDER = FILING.parent


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_unreadable_filings_are_shown_with_their_reason(repo: Path) -> None:
    os.mkfifo(repo / FOLDER / "管道.yaml")
    (repo / FOLDER / "旧编码.yaml").write_bytes(
        "cjzn: 1\nunit:\n  name: 湖南路街道\n".encode("gbk")
    )
    (repo / FOLDER / "过大.yaml").write_bytes(b"# " + b"x" * (2 * 1024 * 1024 + 10) + b"\n")
    shown = cjzn("review", "--show", str(FOLDER))
    assert shown.exit_code == 1
    out = shown.stdout
    assert f"{FOLDER}/管道.yaml:1:1  Y015" in out and "命名管道" in out
    assert f"{FOLDER}/旧编码.yaml:3:9  Y001" in out and "另存为" in out  # with the hint
    assert f"{FOLDER}/过大.yaml:1:1  Y010" in out
    assert out.count("备案文件无法读取，不能显示审核记录") == 3
    assert "（?）" not in out
    assert out.count("（还没有记录）") == 2  # the readable filing's two levels only
    assert f"{FILING}（天平路街道）" in out and "流程状态：已备案" in out


def test_an_unreadable_review_file_is_named_not_called_empty(repo: Path) -> None:
    (repo / DISTRICT).write_bytes("cjzn: 1\ndecisions:\n  - opinion: 同意\n".encode("gbk"))
    shown = cjzn("review", "--show", str(FILING))
    assert shown.exit_code == 1
    assert "（审核记录文件无法读取，见下面的问题）" in shown.stdout
    assert f"{DISTRICT}:3:15  Y001" in shown.stdout


def test_a_filing_the_model_rejects_shows_its_trail_without_a_state(repo: Path) -> None:
    filing = repo / FILING
    filing.write_text(
        filing.read_text(encoding="utf-8").replace("cjzn: 1", "cjzn: 9", 1), encoding="utf-8"
    )
    shown = cjzn("review", "--show", str(FILING))
    assert shown.exit_code == 1
    assert "备案文件有错误，流程状态无法判断" in shown.stdout and "F004" in shown.stdout
    assert "流程状态：" not in shown.stdout


def test_the_library_tells_a_full_trail_from_a_broken_one(repo: Path) -> None:
    (repo / FOLDER / "旧编码.yaml").write_bytes("cjzn: 1\n# 说明\n".encode("gbk"))
    report = validate_paths([FOLDER], Options())
    shown = {r.file: shown_in_full(r) for r in report.results}
    assert shown == {str(FILING): True, f"{FOLDER}/旧编码.yaml": False}
    [broken] = [r for r in report.results if not shown_in_full(r)]
    assert "Y001" in trail_text(broken, "zh")
    assert "cannot be read" in trail_text(broken, "en")
    assert cjzn("review", "--show", str(FILING)).exit_code == 0
