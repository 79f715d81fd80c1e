"""The 备案登记表 and 附页 as a Word document (python-docx).

Offices finish the form in Word or WPS (a last correction, the signature
image), so the form is a real Word table whose merged cells match the
attachment, not a picture or a text box. Everything shown comes from the
view-model built by `cjzn.render.build.build_view`.

python-docx is imported here only, and this module only when DOCX is asked for.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from cjzn.text import xml_safe

if TYPE_CHECKING:
    from cjzn.render.view import CodeRef, DateParts, SignBlock, View

#: Fonts: FangSong for the text (the guide's 仿宋), SimHei for the title; Word and
#: WPS on Chinese Windows have both, other systems substitute a CJK font.
BODY_FONT = ("FangSong", "仿宋")
TITLE_FONT = ("SimHei", "黑体")

# Column widths of the form (mm), summing to the text width of A4 with 17 mm margins.
FORM_COLUMNS = (30.0, 21.0, 50.0, 21.0, 54.0)


def _set_font(run_or_style: Any, fonts: tuple[str, str], size: float | None = None) -> None:
    """Latin and East-Asian font of a run or style (python-docx sets only the Latin one)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = fonts[0]
    if size is not None:
        font.size = Pt(size)
    element = run_or_style.element
    r_pr = element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), fonts[1])


def _date_text(date: DateParts) -> str:
    if date.filled:
        return f"{date.year} 年 {date.month} 月 {date.day} 日"
    if date.raw:
        return date.raw
    return "　　　 年　　 月　　 日"


def _covers(refs: list[CodeRef]) -> str:
    return ", ".join(ref.code for ref in refs)


class _Builder:
    """Holds the document while the form and the 附页 are added."""

    def __init__(self, view: View) -> None:
        import docx
        from docx.shared import Mm

        self.view = view
        self.doc: Any = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(18), Mm(16)
        section.left_margin = section.right_margin = Mm(17)
        normal = self.doc.styles["Normal"]
        _set_font(normal, BODY_FONT, 12)
        normal.paragraph_format.space_after = 0
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            style = self.doc.styles[name]
            _set_font(style, TITLE_FONT)
            style.font.color.rgb = None

    # -- small helpers -------------------------------------------------------

    def paragraph(
        self,
        container: Any,
        text: str = "",
        *,
        bold_prefix: str = "",
        align: str | None = None,
        size: float | None = None,
        first: bool = False,
    ) -> Any:
        """A paragraph in `container` (document or cell); `first` reuses a cell's empty paragraph."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        para = container.paragraphs[0] if first else container.add_paragraph()
        if bold_prefix:
            run = para.add_run(xml_safe(bold_prefix))
            run.bold = True
            if size:
                _set_font(run, BODY_FONT, size)
        if text:
            run = para.add_run(xml_safe(text))
            if size:
                _set_font(run, BODY_FONT, size)
        if align is not None:
            para.alignment = {
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "left": WD_ALIGN_PARAGRAPH.LEFT,
            }[align]
        return para

    def set_cell(self, cell: Any, text: str, *, center: bool = False, size: float = 11) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        self.paragraph(cell, text, align="center" if center else None, size=size, first=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def heading(self, text: str, level: int) -> None:
        heading = self.doc.add_heading(text, level=level)
        for run in heading.runs:
            _set_font(run, TITLE_FONT)

    def grid(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> Any:
        """A bordered table with a repeated bold header row."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm

        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = "Table Grid"
        header = table.rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for index, text in enumerate(headers):
            cell = header.cells[index]
            self.paragraph(cell, "", bold_prefix=text, align="center", size=10.5, first=True)
        for r, values in enumerate(rows, start=1):
            for c, text in enumerate(values):
                self.paragraph(table.rows[r].cells[c], text, size=10.5, first=True)
        for row in table.rows:
            for index, width in enumerate(widths):
                row.cells[index].width = Mm(width)
        return table

    # -- the form ------------------------------------------------------------

    def sign_lines(self, cell: Any, block: SignBlock, signer_label: str, seal: bool) -> None:
        parts = []
        if signer_label:
            parts.append(f"{signer_label}：{block.signer or '＿＿＿＿＿＿'}")
        if seal:
            sealed = "（已盖章）" if block.sealed else "＿＿＿＿＿＿"
            parts.append(f"{self.view.rows['seal']}：{sealed}")
        if parts:
            self.paragraph(cell, "　　".join(parts), align="right", size=11)
        self.paragraph(cell, _date_text(block.date), align="right", size=11)

    def form(self) -> Any:
        from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
        from docx.shared import Mm

        v = self.view
        self.paragraph(self.doc, "附件：")
        title = self.paragraph(self.doc, "", align="center")
        run = title.add_run(xml_safe(v.title))
        run.bold = True
        _set_font(run, TITLE_FONT, 16)
        title.paragraph_format.space_after = Mm(3)

        if v.is_draft:
            warn = self.paragraph(
                self.doc,
                f"草稿 · 未通过校验：共 {v.errors} 个错误。运行 cjzn validate 查看详情。"
                f" / DRAFT · failed validation: {v.errors} error(s).",
                align="center",
            )
            for r in warn.runs:
                r.bold = True
                from docx.shared import RGBColor

                r.font.color.rgb = RGBColor(0xCC, 0, 0)

        table = self.doc.add_table(rows=12, cols=5)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        cells = [[table.cell(r, c) for c in range(5)] for r in range(12)]
        for row in table.rows:
            for index, width in enumerate(FORM_COLUMNS):
                row.cells[index].width = Mm(width)

        label = self.set_cell
        unit = v.unit_name + (f"（{v.district}）" if v.district else "")
        # row 0: 名称
        label(cells[0][0], v.rows["unit_name"], center=True)
        label(cells[0][1].merge(cells[0][4]), unit)
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
        # row 7: 以往参加实验街镇工作经历
        label(cells[7][0], v.rows["prior_rounds"], center=True)
        label(
            cells[7][1].merge(cells[7][4]),
            "　　".join(f"{box.mark} {box.label}" for box in v.prior_boxes),
        )
        # row 8: 创建工作方案（可附页）
        label(cells[8][0], v.rows["plan"], center=True)
        plan = cells[8][1].merge(cells[8][4])
        self.paragraph(plan, v.plan_note, size=10.5, first=True)
        if v.plan.overall_goal:
            self.paragraph(
                plan,
                v.plan.overall_goal,
                bold_prefix=f"{v.plan.part_titles['overall_goal']}：",
                size=10.5,
            )
        self.paragraph(plan, "", bold_prefix=f"（{v.label('plan')}全文见附页）", size=10.5)
        # row 9: 本轮的重点创建工作及预计成效
        label(cells[9][0], v.rows["key_work"], center=True)
        key = cells[9][1].merge(cells[9][4])
        first = True
        for index, kw in enumerate(v.key_works, start=1):
            self.paragraph(
                key, "", bold_prefix=f"{index}. {kw.code} {kw.title}", size=10.5, first=first
            )
            first = False
            if kw.measures:
                self.paragraph(
                    key,
                    kw.measures,
                    bold_prefix=f"{v.label('key_work.*.measures')}：",
                    size=10.5,
                )
            if kw.outcomes:
                self.paragraph(
                    key, "", bold_prefix=f"{v.label('key_work.*.expected_outcomes')}：", size=10.5
                )
                for n, outcome in enumerate(kw.outcomes, start=1):
                    self.paragraph(key, f"　{n}. {outcome}", size=10.5)
        self.sign_lines(key, v.unit_sign, v.rows["unit_signature"], seal=True)
        # row 10: 区县教育行政部门指导意见
        label(cells[10][0], v.rows["district_review"], center=True)
        district = cells[10][1].merge(cells[10][4])
        self.paragraph(district, v.district_review.opinion, size=10.5, first=True)
        self.sign_lines(district, v.district_review.sign, v.rows["district_signature"], seal=True)
        # row 11: 上海市教育委员会意见
        label(cells[11][0], v.rows["municipal_review"], center=True)
        municipal = cells[11][1].merge(cells[11][4])
        self.paragraph(municipal, v.municipal_review.opinion, size=10.5, first=True)
        self.paragraph(municipal, v.municipal_signer, align="right", size=11)
        self.paragraph(municipal, _date_text(v.municipal_review.sign.date), align="right", size=11)

        for index, height in ((8, 34), (9, 60), (10, 32), (11, 32)):
            table.rows[index].height = Mm(height)
            table.rows[index].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        self.footer()
        return table

    def footer(self) -> None:
        from docx.shared import RGBColor

        p = self.view.provenance
        text = (
            f"cjzn {p.version} · {self.view.label('round')} {p.round} · {p.source} · "
            f"{p.generated_at}"
        )
        if p.commit:
            text += f" · git {p.commit[:12]}" + ("（含未提交的修改）" if p.dirty else "")
        para = self.paragraph(self.doc, text, size=8)
        for run in para.runs:
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    # -- the 附页 ------------------------------------------------------------

    def appendix(self) -> None:
        from docx.enum.text import WD_BREAK

        v, plan = self.view, self.view.plan
        self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        self.heading(f"附页：{v.label('plan')}", 1)
        unit = v.unit_name + (f"（{v.district}）" if v.district else "")
        self.paragraph(self.doc, unit, align="center")
        missing = "（未填写）"

        self.heading(f"一、{plan.part_titles['overall_goal']}", 2)
        self.paragraph(self.doc, plan.overall_goal or missing)

        self.heading(f"二、{plan.part_titles['stage_goals']}", 2)
        for goal in plan.stage_goals:
            window = f"（{goal.window}）" if goal.window else ""
            self.paragraph(
                self.doc, goal.goal or missing, bold_prefix=f"{goal.code} {goal.title}{window}："
            )

        self.heading(f"三、{plan.part_titles['work_plan']}", 2)
        if plan.work_plan:
            self.grid(
                [
                    "序号",
                    v.label("plan.work_plan.*.task"),
                    v.label("plan.work_plan.*.start"),
                    v.label("plan.work_plan.*.end"),
                    v.label("plan.work_plan.*.covers"),
                ],
                [
                    [str(i), t.task, t.start, t.end, _covers(t.covers)]
                    for i, t in enumerate(plan.work_plan, start=1)
                ],
                [12, 80, 22, 22, 40],
            )
        else:
            self.paragraph(self.doc, missing)

        self.heading(f"四、{plan.part_titles['leading_body']}", 2)
        self.paragraph(
            self.doc,
            f"{v.label('plan.leading_body.kind')}：{plan.leading_kind or '—'}　"
            f"{v.label('plan.leading_body.head')}：{plan.leading_head or '—'}",
        )
        if plan.members:
            self.grid(
                [
                    "序号",
                    v.label("plan.leading_body.members.*.name"),
                    v.label("plan.leading_body.members.*.title"),
                ],
                [[str(i), m.name, m.title] for i, m in enumerate(plan.members, start=1)],
                [12, 40, 124],
            )

        self.heading(f"五、{plan.part_titles['network']}", 2)
        self.paragraph(self.doc, plan.network or missing)

        self.heading(f"六、{plan.part_titles['responsibilities']}", 2)
        if plan.responsibilities:
            self.grid(
                [
                    v.label("plan.responsibilities.*.department"),
                    v.label("plan.responsibilities.*.owner"),
                    v.label("plan.responsibilities.*.duties"),
                    v.label("plan.responsibilities.*.covers"),
                ],
                [
                    [r.department, r.owner, r.duties, _covers(r.covers)]
                    for r in plan.responsibilities
                ],
                [36, 22, 78, 40],
            )
        else:
            self.paragraph(self.doc, missing)

        self.heading(f"七、{plan.part_titles['mechanisms']}", 2)
        for index, mechanism in enumerate(plan.mechanisms, start=1):
            self.paragraph(self.doc, f"{index}. {mechanism}")
        if not plan.mechanisms:
            self.paragraph(self.doc, missing)

        self.heading(f"八、{v.label('basic_work')}", 2)
        self.grid(
            [
                "编号",
                "项目",
                v.label("basic_work.*.measures"),
                v.label("basic_work.*.status"),
                v.label("basic_work.*.evidence"),
            ],
            [
                [
                    b.code,
                    b.title,
                    b.measures or ("" if b.listed else missing),
                    b.status_label,
                    "\n".join(b.evidence),
                ]
                for b in v.basic
            ],
            [16, 30, 70, 18, 42],
        )

        self.heading(f"九、{v.label('key_work')}", 2)
        for index, kw in enumerate(v.key_works, start=1):
            self.heading(f"{index}. {kw.code} {kw.title}", 3)
            if kw.guide_text:
                self.paragraph(self.doc, kw.guide_text, size=10.5)
            self.paragraph(self.doc, kw.measures, bold_prefix=f"{v.label('key_work.*.measures')}：")
            if kw.outcomes:
                self.paragraph(
                    self.doc, "", bold_prefix=f"{v.label('key_work.*.expected_outcomes')}："
                )
                for n, outcome in enumerate(kw.outcomes, start=1):
                    self.paragraph(self.doc, f"　{n}. {outcome}")
        if not v.key_works:
            self.paragraph(self.doc, missing)

        if v.summary_text:
            self.heading(f"十、{v.label('summary')}", 2)
            self.paragraph(self.doc, v.summary_text)
            if v.summary_date.filled or v.summary_date.raw:
                self.paragraph(
                    self.doc,
                    f"{v.label('summary.written_on')}：{v.summary_date.iso}",
                    align="right",
                )
        self.footer()

    def properties(self, marker: str) -> None:
        """Core properties: the title, and the marker that lets a later render overwrite the file."""
        p = self.view.provenance
        core = self.doc.core_properties
        core.title = xml_safe(f"{self.view.title} · {self.view.unit_name}")
        core.subject = xml_safe(self.view.unit_name)
        core.author = "cjzn"
        core.last_modified_by = "cjzn"
        core.keywords = marker
        core.comments = xml_safe(f"{marker}: generated by cjzn {p.version} from {p.source}")
        core.category = "草稿" if self.view.is_draft else ""
        core.revision = 1
        when = datetime.fromisoformat(p.generated_at).astimezone(timezone.utc).replace(tzinfo=None)
        core.created = when
        core.modified = when


def render_docx(view: View) -> bytes:
    """The .docx bytes of one filing: the form as a merged-cell table, then the 附页."""
    from cjzn.render import MARKER

    builder = _Builder(view)
    builder.form()
    builder.appendix()
    builder.properties(MARKER)
    out = io.BytesIO()
    builder.doc.save(out)
    return out.getvalue()
