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
from typing import TYPE_CHECKING, Any

from cjzn.guide import BasicItem, Catalog
from cjzn.i18n import Msg
from cjzn.templating import md_escape
from cjzn.text import wrap_lines

if TYPE_CHECKING:
    from rich.console import Console

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
DISTRICTS = Msg("本轮的区县", "Districts of the round")
TO = Msg(" 至 ", " to ")
COLON = Msg("：", ": ")


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


def _title(entry: Any, lang: str) -> str:
    return str(entry.title_en if lang == "en" else entry.title)


def _span(codes: list[str]) -> str:
    return f"{codes[0]}–{codes[-1]}" if codes else ""


def _points(item: BasicItem, lang: str) -> list[tuple[str, str]]:
    """(title, text) of each point of an item; one untitled point per paragraph otherwise."""
    if item.points:
        return [
            (point.title_en if lang == "en" and point.title_en else point.title, point.text)
            for point in item.points
        ]
    return [("", paragraph) for paragraph in item.requirement.splitlines() if paragraph.strip()]


def _paren(text: str, lang: str) -> str:
    return f" ({text})" if lang == "en" else f"（{text}）"


def _dates(start: Any, end: Any, lang: str) -> str:
    return f"{start.isoformat()}{TO.get(lang)}{end.isoformat()}"


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------


def catalog_markdown(catalog: Catalog, lang: str = "zh") -> str:
    """The guide's requirements as GitHub-flavoured Markdown.

    Catalog text goes through `md_escape` like every rendered value: a
    `--catalog` file is data, not markup.
    """
    colon = COLON.get(lang)
    out: list[str] = [f"# {md_escape(catalog.guide.title)}", ""]
    out += [f"{md_escape(catalog.guide.issuer)}，{catalog.guide.issued}", ""]

    basic_codes = catalog.basic_codes()
    out += [
        f"## {BASIC.get(lang)}{_paren(_span(basic_codes), lang)}",
        "",
        BASIC_NOTE.get(lang),
        "",
    ]
    for group in catalog.basic_groups:
        out += [
            f"### {group.code} {md_escape(_title(group, lang))}{_paren(md_escape(group.section), lang)}",
            "",
        ]
        for item in catalog.basic_work:
            if item.group != group.code:
                continue
            out += [
                f"#### {item.code} {md_escape(_title(item, lang))}{_paren(md_escape(item.section), lang)}",
                "",
            ]
            points = _points(item, lang)
            if not item.points:  # the guide's paragraphs, unnumbered
                for _, text in points:
                    out += [md_escape(text), ""]
            else:
                for index, (title, text) in enumerate(points, start=1):
                    lead = f"**{md_escape(title)}**{colon}" if title else ""
                    out.append(f"{index}. {lead}{md_escape(text)}")
                out.append("")

    key_codes = catalog.key_codes()
    out += [f"## {KEY.get(lang)}{_paren(_span(key_codes), lang)}", ""]
    if "key_work" in catalog.requirements:
        out += [md_escape(catalog.requirements["key_work"].get(lang)), ""]
    for work in catalog.key_work:
        out.append(
            f"- **{work.code} {md_escape(_title(work, lang))}**{_paren(md_escape(work.section), lang)}{colon}"
            f"{md_escape(work.text)}"
        )
    out.append("")

    out += [f"## {STAGES.get(lang)}", ""]
    for stage in catalog.stages:
        out += [
            f"### {stage.code} {md_escape(_title(stage, lang))}"
            f"{_paren(_dates(stage.start, stage.end, lang), lang)}",
            "",
        ]
        if stage.requirements:
            out += [f"{REQUIRES.get(lang)}{colon.rstrip()}", ""]
            out += [f"- {md_escape(catalog.requirements[r].get(lang))}" for r in stage.requirements]
            out.append("")
        out += [f"> {md_escape(line)}" if line.strip() else ">" for line in stage.text.splitlines()]
        out.append("")

    out += [
        f"## {PLAN.get(lang)}{_paren(_span([p.code for p in catalog.plan_parts]), lang)}",
        "",
    ]
    out += [md_escape(catalog.form.plan_note), ""]
    for part in catalog.plan_parts:
        out.append(
            f"- **{part.code} {md_escape(_title(part, lang))}**{_paren(f'`plan.{part.key}`', lang)}{colon}"
            f"{md_escape(part.description)}"
        )
    out.append("")

    out += [f"## {DISTRICTS.get(lang)}", "", md_escape("、".join(catalog.districts)), ""]
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------
# Rich text
# ---------------------------------------------------------------------------


def print_catalog(catalog: Catalog, lang: str, console: Console) -> None:
    """Print the guide's requirements to a rich console (colours when it is a terminal).

    Chinese prose has no spaces to break at, so paragraphs are wrapped here (by
    display width) rather than by rich, which would break only at the few spaces.
    """
    from rich.rule import Rule
    from rich.text import Text

    colon = COLON.get(lang)

    def line(*parts: str | tuple[str, str], indent: int = 0) -> None:
        console.print(Text.assemble(" " * indent, *parts), overflow="fold")

    def paragraph(text: str, indent: int = 0, style: str = "", lead: str = "") -> None:
        """`lead` (bold) then `text`, wrapped to the console's width."""
        pieces = wrap_lines(lead + text, console.width - indent - 1)
        for index, piece in enumerate(pieces):
            if index == 0 and lead and piece.startswith(lead):
                line((lead, "bold"), (piece[len(lead) :], style), indent=indent)
            else:
                line((piece, style), indent=indent)

    def bullet(text: str, indent: int) -> None:
        """`• text` with continuation lines under the text, not under the bullet."""
        pieces = wrap_lines(text, console.width - indent - 3)
        for index, piece in enumerate(pieces):
            line(("• " if index == 0 else "  ", "bold"), piece, indent=indent)

    def heading(text: str) -> None:
        console.print()
        console.print(Rule(Text(text, style="bold"), align="left"))

    line((catalog.guide.title, "bold"))
    line((f"{catalog.guide.issuer}，{catalog.guide.issued}", "dim"))

    heading(f"{BASIC.get(lang)}{_paren(_span(catalog.basic_codes()), lang)}")
    paragraph(BASIC_NOTE.get(lang))
    for group in catalog.basic_groups:
        console.print()
        line(
            (f"{group.code} {_title(group, lang)}", "bold magenta"),
            (f"{_paren(group.section, lang)}", "dim"),
        )
        for item in catalog.basic_work:
            if item.group != group.code:
                continue
            line(
                (f"{item.code} {_title(item, lang)}", "bold cyan"),
                (f"{_paren(item.section, lang)}", "dim"),
                indent=2,
            )
            for index, (title, text) in enumerate(_points(item, lang), start=1):
                number = f"{index}. " if lang == "en" else f"（{index}）"
                lead = f"{number}{title}{colon}" if title else ""
                paragraph(text, indent=4, lead=lead)

    heading(f"{KEY.get(lang)}{_paren(_span(catalog.key_codes()), lang)}")
    if "key_work" in catalog.requirements:
        paragraph(catalog.requirements["key_work"].get(lang))
    for work in catalog.key_work:
        line(
            (f"{work.code} {_title(work, lang)}", "bold cyan"),
            (f"{_paren(work.section, lang)}", "dim"),
        )
        paragraph(work.text, indent=4)

    heading(STAGES.get(lang))
    for stage in catalog.stages:
        console.print()
        line(
            (f"{stage.code} {_title(stage, lang)}", "bold cyan"),
            "  ",
            (_dates(stage.start, stage.end, lang), "bold yellow"),
        )
        if stage.requirements:
            line((f"{REQUIRES.get(lang)}{colon.rstrip()}", "bold"), indent=2)
            for requirement in stage.requirements:
                bullet(catalog.requirements[requirement].get(lang), indent=4)
        line((f"{GUIDE_TEXT.get(lang)}{colon.rstrip()}", "bold"), indent=2)
        paragraph(stage.text, indent=4, style="dim")

    heading(f"{PLAN.get(lang)}{_paren(_span([p.code for p in catalog.plan_parts]), lang)}")
    paragraph(catalog.form.plan_note)
    for part in catalog.plan_parts:
        line(
            (f"{part.code} {_title(part, lang)}", "bold cyan"),
            "  ",
            (f"plan.{part.key}", "green"),
        )
        paragraph(part.description, indent=4)

    heading(DISTRICTS.get(lang))
    paragraph("、".join(catalog.districts))
