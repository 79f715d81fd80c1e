"""Class 7 of the outside review: what a filing's text and a file's name can do to the output.

One sanitiser (`cjzn.text.visible`): ESC sequences and bidi overrides from a
value never reach a terminal or a CI log raw (a filing cannot erase or reverse
its own error lines); JUnit XML stays well-formed with control characters; a
file name that is not UTF-8 (GBK from a Windows zip) never crashes a format or
makes JSON/XML invalid UTF-8; `--cjzn-source` cannot inject a YAML line break.
"""

from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.init.source import CjznSource
from cjzn.text import display_path, visible

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
RUNNER = CliRunner()
RAW = ("\x1b", "\u202e", "\u2066", "\x07", "\x9b", "\r")


def _hostile(folder: Path, name: str = "f.yaml") -> Path:
    """The example with ESC sequences, a bell and a bidi override in values and a key."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("mobile: ", 'mobile: "\\e[2K\\e[1A\\a\\u202e4321"  # ', 1)
    text = text.replace("\nleader:", '\n"lea\\u202eder\\e[31m": x\nleader:', 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_visible() -> None:
    assert visible("a\x1b[2Kb") == "a\\x1b[2Kb"
    assert visible("\u202eabc\u200b") == "\\u202eabc\\u200b"
    assert visible("\udcb0\udca1.yaml") == "\\xb0\\xa1.yaml"  # os.fsdecode of GBK bytes
    assert visible("天平路街道\t\n") == "天平路街道\t\n"
    assert visible(visible("\x1b")) == visible("\x1b")


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_no_raw_escape_or_bidi_reaches_the_output(fmt: str, tmp_path: Path) -> None:
    """0.1.0: the value's ESC[2K ESC[1A erased the error line above it in a terminal."""
    path = _hostile(tmp_path)
    result = RUNNER.invoke(app, ["validate", "--format", fmt, "--as-of", "2013-04-15", str(path)])
    assert result.exit_code == 1, result.output
    assert not [char for char in RAW if char in result.stdout], repr(result.stdout[:500])
    assert "\\x1b[2K" in result.stdout and "\\u202e" in result.stdout  # shown, not acted on


def test_status_shows_escapes_not_raw(tmp_path: Path) -> None:
    path = _hostile(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "name: 天平路街道", 'name: "天平\\e[8m路\\u202e街道"', 1
    )
    path.write_text(text, encoding="utf-8")
    for args in (["status", str(path)], ["status", str(tmp_path)]):
        result = RUNNER.invoke(app, [*args, "--as-of", "2013-04-15"])
        assert not [char for char in RAW if char in result.stdout], result.stdout[:300]


def test_junit_stays_well_formed_with_control_characters(tmp_path: Path) -> None:
    """0.1.0: a `"\\x01"` escape in a value made the JUnit report unparsable."""
    path = tmp_path / "f.yaml"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("mobile: ", 'mobile: "\\x01\\x02\\0"  # ', 1),
        encoding="utf-8",
    )
    result = RUNNER.invoke(app, ["validate", "--format", "junit", str(path)])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout_bytes)
    failures = root.findall(".//failure")
    assert any("\\x01" in (failure.get("message") or "") for failure in failures)


# --- a file name that is not UTF-8 ------------------------------------------------------


@pytest.fixture
def gbk_tree(tmp_path: Path) -> Path:
    if sys.platform == "darwin" or os.name != "posix":
        pytest.skip("needs a file system that takes any bytes in a name")
    folder = tmp_path / "filings"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "天平路街道".encode("gbk") + b".yaml"
    with open(raw, "wb") as handle:
        handle.write(EXAMPLE.read_bytes().replace(b"mobile: ", b"mobile: x", 1))
    return folder


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "text", "github"])
def test_a_gbk_file_name_keeps_every_format_valid(fmt: str, gbk_tree: Path) -> None:
    """0.1.0: sarif crashed (UnicodeEncodeError); json and junit were invalid UTF-8."""
    result = RUNNER.invoke(app, ["validate", "--format", fmt, str(gbk_tree)])
    assert result.exit_code == 1, result.output
    text = result.stdout_bytes.decode("utf-8")  # strict: valid UTF-8
    shown = text.replace("\\\\", "\\").replace("%5C", "\\")  # JSON and URI escapes
    assert "\\xcc\\xec" in shown  # the name's bytes, shown
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "junit":
        ET.fromstring(result.stdout_bytes)


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{tree}", "-o", "{out}/"],
        ["render", "{tree}", "-o", "{out}/", "--format", "md"],
        ["render", "{tree}", "-o", "{out}/", "--format", "docx"],
        ["status", "{tree}"],
        ["status", "{tree}", "--format", "json"],
        ["report", "{tree}", "--format", "md"],
        ["report", "{tree}", "--format", "json"],
        ["report", "{tree}", "-o", "{out}/r.html"],
    ],
    ids=lambda args: "-".join(args[:1] + args[3:]),
)
def test_a_gbk_file_name_never_crashes_a_command(
    args: list[str], gbk_tree: Path, tmp_path: Path
) -> None:
    """0.1.0: render crashed writing the name into the page's footer."""
    if "docx" in args:
        pytest.importorskip("docx")
    argv = [a.format(tree=gbk_tree, out=tmp_path / "out") for a in args]
    result = RUNNER.invoke(app, argv)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), result.output
    result.stdout_bytes.decode("utf-8")
    for written in (tmp_path / "out").rglob("*") if (tmp_path / "out").exists() else []:
        if written.suffix in (".html", ".md"):
            written.read_bytes().decode("utf-8")


def test_display_path_of_undecodable_bytes() -> None:
    assert display_path(os.fsdecode("天".encode("gbk") + b".yaml")) == "\\xcc\\xec.yaml"


# --- what init writes -----------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\u202e", "\u200b"])
def test_cjzn_source_refuses_what_yaml_or_a_reader_would_misread(separator: str) -> None:
    """0.1.0: U+2028 passed the check (it is a line break to YAML, not to the check)."""
    with pytest.raises(ValueError):
        CjznSource.parse(f"cjzn==0.1.0{separator}- evil")
    result = RUNNER.invoke(app, ["init", "--repo", "x", "--cjzn-source", f"cjzn{separator}x"])
    assert result.exit_code == 2


def test_init_unit_with_full_width_spaces_around_it(tmp_path: Path) -> None:
    """0.1.0: `--unit "　全角　"` was refused as "控制字符" (U+3000 is a space)."""
    target = tmp_path / "f.yaml"
    result = RUNNER.invoke(
        app, ["init", str(target), "--unit", "\u3000天平路街道\u3000", "--district", "徐汇区"]
    )
    assert result.exit_code == 0, result.output
    assert 'name: "天平路街道"' in target.read_text(encoding="utf-8")
    hidden = RUNNER.invoke(
        app,
        ["init", str(tmp_path / "g.yaml"), "--unit", "天平\u200b路街道", "--district", "徐汇区"],
    )
    assert hidden.exit_code == 2
    assert "\\u200b" in hidden.output and "看不见的字符" in hidden.output
