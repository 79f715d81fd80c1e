"""`cjzn init`: a filing skeleton to fill in, or (`--repo DIR`) a shared filings repo."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjzn.cli.common import CatalogOption, Lang, LangOption, RoundOption, fail_usage, usage_errors
from cjzn.cli.frame import bi
from cjzn.cli.wording import current_lang, path_kind
from cjzn.i18n import Msg

if TYPE_CHECKING:
    # imported when the command runs: the other commands start without it
    from cjzn.guide import Catalog

_EXISTS = Msg(
    "cjzn: {path} 已存在，未做任何改动（确需覆盖请加 --force）",
    "cjzn: {path} already exists; nothing was written (use --force to overwrite)",
)
_CANNOT_WRITE = Msg("cjzn: 无法写入 {path}：{why}", "cjzn: cannot write {path}: {why}")
HELP = bi(
    "生成备案文件模板：全部键、每项的中文说明和指南要求，照着填写即可。"
    "缺少 --unit 或 --district 时在终端中提问（没有终端时是用法错误，退出码 2）；"
    "已有的文件不会被覆盖（退出码 1），除非加 --force。"
    "\n加 --repo 目录 则改为建立区县（或全市）共享的备案仓库：README、各区县目录、CI、pre-commit、"
    "编辑器用的 JSON Schema，并运行 git init；已有的文件保留不动。",
    "Write a filing skeleton to fill in: every key with its Chinese label and the guide's "
    "requirements. Without --unit/--district it asks in a terminal (without one, a usage "
    "error, exit 2); an existing file is never overwritten (exit 1) unless --force."
    "\nWith --repo DIR: scaffold a shared filings repo instead (README, filings/<区县>/ folders, CI, "
    "pre-commit, JSON Schema for editors, git init); existing files are kept.",
)
_WROTE = Msg(
    "已生成 {path}。请逐项填写，随时用 cjzn validate {path} 检查还缺什么。",
    "Wrote {path}. Fill it in, then check it with: cjzn validate {path}",
)

RepoOption = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        metavar=bi("目录", "DIR"),
        callback=path_kind("folder"),
        help=bi(
            "改为在这个目录建立区县（或全市）共享的备案仓库：README、区县目录、CI、pre-commit、"
            "JSON Schema。",
            "Scaffold a shared filings repo in this folder instead.",
        ),
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--cjzn-source",
        metavar=bi("来源", "SPEC"),
        help=bi(
            "与 --repo 同用：CI 和 pre-commit 安装 cjzn 的来源，一行 pip 能安装的写法，例如 "
            "cjzn==0.1.0、git+https://…/cjzn@v0.1.0 或 wheel 的网址。",
            "With --repo: where CI and pre-commit install cjzn, one pip requirement "
            "(default: git+PROJECT_URL@vVERSION).",
        ),
    ),
]


def _stdin_is_terminal() -> bool:
    """Whether a person can answer prompts (tests replace this)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


PathArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar=bi("文件", "FILE"),
        callback=path_kind("file"),
        help=bi(
            "要生成的备案文件，例如 filings/徐汇区/天平路街道.yaml。",
            "The filing to create, e.g. filings/徐汇区/天平路街道.yaml.",
        ),
        show_default=False,
    ),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        metavar=bi("名称", "NAME"),
        help=bi("街道（乡镇）名称，例如 天平路街道。", "Street or town name."),
    ),
]
DistrictOption = Annotated[
    str | None,
    typer.Option(
        "--district",
        metavar=bi("区县", "DISTRICT"),
        help=bi("所属区县，例如 徐汇区。", "District, e.g. 徐汇区."),
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help=bi("覆盖已有的文件。", "Overwrite an existing file."))
]
SchemaUrlOption = Annotated[
    str | None,
    typer.Option(
        "--schema-url",
        metavar=bi("地址", "URL"),
        help=bi(
            "首行 $schema 指向的 JSON Schema 地址或相对路径（默认本轮发布的 Schema）。",
            "Schema URL or relative path for the first line (default: the round's published "
            "schema).",
        ),
    ),
]


def init(
    path: PathArgument = None,
    repo: RepoOption = None,
    unit: UnitOption = None,
    district: DistrictOption = None,
    round_name: RoundOption = None,
    force: ForceOption = False,
    schema_url: SchemaUrlOption = None,
    cjzn_source: SourceOption = None,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """生成备案文件模板：全部键、每项的中文说明和指南要求 / write a filing skeleton to fill in.

    Without --unit/--district it asks for them in a terminal; without a terminal
    that is a usage error (exit 2). An existing file is never overwritten (exit 1)
    unless --force.

    With --repo DIR: scaffold a shared filings repo (README, filings/<区县>/ folders,
    CI for GitHub and GitLab, pre-commit, JSON Schema for editors, git init);
    existing files are kept, never overwritten.
    """
    # imported when the command runs: the other commands start without it
    from cjzn.guide import resolve_catalog
    from cjzn.init.skeleton import require_district

    if repo is not None or path is None:
        _check_repo_options(path, repo, unit, schema_url, force)
        assert repo is not None
        with usage_errors():
            round_catalog = resolve_catalog(round_name, catalog)
        _init_repo(repo, round_catalog, district, lang.value, cjzn_source)
        return
    if cjzn_source is not None:
        fail_usage(Msg("--cjzn-source 只能与 --repo 同用", "--cjzn-source applies to --repo only"))
    with usage_errors():
        round_catalog = resolve_catalog(round_name, catalog)
    if path.exists() and not force:
        typer.echo(_EXISTS.format(lang.value, path=path), err=True)
        raise typer.Exit(1)
    given = unit
    unit, district = _ask_missing(round_catalog, path, unit, district, lang.value)
    with usage_errors():  # a district of the round (崇明区: did you mean 崇明县?) before its folder
        district = require_district(round_catalog, district)
    path = _placed(round_catalog, path, district, lang.value)
    _write_filing(path, round_catalog, unit, district, schema_url, force, lang.value)
    if given is not None:
        _note_roster(round_catalog, district, unit, lang.value)


def _check_repo_options(
    path: Path | None, repo: Path | None, unit: str | None, schema_url: str | None, force: bool
) -> None:
    if path is not None:
        fail_usage(Msg("备案文件和 --repo 只能给一个", "give either a filing or --repo, not both"))
    if repo is None:
        fail_usage(
            Msg(
                "请写出要生成的备案文件，例如 cjzn init filings/徐汇区/天平路街道.yaml，"
                "或用 --repo 目录 建立备案仓库",
                "name the filing to create, e.g. cjzn init filings/徐汇区/天平路街道.yaml, "
                "or --repo DIR to scaffold a repo",
            )
        )
    for given, option in (
        (unit, "--unit"),
        (schema_url, "--schema-url"),
        (force or None, "--force"),
    ):
        if given is not None:
            fail_usage(
                Msg("{option} 不能与 --repo 同用", "{option} does not apply to --repo").format(
                    current_lang(), option=option
                )
            )


_NO_TERMINAL = Msg(
    "缺少 --unit 和/或 --district（没有终端可以提问），例如 --unit 天平路街道 --district 徐汇区",
    "--unit and --district are required when there is no terminal to ask, e.g. "
    "--unit 天平路街道 --district 徐汇区",
)
_NOT_IN_ROSTER = Msg(
    "{district}的街镇名册里没有“{name}”，无法从文件名得知单位：请用 --unit 写明单位名称，"
    "例如 --unit {name}（名册未列的单位也可以备案，cjzn validate 会提示 R003）",
    "{district}'s roster has no “{name}”, so the file name does not name the unit: give it "
    "with --unit, e.g. --unit {name} (a unit the roster lacks may file; validate warns, R003)",
)


def _missing_unit_or_district(path: Path, district: str | None, lang: str) -> str:
    """Why `init` cannot go on without a terminal: the unit the file name does not give, or both."""
    if district is None:
        return _NO_TERMINAL.get(lang)
    return _NOT_IN_ROSTER.format(lang, district=district, name=path.stem)


def _ask_missing(
    catalog: Catalog, path: Path, unit: str | None, district: str | None, lang: str
) -> tuple[str, str]:
    """`--unit` and `--district`, else what the path says (the district's folder, a file
    named after a unit of the roster), else asked for in a terminal (a usage error without)."""
    # imported when the command runs: the other commands start without it
    from cjzn.init.place import ask_unit_from_roster, folder_district, unit_from_file_name
    from cjzn.init.skeleton import ask_district, require_district, unit_name_problem

    if district is None:
        found = folder_district(path, catalog)
        district = found[0] if found is not None else None
    if unit is None and district is not None:
        with usage_errors():
            unit = unit_from_file_name(path, catalog, require_district(catalog, district))
    if unit is not None and district is not None:
        return unit, district
    if not _stdin_is_terminal():
        fail_usage(_missing_unit_or_district(path, district, lang))
    if district is None:
        district = ask_district(catalog, typer.prompt, typer.echo, lang)
    if unit is None:
        with usage_errors():
            district = require_district(catalog, district)
        unit = ask_unit_from_roster(
            catalog, district, typer.prompt, typer.echo, lang, usable=unit_name_problem
        )
    return unit, district


_ELSEWHERE = Msg(
    "{path} 在{folder}的目录中，不能放{district}的备案；请写到 {right}，或把 --district 改为 {folder}",
    "{path} is in {folder}'s folder, not the place for a filing of {district}; write it to "
    "{right}, or give --district {folder}",
)
_MOVE = Msg("改为写到 {right}？", "Write it to {right} instead?")


def _note_roster(catalog: Catalog, district: str, unit: str, lang: str) -> None:
    """A `--unit` the roster does not know, or spells otherwise: say so (stderr)."""
    # imported when the command runs: the other commands start without it
    from cjzn.init.place import roster_note

    note = roster_note(catalog, district, unit)
    if note is not None:
        typer.echo(f"cjzn: {note.get(lang)}", err=True)


def _placed(catalog: Catalog, path: Path, district: str, lang: str) -> Path:
    """`path`, unless it is in another district's folder: then refuse (exit 2), or in a
    terminal ask whether to write into the district's own folder."""
    # imported when the command runs: the other commands start without it
    from cjzn.init.place import folder_district, right_place

    right = right_place(path, catalog, district)
    if right is None:
        return path
    found = folder_district(path, catalog)
    folder = found[0] if found is not None else ""
    params = {"path": path, "folder": folder, "district": district, "right": right}
    if _stdin_is_terminal() and typer.confirm(_MOVE.format(lang, **params), default=True):
        return right
    fail_usage(_ELSEWHERE.format(lang, **params))


def _write_filing(
    path: Path,
    catalog: Catalog,
    unit: str,
    district: str,
    schema_url: str | None,
    force: bool,
    lang: str,
) -> None:
    # imported when the command runs: the other commands start without it
    from cjzn.init.skeleton import new_filing

    try:
        with usage_errors():
            new_filing(path, catalog, unit, district, schema_url=schema_url, force=force)
    except FileExistsError:
        typer.echo(_EXISTS.format(lang, path=path), err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(_CANNOT_WRITE.format(lang, path=path, why=exc.strerror or exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(_WROTE.format(lang, path=path))


def _init_repo(
    root: Path, round_catalog: Catalog, district: str | None, lang: str, source: str | None
) -> None:
    """`cjzn init --repo DIR`: scaffold, print what was created and kept, exit 0 when complete."""
    # imported when the command runs: the other commands start without it
    from cjzn.init.scaffold import scaffold_repo
    from cjzn.init.skeleton import require_district
    from cjzn.init.source import CjznSource

    try:
        cjzn_source = CjznSource.parse(source)
    except ValueError as exc:
        fail_usage(
            Msg(
                "--cjzn-source 应为一行 pip 能安装的写法：{error}",
                "--cjzn-source must be one pip requirement: {error}",
            ).format(current_lang(), error=exc)
        )
    districts = None
    if district is not None:  # a district's own repo: only its folder
        with usage_errors():
            districts = [require_district(round_catalog, district)]
    try:
        result = scaffold_repo(root, round_catalog, districts=districts, source=cjzn_source)
    except NotADirectoryError:
        fail_usage(
            Msg("--repo：{root} 不是目录", "--repo: {root} is not a folder").format(
                current_lang(), root=root
            )
        )
    for line in result.messages(lang):
        typer.echo(line)
    for line in result.problems(lang):
        typer.echo(f"cjzn: {line}", err=True)
    raise typer.Exit(result.exit_code)
