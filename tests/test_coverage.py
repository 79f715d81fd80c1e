"""Coverage is measured in worker processes too: pyproject's [tool.coverage.run] at work.

`cjzn validate` on many files runs the rules in worker processes (cjzn.check.parallel); code
that only runs there is invisible to coverage unless coverage follows multiprocessing. This
runs a three-file parallel run under `coverage run` with the project's settings and checks
that the worker's own line was recorded.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from cjzn.check import parallel

pytestmark = pytest.mark.slow  # starts coverage runs with worker processes
# in the test extra (CI's fresh venv has it); a venv made before it was added: pip install '.[test]'
pytest.importorskip("coverage", reason="coverage is in the test extra: pip install '.[test]'")

SCRIPT = """\
from pathlib import Path

from cjzn.check.parallel import run_all

if __name__ == "__main__":
    print(run_all([Path("a"), Path("b"), Path("c")], str, jobs=2))
"""


def _line(function: object, starts: str) -> int:
    """The line of `function` that starts with `starts`."""
    lines, first = inspect.getsourcelines(function)  # type: ignore[arg-type]
    (offset,) = [n for n, line in enumerate(lines) if line.strip().startswith(starts)]
    return first + offset


def _worker_line() -> int:
    """The line of `_chunk` that runs only inside a worker process."""
    return _line(parallel._chunk, "return [one(")


def _measured_lines(tmp_path: Path, *extra: str) -> set[int]:
    """Lines of cjzn/check/parallel.py that `coverage run` (the project's config) recorded."""
    script = tmp_path / "parallel_run.py"
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE")}
    env["COVERAGE_FILE"] = str(tmp_path / ".coverage")
    rcfile = f"--rcfile={ROOT / 'pyproject.toml'}"
    coverage = [sys.executable, "-m", "coverage"]
    run = subprocess.run(
        [*coverage, "run", rcfile, *extra, str(script)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "['a', 'b', 'c']"
    for command in (["combine", "-q"], ["json", "-q", "-o", "coverage.json"]):
        done = subprocess.run(
            [*coverage, *command, rcfile], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "coverage.json").read_text(encoding="utf-8"))
    (measured,) = [
        data["executed_lines"]
        for name, data in report["files"].items()
        if Path(name).as_posix().endswith("cjzn/check/parallel.py")
    ]
    return set(measured)


def test_worker_process_code_is_measured(tmp_path: Path) -> None:
    assert _worker_line() in _measured_lines(tmp_path)


def test_without_multiprocessing_support_the_worker_line_is_missed(tmp_path: Path) -> None:
    """The check above can fail: coverage that does not follow the workers misses that line."""
    measured = _measured_lines(tmp_path, "--concurrency=thread")
    assert _worker_line() not in measured
    assert _line(parallel.run_all, "workers = worker_count(") in measured  # the parent's were
