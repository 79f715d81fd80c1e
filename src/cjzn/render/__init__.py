"""`cjzn render`: the 备案登记表 and its 附页 as HTML, Markdown, DOCX or PDF.

The street office prints the form, signs it, stamps it and sends it with the
plan to the district, so the output follows the guide's attachment row by row.
`build` turns a validated filing into a plain `View` (labels from the catalog),
`formats` lays it out (templates under `templates/`, python-docx, WeasyPrint),
`outputs` decides which filing goes to which file.
"""

from cjzn.errors import RenderError
from cjzn.render.build import build_view
from cjzn.render.formats import FORMATS, MARKER, infer_format, render_bytes, render_text
from cjzn.render.outcome import RenderOutcome, form_options
from cjzn.render.outputs import RenderProgress, plan_outputs, render_paths
from cjzn.render.pdf import check_pdf_support
from cjzn.render.provenance import generation_time, git_state
from cjzn.render.view import View

__all__ = [
    "FORMATS",
    "MARKER",
    "RenderError",
    "RenderOutcome",
    "RenderProgress",
    "View",
    "build_view",
    "check_pdf_support",
    "form_options",
    "generation_time",
    "git_state",
    "infer_format",
    "plan_outputs",
    "render_bytes",
    "render_paths",
    "render_text",
]
