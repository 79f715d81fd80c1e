"""Many files: parallel validation gives exactly the serial result; the progress bar stays out of CI.

The corpus is ~250 filings made from the examples with changed unit names,
plus a broken and an empty file, in several district folders (some with the
evidence archive, some without), so every kind of result crosses processes.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, DRAFT, EARLY
from typer.testing import CliRunner

import cjzn.check.parallel as parallel_module
from cjzn.check import FileResult, Report, validate_paths, worker_count
from cjzn.cli import app
from cjzn.cli.progress import ProgressBar, progress_for, wants_progress
from cjzn.options import Options
from cjzn.reporters import REPORTERS

pytestmark = pytest.mark.slow  # long: see the `slow` marker in pyproject.toml

OPTIONS = Options(as_of=date(2013, 4, 15))
SOURCES = [
    (COMPLETE, "徐汇区", "天平路街道"),
    (EARLY, "崇明县", "竖新镇"),
    (DRAFT, "闵行区", "江川路街道"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("filings")
    shutil.copytree(COMPLETE.parent / "archive", root / "徐汇区" / "archive")
    for number in range(250):
        source, district, name = SOURCES[number % len(SOURCES)]
        text = source.read_text(encoding="utf-8")
        assert f"name: {name}" in text
        # the first three keep their real names (the roster knows them: some clean results);
        # the others are made-up units (R003, a warning)
        unit = name if number < len(SOURCES) else f"{name}{number:03d}"
        text = text.replace(f"name: {name}", f"name: {unit}", 1)
        folder = root / (district if number % 7 else f"其他/{district}")  # some lack the archive
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{unit}.yaml").write_text(text, encoding="utf-8")
    (root / "坏文件.yaml").write_text("cjzn: 1\nround: [\n", encoding="utf-8")
    (root / "空文件.yml").write_text("", encoding="utf-8")
    return root


def _snapshot(result: FileResult) -> tuple[Any, ...]:
    """Everything a result holds, hints included (Diagnostic equality ignores them)."""
    return (
        result.file,
        result.path,
        [(d, d.hint) for d in result.diagnostics],
        result.document.data if result.document else None,
        result.document.locations if result.document else None,
        result.filing,
        result.catalog.round if result.catalog else None,
    )


def _rendered(report: Report, fmt: str) -> str:
    return REPORTERS[fmt](report)


def test_parallel_result_equals_serial(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[bool] = []
    real = parallel_module._parallel

    def spy(*args: Any, **kwargs: Any) -> list[FileResult] | None:
        results = real(*args, **kwargs)
        used.append(results is not None)
        return results

    monkeypatch.setattr(parallel_module, "_parallel", spy)
    serial = validate_paths([corpus], OPTIONS, jobs=1)
    assert used == []  # --jobs 1 never starts processes
    parallel = validate_paths([corpus], OPTIONS, jobs=2)
    assert used == [True]  # really ran across processes (no silent serial fallback)

    assert len(serial.results) == len(parallel.results) == 252
    assert [r.file for r in parallel.results] == [r.file for r in serial.results]
    for left, right in zip(serial.results, parallel.results, strict=True):
        assert _snapshot(left) == _snapshot(right)
        assert left.catalog is right.catalog  # the parent's cached catalog, as serially
    assert serial.errors > 0 and serial.warnings > 0
    assert any(not r.diagnostics for r in serial.results)
    assert any(r.document is None for r in serial.results)
    for fmt in REPORTERS:
        assert _rendered(parallel, fmt) == _rendered(serial, fmt)


def test_automatic_jobs_use_processes_only_for_large_runs(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_module, "_cpu_count", lambda: 2)
    calls: list[int] = []
    monkeypatch.setattr(
        parallel_module,
        "_parallel",
        lambda files, one, workers, progress: calls.append(workers),
    )  # returns None: falls back to serial, so the result is still complete
    report = validate_paths([corpus], OPTIONS)
    assert calls == [2] and len(report.results) == 252
    validate_paths([corpus / "崇明县"], OPTIONS)  # ~70 files: serial
    assert calls == [2]


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_module, "_cpu_count", lambda: 4)
    assert worker_count(10, None) == 1
    assert worker_count(parallel_module.PARALLEL_MIN_FILES, None) == 1
    assert worker_count(250, None) == min(parallel_module._cpu_count(), 250)
    assert worker_count(250, 1) == 1
    assert worker_count(250, 3) == 3
    assert worker_count(250, 1000) == 4  # never more processes than cores
    assert worker_count(2, 8) == 2  # never more processes than files
    assert worker_count(0, None) == 1


def test_progress_is_reported_in_order(corpus: Path) -> None:
    for jobs in (1, 2):
        seen: list[tuple[int, int]] = []

        def record(done: int, total: int, seen: list[tuple[int, int]] = seen) -> None:
            seen.append((done, total))

        validate_paths([corpus], OPTIONS, jobs=jobs, progress=record)
        assert seen and seen[-1] == (252, 252)
        assert all(total == 252 for _done, total in seen)
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_cli_jobs_option(corpus: Path) -> None:
    runner = CliRunner()
    base = ["validate", "--format", "json", str(corpus)]
    serial = runner.invoke(app, [*base, "--as-of", "2013-04-15", "--jobs", "1"])
    parallel = runner.invoke(app, [*base, "--as-of", "2013-04-15", "--jobs", "2"])
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["files"] == 252
    assert runner.invoke(app, [*base, "--jobs", "0"]).exit_code == 2


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_for_text_on_a_terminal_outside_ci() -> None:
    assert wants_progress("text", _Tty(), {})
    assert wants_progress("text", _Tty(), {"CI": "false"})
    assert not wants_progress("text", _Tty(), {"CI": "true"})
    assert not wants_progress("text", _Tty(), {"CI": "1"})
    assert not wants_progress("text", io.StringIO(), {})  # not a terminal
    for fmt in ("json", "github", "junit", "sarif"):
        assert not wants_progress(fmt, _Tty(), {})


def test_progress_bar_draws_only_for_long_runs() -> None:
    quiet = _Tty()
    bar = ProgressBar(quiet, "zh")
    for done in range(1, 11):
        bar(done, 10)
    bar.close()
    assert quiet.getvalue() == ""
    loud = _Tty()
    bar = ProgressBar(loud, "zh")
    for done in range(1, 61):
        bar(done, 60)
    bar.close()
    assert "校验中" in loud.getvalue()


def test_no_progress_in_cli_output(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert progress_for("text", io.StringIO(), "zh") is None
    result = CliRunner().invoke(app, ["validate", str(corpus / "崇明县")])
    assert "校验中" not in result.output and "━" not in result.output
