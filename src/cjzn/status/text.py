"""`cjzn status` for people: a timeline for one filing, a table sorted by urgency for several."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from cjzn.check import FileResult
from cjzn.guide import Catalog
from cjzn.i18n import Msg, join
from cjzn.stages import (
    PositionKind,
    RequirementStatus,
    StageResult,
    StageState,
    Timeline,
    days_phrase,
    gap_message,
    requirement_text,
    requirement_word,
    stage_name,
    where_it_stands,
)
from cjzn.stages.wording import DUE_WORDS, STATE_WORDS, stage_title
from cjzn.status.collect import FilingStatus, StatusReport
from cjzn.status.workflow import state_label, workflow_counts
from cjzn.text import visible

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["TEXT_GAP_LIMIT", "render_text", "timeline_cells"]


def _escape(text: str) -> str:
    """User and catalog text for rich: markup escaped, controls and bidi overrides shown."""
    from rich.markup import escape  # rich only for the text output

    return escape(visible(text))


#: Items of one requirement listed in the text timeline (JSON lists them all).
TEXT_GAP_LIMIT = 5

_MARKS = {
    RequirementStatus.DONE: ("✔", "green"),
    RequirementStatus.MISSING: ("○", "dim"),
    RequirementStatus.DUE_SOON: ("!", "yellow"),
    RequirementStatus.OVERDUE: ("✘", "red"),
    RequirementStatus.UNCHECKED: ("?", "cyan"),
}
# fmt: off
_W = {
    "no_unit": Msg("（未填写单位）", "(no unit)"),
    "titled": Msg("{unit}（{district}）", "{unit} ({district})"),
    "unplaced": Msg("有 {n} 个错误，无法判断所处阶段；请先运行 cjzn validate", "{n} error(s): the filing cannot be placed on the timeline; run cjzn validate"),
    "window": Msg("{start} 至 {end}", "{start} – {end}"),
    "and": Msg("，{x}", ", {x}"),
    "then": Msg("；{x}", "; {x}"),
    "more": Msg("… 另有 {n} 项（cjzn validate 列出全部）", "… and {n} more (cjzn validate lists all)"),
    "counts": Msg("共 {errors} 个错误、{warnings} 个警告", "{errors} error(s), {warnings} warning(s)"),
    "all_met": Msg("全部完成", "all met"),
    "not_started": Msg("未开始", "not started"),
    "met_so_far": Msg("{cell}（至今均已完成）", "{cell} (met so far)"),
    "deadline": Msg("{code} {end}（{when}）", "{code} {end} ({when})"),
    "overdue": Msg("{open}（{n} 项已到期）", "{open} ({n} overdue)"),
    "title": Msg("截至 {as_of} 的备案进度", "Filings as of {as_of}"),
    "footer": Msg("共 {total} 份备案，其中 {failing} 份有错误或到期未完成的要求。", "{total} filing(s), {failing} with errors or overdue requirements."),
    "coverage": Msg("各区县备案情况（按街镇名册）", "Who has filed, per district (by the roster)"),
    "filed": Msg("已备案 {filed}/{total}", "filed {filed} of {total}"),
    "all_filed": Msg("全部已备案", "all filed"),
    "not_filed": Msg("未备案 {n}：{names}", "not filed ({n}): {names}"),
    "others": Msg("另有：{names}（不在本区县名册可备案的街镇之列）", "also: {names} (not among the district's units that file, by the roster)"),
    "unknown": Msg("（未知区县）{n} 份：{files}", "(unknown district) {n}: {files}"),
    "source": Msg("名册：{source}", "Roster: {source}"),
    "workflow": Msg("流程状态：{state}{changed}", "Workflow state: {state}{changed}"),
    "changed": Msg("（同意之后备案文件又修改过）", " (the filing changed after it was approved)"),
    "changed_short": Msg("（已改）", " (changed)"),
    "legend": Msg("（已改）：同意之后备案文件又修改过（W006），须重新审核", "(changed): the filing changed after it was approved (W006); it needs a new review"),
    "per_district": Msg("各区县流程状态", "Workflow states per district"),
    "config": Msg("仓库设置（cjzn.toml）中的豁免需要处理：", "Waivers in the repo's settings (cjzn.toml) that need a person:"),
}
_HEADS = (
    Msg("街道（乡镇）", "street/town"), Msg("区县", "district"), Msg("流程", "workflow"),
    Msg("当前阶段", "current stage"),
    Msg("未完成要求", "open"), Msg("下一个截止", "next deadline"), Msg("错误", "errors"),
    Msg("警告", "warnings"), Msg("文件", "file"),
)
# fmt: on


def render_text(report: StatusReport, *, color: bool = False, width: int = 160) -> str:
    """A timeline for one filing, a table sorted by urgency for several."""
    from rich.console import Console  # rich only for the text output

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=color, no_color=not color, highlight=False,
        soft_wrap=True, emoji=False, width=width,
    )  # fmt: skip
    if len(report.filings) == 1:
        _timeline(console, report.filings[0], report.options.lang)
        if report.searched_folders:
            _coverage(console, report)
    else:
        _table(console, report)
        _workflow(console, report)
        _coverage(console, report)
    _config_problems(console, report)
    return buffer.getvalue()


def _config_problems(console: Console, report: StatusReport) -> None:
    """The repo's waivers that need a person (C010 expired, C011 incomplete, C012 stale)."""
    if not report.config_problems:
        return
    lang = report.options.lang
    console.print()
    console.print(_escape(_W["config"].get(lang)))
    for problem in report.config_problems:
        word = problem.severity.word(lang)
        where = f"{problem.file}:{problem.line}:{problem.column}"
        console.print(f"  {_escape(where)}  {word}  {problem.code}  {_escape(problem.message)}")


def _state(status: FilingStatus, lang: str) -> str:
    return state_label(status.result.workflow, status.result.catalog, lang)


def _state_cell(status: FilingStatus, lang: str) -> str:
    """The table's 流程 cell: the state, marked `（已改）` when the filing changed after it
    was approved (the legend under the table says what that means)."""
    state = _state(status, lang)
    if state and status.result.changed_since_review:
        state += _W["changed_short"].get(lang)
    return state


def _workflow(console: Console, report: StatusReport) -> None:
    """Per district: how many filings are in each state of the workflow (states with none
    left out)."""
    lang, counts = report.options.lang, workflow_counts(report.filings)
    if not counts.districts:
        return
    console.print()
    console.print(f"[bold]{_escape(_W['per_district'].get(lang))}[/]")
    for district, found in counts.districts.items():
        parts = [
            f"{state_label(state, report.catalog, lang)} {n}" for state, n in found.items() if n
        ]
        console.print(f"  [bold]{_escape(district)}[/]  {_escape(join(parts, lang))}")


def _coverage(console: Console, report: StatusReport) -> None:
    """Per district: how many of the roster's units filed, and which have not."""
    lang, coverage = report.options.lang, report.coverage
    if not coverage.districts and not coverage.unknown_district:
        return
    console.print()
    console.print(f"[bold]{_escape(_W['coverage'].get(lang))}[/]")
    for district in coverage.districts:
        total, filed = len(district.expected), len(district.filed)
        colour = "green" if filed == total else "yellow"
        count = _W["filed"].format(lang, filed=filed, total=total)
        console.print(f"  [bold]{_escape(district.district)}[/]  [{colour}]{_escape(count)}[/]")
        if district.missing:
            names = join(district.missing, lang)
            line = _W["not_filed"].format(lang, n=len(district.missing), names=names)
            console.print(f"    {_escape(line)}")
        elif total:
            console.print(f"    {_escape(_W['all_filed'].get(lang))}")
        if district.others:
            console.print(
                f"    {_escape(_W['others'].format(lang, names=join(district.others, lang)))}"
            )
    if coverage.unknown_district:
        files = join(coverage.unknown_district, lang)
        line = _W["unknown"].format(lang, n=len(coverage.unknown_district), files=files)
        console.print(f"  [yellow]{_escape(line)}[/]")
    if coverage.source is not None:
        console.print(
            f"[dim]{_escape(_W['source'].format(lang, source=coverage.source.get(lang)))}[/]"
        )


def _title(status: FilingStatus, lang: str) -> str:
    if not status.unit:
        return _W["no_unit"].get(lang)
    if not status.district:
        return status.unit
    return _W["titled"].format(lang, unit=status.unit, district=status.district)


def _stage_mark(stage: StageResult) -> tuple[str, str]:
    if stage.complete:
        return "✔", "green"
    if stage.due is not None:
        return "✘", "red"
    if stage.warns:
        return "!", "yellow"
    if stage.state is StageState.RUNNING:
        return "●", "cyan"
    return "○", "dim"


def _stage_heading(stage: StageResult, catalog: Catalog, lang: str) -> str:
    mark, colour = _stage_mark(stage)
    start, end = stage.stage.start, stage.stage.end
    window = _W["window"].format(lang, start=start, end=end)
    state = STATE_WORDS[stage.state].get(lang)
    if stage.state is StageState.RUNNING:
        state += _W["and"].format(lang, x=days_phrase(stage.days_left, lang))
    if stage.due is not None:
        state += _W["then"].format(lang, x=DUE_WORDS[stage.due].get(lang))
    name = stage_name(stage.stage, catalog, lang)
    return (
        f"[bold {colour}]{mark}[/] [bold]{_escape(name)}[/]"
        f"  {_escape(window)}  [dim]{_escape(state)}[/]"
    )


def _requirements(
    console: Console, stage: StageResult, catalog: Catalog, lang: str, data: Any
) -> None:
    for requirement in stage.requirements:
        mark, colour = _MARKS[requirement.status]
        text = requirement_text(requirement.id, catalog, lang)
        word = requirement_word(requirement, stage, lang)
        console.print(f"    [{colour}]{mark}[/] {_escape(text)}  [{colour}]{_escape(word)}[/]")
        for gap in requirement.gaps[:TEXT_GAP_LIMIT]:
            console.print(f"        [dim]· {_escape(gap_message(gap, catalog, lang, data))}[/]")
        more = len(requirement.gaps) - TEXT_GAP_LIMIT
        if more > 0:
            console.print(f"        [dim]{_escape(_W['more'].format(lang, n=more))}[/]")


def _timeline(console: Console, status: FilingStatus, lang: str) -> None:
    console.print(
        f"[bold]{_escape(_title(status, lang))}[/]  [dim]{_escape(status.result.file)}[/]"
    )
    timeline, catalog = status.timeline, status.result.catalog
    if timeline is None or catalog is None:
        console.print(f"[red]{_escape(_W['unplaced'].format(lang, n=status.errors))}[/]")
        return
    console.print(_escape(where_it_stands(timeline, catalog, lang)))
    if status.result.workflow is not None:
        changed = _W["changed"].get(lang) if status.result.changed_since_review else ""
        state = _state(status, lang)
        console.print(_escape(_W["workflow"].format(lang, state=state, changed=changed)))
    console.print()
    for stage in timeline.stages:
        console.print(_stage_heading(stage, catalog, lang))
        document = status.result.document
        _requirements(console, stage, catalog, lang, document.data if document else None)
    console.print()
    console.print(_W["counts"].format(lang, errors=status.errors, warnings=status.warnings))


def _stage_cell(timeline: Timeline, lang: str) -> str:
    """`S1 启动备案` / `S2 落实分工（至今均已完成）` / `未开始` / `全部完成`."""
    position = timeline.position
    current = position.stage
    if position.kind is PositionKind.COMPLETE or current is None:
        return _W["all_met"].get(lang)
    if position.kind is PositionKind.NOT_STARTED:
        return _W["not_started"].get(lang)
    cell = f"{current.stage.code} {stage_title(current.stage, lang)}"
    if position.kind is PositionKind.MET_SO_FAR:
        return _W["met_so_far"].format(lang, cell=cell)
    return cell


def timeline_cells(result: FileResult, lang: str) -> tuple[str, str, str]:
    """The text table's stage, open-requirements and next-deadline cells (rich markup), which
    the timeline decides (made where the filing is checked when a run streams)."""
    timeline = result.timeline
    upcoming = timeline.next_deadline if timeline else None
    stage_cell = "—" if timeline is None or result.catalog is None else _stage_cell(timeline, lang)
    deadline_cell = "—"
    if upcoming is not None:
        when = days_phrase(upcoming.days_left, lang)
        deadline_cell = _W["deadline"].format(
            lang, code=upcoming.stage.code, end=upcoming.stage.end, when=when
        )
        if upcoming.days_left < 0:
            deadline_cell = f"[red]{deadline_cell}[/]"
    open_cell = "—" if timeline is None else str(timeline.open_count)
    if timeline is not None and timeline.overdue_count:
        open_cell = _W["overdue"].format(lang, open=open_cell, n=timeline.overdue_count)
    return _escape(stage_cell), open_cell, deadline_cell


def _row(status: FilingStatus, lang: str) -> list[str]:
    cells = status.facts.cells if status.facts and status.facts.cells else None
    stage_cell, open_cell, deadline_cell = cells or timeline_cells(status.result, lang)
    return [
        _escape(status.unit) or "—",
        _escape(status.district) or "—",
        _escape(_state_cell(status, lang)) or "—",
        stage_cell,
        open_cell,
        deadline_cell,
        f"[red]{status.errors}[/]" if status.errors else "0",
        str(status.warnings),
        _escape(status.result.file),
    ]


def _table(console: Console, report: StatusReport) -> None:
    from rich.table import Table  # rich only for the text output

    lang = report.options.lang
    table = Table(title=_W["title"].format(lang, as_of=report.as_of), title_justify="left")
    for number, head in enumerate(_HEADS):
        table.add_column(head.get(lang), no_wrap=number < 2)
    for status in report.filings:
        table.add_row(*_row(status, lang))
    console.print(table)
    if any(status.result.changed_since_review for status in report.filings):
        console.print(_escape(_W["legend"].get(lang)))
    failing = sum(1 for f in report.filings if f.errors or f.overdue)
    console.print(_W["footer"].format(lang, total=len(report.filings), failing=failing))
