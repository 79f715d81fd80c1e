"""`cjzn init --repo`: the shared filings repo scaffold, its CI and its editor schema."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
import yaml
from conftest import COMPLETE, EARLY, ROOT
from typer.testing import CliRunner

from cjzn import __version__, gitutil
from cjzn.check import Policy
from cjzn.cli import app
from cjzn.guide import Catalog
from cjzn.init.jsonschema import schema_filename, schema_text, schema_url
from cjzn.init.scaffold import (
    HOOK_ENTRY,
    HOOK_ID,
    PROJECT_URL,
    GitOutcome,
    plan_files,
    scaffold_repo,
)
from cjzn.init.skeleton import repo_schema_url
from cjzn.init.source import CjznSource, default_source
from cjzn.options import Options

ROUND = "2013-2014"
SCHEMA = f"schemas/{schema_filename(ROUND)}"
DEFAULT_SPEC = f"git+{PROJECT_URL}@v{__version__}"
WORKFLOWS = (".github/workflows/cjzn.yml", ".gitlab-ci.yml")
runner = CliRunner()
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A freshly scaffolded repo (through the CLI)."""
    root = tmp_path / "徐汇区备案"
    result = runner.invoke(app, ["init", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    return root


class Yaml12Loader(yaml.SafeLoader):
    """Scalars as an editor reads them (YAML 1.2 core schema): dates stay strings."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


# -- the files --------------------------------------------------------------------


def test_every_file_is_there_and_parses(repo: Path, catalog: Catalog) -> None:
    for name in ("README.md", ".gitignore", ".pre-commit-config.yaml", *WORKFLOWS, SCHEMA):
        assert (repo / name).is_file(), name
    for name in (".pre-commit-config.yaml", *WORKFLOWS):
        assert isinstance(yaml.safe_load((repo / name).read_text(encoding="utf-8")), dict), name
    json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    json.loads((repo / SCHEMA).read_text(encoding="utf-8"))
    for district in catalog.districts:
        assert (repo / "filings" / district / ".gitkeep").is_file(), district
    assert sorted(p.name for p in (repo / "filings").iterdir()) == sorted(catalog.districts)


def test_schema_is_the_exported_one(repo: Path, catalog: Catalog) -> None:
    assert (repo / SCHEMA).read_text(encoding="utf-8") == schema_text(catalog)


def test_vscode_maps_the_filings_to_the_schema(repo: Path) -> None:
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    globs = settings["yaml.schemas"][SCHEMA]
    assert "filings/**/*.yaml" in globs
    # review files have their own format and archive/ holds evidence: not filings
    assert "!filings/**/*.district-review.yaml" in globs
    assert "!filings/**/*.municipal-review.yaml" in globs
    assert "!filings/**/*.district-review.yml" in globs
    assert "!filings/**/archive/**" in globs
    assert (repo / next(iter(settings["yaml.schemas"]))).is_file()


def test_gitignore_ignores_the_build_output(repo: Path) -> None:
    lines = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "build/" in lines


def test_readme_is_chinese_and_explains_the_work(repo: Path, catalog: Catalog) -> None:
    text = (repo / "README.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {ROUND} ")
    assert catalog.guide.title in text
    for needle in (
        "cjzn init filings/",
        "--unit",
        "--district",
        "cjzn validate filings/",
        "cjzn render filings/",
        "cjzn status filings/",
        "cjzn report filings/",
        "pre-commit install",
        "CI 检查什么",
        "退出码",
    ):
        assert needle in text, needle
    assert "{{" not in text and "{%" not in text


def test_precommit_runs_the_installed_cjzn_offline(repo: Path) -> None:
    """By default nothing is downloaded: a local hook runs the cjzn on the machine, with the
    [hook] settings of cjzn.toml, and names no repository (none that might not exist)."""
    text = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    (entry,) = config["repos"]
    assert entry["repo"] == "local" and "rev" not in entry
    (hook,) = entry["hooks"]
    assert hook["id"] == HOOK_ID
    assert (hook["language"], hook["entry"]) == ("system", HOOK_ENTRY)
    assert HOOK_ENTRY == "cjzn validate --hook"
    assert "additional_dependencies" not in hook
    assert hook["pass_filenames"] is True and hook["verbose"] is True
    assert re.search(hook["files"], "filings/徐汇区/天平路街道.yaml")
    assert not re.search(hook["files"], ".gitlab-ci.yml")
    assert "http" not in text and PROJECT_URL not in text
    # the id and the entry are the ones this project's .pre-commit-hooks.yaml defines
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (HOOK_ID, HOOK_ENTRY) in [(h["id"], h["entry"]) for h in hooks]


def test_the_scaffold_writes_a_cjzn_toml_whose_hook_reports_deadlines(repo: Path) -> None:
    """cjzn.toml: the round, and [hook] warn on T (deadlines) and C010 (expired waivers)."""
    text = (repo / "cjzn.toml").read_text(encoding="utf-8")
    assert "{{" not in text and "[[waivers]]" in text  # an example, commented out
    hooked = Policy(Options(hook=True)).for_file(repo / "filings" / "x.yaml")
    plain = Policy(Options()).for_file(repo / "filings" / "x.yaml")
    assert hooked.config is not None and hooked.config.path == (repo / "cjzn.toml").resolve()
    assert hooked.round.value == ROUND
    assert hooked.warn.value == ("T", "C010")
    assert plain.warn.value == ()  # CI: deadline problems are errors
    assert hooked.waivers == ()


def _workflow(repo: Path, name: str) -> Any:
    return yaml.safe_load((repo / name).read_text(encoding="utf-8"))


def test_github_workflow_validates_renders_and_uploads(repo: Path) -> None:
    flow = _workflow(repo, ".github/workflows/cjzn.yml")
    assert flow["name"] == "cjzn"
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as True
    assert "push" in triggers and "pull_request" in triggers
    (job,) = flow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    assert f'pip install "{DEFAULT_SPEC}"' in runs
    assert "cjzn validate --allow-empty --format github filings/" in runs
    assert any(r.startswith("cjzn render --allow-empty filings/ -o build/forms") for r in runs)
    assert any(
        r.startswith("cjzn report --allow-empty filings/ -o build/report.html") for r in runs
    )
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-"))
    assert upload["with"]["path"] == "build/"
    # the artifacts are made even when validation failed
    after = job["steps"][runs.index("cjzn validate --allow-empty --format github filings/") + 1 :]
    assert after and all("always()" in step.get("if", "") for step in after)


def test_gitlab_ci_keeps_junit_and_artifacts(repo: Path) -> None:
    flow = _workflow(repo, ".gitlab-ci.yml")
    (job,) = (value for value in flow.values() if isinstance(value, dict) and "script" in value)
    script = job["script"]
    assert f'pip install "{DEFAULT_SPEC}"' in script
    assert any(
        line.startswith("cjzn validate --allow-empty --format junit filings/ > cjzn-junit.xml")
        for line in script
    )
    assert any(
        line.startswith("cjzn render --allow-empty filings/ -o build/forms") for line in script
    )
    assert job["artifacts"]["reports"]["junit"] == "cjzn-junit.xml"
    assert "build/" in job["artifacts"]["paths"]
    assert job["artifacts"]["when"] == "always"
    # the last line decides the job: plain validate, failing on errors
    assert script[-1] == "cjzn validate --allow-empty filings/"


# -- one install source for CI and pre-commit (--cjzn-source) ------------------------


def install_specs(root: Path) -> dict[str, str]:
    """The pip requirement each installing file uses, read back from the files."""
    specs: dict[str, str] = {}
    flows = {
        ".github/workflows/cjzn.yml": [
            step.get("run", "")
            for step in next(iter(_workflow(root, WORKFLOWS[0])["jobs"].values()))["steps"]
        ],
        ".gitlab-ci.yml": next(
            v["script"] for v in _workflow(root, WORKFLOWS[1]).values() if isinstance(v, dict)
        ),
    }
    for name, lines in flows.items():
        (line,) = [line for line in lines if line.startswith("pip install ")]
        (specs[name],) = shlex.split(line)[2:]
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    (hook,) = entry["hooks"]
    assert hook["id"] == HOOK_ID
    if entry["repo"] == "local" and hook["language"] == "system":
        pass  # the installed cjzn: nothing to install
    elif entry["repo"] == "local":
        (specs[".pre-commit-config.yaml"],) = hook["additional_dependencies"]
    else:
        specs[".pre-commit-config.yaml"] = f"git+{entry['repo']}@{entry['rev']}"
    return specs


def test_ci_installs_the_default_source_and_precommit_the_installed_cjzn(repo: Path) -> None:
    assert default_source() == DEFAULT_SPEC
    specs = install_specs(repo)
    assert specs == dict.fromkeys(WORKFLOWS, DEFAULT_SPEC), specs
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert f'pip install "{DEFAULT_SPEC}"' in readme
    assert f"cjzn=={__version__}" not in "".join(
        (repo / name).read_text(encoding="utf-8")
        for name in (".pre-commit-config.yaml", *WORKFLOWS)
    )  # not on PyPI: the old default could never install


@pytest.mark.parametrize(
    "spec",
    [
        "cjzn==0.1.0",
        "https://files.example/cjzn-0.1.0-py3-none-any.whl",
        "/srv/wheels/cjzn-0.1.0-py3-none-any.whl",
        "cjzn[pdf] >= 0.1; python_version >= '3.10'",
        "git+https://git.example/cjzn",  # no tag: pre-commit needs a rev, so a local hook
        'cjzn @ https://x.example/$HOME/"q".whl',  # shell-special characters stay literal
    ],
)
def test_a_custom_source_is_used_everywhere(tmp_path: Path, spec: str) -> None:
    root = tmp_path / "r"
    result = runner.invoke(app, ["init", "--repo", str(root), "--cjzn-source", spec])
    assert result.exit_code == 0, result.output
    assert spec in result.output
    assert install_specs(root) == dict.fromkeys(
        (".github/workflows/cjzn.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"), spec
    )
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    (hook,) = entry["hooks"]
    assert entry["repo"] == "local" and "rev" not in entry
    assert hook["language"] == "python" and hook["entry"] == HOOK_ENTRY
    assert hook["additional_dependencies"] == [spec]
    assert re.search(hook["files"], "filings/徐汇区/天平路街道.yaml")
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert spec in readme and DEFAULT_SPEC in readme  # the one used, and the default
    assert PROJECT_URL not in (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("spec", "repo_url", "rev"),
    [
        ("git+https://git.example/cjzn@v0.1.0", "https://git.example/cjzn", "v0.1.0"),
        (
            "git+ssh://git@git.example/team/cjzn.git@v0.2.0",
            "ssh://git@git.example/team/cjzn.git",
            "v0.2.0",
        ),
        (
            "cjzn @ git+https://git.example/cjzn@0123abc#egg=cjzn",
            "https://git.example/cjzn",
            "0123abc",
        ),
        ("git+file:///srv/git/cjzn@1.0", "file:///srv/git/cjzn", "1.0"),
    ],
)
def test_a_git_source_gives_precommit_that_repo_and_tag(
    tmp_path: Path, spec: str, repo_url: str, rev: str
) -> None:
    root = tmp_path / "r"
    result = runner.invoke(app, ["init", "--repo", str(root), "--cjzn-source", spec])
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (entry,) = config["repos"]
    assert (entry["repo"], entry["rev"]) == (repo_url, rev)  # "1.0" stays a string
    assert [hook["id"] for hook in entry["hooks"]] == [HOOK_ID]
    specs = install_specs(root)
    assert specs[WORKFLOWS[0]] == specs[WORKFLOWS[1]] == spec


def test_source_parsing() -> None:
    default = CjznSource.parse()
    assert (default.spec, default.repo, default.rev) == (
        DEFAULT_SPEC,
        PROJECT_URL,
        f"v{__version__}",
    )
    assert default.is_git and not default.explicit
    assert default.hook_language == "system"  # by default the hook installs nothing
    assert CjznSource.parse(DEFAULT_SPEC).hook_language == "git"  # given: the same source
    assert CjznSource.parse("cjzn==0.1.0").hook_language == "python"
    subdir = CjznSource.parse("git+https://git.example/mono@v1#subdirectory=cjzn")
    assert not subdir.is_git  # pre-commit would clone the whole monorepo: a local hook
    assert not CjznSource.parse("cjzn==0.1.0").is_git
    assert CjznSource.parse("  cjzn==0.1.0 ").spec == "cjzn==0.1.0"
    for bad in ("", "   ", "cjzn==0.1.0\nrm -rf /", "cjzn\x00", "--index-url=http://evil/"):
        with pytest.raises(ValueError):
            CjznSource.parse(bad)


@pytest.mark.parametrize("spec", ["", "cjzn==0.1\nx", "-e ."])
def test_a_bad_source_is_a_usage_error(tmp_path: Path, spec: str) -> None:
    result = runner.invoke(app, ["init", "--repo", str(tmp_path / "r"), "--cjzn-source", spec])
    assert result.exit_code == 2, result.output
    assert "--cjzn-source" in result.output
    assert not (tmp_path / "r").exists()


def test_source_without_repo_is_a_usage_error(tmp_path: Path) -> None:
    filing = tmp_path / "f.yaml"
    args = ["init", str(filing), "--unit", "x", "--district", "徐汇区", "--cjzn-source", "cjzn"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--cjzn-source" in result.output and not filing.exists()


@pytest.mark.parametrize("spec", [None, "cjzn==0.1.0", "git+https://git.example/cjzn@v0.1.0"])
def test_precommit_accepts_the_config(tmp_path: Path, catalog: Catalog, spec: str | None) -> None:
    """pre-commit's own schema (local python hooks included) accepts what is written."""
    clientlib = pytest.importorskip("pre_commit.clientlib")
    (planned,) = [
        f
        for f in plan_files(catalog, source=CjznSource.parse(spec))
        if f.path == ".pre-commit-config.yaml"
    ]
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(planned.text, encoding="utf-8")
    config = clientlib.load_config(str(path))
    (entry,) = config["repos"]
    assert entry["hooks"][0]["id"] == HOOK_ID
    if spec == "cjzn==0.1.0":
        hook = entry["hooks"][0]
        assert hook["pass_filenames"] is True and hook["require_serial"] is True
        # the same settings as the project's own hook definition
        (own,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        assert (hook["entry"], hook["language"]) == (own["entry"], own["language"])


def test_rerun_with_another_source_keeps_the_files_and_says_so(repo: Path) -> None:
    before = (repo / ".gitlab-ci.yml").read_bytes()
    result = runner.invoke(
        app, ["init", "--repo", str(repo), "--cjzn-source", "cjzn==9.9", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert (repo / ".gitlab-ci.yml").read_bytes() == before
    for name in (".pre-commit-config.yaml", *WORKFLOWS):
        assert f"note: the kept {name} does not name cjzn==9.9" in result.output
    same = runner.invoke(app, ["init", "--repo", str(repo), "--lang", "en"])
    assert "note:" not in same.output


def test_the_option_is_documented() -> None:
    command = _check_options(["init", "--repo", "r", "--cjzn-source", "cjzn==0.1.0"])
    assert any("--cjzn-source" in p.opts for p in command.params)
    docs = (ROOT / "docs" / "repo.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A shared filings repo", 1)[1].split("\n## ", 1)[0]
    for text in (docs, section):
        assert "--cjzn-source" in text
        assert "git+" in text
    assert "repo: local" in docs and "additional_dependencies" in docs


# -- the CI runs only cjzn commands and options that exist ---------------------------

_STOP = {">", ">>", "|", "||", "&&", ";", "2>&1"}


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def cjzn_commands(text: str) -> list[list[str]]:
    """Every `cjzn ...` command line in a text, as arguments, cut at shell operators."""
    commands = []
    for line in text.splitlines():
        for match in re.finditer(r"(?:^\s*|`)(cjzn [^`\n#]*)", line):
            words = shlex.split(match.group(1))
            cut = next((i for i, w in enumerate(words) if w in _STOP), len(words))
            commands.append(words[1:cut])
    return commands


def _check_options(args: list[str]) -> Any:
    group: Any = typer.main.get_command(app)  # typer's (vendored) click group
    assert args, "a bare `cjzn`"
    command = group.commands.get(args[0])
    assert command is not None, f"cjzn has no command {args[0]!r}"
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    for arg in args[1:]:
        if arg.startswith("-"):
            assert arg.split("=")[0] in known, f"cjzn {args[0]} has no option {arg}"
    return command


def test_workflow_commands_exist(repo: Path) -> None:
    seen = set()
    for name in WORKFLOWS:
        data = _workflow(repo, name)
        for text in _strings(data):
            for args in cjzn_commands(text):
                _check_options(args)
                seen.add(args[0])
    assert seen == {"validate", "render", "report"}


def test_readme_and_hook_commands_exist(repo: Path) -> None:
    commands = cjzn_commands((repo / "README.md").read_text(encoding="utf-8"))
    assert len(commands) >= 8
    for args in commands:
        _check_options(args)


def test_option_checker_can_fail() -> None:
    with pytest.raises(AssertionError):
        _check_options(["validate", "--no-such-option", "filings/"])
    with pytest.raises(AssertionError):
        _check_options(["publish", "filings/"])
    assert cjzn_commands("cjzn validate -f junit filings/ > x.xml || true") == [
        ["validate", "-f", "junit", "filings/"]
    ]


def test_workflow_commands_run_in_the_scaffold(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every CI command of both workflows inside the scaffold with two filings in it."""
    for example in (COMPLETE, EARLY):
        target = repo / "filings" / example.parent.name / example.name
        shutil.copy(example, target)
    shutil.copytree(COMPLETE.parent / "archive", repo / "filings" / "徐汇区" / "archive")
    monkeypatch.chdir(repo)
    for name in WORKFLOWS:
        for text in _strings(_workflow(repo, name)):
            for args in cjzn_commands(text):
                result = runner.invoke(
                    app, [*args, "--as-of", "2013-04-15"] if args[0] != "render" else args
                )
                assert result.exit_code in (0, 1), (args, result.output)
    assert (repo / "build/forms/徐汇区/天平路街道.html").is_file()
    report = (repo / "build/report.html").read_text(encoding="utf-8")
    assert 'href="forms/%E5%BE%90%E6%B1%87%E5%8C%BA/' in report  # 徐汇区, URL-encoded


def test_a_fresh_scaffold_passes_ci_and_lists_who_has_not_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first filing CI passes (--allow-empty), and its dashboard names every unit
    of the district's roster as not filed; without the option an empty filings/ is exit 2."""
    root = tmp_path / "徐汇区备案"
    result = runner.invoke(app, ["init", "--repo", str(root), "--district", "徐汇区"])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(root)
    for name in WORKFLOWS:
        for text in _strings(_workflow(root, name)):
            for args in cjzn_commands(text):
                assert "--allow-empty" in args, args
                outcome = runner.invoke(app, args)
                assert outcome.exit_code == 0, (args, outcome.output)
    report = (root / "build" / "report.html").read_text(encoding="utf-8")
    assert 'data-district="徐汇区" data-filed="0" data-units="13"' in report
    assert "天平路街道、湖南路街道" in report
    assert runner.invoke(app, ["validate", "filings/"]).exit_code == 2


# -- never overwrite ----------------------------------------------------------------


def test_existing_files_are_kept_byte_identical(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    mine = {
        "README.md": b"# our own readme\r\n\xe4\xbd\xa0\xe5\xa5\xbd\n",
        ".gitignore": b"*.tmp\n",
        ".github/workflows/cjzn.yml": b"name: ours\n",
        "filings/徐汇区/.gitkeep": b"keep me",
        SCHEMA: b"{}",
    }
    for name, data in mine.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    result = runner.invoke(app, ["init", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    for name, data in mine.items():
        assert (root / name).read_bytes() == data, name
        assert f"保留 {name}" in result.output
    assert (root / ".gitlab-ci.yml").is_file()
    assert "已创建 .gitlab-ci.yml" in result.output


def test_running_twice_changes_nothing(repo: Path, catalog: Catalog) -> None:
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = runner.invoke(app, ["init", "--repo", str(repo), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "created" not in result.output
    assert result.output.count("kept ") == len(plan_files(catalog))
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before


def test_a_folder_in_the_way_is_reported(tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "README.md").mkdir()
    result = scaffold_repo(tmp_path, catalog, git=False)
    assert [path for path, _ in result.failed] == ["README.md"]
    assert result.exit_code == 1
    assert ".gitlab-ci.yml" in result.created


def test_repo_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", "--repo", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["init"], "--repo"),
        (["init", "a.yaml", "--repo", "r"], "--repo"),
        (["init", "--repo", "r", "--unit", "x"], "--unit"),
        (["init", "--repo", "r", "--force"], "--force"),
        (["init", "--repo", "r", "--district", "徐汇"], "--district"),
    ],
)
def test_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert not (tmp_path / "r").exists()


def test_one_district_only(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", "--repo", str(tmp_path / "r"), "--district", "崇明县"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "r" / "filings").iterdir()] == ["崇明县"]
    assert "filings/崇明县/" in (tmp_path / "r" / "README.md").read_text(encoding="utf-8")
    wrong = runner.invoke(app, ["init", "--repo", str(tmp_path / "s"), "--district", "崇明区"])
    assert wrong.exit_code == 2
    assert "崇明县" in wrong.output  # the suggestion


# -- git ----------------------------------------------------------------------------


@needs_git
def test_git_init_happened(repo: Path) -> None:
    assert (repo / ".git").is_dir()
    done = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=repo, capture_output=True, text=True
    )
    assert Path(done.stdout.strip()).resolve() == repo.resolve()


@needs_git
def test_no_git_init_inside_an_existing_work_tree(tmp_path: Path, catalog: Catalog) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = scaffold_repo(tmp_path / "sub", catalog)
    assert result.git is GitOutcome.EXISTING
    assert not (tmp_path / "sub" / ".git").exists()


def test_missing_git_is_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitutil, "git_executable", lambda: None)
    result = runner.invoke(app, ["init", "--repo", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert "没有找到 git" in result.output
    assert not (tmp_path / "r" / ".git").exists()
    assert (tmp_path / "r" / "README.md").is_file()


# -- cjzn init inside the scaffold: the repo's own schema ----------------------------


def test_init_inside_the_repo_points_at_its_schema(repo: Path, catalog: Catalog) -> None:
    filing = repo / "filings" / "徐汇区" / "天平路街道.yaml"
    result = runner.invoke(
        app, ["init", str(filing), "--unit", "天平路街道", "--district", "徐汇区"]
    )
    assert result.exit_code == 0, result.output
    first = filing.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../{SCHEMA}"
    schema_file = (filing.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema_file == (repo / SCHEMA).resolve()

    validator = jsonschema.Draft202012Validator(
        json.loads(schema_file.read_text(encoding="utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    fresh = yaml.load(filing.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert list(validator.iter_errors(fresh)) == []
    filled = yaml.load(COMPLETE.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert list(validator.iter_errors(filled)) == []
    filled["contact"]["mobile"] = "not a phone"
    filled["key_work"][0]["code"] = "K11"
    assert list(validator.iter_errors(filled)) != []  # the check can fail


def test_init_elsewhere_keeps_the_published_schema(tmp_path: Path) -> None:
    filing = tmp_path / "x" / "y.yaml"
    result = runner.invoke(app, ["init", str(filing), "--unit", "x", "--district", "徐汇区"])
    assert result.exit_code == 0, result.output
    first = filing.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema_url(ROUND)}"


def test_schema_url_option_still_wins(repo: Path) -> None:
    filing = repo / "filings" / "徐汇区" / "a.yaml"
    args = ["init", str(filing), "--unit", "a", "--district", "徐汇区", "--schema-url", "s.json"]
    assert runner.invoke(app, args).exit_code == 0
    assert filing.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=s.json\n")


def test_repo_schema_lookup_stops_at_the_git_root(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    (outer / "schemas").mkdir(parents=True)
    (outer / SCHEMA).write_text("{}", encoding="utf-8")
    inner = outer / "inner"
    (inner / ".git").mkdir(parents=True)
    assert repo_schema_url(inner / "filings" / "d" / "f.yaml", ROUND) is None
    assert repo_schema_url(outer / "filings" / "d" / "f.yaml", ROUND) == f"../../{SCHEMA}"
    assert repo_schema_url(outer / "f.yaml", ROUND) == SCHEMA
    assert repo_schema_url(outer / "f.yaml", "1999-2000") is None
