"""The golden-file review step (tests/conftest.py): a difference fails with its diff; only
`--accept-golden` writes, and it says what it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLDEN_DIFF_LINES, Golden


def test_a_difference_fails_with_a_readable_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "form.md"
    path.write_text("一\n二\n三\n", encoding="utf-8")
    checker = Golden(accept=False, command="python -m pytest tests/x.py --accept-golden")
    with pytest.raises(pytest.fail.Exception) as failure:
        checker.check(path, "一\n贰\n三\n")
    message = str(failure.value)
    assert "-二\n+贰\n" in message  # the changed line, both ways, in the golden file's text
    assert "(golden)" in message and "(output now)" in message
    assert "python -m pytest tests/x.py --accept-golden" in message
    assert path.read_text(encoding="utf-8") == "一\n二\n三\n"
    assert checker.accepted == []


def test_a_missing_golden_file_fails_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "out.json"
    with pytest.raises(pytest.fail.Exception) as failure:
        Golden(accept=False).check(path, '{"a": 1}\n')
    assert "is missing" in str(failure.value) and '+{"a": 1}' in str(failure.value)
    assert not path.exists()


def test_the_same_output_passes(tmp_path: Path) -> None:
    path = tmp_path / "same.txt"
    path.write_text("same\n", encoding="utf-8")
    checker = Golden(accept=True)
    checker.check(path, "same\n")
    assert checker.accepted == []  # nothing to accept, nothing written


def test_accepting_writes_the_output_and_records_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "out.txt"
    checker = Golden(accept=True)
    checker.check(path, "new\r\nline\n")
    assert path.read_bytes() == b"new\r\nline\n"  # exactly the output: no newline translation
    ((written, diff),) = checker.accepted
    assert written == path and "+new" in diff


def test_a_long_diff_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("".join(f"{n}\n" for n in range(1000)), encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        Golden(accept=False).check(path, "")
    assert "more lines of diff" in str(failure.value)
    assert str(failure.value).count("\n-") <= GOLDEN_DIFF_LINES


def test_no_test_rewrites_golden_files_from_the_environment() -> None:
    """The old `UPDATE_GOLDEN=1` path rewrote files silently; only --accept-golden writes now."""
    tests = Path(__file__).resolve().parent
    for path in tests.rglob("*.py"):
        if path.name != "test_golden.py":
            assert "UPDATE_GOLDEN" not in path.read_text(encoding="utf-8"), path
