"""The JSON Schema for editors: generated from the models, fresh in schemas/, right about the examples."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import COMPLETE, DRAFT, EARLY, EXTENDED, ROOT
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.guide import Catalog
from cjzn.init.jsonschema import (
    DIALECT,
    filing_schema,
    schema_filename,
    schema_text,
    schema_url,
)
from cjzn.init.skeleton import skeleton_text
from cjzn.load.edits import apply_fixes
from cjzn.load.slips import find_slips

ROUND = "2013-2014"
SHIPPED = ROOT / "schemas" / schema_filename(ROUND)
runner = CliRunner()


class Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as an editor's YAML 1.2 core schema does.

    `1` is an int, `true` a bool, but `2013-03-15` stays a string and `yes` is text
    (yaml.safe_load is YAML 1.1: dates become `date` objects, yes/no booleans).
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012


for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def load12(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader subclass


@pytest.fixture(scope="module")
def schema(catalog: Catalog) -> dict[str, Any]:
    return filing_schema(catalog)


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def errors_of(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    """Each error as `dotted.path: message`."""
    return sorted(
        ".".join(str(p) for p in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(data)
    )


# -- freshness and shape --------------------------------------------------------


def test_shipped_schema_is_fresh(catalog: Catalog) -> None:
    """Fails when the models or the catalog changed and `cjzn schema -o` was not re-run."""
    assert SHIPPED.is_file(), f"missing {SHIPPED}: run cjzn schema -o {SHIPPED}"
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(catalog), (
        f"{SHIPPED} is stale: run `cjzn schema -o schemas/{schema_filename(ROUND)}`"
    )


def test_output_is_deterministic_and_sorted(catalog: Catalog) -> None:
    text = schema_text(catalog)
    assert text == schema_text(catalog)
    assert text.endswith("}\n")
    assert "\\u" not in text  # Chinese stays readable (ensure_ascii=False)
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def test_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == schema_url(ROUND)
    jsonschema.Draft202012Validator.check_schema(schema)


def _def(schema: dict[str, Any], name: str) -> dict[str, Any]:
    definition: dict[str, Any] = schema["$defs"][name]
    return definition


def _nonnull(prop: dict[str, Any]) -> dict[str, Any]:
    branches = [b for b in prop.get("anyOf", [prop]) if b != {"type": "null"}]
    assert len(branches) == 1, prop
    branch: dict[str, Any] = branches[0]
    return branch


def test_codes_districts_and_formats_come_from_the_catalog(
    schema: dict[str, Any], catalog: Catalog
) -> None:
    props = schema["properties"]
    assert props["cjzn"]["const"] == 1
    assert props["round"]["const"] == ROUND
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["cjzn", "round"]

    basic = _nonnull(props["basic_work"])
    assert basic["propertyNames"]["enum"] == catalog.basic_codes()
    assert list(basic["properties"]) == catalog.basic_codes()
    assert basic["additionalProperties"] is False
    b32 = basic["properties"]["B3.2"]
    assert b32["title"] == "B3.2 队伍建设"
    for point in catalog.basic("B3.2").points:  # type: ignore[union-attr]
        assert point.title in b32["description"] and point.text in b32["description"]
    status = _nonnull(_def(schema, "BasicWorkItem")["properties"]["status"])
    assert status["enum"] == ["planned", "in_progress", "done"]

    key = _nonnull(_def(schema, "KeyWorkItem")["properties"]["code"])
    assert key["enum"] == [f"K{n}" for n in range(1, 11)]
    assert len(key["enumDescriptions"]) == 10
    assert _nonnull(props["key_work"])["maxItems"] == 2

    for model in ("Task", "Responsibility"):
        covers = _nonnull(_def(schema, model)["properties"]["covers"])["items"]
        assert covers["anyOf"][0]["enum"] == catalog.basic_codes() + catalog.key_codes()
        # a code must be the round's; other text names a self-chosen key work
        check = jsonschema.Draft202012Validator(covers).is_valid
        assert check("B1.1") and check("K10") and check("社区微治理学习坊")
        assert not check("B9.9") and not check("K11") and not check("Ｋ３")

    goals = _nonnull(_def(schema, "Plan")["properties"]["stage_goals"])
    assert goals["propertyNames"]["enum"] == ["S1", "S2", "S3", "S4"]
    assert "2013-03-31" in goals["properties"]["S1"]["description"]

    district = _nonnull(_def(schema, "Unit")["properties"]["district"])
    assert district["enum"] == catalog.districts
    for section, field in (("Submission", "filed_on"), ("Summary", "written_on")):
        assert _nonnull(_def(schema, section)["properties"][field])["format"] == "date"
    month = _nonnull(_def(schema, "Task")["properties"]["start"])
    assert re.fullmatch(month["pattern"], "2013-04")
    assert not re.fullmatch(month["pattern"], "2013-13")
    prior = _nonnull(props["prior_rounds"])
    assert prior["items"]["enum"] == [1, 2, 3] and prior["uniqueItems"] is True


def test_every_property_has_a_chinese_title(schema: dict[str, Any]) -> None:
    untitled: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                title = prop.get("title", "")
                if not re.search(r"[\u4e00-\u9fff]", title):
                    untitled.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(schema, "#")
    assert untitled == []
    for definition in schema["$defs"].values():
        assert definition["additionalProperties"] is False
        assert re.search(r"[\u4e00-\u9fff]", definition["title"])
        assert "default" not in json.dumps(definition)


# -- the examples, read as an editor reads them ---------------------------------


def test_loader_reads_like_an_editor() -> None:
    data = load12("a: 2013-03-15\nb: 1\nc: true\nd: yes\ne: 021-64311234\nf:\n")
    assert data == {
        "a": "2013-03-15",
        "b": 1,
        "c": True,
        "d": "yes",
        "e": "021-64311234",
        "f": None,
    }


@pytest.mark.parametrize("path", [COMPLETE, EARLY, EXTENDED], ids=lambda p: p.stem)
def test_examples_validate(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    data = load12(path.read_text(encoding="utf-8"))
    assert errors_of(validator, data) == []


def test_fresh_skeleton_validates(
    validator: jsonschema.Draft202012Validator, catalog: Catalog
) -> None:
    """An editor must not flag a file straight out of `cjzn init`."""
    data = load12(skeleton_text(catalog, "天平路街道", "徐汇区"))
    assert errors_of(validator, data) == []


def test_draft_fails(validator: jsonschema.Draft202012Validator) -> None:
    """The draft, its IME slips corrected (other YAML tools cannot read them), fails the schema
    on its wrong values."""
    text = DRAFT.read_text(encoding="utf-8")
    slips = [d.fix for d in find_slips(text, "draft", "zh") if d.fix is not None]
    assert slips
    errors = errors_of(validator, load12(apply_fixes(text, slips).text))
    assert errors
    joined = "\n".join(errors)
    assert "phone_number" in joined  # leader.phone_number: unknown key
    assert "闵行县" in joined  # not a district of the round
    assert "B6.1" in joined  # not a basic work code
    assert "K11" in joined  # not a key work code
    assert "sumary" in joined  # misspelt top-level key


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("cjzn",), 2),
        (("round",), "2015-2016"),
        (("unit", "district"), "崇明区"),
        (("contact", "postcode"), "2000"),
        (("contact", "postcode"), "abcdef"),
        (("prior_rounds",), [1, 1]),
        (("prior_rounds",), [4]),
        (("plan", "stage_goals", "S5"), "x"),
        (("plan", "work_plan", 0, "start"), "2013-13"),
        (("plan", "work_plan", 0, "covers"), ["B9.9"]),
        (("basic_work", "B1.1", "status"), "finished"),
        (("key_work", 0, "code"), "K11"),
        (("submission", "filed_on"), "2013-02-30"),
        (("submission", "sealed"), "yes"),
        (("contact", "mobile"), ""),
        (("evaluation", "apply"), True),
    ],
)
def test_a_wrong_value_fails(
    validator: jsonschema.Draft202012Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(load12(COMPLETE.read_text(encoding="utf-8")))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert errors_of(validator, data), f"{path} = {value!r} was accepted"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("contact", "postcode"), 200030),  # unquoted: YAML 1.2 reads an integer
        (("contact", "postcode"), "200030"),
        (("contact", "mobile"), 13816612345),
        (("leader", "phone"), "021-64311234"),
        (("prior_rounds",), []),
        (("submission", "sealed"), False),
        (("basic_work", "B1.1"), None),
    ],
)
def test_written_forms_are_accepted(
    validator: jsonschema.Draft202012Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = copy.deepcopy(load12(COMPLETE.read_text(encoding="utf-8")))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert errors_of(validator, data) == []


# -- the command ------------------------------------------------------------------


def test_cli_prints_the_schema(catalog: Catalog) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_text(catalog)


def test_cli_writes_the_schema(tmp_path: Path, catalog: Catalog) -> None:
    target = tmp_path / "out" / schema_filename(ROUND)
    result = runner.invoke(app, ["schema", "--round", ROUND, "-o", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == schema_text(catalog)


def test_cli_unknown_round_is_a_usage_error() -> None:
    result = runner.invoke(app, ["schema", "--round", "1999-2000"])
    assert result.exit_code == 2
    assert "2013-2014" in result.output
