"""The `cjzn-validate` pre-commit hook, run for real with `pre-commit try-repo`.

try-repo clones a repository at its HEAD, so the test commits a copy of this
working tree in tmp_path. It then builds a virtualenv and `pip install .`s
the copy, which would need the package index (for the hatchling build
backend and cjzn's dependencies). Tests use no network, so the test gives
pip a wheelhouse instead (PIP_NO_INDEX + PIP_FIND_LINKS): every distribution
needed is re-packed into a wheel from this test run's own environment, which
`pip install .[test]` filled (hatchling is in the test extra for this). The
hook's environment is built once per test module and reused by pre-commit.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from conftest import COMPLETE, ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # hatchling brings tomli on 3.10
    import tomli as tomllib

pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install '.[test]'")
pytest.importorskip("hatchling", reason="hatchling is in the test extra: pip install '.[test]'")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.slow  # long: see the `slow` marker in pyproject.toml

HOOK_ID = "cjzn-validate"
IGNORED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "build",
    "dist",
    "out",
    "__pycache__",
    "*.pyc",
    ".*_cache",
    ".hypothesis",
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "cjzn test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "cjzn test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


# --- an offline wheelhouse from the running environment ----------------------------------------


def _closure(roots: list[str]) -> list[metadata.Distribution]:
    """The installed distributions `roots` need, following their requirements, extras and markers."""
    found: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    pending = [(Requirement(root), "") for root in roots]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate(
            {**{str(k): str(v) for k, v in default_environment().items()}, "extra": extra}
        ):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in done:
            continue
        done.add(key)
        found.setdefault(name, metadata.distribution(requirement.name))
        for text in found[name].requires or []:
            # a marker's `extra == "x"` refers to the extras asked of this distribution
            for wanted in ("", *sorted(requirement.extras)):
                pending.append((Requirement(text), wanted))
    return [found[name] for name in sorted(found)]


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _repack(dist: metadata.Distribution, wheelhouse: Path) -> None:
    """Rebuild the wheel an installed distribution came from (its files, a fresh RECORD)."""
    if dist.files is None:
        pytest.skip(f"{dist.metadata['Name']} has no RECORD: cannot make an offline wheelhouse")
    tags = [
        line.split(":", 1)[1].strip()
        for line in (dist.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    ] or ["py3-none-any"]
    parts = [sorted({tag.split("-")[index] for tag in tags}) for index in range(3)]
    tag = "-".join(".".join(part) for part in parts)
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"]).lower()
    target = wheelhouse / f"{name}-{dist.version}-{tag}.whl"
    record_name = ""
    lines: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for file in dist.files:
            arcname = file.as_posix()
            if arcname.startswith("..") or "__pycache__" in arcname or arcname.endswith(".pyc"):
                continue  # scripts are remade from entry_points.txt; bytecode is remade
            if ".dist-info/" in arcname and arcname.rsplit("/", 1)[1] in (
                "RECORD",
                "INSTALLER",
                "REQUESTED",
                "direct_url.json",
            ):
                if arcname.endswith("RECORD"):
                    record_name = arcname
                continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            wheel.writestr(arcname, data)
            lines.append(_record_line(arcname, data))
        lines.append(f"{record_name},,")
        wheel.writestr(record_name, "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for pre-commit: offline pip, its own cache, a committed copy of this repo."""
    base = tmp_path_factory.mktemp("precommit")
    wheelhouse = base / "wheelhouse"
    wheelhouse.mkdir()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [*project["build-system"]["requires"], *project["project"]["dependencies"]]
    try:
        distributions = _closure(requirements)
    except metadata.PackageNotFoundError as exc:
        pytest.skip(f"{exc} is not installed: pip install '.[test]' to match pyproject.toml")
    for dist in distributions:
        _repack(dist, wheelhouse)
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_CONFIG_FILE": os.devnull,  # this machine's pip settings play no part
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "PRE_COMMIT_COLOR": "never",
        "CJZN_LANG": "zh",
    }
    env.pop("CI", None)
    env.pop("PIP_CONSTRAINT", None)
    copy = base / "cjzn"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    _git(copy, env, "init", "-q")
    _git(copy, env, "add", "-A")
    _git(copy, env, "commit", "-q", "--no-verify", "-m", "cjzn under test")
    env["CJZN_REPO_COPY"] = str(copy)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def _try_repo(filings: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            env["CJZN_REPO_COPY"],
            HOOK_ID,
            "--all-files",
            "--verbose",
        ],
        cwd=filings,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


# --- the hook definition -------------------------------------------------------------------------


def test_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == HOOK_ID]
    assert hook["entry"] == "cjzn validate --hook"  # cjzn.toml's [hook] table applies
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for filing in ("filings/徐汇区/天平路街道.yaml", "a.yml", "dir.v2/x.yaml"):
        assert files.search(filing) and not exclude.search(filing), filing
    for other in ("README.md", "archive/B1.1/plan.pdf", "x.yaml.bak"):
        assert not files.search(other), other
    for hidden in (".pre-commit-config.yaml", ".gitlab-ci.yml", ".github/workflows/cjzn.yml"):
        assert exclude.search(hidden), hidden


def test_wheel_repacking_keeps_the_files(tmp_path: Path) -> None:
    (dist,) = _closure(["PyYAML"])[-1:]
    _repack(dist, tmp_path)
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        record = archive.read(next(n for n in names if n.endswith(".dist-info/RECORD"))).decode()
    assert "yaml/__init__.py" in names
    assert all(line.split(",")[0] in names for line in record.splitlines())


# --- pre-commit try-repo against a filings repo -----------------------------------------------


@pytest.fixture
def filings_repo(tmp_path: Path, hook_env: dict[str, str]) -> Iterator[Path]:
    repo = tmp_path / "filings-repo"
    shutil.copytree(COMPLETE.parent, repo / "filings" / "徐汇区")  # valid, with its archive
    text = COMPLETE.read_text(encoding="utf-8")
    broken = text.replace("name: 天平路街道", "name: 湖南路街道", 1)
    broken, replaced = re.subn(r"mobile: \d+", "mobile: 1381661234", broken, count=1)
    assert replaced == 1  # 10 digits: V001
    (repo / "filings" / "徐汇区" / "湖南路街道.yaml").write_text(broken, encoding="utf-8")
    # hidden config files are not filings: excluded by the hook, even though invalid
    (repo / ".gitlab-ci.yml").write_text("validate:\n  script: [cjzn validate filings]\n")
    _git(repo, hook_env, "init", "-q")
    _git(repo, hook_env, "add", "-A")
    yield repo


def test_hook_fails_on_an_invalid_filing_and_passes_once_fixed(
    filings_repo: Path, hook_env: dict[str, str]
) -> None:
    failed = _try_repo(filings_repo, hook_env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in output
    assert "V001" in output and "湖南路街道.yaml" in output
    assert ".gitlab-ci.yml" not in output  # excluded: not passed to cjzn
    assert "天平路街道.yaml:" not in output  # the valid filing has no problems

    filing = filings_repo / "filings" / "徐汇区" / "湖南路街道.yaml"
    filing.write_text(
        re.sub(r"mobile: \d+", "mobile: 13816612345", filing.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    _git(filings_repo, hook_env, "add", "-A")
    passed = _try_repo(filings_repo, hook_env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    assert "检查了 2 个文件：没有发现问题" in passed.stdout  # both filings, nothing else
