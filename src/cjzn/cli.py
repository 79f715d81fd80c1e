"""The `cjzn` command line: each command turns options into one library call.

Exit codes (the contract): 0 no errors, 1 errors found, 2 usage error.
Heavy modules (Jinja2, python-docx) are imported inside the commands that
need them, so `cjzn validate` starts fast.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from cjzn import __version__

if TYPE_CHECKING:
    from cjzn.catalog import Catalog

app = typer.Typer(
    name="cjzn",
    help=(
        "上海市社区教育示范街镇创建备案工具：校验、生成、汇总备案文件。\n\n"
        "Filings for the Shanghai community-education demonstration street/town programme."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="CJZN_LANG", help="消息语言 / message language: zh (默认) or en."
    ),
]
PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH", help="备案文件或目录（递归查找 *.yaml、*.yml）/ filings or folders."
    ),
]
CatalogOption = Annotated[
    Path | None,
    typer.Option(
        "--catalog",
        metavar="FILE",
        help="用这个目录文件代替内置的轮次指南 / use this round catalog instead of the bundled one.",
        dir_okay=False,
    ),
]

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="按这一天检查阶段期限（默认今天，上海时间）/ check deadlines as of DATE "
        "(default: today in Shanghai), e.g. 2013-04-15.",
    ),
]
StageOption = Annotated[
    str | None,
    typer.Option(
        "--stage",
        metavar="S1..S4",
        help="把这一阶段及之前各阶段的要求视为已到期 / treat this stage and the earlier ones as due.",
    ),
]


def _fail_usage(message: str) -> NoReturn:
    typer.echo(f"cjzn: {message}", err=True)
    raise typer.Exit(2)


@contextlib.contextmanager
def _usage_errors() -> Iterator[None]:
    """Library errors that mean "called wrongly" (bad path, broken catalog) exit 2 with a message."""
    from cjzn.catalog import CatalogError
    from cjzn.validate import UsageError

    try:
        yield
    except UsageError as exc:
        _fail_usage(str(exc))
    except CatalogError as exc:
        _fail_usage(f"目录文件有误 / broken catalog: {exc}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cjzn {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="显示版本 / show version."
        ),
    ] = False,
) -> None:
    """Top-level options."""


def _reporter_names() -> list[str]:
    from cjzn.reporters import REPORTERS

    return list(REPORTERS)


def _check_format(value: str) -> str:
    """Option choices come from the reporter registry, so a new reporter needs no CLI change."""
    from cjzn.reporters import REPORTERS

    if value not in REPORTERS:
        choices = "; ".join(f"{name}: {reporter.help}" for name, reporter in REPORTERS.items())
        raise typer.BadParameter(f"“{value}” 不是可选的格式 / is not a format. {choices}")
    return value


@app.command()
def validate(
    paths: PathsArgument,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=_check_format,
            autocompletion=_reporter_names,
            help="输出格式 / output format: text, json, github, junit, sarif.",
        ),
    ] = "text",
    lang: LangOption = Lang.zh,
    strict: Annotated[
        bool, typer.Option("--strict", help="警告也算失败（退出码 1）/ warnings fail too.")
    ] = False,
    catalog: CatalogOption = None,
    as_of: AsOfOption = None,
    stage: StageOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="并行进程数（默认自动：超过 200 个文件时用全部 CPU；1 为串行）"
            " / worker processes (default: auto; 1: serial).",
        ),
    ] = None,
) -> None:
    """校验备案文件：格式、指南规则；每个问题给出 文件:行:列、代码和说明。

    Validate filings: every problem with file:line:column, a stable code and a message.
    Exit 0 when there are no errors, 1 when there are, 2 on a usage error.
    """
    from cjzn.reporters import REPORTERS
    from cjzn.rules import Options
    from cjzn.validate import validate_paths

    options = Options(
        lang=lang.value,
        strict=strict,
        as_of=parse_date_option(as_of, "--as-of"),
        stage=parse_stage_option(stage, catalog),
    )
    from cjzn.ci_reporters import progress_for

    bar = progress_for(output_format, sys.stderr, lang.value)  # a terminal only, never in CI
    gc.freeze()  # what the imports built lives to the end: keep it out of every collection
    try:
        with _usage_errors():
            report = validate_paths(
                paths,
                options,
                catalog,
                jobs=jobs,
                progress=bar,
                # one file: the text summary says where it stands; many: keep memory flat
                keep_documents=len(paths) == 1 and paths[0].is_file(),
            )
    finally:
        if bar is not None:
            bar.close()
    REPORTERS[output_format]().emit(report, sys.stdout)
    raise typer.Exit(report.exit_code(strict))


class CodesFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command()
def rules(
    output_format: Annotated[
        CodesFormat, typer.Option("--format", "-f", help="输出格式 / output format.")
    ] = CodesFormat.text,
    lang: LangOption = Lang.zh,
) -> None:
    """列出全部问题代码及含义 / list every diagnostic code and what it means."""
    import json

    from rich.console import Console
    from rich.table import Table

    from cjzn.registry import ALL_CODES, codes_json, codes_markdown

    if output_format is CodesFormat.md:
        typer.echo(codes_markdown(lang.value))
        return
    if output_format is CodesFormat.json:
        entries = codes_json(lang.value)
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for column in (
        ("代码", "名称", "级别", "含义", "指南")
        if lang is Lang.zh
        else ("code", "name", "severity", "meaning", "guide")
    ):
        table.add_column(column)
    for info in ALL_CODES.values():
        table.add_row(
            info.code, info.name, info.severity.value, info.summary.get(lang.value), info.guide
        )
    Console(highlight=False).print(table)


# -- init, schema, catalog (issue 4) ------------------------------------------

RoundOption = Annotated[
    str | None,
    typer.Option(
        "--round", help="创建轮次，默认最新的内置轮次 / round (default: the newest bundled one)."
    ),
]


def _stdin_is_terminal() -> bool:
    """Whether a person can answer prompts (tests replace this)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _round_catalog(round_name: str | None, catalog_path: Path | None) -> Catalog:
    """The catalog of `--round` / `--catalog`, or a usage error (exit 2)."""
    from cjzn.catalog_view import choose_catalog

    with _usage_errors():
        return choose_catalog(round_name, catalog_path)


@app.command()
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="要生成的备案文件，例如 filings/徐汇区/天平路街道.yaml / the filing to create.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    repo: Annotated[
        Path | None,
        typer.Option(
            "--repo",
            metavar="DIR",
            file_okay=False,
            help="改为在 DIR 建立区县（或全市）共享的备案仓库：README、区县目录、CI、pre-commit、"
            "JSON Schema / scaffold a shared filings repo in DIR instead.",
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="街道（乡镇）名称 / street or town name.")
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="所属区县，例如 徐汇区 / district.")
    ] = None,
    round_name: RoundOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已有的文件 / overwrite an existing file.")
    ] = False,
    schema_url: Annotated[
        str | None,
        typer.Option(
            "--schema-url",
            help="首行 $schema 指向的 JSON Schema 地址或相对路径 / schema URL or relative path "
            "for the first line (default: the published schema of the round).",
        ),
    ] = None,
    cjzn_source: Annotated[
        str | None,
        typer.Option(
            "--cjzn-source",
            metavar="SPEC",
            help="与 --repo 同用：CI 和 pre-commit 安装 cjzn 的来源（pip 能安装的写法，例如 "
            "cjzn==0.1.0、git+https://…/cjzn@v0.1.0、wheel 的网址）/ with --repo: where CI "
            "and pre-commit install cjzn, one pip requirement (default: git+PROJECT_URL@vVERSION).",
        ),
    ] = None,
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
    from cjzn.fileio import write_atomic
    from cjzn.skeleton import (
        ask_district,
        ask_unit,
        repo_schema_url,
        require_district,
        skeleton_text,
        unit_name_problem,
    )

    en = lang is Lang.en
    if repo is not None or path is None:
        if path is not None:
            _fail_usage("PATH 和 --repo 只能给一个 / give either PATH or --repo, not both")
        if repo is None:
            _fail_usage(
                "请指定要生成的备案文件，或用 --repo DIR 建立备案仓库 / "
                "name the filing to create, or --repo DIR to scaffold a repo"
            )
        for given, option in (
            (unit, "--unit"),
            (schema_url, "--schema-url"),
            (force or None, "--force"),
        ):
            if given is not None:
                _fail_usage(f"{option} 不能与 --repo 同用 / {option} does not apply to --repo")
        _init_repo(repo, _round_catalog(round_name, catalog), district, lang.value, cjzn_source)
        return
    if cjzn_source is not None:
        _fail_usage("--cjzn-source 只能与 --repo 同用 / --cjzn-source applies to --repo only")
    round_catalog = _round_catalog(round_name, catalog)
    if path.exists() and not force:
        typer.echo(
            f"cjzn: {path} already exists; nothing was written (use --force to overwrite)"
            if en
            else f"cjzn: {path} 已存在，未做任何改动（确需覆盖请加 --force）",
            err=True,
        )
        raise typer.Exit(1)
    if unit is None or district is None:
        if not _stdin_is_terminal():
            _fail_usage(
                "缺少 --unit 和/或 --district（没有终端可以提问）/ "
                "--unit and --district are required when there is no terminal to ask"
            )
        if unit is None:
            unit = ask_unit(typer.prompt, typer.echo, lang.value)
        if district is None:
            district = ask_district(round_catalog, typer.prompt, typer.echo, lang.value)
    problem = unit_name_problem(unit)
    if problem is not None:
        _fail_usage(f"--unit: {problem[0]} / {problem[1]}")
    with _usage_errors():
        district = require_district(round_catalog, district)
    if schema_url is None:  # inside a filings repo: its own schema, as a relative path
        schema_url = repo_schema_url(path, round_catalog.round)
    try:
        text = skeleton_text(round_catalog, unit, district, schema_url=schema_url)
    except ValueError:
        _fail_usage("--schema-url 不能含空白或控制字符 / --schema-url must not contain spaces")
    try:
        write_atomic(path, text, overwrite=force)
    except FileExistsError:
        typer.echo(f"cjzn: {path} 已存在 / already exists", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(f"cjzn: 无法写入 {path}：{exc.strerror or exc} / cannot write {path}", err=True)
        raise typer.Exit(1) from None
    if en:
        typer.echo(f"Wrote {path}. Fill it in, then check it with: cjzn validate {path}")
    else:
        typer.echo(f"已生成 {path}。请逐项填写，随时用 cjzn validate {path} 检查还缺什么。")


def _init_repo(
    root: Path, round_catalog: Catalog, district: str | None, lang: str, source: str | None
) -> None:
    """`cjzn init --repo DIR`: scaffold, print what was created and kept, exit 0 when complete."""
    from cjzn.scaffold import CjznSource, scaffold_repo
    from cjzn.skeleton import require_district

    try:
        cjzn_source = CjznSource.parse(source)
    except ValueError as exc:
        _fail_usage(f"--cjzn-source 应为一行 pip 能安装的写法 / must be one pip requirement: {exc}")

    districts = None
    if district is not None:  # a district's own repo: only its folder
        with _usage_errors():
            districts = [require_district(round_catalog, district)]
    try:
        result = scaffold_repo(root, round_catalog, districts=districts, source=cjzn_source)
    except NotADirectoryError:
        _fail_usage(f"--repo: {root} 不是目录 / is not a folder")
    for line in result.messages(lang):
        typer.echo(line)
    for line in result.problems(lang):
        typer.echo(f"cjzn: {line}", err=True)
    raise typer.Exit(result.exit_code)


@app.command("schema")
def schema_command(
    round_name: RoundOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", dir_okay=False, help="写入文件而不是标准输出 / write to FILE."
        ),
    ] = None,
    catalog: CatalogOption = None,
) -> None:
    """输出备案文件的 JSON Schema，供编辑器补全和检查 / print the filing's JSON Schema for editors."""
    from cjzn.fileio import write_atomic
    from cjzn.jsonschema_export import schema_text

    text = schema_text(_round_catalog(round_name, catalog))
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        typer.echo(f"cjzn: 无法写入 {output}：{exc.strerror or exc} / cannot write", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"已写入 / wrote {output}", err=True)


class CatalogFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


@app.command("catalog")
def catalog_command(
    round_name: RoundOption = None,
    output_format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="输出格式 / output format.")
    ] = CatalogFormat.text,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """查看指南要求：基础性建设工作、重点创建工作、各阶段及日期、方案内容 / read the guide."""
    from cjzn.catalog_view import catalog_json, catalog_markdown, print_catalog

    round_catalog = _round_catalog(round_name, catalog)
    if output_format is CatalogFormat.json:
        typer.echo(catalog_json(round_catalog), nl=False)
    elif output_format is CatalogFormat.md:
        typer.echo(catalog_markdown(round_catalog, lang.value), nl=False)
    else:
        from rich.console import Console

        print_catalog(round_catalog, lang.value, Console(highlight=False, emoji=False))


class RenderFormat(str, Enum):
    html = "html"
    md = "md"
    docx = "docx"
    pdf = "pdf"


@app.command()
def render(
    paths: PathsArgument,
    output_format: Annotated[
        RenderFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="输出格式 / output format: html, md, docx, pdf（默认按 -o 的扩展名，否则 html）.",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="输出文件或目录（多个备案或目录时为目录；以 / 结尾表示目录）"
            "/ output file, or folder (several filings, or a name ending in /).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="覆盖不是 cjzn 生成的已有文件 / overwrite files cjzn did not write."
        ),
    ] = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    as_of: AsOfOption = None,
    stage: StageOption = None,
) -> None:
    """生成备案登记表和创建工作方案附页（HTML、Markdown、Word、PDF），可直接打印。

    Render the registration form (备案登记表) and the plan (附页) as print-ready HTML,
    Markdown, DOCX or PDF. A filing with errors is rendered as a marked DRAFT (exit 1).
    """
    from cjzn.render import RenderError, render_paths
    from cjzn.rules import Options

    options = Options(
        lang=lang.value,
        as_of=parse_date_option(as_of, "--as-of"),
        stage=parse_stage_option(stage, catalog),
    )
    fmt = output_format.value if output_format is not None else None
    try:
        with _usage_errors():
            outcome = render_paths(
                paths, fmt, output, force=force, options=options, catalog_path=catalog
            )
    except RenderError as exc:
        typer.echo(f"cjzn: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        typer.echo(f"cjzn: 无法写入 / cannot write: {exc}", err=True)
        raise typer.Exit(1) from None
    if outcome.stdout is not None:
        typer.echo(outcome.stdout, nl=False)
    for line in outcome.messages(lang.value):
        typer.echo(line, err=True)
    raise typer.Exit(outcome.exit_code)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def status(
    paths: PathsArgument,
    as_of: AsOfOption = None,
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="输出格式 / output format.")
    ] = StatusFormat.text,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """各阶段进度：一份备案显示四个阶段的时间线，多份备案按紧迫程度列表。

    Where each filing stands: one filing as a timeline of the stages, several as a
    table sorted by urgency (overdue first, then the nearest deadline).
    Exit 1 when a filing has errors or due requirements that are missing, else 0; 2 usage.
    """
    from cjzn.rules import Options
    from cjzn.status import collect_status, write_json, write_text

    options = Options(lang=lang.value, as_of=parse_date_option(as_of, "--as-of"))
    with _usage_errors():
        report = collect_status(paths, options, catalog)
    if output_format is StatusFormat.json:
        write_json(report, sys.stdout)
    else:
        write_text(report, sys.stdout)
    raise typer.Exit(report.exit_code)


class ReportFormat(str, Enum):
    html = "html"
    md = "md"
    json = "json"


@app.command()
def report(
    paths: PathsArgument,
    as_of: AsOfOption = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="输出格式 / output format: html, md, json（默认按 -o 的扩展名，否则 html）.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", dir_okay=False, help="写入文件而不是标准输出 / write to FILE."
        ),
    ] = None,
    include_contacts: Annotated[
        bool,
        typer.Option(
            "--include-contacts",
            help="显示联系人姓名、电话、邮箱、地址、邮编和签字人（默认隐去）/ show contact details "
            "(left out by default: dashboards get forwarded).",
        ),
    ] = False,
    forms: Annotated[
        Path | None,
        typer.Option(
            "--forms",
            metavar="DIR",
            file_okay=False,
            help="cjzn render DIR -o FORMS 生成的登记表目录，报告中链接到这些登记表 / "
            "folder of forms rendered by `cjzn render DIR -o FORMS`, linked from the report.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="覆盖不是 cjzn 生成的已有文件 / overwrite a file cjzn did not write."
        ),
    ] = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
) -> None:
    """汇总报告：各区县、各街镇的阶段、错误、未完成要求和截止日期，附图表（HTML、Markdown、JSON）。

    The dashboard of a district or the city: per district and per filing the current
    stage, errors and warnings, open requirements and the next deadline, with charts.
    Contact details are left out unless --include-contacts. An existing -o FILE is
    replaced only when an earlier `cjzn report` wrote it (else exit 1) unless --force.
    Exit 0 when no filing has errors, 1 when some has, 2 on a usage error.
    """
    from cjzn.fileio import may_replace, write_atomic
    from cjzn.report import MARKER, collect_dashboard, infer_format, render_report
    from cjzn.rules import Options

    options = Options(lang=lang.value, as_of=parse_date_option(as_of, "--as-of"))
    with _usage_errors():
        fmt = infer_format(output_format.value if output_format else None, output)
        dashboard = collect_dashboard(
            paths,
            options,
            catalog,
            include_contacts=include_contacts,
            forms=forms,
            out_dir=output.parent if output is not None else None,
        )
    if output is not None and not may_replace(output, MARKER, force=force):
        typer.echo(
            f"cjzn: {output} exists and was not made by cjzn report; kept it"
            " (use --force to overwrite)"
            if lang is Lang.en
            else f"cjzn: {output} 已存在且不是 cjzn report 生成的，未覆盖（确需覆盖请加 --force）",
            err=True,
        )
        raise typer.Exit(1)
    text = render_report(dashboard, fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text)
        except OSError as exc:
            typer.echo(f"cjzn: 无法写入 {output}：{exc.strerror or exc} / cannot write", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"已写入 / wrote {output}", err=True)
    raise typer.Exit(dashboard.exit_code)


def parse_date_option(value: str | None, option: str) -> date | None:
    """`--as-of 2013-04-15` as a date, or a usage error (exit 2)."""
    if value is None:
        return None
    from cjzn.fields import iso_date  # the same reading of a date as in a filing

    parsed = iso_date(value)
    if parsed is None:
        _fail_usage(f"{option} 应为日期，例如 2013-04-15 / {option} must be a date like 2013-04-15")
    return parsed


def parse_stage_option(value: str | None, catalog: Path | None = None) -> str | None:
    """`--stage S2` as a stage code of the round(s), or a usage error (exit 2)."""
    if value is None:
        return None
    from cjzn.catalog import CatalogError
    from cjzn.stages import known_stage_codes

    try:
        known = known_stage_codes(catalog if catalog is not None and catalog.is_file() else None)
    except CatalogError as exc:
        _fail_usage(f"目录文件有误 / broken catalog: {exc}")
    code = value.strip().upper()
    if code not in known:
        choices = ", ".join(known)
        _fail_usage(f"--stage 应为 {choices} 之一 / --stage must be one of {choices}: {value}")
    return code


def main() -> None:
    """Console-script entry point: never a traceback for the user."""
    # Each filing makes thousands of short-lived objects and keeps few (diagnostics):
    # fewer young-generation collections save about a tenth of a large run.
    gc.set_threshold(20_000, 50, 50)
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断 / interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - last line of defence
        typer.echo(
            f"cjzn 内部错误，请报告此问题 / internal error, please report it: "
            f"{type(exc).__name__}: {exc}",
            err=True,
        )
        sys.exit(1)
