"""`cjzn review`: record a decision or an evaluation, show a trail, move inline reviews out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cjzn.cli.common import (
    AllowEmptyOption,
    AsOfOption,
    CatalogOption,
    ConfigFileOption,
    ExcludeOption,
    Lang,
    LangOption,
    NoConfigOption,
    PathsArgument,
    fail_usage,
    parse_date_option,
    run_options,
    say_skipped,
    selection,
    usage_errors,
)
from cjzn.cli.frame import bi
from cjzn.i18n import Msg

if TYPE_CHECKING:
    from cjzn.check import Selection
    from cjzn.options import Options
    from cjzn.review import Migrated

HELP = bi(
    "记录区县和市教委的审核决定、评估和命名。"
    "决定写入备案文件旁的审核记录文件（天平路街道.district-review.yaml、"
    "天平路街道.municipal-review.yaml），追加在最后，同时记下备案文件当时的校验值。"
    "备案文件还有错误时不能同意（可退回修改，或加 --force）；不合审核顺序的记录不写入。"
    "备案文件按 --as-of（没有时按 --date）那天的期限检查。"
    "--show 显示审核记录，--migrate 把备案文件中的 reviews: 移到审核记录文件。"
    "\n退出码：0 已记录，1 未记录（备案有错误或顺序不对；--show 有无法读取的文件或审核记录有错误；"
    "--migrate 有没能移动的 reviews:），2 用法错误。",
    "Record the district's and the city's decisions, evaluations and naming. "
    "A decision goes into the review file beside the filing (X.district-review.yaml, "
    "X.municipal-review.yaml), appended at the end with the checksum of the filing at the "
    "time. A filing with errors cannot be approved (return it, or --force); an entry out of "
    "order is not written. The filing is judged as of --as-of, else --date. --show prints the "
    "trail, --migrate moves a filing's inline reviews: into review files."
    "\nExit 0 when recorded, 1 when refused (errors in the filing, or out of order; --show: a "
    "file that cannot be read or errors in the review files; --migrate: a reviews: left in "
    "place), 2 on a usage error.",
)


class Level(str, Enum):
    district = "district"
    municipal = "municipal"


class Decision(str, Enum):
    approve = "approve"
    return_ = "return"


_W = {
    "one": Msg("记录审核决定或评估时只能给一份备案文件", "give exactly one filing to record a decision"),
    "what": Msg(
        "请用 --decision approve|return 记录审核决定，或用 --evaluation S3|S4 --result 记录评估；"
        "--show 显示审核记录",
        "use --decision approve|return, or --evaluation S3|S4 with --result; --show shows the trail",
    ),
    "both": Msg("--decision 和 --evaluation 不能同时使用", "--decision and --evaluation exclude each other"),
    "level": Msg("审核决定要写明 --level district 或 --level municipal", "a decision needs --level district or --level municipal"),
    "signer": Msg("审核决定要有负责人签字：--signed-by 姓名", "a decision needs its signer: --signed-by NAME"),
    "eval_level": Msg("评估由市教委记录：--level municipal", "the city records evaluations: --level municipal"),
    "migrated": Msg("{filing}：reviews: 已移到 {files}", "{filing}: reviews: moved to {files}"),
    "emptied": Msg("{filing}：reviews: 是空的（没有任何审核意见），已从备案文件中删去", "{filing}: reviews: was empty (no review in it) and is removed from the filing"),
    "nothing": Msg("没有需要移动的 reviews:", "no inline reviews: to move"),
    "cannot": Msg("cjzn: {path}：无法写入审核记录：{why}", "cjzn: {path}: cannot write its review files: {why}"),
}  # fmt: skip

LevelOption = Annotated[
    Level | None,
    typer.Option(
        "--level",
        metavar="district|municipal",
        help=bi(
            "审核的层级：district 区县教育行政部门，municipal 市教委。",
            "Who decides: district (education bureau) or municipal (the city).",
        ),
    ),
]
DecisionOption = Annotated[
    Decision | None,
    typer.Option(
        "--decision",
        metavar="approve|return",
        help=bi(
            "审核决定：approve 同意，return 退回修改。",
            "The decision: approve (同意) or return (退回修改).",
        ),
    ),
]
OpinionOption = Annotated[
    str | None,
    typer.Option(
        "--opinion",
        metavar=bi("文字", "TEXT"),
        help=bi("意见（指导意见）。", "The opinion (guidance)."),
    ),
]
FromProblemsOption = Annotated[
    bool,
    typer.Option(
        "--opinion-from-problems",
        help=bi(
            "在意见后附上 cjzn 检查备案文件发现的问题（逐条，带行号），用于退回修改。",
            "Append the problems cjzn finds in the filing (numbered, with lines) to the opinion.",
        ),
    ),
]
SignedByOption = Annotated[
    str | None,
    typer.Option(
        "--signed-by",
        metavar=bi("姓名", "NAME"),
        help=bi(
            "负责人签字（姓名）；评估时为记录人。", "Who signs (for an evaluation: who records it)."
        ),
    ),
]
SealedOption = Annotated[
    bool, typer.Option("--sealed", help=bi("已盖公章。", "The official seal is affixed."))
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar=bi("日期", "DATE"),
        help=bi(
            "决定或评估的日期（默认今天，上海时间）；没有 --as-of 时，备案文件的阶段期限也按这一天检查。",
            "Date of the decision or evaluation (default: today in Shanghai); without --as-of, "
            "the filing's deadlines are judged as of this day too.",
        ),
    ),
]
EvaluationOption = Annotated[
    str | None,
    typer.Option(
        "--evaluation",
        metavar="S3|S4",
        help=bi(
            "记录市教委的评估：S3 提前评估，S4 正式评估。",
            "Record the city's evaluation: S3 early, S4 final.",
        ),
    ),
]
ResultOption = Annotated[
    str | None,
    typer.Option(
        "--result", metavar="通过|不通过|暂缓", help=bi("评估结果。", "The evaluation's result.")
    ),
]
TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        metavar=bi("称号", "TITLE"),
        help=bi(
            "评估通过时命名的称号，例如 上海市社区教育示范街镇。", "The title conferred on a pass."
        ),
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option(
        "--note", metavar=bi("文字", "TEXT"), help=bi("评估的说明。", "A note on the evaluation.")
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=bi(
            "备案文件有错误或记录不合顺序时也写入。",
            "Write even when the filing has errors or the entry is out of order.",
        ),
    ),
]
ShowOption = Annotated[
    bool,
    typer.Option(
        "--show",
        help=bi(
            "显示备案文件的审核记录和流程状态，不写入。",
            "Show the filings' review trail and workflow state; write nothing.",
        ),
    ),
]
MigrateOption = Annotated[
    bool,
    typer.Option(
        "--migrate",
        help=bi(
            "把备案文件中的 reviews: 移到审核记录文件。",
            "Move the filings' inline reviews: into review files.",
        ),
    ),
]


def review(
    paths: PathsArgument,
    level: LevelOption = None,
    decision: DecisionOption = None,
    opinion: OpinionOption = None,
    opinion_from_problems: FromProblemsOption = False,
    signed_by: SignedByOption = None,
    sealed: SealedOption = False,
    on: DateOption = None,
    evaluation: EvaluationOption = None,
    result: ResultOption = None,
    title: TitleOption = None,
    note: NoteOption = None,
    force: ForceOption = False,
    show: ShowOption = False,
    migrate: MigrateOption = False,
    as_of: AsOfOption = None,
    lang: LangOption = Lang.zh,
    catalog: CatalogOption = None,
    config: ConfigFileOption = None,
    no_config: NoConfigOption = False,
    exclude: ExcludeOption = None,
    allow_empty: AllowEmptyOption = False,
) -> None:
    """Record a decision or an evaluation, show the trail, or migrate inline reviews."""
    # imported when the command runs: the other commands start without it
    from cjzn.review import Request

    # as_of None: the decision's --date (Request.day)
    options = run_options(lang, as_of, config, no_config)
    if show or migrate:
        (_show if show else _migrate)(paths, options, catalog, selection(exclude, allow_empty))
    if len(paths) != 1:
        fail_usage(_W["one"])
    if decision is not None and evaluation is not None:
        fail_usage(_W["both"])
    if decision is None and evaluation is None:
        fail_usage(_W["what"])
    if decision is not None and level is None:
        fail_usage(_W["level"])
    if decision is not None and not (signed_by or "").strip():
        fail_usage(_W["signer"])
    if evaluation is not None and level is Level.district:
        fail_usage(_W["eval_level"])
    request = Request(
        level=level.value if level is not None else "municipal",
        decision=decision.value if decision is not None else None,
        opinion=opinion, quote_problems=opinion_from_problems, signed_by=signed_by,
        sealed=sealed, day=parse_date_option(on, "--date"), evaluation=evaluation,
        result=result, title=title, note=note, force=force,
    )  # fmt: skip
    _record(paths[0], request, options, catalog)


def _record(filing: Path, request: object, options: Options, catalog: Path | None) -> None:
    # imported when the command runs: the other commands start without it
    from cjzn.review import Refused, Request, review_filing

    assert isinstance(request, Request)
    with usage_errors():
        try:
            typer.echo(review_filing(filing, request, options, catalog))
        except Refused as refused:
            typer.echo("cjzn: " + refused.reason.format(options.lang, **refused.params), err=True)
            for d in refused.problems:
                typer.echo(f"  {d.file}:{d.line}:{d.column}  {d.code}  {d.message}", err=True)
                if d.hint:
                    typer.echo(f"      {d.hint}", err=True)
            raise typer.Exit(1) from None
    raise typer.Exit(0)


def _show(paths: list[Path], options: Options, catalog: Path | None, chosen: Selection) -> None:
    # imported when the command runs: the other commands start without it
    from cjzn.check import validate_paths
    from cjzn.review import shown_in_full, trail_text

    with usage_errors():
        report = validate_paths(paths, options, catalog, selection=chosen)
    say_skipped(report.skipped, options.lang)
    typer.echo("\n".join(trail_text(r, options.lang) for r in report.results), nl=False)
    raise typer.Exit(0 if all(shown_in_full(r) for r in report.results) else 1)


def _migrate(paths: list[Path], options: Options, catalog: Path | None, chosen: Selection) -> None:
    # imported when the command runs: the other commands start without it
    from cjzn.review import migrate_paths, write

    with usage_errors():
        run = migrate_paths(paths, options, catalog, chosen)
        for migrated in run.done:
            try:
                write(migrated)
            except OSError as exc:  # a review file there already, a read-only folder …
                from cjzn.fileio import os_reason  # imported when a write failed: start-up time

                why = os_reason(exc, options.lang)
                typer.echo(
                    _W["cannot"].format(options.lang, path=migrated.filing, why=why), err=True
                )
                raise typer.Exit(1) from None
            _say_migrated(migrated, options.lang)
    for line in run.skipped:
        typer.echo(line, err=True)
    if not run.done and not run.skipped:
        typer.echo(_W["nothing"].get(options.lang))
    raise typer.Exit(1 if run.skipped else 0)  # a filing left with its reviews: is refused


def _say_migrated(migrated: Migrated, lang: str) -> None:
    if migrated.emptied:
        typer.echo(_W["emptied"].format(lang, filing=migrated.filing))
        return
    files = "、".join(str(p) for p in migrated.writes if p != migrated.filing)
    typer.echo(_W["migrated"].format(lang, filing=migrated.filing, files=files))
    for note in migrated.notes:
        typer.echo(f"  {note}")
