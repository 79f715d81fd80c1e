"""Class 5 of the outside review: a `--catalog` is input, and its values become paths.

A district named `../../../escaped` or a round named `x/../../y` is refused by
the catalog's own checks (and `init --repo` never writes outside its folder even
if one slipped through); a catalog that passes its checks does not crash any
command (empty `form.rows`, a prior-round key `²`, empty `districts` …).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.errors import CatalogError
from cjzn.guide import load_catalog, resolve_catalog
from cjzn.guide.checks import PLAN_KEYS, name_problem
from cjzn.init.scaffold import scaffold_repo
from cjzn.model.filing import Plan

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "schemas" / "rounds" / "2013-2014.yaml"
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
BASE: dict[str, Any] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
DISTRICTS: list[str] = BASE["districts"]
RUNNER = CliRunner()


def _write(tmp_path: Path, data: dict[str, Any], name: str = "round.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    if path == ("districts",) and value == []:
        data["district_aliases"] = {}
    return data


HOSTILE = [
    (("districts",), [*DISTRICTS, "../../../escaped"]),
    (("districts",), [*DISTRICTS, "a/b"]),
    (("districts",), [*DISTRICTS, "..\\..\\x"]),
    (("districts",), [*DISTRICTS, ".git"]),
    (("districts",), [*DISTRICTS, "C:"]),
    (("districts",), [*DISTRICTS, "NUL"]),
    (("districts",), [*DISTRICTS, "徐汇\u202e区"]),
    (("districts",), [*DISTRICTS, " 徐汇区"]),
    (("districts",), []),
    (("round",), "x/../../y"),
    (("round",), ".."),
    (("form", "rows"), {}),
    (("form", "prior_round_options"), {"²": "参加第二轮", "none": "从未参与"}),
    (("form", "prior_round_options"), {"0": "参加第零轮"}),
    (("plan_parts",), []),
]


def _case_id(case: tuple[tuple[Any, ...], Any]) -> str:
    path, value = case
    shown = value[-1] if isinstance(value, list) and value else value
    return f"{'.'.join(map(str, path))}={shown!r}"[:40]


@pytest.mark.parametrize(("path", "value"), HOSTILE, ids=[_case_id(case) for case in HOSTILE])
def test_the_catalog_refuses_values_that_break_commands(
    path: tuple[Any, ...], value: Any, tmp_path: Path
) -> None:
    """0.1.0: these passed the catalog's checks, then escaped the repo or crashed."""
    catalog = _write(tmp_path, _with(path, value))
    with pytest.raises(CatalogError) as caught:
        load_catalog(catalog)
    assert str(path[0]) in str(caught.value)


def test_init_repo_with_an_escaping_district_writes_nothing_outside(tmp_path: Path) -> None:
    """0.1.0: `filings/../../../escaped/.gitkeep` was written outside the repo."""
    catalog = _write(tmp_path, _with(("districts",), [*DISTRICTS, "../../../escaped"]))
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    result = RUNNER.invoke(app, ["init", "--repo", str(work / "repo"), "--catalog", str(catalog)])
    assert result.exit_code == 2, result.output
    assert "../../../escaped" in result.output
    assert not list(tmp_path.rglob("escaped"))


def test_the_scaffold_never_writes_outside_its_folder(tmp_path: Path) -> None:
    """Even when a name slipped past the catalog (here passed directly)."""
    root = tmp_path / "a" / "repo"
    result = scaffold_repo(
        root, resolve_catalog(), districts=["../../escaped", "..\\x", "/abs"], git=False
    )
    assert not list(tmp_path.rglob("escaped")) and not Path("/abs").exists()
    failed = {path for path, _why in result.failed}
    assert failed == {"filings/../../escaped/.gitkeep", "filings/..\\x/.gitkeep"}
    assert (root / "filings" / "abs" / ".gitkeep").is_file()  # `//abs` stays inside
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("name", "ok"),
    [("徐汇区", True), ("浦东新区", True), ("../x", False), ("a\\b", False), (".", False),
     ("..", False), ("", False), ("a\x1bb", False), ("a\u200bb", False), ("con", False),
     ("x" * 65, False), ("区.", False)],
)  # fmt: skip
def test_name_problem(name: str, ok: bool) -> None:
    assert (name_problem(name) is None) is ok


def test_plan_keys_are_the_formats() -> None:
    """The catalog check's P1-P7 keys are the filing model's and the bundled catalog's."""
    assert set(PLAN_KEYS) <= set(Plan.model_fields)
    assert [part["key"] for part in BASE["plan_parts"]] == list(PLAN_KEYS)


# --- a catalog that passes its checks works everywhere ------------------------------------


def _containers(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, dict):
        if path:
            yield path
        for key, value in data.items():
            yield from _containers(value, (*path, key))
    elif isinstance(data, list):
        yield path
        for index, value in enumerate(data[:1]):
            yield from _containers(value, (*path, index))


EMPTIED = [path for path in _containers(BASE) if len(path) <= 2]
COMMANDS = [
    ["catalog", "--format", "md"],
    ["catalog", "--format", "json"],
    ["schema"],
    ["render", "{filing}", "--format", "md"],
    ["render", "{filing}", "-o", "{out}/form.html"],
    ["render", "{filing}", "-o", "{out}/form.docx"],
    ["validate", "{filing}"],
    ["status", "{filing}"],
    ["report", "{filing}", "--format", "md"],
    ["init", "--repo", "{out}/repo"],
    ["init", "{out}/new.yaml", "--unit", "天平路街道", "--district", "徐汇区"],
]


@pytest.mark.slow
@pytest.mark.parametrize("path", EMPTIED, ids=lambda path: ".".join(map(str, path)))
def test_a_catalog_that_passes_its_checks_crashes_no_command(
    path: tuple[Any, ...], tmp_path: Path
) -> None:
    """Each part of the catalog emptied in turn: either the catalog says why it is
    broken (exit 2), or every command answers 0 or 1."""
    pytest.importorskip("docx")
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = [] if isinstance(target[path[-1]], list) else {}
    if path == ("districts",):
        data["district_aliases"] = {}
    catalog = _write(tmp_path, data)
    if RUNNER.invoke(app, ["catalog", "--catalog", str(catalog)]).exit_code == 2:
        return  # refused by its checks, with its reasons
    filing = tmp_path / "f.yaml"
    filing.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    for command in COMMANDS:
        args = [a.format(filing=filing, out=out) for a in command] + ["--catalog", str(catalog)]
        result = RUNNER.invoke(app, args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError((path, command)) from result.exception
        assert result.exit_code in (0, 1), (path, command, result.output)
    assert all(os.path.commonpath([tmp_path, p]) == str(tmp_path) for p in out.rglob("*"))
