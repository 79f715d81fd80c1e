"""The guide as a street office reads it: `cjzn catalog` answers "what must we do?".

Everything shown comes from the round's catalog: the basic work items with
their requirements, the key works to choose from, the stages with their dates
and what each requires, and the seven parts of the plan. Only headings are
written here (as bilingual `Msg`s); the guide's wording is the catalog's.
Three views: rich text for the terminal, GitHub-flavoured Markdown, and JSON
(the catalog data itself, for other tools).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text

from cjzn.guide import BasicItem, Catalog
from cjzn.i18n import Msg, paren
from cjzn.templating import md_escape
from cjzn.text import wrap_lines

__all__ = [
    "catalog_data",
    "catalog_json",
    "catalog_markdown",
    "print_catalog",
]

BASIC = Msg("基础性建设工作", "Basic work")
BASIC_NOTE = Msg("每个创建单位都须完成以下全部各项。", "Every unit must complete all of these.")
KEY = Msg("重点创建工作", "Key works")
STAGES = Msg("创建工作阶段及内容安排", "Stages and what each requires")
REQUIRES = Msg("须完成", "Requires")
PLAN = Msg("创建工作方案的基本内容", "The parts of the plan")
GUIDE_TEXT = Msg("指南原文", "The guide's text")
OPTIONAL = Msg("可选的部分", "Optional parts")
EXTRA = Msg(
    "其他部分写在 plan.extra_sections（每部分 title 和 text，按顺序排在 P7 之后）",
    "any other section goes under plan.extra_sections (a title and a text each, after P7)",
)
DISTRICTS = Msg("本轮的区县", "Districts of the round")
TO = Msg(" 至 ", " to ")
COLON = Msg("：", ": ")
NUMBER = Msg("（{n}）", "{n}. ")


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """The catalog as plain JSON data (dates as ISO strings)."""
    return catalog.model_dump(mode="json")


def catalog_json(catalog: Catalog) -> str:
    return json.dumps(catalog_data(catalog), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _span(codes: list[str]) -> str:
    return f"{codes[0]}–{codes[-1]}" if codes else ""


def _points(item: BasicItem, lang: str) -> list[tuple[str, str]]:
    """(title, text) of each point of an item; one untitled point per paragraph otherwise."""
    if item.points:
        return [
            (Msg(point.title, point.title_en or point.title).get(lang), point.text)
            for point in item.points
        ]
    return [("", paragraph) for paragraph in item.requirement.splitlines() if paragraph.strip()]


def _dates(start: date, end: date, lang: str) -> str:
    return f"{start.isoformat()}{TO.get(lang)}{end.isoformat()}"


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def catalog_markdown(catalog: Catalog, lang: str = "zh") -> str:
    """The guide's requirements as GitHub-flavoured Markdown.

    Catalog text goes through `md_escape` like every rendered value: a
    `--catalog` file is data, not markup.
    """
    out: list[str] = [f"# {md_escape(catalog.guide.title)}", ""]
    out += [f"{md_escape(catalog.guide.issuer)}，{catalog.guide.issued}", ""]
    out += _md_basic(catalog, lang)
    out += _md_key(catalog, lang)
    out += _md_stages(catalog, lang)
    out += _md_plan(catalog, lang)
    out += [f"## {DISTRICTS.get(lang)}", "", md_escape("、".join(catalog.districts)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_heading(level: int, code: str, catalog: Catalog, lang: str, note: str) -> str:
    """`### B1 组织保障（三(一)1）`: a code, its title and a note in brackets."""
    title = md_escape(catalog.title(code, lang))
    return f"{'#' * level} {code} {title}{paren(note, lang)}"


def _md_basic(catalog: Catalog, lang: str) -> list[str]:
    """Every basic work item under its group, with the guide's points numbered."""
    colon = COLON.get(lang)
    out = [f"## {BASIC.get(lang)}{paren(_span(catalog.basic_codes()), lang)}", ""]
    out += [BASIC_NOTE.get(lang), ""]
    for group in catalog.basic_groups:
        out += [_md_heading(3, group.code, catalog, lang, md_escape(group.section)), ""]
        for item in catalog.basic_work:
            if item.group != group.code:
                continue
            out += [_md_heading(4, item.code, catalog, lang, md_escape(item.section)), ""]
            points = _points(item, lang)
            if not item.points:  # the guide's paragraphs, unnumbered
                for _, text in points:
                    out += [md_escape(text), ""]
            else:
                for index, (title, text) in enumerate(points, start=1):
                    lead = f"**{md_escape(title)}**{colon}" if title else ""
                    out.append(f"{index}. {lead}{md_escape(text)}")
                out.append("")
    return out


def _md_key(catalog: Catalog, lang: str) -> list[str]:
    """The key works to choose from, one bullet each."""
    colon = COLON.get(lang)
    out = [f"## {KEY.get(lang)}{paren(_span(catalog.key_codes()), lang)}", ""]
    if "key_work" in catalog.requirements:
        out += [md_escape(catalog.requirements["key_work"].get(lang)), ""]
    for work in catalog.key_work:
        title = md_escape(catalog.title(work.code, lang))
        out.append(
            f"- **{work.code} {title}**{paren(md_escape(work.section), lang)}{colon}"
            f"{md_escape(work.text)}"
        )
    out.append("")
    return out


def _md_stages(catalog: Catalog, lang: str) -> list[str]:
    """Each stage with its dates, what it requires and the guide's text as a quote."""
    out = [f"## {STAGES.get(lang)}", ""]
    for stage in catalog.stages:
        out += [_md_heading(3, stage.code, catalog, lang, _dates(stage.start, stage.end, lang)), ""]
        if stage.requirements:
            out += [f"{REQUIRES.get(lang)}{COLON.get(lang).rstrip()}", ""]
            out += [f"- {md_escape(catalog.requirements[r].get(lang))}" for r in stage.requirements]
            out.append("")
        out += [f"> {md_escape(line)}" if line.strip() else ">" for line in stage.text.splitlines()]
        out.append("")
    return out


def _md_plan(catalog: Catalog, lang: str) -> list[str]:
    """The plan's parts, each with its key in the filing."""
    colon = COLON.get(lang)
    out = [f"## {PLAN.get(lang)}{paren(_span([p.code for p in catalog.plan_parts]), lang)}", ""]
    out += [md_escape(catalog.form.plan_note), ""]
    for part in catalog.plan_parts:
        title = md_escape(catalog.title(part.code, lang))
        out.append(
            f"- **{part.code} {title}**{paren(f'`plan.{part.key}`', lang)}{colon}"
            f"{md_escape(part.description)}"
        )
    out.append("")
    if catalog.plan_optional_parts:
        out += [f"{OPTIONAL.get(lang)}{colon.rstrip()}", ""]
        for optional in catalog.plan_optional_parts:
            title = md_escape(Msg(optional.title, optional.title_en).get(lang))
            out.append(f"- **{title}**{paren(f'`plan.{optional.key}`', lang)}")
        out += [f"- {md_escape(EXTRA.get(lang))}", ""]
    return out


# ---------------------------------------------------------------------------
# Rich text
# ---------------------------------------------------------------------------


def print_catalog(catalog: Catalog, lang: str, console: Console) -> None:
    """Print the guide's requirements to a rich console (colours when it is a terminal).

    Chinese prose has no spaces to break at, so paragraphs are wrapped here (by
    display width) rather than by rich, which would break only at the few spaces.
    """
    out = _Printer(console)
    out.line((catalog.guide.title, "bold"))
    out.line((f"{catalog.guide.issuer}，{catalog.guide.issued}", "dim"))
    _print_basic(out, catalog, lang)
    _print_key(out, catalog, lang)
    _print_stages(out, catalog, lang)
    _print_plan(out, catalog, lang)
    out.heading(DISTRICTS.get(lang))
    out.paragraph("、".join(catalog.districts))


class _Printer:
    """Lines, wrapped paragraphs, bullets and headings on a rich console."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def line(self, *parts: str | tuple[str, str], indent: int = 0) -> None:
        self.console.print(Text.assemble(" " * indent, *parts), overflow="fold")

    def paragraph(self, text: str, indent: int = 0, style: str = "", lead: str = "") -> None:
        """`lead` (bold) then `text`, wrapped to the console's width."""
        pieces = wrap_lines(lead + text, self.console.width - indent - 1)
        for index, piece in enumerate(pieces):
            if index == 0 and lead and piece.startswith(lead):
                self.line((lead, "bold"), (piece[len(lead) :], style), indent=indent)
            else:
                self.line((piece, style), indent=indent)

    def bullet(self, text: str, indent: int) -> None:
        """`• text` with continuation lines under the text, not under the bullet."""
        pieces = wrap_lines(text, self.console.width - indent - 3)
        for index, piece in enumerate(pieces):
            self.line(("• " if index == 0 else "  ", "bold"), piece, indent=indent)

    def heading(self, text: str) -> None:
        self.console.print()
        self.console.print(Rule(Text(text, style="bold"), align="left"))

    def blank(self) -> None:
        self.console.print()


def _print_basic(out: _Printer, catalog: Catalog, lang: str) -> None:
    """Every basic work item under its group, with the guide's points numbered."""
    colon = COLON.get(lang)
    out.heading(f"{BASIC.get(lang)}{paren(_span(catalog.basic_codes()), lang)}")
    out.paragraph(BASIC_NOTE.get(lang))
    for group in catalog.basic_groups:
        out.blank()
        out.line(
            (f"{group.code} {catalog.title(group.code, lang)}", "bold magenta"),
            (paren(group.section, lang), "dim"),
        )
        for item in catalog.basic_work:
            if item.group != group.code:
                continue
            out.line(
                (f"{item.code} {catalog.title(item.code, lang)}", "bold cyan"),
                (paren(item.section, lang), "dim"),
                indent=2,
            )
            for index, (title, text) in enumerate(_points(item, lang), start=1):
                lead = f"{NUMBER.format(lang, n=index)}{title}{colon}" if title else ""
                out.paragraph(text, indent=4, lead=lead)


def _print_key(out: _Printer, catalog: Catalog, lang: str) -> None:
    """The key works to choose from, each with the guide's text."""
    out.heading(f"{KEY.get(lang)}{paren(_span(catalog.key_codes()), lang)}")
    if "key_work" in catalog.requirements:
        out.paragraph(catalog.requirements["key_work"].get(lang))
    for work in catalog.key_work:
        out.line(
            (f"{work.code} {catalog.title(work.code, lang)}", "bold cyan"),
            (paren(work.section, lang), "dim"),
        )
        out.paragraph(work.text, indent=4)


def _print_stages(out: _Printer, catalog: Catalog, lang: str) -> None:
    """Each stage with its dates, what it requires and the guide's text."""
    colon = COLON.get(lang).rstrip()
    out.heading(STAGES.get(lang))
    for stage in catalog.stages:
        out.blank()
        out.line(
            (f"{stage.code} {catalog.title(stage.code, lang)}", "bold cyan"),
            "  ",
            (_dates(stage.start, stage.end, lang), "bold yellow"),
        )
        if stage.requirements:
            out.line((f"{REQUIRES.get(lang)}{colon}", "bold"), indent=2)
            for requirement in stage.requirements:
                out.bullet(catalog.requirements[requirement].get(lang), indent=4)
        out.line((f"{GUIDE_TEXT.get(lang)}{colon}", "bold"), indent=2)
        out.paragraph(stage.text, indent=4, style="dim")


def _print_plan(out: _Printer, catalog: Catalog, lang: str) -> None:
    """The plan's parts, each with its key in the filing."""
    out.heading(f"{PLAN.get(lang)}{paren(_span([p.code for p in catalog.plan_parts]), lang)}")
    out.paragraph(catalog.form.plan_note)
    for part in catalog.plan_parts:
        out.line(
            (f"{part.code} {catalog.title(part.code, lang)}", "bold cyan"),
            "  ",
            (f"plan.{part.key}", "green"),
        )
        out.paragraph(part.description, indent=4)
    if catalog.plan_optional_parts:
        out.line((f"{OPTIONAL.get(lang)}{COLON.get(lang).rstrip()}", "bold"))
        for optional in catalog.plan_optional_parts:
            title = Msg(optional.title, optional.title_en).get(lang)
            out.line((title, "bold cyan"), "  ", (f"plan.{optional.key}", "green"), indent=2)
        out.bullet(EXTRA.get(lang), indent=2)
