"""The dashboard says who has not filed: a chart per district, the names, the JSON; filings of
an unknown district are one group, never a district of their own."""

from __future__ import annotations

import json
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import COMPLETE
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.options import Options
from cjzn.report import collect_dashboard, coverage_chart, render_report

runner = CliRunner()
AS_OF = "2013-04-15"
OPTIONS = Options(as_of=date.fromisoformat(AS_OF))


def add(root: Path, district: str, name: str, folder: str | None = None) -> Path:
    data = yaml.safe_load(COMPLETE.read_text(encoding="utf-8"))
    data["unit"] = {"name": name, "district": district}
    path = root / "filings" / (folder or district) / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    add(tmp_path, "徐汇区", "天平路街道")
    add(tmp_path, "徐汇区", "湖南路街道")
    shutil.copytree(COMPLETE.parent / "archive", tmp_path / "filings" / "徐汇区" / "archive")
    (tmp_path / "filings" / "长宁区").mkdir()  # a district folder without any filing yet
    return tmp_path


class Tags(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]


def test_the_dashboard_names_who_has_not_filed(repo: Path) -> None:
    dashboard = collect_dashboard([repo / "filings"], OPTIONS)
    html = render_report(dashboard, "html")
    bars = {
        g["data-district"]: (g["data-filed"], g["data-units"])
        for g in Tags(html).find("g", "coverage")
    }
    assert bars == {"徐汇区": ("2", "13"), "长宁区": ("0", "10")}
    svg = coverage_chart(dashboard)
    assert svg.count('class="filed"') == 2 and ">2/13<" in svg and ">0/10<" in svg
    assert "斜土路街道、枫林路街道、长桥街道" in html and "华阳路街道、江苏路街道" in html
    assert '<li class="coverage-total"><b>2/23</b>' in html
    md = render_report(dashboard, "md")
    assert "| 徐汇区 | 2 | 13 | 斜土路街道、枫林路街道、" in md
    data = json.loads(render_report(dashboard, "json"))
    xuhui = next(d for d in data["districts"] if d["name"] == "徐汇区")
    assert xuhui["coverage"]["filed_units"] == ["天平路街道", "湖南路街道"]
    assert len(xuhui["coverage"]["not_filed"]) == 11
    changning = next(d for d in data["districts"] if d["name"] == "长宁区")
    assert (changning["files"], changning["coverage"]["filed"]) == (0, 0)
    assert "国家统计局" in data["roster"]


def test_an_unknown_district_is_one_group(repo: Path) -> None:
    add(repo, "长宁县", "华阳路街道", folder="长宁区")  # 长宁县 never existed
    add(repo, "", "无名街道", folder="长宁区")
    dashboard = collect_dashboard([repo / "filings"], OPTIONS)
    groups = [(d.name, d.known, len(d.filings)) for d in dashboard.districts]
    assert groups == [("徐汇区", True, 2), ("长宁区", True, 0), ("", False, 2)]
    assert "长宁县" not in [d.name for d in dashboard.districts]
    html = render_report(dashboard, "html")
    assert "（未知区县）" in html and 'data-district="长宁县"' not in html
    data = json.loads(render_report(dashboard, "json"))
    assert [d["name"] for d in data["districts"]] == ["徐汇区", "长宁区", None]
    assert data["districts"][-1]["coverage"] is None


def test_the_cli_report_for_one_district(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["report", "filings/徐汇区", "--as-of", AS_OF, "-f", "json"])
    data = json.loads(result.stdout)
    assert [d["name"] for d in data["districts"]] == ["徐汇区"]  # the bureau's own district
    city = runner.invoke(app, ["report", "filings/", "--as-of", AS_OF, "-f", "json"])
    assert [d["name"] for d in json.loads(city.stdout)["districts"]] == ["徐汇区", "长宁区"]
