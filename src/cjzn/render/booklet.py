"""Several filings as one PDF to print: the booklet of `cjzn render -f pdf -o 徐汇区.pdf 徐汇区/`.

Each filing's form (and its 附页) starts on a new page, in roster order: by
district in the catalog's order, then by the roster's order of the district's
units, units the roster does not know last (by name). PDF bookmarks name each
district, each unit under it, and the 备案登记表 and 附页 of the unit. A filing
with errors is marked as a draft as in its own file (the banner on the form) and
its pages, and only its pages, carry the 草稿 watermark. A filing that cannot be
read gets one page in its place that says so, where and why, so a printed
booklet shows the gap instead of hiding it.

One WeasyPrint document embeds each font once (subsetting the CJK fonts is
what makes 209 separate PDFs slow). Its memory grows with every page until the
PDF is written (about 25 MB a filing), so a booklet of more than `PART_SIZE`
filings is laid out in parts of whole districts, in parallel where there are
cores, and the parts are joined with pypdf: a font is then embedded once per part.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from cjzn import __version__
from cjzn.guide import Catalog
from cjzn.render.pdf import html_to_pdf_pages, join_pdfs
from cjzn.render.provenance import MARKER, generation_time
from cjzn.templating import environment

__all__ = ["PART_SIZE", "Part", "Sheet", "booklet_html", "order", "parts", "render_part", "title"]

#: Filings laid out in one WeasyPrint document at most (about 1 GB of memory).
PART_SIZE = 40

_ARTICLE = re.compile(r'<article class="filing">.*</article>', re.S)
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">'
    '<text x="105" y="160" font-size="32" text-anchor="middle" letter-spacing="9"'
    ' fill="rgb(204,0,0)" fill-opacity="0.17" transform="rotate(-28 105 160)"'
    ' font-family="SimHei, Noto Sans CJK SC, sans-serif">草稿</text></svg>'
)
WATERMARK = "data:image/svg+xml," + urllib.parse.quote(_WATERMARK_SVG)
_WORDS = {
    "form_label": "备案登记表",
    "appendix_label": "附页：创建工作方案",
    "unreadable_title": "备案文件无法读取，未生成登记表",
    "unreadable_file": "文件",
    "unreadable_hint": "改正后重新生成；查看全部问题：",
}


@dataclass(frozen=True)
class Sheet:
    """One filing's place in the booklet: its HTML (None: it could not be read)."""

    file: str
    district: str
    unit: str
    html: str | None
    errors: int = 0
    why: str = ""  # why an unreadable filing could not be read (line:column: message)

    @property
    def label(self) -> str:
        return self.unit if self.html is not None else f"{self.unit}（无法读取）"


@dataclass(frozen=True)
class Part:
    """Sheets laid out as one WeasyPrint document (whole districts, in booklet order)."""

    sheets: tuple[Sheet, ...]
    title: str
    continued: frozenset[str] = frozenset()  # districts a previous part began


def order(sheets: Sequence[Sheet], catalog: Catalog | None) -> list[Sheet]:
    """Districts in the catalog's order, units in the roster's, the unknown ones last."""
    districts = {name: rank for rank, name in enumerate(catalog.districts)} if catalog else {}
    roster = catalog.roster if catalog else None

    def key(sheet: Sheet) -> tuple[int, str, int, str, str]:
        unit_rank = len(roster.district_units(sheet.district)) if roster else 0
        if roster is not None:
            unit = roster.identify(sheet.district, sheet.unit).unit
            if unit is not None:
                unit_rank = roster.district_units(sheet.district).index(unit)
        rank = districts.get(sheet.district, len(districts))
        return rank, sheet.district, unit_rank, sheet.unit, sheet.file

    return sorted(sheets, key=key)


def title(sheets: Sequence[Sheet]) -> str:
    """The PDF's title: the district (or districts) and how many filings."""
    names = list(dict.fromkeys(sheet.district for sheet in sheets if sheet.district))
    where = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
    return f"{where + ' · ' if where else ''}备案登记表（{len(sheets)} 份）"


def parts(sheets: Sequence[Sheet], size: int | None = None) -> list[Part]:
    """Consecutive sheets in parts of at most `size` (`PART_SIZE`), whole districts where one
    fits."""
    size = size or PART_SIZE
    whole = title(sheets)
    found: list[Part] = []
    current: list[Sheet] = []
    started: set[str] = set()
    for _district, group in groupby(sheets, key=lambda sheet: sheet.district):
        members = list(group)
        if current and len(current) + len(members) > size:
            found.append(_part(current, whole, started))
            current = []
        while len(members) > size - len(current):  # a district larger than a part
            cut = size - len(current)
            current.extend(members[:cut])
            members = members[cut:]
            found.append(_part(current, whole, started))
            current = []
        current.extend(members)
    if current:
        found.append(_part(current, whole, started))
    return found


def _part(sheets: list[Sheet], whole: str, started: set[str]) -> Part:
    """A part; remembers which districts it begins, for the next part's bookmarks."""
    continued = frozenset(sheet.district for sheet in sheets) & started
    started.update(sheet.district for sheet in sheets)
    return Part(tuple(sheets), whole, continued)


def booklet_html(part: Part) -> str:
    """The HTML of one part: the form's CSS once, then each filing's article."""
    from markupsafe import Markup  # with Jinja2: only when something is rendered

    first = next((sheet.html for sheet in part.sheets if sheet.html is not None), None)
    style = _STYLE.search(first) if first is not None else None
    districts: list[dict[str, Any]] = []
    for district, group in groupby(part.sheets, key=lambda sheet: sheet.district):
        label = district or "—"
        if district in part.continued:
            label += "（续）"
        rows = [
            {
                "file": sheet.file,
                "unit": sheet.unit,
                "label": sheet.label,
                "errors": sheet.errors,
                "why": sheet.why,
                "article": _article(sheet.html, Markup),
            }
            for sheet in group
        ]
        districts.append({"label": label, "sheets": rows})
    template = environment("html").get_template("booklet.html.j2")
    return str(
        template.render(
            districts=districts,
            form_css=Markup(style.group(1) if style else ""),
            watermark=Markup(WATERMARK),
            marker=MARKER,
            version=__version__,
            title=part.title,
            description=f"cjzn {__version__} · {part.title}",
            generated_at=generation_time().isoformat(timespec="seconds"),
            **_WORDS,
        )
    )


def _article(html: str | None, markup: Any) -> Any:
    """The `<article class="filing">` of a filing's rendered page (None: nothing to show)."""
    if html is None:
        return None
    found = _ARTICLE.search(html)
    if found is None:  # form.html.j2 always wraps a filing in one article
        raise ValueError('the rendered form has no <article class="filing">')
    return markup(found.group(0))


def render_part(part: Part) -> tuple[bytes, int]:
    """One part as a PDF, and its page count (run in a worker process for large booklets)."""
    return html_to_pdf_pages(booklet_html(part))


def join(pdfs: Sequence[tuple[bytes, int]], booklet_title: str) -> tuple[bytes, int]:
    """The parts as one PDF (one part is already the booklet)."""
    if len(pdfs) == 1:
        return pdfs[0]
    return join_pdfs([data for data, _pages in pdfs], booklet_title), sum(n for _d, n in pdfs)
