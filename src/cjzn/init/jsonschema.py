"""A JSON Schema (draft 2020-12) of the filing format, for editors.

The schema is generated from the pydantic models (`cjzn.model.Filing`), so it
cannot drift from what `cjzn validate` accepts structurally, and is then
post-processed with one round's catalog: the guide's Chinese titles and
descriptions on every key, enums for the round's codes and districts, patterns
for months and postcodes.

Editors read YAML 1.2 (the YAML language server of VS Code and others):
`1` is an integer, `2013-03-15` a string, `true` a boolean. Values that people
write unquoted and that look like numbers (postcodes, phone numbers) are
therefore accepted as integers too; `cjzn validate` checks them for real.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from cjzn import PROJECT_URL
from cjzn.guide import Catalog
from cjzn.model import Filing

__all__ = [
    "DIALECT",
    "SCHEMA_URL",
    "filing_schema",
    "schema_filename",
    "schema_text",
    "schema_url",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Where the schema of a round is published (the repository's `schemas/` folder).
#: `cjzn init` writes it into the skeleton's first line for editors; `--schema-url`
#: overrides it (a path relative to the filing works too).
SCHEMA_URL = (
    PROJECT_URL.replace("https://github.com/", "https://raw.githubusercontent.com/")
    + "/main/schemas/{filename}"
)

Json = dict[str, Any]

_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_POSTCODE_PATTERN = r"^[0-9]{6}$"  # ASCII digits: full-width ones are an error (V010)
#: A `covers` entry that looks like a code (B1.1, K3) must be one; other text names a key work
#: of the unit's own by its title.
_CODE_LIKE = r"^[BKbkＢＫｂｋ]\s*[0-9０-９]"


def schema_filename(round_name: str) -> str:
    """`filing-2013-2014.schema.json`: the file name of a round's schema."""
    return f"filing-{round_name}.schema.json"


def schema_url(round_name: str) -> str:
    """The default published address of a round's schema."""
    return SCHEMA_URL.format(filename=schema_filename(round_name))


def schema_text(catalog: Catalog) -> str:
    """The schema as deterministic JSON text (sorted keys, UTF-8, 2-space indent, final newline)."""
    return json.dumps(filing_schema(catalog), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def filing_schema(catalog: Catalog) -> Json:
    """The JSON Schema of a filing of `catalog`'s round."""
    schema = copy.deepcopy(Filing.model_json_schema())
    _Annotator(schema, catalog).run()
    _specialise(schema, catalog)
    schema["$schema"] = DIALECT
    schema["$id"] = schema_url(catalog.round)
    schema["title"] = catalog.form.title
    schema["description"] = (
        f"{catalog.guide.title}（{catalog.guide.issuer}）。cjzn 备案格式第 1 版 / "
        f"cjzn filing format, version 1, round {catalog.round}."
    )
    return schema


# ---------------------------------------------------------------------------
# Titles and descriptions from the catalog
# ---------------------------------------------------------------------------


def _split_null(node: Json) -> tuple[Json, bool]:
    """The value schema of `node` and whether `node` also allows null (pydantic's `X | None`)."""
    branches = node.get("anyOf")
    if isinstance(branches, list):
        others = [b for b in branches if b != {"type": "null"}]
        if len(others) == 1 and len(others) < len(branches):
            return others[0], True
    return node, False


class _Annotator:
    """Walks the schema along the filing's key paths and labels every property."""

    def __init__(self, schema: Json, catalog: Catalog) -> None:
        self.schema = schema
        self.catalog = catalog
        self.defs: Json = schema.get("$defs", {})
        self.done: set[str] = set()

    def run(self) -> None:
        self._walk(self.schema, ())

    def _resolve(self, node: Json, path: tuple[str, ...]) -> Json:
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return node
        name = ref.removeprefix("#/$defs/")
        target: Json = self.defs[name]
        if name not in self.done and path:
            self.done.add(name)
            target["title"] = self.catalog.label(".".join(path)) or name
            self._walk(target, path)
        return target

    def _walk(self, node: Json, path: tuple[str, ...]) -> None:
        value, _ = _split_null(node)
        value = self._resolve(value, path)
        for name, prop in value.get("properties", {}).items():
            self._label(prop, (*path, name))
            self._walk(prop, (*path, name))
        extra = value.get("additionalProperties")
        if isinstance(extra, dict):
            self._walk(extra, (*path, "*"))
        items = value.get("items")
        if isinstance(items, dict):
            self._walk(items, (*path, "*"))

    def _label(self, prop: Json, path: tuple[str, ...]) -> None:
        prop.pop("default", None)
        pattern = ".".join(path)
        zh = self.catalog.label(pattern, "zh")
        en = self.catalog.label(pattern, "en")
        if zh:
            prop["title"] = zh
            prop["description"] = " / ".join(text for text in (zh, en) if text)
        else:
            prop.pop("title", None)


# ---------------------------------------------------------------------------
# Round-specific constraints
# ---------------------------------------------------------------------------


def _prop(schema: Json, path: tuple[str, ...]) -> Json:
    """The property schema at `path` (through `$ref`s and `X | None`)."""
    defs: Json = schema.get("$defs", {})
    node = schema
    for part in path:
        value, _ = _split_null(node)
        ref = value.get("$ref")
        if isinstance(ref, str):
            value = defs[ref.removeprefix("#/$defs/")]
        if part == "*":
            node = value["items"] if "items" in value else value["additionalProperties"]
        else:
            node = value["properties"][part]
    return node


def _value(schema: Json, path: tuple[str, ...]) -> Json:
    """The non-null value schema at `path`, `$ref` resolved."""
    value, _ = _split_null(_prop(schema, path))
    ref = value.get("$ref")
    if isinstance(ref, str):
        defs: Json = schema["$defs"]
        resolved: Json = defs[ref.removeprefix("#/$defs/")]
        return resolved
    return value


def _widen(schema: Json, path: tuple[str, ...], *branches: Json) -> None:
    """Let the value at `path` be any of `branches` (or null)."""
    prop = _prop(schema, path)
    _, nullable = _split_null(prop)
    prop["anyOf"] = [*branches, *([{"type": "null"}] if nullable else [])]
    prop.pop("type", None)


def _describe(node: Json, *parts: str) -> None:
    node["description"] = "\n\n".join(p for p in (node.get("description"), *parts) if p)


def _specialise(schema: Json, catalog: Catalog) -> None:
    """Narrow the generic schema to `catalog`'s round: its codes, districts, texts and patterns."""
    _version_and_round(schema, catalog)
    _unit_and_contact(schema, catalog)
    _prior_rounds(schema, catalog)
    _plan(schema, catalog)
    _stage_goals(schema, catalog)
    _work_plan(schema, catalog)
    _basic_work(schema, catalog)
    _key_work(schema, catalog)
    # Months and phone numbers aside, every other object refuses unknown keys (pydantic's
    # extra="forbid" already says so); make sure nothing slipped through.
    for definition in schema.get("$defs", {}).values():
        definition.setdefault("additionalProperties", False)


def _version_and_round(schema: Json, catalog: Catalog) -> None:
    """Format version and round: the only required keys."""
    cjzn = _prop(schema, ("cjzn",))
    cjzn.pop("type", None)
    cjzn["const"] = 1
    _prop(schema, ("round",))["const"] = catalog.round


def _unit_and_contact(schema: Json, catalog: Catalog) -> None:
    """The round's districts; phone numbers and postcodes as strings or integers."""
    district = _value(schema, ("unit", "district"))
    district["enum"] = list(catalog.districts)
    # Phone numbers and postcodes are often written unquoted: YAML 1.2 reads them as integers.
    _widen(schema, ("contact", "postcode"),
           {"type": "string", "pattern": _POSTCODE_PATTERN},
           {"type": "integer", "minimum": 100000, "maximum": 999999})  # fmt: skip
    for path in (("leader", "phone"), ("contact", "office_phone"), ("contact", "mobile")):
        _widen(schema, path, {"type": "string", "minLength": 1}, {"type": "integer"})
    _value(schema, ("contact", "email"))["format"] = "email"


def _prior_rounds(schema: Json, catalog: Catalog) -> None:
    """Earlier rounds: the form's check boxes (the digit ones)."""
    options = catalog.form.prior_round_options
    rounds = sorted(int(key) for key in options if key.isdigit())
    prior = _value(schema, ("prior_rounds",))
    prior["items"] = {"type": "integer", "enum": rounds}
    prior["uniqueItems"] = True
    _describe(
        _prop(schema, ("prior_rounds",)),
        "；".join(f"{key if key.isdigit() else '[]'} = {text}" for key, text in options.items()),
    )


def _plan(schema: Json, catalog: Catalog) -> None:
    """The plan's seven parts (P1-P7) and its optional ones, with cjzn's note on each."""
    for part in catalog.plan_parts:
        prop = _prop(schema, ("plan", part.key))
        prop["title"] = f"{part.code} {part.title}"
        _describe(prop, part.description)
    for optional in catalog.plan_optional_parts:
        prop = _prop(schema, ("plan", optional.key))
        prop["title"] = optional.title
        _describe(prop, f"（可选 / optional）{optional.description}")
    _describe(_prop(schema, ("plan",)), catalog.form.plan_note)


def _stage_goals(schema: Json, catalog: Catalog) -> None:
    """Stage goals: one per stage, keyed by S code, with the stage's window and text."""
    goals = _value(schema, ("plan", "stage_goals"))
    goal_value = goals.pop("additionalProperties")
    goals["propertyNames"] = {"enum": catalog.stage_codes()}
    goals["additionalProperties"] = False
    goals["properties"] = {}
    for stage in catalog.stages:
        entry = copy.deepcopy(goal_value)
        entry["title"] = f"{stage.code} {stage.title}"
        entry["description"] = (
            f"{stage.code} {stage.title}（{stage.start.isoformat()} – {stage.end.isoformat()}）"
            f"\n\n{stage.text}"
        )
        goals["properties"][stage.code] = entry


def _work_plan(schema: Json, catalog: Catalog) -> None:
    """Months of the work plan; codes a task or a responsibility covers; the leading body's kind."""
    codes = catalog.basic_codes() + catalog.key_codes()
    covers_item = {
        "type": "string",
        "anyOf": [{"enum": codes}, {"not": {"pattern": _CODE_LIKE}}],
        "description": "工作代码，或自选重点创建工作的名称 / a work code, or a self-chosen key work's title",
    }
    for section in ("work_plan", "responsibilities"):
        _value(schema, ("plan", section, "*", "covers"))["items"] = copy.deepcopy(covers_item)
    for key in ("start", "end"):
        _value(schema, ("plan", "work_plan", "*", key))["pattern"] = _MONTH_PATTERN
    kind = _value(schema, ("plan", "leading_body", "kind"))
    kind["enum"] = list(catalog.enums.leading_body_kind)


def _basic_work(schema: Json, catalog: Catalog) -> None:
    """Basic work: every B code of the round, with the guide's requirement."""
    status = _value(schema, ("basic_work", "*", "status"))
    status["enum"] = list(catalog.enums.status)
    status["enumDescriptions"] = [text.zh for text in catalog.enums.status.values()]
    basic = _value(schema, ("basic_work",))
    item_schema = basic.pop("additionalProperties")
    basic["propertyNames"] = {"enum": catalog.basic_codes()}
    basic["additionalProperties"] = False
    basic["properties"] = {}
    for item in catalog.basic_work:
        entry = copy.deepcopy(item_schema)
        entry["title"] = f"{item.code} {item.title}"
        if item.points:
            requirement = "\n".join(
                f"{index}. {point.title}：{point.text}"
                for index, point in enumerate(item.points, start=1)
            )
        else:
            requirement = item.requirement
        entry["description"] = f"{item.code} {item.title}（{item.section}）\n\n{requirement}"
        basic["properties"][item.code] = entry


def _key_work(schema: Json, catalog: Catalog) -> None:
    """Key works: one or two of K1-K10, each code described by the guide."""
    key_work = _value(schema, ("key_work",))
    key_work["maxItems"] = catalog.key_works_max
    _describe(_prop(schema, ("key_work",)), catalog.requirements["key_work"].zh)
    code = _value(schema, ("key_work", "*", "code"))
    code["enum"] = catalog.key_codes()
    code["enumDescriptions"] = [f"{k.title}：{k.text}" for k in catalog.key_work]
    _describe(
        _prop(schema, ("key_work", "*", "code")),
        "\n".join(f"{k.code} {k.title}" for k in catalog.key_work),
        "自选的工作不写 code，写 title / a self-chosen work has a title and no code",
    )
