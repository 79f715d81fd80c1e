"""The roster in the catalog, and the one unit-name normalisation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from cjzn.errors import CatalogError
from cjzn.guide import Catalog, load_catalog
from cjzn.guide.roster import (
    MatchKind,
    Roster,
    coverage,
    name_differences,
    name_stem,
    normalise_unit_name,
    unit_identity,
    visible,
)
from cjzn.resources import rounds_dir

#: The dataset the roster was transcribed from, beside this checkout when there is one.
#: The dataset the roster was transcribed from, as the repo carries it (beside the guide).
TSV = ROOT / "docs" / "guide" / "shanghai-townships.tsv"


def roster_of(catalog: Catalog) -> Roster:
    assert catalog.roster is not None
    return catalog.roster


# -- normalisation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "天平路街道",
        " 天平路街道 ",
        "天平路\u3000街道",  # ideographic space
        "天平路\u200b街道",  # zero-width space
        "天平\u00ad路街道",  # soft hyphen
        "\ufeff天平路街道",  # a BOM inside the text
        "天平路\u200e街道\u202c",  # bidi marks
        "天平路街道办事处",
    ],
)
def test_every_spelling_normalises_to_one_name(written: str) -> None:
    assert normalise_unit_name(written) == "天平路街道"


def test_full_width_forms_fold_and_the_kind_suffix_stays() -> None:
    assert normalise_unit_name("Ａ１街道") == normalise_unit_name("A1街道") == "A1街道"
    assert normalise_unit_name("华泾镇人民政府") == "华泾镇"
    # the kind suffix is the stem's business, once, and never the whole name
    assert [name_stem(n) for n in ("天平路街道", "华泾镇", "横沙乡", "唐镇", "镇", "江湾镇街道")] == [
        "天平路", "华泾", "横沙", "唐", "镇", "江湾镇",
    ]  # fmt: skip


def test_differences_are_said_in_words() -> None:
    assert name_differences("天平路", "天平路街道", "zh") == "少了“街道”"
    assert name_differences("天平路\u200b街道", "天平路街道", "en") == "invisible characters U+200B"
    assert name_differences("天平路 街道办事处", "天平路街道", "zh") == "多了空格、多了“办事处”"
    assert visible("天平路\u200b街道") == "天平路<U+200B>街道"


# -- the catalog's roster -------------------------------------------------------------


def test_the_roster_counts(catalog: Catalog) -> None:
    roster = roster_of(catalog)
    kinds = Counter(unit.kind for unit in roster.all_units())
    assert kinds == {"街道": 99, "镇": 108, "乡": 2, "其他": 22}
    assert roster.filing_kinds == ["街道", "镇", "乡"]
    assert set(roster.units) == set(catalog.districts)
    assert [u.name for u in roster.expected("徐汇区")] == [
        "天平路街道", "湖南路街道", "斜土路街道", "枫林路街道", "长桥街道", "田林街道", "虹梅路街道",
        "康健新村街道", "徐家汇街道", "凌云路街道", "龙华街道", "漕河泾街道", "华泾镇",
    ]  # fmt: skip
    assert "国家统计局" in roster.source.zh and "Statistics" in roster.source.en


def test_the_dataset_copy_is_the_shared_one() -> None:
    shared = ROOT.parent / "shared" / "data" / TSV.name
    if not shared.is_file():
        pytest.skip("the shared dataset is not beside this checkout")
    assert TSV.read_bytes() == shared.read_bytes()


def test_the_roster_is_the_dataset(catalog: Catalog) -> None:
    """Transcribed name for name, district for district, kind for kind."""
    rows = [
        line.split("\t")
        for line in TSV.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    want = [(district, name, kind) for _, district, name, kind in rows]
    got = [(u.district, u.name, u.kind) for u in roster_of(catalog).all_units()]
    assert sorted(got) == sorted(want)


def test_identify_in_tiers(catalog: Catalog) -> None:
    roster = roster_of(catalog)
    cases = {
        ("徐汇区", "天平路街道"): (MatchKind.EXACT, ["天平路街道"]),
        ("徐汇区", "天平路\u200b街道"): (MatchKind.VARIANT, ["天平路街道"]),
        ("徐汇区", "天平路"): (MatchKind.SUFFIX, ["天平路街道"]),
        ("徐汇区", "天目西路街道"): (MatchKind.OTHER_DISTRICT, ["天目西路街道"]),
        ("杨浦区", "五角场"): (MatchKind.SUFFIX, ["五角场街道", "五角场镇"]),
        ("杨浦区", "五角场镇"): (MatchKind.EXACT, ["五角场镇"]),
        # 虹桥镇 is 闵行区's, though 长宁区 has a 虹桥街道: the exact name wins
        ("长宁区", "虹桥镇"): (MatchKind.OTHER_DISTRICT, ["虹桥镇"]),
        ("长宁区", "虹桥"): (MatchKind.SUFFIX, ["虹桥街道"]),
        ("徐汇区", "不存在街道"): (MatchKind.UNKNOWN, []),
    }
    for (district, name), (kind, names) in cases.items():
        match = roster.identify(district, name)
        assert (match.kind, [u.name for u in match.units]) == (kind, names), name
    assert roster.identify("杨浦区", "五角场").unit is None  # ambiguous: no one unit
    assert roster.close_names("徐汇区", "天平街道") == ["天平路街道"]


def test_identity_keeps_two_units_apart_and_joins_spellings(catalog: Catalog) -> None:
    roster = roster_of(catalog)
    assert unit_identity(roster, "徐汇区", "天平路") == unit_identity(
        roster, "徐汇区", "天平路街道"
    )
    assert unit_identity(roster, "杨浦区", "五角场街道") != unit_identity(
        roster, "杨浦区", "五角场镇"
    )
    # without a roster (or for a name it does not know) the stem decides
    assert unit_identity(None, "徐汇区", "新设街道") == unit_identity(None, "徐汇区", "新设镇")


def test_coverage_of_two_filed_streets(catalog: Catalog) -> None:
    roster = roster_of(catalog)
    written = [("徐汇区", "天平路"), ("徐汇区", "湖南路街道"), ("徐汇区", "天目西路街道")]
    [xuhui, changning] = coverage(roster, ["徐汇区", "长宁区"], written)
    assert xuhui.filed == ("天平路街道", "湖南路街道")
    assert len(xuhui.missing) == 11 and xuhui.missing[0] == "斜土路街道"
    assert xuhui.others == ("天目西路街道",)
    assert (len(changning.expected), changning.filed) == (10, ())


# -- a broken roster is a located catalog error ----------------------------------------


def _catalog_with(tmp_path: Path, change: object) -> Path:
    data = yaml.safe_load((rounds_dir() / "2013-2014.yaml").read_text(encoding="utf-8"))
    assert callable(change)
    change(data["roster"])
    path = tmp_path / "2013-2014.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "where", "text"),
    [
        (
            lambda r: r["units"].update({"南汇区": {"镇": "惠南镇"}}),
            "roster.units.南汇区",
            "不是本轮的区县",
        ),
        (
            lambda r: r["units"]["徐汇区"].update({"镇": "华泾镇 华泾镇"}),
            "roster.units.徐汇区.镇",
            "重复",
        ),
        (
            lambda r: r["units"]["徐汇区"].update({"镇": "天平路街道"}),
            "roster.units.徐汇区.镇",
            "重复",
        ),
        (lambda r: r.update({"filing_kinds": ["街道", "村"]}), "roster.filing_kinds.1", "村"),
        (lambda r: r.pop("source"), "roster.source", "缺少"),
        (lambda r: r["units"]["徐汇区"].update({"镇": ""}), "roster.units.徐汇区.镇", "不能为空"),
    ],
)
def test_a_broken_roster_is_located(tmp_path: Path, change: object, where: str, text: str) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(_catalog_with(tmp_path, change))
    assert any(p.path == where and text in p.text.zh for p in caught.value.problems), str(
        caught.value
    )


def test_a_catalog_without_a_roster_loads(tmp_path: Path) -> None:
    data = yaml.safe_load((rounds_dir() / "2013-2014.yaml").read_text(encoding="utf-8"))
    del data["roster"]
    path = tmp_path / "2013-2014.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_catalog(path).roster is None
