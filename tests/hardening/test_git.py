"""Class 4 of the outside review: no code from the checked repo, through git or otherwise.

A filings repo received as a zip carries its sender's `.git/config` and
`.git/hooks`. Rendering it (the provenance footer asks git for the commit) or
scaffolding inside it must not run `core.fsmonitor`, a hook or a filter driver;
`GIT_DIR` in the environment must not redirect git; the footer still names the
commit and whether the filing changed since.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.gitutil import blob_id, git_environment
from cjzn.render import git_state

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
RUNNER = CliRunner()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _hostile_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A committed filing in a repo whose config, hooks and attributes run commands."""
    repo, witness = tmp_path / "repo", tmp_path / "ran"
    folder = repo / "filings" / "徐汇区"
    folder.mkdir(parents=True)
    filing = folder / "天平路街道.yaml"
    filing.write_bytes(EXAMPLE.read_bytes())
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "filing")
    (repo / ".gitattributes").write_text("*.yaml filter=evil diff=evil\n", encoding="utf-8")
    for key, value in (
        ("core.fsmonitor", f"touch {witness}-fsmonitor; false"),
        ("filter.evil.clean", f"touch {witness}-filter; cat"),
        ("filter.evil.process", f"touch {witness}-process"),
        ("diff.evil.textconv", f"touch {witness}-textconv; cat"),
        ("core.pager", f"touch {witness}-pager; cat"),
        ("alias.status", f"!touch {witness}-alias"),
    ):
        _git(repo, "config", key, value)
    hooks = repo / ".git" / "hooks"
    for hook in ("post-index-change", "post-checkout", "pre-commit"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {witness}-{hook}\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    os.utime(filing)  # a changed stat: `git status` would refresh the index and run the filter
    return repo, filing


def _ran(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in tmp_path.glob("ran-*"))


def test_the_hostile_repo_does_run_commands_through_plain_git(tmp_path: Path) -> None:
    """The test's repo is really hostile: plain `git status` runs its commands."""
    repo, _filing = _hostile_repo(tmp_path)
    subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, check=False)
    assert "ran-fsmonitor" in _ran(tmp_path)


@pytest.mark.parametrize(
    "args",
    [["--format", "md"], ["-o", "{out}/form.html"], ["-o", "{out}/form.md"]],
    ids=["md-stdout", "html", "md"],
)
def test_render_runs_nothing_from_the_repo(args: list[str], tmp_path: Path) -> None:
    """0.1.0: `git status` for the footer ran core.fsmonitor, the filter and the hook."""
    repo, filing = _hostile_repo(tmp_path)
    out = tmp_path / "out"
    argv = ["render", str(filing), *(a.format(out=out) for a in args)]
    result = RUNNER.invoke(app, argv)
    assert result.exit_code in (0, 1), result.output
    assert _ran(tmp_path) == []
    commit = _git(repo, "rev-parse", "HEAD")
    text = result.stdout if not out.exists() else next(out.iterdir()).read_text(encoding="utf-8")
    assert f"git {commit[:12]}" in text
    assert "含未提交的修改" not in text  # unchanged since the commit (only touched)


def test_a_changed_filing_is_marked_modified(tmp_path: Path) -> None:
    _repo, filing = _hostile_repo(tmp_path)
    state = git_state(filing)
    assert state is not None and state[1:] == ("filings/徐汇区/天平路街道.yaml", False)
    filing.write_text(filing.read_text(encoding="utf-8") + "# 改了\n", encoding="utf-8")
    state = git_state(filing)
    assert state is not None and state[2] is True
    crlf = EXAMPLE.read_bytes().replace(b"\n", b"\r\n")  # what core.autocrlf makes of it
    filing.write_bytes(crlf)
    state = git_state(filing)
    assert state is not None and state[2] is False
    untracked = filing.with_name("新.yaml")
    untracked.write_bytes(EXAMPLE.read_bytes())
    state = git_state(untracked)
    assert state is not None and state[2] is True
    assert _ran(tmp_path) == []


def test_git_dir_in_the_environment_does_not_redirect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, filing = _hostile_repo(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _git(other, "init", "-q")
    _git(other, "commit", "-q", "--allow-empty", "-m", "other")
    expected = _git(repo, "rev-parse", "HEAD")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert "GIT_DIR" not in git_environment()
    state = git_state(filing)
    assert state is not None
    assert state[0] == expected


def test_init_repo_inside_a_hostile_repo_runs_nothing(tmp_path: Path) -> None:
    repo, _filing = _hostile_repo(tmp_path)
    result = RUNNER.invoke(app, ["init", "--repo", str(repo / "district")])
    assert result.exit_code == 0, result.output
    assert _ran(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_repo_owned_by_someone_else_gives_no_commit(tmp_path: Path) -> None:
    """git's safe.directory check is kept: cjzn shows no commit rather than trusting the repo."""
    _repo, filing = _hostile_repo(tmp_path)
    for folder, _dirs, files in os.walk(tmp_path / "repo"):
        os.chown(folder, 65534, 65534)
        for name in files:
            os.chown(Path(folder) / name, 65534, 65534)
    assert git_state(filing) is None
    result = RUNNER.invoke(app, ["render", str(filing), "--format", "md"])
    assert result.exit_code in (0, 1)
    assert "· git " not in result.stdout
    assert _ran(tmp_path) == []


def test_blob_id_is_gits(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"hello\n")
    expected = subprocess.run(
        ["git", "hash-object", "--no-filters", str(path)], capture_output=True, text=True
    ).stdout.strip()
    assert blob_id(b"hello\n") == expected
