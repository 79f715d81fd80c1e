"""The folder table's 流程 cell says when a filing changed after it was approved (as the
one-filing timeline, `review --show` and `report` do), with a legend under the table."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import EARLY
from review_repo import FILING, cjzn, make_repo

from cjzn.options import Options
from cjzn.status import collect_status
from cjzn.status.digest import table_facts
from cjzn.status.text import render_text

AS_OF = "2013-04-15"
LEGEND = "（已改）：同意之后备案文件又修改过（W006），须重新审核"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    (tmp_path / "filings" / "崇明县").mkdir()
    shutil.copy(EARLY, tmp_path / "filings" / "崇明县" / EARLY.name)
    monkeypatch.chdir(tmp_path)
    approve = cjzn(
        "review", str(FILING), "--level", "district", "--decision", "approve",
        "--signed-by", "张志红", "--date", "2013-03-28",
    )  # fmt: skip
    assert approve.exit_code == 0, approve.output
    return tmp_path


def change(repo: Path) -> None:
    filing = repo / FILING
    filing.write_text(filing.read_text(encoding="utf-8") + "# 又改了一处\n", encoding="utf-8")


def row(text: str, unit: str) -> str:
    [line] = [line for line in text.splitlines() if unit in line]
    return line


def test_the_table_marks_a_filing_changed_after_approval(repo: Path) -> None:
    before = cjzn("status", "--as-of", AS_OF, "filings").stdout
    assert "区县已审" in row(before, "天平路街道") and "已改" not in before
    change(repo)
    after = cjzn("status", "--as-of", AS_OF, "filings").stdout
    assert "区县已审（已改）" in row(after, "天平路街道")
    assert "已改" not in row(after, "竖新镇") and LEGEND in after
    single = cjzn("status", "--as-of", AS_OF, str(FILING)).stdout
    assert "流程状态：区县已审（同意之后备案文件又修改过）" in single


@pytest.mark.parametrize("streamed", [False, True])
def test_the_library_marks_it_too(repo: Path, streamed: bool) -> None:
    change(repo)
    run = Options(as_of=date.fromisoformat(AS_OF), lang="en")
    digest = (lambda result: table_facts(result, "en")) if streamed else None
    text = render_text(collect_status([Path("filings")], run, digest=digest))
    assert "(changed): the filing changed after it was approved" in text  # the legend
    assert text.count("(changed)") == 2  # and the cell (wrapped under its state)
