"""An empty `reviews:` block (what `cjzn init` wrote before review files) records no review:
beside review files it is no W014, `--show` does not call it the old way, the form's boxes
and the workflow state come from the review files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from review_repo import FILING, cjzn, make_repo, problems, status_json
from test_review_migrate_partial import OLD_SKELETON_BLOCK, with_block

from cjzn.load import load_text
from cjzn.model import inline_reviews


def data(text: str) -> Any:
    document, found = load_text(text, "x.yaml")
    assert found == [] and document is not None
    return document.data


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (OLD_SKELETON_BLOCK, False),
        ("reviews:\n", False),
        ("reviews: {}\n", False),
        ("reviews:\n  district:\n  municipal: {opinion: '', date: ~}\n", False),
        ("reviews:\n  district:\n    opinion: '  '\n", False),
        ("summary:\n  text: x\n", False),
        ("reviews:\n  municipal:\n    opinion: 请补充\n", True),
        ("reviews:\n  district:\n    date: 2013-03-28\n", True),
        ("reviews: 同意\n", True),  # wrong, but written (the model says what is wrong)
    ],
)
def test_inline_reviews_counts_only_what_is_written(text: str, written: bool) -> None:
    assert inline_reviews(data(text)) is written


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    with_block(tmp_path, OLD_SKELETON_BLOCK)
    approve = cjzn(
        "review", str(FILING), "--level", "district", "--decision", "approve",
        "--opinion", "同意备案，建议加强过程记录", "--signed-by", "张志红", "--date", "2013-03-28",
    )  # fmt: skip
    assert approve.exit_code == 0, approve.output
    return tmp_path


def test_no_w014_and_the_city_can_approve(repo: Path) -> None:
    assert problems() == (0, [])
    accept = cjzn(
        "review", str(FILING), "--level", "municipal", "--decision", "approve",
        "--signed-by", "终身教育处", "--date", "2013-04-10",
    )  # fmt: skip
    assert accept.exit_code == 0, accept.output
    assert "同意（终身教育处）" in accept.stdout
    assert problems() == (0, [])


def test_show_does_not_call_it_the_old_way(repo: Path) -> None:
    shown = cjzn("review", "--show", str(FILING))
    assert shown.exit_code == 0, shown.output
    assert "旧格式" not in shown.stdout and "reviews:" not in shown.stdout
    assert "同意  张志红" in shown.stdout and "流程状态：区县已审" in shown.stdout


def test_status_and_render_read_the_review_files(repo: Path) -> None:
    [filing] = status_json()["filings"]
    assert filing["workflow"] == "district_approved"
    assert cjzn("render", str(FILING), "-o", "form.md").exit_code == 0
    assert "同意备案，建议加强过程记录" in (repo / "form.md").read_text(encoding="utf-8")


def test_an_empty_block_alone_renders_empty_boxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cjzn("render", str(FILING), "-o", "without.md").exit_code == 0
    with_block(tmp_path, OLD_SKELETON_BLOCK)
    assert cjzn("render", str(FILING), "-o", "with.md").exit_code == 0
    [without, with_it] = [
        [  # the provenance lines (file, time) aside
            line
            for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()
            if "cjzn" not in line
        ]
        for name in ("without.md", "with.md")
    ]
    assert with_it == without and "## 上海市教育委员会意见" in without
    [filing] = status_json()["filings"]
    assert filing["workflow"] == "filed"
