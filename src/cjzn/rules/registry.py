"""Every rule and every diagnostic code, in one explicit registry.

Explicit on purpose (no import-time discovery): adding a rule means adding it
here; `cjzn rules`, SARIF and the README's code table are generated from
`ALL_CODES`, and the tests insist every code is documented, has help and
runs its examples. Codes are a contract: never reused.
"""

from __future__ import annotations

from cjzn import config, load, model
from cjzn.diagnostics import CodeInfo
from cjzn.guide import Catalog
from cjzn.i18n import Msg
from cjzn.rules import (
    codes,
    dates,
    evidence,
    key_work,
    plan,
    review_codes,
    roster,
    slips,
    stages,
    values,
)
from cjzn.rules.base import Rule
from cjzn.rules.repo import REPO_RULES

__all__ = ["ALL_CODES", "RULES", "codes_json", "codes_markdown"]

#: Per-filing rules by code, in the order they run.
RULES: dict[str, Rule] = {
    rule.code: rule
    for module in (key_work, codes, plan, values, stages, dates, evidence, roster, slips)
    for rule in module.RULES
}


def _gather() -> dict[str, CodeInfo]:
    gathered: dict[str, CodeInfo] = {}
    sources = [
        load.CODES,
        config.CODES,
        model.CODES,
        {code: rule.info for code, rule in RULES.items()},
        {rule.code: rule.info for rule in REPO_RULES},
        review_codes.CODES,  # the review files' (rules.review)
    ]
    for source in sources:
        for code, info in source.items():
            if code in gathered and gathered[code] is not info:
                raise RuntimeError(f"diagnostic code {code} is defined twice")
            gathered[code] = info
    return dict(sorted(gathered.items(), key=lambda item: (item[0][0], item[0])))


ALL_CODES: dict[str, CodeInfo] = _gather()

_HEAD = Msg(
    "| 代码 | 名称 | 级别 | 含义 | 怎样改 | 指南 |\n|---|---|---|---|---|---|",
    "| code | name | severity | meaning | how to fix | guide |\n|---|---|---|---|---|---|",
)


def _cell(text: str) -> str:
    """Text kept inside one Markdown table cell (a `|` or a line break would end it)."""
    return " ".join(text.replace("|", "\\|").split())


def codes_markdown(catalog: Catalog, lang: str = "zh") -> str:
    """The code table for README and `cjzn rules --format md` (sections from `catalog`)."""
    rows = [
        f"| {info.code} | `{info.name}` | {info.severity.value} | {_cell(info.summary.get(lang))} "
        f"| {_cell(info.help_text.get(lang))} | {catalog.code_sections.get(info.code, '')} |"
        for info in ALL_CODES.values()
    ]
    return "\n".join([_HEAD.get(lang), *rows])


def codes_json(catalog: Catalog, lang: str = "zh") -> list[dict[str, str]]:
    """Every code for `cjzn rules --format json`: what it means and how to fix it."""
    return [
        {
            "code": info.code,
            "name": info.name,
            "severity": info.severity.value,
            "summary": info.summary.get(lang),
            "hint": info.hint.get(lang),
            "help": info.help_text.get(lang),
            "guide": catalog.code_sections.get(info.code, ""),
        }
        for info in ALL_CODES.values()
    ]
