"""The 备案登记表 in Word: the attachment's 12-row table with its merged cells.

Row by row as on the guide's attachment: 名称, 负责人, 联系人, 以往参加实验街镇
工作经历, 创建工作方案, 重点创建工作及预计成效 (with the unit's signature),
区县指导意见, 市教委意见. Every label comes from the view; the cells are real
Word cells so an office can make a last correction in Word or WPS.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.shared import Mm, RGBColor

from cjzn.render.docx_base import TITLE_FONT, DocBuilder, date_text, set_font, unit_text
from cjzn.text import xml_safe

__all__ = ["FORM_COLUMNS", "add_form"]

# Column widths of the form (mm), summing to the text width of A4 with 17 mm margins.
FORM_COLUMNS = (30.0, 21.0, 50.0, 21.0, 54.0)
# Minimum heights (mm) of the rows written in by hand or holding long text.
_ROW_HEIGHTS = ((8, 34), (9, 60), (10, 32), (11, 32))
_RED = RGBColor(0xCC, 0, 0)

Cells = list[list[Any]]


def add_form(b: DocBuilder) -> Any:
    """The form: `附件：`, its title, a DRAFT line for a filing with errors, the table, the footer."""
    _title(b)
    if b.view.is_draft:
        _draft_warning(b)
    table = b.doc.add_table(rows=12, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = [[table.cell(r, c) for c in range(5)] for r in range(12)]
    for row in table.rows:
        for index, width in enumerate(FORM_COLUMNS):
            row.cells[index].width = Mm(width)
    _unit_rows(b, cells)
    _plan_rows(b, cells)
    _key_work_row(b, cells)
    _review_rows(b, cells)
    for index, height in _ROW_HEIGHTS:
        table.rows[index].height = Mm(height)
        table.rows[index].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    b.footer()
    return table


def _title(b: DocBuilder) -> None:
    b.paragraph(b.doc, "附件：")
    title = b.paragraph(b.doc, "", align="center")
    run = title.add_run(xml_safe(b.view.title))
    run.bold = True
    set_font(run, TITLE_FONT, 16)
    title.paragraph_format.space_after = Mm(3)


def _draft_warning(b: DocBuilder) -> None:
    errors = b.view.errors
    warn = b.paragraph(
        b.doc,
        f"草稿 · 未通过校验：共 {errors} 个错误。运行 cjzn validate 查看详情。"
        f" / DRAFT · failed validation: {errors} error(s).",
        align="center",
    )
    for run in warn.runs:
        run.bold = True
        run.font.color.rgb = _RED


def _unit_rows(b: DocBuilder, cells: Cells) -> None:
    """Rows 0-6: 名称, 负责人 (two rows), 联系人 (four rows)."""
    v, label = b.view, b.set_cell
    # row 0: 名称
    label(cells[0][0], v.rows["unit_name"], center=True)
    label(cells[0][1].merge(cells[0][4]), unit_text(v))
    # rows 1-2: 负责人
    label(cells[1][0].merge(cells[2][0]), v.rows["leader"], center=True)
    label(cells[1][1], v.label("leader.name"), center=True)
    label(cells[1][2], v.leader["name"])
    label(cells[1][3], v.label("leader.title"), center=True)
    label(cells[1][4], v.leader["title"])
    label(cells[2][1], v.label("leader.phone"), center=True)
    label(cells[2][2].merge(cells[2][4]), v.leader["phone"])
    # rows 3-6: 联系人
    label(cells[3][0].merge(cells[6][0]), v.rows["contact"], center=True)
    pairs = [
        (3, "name", "title"),
        (4, "office_phone", "mobile"),
        (5, "email", "postcode"),
    ]
    for row, left, right in pairs:
        label(cells[row][1], v.label(f"contact.{left}"), center=True)
        label(cells[row][2], v.contact[left])
        label(cells[row][3], v.label(f"contact.{right}"), center=True)
        label(cells[row][4], v.contact[right])
    label(cells[6][1], v.label("contact.address"), center=True)
    label(cells[6][2].merge(cells[6][4]), v.contact["address"])


def _plan_rows(b: DocBuilder, cells: Cells) -> None:
    """Row 7: 以往参加实验街镇工作经历; row 8: 创建工作方案 (the goal, the rest in the 附页)."""
    v, label = b.view, b.set_cell
    label(cells[7][0], v.rows["prior_rounds"], center=True)
    label(
        cells[7][1].merge(cells[7][4]),
        "　　".join(f"{box.mark} {box.label}" for box in v.prior_boxes),
    )
    label(cells[8][0], v.rows["plan"], center=True)
    plan = cells[8][1].merge(cells[8][4])
    b.paragraph(plan, v.plan_note, size=10.5, first=True)
    if v.plan.overall_goal:
        b.paragraph(
            plan,
            v.plan.overall_goal,
            bold_prefix=f"{v.plan.part_titles['overall_goal']}：",
            size=10.5,
        )
    b.paragraph(plan, "", bold_prefix=f"（{v.label('plan')}全文见附页）", size=10.5)


def _key_work_row(b: DocBuilder, cells: Cells) -> None:
    """Row 9: 本轮的重点创建工作及预计成效, then the unit's signature and seal."""
    v = b.view
    b.set_cell(cells[9][0], v.rows["key_work"], center=True)
    key = cells[9][1].merge(cells[9][4])
    measures = f"{v.label('key_work.*.measures')}："
    outcomes = f"{v.label('key_work.*.expected_outcomes')}："
    for index, kw in enumerate(v.key_works, start=1):
        heading = f"{index}. {kw.code} {kw.title}"
        b.paragraph(key, "", bold_prefix=heading, size=10.5, first=index == 1)
        if kw.measures:
            b.paragraph(key, kw.measures, bold_prefix=measures, size=10.5)
        if kw.outcomes:
            b.paragraph(key, "", bold_prefix=outcomes, size=10.5)
            for n, outcome in enumerate(kw.outcomes, start=1):
                b.paragraph(key, f"　{n}. {outcome}", size=10.5)
    b.sign_lines(key, v.unit_sign, v.rows["unit_signature"], seal=True)


def _review_rows(b: DocBuilder, cells: Cells) -> None:
    """Row 10: 区县教育行政部门指导意见; row 11: 上海市教育委员会意见."""
    v, label = b.view, b.set_cell
    label(cells[10][0], v.rows["district_review"], center=True)
    district = cells[10][1].merge(cells[10][4])
    b.paragraph(district, v.district_review.opinion, size=10.5, first=True)
    b.sign_lines(district, v.district_review.sign, v.rows["district_signature"], seal=True)
    label(cells[11][0], v.rows["municipal_review"], center=True)
    municipal = cells[11][1].merge(cells[11][4])
    b.paragraph(municipal, v.municipal_review.opinion, size=10.5, first=True)
    b.paragraph(municipal, v.municipal_signer, align="right", size=11)
    b.paragraph(municipal, date_text(v.municipal_review.sign.date), align="right", size=11)
