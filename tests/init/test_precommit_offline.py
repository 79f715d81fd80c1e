"""The scaffold's pre-commit hook, run for real in a scaffolded repo, with no network.

`cjzn init --repo` writes a `repo: local`, `language: system` hook running the cjzn
installed here (`cjzn validate --hook`) and a cjzn.toml whose `[hook]` table reports
deadline problems (T) as warnings. So in a repo whose only problems are overdue
stages, `pre-commit run --all-files` passes and `git commit` goes through, showing
the deadlines; a content problem (a 10-digit mobile, V001) blocks the commit; and
the CI's plain `cjzn validate filings/` still fails on the deadlines.

Nothing may be downloaded: pip has no index and every proxy points at a closed port.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EARLY
from typer.testing import CliRunner

from cjzn.cli import app

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install '.[test]'")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow  # long: see the `slow` marker in pyproject.toml

BIN = Path(sys.executable).parent
CLOSED = "http://127.0.0.1:9"  # the discard port: any attempt to download fails at once


def _env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # the cjzn under test
        "GIT_AUTHOR_NAME": "cjzn test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "cjzn test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "PIP_NO_INDEX": "1",
        "PIP_CONFIG_FILE": os.devnull,
        "CJZN_LANG": "zh",
    }
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[proxy] = CLOSED
    for unset in ("CI", "NO_PROXY", "no_proxy", "PIP_FIND_LINKS"):
        env.pop(unset, None)
    return env


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=300, check=False,
    )  # fmt: skip


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(
        cwd, env, "git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args
    )


@pytest.fixture
def scaffolded(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A scaffolded repo with one filing whose only problems are overdue stages."""
    if shutil.which("cjzn", path=str(BIN)) is None:
        pytest.skip("the cjzn command is not installed beside this Python")
    env = _env(tmp_path)
    root = tmp_path / "崇明县备案"
    result = CliRunner().invoke(app, ["init", "--repo", str(root), "--district", "崇明县"])
    assert result.exit_code == 0, result.output
    shutil.copy(EARLY, root / "filings" / "崇明县" / "竖新镇.yaml")
    assert _git(root, env, "init", "-q").returncode == 0
    assert _git(root, env, "add", "-A").returncode == 0
    return root, env


def test_deadline_problems_pass_the_hook_and_fail_ci(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    root, env = scaffolded
    hook = _run(root, env, sys.executable, "-m", "pre_commit", "run", "--all-files")
    output = hook.stdout + hook.stderr
    assert hook.returncode == 0, output
    assert "Passed" in output
    # shown (verbose), as warnings: the clerk sees what is overdue
    assert re.search(r"竖新镇\.yaml:\d+:\d+\s+警告\s+T101", output), output
    assert "错误  T101" not in output
    assert "Could not resolve" not in output and "http" not in output.lower()

    ci = _run(root, env, "cjzn", "validate", "filings/")
    assert ci.returncode == 1, ci.stdout + ci.stderr
    assert re.search(r"错误\s+T101", ci.stdout)


def test_a_commit_with_only_deadline_problems_goes_through_a_content_problem_does_not(
    scaffolded: tuple[Path, dict[str, str]],
) -> None:
    root, env = scaffolded
    installed = _run(root, env, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    committed = _git(root, env, "commit", "-q", "-m", "竖新镇的备案")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert "T101" in committed.stdout + committed.stderr  # reported, not blocking
    assert _git(root, env, "rev-parse", "HEAD").returncode == 0

    filing = root / "filings" / "崇明县" / "竖新镇.yaml"
    text, count = re.subn(
        r"mobile: \d+", "mobile: 1381661234", filing.read_text(encoding="utf-8"), count=1
    )
    assert count == 1
    filing.write_text(text, encoding="utf-8")
    _git(root, env, "add", "-A")
    blocked = _git(root, env, "commit", "-q", "-m", "手机号码写错")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "V001" in output and "Failed" in output
    log = _git(root, env, "log", "--oneline")
    assert len(log.stdout.splitlines()) == 1  # the second commit was refused
