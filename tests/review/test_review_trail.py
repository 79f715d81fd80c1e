"""The review workflow end to end in a repo: the street files, the district returns it, the
street fixes it, the district approves, the city accepts, evaluates and names the unit; each
out-of-order step and an edit after approval gives its located diagnostic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_repo import (
    AS_OF,
    DISTRICT,
    FILING,
    MUNICIPAL,
    cjzn,
    make_repo,
    problems,
    status_json,
)
from typer.testing import Result


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def decide(level: str, decision: str, day: str, *more: str) -> Result:
    return cjzn(
        "review", str(FILING), "--level", level, "--decision", decision,
        "--signed-by", "张志红" if level == "district" else "市教委终身教育处",
        "--date", day, *more,
    )  # fmt: skip


def state() -> str:
    [filing] = status_json()["filings"]
    return str(filing["workflow"])


def test_file_return_fix_approve_accept_evaluate_name(repo: Path) -> None:
    assert state() == "filed"
    returned = decide(
        "district", "return", "2013-03-20", "--opinion", "预计成效不够具体", "--sealed"
    )
    assert returned.exit_code == 0, returned.output
    assert "退回修改" in returned.stdout and state() == "returned"

    filing = repo / FILING
    filing.write_text(
        filing.read_text(encoding="utf-8").replace("measures:", "measures: （已补充）", 1),
        encoding="utf-8",
    )
    approved = decide("district", "approve", "2013-03-28", "--opinion", "同意备案", "--sealed")
    assert approved.exit_code == 0, approved.output
    assert state() == "district_approved"

    accepted = decide("municipal", "approve", "2013-04-10", "--opinion", "同意备案")
    assert accepted.exit_code == 0, accepted.output
    assert state() == "evaluating"  # accepted, and the unit has written its summary (S4)

    named = cjzn(
        "review", str(FILING), "--level", "municipal", "--evaluation", "S4", "--result", "通过",
        "--title", "上海市社区教育示范街镇", "--date", "2014-12-20", "--signed-by", "市教委",
    )  # fmt: skip
    assert named.exit_code == 0, named.output
    assert state() == "named"
    assert problems() == (0, [])

    shown = cjzn("review", "--show", str(FILING))
    assert shown.exit_code == 0
    lines = shown.stdout
    assert "流程状态：已命名" in lines
    assert lines.index("退回修改") < lines.index("同意备案") < lines.index("上海市社区教育示范街镇")
    assert "审核的是备案文件的另一版本" in lines  # the return was of the version before the fix

    text = (repo / DISTRICT).read_text(encoding="utf-8")
    assert text.count("- decision:") == 2 and "sealed: true" in text
    assert text.index("退回修改") < text.index("同意")


def test_the_city_before_the_district_is_refused_then_located(repo: Path) -> None:
    refused = decide("municipal", "approve", "2013-04-10")
    assert refused.exit_code == 1
    assert "不合审核顺序" in refused.stderr and "W004" in refused.stderr
    assert not (repo / MUNICIPAL).exists()
    forced = decide("municipal", "approve", "2013-04-10", "--force")
    assert forced.exit_code == 0, forced.output
    code, found = problems()
    assert code == 1
    [w004] = [p for p in found if p["code"] == "W004"]
    assert (w004["file"], w004["line"], w004["column"]) == (str(MUNICIPAL), 4, 5)  # the entry
    assert "区县没有同意" in w004["message"]


def test_a_decision_before_the_filing_date(repo: Path) -> None:
    assert decide("district", "approve", "2013-03-01").exit_code == 1
    assert decide("district", "approve", "2013-03-01", "--force").exit_code == 0
    code, found = problems()
    [w002] = [p for p in found if p["code"] == "W002"]
    assert code == 1 and w002["path"] == "decisions.0.date" and w002["file"] == str(DISTRICT)
    assert "早于备案日期 2013-03-15" in w002["message"]


def test_an_evaluation_before_the_city_accepted_and_before_its_stage(repo: Path) -> None:
    assert decide("district", "approve", "2013-03-28").exit_code == 0
    early = [
        "review",
        str(FILING),
        "--level",
        "municipal",
        "--evaluation",
        "S4",
        "--result",
        "通过",
    ]
    refused = cjzn(*early, "--date", "2014-06-01")
    assert refused.exit_code == 1 and "W010" in refused.stderr and "W011" in refused.stderr
    assert cjzn(*early, "--date", "2014-06-01", "--force").exit_code == 0
    code, found = problems()
    codes = {p["code"]: p for p in found}
    assert code == 1 and {"W010", "W011"} <= set(codes)
    assert codes["W011"]["path"] == "evaluations.0.date"
    assert "2014-09-01" in codes["W011"]["message"]


def test_an_edit_after_approval_warns_and_strict_fails(repo: Path) -> None:
    assert decide("district", "approve", "2013-03-28").exit_code == 0
    filing = repo / FILING
    filing.write_text(filing.read_text(encoding="utf-8") + "# 又改了一处\n", encoding="utf-8")
    code, found = problems()
    [w006] = found
    assert code == 0 and w006["code"] == "W006" and w006["severity"] == "warning"
    assert w006["path"] == "decisions.0.filing_sha256" and w006["line"] == 8
    assert "2013-03-28" in w006["message"] and "张志红" in w006["message"]
    assert problems(strict=True)[0] == 1
    [filing_status] = status_json()["filings"]
    assert filing_status["changed_since_review"] is True


def test_approving_a_filing_with_errors_is_refused_with_the_reason(repo: Path) -> None:
    filing = repo / FILING
    filing.write_text(
        filing.read_text(encoding="utf-8").replace("mobile: 13816612345", "mobile: 1381661234"),
        encoding="utf-8",
    )
    refused = decide("district", "approve", "2013-03-28")
    assert refused.exit_code == 1
    assert "还有 1 个错误，不能同意" in refused.stderr and "V001" in refused.stderr
    assert not (repo / DISTRICT).exists()
    returned = decide("district", "return", "2013-03-28", "--opinion-from-problems")
    assert returned.exit_code == 0
    text = (repo / DISTRICT).read_text(encoding="utf-8")
    assert "cjzn 检查发现的问题：" in text and "手机号码" in text
    assert decide("district", "approve", "2013-03-29", "--force").exit_code == 0


def test_a_reviewers_comments_are_kept(repo: Path) -> None:
    (repo / DISTRICT).write_text(
        "# 徐汇区教育局 审核记录\ncjzn: 1\ndecisions:  # 最新的在最后\n"
        "  - decision: 退回修改\n    signed_by: 张志红\n    date: 2013-03-20  # 电话通知\n",
        encoding="utf-8",
    )
    before = (repo / DISTRICT).read_text(encoding="utf-8")
    assert decide("district", "approve", "2013-03-28").exit_code == 0
    after = (repo / DISTRICT).read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("- decision:") == 2


def test_status_and_report_count_the_states_per_district(repo: Path, tmp_path: Path) -> None:
    assert decide("district", "approve", "2013-03-28").exit_code == 0
    document = status_json()
    [district] = document["workflow"]["districts"]
    assert district == {"district": "徐汇区", "counts": {**dict.fromkeys(
        ["draft", "filed", "returned", "district_approved", "accepted", "evaluating", "named", "not_passed"], 0),
        "district_approved": 1}}  # fmt: skip
    assert document["filings"][0]["workflow_name"] == "区县已审"
    text = cjzn("status", "--as-of", AS_OF, "filings").stdout
    assert "流程状态：区县已审" in text
    out = tmp_path / "report.json"
    assert cjzn("report", "--as-of", AS_OF, "filings", "-o", str(out)).exit_code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["districts"][0]["workflow"]["district_approved"] == 1
    assert report["filings"][0]["workflow"] == "district_approved"
    assert report["workflow_states"]["named"] == "已命名"


def test_the_dashboard_leaves_the_reviewers_out_and_names_the_review_file(
    repo: Path, tmp_path: Path
) -> None:
    assert decide("district", "approve", "2013-03-28").exit_code == 0
    filing = repo / FILING
    filing.write_text(filing.read_text(encoding="utf-8") + "# 改\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert cjzn("report", "--as-of", AS_OF, "filings", "-o", str(out)).exit_code == 0
    [entry] = json.loads(out.read_text(encoding="utf-8"))["filings"]
    [w006] = entry["problems"]
    assert w006["code"] == "W006" and w006["file"] == str(DISTRICT)
    assert "张志红" not in out.read_text(encoding="utf-8")  # a forwarded dashboard: no signers
    html = tmp_path / "report.html"
    assert cjzn("report", "--as-of", AS_OF, "filings", "-o", str(html)).exit_code == 0
    assert f"{DISTRICT}:8:20 W006" in html.read_text(encoding="utf-8")
