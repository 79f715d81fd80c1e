"""The form's page: A4 geometry, the size of every cell, and how much text a cell holds.

One geometry serves every printed format: the HTML's CSS (and so Chromium's
print and the WeasyPrint PDF) and the DOCX table take their page margins,
column widths, row heights and font sizes from `GEOMETRY`, and `cjzn.render.fit`
decides with the same numbers which texts stay on the form and which go to the
附页. Every row has a fixed height, so the form is one A4 page whatever the
filing holds.

"Fits" is measured, not guessed, and the same way every time: a text is broken
into lines as a browser breaks it (a Chinese character or a run of Latin letters
and digits is one unit; closing punctuation stays with the character before it,
opening punctuation with the one after; a unit wider than a line is split), with
conservative widths in em (a Chinese character or full-width mark 1, Latin
letters and digits 0.6, capitals 0.8, the widest Latin glyphs 1.1, spaces and
dots 0.4 — the widest of the Noto CJK and FangSong glyphs, rounded up) and 96 %
of the cell's inner width. A text fits when it needs no more lines than the cell
has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "GEOMETRY",
    "MM_PER_PT",
    "Breaks",
    "Face",
    "Geometry",
    "Slot",
    "char_em",
    "label_lines",
    "line_count",
    "segments",
    "text_em",
]

MM_PER_PT = 25.4 / 72

#: Where a text may be broken: anywhere a browser would ("text"), or only at the
#: sensible points of an e-mail address (after @, before a dot) or of a postal
#: address (after 市, 区, 路, 号 ...), and inside a piece only when it is wider than the line.
Breaks = Literal["text", "email", "address"]

_NARROW = set(" .,:;'!|il1-()[]`")
_WIDE = set("mwMW@%&")
# no line starts with these (they stay with the character before) ...
_CLOSING = set("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%")
# ... and none ends with these (they stay with the character after)
_OPENING = set("（《「『【〔〈“‘([{")
_EMAIL_AT = re.compile(r"(?<=@)")
_EMAIL_DOT = re.compile(r"(?=\.)")
_ADDRESS_BREAK = re.compile(
    r"(?<=[省市区县镇乡弄巷楼室村])|(?<=路)(?!街道)|(?<=号)(?!楼)|(?<=街)(?!道)|(?<=街道)"
)


def char_em(char: str) -> float:
    """A conservative advance width of `char` in em (see the module's docstring)."""
    if not char.isascii():
        return 1.0
    if char in _NARROW:
        return 0.4
    if char in _WIDE:
        return 1.1
    return 0.8 if char.isupper() else 0.6


def text_em(text: str) -> float:
    """The width of `text` on one line, in em."""
    return sum(char_em(c) for c in text)


def _units(text: str) -> list[str]:
    """The pieces a line may break between (Latin runs whole, punctuation kept with its neighbour)."""
    units: list[str] = []
    for match in re.finditer(r"[A-Za-z0-9_@.+\-/#&%:~]+|\s+|.", text):
        piece = match.group()
        if units and (piece[0] in _CLOSING or units[-1][-1] in _OPENING):
            units[-1] += piece
        else:
            units.append(piece)
    return units


def segments(text: str, breaks: Breaks = "text", width_em: float = float("inf")) -> list[str]:
    """`text` cut at its sensible break points (joined again, it is `text`).

    Templates join the pieces with `<wbr>`, the DOCX with a zero-width space, so
    `sqjy.tianping@example.com` breaks after the @ (and before a dot only in a part
    wider than the line, `width_em`), and an address after 市, 区, 路 or 号.
    """
    if breaks == "email":
        pieces = []
        for part in _EMAIL_AT.split(text):
            wide = text_em(part) > width_em
            pieces += _EMAIL_DOT.split(part) if wide else [part]
    elif breaks == "address":
        pieces = _ADDRESS_BREAK.split(text)
    else:
        return [text]
    return [piece for piece in pieces if piece]


def label_lines(text: str, width_em: float) -> list[str]:
    """A row label in balanced lines: `街道（乡镇）` / `名称`, not `街道（乡镇）名` / `称`.

    Broken at a space or after a closing bracket when both halves fit, else into
    equal parts (no line starting with closing punctuation).
    """
    text = text.strip()
    if text_em(text) <= width_em:
        return [text]
    for cut in (text.find(" "), text.find("）") + 1, text.find(")") + 1):
        head, tail = text[:cut].strip(), text[cut:].strip()
        if 0 < cut < len(text) and max(text_em(head), text_em(tail)) <= width_em:
            return [head, tail]
    count = -(-text_em(text) // width_em)
    size = -(-len(text) // int(count))
    lines = [text[i : i + size] for i in range(0, len(text), size)]
    for i in range(1, len(lines)):  # no line starts with closing punctuation
        while lines[i] and lines[i][0] in _CLOSING:
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return [line.strip() for line in lines if line.strip()]


def _split_wide(unit: str, width: float) -> list[str]:
    """A unit wider than a line, cut character by character (as `overflow-wrap: anywhere`)."""
    parts, current, used = [], "", 0.0
    for char in unit:
        w = char_em(char)
        if current and used + w > width:
            parts.append(current)
            current, used = "", 0.0
        current += char
        used += w
    return [*parts, current] if current else parts


def line_count(text: str, width_em: float, breaks: Breaks = "text") -> int:
    """How many lines `text` takes in a line of `width_em` em (each newline starts a line)."""
    lines = 0
    for paragraph in text.split("\n"):
        pieces = _units(paragraph) if breaks == "text" else segments(paragraph, breaks, width_em)
        lines += 1
        used = 0.0
        for piece in pieces:
            w = text_em(piece)
            if used + w <= width_em or (not used and piece.isspace()):
                used += w
                continue
            if piece.isspace():  # a break at a space: the space itself vanishes
                lines, used = lines + 1, 0.0
                continue
            parts = _split_wide(piece, width_em) if w > width_em else [piece]
            lines += 1 if used else 0
            lines += len(parts) - 1
            used = text_em(parts[-1])
    return lines


@dataclass(frozen=True)
class Face:
    """A font size with its line height (CSS line-height, DOCX exact line spacing)."""

    pt: float
    leading: float = 1.25

    @property
    def em_mm(self) -> float:
        return self.pt * MM_PER_PT

    @property
    def line_mm(self) -> float:
        return self.em_mm * self.leading

    @property
    def line_pt(self) -> float:
        return self.pt * self.leading


@dataclass(frozen=True)
class Slot:
    """A place for text on the form: its inner width, its lines, its font, its break rule."""

    width_mm: float
    lines: int
    face: Face
    breaks: Breaks = "text"

    @property
    def width_em(self) -> float:
        return self.width_mm * 0.96 / self.face.em_mm

    def lines_for(self, text: str, prefix: str = "") -> int:
        """Lines `text` takes here, after a run-in `prefix` (a bold 工作举措：)."""
        return line_count(prefix + text, self.width_em, self.breaks)

    def holds(self, text: str, prefix: str = "") -> bool:
        return self.lines_for(text, prefix) <= self.lines


# Rows of the form in order; the info rows hold one or two lines, the four
# large rows have fixed heights (mm) and the key-work row takes what is left.
_INFO_ROWS = (
    ("unit_name", 2),
    ("leader", 2),
    ("leader_phone", 1),
    ("contact", 2),
    ("contact_phones", 1),
    ("contact_email", 2),
    ("contact_address", 2),
    ("prior_rounds", 2),
)


@dataclass(frozen=True)
class Geometry:
    """The A4 form, in millimetres and points."""

    page: tuple[float, float] = (210.0, 297.0)
    margins: tuple[float, float, float, float] = (10.0, 15.0, 10.0, 15.0)  # top right bottom left
    columns: tuple[float, ...] = (32.0, 20.0, 50.0, 22.0, 56.0)
    pad: tuple[float, float] = (0.8, 1.5)  # cell padding: vertical, horizontal
    body: Face = Face(10.5)
    note: Face = Face(9.0)
    title_pt: float = 16.0
    head_mm: float = 15.5  # the 附件 line and the title above the table
    # the borders (about 4 mm over 15 rows) and room to spare for other browsers' rounding
    slack_mm: float = 9.5
    sign_mm: float = 20.0  # ink and stamp room at the foot of the three signature boxes
    signer_mm: float = 30.0  # the 签字 line
    seal_mm: float = 24.0  # the 公章 slot
    date_mm: float = 40.0  # a date written as text (drafts) in place of 年 月 日
    plan_mm: float = 29.0
    review_mm: float = 31.5
    info_rows: tuple[tuple[str, int], ...] = field(default=_INFO_ROWS)

    @property
    def text_width(self) -> float:
        return self.page[0] - self.margins[1] - self.margins[3]

    @property
    def text_height(self) -> float:
        return self.page[1] - self.margins[0] - self.margins[2]

    def row_mm(self, lines: int) -> float:
        """An info row: its lines, the padding and half a millimetre to spare."""
        return round(lines * self.body.line_mm + 2 * self.pad[0] + 0.5, 1)

    def info_mm(self) -> dict[str, float]:
        return {key: self.row_mm(lines) for key, lines in self.info_rows}

    @property
    def table_mm(self) -> float:
        return self.text_height - self.head_mm - self.slack_mm

    @property
    def key_mm(self) -> float:
        """The key-work row: the rest of the table."""
        fixed = sum(self.info_mm().values()) + self.plan_mm + 2 * self.review_mm
        return round(self.table_mm - fixed, 1)

    def span(self, first: int, last: int) -> float:
        """Inner width (mm) of a cell spanning columns first..last."""
        return sum(self.columns[first : last + 1]) - 2 * self.pad[1]

    def slot(self, first: int, last: int, lines: int, breaks: Breaks = "text") -> Slot:
        return Slot(self.span(first, last), lines, self.body, breaks)

    def label(self, text: str) -> list[str]:
        """A row label of the first column in balanced lines."""
        return label_lines(text, self.slot(0, 0, 1).width_em)

    def lines_in(self, height_mm: float, face: Face | None = None) -> int:
        """Whole lines of `face` (the body's) in `height_mm` of a cell, padding taken off."""
        usable = height_mm - 2 * self.pad[0] - 0.5
        return max(0, int(usable / (face or self.body).line_mm))

    def note_slot(self) -> Slot:
        """The catalog's note at the top of the 创建工作方案 cell, at the note's smaller size."""
        return Slot(self.span(1, 4), 99, self.note)

    def goal_lines(self, note_lines: int) -> int:
        """Lines left for the 总体目标 under a note of `note_lines` lines."""
        return self.lines_in(self.plan_mm - note_lines * self.note.line_mm)

    @property
    def key_lines(self) -> int:
        return self.lines_in(self.key_mm - self.sign_mm)

    @property
    def opinion_lines(self) -> int:
        return self.lines_in(self.review_mm - self.sign_mm)

    def css(self) -> dict[str, str]:
        """The lengths the HTML template's style sheet uses, as CSS values."""

        def mm(value: float) -> str:
            return f"{value:.2f}".rstrip("0").rstrip(".") + "mm"

        lengths = {
            "page_w": mm(self.page[0]),
            "page_h": mm(self.page[1]),
            "margins": " ".join(mm(m) for m in self.margins),
            "text_w": mm(self.text_width),
            "text_h": mm(self.text_height),
            "head": mm(self.head_mm),
            "pad": f"{mm(self.pad[0])} {mm(self.pad[1])}",
            "body": f"{self.body.pt:g}pt",
            "note": f"{self.note.pt:g}pt",
            "leading": f"{self.body.leading:g}",
            "title": f"{self.title_pt:g}pt",
            "sign": mm(self.sign_mm),
            "signer": mm(self.signer_mm),
            "seal": mm(self.seal_mm),
            "date": mm(self.date_mm),
            "plan": mm(self.plan_mm),
            "review": mm(self.review_mm),
            "key": mm(self.key_mm),
            "key_text": mm(self.key_mm - self.sign_mm - 2 * self.pad[0]),
            "review_text": mm(self.review_mm - self.sign_mm - 2 * self.pad[0]),
        }
        lengths |= {f"col{i}": mm(width) for i, width in enumerate(self.columns)}
        lengths |= {f"row_{key}": mm(height) for key, height in self.info_mm().items()}
        return lengths


GEOMETRY = Geometry()
