"""`cjzn status`: where each filing stands on the guide's timeline, and what falls due next.

One library call (`collect_status`) validates the filings (so the error counts
are `validate`'s) and evaluates each one's timeline with `cjzn.stages.evaluate`,
the same function the stage rules use. Renderers: a rich timeline for one
filing, a table sorted by urgency for several, and a stable JSON document
(`STATUS_JSON_VERSION`, documented in docs/stages.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from cjzn.catalog import Catalog
from cjzn.rules.base import Options
from cjzn.rules.stages import timeline as rule_timeline
from cjzn.stages import (
    DueReason,
    PositionKind,
    RequirementResult,
    RequirementStatus,
    StageResult,
    StageState,
    Timeline,
    days_phrase,
    effective_as_of,
    gap_message,
    requirement_text,
    stage_name,
    text_at,
)
from cjzn.validate import FileResult, rule_context, validate_paths

#: Bumped only if a key of the JSON document is renamed or removed (adding keys is compatible).
STATUS_JSON_VERSION = 1
#: Items of one requirement listed in the text timeline (JSON lists them all).
TEXT_GAP_LIMIT = 5


@dataclass
class FilingStatus:
    """One filing: validation result plus its timeline (None when it could not be read)."""

    result: FileResult
    timeline: Timeline | None
    unit: str = ""
    district: str = ""

    @property
    def errors(self) -> int:
        return self.result.errors

    @property
    def warnings(self) -> int:
        return self.result.warnings

    @property
    def overdue(self) -> int:
        return self.timeline.overdue_count if self.timeline else 0

    @property
    def urgency(self) -> tuple[int, date, str]:
        """Sort key, most urgent first.

        Unreadable filings (no timeline) need attention most, then filings with
        errors or overdue requirements, then the rest; within each group the
        nearest deadline first, complete filings last, then by file.
        """
        if self.timeline is None:
            rank = 0
        elif self.overdue or self.errors:
            rank = 1
        else:
            rank = 2
        upcoming = self.timeline.next_deadline if self.timeline else None
        return (rank, upcoming.stage.end if upcoming else date.max, self.result.file)


@dataclass
class StatusReport:
    as_of: date
    options: Options
    filings: list[FilingStatus] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """1 when any filing has errors (due-and-missing requirements are errors), else 0."""
        return 1 if any(f.errors or f.overdue for f in self.filings) else 0


def status_of(result: FileResult, options: Options, as_of: date | None = None) -> FilingStatus:
    """The timeline of one validated filing, as of `as_of` (default: the options' date).

    Evaluated the way the stage rules evaluate it (`cjzn.rules.stages.timeline`).
    """
    when = as_of or effective_as_of(options.as_of)
    key = result.unit  # None when the name or the district is blank: then read what is written
    data = result.document.data if result.document is not None else None
    status = FilingStatus(
        result=result,
        timeline=None,
        unit=key.name if key is not None else text_at(data, ("unit", "name")),
        district=key.district if key is not None else text_at(data, ("unit", "district")),
    )
    context = rule_context(result, replace(options, as_of=when))
    if context is not None:
        status.timeline = rule_timeline(context)
    return status


def collect_status(
    paths: Sequence[Path], options: Options, catalog_path: Path | None = None
) -> StatusReport:
    """Validate `paths` and place every filing on its round's timeline, most urgent first.

    Raises `UsageError` / `CatalogError` like `validate_paths`.
    """
    as_of = effective_as_of(options.as_of)
    run = Options(lang=options.lang, as_of=as_of, stage=options.stage, strict=options.strict)
    report = validate_paths(paths, run, catalog_path)
    filings = [status_of(result, run, as_of) for result in report.results]
    filings.sort(key=lambda f: f.urgency)
    return StatusReport(as_of=as_of, options=run, filings=filings)


# ---------------------------------------------------------------------------
# Words shared by the renderers and the validate summary
# ---------------------------------------------------------------------------


_STATUS_WORDS = {
    RequirementStatus.DONE: ("已完成", "done"),
    RequirementStatus.MISSING: ("未完成", "missing"),
    RequirementStatus.DUE_SOON: ("即将截止", "due soon"),
    RequirementStatus.OVERDUE: ("已到期未完成", "overdue"),
    RequirementStatus.UNCHECKED: ("需人工核对", "not checked by cjzn"),
}
_STATUS_MARKS = {
    RequirementStatus.DONE: ("✔", "green"),
    RequirementStatus.MISSING: ("○", "dim"),
    RequirementStatus.DUE_SOON: ("!", "yellow"),
    RequirementStatus.OVERDUE: ("✘", "red"),
    RequirementStatus.UNCHECKED: ("?", "cyan"),
}
_STATE_WORDS = {
    StageState.UPCOMING: ("未开始", "not started"),
    StageState.RUNNING: ("进行中", "running"),
    StageState.CLOSED: ("已截止", "closed"),
}
_DUE_WORDS = {
    DueReason.DEADLINE: ("要求已到期", "requirements due"),
    DueReason.SELECTED: ("按 --stage 视为到期", "due by --stage"),
    DueReason.FILED: ("已备案，要求已到期", "filed: requirements due"),
}


def _pick(words: tuple[str, str], lang: str) -> str:
    return words[1] if lang == "en" else words[0]


def requirement_word(requirement: RequirementResult, stage: StageResult, lang: str) -> str:
    """`已完成` / `还有 12 天截止` / `已到期未完成` ..."""
    if requirement.status is RequirementStatus.DUE_SOON:
        return days_phrase(stage.days_left, lang, deadline=True)
    return _pick(_STATUS_WORDS[requirement.status], lang)


def where_it_stands(timeline: Timeline, catalog: Catalog, lang: str) -> str:
    """One sentence: the stage the filing is in (by the calendar) and what falls due next."""
    en = lang == "en"
    as_of = timeline.as_of.isoformat()
    position = timeline.position
    current = position.stage
    if position.kind is PositionKind.COMPLETE or current is None:
        return (
            f"Stages as of {as_of}: every requirement of every stage is met."
            if en
            else f"阶段（截至 {as_of}）：各阶段的要求均已完成。"
        )
    name = stage_name(current.stage, catalog, lang)
    start = current.stage.start.isoformat()
    if position.kind is PositionKind.NOT_STARTED:
        head = (
            f"Stages as of {as_of}: not started yet, {name} starts on {start}"
            if en
            else f"阶段（截至 {as_of}）：尚未开始，{name}于 {start} 开始"
        )
    elif position.kind is PositionKind.MET_SO_FAR:
        head = (
            f"Stages as of {as_of}: in {name}, all requirements met so far"
            if en
            else f"阶段（截至 {as_of}）：处于{name}，已开始阶段的要求均已完成"
        )
    else:
        head = f"Stages as of {as_of}: in {name}" if en else f"阶段（截至 {as_of}）：处于{name}"
    parts = [head]
    upcoming = timeline.next_deadline
    if upcoming is not None:
        open_here = sum(1 for r in upcoming.requirements if r.open)
        up_name = stage_name(upcoming.stage, catalog, lang)
        end = upcoming.stage.end.isoformat()
        if upcoming.days_left < 0:
            parts.append(
                f"{up_name} closed on {end} with {open_here} requirement(s) unmet"
                if en
                else f"{up_name}已于 {end} 截止，尚有 {open_here} 项要求未完成"
            )
        else:
            parts.append(
                f"next deadline: {up_name} on {end} ({days_phrase(upcoming.days_left, lang)}), "
                f"{open_here} requirement(s) open"
                if en
                else f"下一个截止：{up_name}{end}（{days_phrase(upcoming.days_left, lang)}），"
                f"尚有 {open_here} 项要求未完成"
            )
    others = timeline.overdue_count - (
        sum(1 for r in upcoming.requirements if r.status is RequirementStatus.OVERDUE)
        if upcoming is not None
        else 0
    )
    if others > 0:
        parts.append(
            f"{others} more requirement(s) of later stages overdue"
            if en
            else f"其后阶段另有 {others} 项要求已到期未完成"
        )
    return ("; ".join(parts) + ".") if en else ("；".join(parts) + "。")


def stage_summary(result: FileResult, options: Options) -> str | None:
    """The validate text summary's stage line for one filing (None when it has no timeline)."""
    status = status_of(result, options)
    if status.timeline is None or result.catalog is None:
        return None
    return where_it_stands(status.timeline, result.catalog, options.lang)


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def _requirement_json(
    requirement: RequirementResult, stage: StageResult, status: FilingStatus, lang: str
) -> dict[str, Any]:
    catalog = status.result.catalog
    document = status.result.document
    assert catalog is not None and document is not None
    missing = []
    for gap in requirement.gaps:
        line, column = document.locate(gap.path)
        missing.append(
            {
                "path": ".".join(str(part) for part in gap.path),
                "line": line,
                "column": column,
                "message": gap_message(gap, catalog, lang),
            }
        )
    return {
        "id": requirement.id,
        "text": requirement_text(requirement.id, catalog, lang),
        "status": requirement.status.value,
        "days_left": stage.days_left,
        "missing": missing,
    }


def filing_json(status: FilingStatus, lang: str) -> dict[str, Any]:
    """One filing of the status JSON (keys documented in docs/stages.md)."""
    timeline = status.timeline
    catalog = status.result.catalog
    stages: list[dict[str, Any]] = []
    current = next_up = None
    position: str | None = None
    if timeline is not None and catalog is not None:
        current, next_up = timeline.current, timeline.next_deadline
        position = timeline.position.kind.value
        for stage in timeline.stages:
            stages.append(
                {
                    "code": stage.stage.code,
                    "title": stage.stage.title_en if lang == "en" else stage.stage.title,
                    "start": stage.stage.start.isoformat(),
                    "end": stage.stage.end.isoformat(),
                    "state": stage.state.value,
                    "due": stage.due.value if stage.due else None,
                    "days_left": stage.days_left,
                    "complete": stage.complete,
                    "requirements": [
                        _requirement_json(r, stage, status, lang) for r in stage.requirements
                    ],
                }
            )
    return {
        "file": status.result.file,
        "unit": status.unit or None,
        "district": status.district or None,
        "round": catalog.round if catalog else None,
        "current_stage": current.stage.code if current else None,
        "position": position,
        "complete": timeline is not None and current is None,
        "open": timeline.open_count if timeline else None,
        "overdue": timeline.overdue_count if timeline else None,
        "next_deadline": (
            {
                "stage": next_up.stage.code,
                "date": next_up.stage.end.isoformat(),
                "days_left": next_up.days_left,
            }
            if next_up
            else None
        ),
        "errors": status.errors,
        "warnings": status.warnings,
        "stages": stages,
    }


def as_json(report: StatusReport) -> dict[str, Any]:
    """The whole status document: `{"version", "as_of", "files", "filings": [...]}`."""
    lang = report.options.lang
    return {
        "version": STATUS_JSON_VERSION,
        "as_of": report.as_of.isoformat(),
        "files": len(report.filings),
        "filings": [filing_json(status, lang) for status in report.filings],
    }


def write_json(report: StatusReport, stream: TextIO) -> None:
    stream.write(json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------


def write_text(report: StatusReport, stream: TextIO) -> None:
    """A timeline for one filing, a table sorted by urgency for several."""
    from rich.console import Console

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    if len(report.filings) == 1:
        _timeline(console, report.filings[0], report.options.lang)
    else:
        if not console.is_terminal:
            console.width = max(console.width, 160)
        _table(console, report)


def _title(status: FilingStatus, lang: str) -> str:
    if not status.unit:
        return "（未填写单位）" if lang != "en" else "(no unit)"
    if not status.district:
        return status.unit
    return (
        f"{status.unit}（{status.district}）"
        if lang != "en"
        else f"{status.unit} ({status.district})"
    )


def _timeline(console: Any, status: FilingStatus, lang: str) -> None:
    from rich.markup import escape

    en = lang == "en"
    console.print(f"[bold]{escape(_title(status, lang))}[/]  [dim]{escape(status.result.file)}[/]")
    timeline, catalog = status.timeline, status.result.catalog
    if timeline is None or catalog is None:
        console.print(
            f"[red]{status.errors} error(s): the filing cannot be placed on the timeline; "
            "run cjzn validate[/]"
            if en
            else f"[red]有 {status.errors} 个错误，无法判断所处阶段；请先运行 cjzn validate[/]"
        )
        return
    console.print(escape(where_it_stands(timeline, catalog, lang)))
    console.print()
    for stage in timeline.stages:
        mark, colour = (
            ("✔", "green")
            if stage.complete
            else ("✘", "red")
            if stage.due is not None
            else ("!", "yellow")
            if stage.warns
            else ("●", "cyan")
            if stage.state is StageState.RUNNING
            else ("○", "dim")
        )
        window = (
            f"{stage.stage.start} – {stage.stage.end}"
            if en
            else f"{stage.stage.start} 至 {stage.stage.end}"
        )
        state = _pick(_STATE_WORDS[stage.state], lang)
        if stage.state is StageState.RUNNING:
            state += (
                f", {days_phrase(stage.days_left, lang)}"
                if en
                else f"，{days_phrase(stage.days_left, lang)}"
            )
        if stage.due is not None:
            due = _pick(_DUE_WORDS[stage.due], lang)
            state += f"; {due}" if en else f"；{due}"
        console.print(
            f"[bold {colour}]{mark}[/] [bold]{escape(stage_name(stage.stage, catalog, lang))}[/]"
            f"  {escape(window)}  [dim]{escape(state)}[/]"
        )
        for requirement in stage.requirements:
            r_mark, r_colour = _STATUS_MARKS[requirement.status]
            text = requirement_text(requirement.id, catalog, lang)
            word = requirement_word(requirement, stage, lang)
            console.print(
                f"    [{r_colour}]{r_mark}[/] {escape(text)}  [{r_colour}]{escape(word)}[/]"
            )
            for gap in requirement.gaps[:TEXT_GAP_LIMIT]:
                console.print(f"        [dim]· {escape(gap_message(gap, catalog, lang))}[/]")
            more = len(requirement.gaps) - TEXT_GAP_LIMIT
            if more > 0:
                console.print(
                    f"        [dim]… and {more} more (cjzn validate lists all)[/]"
                    if en
                    else f"        [dim]… 另有 {more} 项（cjzn validate 列出全部）[/]"
                )
    console.print()
    console.print(
        f"{status.errors} error(s), {status.warnings} warning(s)"
        if en
        else f"共 {status.errors} 个错误、{status.warnings} 个警告"
    )


def _stage_cell(timeline: Timeline, lang: str) -> str:
    """`S1 启动备案` / `S2 落实分工（至今均已完成）` / `未开始` / `全部完成`."""
    en = lang == "en"
    position = timeline.position
    current = position.stage
    if position.kind is PositionKind.COMPLETE or current is None:
        return "all met" if en else "全部完成"
    if position.kind is PositionKind.NOT_STARTED:
        return "not started" if en else "未开始"
    title = current.stage.title_en if en else current.stage.title
    cell = f"{current.stage.code} {title}"
    if position.kind is PositionKind.MET_SO_FAR:
        cell += " (met so far)" if en else "（至今均已完成）"
    return cell


def _table(console: Any, report: StatusReport) -> None:
    from rich.markup import escape
    from rich.table import Table

    lang = report.options.lang
    en = lang == "en"
    heads = (
        ("street/town", "district", "current stage", "open", "next deadline", "errors", "warnings", "file")
        if en
        else ("街道（乡镇）", "区县", "当前阶段", "未完成要求", "下一个截止", "错误", "警告", "文件")
    )  # fmt: skip
    table = Table(
        title=(f"Filings as of {report.as_of}" if en else f"截至 {report.as_of} 的备案进度"),
        title_justify="left",
    )
    for head in heads:
        table.add_column(head, no_wrap=head in heads[:2])
    for status in report.filings:
        timeline, catalog = status.timeline, status.result.catalog
        upcoming = timeline.next_deadline if timeline else None
        stage_cell = "—" if timeline is None or catalog is None else _stage_cell(timeline, lang)
        if upcoming is None:
            deadline_cell = "—"
        else:
            when = days_phrase(upcoming.days_left, lang)
            deadline_cell = f"{upcoming.stage.code} {upcoming.stage.end} ({when})"
            if not en:
                deadline_cell = f"{upcoming.stage.code} {upcoming.stage.end}（{when}）"
            if upcoming.days_left < 0:
                deadline_cell = f"[red]{deadline_cell}[/]"
        open_cell = "—" if timeline is None else str(timeline.open_count)
        if timeline is not None and timeline.overdue_count:
            overdue = (
                f"{timeline.overdue_count} overdue" if en else f"{timeline.overdue_count} 项已到期"
            )
            open_cell += f" ({overdue})" if en else f"（{overdue}）"
        table.add_row(
            escape(status.unit) or "—",
            escape(status.district) or "—",
            escape(stage_cell),
            open_cell,
            deadline_cell,
            f"[red]{status.errors}[/]" if status.errors else "0",
            str(status.warnings),
            escape(status.result.file),
        )
    console.print(table)
    failing = sum(1 for f in report.filings if f.errors or f.overdue)
    total = len(report.filings)
    console.print(
        f"{total} filing(s), {failing} with errors or overdue requirements."
        if en
        else f"共 {total} 份备案，其中 {failing} 份有错误或到期未完成的要求。"
    )
