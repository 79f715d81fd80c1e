"""Stage deadlines: the contract's "What each stage requires" on both sides of every deadline."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import bundled_catalog
from typer.testing import CliRunner

from cjzn.check import FileResult, validate_file, validate_paths
from cjzn.cli import app
from cjzn.options import Options
from cjzn.rules import ALL_CODES, RULES
from cjzn.stages import (
    REQUIREMENTS,
    WARN_DAYS,
    DueReason,
    PositionKind,
    RequirementStatus,
    StageState,
    Subject,
    check_evidence_path,
    days_phrase,
    evaluate,
    stage_state,
)
from cjzn.stages.calendar import due_reason

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIANPING = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
SHUXIN = EXAMPLES / "filings" / "崇明县" / "竖新镇.yaml"
DRAFT = EXAMPLES / "drafts" / "闵行区" / "江川路街道.yaml"

CATALOG = bundled_catalog()
S1, S2, S3, S4 = CATALOG.stages

runner = CliRunner()

Data = dict[str, Any]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def load_example(path: Path = TIANPING) -> Data:
    """The example as plain strings (BaseLoader), so dumping it back keeps every value's text."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def write(folder: Path, data: Data, name: str = "天平路街道.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def filing_dir(tmp_path: Path) -> Path:
    """A copy of the complete example with its evidence archive, outside any git repo."""
    target = tmp_path / "repo" / "徐汇区"
    shutil.copytree(TIANPING.parent, target)
    (target / TIANPING.name).unlink()
    return target


def check(path: Path, as_of: str, stage: str | None = None, lang: str = "zh") -> FileResult:
    return validate_file(path, Options(lang=lang, as_of=date.fromisoformat(as_of), stage=stage))


def found(result: FileResult, code: str) -> list[str]:
    return [d.path for d in result.diagnostics if d.code == code]


def stage_codes(result: FileResult) -> list[str]:
    return sorted(d.code for d in result.diagnostics if d.code.startswith("T"))


# ---------------------------------------------------------------------------
# pure date logic
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2012-12-31", StageState.UPCOMING),
        ("2013-01-01", StageState.RUNNING),
        ("2013-03-31", StageState.RUNNING),
        ("2013-04-01", StageState.CLOSED),
    ],
)
def test_stage_state_boundaries(as_of: str, expected: StageState) -> None:
    assert stage_state(S1, date.fromisoformat(as_of)) is expected


def test_due_reason_deadline_selected_filed() -> None:
    codes = CATALOG.stage_codes()
    assert due_reason(S2, date(2013, 4, 30), stage_codes=codes) is None
    assert due_reason(S2, date(2013, 5, 1), stage_codes=codes) is DueReason.DEADLINE
    assert due_reason(S2, date(2013, 1, 1), stage_codes=codes, selected="S3") is DueReason.SELECTED
    assert due_reason(S2, date(2013, 1, 1), stage_codes=codes, selected="S2") is DueReason.SELECTED
    assert due_reason(S3, date(2013, 1, 1), stage_codes=codes, selected="S2") is None
    assert due_reason(S1, date(2013, 1, 1), stage_codes=codes, filed_stage="S1") is DueReason.FILED
    assert due_reason(S2, date(2013, 1, 1), stage_codes=codes, filed_stage="S1") is None


def test_warning_window_is_the_contracts_30_days() -> None:
    assert WARN_DAYS == 30


def test_every_catalog_requirement_has_a_check() -> None:
    ids = {r for stage in CATALOG.stages for r in stage.requirements}
    assert ids == set(REQUIREMENTS)


def test_codes_are_registered_and_documented() -> None:
    for code in ("T101", "T102", "T103", "T104", "T105", "T106"):
        assert code in RULES
    for code in ("T101", "T102", "T103", "T104", "T105", "T106", "R001"):
        assert code in ALL_CODES
        assert ALL_CODES[code].summary.zh and ALL_CODES[code].summary.en
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    assert '"R001"' in result.stdout and '"T101"' in result.stdout


# ---------------------------------------------------------------------------
# the examples across the whole timeline
# ---------------------------------------------------------------------------

TIMELINE = [
    "2012-06-01",  # before S1
    "2013-02-15",  # inside S1
    "2013-03-31",  # S1 deadline
    "2013-04-01",  # the day after; inside S2 and S3
    "2013-04-30",  # S2 deadline
    "2013-05-01",
    "2014-09-30",  # S3 deadline; inside S4
    "2014-10-01",
    "2014-12-31",  # S4 deadline
    "2015-01-01",
    "2030-01-01",  # long after
]


@pytest.mark.parametrize("as_of", TIMELINE)
def test_complete_example_is_clean_at_any_date(as_of: str) -> None:
    result = check(TIANPING, as_of)
    assert result.diagnostics == []


def test_complete_example_is_clean_today() -> None:
    assert validate_file(TIANPING, Options()).diagnostics == []


def test_early_example_is_clean_in_spring_2013() -> None:
    assert check(SHUXIN, "2013-04-15").diagnostics == []


def test_early_example_after_the_round_has_s3_and_s4_errors() -> None:
    result = check(SHUXIN, "2015-01-01")
    overdue = found(result, "T101")
    assert "summary.text" in overdue
    assert {f"basic_work.{code}.status" for code in CATALOG.basic_codes()} <= set(overdue)
    assert all(d.is_error for d in result.diagnostics)
    assert not [p for p in overdue if not (p.startswith("basic_work") or p == "summary.text")]


def test_examples_folder_clean_in_april_2013_via_cli() -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2013-04-15", str(EXAMPLES / "filings")])
    assert result.exit_code == 0, result.stdout
    filings = len(list((EXAMPLES / "filings").glob("*/*.yaml")))
    assert filings == 2
    # clean: no problem line, no warning, only the one-line summary
    assert result.stdout == f"检查了 {filings} 个文件：没有发现问题。\n"


def test_early_example_cli_2015_fails_with_stage_line() -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2015-01-01", str(SHUXIN)])
    assert result.exit_code == 1
    assert "T101" in result.stdout
    assert "第四阶段（备查总结）已于 2014-12-31 截止：缺少 备查总结 · 创建工作总结" in result.stdout
    # the summary says where the filing stands
    assert "处于第三阶段（推进实施）" in result.stdout
    assert "file.yaml💯" not in result.stdout and "💯" not in result.stdout


def test_single_filing_summary_names_next_deadline() -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2013-04-15", str(SHUXIN)])
    assert result.exit_code == 0
    assert "下一个截止：第三阶段（推进实施）2014-09-30（还有 533 天）" in result.stdout
    en = runner.invoke(app, ["validate", "--lang", "en", "--as-of", "2013-04-15", str(SHUXIN)])
    assert "next deadline: stage S3 (Implementation) on 2014-09-30" in en.stdout


def _expected_lines(path: Path) -> set[tuple[str, str]]:
    pairs = re.findall(r"^# expect: (\S+) (\S+)", path.read_text(encoding="utf-8"), re.M)
    return set(pairs)


@pytest.mark.parametrize("as_of", ["2013-03-01", "2013-04-15", "2014-08-30"])
def test_draft_present_but_invalid_values_are_not_reported_as_missing(as_of: str) -> None:
    """Wrong values are errors of their own; the stage rules do not repeat them as missing."""
    result = check(DRAFT, as_of)
    assert {(d.code, d.path) for d in result.diagnostics} == _expected_lines(DRAFT)


def test_draft_warns_thirty_days_before_s3_ends() -> None:
    result = check(DRAFT, "2014-08-31")
    assert "basic_work.B1.2.status" in found(result, "T102")
    assert not found(result, "T101")


# ---------------------------------------------------------------------------
# every requirement on both sides of its deadline
# ---------------------------------------------------------------------------

Mutation = Callable[[Data], None]


def _del(*path: str | int) -> Mutation:
    def mutate(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _set(value: Any, *path: str | int) -> Mutation:
    def mutate(data: Data) -> None:
        node: Any = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _uncover(code: str) -> Mutation:
    def mutate(data: Data) -> None:
        for item in data["plan"]["responsibilities"]:
            item["covers"] = [c for c in item["covers"] if c != code]

    return mutate


def _remove_evidence_file(filing_dir: Path) -> None:
    (filing_dir / "archive" / "B1.2" / "2013-社区教育领导小组成立文件.pdf").unlink()


# (requirement, stage, mutation, path of the diagnostic)
CASES: list[tuple[str, str, Mutation, str]] = [
    ("unit", "S1", _del("unit", "district"), "unit.district"),
    ("unit", "S1", _del("unit"), "unit"),
    ("leader", "S1", _del("leader", "phone"), "leader.phone"),
    ("contact", "S1", _del("contact", "mobile"), "contact.mobile"),
    ("contact", "S1", _set("", "contact", "address"), "contact.address"),
    ("contact", "S1", _set("  ", "contact", "name"), "contact.name"),
    ("leader", "S1", _set(" ", "leader", "title"), "leader.title"),
    ("prior_rounds", "S1", _del("prior_rounds"), "prior_rounds"),
    ("plan", "S1", _del("plan", "overall_goal"), "plan.overall_goal"),
    ("plan", "S1", _del("plan", "stage_goals", "S3"), "plan.stage_goals.S3"),
    ("plan", "S1", _del("plan", "work_plan"), "plan.work_plan"),
    ("plan", "S1", _del("plan", "leading_body"), "plan.leading_body"),
    ("plan", "S1", _set("", "plan", "network"), "plan.network"),
    ("plan", "S1", _set([], "plan", "mechanisms"), "plan.mechanisms"),
    # blank entries, as `cjzn init` writes them, are as missing as no entry
    ("plan", "S1", _set([{"task": None}], "plan", "work_plan"), "plan.work_plan"),
    ("plan", "S1", _set([{"task": " ", "start": "2013-04"}], "plan", "work_plan"), "plan.work_plan.0.task"),
    ("plan", "S1", _set({"kind": "领导小组"}, "plan", "leading_body"), "plan.leading_body.head"),
    ("plan", "S1", _set({"kind": "领导小组"}, "plan", "leading_body"), "plan.leading_body.members"),
    ("plan", "S1", _set([{"name": None, "title": None}], "plan", "leading_body", "members"), "plan.leading_body.members"),
    ("plan", "S1", _set([{"title": "主任"}], "plan", "leading_body", "members"), "plan.leading_body.members.0.name"),
    ("plan", "S1", _set([""], "plan", "mechanisms"), "plan.mechanisms"),
    ("plan", "S1", _set({"S1": None, "S2": "", "S3": " ", "S4": None}, "plan", "stage_goals"), "plan.stage_goals.S3"),
    ("plan", "S1", _set([{"department": None, "owner": None, "covers": []}], "plan", "responsibilities"), "plan.responsibilities"),
    ("basic_work_measures", "S1", _del("basic_work", "B3.2", "measures"), "basic_work.B3.2.measures"),
    ("key_work", "S1", _del("key_work", 0, "expected_outcomes"), "key_work.0.expected_outcomes"),
    ("key_work", "S1", _del("key_work", 0, "measures"), "key_work.0.measures"),
    ("key_work", "S1", _set([""], "key_work", 0, "expected_outcomes"), "key_work.0.expected_outcomes"),
    ("key_work", "S1", _set(["", " "], "key_work", 1, "expected_outcomes"), "key_work.1.expected_outcomes"),
    ("key_work", "S1", _set("  ", "key_work", 0, "measures"), "key_work.0.measures"),
    ("key_work", "S1", _set([], "key_work"), "key_work"),
    ("submission", "S1", _del("submission", "signed_by"), "submission.signed_by"),
    ("responsibility_owners", "S2", _del("plan", "responsibilities", 0, "owner"), "plan.responsibilities.0.owner"),
    ("responsibility_owners", "S2", _set(" ", "plan", "responsibilities", 1, "owner"), "plan.responsibilities.1.owner"),
    ("responsibility_coverage", "S2", _uncover("B2.5"), "plan.responsibilities"),
    ("basic_work_done", "S3", _set("in_progress", "basic_work", "B1.1", "status"), "basic_work.B1.1.status"),
    ("evidence", "S3", _del("basic_work", "B1.1", "evidence"), "basic_work.B1.1.evidence"),
    ("summary", "S4", _del("summary"), "summary.text"),
]  # fmt: skip


def _ids(case: tuple[str, str, Mutation, str]) -> str:
    return f"{case[1]}-{case[3]}"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_requirement_on_both_sides_of_its_deadline(
    case: tuple[str, str, Mutation, str], filing_dir: Path
) -> None:
    requirement, code, mutate, path = case
    stage = CATALOG.stage(code)
    assert stage is not None and requirement in stage.requirements
    data = load_example()
    mutate(data)
    if code == "S1":
        # S1 is due as soon as filed_on is set: leave it unset to see the calendar at work.
        del data["submission"]["filed_on"]
    filing = write(filing_dir, data)
    end = stage.end
    # the contract: a warning while the deadline is at most 30 days away
    too_early = date.fromordinal(end.toordinal() - 31).isoformat()
    warn_from = date.fromordinal(end.toordinal() - 30).isoformat()
    day_after = date.fromordinal(end.toordinal() + 1).isoformat()

    early = check(filing, too_early)
    assert path not in found(early, "T101") + found(early, "T102")
    for as_of in (warn_from, end.isoformat()):
        soon = check(filing, as_of)
        assert path in found(soon, "T102"), (as_of, soon.diagnostics)
        assert path not in found(soon, "T101")
        assert not [d for d in soon.diagnostics if d.code == "T102" and d.is_error]
    late = check(filing, day_after)
    assert path in found(late, "T101"), late.diagnostics
    assert path not in found(late, "T102")
    # --stage naming the stage makes it due long before the deadline
    selected = check(filing, too_early, stage=code)
    assert path in found(selected, "T101")
    # ... and naming an earlier stage does not
    if code != "S1":
        earlier = CATALOG.stage_codes()[CATALOG.stage_codes().index(code) - 1]
        assert path not in found(check(filing, too_early, stage=earlier), "T101")


def test_missing_evidence_file_on_both_sides_of_s3(filing_dir: Path) -> None:
    filing = write(filing_dir, load_example())
    _remove_evidence_file(filing_dir)
    path = "basic_work.B1.2.evidence.0"
    assert path not in found(check(filing, "2014-08-30"), "T102")
    assert path in found(check(filing, "2014-09-30"), "T102")
    late = check(filing, "2014-10-01")
    assert path in found(late, "T101")
    message = next(d.message for d in late.diagnostics if d.path == path)
    assert "2013-社区教育领导小组成立文件.pdf" in message and "不存在" in message


def test_s1_due_as_soon_as_filed(filing_dir: Path) -> None:
    data = load_example()
    del data["contact"]["mobile"]
    filing = write(filing_dir, data)
    result = check(filing, "2013-01-15")
    diagnostic = next(d for d in result.diagnostics if d.path == "contact.mobile")
    assert diagnostic.code == "T101"
    assert (
        diagnostic.message
        == "第一阶段（启动备案）已提交备案（2013-03-15）：缺少 街道（乡镇）联系人 · 手机号码"
    )
    # located at the nearest existing parent: the `contact:` key
    lines = filing.read_text(encoding="utf-8").splitlines()
    assert lines[diagnostic.line - 1].startswith("contact:")
    assert diagnostic.column == 1


def test_overdue_message_wording_zh_and_en(filing_dir: Path) -> None:
    data = load_example()
    del data["contact"]["mobile"]
    del data["submission"]["filed_on"]
    filing = write(filing_dir, data)
    zh = next(d for d in check(filing, "2013-04-15").diagnostics if d.path == "contact.mobile")
    assert (
        zh.message == "第一阶段（启动备案）已于 2013-03-31 截止：缺少 街道（乡镇）联系人 · 手机号码"
    )
    assert "指南 四 第一阶段" in zh.hint
    en = next(
        d for d in check(filing, "2013-04-15", lang="en").diagnostics if d.path == "contact.mobile"
    )
    assert (
        en.message
        == "stage S1 (Start and filing) closed on 2013-03-31: missing: contact person · mobile phone"
    )
    soon = next(d for d in check(filing, "2013-03-21").diagnostics if d.path == "contact.mobile")
    assert soon.message.startswith("第一阶段（启动备案）还有 10 天截止（2013-03-31）：")
    today = next(d for d in check(filing, "2013-03-31").diagnostics if d.path == "contact.mobile")
    assert today.message.startswith("第一阶段（启动备案）今天截止（2013-03-31）：")
    soon_en, today_en = (
        next(d for d in check(filing, as_of, lang="en").diagnostics if d.path == "contact.mobile")
        for as_of in ("2013-03-21", "2013-03-31")
    )
    assert soon_en.message.startswith(
        "stage S1 (Start and filing) is due in 10 day(s) (2013-03-31): "
    )
    # the one wording of `days_phrase` (this said "ends today" before it was shared)
    assert today_en.message.startswith("stage S1 (Start and filing) is due today (2013-03-31): ")


@pytest.mark.parametrize(
    ("days", "deadline", "zh", "en"),
    [
        (15, False, "还有 15 天", "15 day(s) left"),
        (15, True, "还有 15 天截止", "due in 15 day(s)"),
        (0, False, "今天截止", "due today"),
        (0, True, "今天截止", "due today"),
        (-3, False, "已过 3 天", "3 day(s) overdue"),
        (-3, True, "已过 3 天", "3 day(s) overdue"),
    ],
)
def test_days_phrase_is_the_one_wording(days: int, deadline: bool, zh: str, en: str) -> None:
    assert days_phrase(days, "zh", deadline=deadline) == zh
    assert days_phrase(days, "en", deadline=deadline) == en


def test_plan_parts_are_named_by_p_code(filing_dir: Path) -> None:
    data = load_example()
    del data["plan"]["network"]
    filing = write(filing_dir, data)
    message = next(
        d.message for d in check(filing, "2013-04-01").diagnostics if d.path == "plan.network"
    )
    assert "P5 工作网络构成" in message


def test_coverage_names_codes_and_titles(filing_dir: Path) -> None:
    data = load_example()
    _uncover("B2.5")(data)
    _uncover("K3")(data)
    filing = write(filing_dir, data)
    result = check(filing, "2013-05-01")
    [diagnostic] = [d for d in result.diagnostics if d.code == "T101"]
    assert diagnostic.path == "plan.responsibilities"
    assert "B2.5 科研工作管理制度" in diagnostic.message
    assert "K3 深化老年教育，创新发展模式" in diagnostic.message


def test_unknown_key_work_need_not_be_covered(filing_dir: Path) -> None:
    data = load_example()
    assert len(data["key_work"]) == 2
    data["key_work"][1]["code"] = "K11"
    _uncover(data["key_work"][0]["code"])(data)  # K11 still needs no cover; the first does
    filing = write(filing_dir, data)
    result = check(filing, "2013-05-01")
    assert found(result, "G003") == ["key_work.1.code"]
    [diagnostic] = [d for d in result.diagnostics if d.code == "T101"]
    assert "K11" not in diagnostic.message
    assert data["key_work"][0]["code"] in diagnostic.message


def test_empty_prior_rounds_means_never_took_part(filing_dir: Path) -> None:
    data = load_example()
    data["prior_rounds"] = []
    filing = write(filing_dir, data)
    assert check(filing, "2013-04-01").diagnostics == []


def test_missing_responsibilities_reported_once(filing_dir: Path) -> None:
    """P6 of S1 and both S2 checks sit at the same path: one error, from the earliest stage."""
    data = load_example()
    del data["plan"]["responsibilities"]
    filing = write(filing_dir, data)
    result = check(filing, "2013-05-01")
    at_path = [d for d in result.diagnostics if d.path == "plan.responsibilities"]
    assert len(at_path) == 1
    assert "第一阶段" in at_path[0].message and "P6" in at_path[0].message


# What the review found: the example with one part blanked validated clean and
# `cjzn status` showed P1-P7 complete. (mutation, the exact stage paths reported)
BLANKS: list[tuple[str, Mutation, set[str]]] = [
    ("task-only", _set([{"task": None}], "plan", "work_plan"), {"plan.work_plan"}),
    ("kind-only", _set({"kind": "领导小组"}, "plan", "leading_body"),
     {"plan.leading_body.head", "plan.leading_body.members"}),
    ("outcomes", _set([""], "key_work", 0, "expected_outcomes"), {"key_work.0.expected_outcomes"}),
    ("mechanisms", _set([""], "plan", "mechanisms"), {"plan.mechanisms"}),
    ("members", _set([{"name": None}], "plan", "leading_body", "members"), {"plan.leading_body.members"}),
    ("stage-goals", _set({"S1": None, "S2": None, "S3": None, "S4": None}, "plan", "stage_goals"),
     {"plan.stage_goals.S1", "plan.stage_goals.S2", "plan.stage_goals.S3", "plan.stage_goals.S4"}),
    ("stage-goals-partial", _set({"S1": "x", "S2": "y", "S3": "z"}, "plan", "stage_goals"),
     {"plan.stage_goals.S4"}),
    ("mapping-of-blanks", _set({"kind": None, "head": " ", "members": [{"name": "", "title": None}]}, "plan", "leading_body"),
     {"plan.leading_body.head", "plan.leading_body.members"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "mutate", "paths"), BLANKS, ids=[b[0] for b in BLANKS])
def test_blank_entries_are_missing(
    filing_dir: Path, name: str, mutate: Mutation, paths: set[str]
) -> None:
    data = load_example()
    mutate(data)
    filing = write(filing_dir, data)
    result = check(filing, "2013-04-15")
    assert {(d.code, d.path) for d in result.diagnostics} == {("T101", p) for p in paths}
    # ... and `cjzn status` no longer shows the requirement as met
    document = json.loads(
        runner.invoke(
            app, ["status", "--format", "json", "--as-of", "2013-04-15", str(filing)]
        ).stdout
    )
    [filing_json] = document["filings"]
    requirements = {r["id"]: r for s in filing_json["stages"] for r in s["requirements"]}
    requirement = "key_work" if name == "outcomes" else "plan"
    assert requirements[requirement]["status"] == "overdue"
    assert {m["path"] for m in requirements[requirement]["missing"]} == paths
    assert filing_json["current_stage"] == "S1"


def test_blank_entry_among_real_ones_is_fine(filing_dir: Path) -> None:
    """At least one real task, member, mechanism, outcome: the part is there."""
    data = load_example()
    data["plan"]["work_plan"].append({"task": None})
    data["plan"]["leading_body"]["members"].append({"name": None})
    data["plan"]["mechanisms"].append("")
    data["key_work"][0]["expected_outcomes"].append(" ")
    filing = write(filing_dir, data)
    assert check(filing, "2013-04-15").diagnostics == []


def test_blank_messages_keep_the_style(filing_dir: Path) -> None:
    data = load_example()
    data["plan"]["work_plan"] = [{"task": None}]
    data["plan"]["leading_body"] = {"kind": "领导小组"}
    filing = write(filing_dir, data)
    messages = {d.path: d.message for d in check(filing, "2013-04-15").diagnostics}
    assert messages["plan.work_plan"] == (
        "第一阶段（启动备案）已于 2013-03-31 截止：缺少 创建工作方案 · P3 创建工作计划"
    )
    assert messages["plan.leading_body.head"].startswith(
        "第一阶段（启动备案）已于 2013-03-31 截止：缺少 创建工作方案 · "
    )
    assert messages["plan.leading_body.head"].endswith(" · 负责人")
    en = {d.path: d.message for d in check(filing, "2013-04-15", lang="en").diagnostics}
    assert en["plan.work_plan"].startswith(
        "stage S1 (Start and filing) closed on 2013-03-31: missing:"
    )


@pytest.mark.parametrize(("as_of", "code"), [("2013-03-25", "T102"), ("2013-04-15", "T101")])
def test_fresh_init_skeleton_is_not_a_clean_s1(tmp_path: Path, as_of: str, code: str) -> None:
    """The skeleton's empty `- task:`, `- name:`, `expected_outcomes:` are reported, not counted."""
    path = tmp_path / "徐汇区" / "新街道.yaml"
    made = runner.invoke(app, ["init", "--unit", "新街道", "--district", "徐汇区", str(path)])
    assert made.exit_code == 0, made.output
    result = check(path, as_of)
    reported = set(found(result, code))
    for expected in (
        "plan.work_plan",
        "plan.leading_body.head",
        "plan.leading_body.members",
        "plan.responsibilities",
        "plan.mechanisms",
        "plan.stage_goals.S1",
        "key_work.0.code",
        "key_work.0.measures",
        "key_work.0.expected_outcomes",
        "leader.name",
        "contact.mobile",
    ):
        assert expected in reported, (expected, sorted(reported))
    # P6 is missing in S1; S2's owner and coverage checks do not repeat it
    assert [d.path for d in result.diagnostics].count("plan.responsibilities") == 1
    assert not [p for p in found(result, "T102") + found(result, "T101") if ".owner" in p]


def test_late_filing_warning(filing_dir: Path) -> None:
    data = load_example()
    data["submission"]["filed_on"] = "2013-04-02"
    filing = write(filing_dir, data)
    result = check(filing, "2013-04-15")
    assert found(result, "T103") == ["submission.filed_on"]
    assert not result.diagnostics[0].is_error
    data["submission"]["filed_on"] = "2013-03-31"
    assert not found(check(write(filing_dir, data), "2013-04-15"), "T103")


@pytest.mark.parametrize(
    ("as_of", "warns"),
    [
        ("2013-03-31", True),
        ("2013-04-01", False),
        ("2014-09-30", False),
        ("2014-10-01", True),
    ],
)
def test_apply_early_only_during_s3(filing_dir: Path, as_of: str, warns: bool) -> None:
    data = load_example()
    data["evaluation"]["apply_early"] = "true"
    filing = write(filing_dir, data)
    assert bool(found(check(filing, as_of), "T106")) is warns
    data["evaluation"]["apply_early"] = "false"
    assert not found(check(write(filing_dir, data), as_of), "T106")


# ---------------------------------------------------------------------------
# evidence trees
# ---------------------------------------------------------------------------


def _with_evidence(filing_dir: Path, value: str) -> Path:
    data = load_example()
    data["basic_work"]["B1.1"]["evidence"] = [value]
    return write(filing_dir, data)


def test_absolute_evidence_path_is_an_error_whatever_the_date(filing_dir: Path) -> None:
    target = filing_dir / "archive" / "B1.1" / "2013-社区教育发展规划.pdf"
    filing = _with_evidence(filing_dir, str(target.resolve()))
    for as_of in ("2013-01-15", "2030-01-01"):
        result = check(filing, as_of)
        assert found(result, "T104") == ["basic_work.B1.1.evidence.0"]
        assert "绝对路径" in next(d.message for d in result.diagnostics if d.code == "T104")


def test_dotdot_escape_is_an_error(filing_dir: Path) -> None:
    outside = filing_dir.parent / "elsewhere.pdf"
    outside.write_text("x", encoding="utf-8")
    filing = _with_evidence(filing_dir, "../elsewhere.pdf")
    result = check(filing, "2013-01-15")
    assert found(result, "T104") == ["basic_work.B1.1.evidence.0"]
    assert ".." in next(d.message for d in result.diagnostics if d.code == "T104")


def test_dotdot_inside_a_git_repo_is_fine(filing_dir: Path) -> None:
    repo = filing_dir.parent
    (repo / ".git").mkdir()
    shared = repo / "shared"
    shared.mkdir()
    (shared / "plan.pdf").write_text("x", encoding="utf-8")
    filing = _with_evidence(filing_dir, "../shared/plan.pdf")
    assert check(filing, "2030-01-01").diagnostics == []
    # ... but leaving the repo is not
    (repo.parent / "secret.pdf").write_text("x", encoding="utf-8")
    filing = _with_evidence(filing_dir, "../../secret.pdf")
    assert found(check(filing, "2013-01-15"), "T104") == ["basic_work.B1.1.evidence.0"]


def test_symlink_escape_is_an_error(filing_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_text("x", encoding="utf-8")
    link = filing_dir / "archive" / "B1.1" / "link.pdf"
    try:
        os.symlink(secret, link)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not supported here")
    filing = _with_evidence(filing_dir, "archive/B1.1/link.pdf")
    result = check(filing, "2013-01-15")
    assert found(result, "T104") == ["basic_work.B1.1.evidence.0"]
    assert "符号链接" in next(d.message for d in result.diagnostics if d.code == "T104")


def test_symlink_inside_the_repo_is_fine(filing_dir: Path) -> None:
    real = filing_dir / "archive" / "B1.1" / "2013-社区教育发展规划.pdf"
    link = filing_dir / "archive" / "B1.1" / "alias.pdf"
    try:
        os.symlink(real, link)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks not supported here")
    filing = _with_evidence(filing_dir, "archive/B1.1/alias.pdf")
    assert check(filing, "2030-01-01").diagnostics == []


def test_folder_instead_of_file_is_an_error_whatever_the_date(filing_dir: Path) -> None:
    filing = _with_evidence(filing_dir, "archive/B1.1")
    for as_of in ("2013-01-15", "2030-01-01"):
        result = check(filing, as_of)
        assert found(result, "T105") == ["basic_work.B1.1.evidence.0"]
        assert not found(result, "T101")


def test_check_evidence_path_directly(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_text("x", encoding="utf-8")
    assert check_evidence_path("a.pdf", tmp_path, tmp_path).kind == "ok"
    assert check_evidence_path("b.pdf", tmp_path, tmp_path).kind == "file_missing"
    assert check_evidence_path("C:\\x.pdf", tmp_path, tmp_path).reason == "absolute"
    assert check_evidence_path("/etc/passwd", tmp_path, tmp_path).reason == "absolute"
    assert check_evidence_path("../a.pdf", tmp_path / "sub", tmp_path).kind == "ok"
    assert check_evidence_path("../../a.pdf", tmp_path / "sub", tmp_path).reason == "dotdot"
    assert check_evidence_path(".", tmp_path, tmp_path).kind == "not_a_file"


def test_git_less_folder_uses_the_filings_folder_as_root(filing_dir: Path) -> None:
    """No .git anywhere above: even a sibling folder of the filing's folder is outside."""
    sibling = filing_dir.parent / "崇明县"
    sibling.mkdir()
    (sibling / "x.pdf").write_text("x", encoding="utf-8")
    filing = _with_evidence(filing_dir, "../崇明县/x.pdf")
    assert found(check(filing, "2013-01-15"), "T104") == ["basic_work.B1.1.evidence.0"]


# ---------------------------------------------------------------------------
# evaluate() directly: the status every requirement gets
# ---------------------------------------------------------------------------


def _subject(path: Path) -> Subject:
    result = validate_file(path, Options(as_of=date(2013, 1, 1)))
    assert result.filing is not None and result.document is not None and result.catalog
    return Subject(result.filing, result.document.data, result.catalog, path.parent, path.parent)


def test_evaluate_statuses_for_the_early_example() -> None:
    subject = _subject(SHUXIN)
    statuses = {
        as_of: {
            r.id: r.status
            for s in evaluate(subject, date.fromisoformat(as_of)).stages
            for r in s.requirements
        }
        for as_of in ("2013-04-15", "2014-09-10", "2015-01-01")
    }
    assert statuses["2013-04-15"]["basic_work_done"] is RequirementStatus.MISSING
    assert statuses["2013-04-15"]["unit"] is RequirementStatus.DONE
    assert statuses["2014-09-10"]["basic_work_done"] is RequirementStatus.DUE_SOON
    assert statuses["2014-09-10"]["summary"] is RequirementStatus.MISSING  # 112 days left
    assert statuses["2015-01-01"]["basic_work_done"] is RequirementStatus.OVERDUE
    assert statuses["2015-01-01"]["summary"] is RequirementStatus.OVERDUE
    timeline = evaluate(subject, date(2013, 4, 15))
    assert timeline.current is not None and timeline.current.stage.code == "S3"
    assert timeline.open_count == 2 and timeline.overdue_count == 0


@pytest.mark.parametrize("as_of", TIMELINE)
@pytest.mark.parametrize("path", [SHUXIN, TIANPING, DRAFT], ids=["shuxin", "tianping", "draft"])
def test_current_stage_never_contradicts_the_calendar(path: Path, as_of: str) -> None:
    """The current stage has started (unless nothing has), and no started stage before it is open."""
    when = date.fromisoformat(as_of)
    timeline = evaluate(_subject(path), when)
    position = timeline.position
    if position.kind is PositionKind.COMPLETE:
        assert position.stage is None and timeline.current is None
        assert all(s.complete for s in timeline.stages)
        return
    current = position.stage
    assert current is not None and timeline.current is current
    started = [s for s in timeline.stages if s.stage.start <= when]
    if position.kind is PositionKind.NOT_STARTED:
        assert not started and current is timeline.stages[0]
        return
    assert current.stage.start <= when
    before = started[: started.index(current)]
    assert all(s.complete for s in before)
    if position.kind is PositionKind.MET_SO_FAR:
        assert all(s.complete for s in started) and current is started[-1]
    else:
        assert position.kind is PositionKind.OPEN and not current.complete


@pytest.mark.parametrize(
    ("as_of", "kind", "code"),
    [
        ("2012-12-01", PositionKind.NOT_STARTED, "S1"),
        ("2013-02-15", PositionKind.MET_SO_FAR, "S1"),
        ("2013-03-25", PositionKind.MET_SO_FAR, "S2"),  # the review's repro: S3 has not started
        ("2013-04-15", PositionKind.OPEN, "S3"),
        ("2014-09-10", PositionKind.OPEN, "S3"),
        ("2014-10-01", PositionKind.OPEN, "S3"),  # S3 overdue: it stays the current stage
    ],
)
def test_position_of_the_early_example(as_of: str, kind: PositionKind, code: str) -> None:
    timeline = evaluate(_subject(SHUXIN), date.fromisoformat(as_of))
    assert timeline.position.kind is kind
    assert timeline.position.stage is not None
    assert timeline.position.stage.stage.code == code


def test_position_earliest_open_started_stage(filing_dir: Path) -> None:
    """An open S1 stays current after S2 and S3 have started; an open S4 before it starts is not."""
    data = load_example()
    del data["contact"]["mobile"]
    del data["summary"]
    subject = _subject(write(filing_dir, data))
    timeline = evaluate(subject, date(2013, 4, 15))
    assert timeline.position.kind is PositionKind.OPEN
    assert timeline.current is not None and timeline.current.stage.code == "S1"
    data = load_example()
    del data["summary"]
    timeline = evaluate(_subject(write(filing_dir, data)), date(2013, 4, 15))
    assert timeline.position.kind is PositionKind.MET_SO_FAR
    assert timeline.current is not None and timeline.current.stage.code == "S3"
    assert timeline.next_deadline is not None and timeline.next_deadline.stage.code == "S4"
    complete = evaluate(_subject(TIANPING), date(2013, 4, 15))
    assert complete.position.kind is PositionKind.COMPLETE and complete.current is None


# ---------------------------------------------------------------------------
# options
# ---------------------------------------------------------------------------


def test_bad_stage_and_bad_date_are_usage_errors() -> None:
    assert runner.invoke(app, ["validate", "--stage", "S9", str(TIANPING)]).exit_code == 2
    assert runner.invoke(app, ["validate", "--as-of", "2013-02-30", str(TIANPING)]).exit_code == 2


def test_stage_option_via_cli() -> None:
    result = runner.invoke(app, ["validate", "--as-of", "2013-04-15", "--stage", "s4", str(SHUXIN)])
    assert result.exit_code == 1
    assert "按 --stage S4 视为到期" in result.stdout


# ---------------------------------------------------------------------------
# repo-wide: the same unit filed twice
# ---------------------------------------------------------------------------


def test_duplicate_unit_is_an_error_on_both_files(tmp_path: Path) -> None:
    data = load_example()
    data["basic_work"] = {
        code: {"status": "planned", "measures": "x"} for code in CATALOG.basic_codes()
    }
    first = write(tmp_path / "a", data, "one.yaml")
    second = write(tmp_path / "b", data, "two.yaml")
    other = load_example()
    other["unit"]["name"] = "湖南路街道"
    other["basic_work"] = data["basic_work"]
    third = write(tmp_path / "c", other, "three.yaml")
    report = validate_paths([tmp_path], Options(as_of=date(2013, 4, 15)))
    by_file = {r.file: r for r in report.results}
    for mine, theirs in ((first, second), (second, first)):
        [diagnostic] = [d for d in by_file[str(mine)].diagnostics if d.code == "R001"]
        assert diagnostic.path == "unit.name"
        assert str(theirs) in diagnostic.message and "天平路街道" in diagnostic.message
        line = mine.read_text(encoding="utf-8").splitlines()[diagnostic.line - 1]
        assert "天平路街道" in line
    assert not [d for d in by_file[str(third)].diagnostics if d.code == "R001"]
    assert report.exit_code() == 1


def test_single_file_has_no_duplicate() -> None:
    report = validate_paths([TIANPING, TIANPING], Options(as_of=date(2013, 4, 15)))
    assert len(report.results) == 1 and report.errors == 0
