"""`cjzn init --repo DIR`: scaffold a district's (or the city's) shared filings repo.

A district keeps its streets' filings in one git repo; this writes everything
that repo needs to be checked on every commit and every push: a Chinese README,
one `filings/<区县>/` folder per district of the round, a `cjzn.toml` (the
round, and the hook's settings: content problems block a commit, deadline
problems are reported without blocking), the pre-commit config, GitHub and
GitLab CI that validate (annotations / JUnit; deadline problems fail there)
and keep the rendered forms and the dashboard as artifacts, a `.gitignore`,
and the round's JSON Schema with the VS Code setting that applies it to
`filings/**/*.yaml`.

Where cjzn comes from (`CjznSource`, `--cjzn-source`): CI pip-installs one
requirement, by default `git+{PROJECT_URL}@v{version}`. The pre-commit hook by
default runs the cjzn already installed on the clerk's machine (`repo: local`,
`language: system`): it works offline and names no repository that may not be
reachable. Given `--cjzn-source`, the hook installs that same source instead:
a git URL with a tag as pre-commit's `repo:`/`rev:`, anything else as a
`repo: local` python hook with it in `additional_dependencies`.

Existing files are never overwritten (they are reported as kept), so running
it again on a repo only adds what is missing. The texts live in templates
under `templates/repo/`, rendered by `templating`'s "text" environment
(Jinja2 is imported only then).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from cjzn import PROJECT_URL, __version__, gitutil
from cjzn.check.discover import EVIDENCE_FOLDERS
from cjzn.check.naming import REVIEW_LEVELS
from cjzn.fileio import os_reason, stays_inside, write_atomic
from cjzn.i18n import Msg
from cjzn.init.jsonschema import schema_filename, schema_text
from cjzn.init.source import CjznSource, default_source
from cjzn.templating import environment

if TYPE_CHECKING:
    from cjzn.guide import Catalog

__all__ = [
    "HOOK_ENTRY",
    "HOOK_ID",
    "PROJECT_URL",
    "SCHEMAS_DIR",
    "CjznSource",
    "GitOutcome",
    "PlannedFile",
    "ScaffoldResult",
    "default_source",
    "plan_files",
    "scaffold_repo",
]

#: This project's repository: the pre-commit hook's `repo:` and the README's link.
#: The hook defined in the project's `.pre-commit-hooks.yaml`.
HOOK_ID = "cjzn-validate"
#: Where a filings repo keeps the round's JSON Schema (`cjzn init` looks for it here).
SCHEMAS_DIR = "schemas"
#: Where the filings go, one folder per district.
FILINGS_DIR = "filings"

#: What the pre-commit hook runs: the repo's [hook] settings of cjzn.toml apply.
HOOK_ENTRY = "cjzn validate --hook"

#: Template (under templates/) -> the file it becomes in the repo.
_TEMPLATES = {
    "repo/README.md.j2": "README.md",
    "repo/pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "repo/github-workflow.yml.j2": ".github/workflows/cjzn.yml",
    "repo/gitlab-ci.yml.j2": ".gitlab-ci.yml",
    "repo/gitignore.j2": ".gitignore",
    "repo/cjzn.toml.j2": "cjzn.toml",
    "repo/CODEOWNERS.j2": "CODEOWNERS",
}


@dataclass(frozen=True)
class PlannedFile:
    """One file of the scaffold: its path inside the repo (POSIX) and its text."""

    path: str
    text: str


class GitOutcome(str, Enum):
    INITIALISED = "initialised"  # `git init` ran
    EXISTING = "existing"  # DIR already was (inside) a git work tree
    NO_GIT = "no_git"  # git is not installed: skipped with a note
    FAILED = "failed"  # git init said no
    SKIPPED = "skipped"  # the caller asked for no git


_NOT_WRITTEN = Msg("无法写入 {path}：{why}", "could not write {path}: {why}")
_GIT_FAILED = Msg("git init 失败：{error}", "git init failed: {error}")
_OUTSIDE = Msg("不在仓库文件夹内", "outside the repo folder")
_NOT_A_FILE = Msg("不是文件", "not a file")
_CANNOT_CREATE = Msg("无法创建", "cannot be created")
_GIT_NOTES = {
    GitOutcome.INITIALISED: Msg(
        "已在 {root} 初始化 git 仓库（git init）", "initialised a git repository in {root}"
    ),
    GitOutcome.NO_GIT: Msg(
        "提示：没有找到 git，未初始化仓库；安装 git 后请自行运行 git init",
        "note: git is not installed; run `git init` yourself later",
    ),
}
_CREATED = Msg("已创建 {path}", "created {path}")
_KEPT = Msg("保留 {path}（已存在，未覆盖）", "kept {path} (exists; not overwritten)")
_SOURCE = Msg(
    "CI 和 pre-commit 从这里安装 cjzn：{spec}", "CI and pre-commit install cjzn from: {spec}"
)
_SOURCE_CI = Msg(
    "CI 从这里安装 cjzn：{spec}；pre-commit 使用本机已安装的 cjzn（不联网）",
    "CI installs cjzn from: {spec}; pre-commit runs the cjzn installed here (offline)",
)
_OTHER_SOURCE = Msg(
    "提示：保留的 {path} 中不是 {spec}，如需更换安装来源请手动修改",
    "note: the kept {path} does not name {spec}; edit it to change the source",
)
_NEXT = Msg(
    "下一步：cjzn init filings/<区县>/<街镇>.yaml --unit … --district … 新增备案；详见 README.md",
    "Next: cjzn init filings/<district>/<street>.yaml --unit … --district …",
)


@dataclass
class ScaffoldResult:
    """What one scaffold run did; the CLI prints it and exits with `exit_code`."""

    root: Path
    source: CjznSource = field(default_factory=CjznSource.parse)
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existed already: untouched
    other_source: list[str] = field(default_factory=list)  # kept installing files naming another
    failed: list[tuple[str, Msg]] = field(default_factory=list)  # (path, why)
    git: GitOutcome = GitOutcome.SKIPPED
    git_error: str = ""

    @property
    def exit_code(self) -> int:
        """0 when every file of the scaffold is there (created or kept), else 1."""
        return 1 if self.failed or self.git is GitOutcome.FAILED else 0

    def problems(self, lang: str = "zh") -> list[str]:
        """What went wrong (for stderr): files that could not be written, a failed git init."""
        lines = [
            _NOT_WRITTEN.format(lang, path=path, why=why.get(lang)) for path, why in self.failed
        ]
        if self.git is GitOutcome.FAILED:
            lines.append(_GIT_FAILED.format(lang, error=self.git_error))
        return lines

    def messages(self, lang: str = "zh") -> list[str]:
        """What was done, one line each, for a person (stdout)."""
        lines: list[str] = []
        if self.git in _GIT_NOTES:
            lines.append(_GIT_NOTES[self.git].format(lang, root=self.root))
        lines += [_CREATED.format(lang, path=path) for path in self.created]
        lines += [_KEPT.format(lang, path=path) for path in self.kept]
        spec = self.source.spec
        lines.append((_SOURCE if self.source.explicit else _SOURCE_CI).format(lang, spec=spec))
        lines += [_OTHER_SOURCE.format(lang, path=path, spec=spec) for path in self.other_source]
        if not self.failed:
            lines.append(_NEXT.get(lang))
        return lines


def vscode_settings(schema_path: str) -> str:
    """`.vscode/settings.json`: the YAML extension applies the schema to every filing.

    Not to what cjzn does not check as a filing: review files (their own format) and
    evidence below `archive/` (`!` patterns; an older extension ignores them).
    """
    globs = [f"{FILINGS_DIR}/**/*.yaml", f"{FILINGS_DIR}/**/*.yml"]
    globs += [
        f"!{FILINGS_DIR}/**/*.{level}-review.{ext}"
        for level in REVIEW_LEVELS
        for ext in ("yaml", "yml")
    ]
    globs += [f"!{FILINGS_DIR}/**/{folder}/**" for folder in EVIDENCE_FOLDERS]
    settings = {
        "yaml.schemas": {schema_path: globs},
        "files.encoding": "utf8",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def plan_files(
    catalog: Catalog,
    districts: Sequence[str] | None = None,
    source: CjznSource | None = None,
) -> list[PlannedFile]:
    """Every file of the scaffold for `catalog`'s round (`districts`: the folders to make).

    `source`: where CI and pre-commit install cjzn (default: `default_source()`).
    """
    source = source or CjznSource.parse()
    chosen = list(districts) if districts is not None else list(catalog.districts)
    schema_file = schema_filename(catalog.round)
    schema_path = f"{SCHEMAS_DIR}/{schema_file}"
    basic = catalog.basic_codes()
    # Markdown and YAML, not HTML: no autoescaping. The only text from outside is
    # --cjzn-source (one line, no control characters), written through the `yaml`
    # filter into the YAML files; besides it the round, the catalog's names, the version.
    env = environment("text")
    context = {
        "round": catalog.round,
        "guide_title": catalog.guide.title,
        "version": __version__,
        "project_url": PROJECT_URL,
        "hook_id": HOOK_ID,
        "hook_entry": HOOK_ENTRY,
        "source": source,
        "default_source": default_source(),
        "schema_file": schema_file,
        "districts": chosen,
        "example_district": chosen[0] if chosen else catalog.districts[0],
        "basic_first": basic[0] if basic else "",
        "basic_last": basic[-1] if basic else "",
        # CODEOWNERS: teams numbered in the catalog's order (team names are ASCII on the forges)
        "owners": [
            (d, f"{catalog.districts.index(d) + 1:02d}") for d in chosen if d in catalog.districts
        ],
    }
    files = [
        PlannedFile(target, env.get_template(name).render(**context))
        for name, target in _TEMPLATES.items()
    ]
    files.append(PlannedFile(schema_path, schema_text(catalog)))
    files.append(PlannedFile(".vscode/settings.json", vscode_settings(schema_path)))
    files.extend(PlannedFile(f"{FILINGS_DIR}/{name}/.gitkeep", "") for name in chosen)
    return files


def init_git(root: Path) -> tuple[GitOutcome, str]:
    """`git init` in `root` unless it already is (inside) a git work tree."""
    if gitutil.git_executable() is None:
        return GitOutcome.NO_GIT, ""
    try:
        inside = gitutil.run_git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode == 0 and inside.stdout.strip() == "true":
            return GitOutcome.EXISTING, ""
        done = gitutil.run_git(root, "init", "-q")
    except (OSError, subprocess.SubprocessError) as exc:
        return GitOutcome.FAILED, str(exc)
    if done.returncode != 0:
        return GitOutcome.FAILED, (done.stderr or done.stdout).strip()
    return GitOutcome.INITIALISED, ""


def scaffold_repo(
    root: Path,
    catalog: Catalog,
    *,
    districts: Sequence[str] | None = None,
    git: bool = True,
    source: CjznSource | None = None,
) -> ScaffoldResult:
    """Write the scaffold into `root` (created when missing), never overwriting a file.

    `source`: where CI and pre-commit install cjzn (default: `default_source()`).
    Raises `NotADirectoryError` when `root` exists and is not a folder.
    """
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(str(root))
    source = source or CjznSource.parse()
    result = ScaffoldResult(root=root, source=source)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        result.failed.append((str(root), _system(exc)))
        return result
    if git:
        result.git, result.git_error = init_git(root)
    for planned in plan_files(catalog, districts, source):
        _place(root, planned, source, result)
    return result


def _place(root: Path, planned: PlannedFile, source: CjznSource, result: ScaffoldResult) -> None:
    """Write one file of the scaffold unless it is there (kept) or cannot be (failed)."""
    target = root / planned.path
    if not stays_inside(root, planned.path):  # the catalog's checks refuse such names too
        result.failed.append((planned.path, _OUTSIDE))
        return
    if target.exists() or target.is_symlink():
        if target.is_file():
            result.kept.append(planned.path)
            if source.installs(planned.path) and not _names_source(target, source):
                result.other_source.append(planned.path)
        else:
            result.failed.append((planned.path, _NOT_A_FILE))
        return
    try:
        write_atomic(target, planned.text, overwrite=False)
    except FileExistsError:
        if target.is_file():  # made by someone else meanwhile: theirs, kept
            result.kept.append(planned.path)
        else:
            result.failed.append((planned.path, _CANNOT_CREATE))
    except OSError as exc:
        result.failed.append((planned.path, _system(exc)))
    else:
        result.created.append(planned.path)


def _system(exc: OSError) -> Msg:
    """Why the system refused (`not a folder` in each language; the system's own words)."""
    return Msg(os_reason(exc, "zh"), os_reason(exc, "en"))


def _names_source(path: Path, source: CjznSource) -> bool:
    """Whether a kept installing file names `source` (unreadable: assume it does, say nothing)."""
    try:
        return source.mentioned_in(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return True
