"""Classes 2 and 6 of the outside review: the console, interrupts and worker processes.

Run as the real program (a child process), because what is tested is the
process: its encodings, its exit code, its stderr and its children.

- A GBK console (`PYTHONIOENCODING=gbk`, Chinese Windows) never crashes a
  command: characters it lacks become look-alikes or `?`.
- A full disk or a closed stdout says "无法写出结果" ("cannot write output") (exit 1); a reader
  that stops early (`| head`) ends the run quietly.
- Ctrl-C, serial or parallel, prints "已中断" ("interrupted") and exits 130, with no
  worker traceback and no process left behind; `--jobs` is capped at the CPUs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import cjzn
from cjzn.check.parallel import max_workers
from cjzn.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "filings" / "徐汇区" / "天平路街道.yaml"
SRC = str(Path(cjzn.__file__).parents[1])  # the cjzn under test, in the child too
RUNNER = CliRunner()
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and devices")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CJZN_LANG", "COLUMNS")}
    return {**env, "PYTHONPATH": SRC, **extra}


def _internal_error(stderr: str) -> bool:
    """Whether cjzn stopped on an error of its own (in either language) or a traceback."""
    return any(word in stderr for word in ("内部错误", "internal error", "Traceback"))


def _run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("env", _env())
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "cjzn", *args], timeout=120, check=False, **kwargs)


# --- a GBK console ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zero_width(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A filing whose message quotes a value with U+200B and ✔ (not in GBK)."""
    path = tmp_path_factory.mktemp("gbk") / "f.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("mobile: ", "mobile: 1381\u200b✔", 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["status", str(EXAMPLE)],
        ["status", str(EXAMPLES / "filings")],
        ["catalog"],
        ["render", str(EXAMPLE), "-f", "md"],
        ["report", str(EXAMPLES / "filings"), "-f", "md"],
        ["report", str(EXAMPLES / "filings"), "-f", "html"],
        ["validate", str(EXAMPLES)],
        ["validate", "ZERO_WIDTH"],
        ["validate", "--format", "github", "ZERO_WIDTH"],
        ["rules"],
    ],
    ids=lambda args: "-".join(a for a in args if not a.startswith("/"))[:40],
)
@pytest.mark.parametrize("encoding", ["gbk", "gb2312"])
def test_a_narrow_console_never_crashes(args: list[str], encoding: str, zero_width: Path) -> None:
    """0.1.0: UnicodeEncodeError ('gbk' codec can't encode '✔') as an internal error."""
    argv = [str(zero_width) if a == "ZERO_WIDTH" else a for a in args]
    done = _run(*argv, env=_env(PYTHONIOENCODING=encoding))
    stderr = done.stderr.decode(encoding, errors="strict")
    assert done.returncode in (0, 1), stderr
    assert not _internal_error(stderr), stderr
    text = done.stdout.decode(encoding, errors="strict")  # every byte is the console's
    assert text.strip()
    if args[0] != "rules":
        assert any("\u4e00" <= char <= "\u9fff" for char in text)  # Chinese kept, not "?"


# --- output that cannot be written ---------------------------------------------------------


@posix_only
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [["validate", str(EXAMPLES)], ["catalog"], ["schema"], ["status", str(EXAMPLES)]],
    ids=lambda args: args[0],
)
def test_a_full_disk_says_cannot_write_output(args: list[str]) -> None:
    """0.1.0: "internal error, please report it: OSError: [Errno 28] No space left"."""
    with open("/dev/full", "wb") as full:
        done = _run(*args, stdout=full)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert stderr.startswith("cjzn: 无法写出结果："), stderr
    assert "cannot write output" not in stderr  # the run's language only
    assert not _internal_error(stderr), stderr


@posix_only
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_is_said_in_english_with_lang_en() -> None:
    with open("/dev/full", "wb") as full:
        done = _run("catalog", "--lang", "en", stdout=full)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert stderr.startswith("cjzn: cannot write output: "), stderr
    assert not any("\u4e00" <= char <= "\u9fff" for char in stderr), stderr
    with open("/dev/full", "wb") as full:
        done = _run("catalog", stdout=full, env=_env(CJZN_LANG="en"))
    assert done.stderr.decode("utf-8").startswith("cjzn: cannot write output: ")


@posix_only
@pytest.mark.parametrize("args", [["catalog"], ["schema"], ["validate", str(EXAMPLE)]])
def test_a_closed_stdout_says_cannot_write_output(args: list[str]) -> None:
    """0.1.0: with stdout closed (`>&-`) the output was dropped and `catalog` exited 0."""
    done = _run(*args, stdout=None, preexec_fn=lambda: os.close(1))
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert stderr == "cjzn: 无法写出结果：标准输出已关闭\n", stderr
    english = _run(*args, stdout=None, preexec_fn=lambda: os.close(1), env=_env(CJZN_LANG="en"))
    said = english.stderr.decode("utf-8")
    assert (english.returncode, said) == (
        1,
        "cjzn: cannot write output: standard output is closed\n",
    )


@posix_only
def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "cjzn", "catalog", "--format", "md"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) in (0, 1)  # 1 when the pipe broke before the end
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


# --- Ctrl-C and worker processes -----------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 filings: long enough to be interrupted with workers busy."""
    root = tmp_path_factory.mktemp("many")
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(1200):
        folder = root / f"d{number % 12:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"f{number:04d}.yaml").write_text(
            text.replace("天平路街道", f"街道{number:04d}", 1), encoding="utf-8"
        )
    return root


def _interrupt(args: list[str], delay: float) -> tuple[int, str, bool]:
    """Run, press Ctrl-C (SIGINT to the whole process group, as a terminal does) after
    `delay` seconds; (exit code, stderr, whether any process of the group is left)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cjzn", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - the failure this test is about
        os.killpg(process.pid, signal.SIGKILL)
        _out, err = process.communicate()
    time.sleep(0.3)
    try:
        os.killpg(process.pid, 0)
        left = True
    except ProcessLookupError:
        left = False
    if left:  # pragma: no cover - clean up after a failure
        os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, err.decode("utf-8", errors="replace"), left


@posix_only
@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("delay", [0.8, 2.0])
def test_ctrl_c_ends_cleanly(jobs: str, delay: float, many: Path) -> None:
    """0.1.0: serial exit 130 said nothing; parallel printed worker tracebacks, sometimes
    left the parent blocked with an orphan and a zombie."""
    code, stderr, left = _interrupt(["validate", "--jobs", jobs, str(many)], delay)
    assert code == 130, stderr
    assert stderr == "已中断\n"
    assert not left


def test_jobs_are_capped_at_the_cpus(tmp_path: Path) -> None:
    """0.1.0: `--jobs 1000` started 1,002 processes on 2 CPUs."""
    shutil.copy(EXAMPLE, tmp_path / "f.yaml")
    result = RUNNER.invoke(app, ["validate", "--jobs", "1000", str(tmp_path)])
    assert result.exit_code in (0, 1)
    cpus = max_workers()
    assert f"--jobs 1000 超过本机可用的 {cpus} 个 CPU" in result.output
