"""The 备案登记表 in Word: the attachment's table with its merged cells, on one A4 page.

Row by row as on the guide's attachment: 名称, 负责人, 联系人, 以往参加实验街镇
工作经历, 创建工作方案, 重点创建工作及预计成效 (with the unit's signature),
区县指导意见, 市教委意见. Every length comes from `cjzn.render.layout` (the
same page as the HTML and PDF) and every row has an exact height, so the form
is one page in Word, WPS and LibreOffice alike; what does not fit its cell is
on the 附页 (`View.form`, decided by `cjzn.render.fit`). The three signature
boxes are rows of their own under their text, without a line between, so the
room for ink and stamp never shrinks.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from cjzn.render.docx_base import (
    BODY_FONT,
    TITLE_FONT,
    DocBuilder,
    cell_margins,
    child,
    date_text,
    fix_widths,
    set_font,
)
from cjzn.render.fit import NOTE_TRAILER
from cjzn.render.layout import GEOMETRY
from cjzn.render.view import SEE_APPENDIX, DateParts, FormText
from cjzn.text import xml_safe

__all__ = ["FORM_ROWS", "add_form"]

#: The table's rows: 0 名称 … 8 创建工作方案, then text and signature rows for the
#: key work (9, 10), the district (11, 12) and the city (13, 14).
FORM_ROWS = 15
_RED = RGBColor(0xCC, 0, 0)
_ZWSP = "\u200b"  # a break opportunity Word, WPS and LibreOffice honour
_BLANK = "＿＿＿＿＿＿"
_SIZE = GEOMETRY.body.pt
_LINE = GEOMETRY.body.line_pt

Cells = list[list[Any]]


def add_form(b: DocBuilder) -> Any:
    """The form: `附件：` (with the DRAFT mark), its title, the table."""
    _head(b)
    table = b.doc.add_table(rows=FORM_ROWS, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell_margins(table, *GEOMETRY.pad)
    cells = [[table.cell(r, c) for c in range(5)] for r in range(FORM_ROWS)]
    _unit_rows(b, cells)
    _plan_row(b, cells)
    _key_work_rows(b, cells)
    _review_rows(b, cells)
    fix_widths(table, GEOMETRY.columns)
    for index, height in enumerate(_heights()):
        table.rows[index].height = Mm(height)
        table.rows[index].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    return table


def _heights() -> list[float]:
    g = GEOMETRY
    info = g.info_mm()
    leader, contact = info["leader"], info["contact"]
    rows = [info["unit_name"], leader, info["leader_phone"], contact, info["contact_phones"]]
    rows += [info["contact_email"], info["contact_address"], info["prior_rounds"], g.plan_mm]
    for height in (g.key_mm, g.review_mm, g.review_mm):
        rows += [round(height - g.sign_mm, 2), g.sign_mm]
    return rows


def _head(b: DocBuilder) -> None:
    """`附件：` with the DRAFT mark at the right, then the title (together GEOMETRY.head_mm)."""
    head = b.paragraph(b.doc, "附件：", size=_SIZE, line_pt=_LINE * 1.3)
    if b.view.is_draft:
        head.paragraph_format.tab_stops.add_tab_stop(
            Mm(GEOMETRY.text_width), WD_TAB_ALIGNMENT.RIGHT
        )
        errors = b.view.errors
        run = head.add_run(xml_safe(f"\t草稿 · 未通过校验：共 {errors} 个错误"))
        set_font(run, TITLE_FONT, 8.5)
        run.bold = True
        run.font.color.rgb = _RED
    title = b.paragraph(b.doc, "", align="center", line_pt=GEOMETRY.title_pt * 1.3)
    run = title.add_run(xml_safe(b.view.title))
    run.bold = True
    set_font(run, TITLE_FONT, GEOMETRY.title_pt)
    title.paragraph_format.space_before = Mm(1.5)
    title.paragraph_format.space_after = Mm(2)


def _label(b: DocBuilder, cell: Any, key: str) -> None:
    """A row label of the first column, in its balanced lines."""
    para = b.paragraph(cell, "", align="center", size=_SIZE, first=True, line_pt=_LINE)
    for number, line in enumerate(b.view.form.label(key)):
        if number:
            para.runs[-1].add_break()  # the label's next line
        run = para.add_run(xml_safe(line))
        set_font(run, BODY_FONT, _SIZE)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _head_cell(b: DocBuilder, cell: Any, text: str) -> None:
    b.paragraph(cell, text, align="center", size=_SIZE, first=True, line_pt=_LINE)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _value(b: DocBuilder, cell: Any, text: FormText) -> None:
    """A value: its text with break opportunities, or a bold 详见附页."""
    para = b.paragraph(cell, "", size=_SIZE, first=True, line_pt=_LINE)
    run = para.add_run(xml_safe(_ZWSP.join(text.parts)))
    set_font(run, BODY_FONT, _SIZE)
    run.bold = text.moved
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _unit_rows(b: DocBuilder, cells: Cells) -> None:
    """Rows 0-7: 名称, 负责人 (two rows), 联系人 (four rows), 以往参加实验街镇工作经历."""
    v, form = b.view, b.view.form
    _label(b, cells[0][0], "unit_name")
    _value(b, cells[0][1].merge(cells[0][4]), form.text("unit"))
    _label(b, cells[1][0].merge(cells[2][0]), "leader")
    _label(b, cells[3][0].merge(cells[6][0]), "contact")
    pairs = [
        (1, "leader.name", "leader.title"),
        (3, "contact.name", "contact.title"),
        (4, "contact.office_phone", "contact.mobile"),
        (5, "contact.email", "contact.postcode"),
    ]
    for row, left, right in pairs:
        _head_cell(b, cells[row][1], v.label(left))
        _value(b, cells[row][2], form.text(left))
        _head_cell(b, cells[row][3], v.label(right))
        _value(b, cells[row][4], form.text(right))
    for row, key in ((2, "leader.phone"), (6, "contact.address")):
        _head_cell(b, cells[row][1], v.label(key))
        _value(b, cells[row][2].merge(cells[row][4]), form.text(key))
    _label(b, cells[7][0], "prior_rounds")
    boxes = "　　".join(f"{box.mark} {box.label}" for box in v.prior_boxes)
    _value(b, cells[7][1].merge(cells[7][4]), FormText(boxes))


def _plan_row(b: DocBuilder, cells: Cells) -> None:
    """Row 8: the catalog's note, then the 总体目标 (or 详见附页)."""
    v = b.view
    _label(b, cells[8][0], "plan")
    plan = cells[8][1].merge(cells[8][4])
    note = GEOMETRY.note
    para = b.paragraph(
        plan, v.plan_note + NOTE_TRAILER, size=note.pt, first=True, line_pt=note.line_pt
    )
    for run in para.runs:
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    goal = v.plan.overall_goal
    if goal:
        prefix = f"{v.plan.part_titles['overall_goal']}："
        shown = goal if v.form.goal_on_form else SEE_APPENDIX
        para = b.paragraph(plan, shown, bold_prefix=prefix, size=_SIZE, line_pt=_LINE)
        if not v.form.goal_on_form:
            para.runs[-1].bold = True


def _joined(upper: Any, lower: Any) -> None:
    """No line between a box's text and its signature row: one box on paper."""
    for cell, side in ((upper, "bottom"), (lower, "top")):
        borders = child(cell._tc.get_or_add_tcPr(), "w:tcBorders")
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)


def _box(b: DocBuilder, cells: Cells, row: int, key: str) -> tuple[Any, Any]:
    """A label over two rows, a text cell and a signature cell below it."""
    _label(b, cells[row][0].merge(cells[row + 1][0]), key)
    text = cells[row][1].merge(cells[row][4])
    sign = cells[row + 1][1].merge(cells[row + 1][4])
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    sign.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _joined(text, sign)
    return text, sign


def _run_in(b: DocBuilder, cell: Any, label: str, text: str, first: bool) -> None:
    """`工作措施：…` with the label bold; a moved text reads 详见附页 in bold."""
    para = b.paragraph(
        cell, text or SEE_APPENDIX, bold_prefix=label, size=_SIZE, first=first, line_pt=_LINE
    )
    if not text:
        para.runs[-1].bold = True


def _key_work_rows(b: DocBuilder, cells: Cells) -> None:
    """Rows 9-10: the key works as the form shows them, then the unit's signature and seal."""
    v, form = b.view, b.view.form
    text, sign = _box(b, cells, 9, "key_work")
    measures = f"{v.label('key_work.*.measures')}："
    outcomes = f"{v.label('key_work.*.expected_outcomes')}："
    first = True
    for kw in form.key_works:
        title = f"{kw.index}. {kw.heading}" + (f"（{SEE_APPENDIX}）" if kw.moved else "")
        b.paragraph(text, "", bold_prefix=title, size=_SIZE, first=first, line_pt=_LINE)
        first = False
        if kw.measures or (kw.measures_moved and not kw.moved):
            _run_in(b, text, measures, kw.measures, False)
        if kw.outcomes or (kw.outcomes_moved and not kw.moved):
            _run_in(b, text, outcomes, kw.outcomes, False)
    if form.key_unlisted:
        rest = f"其余 {form.key_unlisted} 项{SEE_APPENDIX}"
        b.paragraph(text, "", bold_prefix=rest, size=_SIZE, first=first, line_pt=_LINE)
    signer = _ink(form.text("unit.signer"))
    sealed = "（已盖章）" if v.unit_sign.sealed else _BLANK
    line = f"{v.rows['unit_signature']}：{signer}　{v.rows['seal']}：{sealed}"
    _sign(b, sign, line, _date(v.unit_sign.date, form.text("unit.date")))


def _ink(text: FormText) -> str:
    return text.shown if text.text else _BLANK


def _date(parts: DateParts, text: FormText) -> str:
    return text.shown if parts.raw and not parts.filled else date_text(parts)


def _sign(b: DocBuilder, cell: Any, line: str, date: str) -> None:
    """The signature line (room for ink) and the date, right-aligned at the foot of the box."""
    para = b.paragraph(cell, line, align="right", size=_SIZE, first=True, line_pt=27)
    para.paragraph_format.space_before = Mm(2)
    b.paragraph(cell, date, align="right", size=_SIZE, line_pt=20)


def _review_rows(b: DocBuilder, cells: Cells) -> None:
    """Rows 11-14: 区县教育行政部门指导意见 and 上海市教育委员会意见, each over its signature."""
    v, form = b.view, b.view.form
    text, sign = _box(b, cells, 11, "district_review")
    if v.district_review.opinion:
        _value(b, text, form.text("district.opinion"))
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    signer = _ink(form.text("district.signer"))
    sealed = "（已盖章）" if v.district_review.sign.sealed else _BLANK
    line = f"{v.rows['district_signature']}：{signer}　{v.rows['seal']}：{sealed}"
    date = v.district_review.sign.date
    _sign(b, sign, line, _date(date, form.text("district.date")))
    text, sign = _box(b, cells, 13, "municipal_review")
    if v.municipal_review.opinion:
        _value(b, text, form.text("municipal.opinion"))
    text.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    date = v.municipal_review.sign.date
    _sign(b, sign, v.municipal_signer, _date(date, form.text("municipal.date")))
