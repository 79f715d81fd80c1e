"""The catalog is the guide's text where it says so: every text it marks as the guide's is
found in the guide (line breaks from PDF extraction aside), and every Chinese text is marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from cjzn.errors import CatalogError
from cjzn.guide import Catalog, load_catalog
from cjzn.guide.verbatim import marked, normalise_breaks, not_in_guide

#: The copy of the guide in the repo (so this runs from a clean clone).
GUIDE = ROOT / "docs" / "guide" / "guide-2013-2014.txt"
CATALOG = ROOT / "schemas" / "rounds" / "2013-2014.yaml"


@pytest.fixture(scope="module")
def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_the_guide_copy_is_the_shared_guide() -> None:
    shared = ROOT.parent / "shared" / "guide" / GUIDE.name
    if not shared.is_file():
        pytest.skip("the shared guide is not beside this checkout")
    assert GUIDE.read_bytes() == shared.read_bytes()


def test_every_text_marked_as_the_guides_is_in_the_guide(catalog: Catalog, guide_text: str) -> None:
    texts = marked(catalog, "guide")
    assert len(texts) > 90  # titles, requirements, stage texts, the form's rows and note
    assert not_in_guide(catalog, guide_text) == []


def test_what_is_marked_as_the_guides(catalog: Catalog) -> None:
    guide = {".".join(map(str, path)) for path, _ in marked(catalog, "guide")}
    own = {".".join(map(str, path)) for path, _ in marked(catalog, "cjzn")}
    assert {"form.rows.unit_name", "form.plan_note", "plan_parts.3.title"} <= guide
    assert {"basic_work.8.requirement", "key_work.9.text", "stages.0.text"} <= guide
    # cjzn's own words: notes on the plan parts, requirement sentences, the B3.2 point titles
    assert {"plan_parts.0.description", "requirements.summary.zh"} <= own
    assert "basic_work.8.points.0.title" in own and "basic_work.8.points.0.text" in guide
    assert not guide & own


def test_the_forms_words_as_printed(catalog: Catalog) -> None:
    """The form's space after （乡镇） and its half-width (可附页); P titles are the form's phrases."""
    assert catalog.form.rows["unit_name"] == "街道（乡镇） 名称"
    assert catalog.form.rows["contact"] == "街道（乡镇） 联系人"
    assert catalog.form.rows["plan"] == "创建工作方案 (可附页)"
    assert catalog.title("P1") == "创建工作的总体目标"
    assert catalog.title("P4") == "创建工作领导小组协调机构或联席会议的组成"  # no 、 on the form
    assert [p.title for p in catalog.plan_optional_parts] == ["指导思想", "工作原则"]


@pytest.mark.parametrize(
    ("field", "wrong"),
    [
        ("rows", "创建工作方案（可附页）"),  # full-width brackets the form does not have
        ("rows", "街道（乡镇）名称"),  # the form's space lost
        ("title", "总体目标"),  # shorter than the form's phrase
    ],
)
def test_a_text_that_is_not_the_guides_is_found(
    catalog: Catalog, guide_text: str, field: str, wrong: str
) -> None:
    if field == "rows":
        form = catalog.form.model_copy(update={"rows": {**catalog.form.rows, "x": wrong}})
        changed = catalog.model_copy(update={"form": form})
    else:
        part = catalog.plan_parts[0].model_copy(update={"title": wrong + "。"})
        changed = catalog.model_copy(update={"plan_parts": [part, *catalog.plan_parts[1:]]})
    assert [text for _, text in not_in_guide(changed, guide_text)] == [
        wrong if field == "rows" else wrong + "。"
    ]


def test_only_line_breaks_are_normalised() -> None:
    assert normalise_breaks("学习活动蓬勃开\n\n展") == "学习活动蓬勃开展"
    assert normalise_breaks("a\r\nb") == "ab"
    assert normalise_breaks("2013 年 1 月") == "2013 年 1 月"  # spaces are the guide's


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = CATALOG.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "catalog.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_an_unmarked_chinese_text_is_refused(tmp_path: Path) -> None:
    path = _with(tmp_path, "    - plan_parts.*.description\n", "")
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    message = str(info.value)
    assert "plan_parts.0.description" in message and "wording" in message


def test_a_text_marked_both_ways_is_refused(tmp_path: Path) -> None:
    path = _with(tmp_path, "    - districts.*\n", "    - districts.*\n    - form.title\n")
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert "form.title" in str(info.value)


def test_a_catalog_without_wording_still_loads(tmp_path: Path) -> None:
    text = CATALOG.read_text(encoding="utf-8")
    path = tmp_path / "catalog.yaml"
    path.write_text(text[: text.index("\nwording:")] + "\n", encoding="utf-8")
    loaded = load_catalog(path)
    assert loaded.wording is None and marked(loaded, "guide") == []
