"""`cjzn init`: the skeleton's content, the atomic write, overwrite protection, prompting."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cjzn.check import validate_file
from cjzn.cli import app
from cjzn.cli import init as cli
from cjzn.fileio import write_atomic
from cjzn.guide import Catalog
from cjzn.init.jsonschema import schema_url
from cjzn.init.skeleton import (
    ask_district,
    resolve_district,
    skeleton_text,
    wrap_comment,
    yaml_quote,
)
from cjzn.load import load_text
from cjzn.model import Filing
from cjzn.options import Options

ROUND = "2013-2014"
runner = CliRunner()


@pytest.fixture(scope="module")
def text(catalog: Catalog) -> str:
    return skeleton_text(catalog, "天平路街道", "徐汇区")


def parse(text: str) -> dict[str, Any]:
    document, problems = load_text(text, "skeleton.yaml")
    assert problems == []
    assert document is not None
    data: dict[str, Any] = document.data
    return data


def comment_text(text: str) -> str:
    """All comments joined, whitespace removed (wrapping may split a sentence anywhere)."""
    parts = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    return re.sub(r"\s+", "", "".join(parts))


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


# -- the paths of the contract, taken from the model ---------------------------------


def _model_of(annotation: Any) -> type[Any] | None:
    """The pydantic model inside `X | None`, `list[X]`, `dict[str, X | None]`."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def _origin(annotation: Any) -> Any:
    for arg in (annotation, *typing.get_args(annotation)):
        origin = typing.get_origin(arg)
        if origin in (list, dict):
            return origin
    return None


def contract_paths(catalog: Catalog) -> list[tuple[Any, ...]]:
    """Every key path of the filing format: list items at index 0, code keys for dicts."""
    codes = {"basic_work": catalog.basic_codes(), "stage_goals": catalog.stage_codes()}
    paths: list[tuple[Any, ...]] = []

    def walk(model: type[Any], prefix: tuple[Any, ...]) -> None:
        for name, info in model.model_fields.items():
            path = (*prefix, name)
            paths.append(path)
            annotation = info.annotation
            inner = _model_of(annotation)
            origin = _origin(annotation)
            if name in codes:
                for code in codes[name]:
                    paths.append((*path, code))
                    if inner is not None:
                        walk(inner, (*path, code))
            elif inner is not None and origin is list:
                walk(inner, (*path, 0))
            elif inner is not None:
                walk(inner, path)

    walk(Filing, ())
    return paths


def lookup(data: Any, path: tuple[Any, ...]) -> tuple[bool, Any]:
    for part in path:
        found_in_dict = isinstance(data, dict) and part in data
        found_in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if not (found_in_dict or found_in_list):
            return False, None
        data = data[part]
    return True, data


# -- skeleton content -----------------------------------------------------------------


#: Version 1's place for the reviews: still valid, but the reviews live in review files now.
OLD_PLACES = ("reviews",)


def test_every_key_of_the_contract_is_present(text: str, catalog: Catalog) -> None:
    data = parse(text)
    paths = [p for p in contract_paths(catalog) if p[0] not in OLD_PLACES]
    assert len(paths) > 60
    missing = [".".join(map(str, p)) for p in paths if not lookup(data, p)[0]]
    assert missing == []
    # and nothing that is not in the contract
    known = {tuple(p) for p in paths}

    def walk(node: Any, prefix: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                assert (*prefix, key) in known, (*prefix, key)
                walk(value, (*prefix, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*prefix, index))

    walk(data, ())


def test_no_reviews_block_the_reviews_are_in_review_files(text: str) -> None:
    """An empty `reviews:` once made --migrate invent approvals and W014 fire beside the
    first review file: the skeleton has none, and says where the reviews are recorded."""
    assert "reviews" not in parse(text)
    assert not any(line.startswith("reviews:") for line in text.splitlines())
    assert "cjznreview" in comment_text(text) and "district-review.yaml" in text


def test_filled_in_values(text: str, catalog: Catalog) -> None:
    data = parse(text)
    assert data["cjzn"] == "1"
    assert data["round"] == ROUND
    assert data["unit"] == {"name": "天平路街道", "district": "徐汇区"}
    assert list(data["basic_work"]) == catalog.basic_codes()
    for code in catalog.basic_codes():
        assert data["basic_work"][code] == {
            "status": "planned",
            "measures": None,
            "evidence": None,
            "achieved_outcomes": [{"outcome": None, "evidence": None}],
        }
    assert list(data["plan"]["stage_goals"]) == catalog.stage_codes()
    assert data["prior_rounds"] is None  # unknown yet; [] would mean "never took part"
    assert data["submission"]["filed_on"] is None  # filing it is the unit's act, not init's


def test_first_line_points_editors_at_the_schema(text: str, catalog: Catalog) -> None:
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema_url(ROUND)}"
    custom = skeleton_text(catalog, "x", "徐汇区", schema_url="../../schemas/f.json")
    assert custom.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/f.json"
    with pytest.raises(ValueError):
        skeleton_text(catalog, "x", "徐汇区", schema_url="a\nb: c")


def test_every_key_line_has_a_chinese_comment(text: str) -> None:
    key_line = re.compile(r"^\s*(?:- )?[A-Za-z_][\w.]*:")
    lines = [line for line in text.splitlines() if key_line.match(line)]
    assert len(lines) > 100
    for line in lines:
        assert "  # " in line, line
        assert re.search(r"[\u4e00-\u9fff]", line.split("  # ", 1)[1]), line


def test_labels_come_from_the_catalog(text: str, catalog: Catalog) -> None:
    assert f"mobile:  # {catalog.label('contact.mobile')}" in text
    assert f"office_phone:  # {catalog.label('contact.office_phone')}" in text
    assert f"prior_rounds:  # {catalog.label('prior_rounds')}" in text


def test_comments_carry_the_guide(text: str, catalog: Catalog) -> None:
    comments = comment_text(text)
    for item in catalog.basic_work:
        assert squash(f"{item.code}{item.title}") in comments
        if item.points:
            for point in item.points:
                assert squash(point.title) in comments and squash(point.text) in comments
        else:
            assert squash(item.requirement) in comments
    b32 = catalog.basic("B3.2")
    assert b32 is not None and len(b32.points) == 3
    for work in catalog.key_work:  # the ten key works to choose from
        assert squash(f"{work.code}{work.title}") in comments
    for part in catalog.plan_parts:  # the seven plan parts explained
        assert squash(part.code) in comments and squash(part.description) in comments
    for stage in catalog.stages:
        assert stage.end.isoformat() in comments
    assert squash(catalog.form.plan_note) in comments
    for district in catalog.districts:
        assert district in comments


def test_comment_wrapping_keeps_everything_commented() -> None:
    long = "甲" * 200 + "\n第二段，" + "乙" * 10
    wrapped = wrap_comment(long, indent=4, width=40)
    for line in wrapped.splitlines():
        assert line.startswith("    #")
        assert sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in line) <= 40
    assert squash(wrapped.replace("#", "")) == squash(long)
    # closing punctuation never starts a line
    assert not any(line.lstrip("# ").startswith("，") for line in wrapped.splitlines())


@pytest.mark.parametrize(
    "name",
    [
        "天平路街道",
        "a: b # c",
        '"quoted"',
        "'single'",
        "back\\slash",
        "- dash",
        "*star",
        "&anchor",
        "!tag",
        "{brace}",
        "[x]",
        "%d",
        "@x",
        "`x`",
        "yes",
        "null",
        "~",
        "1",
        "2013-03-15",
        "街道\u2028分隔",
        "tab\there",
        " leading",
    ],
)
def test_user_text_is_quoted_safely(name: str, catalog: Catalog) -> None:
    data = parse(f"k: {yaml_quote(name)}\n")
    assert data["k"] == name
    skeleton = parse(skeleton_text(catalog, name, "徐汇区"))
    assert skeleton["unit"]["name"] == name


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ("v0.1.0", True),
        ("https://git.example/cjzn", True),
        ("true", False),  # YAML would read a boolean
        ("1.0", False),
        ("a: b", False),
        ("x #y", False),
        ("'q'", False),
        ("", False),
    ],
)
def test_yaml_quote_plain_only_when_yaml_reads_it_back(value: str, plain: bool) -> None:
    text = yaml_quote(value, plain=True)
    assert (text == value) is plain
    assert parse(f"k: {text}\n")["k"] == value


def test_resolve_district(catalog: Catalog) -> None:
    assert resolve_district(catalog, "徐汇区").district == "徐汇区"
    assert resolve_district(catalog, " 徐汇区 ").district == "徐汇区"
    choice = resolve_district(catalog, "崇明区")  # the name since 2016
    assert choice.district is None and choice.suggestion == "崇明县"
    choice = resolve_district(catalog, "火星区")
    assert choice.district is None


def test_ask_district_accepts_number_or_name(catalog: Catalog) -> None:
    said: list[str] = []
    answers = iter(["99", "崇明区", "2"])
    asked: list[tuple[str, object]] = []

    def prompt(question: str, default: object = None) -> str:
        asked.append((question, default))
        return next(answers)

    district = ask_district(catalog, prompt, said.append)
    assert district == catalog.districts[1]
    assert any("崇明县" in line for line in said)  # suggested for 崇明区
    assert any(line.strip().startswith("17.") for line in said)  # the numbered list
    assert any("1 到 17 之间" in line for line in said)  # 99 is out of range: says the range
    assert "1-17" in asked[0][0] and asked[0][1] is None
    assert asked[2][1] == "崇明县" and "回车" in asked[2][0]  # Enter accepts the suggestion


def test_enter_accepts_the_suggested_district(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    path = tmp_path / "f.yaml"
    result = init(str(path), "--unit", "竖新镇", input="崇明区\n\n")
    assert result.exit_code == 0, result.output
    assert "[崇明县]" in result.output
    assert parse(path.read_text(encoding="utf-8"))["unit"]["district"] == "崇明县"


# -- a fresh skeleton and validate --------------------------------------------------


def test_fresh_skeleton_validates_without_format_errors(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "filings" / "徐汇区" / "天平路街道.yaml"
    write_atomic(path, skeleton_text(catalog, "天平路街道", "徐汇区"))
    for options in (Options(), Options(lang="en")):
        result = validate_file(path, options)
        assert result.filing is not None
        codes = {d.code for d in result.diagnostics}
        assert not {c for c in codes if c[0] in "YFVG"}, codes
    # before the first deadline nears, a fresh skeleton has no problem at all
    early = runner.invoke(app, ["validate", "--as-of", "2013-01-15", "--format", "json", str(path)])
    assert (early.exit_code, json.loads(early.stdout)["problems"]) == (0, [])
    # after the round, what is missing is overdue: stage errors (a to-do list), nothing else
    invoked = runner.invoke(
        app, ["validate", "--as-of", "2015-01-10", "--format", "json", str(path)]
    )
    assert invoked.exit_code == 1
    problems = json.loads(invoked.stdout)["problems"]
    assert problems and {p["code"] for p in problems} == {"T101"}


# -- the command ----------------------------------------------------------------------


def init(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, ["init", *args], input=input)


def test_init_writes_the_skeleton(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "filings" / "徐汇区" / "天平路街道.yaml"
    result = init(str(path), "--unit", "天平路街道", "--district", "徐汇区")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == skeleton_text(catalog, "天平路街道", "徐汇区")
    assert "cjzn validate" in result.stdout
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("my work\n", encoding="utf-8")
    result = init(str(path), "--unit", "天平路街道", "--district", "徐汇区")
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "my work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_init_force_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("my work\n", encoding="utf-8")
    result = init(str(path), "--unit", "天平路街道", "--district", "徐汇区", "--force")
    assert result.exit_code == 0
    assert parse(path.read_text(encoding="utf-8"))["unit"]["name"] == "天平路街道"


def test_init_without_a_terminal_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    for args in ([], ["--unit", "天平路街道"], ["--district", "徐汇区"]):
        result = init(str(path), *args)
        assert result.exit_code == 2, args
        assert "--unit" in result.stderr
    assert not path.exists()


def test_init_prompts_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalog: Catalog
) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    path = tmp_path / "f.yaml"
    # the district first (a near name, then its number), then the unit: no such number, then one
    result = init(str(path), input="徐汇\n2\n99\n1\n")
    assert result.exit_code == 0, result.output
    assert "徐汇区" in result.stdout  # the numbered list of districts
    assert " 1. 天平路街道" in result.stdout  # then the district's units, from the roster
    assert "请输入 1–13 的编号" in result.stdout  # 99 is no number of the list
    data = parse(path.read_text(encoding="utf-8"))
    assert data["unit"] == {"name": "天平路街道", "district": catalog.districts[1]}


def test_init_prompts_only_for_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    path = tmp_path / "f.yaml"
    result = init(str(path), "--unit", "竖新镇", input="崇明县\n")
    assert result.exit_code == 0, result.output
    assert parse(path.read_text(encoding="utf-8"))["unit"] == {
        "name": "竖新镇",
        "district": "崇明县",
    }


def test_stdin_check_is_false_under_the_runner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real check (not a stub) sees no terminal under CliRunner, as in CI."""
    seen: list[bool] = []
    original = cli._stdin_is_terminal

    def spy() -> bool:
        seen.append(original())
        return seen[-1]

    monkeypatch.setattr(cli, "_stdin_is_terminal", spy)
    result = runner.invoke(app, ["init", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert seen == [False]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--unit", "x", "--district", "崇明区"], "崇明县"),  # suggestion
        (["--unit", "x", "--district", "火星区"], "徐汇区"),  # lists the districts
        (["--unit", " ", "--district", "徐汇区"], "--unit"),
        (["--unit", "x", "--district", "徐汇区", "--round", "1999-2000"], "2013-2014"),
        (["--unit", "x", "--district", "徐汇区", "--schema-url", "a b"], "--schema-url"),
    ],
)
def test_init_usage_errors(tmp_path: Path, args: list[str], needle: str) -> None:
    path = tmp_path / "f.yaml"
    result = init(str(path), *args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert not path.exists()


def test_init_on_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = init(str(tmp_path), "--unit", "x", "--district", "徐汇区")
    assert result.exit_code == 2


def test_init_with_catalog_option(tmp_path: Path, catalog: Catalog) -> None:
    assert catalog.source
    path = tmp_path / "f.yaml"
    result = init(str(path), "--unit", "x", "--district", "徐汇区", "--catalog", catalog.source)
    assert result.exit_code == 0, result.output
    assert parse(path.read_text(encoding="utf-8"))["round"] == ROUND


# -- write_atomic ---------------------------------------------------------------------


def test_write_atomic_creates_folders_and_writes_text_and_bytes(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.txt"
    assert write_atomic(target, "第一行\r\n第二行\n") == target
    assert target.read_bytes() == "第一行\r\n第二行\n".encode()
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in target.parent.iterdir()) == ["c.txt"]


def test_write_atomic_no_overwrite_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "c.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]
    fresh = tmp_path / "d.txt"
    write_atomic(fresh, "new", overwrite=False)
    assert fresh.read_text(encoding="utf-8") == "new"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_write_atomic_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "c.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "d.txt"
    write_atomic(fresh, "new")
    assert stat.S_IMODE(fresh.stat().st_mode) & 0o600 == 0o600  # not a private 0600 temp file
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_write_atomic_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "c.txt"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.txt"]
