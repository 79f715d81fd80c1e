"""The benchmark's generator must keep producing valid filings (bench/ is not run by pytest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cjzn.check import validate_paths
from cjzn.options import Options

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def test_generated_filings_validate_clean(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(tmp_path), "-n", "3", "--seed", "11"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    filings = sorted(tmp_path.glob("*/*.yaml"))
    assert len(filings) == 3
    for path in filings:
        assert 6_000 < path.stat().st_size < 14_000  # "about 9 KB"
    report = validate_paths([tmp_path], Options(lang="en"), jobs=1)
    assert len(report.results) == 3
    assert report.problems == [], [d.message for d in report.problems]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run(
            [sys.executable, str(GENERATOR), str(tmp_path / name), "-n", "2"],
            check=True,
            capture_output=True,
        )
    first = {
        p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yaml")
    }
    second = {
        p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yaml")
    }
    assert first == second
