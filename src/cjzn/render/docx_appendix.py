"""The 附页 in Word: the full 创建工作方案, the basic and key work, the summary.

On a new page after the form: 登记表续 (the form's texts that did not fit
their cells), the optional parts written (指导思想, 工作原则), the plan's seven
parts in the guide's order (the titles come from the catalog), the plan's
further sections in the filing's order, then 基础性建设工作 as a table,
重点创建工作 with the guide's text, and 备查总结 once it (or an achieved outcome)
is written, with the expected and achieved outcomes side by side; the parts are
numbered 一、二、… in that order (`View.numbers`); the provenance line ends it. A part left empty says so (`（未填写）`)
rather than vanishing from the printout; a text the form shows is not repeated
(`（见登记表）`).
"""

from __future__ import annotations

from cjzn.render.docx_base import DocBuilder, covers, unit_text
from cjzn.render.view import AchievedView, KeyWorkView

__all__ = ["add_appendix"]

_MISSING = "（未填写）"


def add_appendix(b: DocBuilder) -> None:
    """The 附页 after a page break, ending with the provenance footer."""
    v = b.view
    heading = b.heading(f"附页：{v.label('plan')}", 1)
    heading.paragraph_format.page_break_before = True
    b.paragraph(b.doc, unit_text(v), align="center")
    _continued(b)
    _sections(b, "optional", v.plan.optional)
    _goals(b)
    _work_plan(b)
    _leading_body(b)
    _network_and_duties(b)
    _mechanisms(b)
    _sections(b, "extra", v.plan.extra)
    _basic_work(b)
    _key_work(b)
    _summary(b)
    b.footer()


def _continued(b: DocBuilder) -> None:
    """登记表续: the texts whose cells on the form say 详见附页."""
    continued = b.view.form.continued
    if not continued:
        return
    b.heading("登记表续", 2)
    b.grid(["栏目", "内容"], [[item.label, item.text] for item in continued], [50, 130])


def _numbered(b: DocBuilder, part: str, title: str) -> None:
    """A part's heading with its number in the 附页: `三、创建工作的总体目标`."""
    b.heading(f"{b.view.number(part)}、{title}", 2)


def _sections(b: DocBuilder, kind: str, sections: list[tuple[str, str]]) -> None:
    """The optional parts (before P1) or the further sections (after P7), each a heading and text."""
    for index, (title, text) in enumerate(sections):
        _numbered(b, f"{kind}.{index}", title or "（无标题）")
        b.paragraph(b.doc, text or _MISSING)


def _goals(b: DocBuilder) -> None:
    """一、总体目标 (unless the form shows it); 二、阶段性工作目标, one line per stage."""
    v, plan = b.view, b.view.plan
    _numbered(b, "overall_goal", plan.part_titles["overall_goal"])
    if v.form.goal_on_form:
        b.paragraph(b.doc, f"（见登记表“{v.rows['plan']}”栏）")
    else:
        b.paragraph(b.doc, plan.overall_goal or _MISSING)
    _numbered(b, "stage_goals", plan.part_titles["stage_goals"])
    for goal in plan.stage_goals:
        window = f"（{goal.window}）" if goal.window else ""
        b.paragraph(b.doc, goal.goal or _MISSING, bold_prefix=f"{goal.code} {goal.title}{window}：")


def _work_plan(b: DocBuilder) -> None:
    """三、创建工作计划: the tasks as a table."""
    v, plan = b.view, b.view.plan
    _numbered(b, "work_plan", plan.part_titles["work_plan"])
    if not plan.work_plan:
        b.paragraph(b.doc, _MISSING)
        return
    b.grid(
        [
            "序号",
            v.label("plan.work_plan.*.task"),
            v.label("plan.work_plan.*.start"),
            v.label("plan.work_plan.*.end"),
            v.label("plan.work_plan.*.covers"),
        ],
        [
            [str(i), t.task, t.start, t.end, covers(t.covers)]
            for i, t in enumerate(plan.work_plan, start=1)
        ],
        [12, 80, 22, 22, 40],
    )


def _leading_body(b: DocBuilder) -> None:
    """四、领导小组、协调机构或联席会议: its kind and head, then the members as a table."""
    v, plan = b.view, b.view.plan
    _numbered(b, "leading_body", plan.part_titles["leading_body"])
    b.paragraph(
        b.doc,
        f"{v.label('plan.leading_body.kind')}：{plan.leading_kind or '—'}　"
        f"{v.label('plan.leading_body.head')}：{plan.leading_head or '—'}",
    )
    if plan.members:
        b.grid(
            [
                "序号",
                v.label("plan.leading_body.members.*.name"),
                v.label("plan.leading_body.members.*.title"),
            ],
            [[str(i), m.name, m.title] for i, m in enumerate(plan.members, start=1)],
            [12, 40, 124],
        )


def _network_and_duties(b: DocBuilder) -> None:
    """五、工作网络构成; 六、职责分工 as a table."""
    v, plan = b.view, b.view.plan
    _numbered(b, "network", plan.part_titles["network"])
    b.paragraph(b.doc, plan.network or _MISSING)
    _numbered(b, "responsibilities", plan.part_titles["responsibilities"])
    if not plan.responsibilities:
        b.paragraph(b.doc, _MISSING)
        return
    b.grid(
        [
            v.label("plan.responsibilities.*.department"),
            v.label("plan.responsibilities.*.owner"),
            v.label("plan.responsibilities.*.duties"),
            v.label("plan.responsibilities.*.covers"),
        ],
        [[r.department, r.owner, r.duties, covers(r.covers)] for r in plan.responsibilities],
        [36, 22, 78, 40],
    )


def _mechanisms(b: DocBuilder) -> None:
    """七、制度和机制, numbered."""
    plan = b.view.plan
    _numbered(b, "mechanisms", plan.part_titles["mechanisms"])
    for index, mechanism in enumerate(plan.mechanisms, start=1):
        b.paragraph(b.doc, f"{index}. {mechanism}")
    if not plan.mechanisms:
        b.paragraph(b.doc, _MISSING)


def _basic_work(b: DocBuilder) -> None:
    """八、基础性建设工作: every item of the guide, with the filing's measures and status."""
    v = b.view
    _numbered(b, "basic_work", v.label("basic_work"))
    b.grid(
        [
            "编号",
            "项目",
            v.label("basic_work.*.measures"),
            v.label("basic_work.*.status"),
            v.label("basic_work.*.evidence"),
        ],
        [
            [
                item.code,
                item.title,
                item.measures or ("" if item.listed else _MISSING),
                item.status_label,
                "\n".join(item.evidence),
            ]
            for item in v.basic
        ],
        [16, 30, 70, 18, 42],
    )


def _key_work(b: DocBuilder) -> None:
    """九、重点创建工作: each with the guide's text and what the form could not hold."""
    v = b.view
    _numbered(b, "key_work", v.label("key_work"))
    for index, kw in enumerate(v.key_works):
        b.heading(f"{index + 1}. {kw.heading}", 3)
        if kw.guide_text:
            b.paragraph(b.doc, kw.guide_text, size=10.5)
        _key_work_rest(b, index, kw)
    if not v.key_works:
        b.paragraph(b.doc, _MISSING)


def _key_work_rest(b: DocBuilder, index: int, kw: KeyWorkView) -> None:
    """A key work's measures and outcomes here, or a note that the form shows them."""
    v = b.view
    measures, outcomes = v.label("key_work.*.measures"), v.label("key_work.*.expected_outcomes")
    shown = v.form.key_work(index)
    measures_here = shown is None or shown.measures_moved
    outcomes_here = shown is None or shown.outcomes_moved
    if not measures_here and not outcomes_here:
        b.paragraph(b.doc, f"（{measures}和{outcomes}见登记表）")
    elif measures_here:
        b.paragraph(b.doc, kw.measures, bold_prefix=f"{measures}：")
    elif kw.measures:
        b.paragraph(b.doc, f"（{measures}见登记表）")
    if outcomes_here and kw.outcomes:
        b.paragraph(b.doc, "", bold_prefix=f"{outcomes}：")
        for n, outcome in enumerate(kw.outcomes, start=1):
            b.paragraph(b.doc, f"　{n}. {outcome}")
    elif measures_here and kw.outcomes:
        b.paragraph(b.doc, f"（{outcomes}见登记表）")


def _summary(b: DocBuilder) -> None:
    """备查总结 and its date, once the summary (or an achieved outcome) is written; then the
    key works' expected and achieved outcomes side by side, and the basic work's outcomes."""
    v = b.view
    if not v.has_summary_part:
        return
    _numbered(b, "summary", v.label("summary"))
    b.paragraph(b.doc, v.summary_text or "（总结未填写）")
    if v.summary_date.filled or v.summary_date.raw:
        b.paragraph(b.doc, f"{v.label('summary.written_on')}：{v.summary_date.iso}", align="right")
    if v.records_outcomes:
        _outcomes(b)


def _achieved(items: list[AchievedView], evidence: str) -> str:
    lines = [
        f"{n}. {a.outcome or '（未写成效）'}"
        + (f"（{evidence}：{'、'.join(a.evidence)}）" if a.evidence else "")
        for n, a in enumerate(items, start=1)
    ]
    return "\n".join(lines) or _MISSING


def _outcomes(b: DocBuilder) -> None:
    """The key works' 预计成效 beside their 实际成效; each basic work item's 实际成效."""
    v = b.view
    expected, achieved = (
        v.label("key_work.*.expected_outcomes"),
        v.label("key_work.*.achieved_outcomes"),
    )
    evidence = v.label("key_work.*.achieved_outcomes.*.evidence")
    b.heading(f"{v.label('key_work')}：{expected}与{achieved}", 3)
    rows = [
        [
            kw.heading,
            "\n".join(f"{n}. {o}" for n, o in enumerate(kw.outcomes, start=1)) or _MISSING,
            _achieved(kw.achieved, evidence),
        ]
        for kw in v.key_works
    ]
    b.grid([v.label("key_work.*"), expected, achieved], rows, [40, 60, 76])
    b.heading(f"{v.label('basic_work')}：{v.label('basic_work.*.achieved_outcomes')}", 3)
    rows = [[item.code, item.title, _achieved(item.achieved, evidence)] for item in v.basic]
    b.grid(["编号", "项目", v.label("basic_work.*.achieved_outcomes")], rows, [16, 34, 126])
