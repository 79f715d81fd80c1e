"""The Word-document builder the form and the 附页 share (python-docx).

`DocBuilder` owns the document: the A4 page and its margins, the fonts (仿宋
for the text, 黑体 for titles, set for Latin and East-Asian text alike), and
the pieces both parts are made of: paragraphs, table cells, headings, bordered
grids, signature lines, the provenance footer and the core properties.

Imported only by `cjzn.render.docx`, which is imported only when DOCX is asked
for, so python-docx is imported at the top here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cjzn.render.layout import GEOMETRY
from cjzn.text import xml_safe

if TYPE_CHECKING:
    from cjzn.render.view import CodeRef, DateParts, SignBlock, View

__all__ = [
    "BODY_FONT",
    "TITLE_FONT",
    "DocBuilder",
    "cell_margins",
    "child",
    "covers",
    "date_text",
    "fix_widths",
    "set_font",
    "unit_text",
]

#: Fonts: FangSong for the text (the guide's 仿宋), SimHei for the title; Word and
#: WPS on Chinese Windows have both, other systems substitute a CJK font.
BODY_FONT = ("FangSong", "仿宋")
TITLE_FONT = ("SimHei", "黑体")

_ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}
_GREY = RGBColor(0x55, 0x55, 0x55)


def set_font(run_or_style: Any, fonts: tuple[str, str], size: float | None = None) -> None:
    """Latin and East-Asian font of a run or style (python-docx sets only the Latin one)."""
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


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


# The elements that may follow the ones cjzn adds, in the order the OOXML schema
# (ECMA-376 part 1, 17.3.1.26 pPr, 17.4.60 tblPr, 17.4.70 tcPr) puts them.
_SUCCESSORS = {
    "w:snapToGrid": ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                     "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
                     "w:sectPr", "w:pPrChange"),
    "w:tblW": ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout",
               "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:tblCellMar": ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:tcBorders": ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                    "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                    "w:cellMerge", "w:tcPrChange"),
}  # fmt: skip


def child(parent: Any, tag: str) -> Any:
    """The `tag` child of a properties element, created in the schema's order if missing
    (Word refuses a file whose property elements are out of order)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    parent.insert_element_before(element, *_SUCCESSORS[tag])
    return element


def fix_widths(table: Any, widths_mm: list[float] | tuple[float, ...]) -> None:
    """Column widths every word processor honours: a fixed layout, the table's width,
    the grid's real column widths (tblGrid) and each cell's width (tcW)."""
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    tbl_w = child(table._tbl.tblPr, "w:tblW")
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), _twips(sum(widths_mm)))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the tblGrid's gridCol
    for row in table.rows:
        first = 0
        for tc in row._tr.tc_lst:
            span = int(tc.grid_span)
            tc_w = tc.get_or_add_tcPr().get_or_add_tcW()
            tc_w.set(qn("w:type"), "dxa")
            tc_w.set(qn("w:w"), _twips(sum(widths_mm[first : first + span])))
            first += span


def cell_margins(table: Any, vertical_mm: float, horizontal_mm: float) -> None:
    """The padding of every cell of `table` (tblCellMar)."""
    margins = child(table._tbl.tblPr, "w:tblCellMar")
    for name, mm in (
        ("top", vertical_mm),
        ("left", horizontal_mm),
        ("bottom", vertical_mm),
        ("right", horizontal_mm),
    ):
        edge = OxmlElement(f"w:{name}")
        edge.set(qn("w:w"), _twips(mm))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)


def date_text(date: DateParts) -> str:
    """`2013 年 3 月 15 日`, the text as written, or blanks to fill in by hand."""
    if date.filled:
        return f"{date.year} 年 {date.month} 月 {date.day} 日"
    if date.raw:
        return date.raw
    return "　　　 年　　 月　　 日"


def unit_text(view: View) -> str:
    """`天平路街道（徐汇区）`: the unit as the form and the 附页 name it."""
    return view.unit_name + (f"（{view.district}）" if view.district else "")


def covers(refs: list[CodeRef]) -> str:
    """`B1.1, K3`: the codes a task or a responsibility covers."""
    return ", ".join(ref.code for ref in refs)


#: Word's (and python-docx's) limit for a core property's text.
_PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    """A core property's text: XML-safe, shortened to Word's 255 characters (a long unit
    name or path is still whole on the page itself)."""
    text = xml_safe(text)
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


class DocBuilder:
    """Holds the document while the form and the 附页 are added."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.doc: Any = docx.Document()
        section = self.doc.sections[0]
        g = GEOMETRY
        section.page_width, section.page_height = Mm(g.page[0]), Mm(g.page[1])
        top, right, bottom, left = g.margins
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.header_distance = section.footer_distance = Mm(5)
        normal = self.doc.styles["Normal"]
        set_font(normal, BODY_FONT, 12)
        normal.paragraph_format.space_after = 0
        # lines keep their exact height: no snapping to a document grid
        child(normal.element.get_or_add_pPr(), "w:snapToGrid").set(qn("w:val"), "0")
        for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            style = self.doc.styles[name]
            set_font(style, TITLE_FONT)
            style.font.color.rgb = None

    def paragraph(
        self,
        container: Any,
        text: str = "",
        *,
        bold_prefix: str = "",
        align: str | None = None,
        size: float | None = None,
        first: bool = False,
        line_pt: float | None = None,
    ) -> Any:
        """A paragraph in `container` (document or cell); `first` reuses a cell's empty paragraph;
        `line_pt` gives its lines that exact height (the form's fixed rows)."""
        para = container.paragraphs[0] if first else container.add_paragraph()
        if line_pt is not None:
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            para.paragraph_format.line_spacing = Pt(line_pt)
        if bold_prefix:
            run = para.add_run(xml_safe(bold_prefix))
            run.bold = True
            if size:
                set_font(run, BODY_FONT, size)
        if text:
            run = para.add_run(xml_safe(text))
            if size:
                set_font(run, BODY_FONT, size)
        if align is not None:
            para.alignment = _ALIGN[align]
        return para

    def set_cell(self, cell: Any, text: str, *, center: bool = False, size: float = 11) -> None:
        """A table cell's text, vertically centred (and horizontally with `center`)."""
        self.paragraph(cell, text, align="center" if center else None, size=size, first=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    def heading(self, text: str, level: int) -> Any:
        heading = self.doc.add_heading(xml_safe(text), level=level)
        for run in heading.runs:
            set_font(run, TITLE_FONT)
        return heading

    def grid(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> Any:
        """A bordered table with a repeated bold header row."""
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
        scale = GEOMETRY.text_width / sum(widths)
        fix_widths(table, [width * scale for width in widths])
        return table

    def sign_lines(self, cell: Any, block: SignBlock, signer_label: str, seal: bool) -> None:
        """`单位负责人签字：…　盖章：…` and the date, right-aligned at the foot of a cell."""
        parts = []
        if signer_label:
            parts.append(f"{signer_label}：{block.signer or '＿＿＿＿＿＿'}")
        if seal:
            sealed = "（已盖章）" if block.sealed else "＿＿＿＿＿＿"
            parts.append(f"{self.view.rows['seal']}：{sealed}")
        if parts:
            self.paragraph(cell, "　　".join(parts), align="right", size=11)
        self.paragraph(cell, date_text(block.date), align="right", size=11)

    def footer(self) -> None:
        """The small grey line at the end of the 附页: which cjzn, round, source, time, commit."""
        para = self.paragraph(self.doc, self.view.provenance_line, size=8)
        para.paragraph_format.space_before = Mm(6)
        for run in para.runs:
            run.font.color.rgb = _GREY

    def properties(self, marker: str) -> None:
        """Core properties: the title, and the marker that lets a later render overwrite the file."""
        p = self.view.provenance
        core = self.doc.core_properties
        draft = "（草稿）" if self.view.is_draft else ""
        core.title = _property(f"{self.view.title} · {self.view.unit_name}{draft}")
        core.subject = _property(self.view.unit_name)
        core.author = "cjzn"
        core.last_modified_by = "cjzn"
        core.keywords = marker
        core.comments = _property(f"{marker}: {self.view.provenance_line}")
        core.identifier = _property(p.commit + ("+dirty" if p.dirty else ""))
        core.version = _property(p.version)
        core.category = "草稿" if self.view.is_draft else ""
        core.revision = 1
        when = datetime.fromisoformat(p.generated_at).astimezone(timezone.utc).replace(tzinfo=None)
        core.created = when
        core.modified = when
