"""`cjzn review`: record a decision or an evaluation, show a trail, move inline reviews out."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjzn.cli.common import (
    AllowEmptyOption,
    CatalogOption,
    ConfigFileOption,
    ExcludeOption,
    Lang,
    LangOption,
    NoConfigOption,
    PathsArgument,
    config_options,
    fail_usage,
    parse_date_option,
    say_skipped,
    selection,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.i18n import Msg

if TYPE_CHECKING:
    from cjzn.check import FileResult
    from cjzn.options import Options

HELP = bi(
    "记录区县、市教委的审核决定和市教委的评估，写入备案文件旁的审核记录文件"
    "（天平路街道.district-review.yaml、天平路街道.municipal-review.yaml），追加在最后，"
    "同时记下备案文件当时的校验值。备案文件还有错误时不能同意（可退回修改，或加 --force）；"
    "不合审核顺序的记录不写入。--show 显示审核记录，--migrate 把备案文件中的 reviews: 移到审核记录文件。"
    "\n退出码：0 已记录，1 未记录（备案有错误或顺序不对），2 用法错误。",
    "Record the district's and the city's decisions and the city's evaluations in the review "
    "files beside a filing (X.district-review.yaml, X.municipal-review.yaml), appended at the "
    "end with the checksum of the filing at the time. A filing with errors cannot be approved "
    "(return it, or --force); an entry out of order is not written. --show prints the trail, "
    "--migrate moves a filing's inline reviews: into review files."
    "\nExit 0 when recorded, 1 when refused (errors in the filing, or out of order), 2 on a "
    "usage error.",
)


class Level(str, Enum):
    district = "district"
    municipal = "municipal"


class Decision(str, Enum):
    approve = "approve"
    return_ = "return"


_W = {
    "one": Msg(
        "记录审核决定或评估时只能给一份备案文件", "give exactly one filing to record a decision"
    ),
    "what": Msg(
        "请用 --decision approve|return 记录审核决定，或用 --evaluation S3|S4 --result 记录评估；"
        "--show 显示审核记录",
        "use --decision approve|return, or --evaluation S3|S4 with --result; --show shows the trail",
    ),
    "both": Msg(
        "--decision 和 --evaluation 不能同时使用", "--decision and --evaluation exclude each other"
    ),
    "level": Msg(
        "审核决定要写明 --level district 或 --level municipal",
        "a decision needs --level district or --level municipal",
    ),
    "signer": Msg(
        "审核决定要有负责人签字：--signed-by 姓名", "a decision needs its signer: --signed-by NAME"
    ),
    "eval_level": Msg(
        "评估由市教委记录：--level municipal", "the city records evaluations: --level municipal"
    ),
    "result": Msg("--result 应为 {choices} 之一", "--result must be one of {choices}"),
    "stage": Msg("--evaluation 应为 {choices} 之一", "--evaluation must be one of {choices}"),
    "recorded": Msg(
        "已在 {path} 记下第 {n} 条记录：{what}。流程状态：{state}",
        "Recorded entry {n} in {path}: {what}. Workflow state: {state}",
    ),
    "migrated": Msg("{filing}：reviews: 已移到 {files}", "{filing}: reviews: moved to {files}"),
    "nothing": Msg("没有需要移动的 reviews:", "no inline reviews: to move"),
}
_OPINION_FROM = bi(
    "在意见后附上 cjzn 检查备案文件发现的问题（逐条，带行号），用于退回修改。",
    "Append the problems cjzn finds in the filing (numbered, with lines) to the opinion.",
)


def review(
    paths: PathsArgument,
    level: Annotated[
        Level | None,
        typer.Option(
            "--level",
            metavar="district|municipal",
            help=bi(
                "审核的层级：district 区县教育行政部门，municipal 市教委。",
                "Who decides: district (education bureau) or municipal (the city).",
            ),
        ),
    ] = None,
    decision: Annotated[
        Decision | None,
        typer.Option(
            "--decision",
            metavar="approve|return",
            help=bi(
                "审核决定：approve 同意，return 退回修改。",
                "The decision: approve (同意) or return (退回修改).",
            ),
        ),
    ] = None,
    opinion: Annotated[
        str | None,
        typer.Option(
            "--opinion",
            metavar=bi("文字", "TEXT"),
            help=bi("意见（指导意见）。", "The opinion (guidance)."),
        ),
    ] = None,
    opinion_from_problems: Annotated[
        bool, typer.Option("--opinion-from-problems", help=_OPINION_FROM)
    ] = False,
    signed_by: Annotated[
        str | None,
        typer.Option(
            "--signed-by",
            metavar=bi("姓名", "NAME"),
            help=bi(
                "负责人签字（姓名）；评估时为记录人。",
                "Who signs (for an evaluation: who records it).",
            ),
        ),
    ] = None,
    sealed: Annotated[
        bool, typer.Option("--sealed", help=bi("已盖公章。", "The official seal is affixed."))
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar=bi("日期", "DATE"),
            help=bi(
                "决定或评估的日期（默认今天，上海时间）。",
                "Date of the decision or evaluation (default: today in Shanghai).",
            ),
        ),
    ] = None,
    evaluation: Annotated[
        str | None,
        typer.Option(
            "--evaluation",
            metavar="S3|S4",
            help=bi(
                "记录市教委的评估：S3 提前评估，S4 正式评估。",
                "Record the city's evaluation: S3 early, S4 final.",
            ),
        ),
    ] = None,
    result: Annotated[
        str | None,
        typer.Option(
            "--result",
            metavar="通过|不通过|暂缓",
            help=bi("评估结果。", "The evaluation's result."),
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar=bi("称号", "TITLE"),
            help=bi(
                "评估通过时命名的称号，例如 上海市社区教育示范街镇。",
                "The title conferred on a pass.",
            ),
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar=bi("文字", "TEXT"),
            help=bi("评估的说明。", "A note on the evaluation."),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=bi(
                "备案文件有错误或记录不合顺序时也写入。",
                "Write even when the filing has errors or the entry is out of order.",
            ),
        ),
    ] = False,
    show: Annotated[
        bool,
        typer.Option(
            "--show",
            help=bi(
                "显示备案文件的审核记录和流程状态，不写入。",
                "Show the filings' review trail and workflow state; write nothing.",
            ),
        ),
    ] = False,
    migrate: Annotated[
        bool,
        typer.Option(
            "--migrate",
            help=bi(
                "把备案文件中的 reviews: 移到审核记录文件。",
                "Move the filings' inline reviews: into review files.",
            ),
        ),
    ] = False,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """Record a decision or an evaluation, show the trail, or migrate inline reviews."""
    # imported when the command runs: the other commands start without it
    from cjzn.options import Options

    options = Options(lang=lang.value, **config_options(None, None, config, no_config))
    if show:
        _show(paths, options, catalog, exclude, allow_empty)
    if migrate:
        _migrate(paths, options, catalog, exclude, allow_empty)
    if len(paths) != 1:
        fail_usage(_W["one"])
    if decision is not None and evaluation is not None:
        fail_usage(_W["both"])
    day = parse_date_option(on, "--date")
    if decision is not None:
        if level is None:
            fail_usage(_W["level"])
        if not (signed_by or "").strip():
            fail_usage(_W["signer"])
        assert signed_by is not None
        fields = (decision.value, opinion, opinion_from_problems, signed_by, sealed)
        _decide(paths[0], level.value, fields, day, options, catalog, force)
    if evaluation is None:
        fail_usage(_W["what"])
    if level is Level.district:
        fail_usage(_W["eval_level"])
    _evaluate(paths[0], (evaluation, result, title, note, signed_by), day, options, catalog, force)


def _show(
    paths: list[Path],
    options: Options,
    catalog: Path | None,
    exclude: list[str] | None,
    allow_empty: bool,
) -> None:
    from cjzn.check import validate_paths
    from cjzn.review import trail_text

    with usage_errors():
        report = validate_paths(paths, options, catalog, selection=selection(exclude, allow_empty))
    say_skipped(report.skipped, options.lang)
    typer.echo("\n".join(trail_text(r, options.lang) for r in report.results), nl=False)
    raise typer.Exit(0)


def _migrate(
    paths: list[Path],
    options: Options,
    catalog: Path | None,
    exclude: list[str] | None,
    allow_empty: bool,
) -> None:
    from cjzn.review import migrate_paths, write

    with usage_errors():
        run = migrate_paths(paths, options, catalog, selection(exclude, allow_empty))
    for line in run.skipped:
        typer.echo(line, err=True)
    for migrated in run.done:
        write(migrated)
        files = "、".join(str(p) for p in migrated.writes if p != migrated.filing)
        typer.echo(_W["migrated"].format(options.lang, filing=migrated.filing, files=files))
    if not run.done:
        typer.echo(_W["nothing"].get(options.lang))
    raise typer.Exit(0)


def _decide(
    filing: Path,
    level: str,
    fields: tuple[str, str | None, bool, str, bool],
    day: date | None,
    options: Options,
    catalog: Path | None,
    force: bool,
) -> None:
    from cjzn.options import effective_as_of
    from cjzn.review import HAS_ERRORS, Refused, decision_entry, own_problems, problems_opinion

    code, opinion, quote, signer, sealed = fields
    with usage_errors():
        try:
            result = _filing(filing, options, catalog)
            assert result.catalog is not None
            errors = own_problems(result)
            if code == "approve" and errors and not force:
                raise Refused(HAS_ERRORS, errors, {"n": len(errors)})
            text = problems_opinion(opinion or "", result, options.lang) if quote else opinion
            when = effective_as_of(day)
            entry = decision_entry(result.catalog, level, code, text, signer, sealed, when)
            what = f"{when.isoformat()} {result.catalog.review.decisions[code]}（{signer}）"
            _record(filing, entry, result, options, force, what)
        except Refused as refused:
            _refused(refused, options.lang)


def _evaluate(
    filing: Path,
    fields: tuple[str, str | None, str | None, str | None, str | None],
    day: date | None,
    options: Options,
    catalog: Path | None,
    force: bool,
) -> None:
    from cjzn.i18n import join
    from cjzn.options import effective_as_of
    from cjzn.review import Refused, evaluation_entry

    stage, written, title, note, signer = fields
    with usage_errors():
        try:
            result = _filing(filing, options, catalog)
            words = result.catalog.review if result.catalog else None
            assert words is not None and result.catalog is not None
            stages = [result.catalog.workflow.early_evaluation_stage, words.final_stage]
            if stage not in stages:
                fail_usage(_W["stage"].format(options.lang, choices=join(stages, options.lang)))
            word = words.results.get(written or "", written)
            if words.result_code(word) is None:
                choices = join(words.results.values(), options.lang)
                fail_usage(_W["result"].format(options.lang, choices=choices))
            assert word is not None
            when = effective_as_of(day)
            entry = evaluation_entry(stage, word, when, title, note, signer)
            _record(filing, entry, result, options, force, f"{when.isoformat()} {stage} {word}")
        except Refused as refused:
            _refused(refused, options.lang)


def _filing(filing: Path, options: Options, catalog: Path | None) -> FileResult:
    from cjzn.review import filing_result

    return filing_result(filing, options, catalog)


def _record(
    filing: Path, entry: object, result: FileResult, options: Options, force: bool, what: str
) -> None:
    from cjzn.check import validate_file
    from cjzn.guide import Catalogs
    from cjzn.review import Entry, record, state_name

    assert isinstance(entry, Entry) and result.catalog is not None
    recorded = record(filing, entry, result, options, force=force)
    after = validate_file(filing, options, Catalogs(result.catalog))
    state = state_name(after.workflow, result.catalog, options.lang)
    message = _W["recorded"].format(
        options.lang, path=recorded.path, n=recorded.number, what=what, state=state
    )
    typer.echo(message)
    raise typer.Exit(0)


def _refused(refused: Exception, lang: str) -> None:
    from cjzn.review import Refused

    assert isinstance(refused, Refused)
    typer.echo("cjzn: " + refused.reason.format(lang, **refused.params), err=True)
    for d in refused.problems:
        typer.echo(f"  {d.file}:{d.line}:{d.column}  {d.code}  {d.message}", err=True)
        if d.hint:
            typer.echo(f"      {d.hint}", err=True)
    raise typer.Exit(1)
