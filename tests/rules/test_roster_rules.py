"""R001-R007 with real names: right district, wrong district folder, another district's street,
near names, suffix variants, invisible and full-width characters, a development zone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjzn.check import validate_paths
from cjzn.cli import app
from cjzn.diagnostics import Diagnostic
from cjzn.options import Options

HEAD = 'cjzn: 1\nround: "2013-2014"\n'
RUN = Options(lang="zh")
runner = CliRunner()


def filing(root: Path, where: str, name: str, district: str) -> Path:
    """A filing of `name` in `district`, written to `root/where` (name quoted as YAML text)."""
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"{HEAD}unit:\n  name: {json.dumps(name, ensure_ascii=False)}\n  district: {district}\n"
    path.write_text(text, encoding="utf-8")
    return path


def problems(*paths: Path, lang: str = "zh") -> list[Diagnostic]:
    """The R diagnostics of a run over `paths`."""
    report = validate_paths(list(paths), Options(lang=lang))
    return [d for r in report.results for d in r.diagnostics if d.code.startswith("R")]


def codes(*paths: Path) -> list[str]:
    return [d.code for d in problems(*paths)]


# -- right district, wrong district ---------------------------------------------------


def test_right_district_and_name_is_clean(tmp_path: Path) -> None:
    for district, name in (("徐汇区", "天平路街道"), ("崇明县", "竖新镇"), ("崇明县", "横沙乡")):
        path = filing(tmp_path, f"filings/{district}/{name}.yaml", name, district)
        assert codes(path) == [], name


def test_filing_in_another_districts_folder_is_an_error(tmp_path: Path) -> None:
    path = filing(tmp_path, "filings/长宁区/天平路街道.yaml", "天平路街道", "徐汇区")
    [found] = problems(path)
    assert (found.code, found.is_error, found.path, found.line) == (
        "R002",
        True,
        "unit.district",
        5,
    )
    assert found.message == (
        "所属区县是徐汇区，备案文件却放在长宁区的目录 "
        f"{(tmp_path / 'filings' / '长宁区').as_posix()}/ 中"
    )
    assert "把文件移到徐汇区的目录中" in found.hint and "改为 长宁区" in found.hint
    [english] = problems(path, lang="en")
    assert "stored in 长宁区's folder" in english.message


def test_the_nearest_district_folder_counts_and_aliases_are_districts(tmp_path: Path) -> None:
    # a sub-folder of the right district's folder is fine
    inner = filing(tmp_path, "filings/徐汇区/2013/天平路街道.yaml", "天平路街道", "徐汇区")
    # the nearest district folder wins over one further up
    nested = filing(tmp_path, "长宁区/filings/徐汇区/湖南路街道.yaml", "湖南路街道", "徐汇区")
    # 崇明区 (the name since 2016) is 崇明县's folder
    alias = filing(tmp_path, "filings/崇明区/竖新镇.yaml", "竖新镇", "崇明县")
    # not in a district folder at all: nothing to compare
    loose = filing(tmp_path, "drafts/城桥镇.yaml", "城桥镇", "崇明县")
    assert codes(inner, nested, alias, loose) == []
    wrong = filing(tmp_path, "filings/崇明区/天平路街道.yaml", "天平路街道", "徐汇区")
    assert "崇明县的目录" in problems(wrong)[0].message


def test_folders_above_the_git_work_tree_do_not_count(tmp_path: Path) -> None:
    """A repo cloned into a folder named 长宁区 is not 长宁区's folder."""
    root = tmp_path / "长宁区"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    path = filing(root, "filings/天平路街道.yaml", "天平路街道", "徐汇区")
    assert codes(path) == []


def test_an_unknown_district_is_v007s_not_the_rosters(tmp_path: Path) -> None:
    path = filing(tmp_path, "filings/长宁区/天平路街道.yaml", "天平路街道", "长宁县")
    report = validate_paths([path], RUN)
    found = {d.code for d in report.results[0].diagnostics}
    assert "V007" in found and not {code for code in found if code.startswith("R")}


# -- the roster: another district's street, near names, variants ---------------------


def test_another_districts_street_names_that_district(tmp_path: Path) -> None:
    path = filing(tmp_path, "filings/徐汇区/天目西路街道.yaml", "天目西路街道", "徐汇区")
    [found] = problems(path)
    assert found.code == "R004" and not found.is_error
    assert found.message == "“天目西路街道”在街镇名册中属于闸北区，不属于徐汇区"
    assert "是否应为闸北区" in found.hint


def test_a_name_not_in_the_roster_suggests_close_names(tmp_path: Path) -> None:
    near = filing(tmp_path, "filings/徐汇区/天平街道.yaml", "天平街道", "徐汇区")
    far = filing(tmp_path, "filings/徐汇区/不存在街道.yaml", "不存在街道", "徐汇区")
    first, second = problems(near, far)
    assert (first.code, first.message) == ("R003", "徐汇区的街镇名册中没有“天平街道”")
    assert "名册中相近的有：天平路街道" in first.hint
    assert second.code == "R003" and "相近" not in second.hint
    assert "可不理会本警告" in second.hint  # the roster may be stale: a warning


@pytest.mark.parametrize(
    ("written", "how"),
    [
        ("天平路", "少了“街道”"),
        ("天平路镇", "“镇”应为“街道”"),
        ("天平路街道办事处", "多了“办事处”"),
        ("天平路\u200b街道", "含看不见的字符 U+200B"),
        ("天平\u00ad路街道", "含看不见的字符 U+00AD"),
        ("天平路\ufeff街道", "含看不见的字符 U+FEFF"),
        ("天平路\u3000街道", "多了空格"),
        ("天平路ＪＤ", None),  # full-width letters, but no roster name: R003, not R005
    ],
)
def test_variants_of_a_roster_name(tmp_path: Path, written: str, how: str | None) -> None:
    path = filing(tmp_path, "filings/徐汇区/天平路街道.yaml", written, "徐汇区")
    found = problems(path)
    if how is None:
        assert [d.code for d in found] == ["R003", "R006"]  # and the file names another unit
        return
    assert [d.code for d in found] == ["R005"]
    shown = written.replace("\u200b", "<U+200B>").replace("\u00ad", "<U+00AD>")
    shown = shown.replace("\ufeff", "<U+FEFF>")
    assert found[0].message == f"“{shown}”与名册中的“天平路街道”写法不同（{how}）"
    assert found[0].hint == "改为名册中的写法：“天平路街道”"


def test_full_width_forms_are_the_same_name(tmp_path: Path) -> None:
    """NFKC: full-width letters and digits are their half-width selves (no real name has them,
    so a made-up pair shows it)."""
    one = filing(tmp_path, "filings/徐汇区/a.yaml", "Ａ１街道", "徐汇区")
    two = filing(tmp_path, "filings/徐汇区/b.yaml", "A1街道", "徐汇区")
    assert codes(one, two).count("R001") == 2


def test_two_units_that_share_a_stem_stay_two(tmp_path: Path) -> None:
    """杨浦区 has both 五角场街道 and 五角场镇: not a duplicate; 五角场 alone is ambiguous."""
    street = filing(tmp_path, "filings/杨浦区/五角场街道.yaml", "五角场街道", "杨浦区")
    town = filing(tmp_path, "filings/杨浦区/五角场镇.yaml", "五角场镇", "杨浦区")
    assert codes(street, town) == []
    vague = filing(tmp_path / "b", "filings/杨浦区/五角场.yaml", "五角场", "杨浦区")
    [found] = problems(vague)
    assert found.message == "“五角场”与名册中的“五角场街道”或“五角场镇”写法不同（须写明是哪一个）"


def test_a_development_zone_is_not_a_township(tmp_path: Path) -> None:
    path = filing(tmp_path, "filings/徐汇区/x.yaml", "漕河泾新兴技术开发区", "徐汇区")
    assert [d.code for d in problems(path)] == ["R006", "R007"]
    found = problems(path)[1]
    assert found.message == (
        "“漕河泾新兴技术开发区”在街镇名册中是“其他”类单位（农场、园区、开发区等），不是街道、镇、乡"
    )


# -- file names and duplicates --------------------------------------------------------


def test_file_named_after_another_unit(tmp_path: Path) -> None:
    copied = filing(tmp_path, "filings/徐汇区/湖南路街道.yaml", "天平路街道", "徐汇区")
    [found] = problems(copied)
    assert found.code == "R006"
    assert found.message == "文件名 湖南路街道.yaml 与街道（乡镇）名称“天平路街道”不符"
    assert "把文件改名为 天平路街道.yaml" in found.hint
    short = filing(tmp_path, "filings/徐汇区/天平路.yaml", "天平路街道", "徐汇区")
    assert codes(short) == []  # the same unit, however it is spelt


def test_duplicates_across_suffix_and_invisible_variants(tmp_path: Path) -> None:
    a = filing(tmp_path, "filings/徐汇区/天平路街道.yaml", "天平路街道", "徐汇区")
    b = filing(tmp_path, "filings/徐汇区/天平路.yaml", "天平路", "徐汇区")
    c = filing(tmp_path, "filings/徐汇区/天平路-2.yaml", "天平路\u200b街道", "徐汇区")
    found = [d for d in problems(a, b, c) if d.code == "R001"]
    assert len(found) == 3 and all(d.is_error for d in found)
    first = next(d for d in found if d.file == str(a))
    assert f"{b}（写作“天平路”）" in first.message
    assert f"{c}（写作“天平路<U+200B>街道”）" in first.message


def test_the_cli_reports_them_in_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filing(tmp_path, "filings/长宁区/天平路街道.yaml", "天平路街道", "徐汇区")
    filing(tmp_path, "filings/徐汇区/天目西路街道.yaml", "天目西路街道", "徐汇区")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["validate", "--format", "json", "--as-of", "2013-01-15", "filings"]
    )
    assert result.exit_code == 1  # R002 is an error
    found = [(p["file"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert ("filings/长宁区/天平路街道.yaml", "R002") in found
    assert ("filings/徐汇区/天目西路街道.yaml", "R004") in found
