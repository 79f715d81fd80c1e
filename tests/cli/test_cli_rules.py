"""`cjzn rules`: every code with its meaning AND its help, in text, json and md, both languages.

The help is the code's static advice (`CodeInfo.help_text`, never a template); a format that
drops it for one code, or cuts it short on an 80-column terminal, fails here.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.rules import ALL_CODES

runner = CliRunner()
LANGS = ["zh", "en"]


def rules(*args: str, columns: int = 80) -> str:
    result = runner.invoke(app, ["rules", *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def squashed(text: str) -> str:
    return "".join(text.split())


def expected_help(code: str, lang: str) -> str:
    text = ALL_CODES[code].help_text.get(lang)
    assert text.strip() and "{" not in text, (code, lang, text)
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_json_entry_of_every_code_has_its_help(lang: str) -> None:
    entries = json.loads(rules("--format", "json", "--lang", lang))
    assert [entry["code"] for entry in entries] == list(ALL_CODES)
    for entry in entries:
        assert entry["help"] == expected_help(entry["code"], lang), entry["code"]
        assert entry["summary"] == ALL_CODES[entry["code"]].summary.get(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_row_of_every_code_has_its_help(lang: str) -> None:
    lines = rules("--format", "md", "--lang", lang).splitlines()
    head = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert head[4] == ("怎样改" if lang == "zh" else "how to fix")
    rows = lines[2:]
    assert len(rows) == len(ALL_CODES)
    for row, code in zip(rows, ALL_CODES, strict=True):
        cells = [cell.strip() for cell in row.strip().strip("|").split(" | ")]
        assert cells[0] == code and len(cells) == len(head), row
        assert cells[4].replace("\\|", "|") == expected_help(code, lang), code


@pytest.mark.parametrize("columns", [80, 200])
@pytest.mark.parametrize("lang", LANGS)
def test_text_row_of_every_code_has_its_whole_help(lang: str, columns: int) -> None:
    """The table folds long cells instead of cutting them with "…", at any terminal width."""
    output = rules("--lang", lang, columns=columns)
    cells: dict[str, list[str]] = {}
    code = ""
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        parts = [part.strip() for part in line.strip("│").split("│")]
        code = parts[0] or code  # a row's continuation lines leave the code cell empty
        cells.setdefault(code, []).append(parts[4])
    assert list(cells) == list(ALL_CODES)
    for code, lines in cells.items():
        assert squashed("".join(lines)) == squashed(expected_help(code, lang)), code
