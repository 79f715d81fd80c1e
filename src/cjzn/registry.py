"""Every diagnostic code in one place, gathered from where each is produced.

`cjzn rules` and the README's code table are generated from `ALL_CODES`, and a
test checks that every code is documented: codes are a contract, never reused.
"""

from __future__ import annotations

from cjzn import fields, loader
from cjzn.messages import CodeInfo
from cjzn.rules import RULES
from cjzn.rules.repo import REPO_RULES


def _gather() -> dict[str, CodeInfo]:
    gathered: dict[str, CodeInfo] = {}
    sources = [
        loader.CODES,
        fields.CODES,
        {code: rule.info for code, rule in RULES.items()},
        {rule.code: rule.info for rule in REPO_RULES},
    ]
    for source in sources:
        for code, info in source.items():
            if code in gathered and gathered[code] is not info:
                raise RuntimeError(f"diagnostic code {code} is defined twice")
            gathered[code] = info
    return dict(sorted(gathered.items(), key=lambda item: (item[0][0], item[0])))


ALL_CODES: dict[str, CodeInfo] = _gather()


def codes_markdown(lang: str = "zh") -> str:
    """The code table for README and `cjzn rules --format md`."""
    head = (
        "| 代码 | 名称 | 级别 | 含义 | 指南 |\n|---|---|---|---|---|"
        if lang != "en"
        else "| code | name | severity | meaning | guide |\n|---|---|---|---|---|"
    )
    rows = [
        f"| {info.code} | `{info.name}` | {info.severity.value} | {info.summary.get(lang)} "
        f"| {info.guide} |"
        for info in ALL_CODES.values()
    ]
    return "\n".join([head, *rows])


def codes_json(lang: str = "zh") -> list[dict[str, str]]:
    """Every code for `cjzn rules --format json`: what it means and how to fix it."""
    return [
        {
            "code": info.code,
            "name": info.name,
            "severity": info.severity.value,
            "summary": info.summary.get(lang),
            "hint": info.hint.get(lang),
            "guide": info.guide,
        }
        for info in ALL_CODES.values()
    ]
