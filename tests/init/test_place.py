"""`cjzn init` and the district's folder: the path names the district and the unit, another
district's folder is refused (or, in a terminal, the right one offered), the roster's units
are the choices when it asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.cli import init as cli
from cjzn.guide import Catalog
from cjzn.init.place import (
    ask_unit_from_roster,
    folder_district,
    right_place,
    roster_note,
    unit_from_file_name,
)

runner = CliRunner()


def init(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, ["init", *args], input=input)


def unit_of(path: Path) -> dict[str, str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    unit = data["unit"]
    assert isinstance(unit, dict)
    return unit


def test_the_path_names_the_district_and_the_unit(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "filings" / "徐汇区" / "徐家汇街道.yaml"
    assert folder_district(path, catalog) == ("徐汇区", tmp_path / "filings" / "徐汇区")
    assert unit_from_file_name(path, catalog, "徐汇区") == "徐家汇街道"
    assert unit_from_file_name(path.with_name("徐家汇.yaml"), catalog, "徐汇区") == "徐家汇街道"
    assert unit_from_file_name(path.with_name("f.yaml"), catalog, "徐汇区") is None
    assert folder_district(tmp_path / "f.yaml", catalog) is None
    # an alias folder is its district (崇明区 -> 崇明县)
    assert folder_district(tmp_path / "崇明区" / "f.yaml", catalog) == (
        "崇明县",
        tmp_path / "崇明区",
    )
    result = init(str(path))  # no options, no terminal: everything from the path
    assert result.exit_code == 0, result.output
    assert unit_of(path) == {"name": "徐家汇街道", "district": "徐汇区"}


def test_a_file_name_the_roster_lacks_asks_for_unit_only(tmp_path: Path) -> None:
    """The folder gave the district: the message names the one thing missing, and why."""
    path = tmp_path / "filings" / "徐汇区" / "新街道.yaml"
    result = init(str(path))
    assert result.exit_code == 2 and not path.exists()
    assert "徐汇区的街镇名册里没有“新街道”" in result.stderr
    assert "--unit 新街道" in result.stderr and "--district" not in result.stderr
    english = init(str(path), "--lang", "en")
    assert "roster has no “新街道”" in english.stderr and "名册" not in english.stderr
    nowhere = init(str(tmp_path / "x" / "新街道.yaml"))
    assert nowhere.exit_code == 2 and "--district" in nowhere.stderr
    given = init(str(path), "--unit", "新街道")  # as the message says: written, R003 later
    assert given.exit_code == 0, given.output
    assert unit_of(path) == {"name": "新街道", "district": "徐汇区"}


def test_another_districts_folder_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "filings" / "长宁区" / "天平路街道.yaml"
    right = tmp_path / "filings" / "徐汇区" / "天平路街道.yaml"
    assert right_place(path, catalog, "徐汇区") == right
    assert right_place(path, catalog, "长宁区") is None
    result = init(str(path), "--unit", "天平路街道", "--district", "徐汇区")
    assert result.exit_code == 2
    assert f"请写到 {right}" in result.stderr and "--district 改为 长宁区" in result.stderr
    assert not path.exists() and not right.exists()


@pytest.mark.parametrize(("answer", "written"), [("y\n", True), ("n\n", False)])
def test_in_a_terminal_it_offers_the_right_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: str, written: bool
) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    path = tmp_path / "filings" / "长宁区" / "天平路街道.yaml"
    right = tmp_path / "filings" / "徐汇区" / "天平路街道.yaml"
    result = init(str(path), "--unit", "天平路街道", "--district", "徐汇区", input=answer)
    assert f"改为写到 {right}" in result.stdout
    assert not path.exists()
    assert right.exists() is written
    assert result.exit_code == (0 if written else 2)
    if written:
        assert unit_of(right) == {"name": "天平路街道", "district": "徐汇区"}


def test_asking_offers_the_districts_units(catalog: Catalog) -> None:
    said: list[str] = []

    def ask(answers: list[str]) -> str:
        replies = iter(answers)
        return ask_unit_from_roster(catalog, "徐汇区", lambda _q: next(replies), said.append)

    assert ask(["2"]) == "湖南路街道"
    listed = [line.split(". ", 1)[1] for line in said if ". " in line]
    # the 13 streets and towns of 徐汇区 that file; not the development zone (其他)
    assert listed[:13] == [u.name for u in catalog.roster.expected("徐汇区")]  # type: ignore[union-attr]
    assert len(listed) == 13 and "漕河泾新兴技术开发区" not in listed
    said.clear()
    assert ask(["天平路"]) == "天平路街道"  # written as the roster does, and said so
    assert any("按名册写作“天平路街道”" in line for line in said)
    said.clear()
    assert ask(["新设街道"]) == "新设街道"  # not in the roster: accepted, with a note
    assert any("名册中没有“新设街道”" in line for line in said)


def test_a_unit_the_roster_does_not_know_is_noted(tmp_path: Path, catalog: Catalog) -> None:
    assert roster_note(catalog, "徐汇区", "天平路街道") is None
    assert roster_note(catalog, "徐汇区", "龙华") is not None
    path = tmp_path / "filings" / "徐汇区" / "x.yaml"
    result = init(str(path), "--unit", "不存在街道")
    assert result.exit_code == 0, result.output  # a warning, never a refusal
    assert "徐汇区的街镇名册中没有“不存在街道”" in result.stderr
    assert unit_of(path) == {"name": "不存在街道", "district": "徐汇区"}
