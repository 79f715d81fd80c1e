"""`cjzn fix`: the unambiguous corrections written in place, every other byte kept."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import DRAFT, MINIMAL
from typer.testing import CliRunner

from cjzn.check import validate_file
from cjzn.cli import app
from cjzn.diagnostics import HEADER
from cjzn.fix import fix_paths, fix_text
from cjzn.options import Options
from cjzn.rules import ALL_CODES

runner = CliRunner()
AS_OF = date(2013, 3, 1)
EXPECT = re.compile(r"^# expect: (?P<code>[A-Z]\d{3}) (?P<path>\S+)(?P<fix>  \(fix\))?$", re.M)


def _expected(text: str) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The draft's (fixable, left for a person) problems, from its `# expect:` lines."""
    fixable: set[tuple[str, str]] = set()
    left: set[tuple[str, str]] = set()
    for match in EXPECT.finditer(text):
        (fixable if match["fix"] else left).add((match["code"], match["path"]))
    return fixable, left


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    copy = tmp_path / "闵行区" / "江川路街道.yaml"
    copy.parent.mkdir()
    shutil.copyfile(DRAFT, copy)
    return copy


def test_fix_round_trips_the_draft(draft: Path) -> None:
    before = draft.read_bytes()
    fixable, left = _expected(before.decode("utf-8"))
    assert fixable and left

    result = runner.invoke(app, ["fix", "--as-of", "2013-03-01", str(draft)])
    assert result.exit_code == 1, result.output  # errors are left for a person
    after = draft.read_bytes()

    found = {(d.code, d.path) for d in validate_file(draft, Options(as_of=AS_OF)).diagnostics}
    assert not found & fixable, found & fixable
    assert {item for item in found if not item[0].startswith("T")} == left

    old_lines = before.decode("utf-8").splitlines(keepends=True)
    new_lines = after.decode("utf-8").splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    changed = {n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True), 1) if a != b}
    reported = {
        int(n) for n in re.findall(r":(\d+):\d+  .+ → .+  \([A-Z]\d{3}\)$", result.output, re.M)
    }
    assert changed == reported and len(changed) == len(fixable)
    assert "闵行县 → 闵行区  (V007)" in result.output
    assert "已改正 1 个文件中的" in result.output and "仍需人工处理" in result.output


def test_each_fixed_line_is_the_line_the_diagnostic_showed(draft: Path) -> None:
    shown = {
        d.line: d.message
        for d in validate_file(draft, Options(as_of=AS_OF)).diagnostics
        if d.code.startswith("Y") and d.fix is not None
    }
    assert shown
    runner.invoke(app, ["fix", str(draft)])
    lines = draft.read_text(encoding="utf-8").splitlines()
    for line, message in shown.items():
        assert lines[line - 1].strip() in message


def test_a_second_run_changes_nothing(draft: Path) -> None:
    runner.invoke(app, ["fix", str(draft)])
    once = draft.read_bytes()
    result = runner.invoke(app, ["fix", str(draft)])
    assert draft.read_bytes() == once
    assert "没有可以自动改正的地方" in result.output


def test_diff_previews_and_writes_nothing(draft: Path) -> None:
    before = draft.read_bytes()
    result = runner.invoke(app, ["fix", "--diff", str(draft)])
    assert result.exit_code == 1
    assert draft.read_bytes() == before
    assert "-  district: 闵行县\n+  district: 闵行区\n" in result.stdout
    assert result.stdout.startswith(f"--- a/{draft}\n+++ b/{draft}\n")
    assert "预览，未写入" in result.stderr


def test_nothing_to_fix_and_no_errors_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = runner.invoke(app, ["fix", "--as-of", "2013-01-15", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == MINIMAL
    result = runner.invoke(app, ["fix", "--diff", "--as-of", "2013-01-15", str(path)])
    assert result.exit_code == 0 and result.stdout == ""


def test_bom_crlf_comments_and_free_text_are_kept(tmp_path: Path) -> None:
    text = (
        HEADER + "unit:\n  name: 天平路街道   # 名称：照抄\n  district：徐汇区\n"
        "submission:\n  sealed: 是\nreviews:\n  district:\n    date: 2013/3/5\n"
        "plan:\n  overall_goal: |\n    目标：到 2014 年，sealed: 是\n"
        "  mechanisms: [例会制度，经费制度]\n"
    ).replace("\n", "\r\n")
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = runner.invoke(app, ["fix", "--as-of", "2013-01-15", str(path)])
    assert result.exit_code == 0, result.output
    expected = (
        text.replace("district：徐汇区", "district: 徐汇区")
        .replace("sealed: 是\r\nreviews", "sealed: true\r\nreviews")
        .replace("2013/3/5", "2013-03-05")
    )
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("submission:\n  filed_on: 2013年3月5日\n", "submission:\n  filed_on: 2013-03-05\n"),
        ("submission:\n  filed_on: '20130305'\n", "submission:\n  filed_on: 2013-03-05\n"),
        ("submission:\n  filed_on: ２０１３－０３－０５\n", "submission:\n  filed_on: 2013-03-05\n"),
        ("summary:\n  written_on: 2014.11.20\n", "summary:\n  written_on: 2014-11-20\n"),
        ("plan:\n  work_plan:\n    - {task: a, start: ２０１３－０４}\n", "plan:\n  work_plan:\n    - {task: a, start: 2013-04}\n"),
        ("evaluation:\n  apply_early: 否\n", "evaluation:\n  apply_early: false\n"),
        ("prior_rounds: 第二轮、第三轮\n", "prior_rounds: [2, 3]\n"),
        ("prior_rounds: 从未参与\n", "prior_rounds: []\n"),
        ("key_work:\n  - code: Ｋ３\n", "key_work:\n  - code: K3\n"),
        ("key_work:\n  - code: K2 拓展活动空间\n", "key_work:\n  - code: K2\n"),
        ("basic_work:\n  B21:\n    status: planned\n", "basic_work:\n  B2.1:\n    status: planned\n"),
        ("plan:\n  responsibilities:\n    - covers: [B1.1，B1.2]\n", "plan:\n  responsibilities:\n    - covers: [B1.1, B1.2]\n"),
        ("plan:\n  responsibilities:\n    - covers: [\"B1,2\", B3。1]\n", "plan:\n  responsibilities:\n    - covers: [B1.2, B3.1]\n"),
        ("unit:\n  district: 崇明区\n", "unit:\n  district: 崇明县\n"),
        ("contact:\n  postcode: ２０００３０\n", "contact:\n  postcode: 200030\n"),  # V010 (#15)
        ("leader:\n  name：李国强\n  title:主任\n\u3000phone: 021-64311234\n", "leader:\n  name: 李国强\n  title: 主任\n  phone: 021-64311234\n"),
        ('leader:\n  title: “主任: 社区教育”\n  name: "李国强”\n', 'leader:\n  title: "主任: 社区教育"\n  name: "李国强"\n'),
        ('plan:\n  overall_goal: "建成示范街道。  # 总体目标\n  network: 三级网络\n', 'plan:\n  overall_goal: "建成示范街道。"  # 总体目标\n  network: 三级网络\n'),
    ],
)  # fmt: skip
def test_fix_text(written: str, fixed: str, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    result = fix_text(HEADER + written, path, "f.yaml", Options(as_of=date(2013, 1, 15)))
    assert result.after == HEADER + fixed
    assert all(d.fix is None for d in result.remaining)


@pytest.mark.parametrize(
    "written",
    [
        "submission:\n  filed_on: 2013-02-30\n",  # no such day: a person decides
        "submission:\n  sealed: 盖了\n",
        "key_work:\n  - code: K11\n",  # not K1: another work
        "basic_work:\n  B2.1:\n    status: planned\n  B21:\n    status: done\n",  # would clash
        "unit:\n  district: 闽行区\n",  # a guess, not a certainty
        "plan:\n  network: 三级网络 #1号文件\n",  # text or comment?
        "key_work:\n  - code: K3\n    expected_outcomes: [参学人数增加，满意度提高]\n",
    ],
)
def test_what_needs_a_person_is_left_alone(written: str, tmp_path: Path) -> None:
    result = fix_text(HEADER + written, tmp_path / "f.yaml", "f.yaml", Options())
    assert result.after == HEADER + written
    assert result.changes == []


@pytest.mark.parametrize(
    ("code", "example"),
    [
        (code, example)
        for code, info in ALL_CODES.items()
        for example in info.failing
        if not example.whole and not example.files and code[0] in "YFVG"
    ],
)
def test_every_fix_removes_its_problem(code: str, example: object, tmp_path: Path) -> None:
    """A documented failing example that carries a fix no longer fails once it is applied."""
    text = example.content().decode("utf-8")  # type: ignore[attr-defined]
    result = fix_text(text, tmp_path / "f.yaml", "f.yaml", Options(as_of=date(2013, 1, 15)))
    for change in result.changes:
        still = [d for d in result.remaining if d.code == change.code and d.line == change.line]
        assert still == [], (change, still)


def test_an_unreadable_file_is_reported_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    data = (HEADER + "unit:\n  name：天平路街道\n").encode("gb18030")
    path.write_bytes(data)
    run = fix_paths([path], Options())
    assert [d.code for d in run.report().problems] == ["Y001"]
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 1
    assert path.read_bytes() == data


def test_english(draft: Path) -> None:
    result = runner.invoke(app, ["fix", "--lang", "en", "--diff", str(draft)])
    assert "Would fix" in result.stderr and "Left for a person" in result.stderr


def test_cjzn_toml_is_respected(tmp_path: Path) -> None:
    """What cjzn.toml ignores is not fixed; what it excludes is not touched."""
    (tmp_path / ".git").mkdir()  # the repo root: the config is looked for up to here
    (tmp_path / "cjzn.toml").write_text('ignore = ["F009"]\nexclude = ["草稿"]\n', encoding="utf-8")
    text = HEADER + "unit:\n  district: 崇明区\nsubmission:\n  sealed: yes\n"
    kept = tmp_path / "filings" / "f.yaml"
    excluded = tmp_path / "草稿" / "g.yaml"
    for path in (kept, excluded):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["fix", "--as-of", "2013-01-15", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert kept.read_text(encoding="utf-8") == text.replace("崇明区", "崇明县")  # yes is left
    assert excluded.read_text(encoding="utf-8") == text
    result = runner.invoke(app, ["fix", "--no-config", "--diff", str(kept)])
    assert "+  sealed: true" in result.stdout


@pytest.mark.parametrize(
    ("written", "fixed"),
    [("闵行县", "闵行区"), ("崇明区", "崇明县"), ("长宁", "长宁区"), ("崇明", "崇明县")],
)
def test_a_district_name_that_is_sure_is_fixed(tmp_path: Path, written: str, fixed: str) -> None:
    """The wrong 区/县, a known alias, or the name without its 区/县 (one district only)."""
    path = tmp_path / "f.yaml"
    path.write_text(MINIMAL.replace("district: 徐汇区", f"district: {written}"), encoding="utf-8")
    runner.invoke(app, ["fix", "--as-of", "2013-03-01", str(path)])
    assert f"district: {fixed}\n" in path.read_text(encoding="utf-8")


def test_a_district_name_that_is_a_guess_is_left(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(MINIMAL.replace("district: 徐汇区", "district: 徐江区"), encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(app, ["fix", "--as-of", "2013-03-01", str(path)])
    assert path.read_bytes() == before and "V007" in result.output
