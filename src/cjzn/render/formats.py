"""The output formats of `cjzn render`: HTML and Markdown from templates, DOCX, PDF.

Jinja2, python-docx and WeasyPrint are imported inside the functions that
need them: `cjzn validate` must not pay for them.
"""

from __future__ import annotations

from pathlib import Path

from cjzn.fileio import format_for
from cjzn.render.fit import NOTE_TRAILER
from cjzn.render.layout import GEOMETRY
from cjzn.render.provenance import MARKER
from cjzn.render.view import SEE_APPENDIX, View
from cjzn.templating import environment

__all__ = [
    "FORMATS",
    "MARKER",
    "SUFFIXES",
    "SUFFIX_FORMATS",
    "infer_format",
    "render_bytes",
    "render_text",
]

FORMATS = ("html", "md", "docx", "pdf")
SUFFIXES = {"html": ".html", "md": ".md", "docx": ".docx", "pdf": ".pdf"}
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
TEMPLATES = {"html": "form.html.j2", "md": "form.md.j2"}
#: The suffixes an unknown `-o` suffix is told to use, most wanted first.
SUGGESTED = (".docx", ".pdf", ".html", ".md")


def render_text(view: View, fmt: str) -> str:
    """HTML or Markdown text of one filing."""
    if fmt not in TEMPLATES:
        raise ValueError(f"not a text format: {fmt}")
    template = environment(fmt).get_template(TEMPLATES[fmt])
    return str(
        template.render(
            v=view,
            marker=MARKER,
            css=GEOMETRY.css(),
            see_appendix=SEE_APPENDIX,
            note_trailer=NOTE_TRAILER,
        )
    )


def render_bytes(view: View, fmt: str) -> bytes:
    """The file contents of one filing in `fmt` (html, md, docx, pdf)."""
    if fmt in TEMPLATES:
        return render_text(view, fmt).encode("utf-8")
    if fmt == "docx":
        from cjzn.render.docx import render_docx  # python-docx: only when DOCX is asked for

        return render_docx(view)
    if fmt == "pdf":
        from cjzn.render.pdf import html_to_pdf  # WeasyPrint: only when PDF is asked for

        return html_to_pdf(render_text(view, "html"))
    raise ValueError(f"unknown format: {fmt}")


def infer_format(fmt: str | None, output: Path | None) -> str:
    """`--format`, else the `-o` file's suffix, else HTML; an unknown suffix or a
    contradiction is a `UsageError` that names .docx, .pdf, .html and .md."""
    return format_for(fmt, output, FORMATS, SUFFIX_FORMATS, suggest=SUGGESTED, folders=True)
