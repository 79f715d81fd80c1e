"""Who has not filed: a repo holding two of 徐汇区's streets names the other eleven, in text
and JSON; which districts a run covers; unknown districts apart, never a district of their own."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import COMPLETE, EARLY
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.guide import Catalog
from cjzn.options import Options
from cjzn.status import as_json, collect_status, render_text

runner = CliRunner()
AS_OF = "2013-04-15"
OPTIONS = Options(as_of=date.fromisoformat(AS_OF))
OTHERS = [
    "斜土路街道", "枫林路街道", "长桥街道", "田林街道", "虹梅路街道", "康健新村街道", "徐家汇街道",
    "凌云路街道", "龙华街道", "漕河泾街道", "华泾镇",
]  # fmt: skip


def add(root: Path, district: str, name: str, source: Path = COMPLETE) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["unit"] = {"name": name, "district": district}
    path = root / "filings" / district / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def xuhui(tmp_path: Path) -> Path:
    """A district repo holding two of 徐汇区's thirteen streets and towns."""
    add(tmp_path, "徐汇区", "天平路街道")
    add(tmp_path, "徐汇区", "湖南路街道")
    shutil.copytree(COMPLETE.parent / "archive", tmp_path / "filings" / "徐汇区" / "archive")
    return tmp_path


def test_two_streets_filed_name_the_eleven_others(xuhui: Path) -> None:
    report = collect_status([xuhui / "filings"], OPTIONS)
    [coverage] = report.coverage.districts
    assert coverage.district == "徐汇区"
    assert (coverage.filed, list(coverage.missing)) == (("天平路街道", "湖南路街道"), OTHERS)
    text = render_text(report, width=400)
    assert "徐汇区  已备案 2/13" in text
    assert "未备案 11：" + "、".join(OTHERS) in text
    assert "名册：国家统计局" in text
    english = render_text(
        collect_status([xuhui / "filings"], Options(lang="en", as_of=OPTIONS.as_of)), width=400
    )
    assert "filed 2 of 13" in english and "not filed (11): 斜土路街道, 枫林路街道" in english
    document = as_json(report)["coverage"]
    assert document["districts"] == [
        {
            "district": "徐汇区",
            "units": 13,
            "filed": 2,
            "filed_units": ["天平路街道", "湖南路街道"],
            "not_filed": OTHERS,
            "others": [],
        }
    ]
    assert document["unknown_district"] == [] and "国家统计局" in document["roster"]


def test_the_cli_says_it_in_text_and_json(xuhui: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(xuhui)
    text = runner.invoke(app, ["status", "--as-of", AS_OF, "filings/"])
    assert "未备案 11：斜土路街道、" in text.stdout
    data = json.loads(
        runner.invoke(app, ["status", "-f", "json", "--as-of", AS_OF, "filings/"]).stdout
    )
    assert data["coverage"]["districts"][0]["not_filed"] == OTHERS


def test_which_districts_a_run_covers(tmp_path: Path, catalog: Catalog) -> None:
    """The district folders searched, and the districts of the filings found."""
    add(tmp_path, "徐汇区", "天平路街道")
    for district in catalog.districts:  # a city repo: every district has its folder
        (tmp_path / "filings" / district).mkdir(parents=True, exist_ok=True)
    city = collect_status([tmp_path / "filings"], OPTIONS).coverage
    assert [c.district for c in city.districts] == catalog.districts
    assert sum(len(c.expected) for c in city.districts) == 209
    bureau = collect_status([tmp_path / "filings" / "徐汇区"], OPTIONS).coverage
    assert [c.district for c in bureau.districts] == ["徐汇区"]
    # a flat folder: the districts written in its filings
    flat = tmp_path / "flat"
    flat.mkdir()
    shutil.copy(EARLY, flat / "竖新镇.yaml")
    assert [c.district for c in collect_status([flat], OPTIONS).coverage.districts] == ["崇明县"]


def test_one_filing_of_a_folder_shows_the_coverage_too(xuhui: Path) -> None:
    (xuhui / "filings" / "徐汇区" / "湖南路街道.yaml").unlink()
    folder = render_text(collect_status([xuhui / "filings"], OPTIONS), width=400)
    assert "已备案 1/13" in folder  # a timeline, then who has filed
    named = render_text(
        collect_status([xuhui / "filings" / "徐汇区" / "天平路街道.yaml"], OPTIONS), width=400
    )
    assert "已备案" not in named  # one file named: its timeline only (JSON has the numbers)


def test_an_unknown_district_is_listed_apart(xuhui: Path) -> None:
    phantom = add(xuhui, "徐汇区", "华阳路街道")
    text = phantom.read_text(encoding="utf-8").replace("district: 徐汇区", "district: 长宁县")
    phantom.write_text(text, encoding="utf-8")
    report = collect_status([xuhui / "filings"], OPTIONS)
    assert [c.district for c in report.coverage.districts] == ["徐汇区"]  # no 长宁县
    assert report.coverage.unknown_district == [str(phantom)]
    assert f"（未知区县）1 份：{phantom}" in render_text(report, width=400)
