"""PDF output: the HTML form printed by WeasyPrint (the optional extra `cjzn[pdf]`).

Never a PDF of empty boxes: without WeasyPrint, its system libraries or a
Chinese font, rendering stops with a message that says what to install.

Layout cost: WeasyPrint breaks a text into lines by laying out the rest of the
text box again for every line, so one long cell (a 10,000-character `measures`)
costs time quadratic in its length (1,000 characters 4 s, 10,000 over 250 s).
`short_runs` cuts every long text of the page into inline spans of about
`RUN` characters, at places where a line may break anyway (between two CJK
characters, before a space): the page looks the same (the text is one flow),
and each line is laid out from a short span, so the cost grows linearly.

A large booklet's parts are joined with pypdf (also in the extra).
"""

from __future__ import annotations

import gc
import importlib
import io
import re
import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

from cjzn.errors import RenderError
from cjzn.i18n import Msg

__all__ = [
    "RUN",
    "check_pdf_support",
    "html_to_pdf",
    "html_to_pdf_pages",
    "join_pdfs",
    "short_runs",
]

#: Characters per span WeasyPrint lays out at a time (a cell's line holds about 20-40).
RUN = 60
_TAG = re.compile(r"(<[^>]*>)")
_OPENING = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_UNIT = re.compile(r"&#?\w+;|.", re.S)  # an entity stays whole
_RAW_TEXT = frozenset({"style", "script", "title", "textarea"})
_NO_WEASYPRINT = Msg(
    "生成 PDF 需要可选组件 WeasyPrint：pip install 'cjzn[pdf]'；"
    "也可以先生成 HTML，在浏览器中“打印 → 另存为 PDF”。",
    "PDF output needs the optional extra: pip install 'cjzn[pdf]' "
    "(or render HTML and print it to PDF from a browser).",
)
_NO_PANGO = Msg(
    "WeasyPrint 无法加载系统库（{why}），请按 WeasyPrint 文档安装 Pango。",
    "WeasyPrint cannot load its system libraries ({why}); install Pango.",
)
_NO_CJK_FONT = Msg(
    "没有找到中文字体，生成的 PDF 将无法显示汉字。请安装中文字体，例如 "
    "Debian/Ubuntu：apt-get install fonts-noto-cjk。",
    "No Chinese (CJK) font found, the PDF would show empty boxes; "
    "install one, e.g. apt-get install fonts-noto-cjk.",
)
_NO_PYPDF = Msg(
    "合订本超过一部分，需要可选组件 pypdf：pip install 'cjzn[pdf]'。",
    "A booklet in several parts needs pypdf: pip install 'cjzn[pdf]'.",
)


def check_pdf_support() -> None:
    """Raise `RenderError` unless WeasyPrint and a Chinese font are here (never a PDF of empty boxes)."""
    try:
        importlib.import_module("weasyprint")
    except ImportError:
        raise RenderError(_NO_WEASYPRINT) from None
    except OSError as exc:  # the Python package is there, its system libraries (Pango) are not
        raise RenderError(_NO_PANGO.fill(why=exc)) from None
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig tool to ask (Windows, macOS): WeasyPrint finds system fonts itself
    try:
        fonts = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    if not fonts.strip():
        raise RenderError(_NO_CJK_FONT)


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML page (WeasyPrint is imported only here, when a PDF is asked for)."""
    return html_to_pdf_pages(html)[0]


def html_to_pdf_pages(html: str) -> tuple[bytes, int]:
    """The PDF of an HTML document and its number of pages."""
    check_pdf_support()
    weasyprint: Any = importlib.import_module("weasyprint")
    document = weasyprint.HTML(string=short_runs(html)).render()
    pdf: bytes = document.write_pdf()
    pages = len(document.pages)
    # A laid-out document is ~100 MB of reference cycles (Pango layouts included), and the
    # CLI collects old objects rarely (see cli.main): without this, 20 PDFs in a row held 2 GB.
    del document
    gc.collect()
    return pdf, pages


def join_pdfs(pdfs: Sequence[bytes], title: str) -> bytes:
    """PDFs written by WeasyPrint as one, with their bookmarks, under the first one's metadata."""
    try:
        pypdf: Any = importlib.import_module("pypdf")
    except ImportError:
        raise RenderError(_NO_PYPDF) from None
    writer = pypdf.PdfWriter()
    info: dict[str, Any] = {}
    for number, data in enumerate(pdfs):
        reader = pypdf.PdfReader(io.BytesIO(data))
        if number == 0:
            info = {key: value for key, value in (reader.metadata or {}).items()}
        writer.append(reader, import_outline=True)
    info["/Title"] = title
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def short_runs(html: str, run: int = RUN) -> str:
    """`html` with every text longer than two runs cut into `<span>`s of about `run`
    characters (cjzn's own markup: escaped text, no `>` inside a tag). The text of
    `<style>`, `<script>`, `<title>` and `<textarea>` is left alone."""
    out: list[str] = []
    raw: str | None = None
    for part in _TAG.split(html):
        if part.startswith("<"):
            tag = _OPENING.match(part)
            if tag is not None:
                name = tag[2].lower()
                if not tag[1] and name in _RAW_TEXT:
                    raw = name
                elif tag[1] and name == raw:
                    raw = None
            out.append(part)
        elif raw is not None or len(part) <= 2 * run:
            out.append(part)
        else:
            out.extend(f"<span>{piece}</span>" for piece in _pieces(_UNIT.findall(part), run))
    return "".join(out)


def _pieces(units: list[str], run: int) -> list[str]:
    """Consecutive pieces of `units`, each cut where a line may break anyway."""
    pieces: list[str] = []
    start = 0
    while len(units) - start > 2 * run:
        cut = start + 2 * run
        for index in range(start + run, start + 2 * run):
            before, after = units[index - 1], units[index]
            if (after == " " and before != " ") or (_cjk(before) and _cjk(after)):
                cut = index
                break
        pieces.append("".join(units[start:cut]))
        start = cut
    pieces.append("".join(units[start:]))
    return pieces


def _cjk(unit: str) -> bool:
    """A CJK character (a line may break before and after it)."""
    return len(unit) == 1 and ("\u2e80" <= unit <= "\u9fff" or "\uf900" <= unit <= "\uffef")
