"""The command line speaks the clerk's language: help, usage and every click/Typer error in
Chinese (English with --lang en or CJZN_LANG=en), readable metavars, help wrapped at 80
columns instead of cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from conftest import COMPLETE
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.cli.wording import english_of
from cjzn.text import display_width

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
ENGLISH_CLICK = ("Usage:", "Options", "Missing", "No such", "Invalid value", "Error", "Try '")


def run(*args: str, lang: str | None = None, input: str | None = None) -> tuple[int, str]:
    env = {"COLUMNS": "80", "CJZN_LANG": lang or ""}
    result = runner.invoke(app, list(args), env=env, input=input)
    return result.exit_code, result.output


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese_wrapped_and_complete(command: str) -> None:
    code, output = run(command, "-h")
    assert code == 0
    assert output.startswith(f"用法：cjzn {command} [选项]")
    assert "选项：" in output and "显示帮助并退出。" in output
    for word in (*ENGLISH_CLICK, "<bool>", "<list[", "<int", "<str>", "<file>", "[x>="):
        assert word not in output, word
    assert all(display_width(line) <= 80 for line in output.splitlines()), output
    group = typer.main.get_command(app)
    for param in group.commands[command].params:  # type: ignore[attr-defined]
        if english_of(param.help):  # every word of every help text is there, not cut
            assert squeeze(str(param.help)) in squeeze(output), param.name


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_english(command: str) -> None:
    code, output = run(command, "-h", lang="en")  # CJZN_LANG=en
    assert code == 0 and output.startswith(f"Usage: cjzn {command} [OPTIONS]")
    assert "Options:" in output and "Show this help and exit." in output
    group = typer.main.get_command(app)
    sub = group.commands[command]  # type: ignore[attr-defined]
    for text in (sub.help, *(param.help for param in sub.params)):
        if english_of(text):
            assert squeeze(str(english_of(text))) in squeeze(output)
    if any(param.name == "lang" for param in sub.params):
        assert run(command, "--lang", "en", "-h")[1] == output


def test_group_help_lists_every_command() -> None:
    code, output = run("-h")
    assert code == 0 and output.startswith("用法：cjzn [选项] 命令 [参数]...")
    for command in COMMANDS:
        assert f"\n  {command} " in output
    assert run()[0] == 2  # no command: the help, as a usage error


def test_metavars_a_clerk_can_read() -> None:
    output = run("validate", "-h")[1]
    for shown in (
        "路径...",
        "-f, --format 格式",
        "--lang zh|en",
        "--as-of 日期",
        "-j, --jobs 数目",
    ):
        assert shown in output, shown
    assert re.search(r"\n  --strict +警告", output)  # a switch has no metavar
    english = run("validate", "-h", "--lang", "en")[1]
    assert "PATH..." in english and "--as-of DATE" in english


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["validate"], "缺少路径：备案文件或目录", "PATH is missing: Filings or folders"),
        (["validate", "--nope", "x"], "没有 --nope 这个选项", "there is no option --nope"),
        (["validate", "--strct", "x"], "是否应为 --strict？", "did you mean --strict?"),
        (
            ["validate", "--lang", "fr", "x"],
            "--lang：应为 zh、en 之一，这里是“fr”",
            "must be one of zh, en",
        ),
        (
            ["rules", "-f", "xx"],
            "--format：应为 text、json、md 之一",
            "must be one of text, json, md",
        ),
        (["validate", "-f", "xml", "x"], "“xml”不是可选的格式", "“xml” is not a format"),
        (["validate", "-j", "0", "x"], "--jobs：应为不小于 1 的整数", "at least 1"),
        (["validate", "-j", "abc", "x"], "--jobs：应为整数", "must be a whole number"),
        (["validate", "--format"], "选项 --format 后面要写一个值", "option --format needs a value"),
        (["validate", "--strict=yes", "x"], "选项 --strict 是开关", "--strict is a switch"),
        (
            ["valdate", "x"],
            "没有 valdate 这个命令，是否应为 validate？",
            "there is no command valdate",
        ),
        (["rules", "extra"], "多出了参数 extra", "unexpected extra argument(s) extra"),
        (
            ["validate", "--as-of", "2013/4/15", "x"],
            "是否应为 2013-04-15？",
            "did you mean 2013-04-15?",
        ),
    ],
)
def test_usage_errors_in_both_languages(args: list[str], chinese: str, english: str) -> None:
    code, output = run(*args)
    assert code == 2, output
    assert chinese in output, output
    assert not any(word in output for word in ENGLISH_CLICK), output
    code, output = run(*args, lang="en")
    assert code == 2 and english in output, output
    assert "Traceback" not in output and "╭" not in output


def test_a_usage_error_shows_the_usage_and_where_help_is() -> None:
    _, output = run("validate", "--nope", str(COMPLETE))
    assert output.splitlines() == [
        "用法：cjzn validate [选项] 路径...",
        "cjzn validate：错误：没有 --nope 这个选项",
        "用 cjzn validate -h 查看帮助。",
    ]


def test_a_folder_where_a_file_is_needed(tmp_path: Path) -> None:
    code, output = run("validate", "--catalog", str(tmp_path), str(COMPLETE))
    assert code == 2 and f"--catalog：{tmp_path} 是一个目录，这里要的是文件" in output
    code, output = run("init", str(tmp_path), "--unit", "x", "--district", "徐汇区")
    assert code == 2 and "是一个目录" in output
    code, output = run("report", str(COMPLETE), "--forms", str(COMPLETE))
    assert code == 2 and "是一个文件，这里要的是目录" in output


def test_an_interrupted_prompt_is_cancelled_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjzn.cli import init as cli_init

    monkeypatch.setattr(cli_init, "_stdin_is_terminal", lambda: True)
    code, output = run("init", str(tmp_path / "f.yaml"), input="")  # end of input at the prompt
    assert code == 1
    assert output.rstrip().endswith("已取消。") and "Abort" not in output
    assert not (tmp_path / "f.yaml").exists()


def test_the_district_prompt_says_the_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjzn.cli import init as cli_init

    monkeypatch.setattr(cli_init, "_stdin_is_terminal", lambda: True)
    path = tmp_path / "f.yaml"
    code, output = run("init", str(path), "--unit", "竖新镇", input="0\n18\n17\n")
    assert code == 0, output
    assert "输入编号 1-17 或名称" in output and output.count("编号应在 1 到 17 之间") == 2


def test_a_bad_language_from_the_environment_is_named_there() -> None:
    """CJZN_LANG=fr: the message names the variable the value came from, not only --lang."""
    from_env = runner.invoke(app, ["validate", "examples"], env={"CJZN_LANG": "fr"})
    assert from_env.exit_code == 2
    assert "环境变量 CJZN_LANG（即 --lang）：应为 zh、en 之一，这里是“fr”" in from_env.stderr
    typed = runner.invoke(app, ["validate", "--lang", "fr", "examples"], env={"CJZN_LANG": ""})
    assert typed.exit_code == 2
    assert "--lang：应为 zh、en 之一" in typed.stderr and "环境变量" not in typed.stderr
