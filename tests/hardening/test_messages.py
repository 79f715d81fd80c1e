"""The "Messages" class of the outside review: what a clerk reads must be right and Chinese.

Raw control characters are a located Y030 (not an English Y003 at 1:1); an
invisible or bidi character in a key is named, and the key without it offered;
an empty key gets no guess; `cjzn: ¹` is F004; a long plain list is Y031, not an
alias bomb; the common YAML mistakes are worded in Chinese; a pipe is called a
pipe. (`init --unit "　全角　"`: tests/hardening/test_sanitiser.py.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.load import MAX_NODES, load_text
from cjzn.model import check_document
from cjzn.text import visible

HEAD = 'cjzn: 1\nround: "2013-2014"\n'
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
RUNNER = CliRunner()


@pytest.mark.parametrize(
    ("char", "word"),
    [("\x0c", "换页符"), ("\x0b", "垂直制表符"), ("\x1b", "ESC"), ("\x7f", "DEL"),
     ("\ufffe", "非字符"), ("\x01", "控制字符"), ("\x9b", "控制字符")],
)  # fmt: skip
def test_a_raw_control_character_is_located_and_worded(char: str, word: str) -> None:
    """0.1.0: Y003 at 1:1, "unacceptable character #x000c: control characters are not allowed"."""
    text = HEAD + "unit:\n  name: 天平" + char + "路街道\n  nmae: x\n"
    _document, problems = load_text(text, "f.yaml")
    first = problems[0]
    assert (first.code, first.line, first.column) == ("Y030", 4, 11)
    assert word in first.message and "unacceptable" not in first.message
    assert "\\x" in first.message or "\\u" in first.message  # the character, shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe]", first.message)


def test_after_a_control_character_the_rest_is_still_checked() -> None:
    text = HEAD + "unit:\n  name: 天平\x0c路街道\n  district: 徐汇区\x0b\n"
    document, problems = load_text(text, "f.yaml")
    assert [(p.code, p.line) for p in problems] == [("Y030", 4), ("Y030", 5)]
    assert document is not None and document.data["unit"]["district"].strip() == "徐汇区"


def test_control_characters_are_counted_on_yamls_lines() -> None:
    text = "cjzn: 1\u2028round: x\x85a: b\rc: \x1b\n"
    _document, problems = load_text(text, "f.yaml")
    assert [(p.code, p.line, p.column) for p in problems[:1]] == [("Y030", 4, 4)]


def _f001(text: str, lang: str = "zh") -> str:
    document, problems = load_text(HEAD + text, "f.yaml", lang)
    assert document is not None and not problems
    _filing, diagnostics = check_document(document, None, lang)
    [message] = [d.message for d in diagnostics if d.code == "F001"]
    return message


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u202e", "\u2066", "\ufeff"])
def test_an_invisible_character_in_a_key_is_named(hidden: str) -> None:
    """0.1.0: "不认识的键 name，是否应为 name？" (the same word twice, the cause invisible)."""
    message = _f001(f"unit:\n  na{hidden}me: 天平路街道\n")
    assert visible(hidden) in message  # shown as \u200b, \xad …
    assert "看不见的字符" in message and "name" in message
    assert hidden not in message
    english = _f001(f"unit:\n  na{hidden}me: 天平路街道\n", "en")
    assert "invisible" in english and hidden not in english


def test_a_bidi_override_in_a_key_does_not_reverse_the_terminal_line(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(HEAD + "unit:\n  dis\u202etrict: 徐汇区\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["validate", str(path)])
    assert "\u202e" not in result.stdout and "dis\\u202etrict" in result.stdout


def test_an_empty_key_gets_no_guess() -> None:
    """0.1.0: `"": x` got "是否应为 cjzn？"."""
    message = _f001('"": 天平路街道\n')
    assert "是否应为" not in message and "冒号前没有写键名" in message


@pytest.mark.parametrize("value", ["¹", "²", "①", "٣"])
def test_a_version_that_is_a_digit_but_not_a_number_is_f004(value: str) -> None:
    """0.1.0: `cjzn: ¹` was F003 ("should be text"): "¹".isdigit() but int("¹") fails."""
    document, problems = load_text(f'cjzn: {value}\nround: "2013-2014"\n', "f.yaml")
    assert document is not None and not problems
    _filing, diagnostics = check_document(document, None, "zh")
    assert [d.code for d in diagnostics if d.code.startswith("F")] == ["F004"]


def test_a_long_plain_list_is_not_an_alias_bomb() -> None:
    """0.1.0: a 900,000-item list was called an alias bomb (Y009)."""
    items = ",".join(["x"] * 900_000)
    _document, problems = load_text(HEAD + f"plan:\n  mechanisms: [{items}]\n", "f.yaml")
    assert [p.code for p in problems] == ["Y031"]
    assert "别名" not in problems[0].message and str(MAX_NODES) in problems[0].message


def test_a_real_alias_bomb_is_still_one() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for name, previous in zip("bcdef", "abcde", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    _document, problems = load_text(HEAD + bomb, "f.yaml")
    assert [p.code for p in problems] == ["Y009"]


#: Twenty mistakes people make in YAML, each a different complaint of the parser.
MISTAKES = {
    "list-items-misaligned": "plan:\n  mechanisms:\n    - a\n   - b\n",
    "anchor-without-name": "unit:\n  name: & x\n",
    "alias-without-name": "unit:\n  name: * \n",
    "bad-x-escape": 'unit:\n  name: "a\\xg1"\n',
    "bad-u-escape": 'unit:\n  name: "a\\u12"\n',
    "bad-U-escape": 'unit:\n  name: "\\U1234"\n',
    "yaml-2.0": "%YAML 2.0\n---\ncjzn: 1\n",
    "unknown-directive": "%FOO bar\n---\ncjzn: 1\n",
    "undefined-tag-handle": "unit: !x!y a\n",
    "unclosed-flow-mapping": "unit: {name: a\n",
    "unclosed-flow-list": "unit: [a, b\nround: x\n",
    "colon-in-flow": "unit: [a: b: c]\n",
    "key-indented-more": "unit:\n  name: x\n   district: y\n",
    "text-after-quote": 'unit:\n  name: "a" b\n',
    "dash-in-flow": "unit: [\n- a]\n",
    "value-starts-with-at": "unit: @x\n",
    "text-after-document-end": "...\nx: 1\n",
    "empty-flow-entry": "a: [1,,2]\n",
    "undefined-alias": "unit: *nothing\n",
    "bad-block-header": "summary:\n  text: |x\n    a\n",
    "sequence-after-mapping": "unit:\n  name: x\n  - y\n",
}


@pytest.mark.parametrize("text", MISTAKES.values(), ids=MISTAKES.keys())
def test_common_yaml_mistakes_are_worded_in_chinese(text: str) -> None:
    """0.1.0: 8 of 20 stayed in PyYAML's English ("did not find expected '-' indicator" …)."""
    full = text if text.startswith(("%", "...")) else HEAD + text
    _document, problems = load_text(full, "f.yaml", "zh")
    syntax = [p for p in problems if p.code == "Y003"]
    assert syntax, problems
    english = re.findall(r"(?<![\\%])\b(?!YAML\b)[A-Za-z]{3,}\b", syntax[0].message)
    assert not english, syntax[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_is_called_a_pipe(tmp_path: Path) -> None:
    """0.1.0: a FIFO given where a folder was expected was called a folder (or a file)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    filings = tmp_path / "filings"
    filings.mkdir()
    (filings / "f.yaml").write_bytes(EXAMPLE.read_bytes())
    for args in (
        ["report", str(EXAMPLE), "--forms", str(pipe)],
        ["init", "--repo", str(pipe)],
        ["render", str(filings), "-o", str(pipe)],
    ):
        result = RUNNER.invoke(app, args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert "命名管道" in result.output, (args, result.output)
        assert "是一个文件" not in result.output and "是文件夹" not in result.output
