"""The 备案登记表 and 附页 as a Word document (python-docx).

Offices finish the form in Word or WPS (a last correction, the signature
image), so the form is a real Word table whose merged cells match the
attachment, not a picture or a text box. Everything shown comes from the
view-model built by `cjzn.render.build.build_view`.

This module puts the parts together: `docx_base` holds the document and its
building blocks, `docx_form` adds the form, `docx_appendix` the 附页. They
import python-docx, and `cjzn.render.formats` imports this module only when
DOCX is asked for.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from cjzn.render.docx_appendix import add_appendix
from cjzn.render.docx_base import DocBuilder
from cjzn.render.docx_form import add_form
from cjzn.render.provenance import MARKER

if TYPE_CHECKING:
    from cjzn.render.view import View

__all__ = ["render_docx"]


def render_docx(view: View) -> bytes:
    """The .docx bytes of one filing: the form as a merged-cell table, then the 附页."""
    builder = DocBuilder(view)
    add_form(builder)
    add_appendix(builder)
    builder.properties(MARKER)
    out = io.BytesIO()
    builder.doc.save(out)
    return out.getvalue()
