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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from cjzn.text import xml_safe

if TYPE_CHECKING:
    from cjzn.render.view import CodeRef, DateParts, SignBlock, View

__all__ = ["BODY_FONT", "TITLE_FONT", "DocBuilder", "covers", "date_text", "set_font", "unit_text"]

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
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(18), Mm(16)
        section.left_margin = section.right_margin = Mm(17)
        normal = self.doc.styles["Normal"]
        set_font(normal, BODY_FONT, 12)
        normal.paragraph_format.space_after = 0
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
    ) -> Any:
        """A paragraph in `container` (document or cell); `first` reuses a cell's empty paragraph."""
        para = container.paragraphs[0] if first else container.add_paragraph()
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

    def heading(self, text: str, level: int) -> None:
        heading = self.doc.add_heading(text, level=level)
        for run in heading.runs:
            set_font(run, TITLE_FONT)

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
        for row in table.rows:
            for index, width in enumerate(widths):
                row.cells[index].width = Mm(width)
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
        """The small grey line saying which cjzn, round, source, time and commit made this."""
        p = self.view.provenance
        text = (
            f"cjzn {p.version} · {self.view.label('round')} {p.round} · {p.source} · "
            f"{p.generated_at}"
        )
        if p.commit:
            text += f" · git {p.commit[:12]}" + ("（含未提交的修改）" if p.dirty else "")
        para = self.paragraph(self.doc, text, size=8)
        for run in para.runs:
            run.font.color.rgb = _GREY

    def properties(self, marker: str) -> None:
        """Core properties: the title, and the marker that lets a later render overwrite the file."""
        p = self.view.provenance
        core = self.doc.core_properties
        core.title = _property(f"{self.view.title} · {self.view.unit_name}")
        core.subject = _property(self.view.unit_name)
        core.author = "cjzn"
        core.last_modified_by = "cjzn"
        core.keywords = marker
        core.comments = _property(f"{marker}: generated by cjzn {p.version} from {p.source}")
        core.category = "草稿" if self.view.is_draft else ""
        core.revision = 1
        when = datetime.fromisoformat(p.generated_at).astimezone(timezone.utc).replace(tzinfo=None)
        core.created = when
        core.modified = when
