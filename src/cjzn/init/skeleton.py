"""The filing skeleton that `cjzn init` writes: every key, explained from the catalog.

A street office starts from this file instead of a spec: each key carries the
form's label as a comment, each basic work item the guide's requirement, the key
works and plan parts are listed to choose from, and each section says which
stage needs it by when. All of that text comes from the round's catalog; the
layout lives in `templates/skeleton.yaml.j2`, rendered by `templating`'s "yaml"
environment (Jinja2 is imported only then, so `cjzn validate` never loads it).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cjzn.errors import UsageError
from cjzn.fileio import write_atomic
from cjzn.i18n import Msg, did_you_mean
from cjzn.init.jsonschema import schema_filename
from cjzn.init.jsonschema import schema_url as default_schema_url
from cjzn.templating import environment, yaml_quote
from cjzn.text import COMMENT_WIDTH, invisible_in, visible, wrap_comment, wrap_lines

if TYPE_CHECKING:
    from cjzn.guide import Catalog

__all__ = [
    "COMMENT_WIDTH",
    "DistrictChoice",
    "ask_district",
    "ask_unit",
    "new_filing",
    "repo_schema_url",
    "resolve_district",
    "skeleton_text",
    "unit_name_problem",
    "wrap_comment",
    "wrap_lines",
    "yaml_quote",
]

TEMPLATE = "skeleton.yaml.j2"

_EMPTY_UNIT = Msg("街道（乡镇）名称不能为空", "the unit name must not be empty")
_UNIT_CONTROL = Msg(
    "街道（乡镇）名称不能包含换行、控制字符或看不见的字符（这里有 {chars}）",
    "the unit name must not contain line breaks, control or invisible characters (it has {chars})",
)
_ASK_UNIT = Msg("街道（乡镇）名称", "Street or town name")
_ASK_DISTRICT = Msg(
    "所属区县（输入编号 1-{count} 或名称）", "District (a number 1-{count}, or a name)"
)
_ASK_AGAIN = Msg(
    "所属区县（直接回车选 {suggestion}，或输入编号 1-{count}、名称）",
    "District (Enter for {suggestion}, or a number 1-{count}, or a name)",
)
_OUT_OF_RANGE = Msg(
    "没有第 {value} 个区县：编号应在 1 到 {count} 之间",
    "there is no district {value}: 1 to {count}",
)
_NOT_A_DISTRICT = Msg(
    "{value} 不是 {round} 年度的区县{hint}", "{value} is not a district of the {round} round{hint}"
)
_DISTRICT_OPTION = Msg("--district: {why}（可选：{choices}）", "--district: {why}")
_BAD_SCHEMA_URL = Msg("--schema-url 不能含空白或控制字符", "--schema-url must not contain spaces")


def unit_name_problem(name: str) -> Msg | None:
    """Why `name` cannot be a unit name (a `Msg`, so also a (zh, en) pair), or None when it can.

    Spaces around it, full-width ones included (`"　天平路街道　"`), are not a problem:
    `new_filing` writes the name without them. Spaces inside are kept as typed.
    """
    text = name.strip()
    if not text:
        return _EMPTY_UNIT
    hidden = [c for c in text if not c.isprintable() and unicodedata.category(c) != "Zs"]
    hidden += [c for c in invisible_in(text) if c not in hidden]
    if hidden:
        chars = " ".join(visible(c) for c in hidden)
        return Msg(_UNIT_CONTROL.format("zh", chars=chars), _UNIT_CONTROL.format("en", chars=chars))
    return None


@dataclass(frozen=True)
class DistrictChoice:
    """The result of matching a user's district against the round's list."""

    district: str | None
    suggestion: str | None = None


def resolve_district(catalog: Catalog, value: str) -> DistrictChoice:
    """`value` if it is a district of the round, else the closest name to suggest."""
    text = value.strip()
    if text in catalog.districts:
        return DistrictChoice(text)
    return DistrictChoice(None, catalog.suggest_district(text))


def require_district(catalog: Catalog, value: str) -> str:
    """The round's district named by `value`, or a `UsageError` that suggests the nearest."""
    choice = resolve_district(catalog, value)
    if choice.district is not None:
        return choice.district

    def worded(lang: str) -> str:
        hint = did_you_mean(choice.suggestion, lang)
        why = _NOT_A_DISTRICT.format(lang, value=value, round=catalog.round, hint=hint)
        return _DISTRICT_OPTION.format(lang, why=why, choices="、".join(catalog.districts))

    raise UsageError(Msg.each(worded))


def ask_unit(prompt: Callable[[str], str], say: Callable[[str], None], lang: str = "zh") -> str:
    """Ask for the unit name until it is usable (`prompt`/`say` are the terminal's)."""
    while True:
        name = prompt(_ASK_UNIT.get(lang)).strip()
        problem = unit_name_problem(name)
        if problem is None:
            return name
        say(problem.get(lang))


def ask_district(
    catalog: Catalog, prompt: Callable[..., str], say: Callable[[str], None], lang: str = "zh"
) -> str:
    """Offer the round's districts as a numbered list; accept a number or a name.

    A name that is not quite right gets a suggestion, which the next question offers
    as its default (Enter accepts it); a number out of range says the range.
    """
    count = len(catalog.districts)
    for index, name in enumerate(catalog.districts, start=1):
        say(f"  {index:>2}. {name}")
    suggestion: str | None = None
    while True:
        if suggestion is None:
            answer = prompt(_ASK_DISTRICT.format(lang, count=count))
        else:
            question = _ASK_AGAIN.format(lang, suggestion=suggestion, count=count)
            answer = prompt(question, default=suggestion)
        answer = answer.strip()
        if answer.isdecimal():
            if 1 <= int(answer) <= count:
                return catalog.districts[int(answer) - 1]
            say(_OUT_OF_RANGE.format(lang, value=answer, count=count))
            continue
        choice = resolve_district(catalog, answer)
        if choice.district is not None:
            return choice.district
        hint = did_you_mean(choice.suggestion, lang)
        say(_NOT_A_DISTRICT.format(lang, value=answer, round=catalog.round, hint=hint))
        suggestion = choice.suggestion


def repo_schema_url(filing: Path, round_name: str) -> str | None:
    """The repo's own schema, relative to `filing`'s folder, when the filing sits in a filings repo.

    Walks up from the filing's folder to the nearest folder that holds
    `schemas/filing-<round>.schema.json` (what `cjzn init --repo` writes) or
    `.git`; None when that folder has no such schema (the published URL is used).
    """
    folder = Path(os.path.abspath(filing)).parent
    relative = Path("schemas") / schema_filename(round_name)
    for candidate in (folder, *folder.parents):
        schema = candidate / relative
        if schema.is_file():
            return Path(os.path.relpath(schema, folder)).as_posix()
        if (candidate / ".git").exists():
            return None
    return None


def skeleton_text(
    catalog: Catalog, unit: str, district: str, *, schema_url: str | None = None
) -> str:
    """The skeleton of a new filing of `unit` in `district` for `catalog`'s round."""
    url = schema_url if schema_url is not None else default_schema_url(catalog.round)
    if not url.strip() or any(not c.isprintable() or c.isspace() for c in url):
        raise ValueError(f"invalid schema URL: {url!r}")

    # YAML, not HTML: no autoescaping. User text reaches the file only through
    # `yaml_quote` (filter `q`), catalog text only through `wrap_comment` (`note`).
    env = environment("yaml")

    def label(path: str) -> str:
        text = catalog.label(path)
        return text.replace("\n", " ") if text else ""

    def due(*requirement_ids: str) -> str:
        """Which stage requires what (S1 启动备案，截止 2013-03-31：…) for these requirement ids."""
        lines: list[str] = []
        for stage in catalog.stages:
            for requirement in stage.requirements:
                if requirement in requirement_ids:
                    text = catalog.requirements[requirement].zh
                    lines.append(
                        f"{stage.code} {stage.title}（截止 {stage.end.isoformat()}）：{text}"
                    )
        return "\n".join(lines)

    def part(key: str) -> str:
        for plan_part in catalog.plan_parts:
            if plan_part.key != key:
                continue
            code, title, text = plan_part.code, plan_part.title, plan_part.description
            # Some descriptions restate the title; say it once.
            return f"{code} {text}" if text.startswith(title) else f"{code} {title}：{text}"
        return ""

    template = env.get_template(TEMPLATE)
    text: str = template.render(
        catalog=catalog,
        unit=unit,
        district=district,
        schema_url=url,
        label=label,
        due=due,
        part=part,
    )
    return text.rstrip("\n") + "\n"


def new_filing(
    path: Path,
    catalog: Catalog,
    unit: str,
    district: str,
    *,
    schema_url: str | None = None,
    force: bool = False,
) -> Path:
    """Write the skeleton of a new filing to `path` atomically; the path written.

    Raises `UsageError` for an unusable unit name, district or schema URL,
    `FileExistsError` when `path` exists (unless `force`), `OSError` when it
    cannot be written.
    """
    problem = unit_name_problem(unit)
    if problem is not None:
        raise UsageError(Msg.each(lambda lang: f"--unit: {problem.get(lang)}"))
    unit = unit.strip()  # "　天平路街道　" as an IME may leave it: the name without the spaces
    district = require_district(catalog, district)
    if schema_url is None:  # inside a filings repo: its own schema, as a relative path
        schema_url = repo_schema_url(path, catalog.round)
    try:
        text = skeleton_text(catalog, unit, district, schema_url=schema_url)
    except ValueError:
        raise UsageError(_BAD_SCHEMA_URL) from None
    return write_atomic(path, text, overwrite=force)
