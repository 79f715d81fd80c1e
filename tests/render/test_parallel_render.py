"""Rendering across worker processes gives what a serial run gives: files, messages, exit code.

HTML and Markdown must be byte-identical; a DOCX is a zip whose entries carry the
time they were written, so its entries are compared; PDFs are compared byte for
byte with SOURCE_DATE_EPOCH fixed (slow). A run that only pretends to be
parallel would pass trivially, so the tests first make sure two workers start.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import COMPLETE, DRAFT, EARLY
from typer.testing import CliRunner

from cjzn.check.parallel import worker_count
from cjzn.cli import app
from cjzn.render import RenderError, check_pdf_support, render_paths
from cjzn.render import job as job_module

runner = CliRunner()
EPOCH = "1416470400"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Seven filings in three districts: clean ones, a draft and one that cannot be read."""
    root = tmp_path / "filings"
    for folder, source in (("徐汇区", COMPLETE), ("崇明县", EARLY), ("闵行区", DRAFT)):
        (root / folder).mkdir(parents=True)
        (root / folder / source.name).write_bytes(source.read_bytes())
    text = COMPLETE.read_text(encoding="utf-8")
    for name in ("湖南路街道", "斜土路街道", "枫林路街道"):
        changed = text.replace("name: 天平路街道", f"name: {name}")
        (root / "徐汇区" / f"{name}.yaml").write_text(changed, encoding="utf-8")
    (root / "崇明县" / "堡镇.yaml").write_text("cjzn: 1\nround: [\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def needs_two_workers() -> None:
    if worker_count(7, 2) < 2:
        pytest.skip("one CPU here: a parallel run would be serial")


def run(corpus: Path, out: Path, fmt: str, jobs: int) -> tuple[int, list[str]]:
    args = ["render", str(corpus), "-f", fmt, "-o", f"{out}/", "--jobs", str(jobs)]
    result = runner.invoke(app, [*args, "--as-of", "2013-04-15"])
    lines = result.output.replace(str(out), "OUT").splitlines()
    return result.exit_code, lines


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def docx_entries(data: bytes, tmp_path: Path) -> dict[str, bytes]:
    path = tmp_path / "probe.docx"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_parallel_render_equals_serial(corpus: Path, tmp_path: Path, fmt: str) -> None:
    needs_two_workers()
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    code_serial, said_serial = run(corpus, serial, fmt, 1)
    code_parallel, said_parallel = run(corpus, parallel, fmt, 2)
    assert code_serial == code_parallel == 1  # the draft and the unreadable filing
    assert said_parallel == said_serial  # the same messages in the same order
    assert any("堡镇.yaml" in line for line in said_serial)
    assert any("江川路街道.yaml" in line for line in said_serial)
    one, two = files(serial), files(parallel)
    assert sorted(one) == sorted(two) and len(one) == 6  # every readable filing, once
    for name in one:
        if fmt == "docx":
            assert docx_entries(one[name], tmp_path) == docx_entries(two[name], tmp_path), name
        else:
            assert one[name] == two[name], name


def test_a_write_that_fails_in_a_worker_stops_the_run_as_serially(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The OSError travels back from the worker: no fallback to a second, serial pass."""
    needs_two_workers()
    from cjzn.fileio import write_atomic as real  # what render_one calls

    tries = tmp_path / "tries"
    tries.mkdir()

    def full_disk(path: Path, data: bytes | str) -> Path:
        if path.stem == "湖南路街道":
            (tries / f"{path.parent.parent.name}-{len(list(tries.iterdir()))}").touch()
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(job_module, "write_atomic", full_disk)  # workers fork with it
    for jobs in (1, 2):
        with pytest.raises(OSError, match="No space left"):
            render_paths([corpus], "html", f"{tmp_path / str(jobs)}/", jobs=jobs)
        assert len([t for t in tries.iterdir() if t.name.startswith(f"{jobs}-")]) == 1
    result = runner.invoke(app, ["render", str(corpus), "-o", f"{tmp_path / 'cli'}/", "-j", "2"])
    assert result.exit_code == 1
    assert "No space left" in result.output and "Traceback" not in result.output


def test_progress_counts_every_filing(corpus: Path, tmp_path: Path) -> None:
    needs_two_workers()
    seen: list[tuple[int, int, str]] = []

    def note(done: int, total: int, phase: str) -> None:
        seen.append((done, total, phase))

    render_paths([corpus], "md", f"{tmp_path}/out/", jobs=2, progress=note)
    assert seen and seen[-1] == (7, 7, "render")
    assert [done for done, _total, _phase in seen] == sorted(d for d, _t, _p in seen)


@pytest.mark.slow
def test_a_booklet_reports_rendering_then_layout(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    try:
        check_pdf_support()
    except RenderError as exc:
        pytest.skip(str(exc))
    seen: list[tuple[int, int, str]] = []

    def note(done: int, total: int, phase: str) -> None:
        seen.append((done, total, phase))

    render_paths([corpus], None, tmp_path / "本.pdf", progress=note)
    phases = [phase for _d, _t, phase in seen]
    assert phases == sorted(phases, key=["render", "layout"].index)  # render, then layout
    assert (7, 7, "render") in seen and (0, 7, "layout") in seen and seen[-1] == (7, 7, "layout")


@pytest.mark.slow
def test_parallel_pdfs_equal_serial_ones(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    try:
        check_pdf_support()
    except RenderError as exc:
        pytest.skip(str(exc))
    needs_two_workers()
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run(corpus, serial, "pdf", 1) == run(corpus, parallel, "pdf", 2)
    assert files(serial) == files(parallel) and len(files(serial)) == 6
