"""`cjzn status`: one filing's timeline, many filings by urgency, stable JSON, exit codes."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjzn.check import Report, validate_file
from cjzn.cli import app
from cjzn.options import Options
from cjzn.reporters.text import stage_line
from cjzn.status import STATUS_JSON_VERSION, as_json, collect_status

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TIANPING = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
SHUXIN = EXAMPLES / "filings" / "崇明县" / "竖新镇.yaml"

runner = CliRunner()

FILING_KEYS = {
    "file", "unit", "district", "round", "current_stage", "position", "complete", "open",
    "overdue", "next_deadline", "errors", "warnings", "stages",
    "workflow", "workflow_name", "changed_since_review",
}  # fmt: skip
STAGE_KEYS = {
    "code", "title", "start", "end", "state", "due", "days_left", "complete", "requirements",
}  # fmt: skip
REQUIREMENT_KEYS = {"id", "text", "status", "days_left", "missing"}
MISSING_KEYS = {"path", "line", "column", "message"}
COVERAGE_KEYS = {"district", "units", "filed", "filed_units", "not_filed", "others"}


def load_example() -> dict[str, Any]:
    data = yaml.load(TIANPING.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def write(folder: Path, data: dict[str, Any], name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def options(as_of: str, lang: str = "zh") -> Options:
    return Options(lang=lang, as_of=date.fromisoformat(as_of))


def stage_summary(path: Path, run: Options) -> str | None:
    """The stage line `cjzn validate` prints for a run of this one filing."""
    return stage_line(Report(results=[validate_file(path, run)], options=run))


# ---------------------------------------------------------------------------
# library
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "district"),
    [(" 天平路街道 ", "徐汇区"), ("  ", "徐汇区"), ("天平路街道", ""), ("", "")],
)
def test_unit_and_district_also_when_one_is_blank(tmp_path: Path, name: str, district: str) -> None:
    """`FileResult.unit` only exists when both are written; the status shows what is written."""
    data = load_example()
    data["unit"].update(name=name, district=district)
    path = write(tmp_path, data, "filing.yaml")
    [status] = collect_status([path], options("2013-04-15")).filings
    assert (status.unit, status.district) == (name.strip(), district.strip())
    assert (status.result.unit is None) == (not (name.strip() and district.strip()))
    assert status.timeline is not None
    filing = as_json(collect_status([path], options("2013-04-15")))["filings"][0]
    assert (filing["unit"], filing["district"]) == (name.strip() or None, district.strip() or None)


def test_one_filing_in_spring_2013() -> None:
    report = collect_status([SHUXIN], options("2013-04-15"))
    assert report.exit_code == 0
    [status] = report.filings
    assert (status.unit, status.district) == ("竖新镇", "崇明县")
    assert status.timeline is not None
    assert status.timeline.current is not None
    assert status.timeline.current.stage.code == "S3"
    assert status.timeline.open_count == 2
    assert status.overdue == 0
    document = as_json(report)
    [filing] = document["filings"]
    assert (filing["current_stage"], filing["position"]) == ("S3", "open")
    assert filing["next_deadline"] == {"stage": "S3", "date": "2014-09-30", "days_left": 533}
    statuses = {r["id"]: r["status"] for s in filing["stages"] for r in s["requirements"]}
    assert statuses["unit"] == "done"
    assert statuses["basic_work_done"] == "missing"
    assert statuses["summary"] == "missing"
    s2 = filing["stages"][1]
    assert (s2["state"], s2["due"], s2["days_left"]) == ("running", None, 15)


def test_after_the_round_the_early_example_is_overdue() -> None:
    report = collect_status([SHUXIN], options("2015-01-01"))
    assert report.exit_code == 1
    filing = as_json(report)["filings"][0]
    statuses = {r["id"]: r["status"] for s in filing["stages"] for r in s["requirements"]}
    assert statuses["basic_work_done"] == "overdue"
    assert statuses["summary"] == "overdue"
    assert filing["overdue"] == 2
    summary = next(r for s in filing["stages"] for r in s["requirements"] if r["id"] == "summary")
    [missing] = summary["missing"]
    assert missing["path"] == "summary.text"
    assert missing["message"] == "缺少 备查总结 · 创建工作总结"


def test_due_soon_status(tmp_path: Path) -> None:
    data = load_example()
    del data["summary"]
    shutil.copytree(TIANPING.parent / "archive", tmp_path / "archive")
    path = write(tmp_path, data, "f.yaml")
    document = as_json(collect_status([path], options("2014-12-21")))
    summary = next(
        r
        for s in document["filings"][0]["stages"]
        for r in s["requirements"]
        if r["id"] == "summary"
    )
    assert (summary["status"], summary["days_left"]) == ("due_soon", 10)


def test_json_shape_is_stable() -> None:
    document = as_json(collect_status([EXAMPLES], options("2013-04-15")))
    assert set(document) == {
        "version", "as_of", "files", "filings", "coverage", "workflow", "config_problems",
    }  # fmt: skip
    assert document["config_problems"] == []  # the examples have no cjzn.toml
    coverage = document["coverage"]
    assert set(coverage) == {"roster", "districts", "unknown_district"}
    # the district folders searched; the draft's 闵行县 is no district: listed apart
    assert [d["district"] for d in coverage["districts"]] == ["徐汇区", "闵行区", "崇明县"]
    for district in coverage["districts"]:
        assert set(district) == COVERAGE_KEYS
        assert district["units"] == district["filed"] + len(district["not_filed"])
    assert coverage["unknown_district"] == [str(EXAMPLES / "drafts" / "闵行区" / "江川路街道.yaml")]
    assert document["version"] == STATUS_JSON_VERSION
    assert document["as_of"] == "2013-04-15"
    assert document["files"] == 3
    for filing in document["filings"]:
        assert set(filing) == FILING_KEYS
        assert [s["code"] for s in filing["stages"]] == ["S1", "S2", "S3", "S4"]
        for stage in filing["stages"]:
            assert set(stage) == STAGE_KEYS
            for requirement in stage["requirements"]:
                assert set(requirement) == REQUIREMENT_KEYS
                for item in requirement["missing"]:
                    assert set(item) == MISSING_KEYS


def test_current_stage_follows_the_calendar() -> None:
    """The review's repro: on 2013-03-25 S3 has not started, so 竖新镇 is not "in" S3."""
    report = collect_status([SHUXIN], options("2013-03-25"))
    [filing] = as_json(report)["filings"]
    assert (filing["current_stage"], filing["position"]) == ("S2", "met_so_far")
    assert filing["next_deadline"] == {"stage": "S3", "date": "2014-09-30", "days_left": 554}
    s3 = filing["stages"][2]
    assert s3["state"] == "upcoming"
    result = runner.invoke(app, ["status", "--as-of", "2013-03-25", str(SHUXIN)])
    assert result.exit_code == 0
    assert "处于第三阶段" not in result.stdout
    assert (
        "阶段（截至 2013-03-25）：处于第二阶段（落实分工），已开始阶段的要求均已完成；"
        "下一个截止：第三阶段（推进实施）2014-09-30（还有 554 天），尚有 1 项要求未完成。"
    ) in result.stdout
    en = runner.invoke(app, ["status", "--lang", "en", "--as-of", "2013-03-25", str(SHUXIN)])
    assert "in stage S2 (" in en.stdout and "all requirements met so far" in en.stdout


def test_before_the_round_starts_says_so() -> None:
    assert stage_summary(SHUXIN, options("2012-12-01")) == (
        "阶段（截至 2012-12-01）：尚未开始，第一阶段（启动备案）于 2013-01-01 开始；"
        "下一个截止：第三阶段（推进实施）2014-09-30（还有 668 天），尚有 1 项要求未完成。"
    )
    line = stage_summary(SHUXIN, options("2012-12-01", "en"))
    assert line is not None
    assert line.startswith("Stages as of 2012-12-01: not started yet, stage S1 (")
    [filing] = as_json(collect_status([SHUXIN], options("2012-12-01")))["filings"]
    assert (filing["current_stage"], filing["position"]) == ("S1", "not_started")


def test_open_earlier_stage_stays_current(tmp_path: Path) -> None:
    data = load_example()
    del data["contact"]["mobile"]
    shutil.copytree(TIANPING.parent / "archive", tmp_path / "archive")
    path = write(tmp_path, data, "f.yaml")
    [filing] = as_json(collect_status([path], options("2013-04-15")))["filings"]
    assert (filing["current_stage"], filing["position"]) == ("S1", "open")
    [complete] = as_json(collect_status([TIANPING], options("2013-04-15")))["filings"]
    assert (complete["current_stage"], complete["position"]) == (None, "complete")


def test_table_stage_cells() -> None:
    cases = {
        "2012-12-01": ("未开始", "not started"),
        "2013-03-25": ("S2 落实分工（至今均已完成）", "S2 Assign responsibilities (met so far)"),
        "2013-04-15": ("S3 推进实施", "S3 Implementation"),
    }
    wide = {"COLUMNS": "400"}  # one line per row, whatever the paths' length
    for as_of, (zh, en) in cases.items():
        args = ["status", "--as-of", as_of, str(SHUXIN), str(TIANPING)]
        assert zh in runner.invoke(app, args, env=wide).stdout, as_of
        assert en in runner.invoke(app, [*args, "--lang", "en"], env=wide).stdout, as_of


def test_directory_rows_sorted_by_urgency(tmp_path: Path) -> None:
    """Unreadable first, then errors/overdue, then the nearest deadline; complete filings last."""
    shutil.copytree(TIANPING.parent / "archive", tmp_path / "archive")

    def variant(name: str, change: Any) -> Path:
        data = load_example()
        data["unit"]["name"] = name
        change(data)
        return write(tmp_path, data, f"{name}.yaml")

    variant("天平路街道", lambda d: None)
    variant("湖南路街道", lambda d: d.pop("summary"))  # S4: 2014-12-31
    variant("斜土路街道", lambda d: d["plan"]["responsibilities"][0].pop("owner"))  # S2: 2013-04-30
    variant("枫林路街道", lambda d: d["contact"].pop("mobile"))  # filed: S1 due now
    # a later deadline, but an error: before the clean ones with nearer deadlines
    variant("长桥街道", lambda d: d["contact"].__setitem__("mobile", "123"))
    (tmp_path / "zz-broken.yaml").write_text("unit: [\n", encoding="utf-8")  # unparsable
    wrong_round = load_example()
    wrong_round["round"] = "1999-2000"
    write(tmp_path, wrong_round, "zz-round.yaml")  # readable, but no timeline
    report = collect_status([tmp_path], options("2013-04-20"))
    names = [Path(f.result.file).name if f.timeline is None else f.unit for f in report.filings]
    assert names == [
        "zz-broken.yaml",
        "zz-round.yaml",
        "枫林路街道",
        "长桥街道",
        "斜土路街道",
        "湖南路街道",
        "天平路街道",
    ]
    assert report.exit_code == 1
    rows = as_json(report)["filings"]
    assert rows[0]["stages"] == [] and rows[0]["errors"] >= 1
    assert rows[2]["overdue"] == 1 and rows[2]["errors"] == 1
    assert rows[3]["overdue"] == 0 and rows[3]["errors"] >= 1
    assert rows[4]["next_deadline"]["date"] == "2013-04-30" and rows[4]["warnings"] == 1
    assert rows[6]["complete"] is True and rows[6]["next_deadline"] is None
    cli = runner.invoke(app, ["status", "--format", "json", "--as-of", "2013-04-20", str(tmp_path)])
    assert [f["file"] for f in json.loads(cli.stdout)["filings"]] == [f["file"] for f in rows]


def test_unreadable_filing_gets_a_row(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("unit: [\n", encoding="utf-8")
    shutil.copy(SHUXIN, tmp_path / "竖新镇.yaml")
    report = collect_status([tmp_path], options("2013-04-15"))
    assert report.exit_code == 1
    first = as_json(report)["filings"][0]
    assert first["file"].endswith("broken.yaml")
    assert first["stages"] == [] and first["current_stage"] is None and first["errors"] >= 1


def test_stage_summary_for_validate() -> None:
    assert stage_summary(TIANPING, options("2013-04-15")) == (
        "阶段（截至 2013-04-15）：各阶段的要求均已完成。"
    )
    line = stage_summary(SHUXIN, options("2015-01-01", "en"))
    assert line is not None
    assert line.startswith("Stages as of 2015-01-01: in stage S3 (Implementation)")
    assert "closed on 2014-09-30" in line


# ---------------------------------------------------------------------------
# docs/stages.md quotes real output
# ---------------------------------------------------------------------------

DOCS = ROOT / "docs" / "stages.md"


def _doc_transcripts() -> list[tuple[list[str], list[str]]]:
    """(commands, expected output lines) of every ```text block that starts with `$ cjzn`."""
    blocks = re.findall(r"```text\n(\$ cjzn .*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    transcripts = []
    for block in blocks:
        lines = block.rstrip("\n").split("\n")
        commands = [line[2:] for line in lines if line.startswith("$ ")]
        transcripts.append((commands, lines[len(commands) :]))
    return transcripts


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Each run of lines between `…` lines appears in order; the first at the start, the last at the end."""
    chunks: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == "…":
            chunks.append([])
        else:
            chunks[-1].append(line)
    if actual[: len(chunks[0])] != chunks[0]:
        return False
    position = len(chunks[0])
    for chunk in chunks[1:-1]:
        while position <= len(actual) and actual[position : position + len(chunk)] != chunk:
            position += 1
        if position > len(actual):
            return False
        position += len(chunk)
    last = chunks[-1]
    return len(chunks) == 1 or (
        len(actual) - len(last) >= position and actual[len(actual) - len(last) :] == last
    )


@pytest.mark.parametrize(
    ("commands", "expected"),
    [pytest.param(c, e, id=f"block{i}") for i, (c, e) in enumerate(_doc_transcripts())],
)
def test_docs_quote_real_output(
    commands: list[str], expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every `$ cjzn ...` transcript in docs/stages.md is what the command prints today."""
    uses_examples = any("examples/" in command for command in commands)
    monkeypatch.chdir(ROOT if uses_examples else tmp_path)
    result = None
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "cjzn"
        result = runner.invoke(app, args[1:], env={"COLUMNS": "400"})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result is not None
    actual = result.stdout.rstrip("\n").split("\n")
    assert _matches(expected, actual), "\n".join(actual)


def test_docs_transcripts_are_found() -> None:
    commands = [c for block, _ in _doc_transcripts() for c in block]
    assert "cjzn validate --as-of 2013-03-25 examples/filings/崇明县/竖新镇.yaml" in commands
    assert "cjzn validate --as-of 2013-03-25 新华路街道.yaml" in commands
    assert not _matches(["a", "…", "c"], ["a", "b"])
    assert _matches(["a", "…", "c"], ["a", "b", "c"])


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def test_cli_one_file_timeline() -> None:
    result = runner.invoke(app, ["status", "--as-of", "2013-04-15", str(SHUXIN)])
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    for name in (
        "第一阶段（启动备案）",
        "第二阶段（落实分工）",
        "第三阶段（推进实施）",
        "第四阶段（备查总结）",
    ):
        assert name in out
    assert "竖新镇（崇明县）" in out
    assert "进行中，还有 15 天" in out
    assert "每项基础性建设工作已完成  未完成" in out
    assert "缺少 备查总结 · 创建工作总结" in out


def test_cli_one_file_overdue_exit_1_in_english() -> None:
    result = runner.invoke(app, ["status", "--lang", "en", "--as-of", "2015-01-01", str(SHUXIN)])
    assert result.exit_code == 1
    assert "overdue" in result.stdout
    assert "stage S4 (Summary for review)" in result.stdout


def test_cli_directory_table() -> None:
    result = runner.invoke(app, ["status", "--as-of", "2013-04-15", str(EXAMPLES / "filings")])
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert "竖新镇" in out and "天平路街道" in out
    assert "S3 推进实施" in out and "全部完成" in out
    assert out.index("竖新镇") < out.index("天平路街道")  # open work before complete
    assert "共 2 份备案，其中 0 份有错误或到期未完成的要求。" in out


def test_cli_directory_json() -> None:
    result = runner.invoke(
        app, ["status", "--format", "json", "--as-of", "2015-01-01", str(EXAMPLES)]
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    units = [f["unit"] for f in document["filings"]]
    assert units[-1] == "天平路街道"
    assert set(units) == {"竖新镇", "江川路街道", "天平路街道"}


def test_cli_usage_errors() -> None:
    assert runner.invoke(app, ["status", str(EXAMPLES / "nope")]).exit_code == 2
    assert runner.invoke(app, ["status", "--as-of", "15.4.2013", str(SHUXIN)]).exit_code == 2
    assert runner.invoke(app, ["status", "--format", "xml", str(SHUXIN)]).exit_code == 2


def test_cli_text_does_not_interpret_user_markup(tmp_path: Path) -> None:
    data = load_example()
    data["unit"]["name"] = "[red]假街道[/red]"
    shutil.copytree(TIANPING.parent / "archive", tmp_path / "archive")
    write(tmp_path, data, "a.yaml")
    other = load_example()
    other["unit"]["name"] = "[bold]另一街道"
    write(tmp_path, other, "b.yaml")
    single = runner.invoke(app, ["status", "--as-of", "2013-04-15", str(tmp_path / "a.yaml")])
    assert "[red]假街道[/red]" in single.stdout
    table = runner.invoke(app, ["status", "--as-of", "2013-04-15", str(tmp_path)])
    assert "[bold]另一街道" in table.stdout
