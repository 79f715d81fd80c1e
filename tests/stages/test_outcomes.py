"""Achieved outcomes (stage S4) and key works of the unit's own on the timeline (issue 15).

A filing that was complete before cjzn knew achieved outcomes stays complete (the
requirement is unchecked: a person reads its summary); a filing that records them is
held to all of them once S4 is due.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXTENDED
from test_stages import SHUXIN, TIANPING, check, filing_dir, found, load_example, write

from cjzn.stages import RequirementStatus

__all__ = ["filing_dir"]  # the fixture, used by name

AFTER = "2015-01-01"
OUTCOME = {"outcome": "年参学达5600人次", "evidence": ["archive/B2.1/2014-年度工作总结.pdf"]}


def _requirement(result: Any, requirement: str) -> Any:
    assert result.timeline is not None
    return next(r for s in result.timeline.stages for r in s.requirements if r.id == requirement)


@pytest.mark.parametrize("as_of", ["2013-03-20", "2013-04-15", "2014-09-10", AFTER])
def test_the_extended_filing_is_complete_at_any_date(as_of: str) -> None:
    """Own key work, achieved outcomes with evidence, an open plan: clean, and S4 is checked."""
    result = check(EXTENDED, as_of)
    assert result.diagnostics == []
    status = _requirement(result, "achieved_outcomes").status
    assert status is RequirementStatus.DONE  # every outcome is there, whatever the date


def test_a_complete_filing_without_achieved_outcomes_stays_complete() -> None:
    result = check(TIANPING, AFTER)
    assert result.diagnostics == []
    requirement = _requirement(result, "achieved_outcomes")
    assert requirement.status is RequirementStatus.UNCHECKED and requirement.gaps == []
    assert result.timeline is not None and result.timeline.open_count == 0


def test_recording_one_outcome_requires_them_all_once_s4_is_due(filing_dir: Path) -> None:
    data = load_example()
    data["key_work"][0]["achieved_outcomes"] = [OUTCOME]
    path = write(filing_dir, data)
    result = check(path, AFTER)
    missing = found(result, "T101")
    assert "key_work.0.achieved_outcomes" not in missing
    assert "key_work.1.achieved_outcomes" in missing
    assert {f"basic_work.{c}.achieved_outcomes" for c in ("B1.1", "B3.2", "B5.2")} <= set(missing)
    assert len(missing) == 1 + 14
    message = next(
        d.message for d in result.diagnostics if d.path == "key_work.1.achieved_outcomes"
    )
    assert message == (
        "第四阶段（备查总结）已于 2014-12-31 截止："
        "缺少 本轮的重点创建工作 · K8 重视品牌建设，丰富创建内涵 · 实际成效"
    )
    # before S4 ends nothing is due (only its warning window)
    assert found(check(path, "2014-10-01"), "T101") == []
    assert len(found(check(path, "2014-12-10"), "T102")) == 15


def test_an_empty_key_opts_in_too(filing_dir: Path) -> None:
    data = load_example()
    data["basic_work"]["B1.1"]["achieved_outcomes"] = None  # the skeleton's `achieved_outcomes:`
    result = check(write(filing_dir, data), AFTER)
    assert _requirement(result, "achieved_outcomes").status is RequirementStatus.OVERDUE
    assert len(found(result, "T101")) == 2 + 14


def _all_recorded(evidence: list[str] | None) -> dict[str, Any]:
    data = load_example()
    outcome = {"outcome": "完成", "evidence": evidence}
    for work in data["key_work"]:
        work["achieved_outcomes"] = [dict(outcome)]
    for item in data["basic_work"].values():
        item["achieved_outcomes"] = [dict(outcome)]
    return data


def test_every_outcome_with_evidence_is_complete(filing_dir: Path) -> None:
    path = write(filing_dir, _all_recorded(["archive/B2.1/2014-年度工作总结.pdf"]))
    result = check(path, AFTER)
    assert result.diagnostics == []
    assert _requirement(result, "achieved_outcomes").status is RequirementStatus.DONE


def test_an_outcome_without_evidence(filing_dir: Path) -> None:
    data = _all_recorded(["archive/B2.1/2014-年度工作总结.pdf"])
    data["key_work"][1]["achieved_outcomes"] = [{"outcome": "讲坛52场"}]
    result = check(write(filing_dir, data), AFTER)
    assert [(d.code, d.path) for d in result.diagnostics] == [
        ("T101", "key_work.1.achieved_outcomes.0.evidence")
    ]
    assert result.diagnostics[0].message.endswith(
        "本轮的重点创建工作 · K8 重视品牌建设，丰富创建内涵 · 实际成效 · 第 1 项 没有列出存档材料"
    )


def test_outcome_evidence_is_checked_like_any_evidence(filing_dir: Path) -> None:
    data = _all_recorded(["archive/B2.1/2014-年度工作总结.pdf"])
    data["basic_work"]["B4.1"]["achieved_outcomes"] = [
        {"outcome": "特色课程12门", "evidence": ["archive/B4.1/没有这个文件.pdf", "/etc/passwd"]}
    ]
    path = write(filing_dir, data)
    # out of the repo: an error whatever the date; a file that is not there: once S4 is due
    early = check(path, "2013-04-15")
    assert [(d.code, d.path) for d in early.diagnostics] == [
        ("T104", "basic_work.B4.1.achieved_outcomes.0.evidence.1")
    ]
    late = check(path, AFTER)
    assert sorted((d.code, d.path) for d in late.diagnostics) == [
        ("T101", "basic_work.B4.1.achieved_outcomes.0.evidence.0"),
        ("T104", "basic_work.B4.1.achieved_outcomes.0.evidence.1"),
    ]


def test_an_outcome_with_evidence_but_no_text(filing_dir: Path) -> None:
    data = _all_recorded(["archive/B2.1/2014-年度工作总结.pdf"])
    data["key_work"][0]["achieved_outcomes"] = [
        {"evidence": ["archive/B2.1/2014-年度工作总结.pdf"]}
    ]
    result = check(write(filing_dir, data), AFTER)
    assert found(result, "T101") == ["key_work.0.achieved_outcomes.0.outcome"]


# -- key works of the unit's own -----------------------------------------------------------


def _own_work(data: dict[str, Any]) -> dict[str, Any]:
    data["key_work"][1] = {
        "title": "社区微治理学习坊",
        "measures": "每月一期居民议事学习",
        "expected_outcomes": ["形成居民议事规则"],
    }
    return data


def test_an_own_work_meets_the_first_stage(filing_dir: Path) -> None:
    data = _own_work(load_example())
    for responsibility in data["plan"]["responsibilities"]:
        responsibility["covers"] = [
            "社区微治理学习坊" if code == "K8" else code for code in responsibility["covers"]
        ]
    result = check(write(filing_dir, data), "2013-04-15")
    assert result.diagnostics == []


def test_an_own_work_must_be_assigned_in_the_second_stage(filing_dir: Path) -> None:
    result = check(write(filing_dir, _own_work(load_example())), "2013-05-02")
    problems = [(d.code, d.path, d.message) for d in result.diagnostics]
    assert [(code, path) for code, path, _ in problems] == [("T101", "plan.responsibilities")]
    assert problems[0][2].endswith("以下工作没有部门分工负责：社区微治理学习坊")


def test_a_work_with_neither_code_nor_title_is_missing_its_code(tmp_path: Path) -> None:
    data = load_example(SHUXIN)
    data["key_work"][0].pop("code")
    result = check(write(tmp_path, data, "竖新镇.yaml"), "2013-04-15")
    assert found(result, "T101") == ["key_work.0.code"]


def test_status_names_key_works_by_code_or_own_title(tmp_path: Path) -> None:
    """`cjzn status` (text and JSON) names a key work, not its number."""
    import json

    from typer.testing import CliRunner

    from cjzn.cli import app

    data = load_example(SHUXIN)
    data["key_work"].append({"title": "社区微治理学习坊"})
    path = write(tmp_path, data, "竖新镇.yaml")
    text = CliRunner().invoke(app, ["status", "--as-of", "2013-04-15", str(path)]).stdout
    assert "缺少 本轮的重点创建工作 · 社区微治理学习坊 · 工作措施" in text
    out = CliRunner().invoke(
        app, ["status", "--format", "json", "--as-of", "2013-04-15", str(path)]
    )
    messages = [
        gap["message"]
        for filing in json.loads(out.stdout)["filings"]
        for stage in filing["stages"]
        for requirement in stage["requirements"]
        for gap in requirement["missing"]
    ]
    assert "缺少 本轮的重点创建工作 · 社区微治理学习坊 · 预计成效" in messages
