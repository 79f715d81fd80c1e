"""The Jinja2 environment every rendered document shares, and Markdown escaping.

One place decides how user text is made safe: HTML templates autoescape, the
Markdown ones escape every value through `md_escape`, every value loses the
control characters XML cannot hold (`xml_safe`: a YAML "\\0" or "\\x1b" escape
must not put NUL or ESC bytes into a page), and an undefined name in a template
is an error rather than an empty cell. Jinja2 is imported only when
something is rendered, so `cjzn validate` never pays for it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["environment", "md_escape", "xml_safe"]

_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([>+=-])|(\d+)([.)]))")


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (tab, LF and CR stay).

    A YAML `\\0` escape would crash Word output and put raw NUL/ESC bytes into
    HTML and Markdown; every rendered value passes through here.
    """
    return _XML_INCOMPATIBLE.sub("", text)


def _md_line_start(match: re.Match[str]) -> str:
    """`- x`, `> x`, `1. x` at the start of a line would open a list or quote: escape the mark."""
    indent, mark, number, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"


def md_escape(value: Any) -> str:
    """User text made inert in GitHub-flavoured Markdown, table cells included.

    `<` `>` `&` become entities (GitHub renders inline HTML), Markdown
    punctuation and `|` get a backslash, and line breaks become `<br>` so a
    multi-line value stays inside its table cell.
    """
    text = str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    lines = [_MD_LINE_START.sub(_md_line_start, line) for line in text.splitlines()]
    return "<br>".join(line.strip() for line in lines) if len(lines) > 1 else "".join(lines)


@functools.cache  # one environment per format: templates compile once per run
def environment(fmt: str) -> Any:
    """The Jinja2 environment of one format: autoescape for HTML, Markdown escaping for md."""
    import jinja2
    from markupsafe import Markup

    from cjzn.resources import templates_dir

    def finalize_html(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup):  # made in Python (the charts) around user text
            return Markup(xml_safe(value))
        if isinstance(value, str):
            return xml_safe(value)  # then autoescaped
        return value

    def finalize_md(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, Markup):
            return Markup(xml_safe(value))
        return Markup(md_escape(xml_safe(str(value))))

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=True, default=False
        ),
        finalize=finalize_md if fmt == "md" else finalize_html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
