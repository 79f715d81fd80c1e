"""`cjzn review` judges the filing as of `--as-of`, else the decision's `--date`, else as
the other commands do (cjzn.toml's `as-of`, else today): a decision of 2013 is taken on
the deadlines of 2013, and its opinion quotes the problems of then."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import EARLY
from review_repo import cjzn
from typer.testing import Result

from cjzn.options import Options
from cjzn.review import Refused, Request, judged_as_of, review_filing

#: 竖新镇 is on time in 2013 (validate --as-of 2013-04-15 passes), behind by 2015.
SOURCE = EARLY
FILING = Path("filings/崇明县/竖新镇.yaml")
DISTRICT = Path("filings/崇明县/竖新镇.district-review.yaml")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    text = SOURCE.read_text(encoding="utf-8")
    start = text.index("reviews:\n")
    text = text[:start] + text[text.index("evaluation:", start) :]  # no inline reviews
    (tmp_path / FILING).parent.mkdir(parents=True)
    (tmp_path / FILING).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def decide(decision: str, day: str | None, *more: str) -> Result:
    when = ["--date", day] if day else []
    return cjzn(
        "review", str(FILING), "--level", "district", "--decision", decision,
        "--signed-by", "蔡文华", *when, *more,
    )  # fmt: skip


def test_an_approval_is_judged_as_of_its_date(repo: Path) -> None:
    approved = decide("approve", "2013-03-28")
    assert approved.exit_code == 0, approved.output
    assert "date: 2013-03-28" in (repo / DISTRICT).read_text(encoding="utf-8")


def test_as_of_overrides_the_date(repo: Path) -> None:
    refused = decide("approve", "2013-03-28", "--as-of", "2015-01-01")
    assert refused.exit_code == 1
    assert "按 2015-01-01 检查，备案文件还有 15 个错误，不能同意" in refused.stderr
    assert "T101" in refused.stderr and not (repo / DISTRICT).exists()
    assert decide("approve", "2013-03-28", "--as-of", "2013-04-15").exit_code == 0


def test_a_return_quotes_the_problems_of_its_date(repo: Path) -> None:
    returned = decide(
        "return", "2013-04-12", "--opinion", "请细化成效指标", "--opinion-from-problems"
    )
    assert returned.exit_code == 0, returned.output
    text = (repo / DISTRICT).read_text(encoding="utf-8")
    assert "请细化成效指标" in text and "cjzn 检查发现的问题" not in text  # none in April 2013
    later = decide("return", "2015-01-05", "--opinion", "请补交总结", "--opinion-from-problems")
    assert later.exit_code == 0, later.output
    text = (repo / DISTRICT).read_text(encoding="utf-8")
    assert "cjzn 检查发现的问题" in text and "第四阶段（备查总结）已于 2014-12-31 截止" in text


def test_the_date_goes_before_cjzn_toml_and_the_toml_before_today(repo: Path) -> None:
    (repo / "cjzn.toml").write_text("as-of = 2015-01-01\n", encoding="utf-8")
    assert decide("approve", "2013-03-28").exit_code == 0
    (repo / DISTRICT).unlink()
    refused = decide("approve", None)  # dated today, judged as of the repo's as-of
    assert refused.exit_code == 1 and "按 2015-01-01 检查" in refused.stderr


def test_the_library_takes_the_same_precedence(repo: Path) -> None:
    day = date(2013, 3, 28)
    assert judged_as_of(Options(), day).as_of == day
    assert judged_as_of(Options(as_of=date(2015, 1, 1)), day).as_of == date(2015, 1, 1)
    assert judged_as_of(Options(), None).as_of is None
    request = Request(level="district", decision="approve", signed_by="蔡文华", day=day)
    with pytest.raises(Refused) as refused:
        review_filing(FILING, request, Options(as_of=date(2015, 1, 1)))
    assert refused.value.params["as_of"] == "2015-01-01"
    assert "第 1 条记录" in review_filing(FILING, request, Options())


def test_reviews_still_inline_must_be_migrated_first(repo: Path) -> None:
    (repo / FILING).write_bytes(SOURCE.read_bytes())
    refused = decide("approve", "2013-03-30")
    assert refused.exit_code == 1 and "先运行 cjzn review --migrate" in refused.stderr
    assert not (repo / DISTRICT).exists()
    assert cjzn("review", "--migrate", str(FILING)).exit_code == 0
    assert decide("approve", "2013-03-30").exit_code == 0
