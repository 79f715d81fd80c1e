"""The review trail of a filing as text (`cjzn review --show`): each level's decisions,
newest last, whether each was of the filing as it is now, the evaluations, and the
filing's workflow state."""

from __future__ import annotations

from cjzn.check import FileResult
from cjzn.diagnostics import Diagnostic
from cjzn.guide import Catalog
from cjzn.i18n import Msg
from cjzn.model import Decision, EvaluationRecord, ReviewTrail
from cjzn.rules.review import LEVEL_NAMES

__all__ = ["shown_in_full", "state_name", "trail_text"]

_W = {
    "head": Msg("{file}（{unit}）", "{file} ({unit})"),
    "state": Msg("流程状态：{state}{changed}", "Workflow state: {state}{changed}"),
    "changed": Msg("（同意之后备案文件又修改过）", " (the filing changed after it was approved)"),
    "level": Msg("{name}：{file}", "{name}: {file}"),
    "none": Msg("  （还没有记录）", "  (nothing recorded yet)"),
    "no_file": Msg("（没有审核记录文件）", "(no review file)"),
    "sealed": Msg("，已盖公章", ", sealed"),
    "opinion": Msg("意见：", "opinion: "),
    "same": Msg("审核的是当前的备案文件", "of the filing as it is now"),
    "other": Msg("审核的是备案文件的另一版本", "of another version of the filing"),
    "unknown": Msg("没有记录校验值，不知审核的是哪一版", "no checksum recorded: version unknown"),
    "evaluations": Msg("评估：", "Evaluations:"),
    "title": Msg("，命名为“{title}”", ", named “{title}”"),
    "note": Msg("说明：", "note: "),
    "inline": Msg(
        "审核意见写在备案文件的 reviews: 中（旧格式）；cjzn review --migrate 可移到审核记录文件",
        "the reviews are inline under reviews: (the old way); cjzn review --migrate moves them",
    ),
    "problems": Msg("审核记录的问题：", "Problems of the review files:"),
    "hint": Msg("提示：", "hint: "),
    "unreadable": Msg(
        "备案文件无法读取，不能显示审核记录：", "The filing cannot be read, so no trail is shown:"
    ),
    "no_state": Msg(
        "备案文件有错误，流程状态无法判断：",
        "The filing has errors; its workflow state is unknown:",
    ),
    "unread": Msg(
        "  （审核记录文件无法读取，见下面的问题）", "  (the review file cannot be read: see below)"
    ),
}
_TITLES = {
    "district": Msg("区县教育行政部门指导意见", "the district education authority's guidance"),
    "municipal": Msg("上海市教育委员会意见", "the Municipal Education Commission's opinion"),
}


def state_name(code: str | None, catalog: Catalog, lang: str) -> str:
    """The catalog's name of a workflow state (the code itself when the catalog has none)."""
    if code is None:
        return ""
    text = catalog.review.states.get(code)
    return text.get(lang) if text is not None else code


def shown_in_full(result: FileResult) -> bool:
    """Whether the trail of `result` can be shown with nothing in error: the filing read
    and modelled, every review file read, none of their problems an error."""
    trail = result.trail or ReviewTrail()
    if result.filing is None or trail.unread:
        return False
    return not any(d.is_error for d in _review_problems(result, trail))


def trail_text(result: FileResult, lang: str) -> str:
    """The whole trail of one filing (see the module's doc); a filing that cannot be read or
    modelled is shown with the located problems why (the ones `cjzn validate` gives)."""
    catalog = result.catalog
    trail = result.trail or ReviewTrail()
    unit = result.unit.name if result.unit is not None else ""
    lines = [_W["head"].format(lang, file=result.file, unit=unit) if unit else result.file]
    if result.filing is None:
        unreadable = result.document is None
        lines.append(_W["unreadable" if unreadable else "no_state"].get(lang))
        own = [d for d in result.diagnostics if d.file == result.file and d.is_error]
        lines += [_problem(d, lang, hint=True) for d in own]
        if unreadable:
            return "\n".join(lines) + "\n"
    elif catalog is not None:
        changed = _W["changed"].get(lang) if result.changed_since_review else ""
        state = state_name(result.workflow, catalog, lang)
        lines.append(_W["state"].format(lang, state=state, changed=changed))
    if trail.inline:
        lines.append(_W["inline"].get(lang))
    for level in LEVEL_NAMES:
        file = trail.files.get(level) or _W["no_file"].get(lang)
        lines += ["", _W["level"].format(lang, name=_TITLES[level].get(lang), file=file)]
        decisions = trail.of(level)
        lines += [_decision(n, d, trail, lang) for n, d in enumerate(decisions, 1)] or [
            _W["unread" if level in trail.unread else "none"].get(lang)
        ]
    if trail.evaluations:
        lines += ["", _W["evaluations"].get(lang)]
        lines += [_evaluation(n, e, lang) for n, e in enumerate(trail.evaluations, 1)]
    problems = _review_problems(result, trail)
    if problems:
        lines += ["", _W["problems"].get(lang)]
        lines += [_problem(d) for d in problems]
    return "\n".join(lines) + "\n"


def _review_problems(result: FileResult, trail: ReviewTrail) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.file in trail.files.values()]


def _problem(diagnostic: Diagnostic, lang: str = "zh", hint: bool = False) -> str:
    """`file:line:column  CODE  message` (and the hint below it, as `cjzn validate` has it)."""
    d = diagnostic
    text = f"  {d.file}:{d.line}:{d.column}  {d.code}  {d.message}"
    if hint and d.hint:
        text += "\n      " + _W["hint"].get(lang) + d.hint.replace("\n", "\n      ")
    return text


def _decision(n: int, decision: Decision, trail: ReviewTrail, lang: str) -> str:
    day = decision.date.isoformat() if decision.date else "????-??-??"
    sealed = _W["sealed"].get(lang) if decision.sealed else ""
    recorded = (decision.filing_sha256 or "").strip().lower()
    version = "unknown" if not recorded else ("same" if recorded == trail.sha256 else "other")
    text = f"  {n}. {day}  {decision.decision or '?'}  {decision.signed_by or '?'}{sealed}"
    text += f"  [{_W[version].get(lang)}]"
    if decision.opinion:
        indent = "\n" + " " * 7
        text += "\n     " + _W["opinion"].get(lang) + decision.opinion.replace("\n", indent)
    return text


def _evaluation(n: int, evaluation: EvaluationRecord, lang: str) -> str:
    day = evaluation.date.isoformat() if evaluation.date else "????-??-??"
    title = _W["title"].format(lang, title=evaluation.title) if evaluation.title else ""
    text = f"  {n}. {day}  {evaluation.stage or '?'}  {evaluation.result or '?'}{title}"
    if evaluation.signed_by:
        text += f"  {evaluation.signed_by}"
    if evaluation.note:
        text += "\n     " + _W["note"].get(lang) + evaluation.note
    return text
