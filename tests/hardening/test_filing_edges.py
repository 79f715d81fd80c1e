"""Classes 8 and 9 of the outside review: filings read or rendered wrongly.

`!!seq` on a mapping, merge markers after U+2028/NEL and in CR-only files,
evidence written `..\\..\\x` or inside `.git/`, a DOCX of a unit whose name
passes 255 characters, `SOURCE_DATE_EPOCH` out of range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.check import validate_file
from cjzn.cli import app
from cjzn.load import load_text
from cjzn.options import Options

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
HEAD = 'cjzn: 1\nround: "2013-2014"\n'
RUNNER = CliRunner()


@pytest.mark.parametrize(
    "text",
    [
        HEAD + "unit: !!seq\n  name: 天平路街道\n",
        HEAD + "prior_rounds: !!map [1, 3]\n",
        "--- !!seq\n" + HEAD,
    ],
    ids=["seq-on-mapping", "map-on-sequence", "seq-on-the-top"],
)
def test_a_collection_tag_must_match_the_collection(text: str) -> None:
    """0.1.0: `!!seq` on a mapping was accepted (any collection tag on any collection)."""
    _document, problems = load_text(text, "f.yaml")
    assert "Y007" in [p.code for p in problems], problems
    assert all(p.line in (1, 3) for p in problems if p.code == "Y007")


CONFLICT = "<<<<<<< HEAD\nround: a\n=======\nround: b\n>>>>>>> main\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("cjzn: 1\n# 说明\u2028第二行\x85第三行\n" + CONFLICT, 5),
        ("cjzn: 1\r# 说明\r" + CONFLICT.replace("\n", "\r"), 3),
        ("cjzn: 1\r\n" + CONFLICT.replace("\n", "\r\n"), 2),
        ("cjzn: 1\n" + CONFLICT, 2),
    ],
    ids=["after-LS-and-NEL", "CR-only", "CRLF", "LF"],
)
def test_merge_markers_are_found_on_their_line(text: str, line: int) -> None:
    """0.1.0: after U+2028/NEL the line was counted by LF only; CR-only files were not
    searched at all (a YAML syntax error instead)."""
    _document, problems = load_text(text, "f.yaml")
    assert [(p.code, p.line) for p in problems] == [("Y005", line)]


def test_a_marker_like_line_inside_a_value_is_not_a_conflict() -> None:
    document, problems = load_text(HEAD + "summary:\n  text: '=======' \n", "f.yaml")
    assert document is not None and not problems


@pytest.mark.parametrize(
    "evidence",
    ["..\\..\\..\\etc\\passwd", "archive\\..\\..\\..\\x.pdf", ".git/config", ".GIT/HEAD",
     "archive/../.git/config"],
)  # fmt: skip
def test_evidence_out_of_the_repo_or_in_git_is_t104(evidence: str, tmp_path: Path) -> None:
    """0.1.0: a Windows-style `..\\..\\x` got no T104 on Linux; `.git/config` was evidence."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    path = repo / "f.yaml"
    path.write_text(
        HEAD + f"basic_work:\n  B1.1:\n    status: done\n    evidence: ['{evidence}']\n",
        encoding="utf-8",
    )
    result = validate_file(path, Options())
    assert "T104" in [d.code for d in result.diagnostics], result.diagnostics


def test_a_backslash_path_inside_the_repo_is_fine(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "archive" / "B1.1").mkdir(parents=True)
    (tmp_path / "archive" / "B1.1" / "plan.pdf").write_bytes(b"%PDF-1.4")
    path = tmp_path / "f.yaml"
    path.write_text(
        HEAD
        + "basic_work:\n  B1.1:\n    status: done\n    evidence: ['archive\\B1.1\\plan.pdf']\n",
        encoding="utf-8",
    )
    codes = [d.code for d in validate_file(path, Options()).diagnostics]
    assert "T104" not in codes and "T105" not in codes


def test_a_docx_of_a_very_long_unit_name(tmp_path: Path) -> None:
    """0.1.0: python-docx refused core properties over 255 characters: the render failed."""
    docx = pytest.importorskip("docx")
    filing = tmp_path / ("长" * 80 + ".yaml")
    filing.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("name: 天平路街道", "name: " + "街" * 300, 1),
        encoding="utf-8",
    )
    target = tmp_path / "form.docx"
    result = RUNNER.invoke(app, ["render", str(filing), "-o", str(target)])
    assert result.exit_code in (0, 1), result.output
    core = docx.Document(str(target)).core_properties
    assert len(core.title) <= 255 and core.title.endswith("…")
    assert "街" * 300 in "".join(p.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells for p in c.paragraphs)  # fmt: skip


@pytest.mark.parametrize("epoch", ["99999999999999", "-1", "1e9", "tomorrow"])
def test_source_date_epoch_out_of_range_is_a_usage_error(
    epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0.1.0: `SOURCE_DATE_EPOCH=99999999999999` crashed render (year out of range)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = RUNNER.invoke(app, ["render", str(EXAMPLE), "--format", "md"])
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit)
