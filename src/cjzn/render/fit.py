"""Which texts the one-page form shows, and which continue on the 附页.

Every text of the form has a `Slot` (its cell's inner width, lines and font,
from `cjzn.render.layout.GEOMETRY`). A text that needs more lines than its slot
has is never cut or shrunk: the cell says 详见附页 and the whole text is printed
once, on the 附页 — the 总体目标 under 一、总体目标, a key work's measures and
outcomes under 九、重点创建工作, every other text under 登记表续 at the start of
the 附页. A text is never printed on both.

Key works are shown in full in their order while they fit, each later one
counted by its title line; from the first that does not fit, the rest are
named by title with 详见附页 (and when even the titles do not fit, the last
line says how many more the 附页 holds).
"""

from __future__ import annotations

from cjzn.render.layout import GEOMETRY, Breaks, Geometry, Slot, segments
from cjzn.render.view import (
    SEE_APPENDIX,
    Continued,
    FormText,
    FormView,
    KeyWorkForm,
    View,
)

__all__ = ["NOTE_TRAILER", "fit_form", "outcomes_run_in"]

#: Appended to the catalog's note in the 创建工作方案 cell: the plan itself is on the 附页.
NOTE_TRAILER = "（全文见附页）"
#: The short form of a key work that continues on the 附页.
KEY_TRAILER = f"（{SEE_APPENDIX}）"

# field -> (first column, last column, the info row whose lines it has, break rule)
_FIELDS: dict[str, tuple[int, int, str, Breaks]] = {
    "unit": (1, 4, "unit_name", "text"),
    "leader.name": (2, 2, "leader", "text"),
    "leader.title": (4, 4, "leader", "text"),
    "leader.phone": (2, 4, "leader_phone", "text"),
    "contact.name": (2, 2, "contact", "text"),
    "contact.title": (4, 4, "contact", "text"),
    "contact.office_phone": (2, 2, "contact_phones", "text"),
    "contact.mobile": (4, 4, "contact_phones", "text"),
    "contact.email": (2, 2, "contact_email", "email"),
    "contact.postcode": (4, 4, "contact_email", "text"),
    "contact.address": (2, 4, "contact_address", "address"),
}


def outcomes_run_in(outcomes: list[str]) -> str:
    """`①… ②… ③…`: the expected outcomes as one paragraph (as Chinese forms list them)."""
    marks = [chr(0x2460 + i) if i < 20 else f"({i + 1})" for i in range(len(outcomes))]
    return "".join(f"{mark}{text.strip()}" for mark, text in zip(marks, outcomes, strict=True))


class _Placer:
    """Puts texts in their slots, or records them for 登记表续."""

    def __init__(self) -> None:
        self.texts: dict[str, FormText] = {}
        self.continued: list[Continued] = []

    def place(self, key: str, label: str, text: str, slot: Slot) -> None:
        if not text.strip() or slot.holds(text):
            pieces = segments(text, slot.breaks, slot.width_em)
            self.texts[key] = FormText(text, False, tuple(pieces))
        else:
            self.texts[key] = FormText(text, True)
            self.continued.append(Continued(label, text))


def _unit_texts(view: View, g: Geometry, placer: _Placer) -> None:
    """名称, 负责人 and 联系人: each value in its cell, or to 登记表续."""
    lines = dict(g.info_rows)
    values = {"unit": view.unit_name + (f"（{view.district}）" if view.district else "")}
    values |= {f"leader.{k}": v for k, v in view.leader.items()}
    values |= {f"contact.{k}": v for k, v in view.contact.items()}
    for key, (first, last, row, breaks) in _FIELDS.items():
        section = key.split(".")[0]
        if key == "unit":
            label = view.rows["unit_name"]
        else:
            label = f"{view.rows[section]} · {view.label(key)}"
        slot = g.slot(first, last, lines[row], breaks)
        placer.place(key, label, values.get(key, ""), slot)


def _sign_texts(view: View, g: Geometry, placer: _Placer) -> None:
    """The signature boxes in the form's order: typed signers (with --fill-signatures),
    dates not written as dates (drafts) and the two opinions."""
    rows = view.rows
    signer = Slot(g.signer_mm, 1, g.body)
    date = Slot(g.date_mm, 1, g.body)
    opinion = g.slot(1, 4, g.opinion_lines)
    date_label = view.label("reviews.district.date")
    unit, district, municipal = view.unit_sign, view.district_review, view.municipal_review
    places: list[tuple[str, str, str, Slot]] = [
        ("unit.signer", f"{rows['key_work']} · {rows['unit_signature']}", unit.signer, signer),
        ("unit.date", f"{rows['key_work']} · {date_label}", unit.date.raw, date),
        ("district.opinion", rows["district_review"], district.opinion, opinion),
        (
            "district.signer",
            f"{rows['district_review']} · {rows['district_signature']}",
            district.sign.signer,
            signer,
        ),
        (
            "district.date",
            f"{rows['district_review']} · {date_label}",
            district.sign.date.raw,
            date,
        ),
        ("municipal.opinion", rows["municipal_review"], municipal.opinion, opinion),
        (
            "municipal.date",
            f"{rows['municipal_review']} · {date_label}",
            municipal.sign.date.raw,
            date,
        ),
    ]
    for key, label, text, slot in places:
        placer.place(key, label, text, slot)


def _key_choices(view: View, slot: Slot) -> list[list[tuple[KeyWorkForm, int]]]:
    """Each key work's ways onto the form, best first, with the lines each takes:
    in full; without its outcomes; without its measures; by its title only."""
    measures_label = f"{view.label('key_work.*.measures')}："
    outcomes_label = f"{view.label('key_work.*.expected_outcomes')}："
    moved_line = slot.lines_for(SEE_APPENDIX, outcomes_label)
    choices = []
    for index, kw in enumerate(view.key_works, start=1):
        title = slot.lines_for(f"{index}. {kw.heading}".rstrip())
        measures = kw.measures if kw.measures.strip() else ""
        outcomes = outcomes_run_in(kw.outcomes)
        m = slot.lines_for(measures, measures_label) if measures else 0
        o = slot.lines_for(outcomes, outcomes_label) if outcomes else 0
        base = (index, kw.code, kw.display, kw.known)
        short = slot.lines_for(f"{index}. {kw.heading}{KEY_TRAILER}")
        ways = [(KeyWorkForm(*base, measures, outcomes), title + m + o)]
        if measures and outcomes:
            ways.append((KeyWorkForm(*base, measures, "", False, True), title + m + moved_line))
            ways.append((KeyWorkForm(*base, "", outcomes, True, False), title + moved_line + o))
        if measures or outcomes:
            ways.append((KeyWorkForm(*base, "", "", bool(measures), bool(outcomes)), short))
        choices.append(ways)
    return choices


def _key_works(view: View, g: Geometry) -> tuple[list[KeyWorkForm], int]:
    """The key works on the form and how many are not even named (too many to list).

    In order, each takes its best way that fits, the title lines of the ones after
    it kept free; when not even the titles fit, the last line says how many more.
    """
    slot = g.slot(1, 4, g.key_lines)
    choices = _key_choices(view, slot)
    shown: list[KeyWorkForm] = []
    used = 0
    for position, ways in enumerate(choices):
        rest = sum(later[-1][1] for later in choices[position + 1 :])
        fitting = [(work, lines) for work, lines in ways if used + lines + rest <= slot.lines]
        if fitting:
            work, lines = fitting[0]
        else:
            work, lines = ways[-1]
            more = 1 if position < len(choices) - 1 else 0  # the line saying how many are left
            if used + lines + more > slot.lines:
                return shown, len(choices) - position
        shown.append(work)
        used += lines
    return shown, 0


def fit_form(view: View, geometry: Geometry = GEOMETRY) -> FormView:
    """Decide, with the page's geometry, what the form shows and what goes to the 附页."""
    placer = _Placer()
    _unit_texts(view, geometry, placer)
    _sign_texts(view, geometry, placer)
    note_lines = geometry.note_slot().lines_for(view.plan_note + NOTE_TRAILER)
    goal_slot = geometry.slot(1, 4, geometry.goal_lines(note_lines))
    goal = view.plan.overall_goal
    goal_prefix = f"{view.plan.part_titles.get('overall_goal', '')}："
    key_works, unlisted = _key_works(view, geometry)
    return FormView(
        labels={key: tuple(geometry.label(text)) for key, text in view.rows.items()},
        texts=placer.texts,
        goal_on_form=bool(goal.strip()) and goal_slot.holds(goal, goal_prefix),
        key_works=key_works,
        key_unlisted=unlisted,
        continued=placer.continued,
    )
