"""The Jinja2 environments every rendered file shares, and the escaping of user text.

One place decides how user text is made safe: HTML templates autoescape, the
Markdown ones escape every value through `md_escape`, every value loses the
control characters XML cannot hold (`xml_safe`: a YAML "\\0" or "\\x1b" escape
must not put NUL or ESC bytes into a page), the YAML files `cjzn init` writes
take user text only through `yaml_quote`, and an undefined name in a template
is an error rather than an empty cell. Jinja2 is imported only when
something is rendered, so `cjzn validate` never pays for it.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from cjzn.resources import templates_dir
from cjzn.text import wrap_comment, xml_safe

__all__ = ["FORMATS", "environment", "md_escape", "xml_safe", "yaml_quote"]

#: The flavours of `environment`: the rendered documents (html, md) and the
#: plain-text files `cjzn init` writes (yaml: the filing skeleton; text: the
#: filings repo's README, CI and pre-commit files).
FORMATS = ("html", "md", "yaml", "text")

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([>+=-])|(\d+)([.)]))")


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


def yaml_quote(value: str, *, plain: bool = False) -> str:
    """`value` as a YAML scalar that reads back as exactly `value`.

    Double-quoted: JSON string syntax is valid YAML, and characters YAML would
    fold or reject (line and paragraph separators, other non-printables) are
    escaped too. With `plain`, a value YAML reads back unchanged without quotes
    stays plain (easier to read in a CI file).
    """
    if plain:
        import yaml  # the scaffold's YAML only: not every run needs PyYAML here

        try:
            if yaml.safe_load(f"key: {value}\n") == {"key": value}:
                return value
        except yaml.YAMLError:
            pass
    quoted = json.dumps(value, ensure_ascii=False)
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in quoted)


@functools.cache  # one environment per format: templates compile once per run
def environment(fmt: str) -> Any:
    """The Jinja2 environment of one of `FORMATS`, all loading from `templates/`.

    html: autoescape; md: every value through `md_escape`; yaml and text: no
    escaping (not HTML), user text goes in only through the `q` (quoted) and
    `yaml` (plain when safe) filters, catalog text through `note` (YAML
    comment lines); yaml also trims block tags' whitespace, text keeps it.
    """
    # Jinja2 only when something is rendered: `cjzn validate` never pays for it.
    import jinja2
    from markupsafe import Markup

    if fmt not in FORMATS:
        raise ValueError(f"unknown template format: {fmt}")
    loader = jinja2.FileSystemLoader(str(templates_dir()))
    if fmt in ("yaml", "text"):
        env = jinja2.Environment(
            loader=loader,
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            trim_blocks=fmt == "yaml",
            lstrip_blocks=fmt == "yaml",
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
        )
        env.filters["q"] = yaml_quote
        env.filters["yaml"] = functools.partial(yaml_quote, plain=True)
        env.filters["note"] = wrap_comment
        return env

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
        loader=loader,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=True, default=False
        ),
        finalize=finalize_md if fmt == "md" else finalize_html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
