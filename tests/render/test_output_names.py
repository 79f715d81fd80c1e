"""`-o` names a format: an unknown suffix is a usage error that says which names work.

`cjzn render -o 登记表.doc` used to write HTML under a Word name; now it stops
with exit 2 and suggests 登记表.docx / .pdf / .html / .md (in Chinese, in English
with --lang en). `cjzn report -o` likewise, with .html / .md / .json.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import COMPLETE
from typer.testing import CliRunner

from cjzn.cli import app

runner = CliRunner()


@pytest.mark.parametrize("name", ["登记表.doc", "登记表.odt", "登记表", "登记表.txt"])
def test_render_to_an_unknown_suffix_is_a_usage_error(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)])
    assert result.exit_code == 2, result.output
    message = result.output
    for suggestion in ("登记表.docx", "登记表.pdf", "登记表.html", "登记表.md"):
        assert suggestion in message
    assert message.index("登记表.docx") < message.index("登记表.pdf") < message.index("登记表.md")
    assert "请改用" in message and "Traceback" not in message
    if Path(name).suffix:
        assert f"扩展名 {Path(name).suffix} 不是" in message
    else:
        assert "没有扩展名" in message and f"{out}/" in message  # or a folder
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_render_suffix_message_in_english(tmp_path: Path) -> None:
    out = tmp_path / "form.odt"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2
    assert ".odt is not a format cjzn writes" in result.output
    assert "form.docx, form.pdf, form.html or form.md" in result.output
    assert "请改用" not in result.output


@pytest.mark.parametrize("name", ["x.DOCX", "x.htm", "x.Md", "x.PDF"])
def test_render_known_suffixes_in_any_case(tmp_path: Path, name: str) -> None:
    if name.lower().endswith(".pdf"):
        pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file()


def test_render_with_format_writes_the_name_given(tmp_path: Path) -> None:
    """`-f` says what to write: the name is the user's choice (no guessing from a suffix)."""
    out = tmp_path / "登记表"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!-- cjzn-render")


def test_render_into_a_folder_needs_no_suffix(tmp_path: Path) -> None:
    out = tmp_path / "打印"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", f"{out}{os.sep}"])
    assert result.exit_code == 0, result.output
    assert (out / "天平路街道.html").is_file()


@pytest.mark.parametrize("name", ["汇总.txt", "汇总", "汇总.docx"])
def test_report_to_an_unknown_suffix_is_a_usage_error(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["report", str(COMPLETE.parent), "-o", str(out)])
    assert result.exit_code == 2, result.output
    for suggestion in ("汇总.html", "汇总.md", "汇总.json"):
        assert suggestion in result.output
    assert "Traceback" not in result.output and not out.exists()
    english = runner.invoke(app, ["report", str(COMPLETE.parent), "-o", str(out), "--lang", "en"])
    assert english.exit_code == 2 and "汇总.html, 汇总.md or 汇总.json" in english.output


def test_fill_signatures_from_the_command_line(tmp_path: Path) -> None:
    blank = runner.invoke(app, ["render", str(COMPLETE), "-f", "md"])
    filled = runner.invoke(app, ["render", str(COMPLETE), "-f", "md", "--fill-signatures"])
    assert blank.exit_code == filled.exit_code == 0
    assert "单位负责人签字：＿＿＿＿　公章：＿＿＿＿" in blank.stdout
    assert "单位负责人签字：王建华　公章：（已盖章）" in filled.stdout
    assert "负责人签字：张志红" in filled.stdout and "张志红" not in blank.stdout
