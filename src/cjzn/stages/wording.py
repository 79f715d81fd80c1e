"""The guide's words for stages, deadlines and what is missing, for every output.

`validate`'s T messages, the one-line summary, `cjzn status` and `cjzn report`
word the timeline here, once: `第一阶段（启动备案）`, `还有 15 天截止`,
`缺少 街道（乡镇）联系人 · 手机号码`.
"""

from __future__ import annotations

from typing import Any

from cjzn.guide import Catalog, Stage
from cjzn.guide.labels import SEPARATOR, describe
from cjzn.i18n import Msg, join, quote
from cjzn.load import PathKey
from cjzn.stages.calendar import DueReason, StageState
from cjzn.stages.gaps import Gap
from cjzn.stages.timeline import (
    PositionKind,
    RequirementResult,
    RequirementStatus,
    StageResult,
    Timeline,
)
from cjzn.text import zh_number

__all__ = [
    "DUE_WORDS",
    "STATE_WORDS",
    "STATUS_WORDS",
    "days_phrase",
    "gap_label",
    "gap_message",
    "requirement_text",
    "requirement_word",
    "stage_name",
    "stage_title",
    "where_it_stands",
]

STATUS_WORDS = {
    RequirementStatus.DONE: Msg("已完成", "done"),
    RequirementStatus.MISSING: Msg("未完成", "missing"),
    RequirementStatus.DUE_SOON: Msg("即将截止", "due soon"),
    RequirementStatus.OVERDUE: Msg("已到期未完成", "overdue"),
    RequirementStatus.UNCHECKED: Msg("需人工核对", "not checked by cjzn"),
}
STATE_WORDS = {
    StageState.UPCOMING: Msg("未开始", "not started"),
    StageState.RUNNING: Msg("进行中", "running"),
    StageState.CLOSED: Msg("已截止", "closed"),
}
DUE_WORDS = {
    DueReason.DEADLINE: Msg("要求已到期", "requirements due"),
    DueReason.SELECTED: Msg("按 --stage 视为到期", "due by --stage"),
    DueReason.FILED: Msg("已备案，要求已到期", "filed: requirements due"),
}

_STAGE_NAME = Msg("第{number}阶段（{title}）", "stage {code} ({title})")
_DUE_TODAY = Msg("今天截止", "due today")
_OVERDUE_DAYS = Msg("已过 {n} 天", "{n} day(s) overdue")
_DUE_IN = Msg("还有 {n} 天截止", "due in {n} day(s)")
_LEFT = Msg("还有 {n} 天", "{n} day(s) left")

_GAPS = {
    "not_done": Msg("{label} 为{shown}，应为{done}", "{label} is {shown}, should be {done}"),
    "not_done_blank": Msg("{label} 未填写，应为{done}", "{label} should be {done}"),
    "no_evidence": Msg("{item} 已完成，但没有列出存档材料", "{item} is done but lists no evidence"),
    "outcome_no_evidence": Msg("{item} 没有列出存档材料", "{item} lists no evidence"),
    "file_missing": Msg("存档材料文件不存在：{value}（{label}）", "evidence file {value} does not exist ({label})"),
    "not_a_file": Msg("存档材料 {value} 是文件夹，不是文件（{label}）", "evidence {value} is a folder, not a file ({label})"),
    "outside": Msg("{label}：{value}", "{label}: {value}"),
    "uncovered": Msg("以下工作没有部门分工负责：{names}", "no responsibility covers {names}"),
    "missing": Msg("缺少 {label}", "missing: {label}"),
}  # fmt: skip


def stage_title(stage: Stage, lang: str = "zh") -> str:
    """The stage's own title: `启动备案` / `Start and filing`."""
    return Msg(stage.title, stage.title_en).get(lang)


def stage_name(stage: Stage, catalog: Catalog, lang: str = "zh") -> str:
    """`第一阶段（启动备案）` / `stage S1 (Start and filing)`: the guide's way of naming a stage."""
    codes = catalog.stage_codes()
    number = codes.index(stage.code) + 1 if stage.code in codes else 0
    title = stage_title(stage, lang)
    return _STAGE_NAME.format(lang, number=zh_number(number), code=stage.code, title=title)


def days_phrase(days: int, lang: str = "zh", *, deadline: bool = False) -> str:
    """How far a deadline is: `还有 15 天` / `今天截止` / `已过 3 天`; with `deadline`,
    said of what falls due: `还有 15 天截止`."""
    if days == 0:
        return _DUE_TODAY.get(lang)
    if days < 0:
        return _OVERDUE_DAYS.format(lang, n=-days)
    return (_DUE_IN if deadline else _LEFT).format(lang, n=days)


def gap_label(path: PathKey, catalog: Catalog, lang: str = "zh", data: Any = None) -> str:
    """The guide's name for a path; a plan part is named by its P code and title, a key work
    (with the filing's `data`) by its code and title or its own title."""
    if len(path) == 2 and path[0] == "plan":
        part = next((p for p in catalog.plan_parts if p.key == path[1]), None)
        if part is not None:
            plan = describe(("plan",), catalog, lang)
            return f"{plan}{SEPARATOR}{part.code} {catalog.title(part.code, lang)}"
    return describe(path, catalog, lang, data)


def _status_word(value: str | None, catalog: Catalog, lang: str) -> str:
    if value is None:
        return ""
    text = catalog.enums.status.get(value)
    return quote(text.get(lang) if text is not None else value, lang)


def gap_message(gap: Gap, catalog: Catalog, lang: str = "zh", data: Any = None) -> str:
    """What is missing, in the guide's terms: `缺少 街道（乡镇）联系人 · 手机号码`."""
    label = gap_label(gap.path, catalog, lang, data)
    params = {"label": label, "value": gap.value}
    kind = gap.kind if gap.kind in _GAPS else "missing"
    if kind == "not_done":
        shown = _status_word(gap.value, catalog, lang)
        done = _status_word("done", catalog, lang)
        kind = "not_done" if shown else "not_done_blank"
        params.update(shown=shown, done=done)
    elif kind in ("no_evidence", "outcome_no_evidence"):
        params["item"] = describe(gap.path[:-1], catalog, lang, data)
    elif kind == "uncovered":
        params["names"] = join((f"{c} {catalog.title(c, lang)}".strip() for c in gap.codes), lang)
    return _GAPS[kind].format(lang, **params)


def requirement_text(requirement: str, catalog: Catalog, lang: str = "zh") -> str:
    """The catalog's wording of a requirement id (the id itself when it has none)."""
    text = catalog.requirements.get(requirement)
    return text.get(lang) if text is not None else requirement


def requirement_word(requirement: RequirementResult, stage: StageResult, lang: str) -> str:
    """`已完成` / `还有 12 天截止` / `已到期未完成` ..."""
    if requirement.status is RequirementStatus.DUE_SOON:
        return days_phrase(stage.days_left, lang, deadline=True)
    return STATUS_WORDS[requirement.status].get(lang)


# fmt: off
_ALL_MET = Msg("阶段（截至 {as_of}）：各阶段的要求均已完成。", "Stages as of {as_of}: every requirement of every stage is met.")
_HEADS = {
    PositionKind.NOT_STARTED: Msg("阶段（截至 {as_of}）：尚未开始，{name}于 {start} 开始", "Stages as of {as_of}: not started yet, {name} starts on {start}"),
    PositionKind.MET_SO_FAR: Msg("阶段（截至 {as_of}）：处于{name}，已开始阶段的要求均已完成", "Stages as of {as_of}: in {name}, all requirements met so far"),
    PositionKind.OPEN: Msg("阶段（截至 {as_of}）：处于{name}", "Stages as of {as_of}: in {name}"),
}
_CLOSED_UNMET = Msg("{name}已于 {end} 截止，尚有 {n} 项要求未完成", "{name} closed on {end} with {n} requirement(s) unmet")
_NEXT = Msg("下一个截止：{name}{end}（{days}），尚有 {n} 项要求未完成", "next deadline: {name} on {end} ({days}), {n} requirement(s) open")
_LATER_OVERDUE = Msg("其后阶段另有 {n} 项要求已到期未完成", "{n} more requirement(s) of later stages overdue")
_SENTENCE = Msg("{parts}。", "{parts}.")
# fmt: on
_CLAUSES = Msg("；", "; ")


def where_it_stands(timeline: Timeline, catalog: Catalog, lang: str) -> str:
    """One sentence: the stage the filing is in (by the calendar) and what falls due next."""
    as_of = timeline.as_of.isoformat()
    position = timeline.position
    current = position.stage
    if position.kind is PositionKind.COMPLETE or current is None:
        return _ALL_MET.format(lang, as_of=as_of)
    name = stage_name(current.stage, catalog, lang)
    start = current.stage.start.isoformat()
    parts = [_HEADS[position.kind].format(lang, as_of=as_of, name=name, start=start)]
    upcoming = timeline.next_deadline
    if upcoming is not None:
        open_here = sum(1 for r in upcoming.requirements if r.open)
        params = {
            "name": stage_name(upcoming.stage, catalog, lang),
            "end": upcoming.stage.end.isoformat(),
            "n": open_here,
            "days": days_phrase(upcoming.days_left, lang),
        }
        parts.append((_CLOSED_UNMET if upcoming.days_left < 0 else _NEXT).format(lang, **params))
    here = upcoming.requirements if upcoming is not None else []
    others = timeline.overdue_count - sum(1 for r in here if r.status is RequirementStatus.OVERDUE)
    if others > 0:
        parts.append(_LATER_OVERDUE.format(lang, n=others))
    return _SENTENCE.format(lang, parts=_CLAUSES.get(lang).join(parts))
