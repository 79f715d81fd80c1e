"""Class 1 and 8 of the outside review: what is read, and which files a run finds.

Anything that is not a regular file (a FIFO, `/dev/zero` behind a symlink, a
socket, a folder) is refused before a byte is read, with a located Y015, and no
command hangs on it; the size limit is counted while reading, never taken from
`st_size`. Folders: an unreadable sub-folder is reported, `*.YAML` is found, the
same file named twice is checked once.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import cjzn
from cjzn.check import discover, validate_file, validate_paths
from cjzn.cli import app
from cjzn.errors import CatalogError
from cjzn.guide import Catalogs
from cjzn.load import MAX_FILE_BYTES, load_path
from cjzn.load.read import FileTooLarge, NotRegularFile, read_limited
from cjzn.options import Options

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
RUNNER = CliRunner()
MINIMAL = 'cjzn: 1\nround: "2013-2014"\nunit:\n  name: 天平路街道\n  district: 徐汇区\n'

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_devzero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
not_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root opens any folder"
)


def _cjzn(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a hang shows as a timeout, not a stuck suite."""
    return subprocess.run(
        [sys.executable, "-m", "cjzn", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(cjzn.__file__).parents[1])},  # this cjzn
    )


# --- the one reader -------------------------------------------------------------------


@needs_fifo
def test_read_limited_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "b.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile) as caught:
        read_limited(fifo)  # no writer: a plain open() would block forever
    assert caught.value.kind == "fifo"
    assert "命名管道" in caught.value.reason("zh")


@needs_devzero
def test_read_limited_refuses_a_device_behind_a_symlink(tmp_path: Path) -> None:
    link = tmp_path / "z.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotRegularFile) as caught:
        read_limited(link)
    assert caught.value.kind == "device"


def test_read_limited_counts_bytes_not_st_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 101)
    assert read_limited(path, 101) == b"#" * 101
    with pytest.raises(FileTooLarge) as caught:
        read_limited(path, 100)
    assert caught.value.size == 101


def test_read_limited_refuses_a_socket(tmp_path: Path) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no unix sockets")
    short = Path("/tmp") / f"cjzn-{os.getpid()}.yaml"  # socket paths are limited to ~100 bytes
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(short))
        document, problems = load_path(short)
    finally:
        server.close()
        short.unlink(missing_ok=True)
    assert document is None
    assert [p.code for p in problems] == ["Y015"]
    assert "套接字" in problems[0].message


@needs_fifo
@needs_devzero
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_fifo_and_dev_zero_in_a_folder_are_located_y015(tmp_path: Path, lang: str) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(tmp_path / "b.yaml")
    (tmp_path / "z.yaml").symlink_to("/dev/zero")
    report = validate_paths([tmp_path], Options(lang=lang), jobs=1)
    by_file = {Path(r.file).name: [d.code for d in r.diagnostics] for r in report.results}
    assert by_file["b.yaml"] == ["Y015"]
    assert by_file["z.yaml"] == ["Y015"]
    words = {"zh": ("命名管道", "设备"), "en": ("named pipe", "device")}[lang]
    messages = " ".join(d.message for d in report.problems)
    assert all(word in messages for word in words), messages


@needs_fifo
@needs_devzero
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "filings"],
        ["status", "filings"],
        ["render", "filings", "-o", "out/"],
        ["report", "filings", "--as-of", "2013-01-15"],
    ],
    ids=lambda args: args[0],
)
def test_no_command_hangs_on_a_fifo_or_reads_dev_zero(tmp_path: Path, args: list[str]) -> None:
    """0.1.0: every command hung forever on the FIFO; validate read /dev/zero to MemoryError."""
    filings = tmp_path / "filings"
    filings.mkdir()
    (filings / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    os.mkfifo(filings / "b.yaml")
    (filings / "z.yaml").symlink_to("/dev/zero")
    done = _cjzn(*args, cwd=tmp_path, timeout=60)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr


@needs_fifo
def test_a_named_fifo_is_a_usage_error_that_says_it_is_a_pipe(tmp_path: Path) -> None:
    """Named on the command line (not found in a folder): exit 2, and called a pipe."""
    os.mkfifo(tmp_path / "pipe.yaml")
    for command in ("validate", "status", "render", "report"):
        result = RUNNER.invoke(app, [command, str(tmp_path / "pipe.yaml")])
        assert result.exit_code == 2, (command, result.output)
        assert "命名管道（FIFO）" in result.output and "named pipe" not in result.output
        assert "目录" not in result.output.split("pipe.yaml")[0]
        english = RUNNER.invoke(app, [command, "--lang", "en", str(tmp_path / "pipe.yaml")])
        assert english.exit_code == 2, (command, english.output)
        assert "named pipe" in english.output and "命名管道" not in english.output


def test_too_large_is_counted_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_FILE_BYTES)
    result = validate_file(path, Options())
    assert [d.code for d in result.diagnostics] == ["Y010"]


@needs_fifo
def test_a_catalog_that_is_a_fifo_is_named_as_one(tmp_path: Path) -> None:
    fifo = tmp_path / "round.yaml"
    os.mkfifo(fifo)
    with pytest.raises(CatalogError) as caught:
        Catalogs.from_option(fifo)
    assert "命名管道" in str(caught.value)
    result = RUNNER.invoke(app, ["validate", "--catalog", str(fifo), str(EXAMPLE)])
    assert result.exit_code == 2
    assert "命名管道" in result.output and "不存在" not in result.output


# --- which files a run finds -----------------------------------------------------------


def test_upper_and_mixed_case_suffixes_are_found(tmp_path: Path) -> None:
    for name in ("a.YAML", "b.Yml", "c.yaml", "d.txt", ".e.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["a.YAML", "b.Yml", "c.yaml"]


def test_the_same_file_given_twice_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0.1.0: `f.yaml` and `/abs/f.yaml` were two filings, reported as duplicate units (R001)."""
    (tmp_path / "天平路街道.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = [Path("天平路街道.yaml"), tmp_path / "天平路街道.yaml", Path("./天平路街道.yaml")]
    found = discover(named)
    assert found == [Path("天平路街道.yaml")]
    result = RUNNER.invoke(
        app,
        ["validate", "--format", "json", "--as-of", "2013-01-15", "天平路街道.yaml", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"files": 1, "problems": []}


def _assert_locked_folder_reported(tmp_path: Path) -> None:
    result = RUNNER.invoke(
        app, ["validate", "--format", "json", "--as-of", "2013-01-15", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(Path(p["file"]).name, p["code"]) for p in problems] == [("徐汇区", "Y015")]
    assert "没有读取权限" in problems[0]["message"]


def _tree_with_a_locked_folder(tmp_path: Path) -> Path:
    (tmp_path / "天平路街道.yaml").write_text(MINIMAL, encoding="utf-8")
    locked = tmp_path / "徐汇区"
    locked.mkdir()
    (locked / "天平路街道.yaml").write_text(MINIMAL, encoding="utf-8")
    return locked


@not_root
def test_an_unreadable_sub_folder_is_reported(tmp_path: Path) -> None:
    """0.1.0: the folder was skipped silently and the run exited 0."""
    locked = _tree_with_a_locked_folder(tmp_path)
    locked.chmod(0)
    try:
        _assert_locked_folder_reported(tmp_path)
    finally:
        locked.chmod(0o755)


def test_an_unreadable_sub_folder_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same, with the permission error made by hand (root may open any folder)."""
    locked = _tree_with_a_locked_folder(tmp_path)
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _assert_locked_folder_reported(tmp_path)


def test_a_symlinked_filing_finds_evidence_beside_the_link(tmp_path: Path) -> None:
    """0.1.0: the repo root was looked up from the link's target: false T104 "uses ..\"."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = repo / "filings" / "徐汇区"
    (folder / "archive").mkdir(parents=True)
    (folder / "archive" / "plan.pdf").write_bytes(b"%PDF-1.4")
    elsewhere = tmp_path / "drafts"
    elsewhere.mkdir()
    real = elsewhere / "天平路街道.yaml"
    real.write_text(
        MINIMAL + "basic_work:\n  B1.1:\n    status: done\n    evidence: [archive/plan.pdf]\n",
        encoding="utf-8",
    )
    (folder / "天平路街道.yaml").symlink_to(real)
    result = validate_file(folder / "天平路街道.yaml", Options())
    assert not [d for d in result.diagnostics if d.code in ("T104", "T105")], result.diagnostics
