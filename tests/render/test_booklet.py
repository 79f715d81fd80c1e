"""The booklet: several filings as one PDF, in roster order, with bookmarks and scoped drafts.

The order and the parts are checked directly (fast); the PDFs are read back with
pypdf (bookmarks, page count) and poppler's pdftotext (what each page says): those
tests are slow and skip, with the reason, without WeasyPrint or poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, DRAFT, EARLY
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.fileio import has_marker
from cjzn.guide import Catalog
from cjzn.render import MARKER, RenderError, check_pdf_support
from cjzn.render import booklet as booklet_module
from cjzn.render.booklet import Sheet, order, parts, title

runner = CliRunner()


def sheet(district: str, unit: str, file: str = "", html: str | None = "<html>") -> Sheet:
    return Sheet(file or f"{district}/{unit}.yaml", district, unit, html)


# ---------------------------------------------------------------------------
# Order and parts
# ---------------------------------------------------------------------------


def test_order_is_district_then_roster_then_unknown_units(catalog: Catalog) -> None:
    given = [
        sheet("崇明县", "竖新镇"),
        sheet("徐汇区", "自创街道"),  # not in the roster: last of its district
        sheet("徐汇区", "斜土路街道"),
        sheet("未知区", "某街道"),  # not a district of the catalog: after every district
        sheet("徐汇区", "天平路"),  # the roster's 天平路街道, written without its suffix
        sheet("黄浦区", "外滩街道"),
        sheet("徐汇区", "湖南路街道", html=None),  # unreadable: still in its place
    ]
    names = [(s.district, s.unit) for s in order(given, catalog)]
    assert names == [
        ("黄浦区", "外滩街道"),
        ("徐汇区", "天平路"),
        ("徐汇区", "湖南路街道"),
        ("徐汇区", "斜土路街道"),
        ("徐汇区", "自创街道"),
        ("崇明县", "竖新镇"),
        ("未知区", "某街道"),
    ]


def test_order_without_a_roster_is_by_name() -> None:
    given = [sheet("乙区", "b"), sheet("甲区", "c"), sheet("甲区", "a")]
    assert [(s.district, s.unit) for s in order(given, None)] == [
        ("乙区", "b"),
        ("甲区", "a"),
        ("甲区", "c"),
    ]


def test_parts_keep_districts_whole_where_they_fit() -> None:
    sheets = [sheet("A", f"a{i}") for i in range(3)] + [sheet("B", f"b{i}") for i in range(3)]
    found = parts(sheets, size=4)
    assert [[s.unit for s in part.sheets] for part in found] == [
        ["a0", "a1", "a2"],
        ["b0", "b1", "b2"],
    ]
    assert all(part.continued == frozenset() for part in found)
    assert all(part.title == title(sheets) for part in found)


def test_parts_split_a_district_larger_than_a_part() -> None:
    sheets = [sheet("A", f"a{i}") for i in range(5)] + [sheet("B", "b0")]
    found = parts(sheets, size=2)
    assert [[s.unit for s in part.sheets] for part in found] == [
        ["a0", "a1"],
        ["a2", "a3"],
        ["a4", "b0"],
    ]
    assert [sorted(part.continued) for part in found] == [[], ["A"], ["A"]]
    assert sum(len(part.sheets) for part in found) == len(sheets)


def test_a_filing_without_district_or_name_is_placed_by_its_folder_and_file() -> None:
    from cjzn.render.job import Rendered
    from cjzn.render.outputs import _sheet

    placed = _sheet(Rendered(file="filings/徐汇区/天平路街道.yaml", text="<html>", errors=3))
    assert (placed.district, placed.unit, placed.errors) == ("徐汇区", "天平路街道", 3)
    named = _sheet(Rendered(file="x/y.yaml", text="<html>", district="黄浦区", unit="外滩街道"))
    assert (named.district, named.unit) == ("黄浦区", "外滩街道")  # the form's words first


def test_title_names_the_districts_and_the_count() -> None:
    assert title([sheet("徐汇区", "a"), sheet("徐汇区", "b")]) == "徐汇区 · 备案登记表（2 份）"
    many = [sheet(name, "x") for name in ("甲区", "乙区", "丙区", "丁区")]
    assert title(many) == "甲区、乙区、丙区等 · 备案登记表（4 份）"


def test_the_article_of_a_rendered_form_is_found_once() -> None:
    from cjzn.render.booklet import Part, booklet_html

    form = (
        '<html><head><style>p { color: red }</style></head><body><article class="filing">'
        "<p>&lt;/article&gt; 一</p></article></body></html>"
    )
    html = booklet_html(Part((sheet("徐汇区", "天平路街道", html=form),), "t"))
    assert html.count('<article class="filing">') == 1
    assert "&lt;/article&gt; 一" in html  # user text stays escaped
    assert "p { color: red }" in html  # the form's CSS, once
    with pytest.raises(ValueError, match="article"):
        booklet_html(Part((sheet("徐汇区", "x", html="<html></html>"),), "t"))


# ---------------------------------------------------------------------------
# The PDF
# ---------------------------------------------------------------------------


def pdf_tools() -> Any:
    pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    pypdf = pytest.importorskip("pypdf", reason="the optional extra cjzn[pdf] is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    try:
        check_pdf_support()
    except RenderError as exc:
        pytest.skip(str(exc))
    return pypdf


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    texts = ["".join(page.split()) for page in out.split("\f")]
    return texts[:-1] if texts and not texts[-1] else texts


def outline(pypdf: Any, pdf: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every bookmark, in order."""
    reader = pypdf.PdfReader(str(pdf))
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def copy_as(source: Path, target: Path, name: str | None = None) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    if name is not None:
        text = text.replace("name: 天平路街道", f"name: {name}")
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def district_folders(tmp_path: Path) -> Path:
    """Two districts' filings, a draft, an unreadable file and a unit the roster lacks."""
    root = tmp_path / "filings"
    copy_as(COMPLETE, root / "徐汇区" / "天平路街道.yaml")
    copy_as(COMPLETE, root / "徐汇区" / "斜土路街道.yaml", "斜土路街道")
    copy_as(COMPLETE, root / "徐汇区" / "自创街道.yaml", "自创街道")
    (root / "徐汇区" / "湖南路街道.yaml").write_text("cjzn: 1\nround: [\n", encoding="utf-8")
    copy_as(EARLY, root / "崇明县" / "竖新镇.yaml")
    copy_as(DRAFT, root / "闵行区" / "江川路街道.yaml")  # its form says 闵行县: last
    return root


def single_pages(tmp_path: Path, filing: Path) -> int:
    """How many pages the filing has as its own PDF."""
    out = tmp_path / "single" / (filing.stem + ".pdf")
    result = runner.invoke(app, ["render", str(filing), "-o", str(out), "--as-of", "2013-04-15"])
    assert result.exit_code in (0, 1), result.output
    return len(page_texts(out))


@pytest.mark.slow
def test_booklet_of_two_districts(tmp_path: Path, district_folders: Path) -> None:
    pypdf = pdf_tools()
    out = tmp_path / "合订本.pdf"
    # given in another order than the roster's: the booklet is in roster order anyway
    args = [str(district_folders / "崇明县"), str(district_folders / "闵行区")]
    args += [str(district_folders / "徐汇区"), "-o", str(out), "--as-of", "2013-04-15"]
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == 1, result.output  # the draft and the unreadable filing
    assert "江川路街道.yaml" in result.output and "湖南路街道.yaml" in result.output
    assert "6 份备案" in result.output
    assert has_marker(out, MARKER)  # a later run may replace it

    marks = outline(pypdf, out)
    units = [(title, page) for depth, title, page in marks if depth == 1]
    assert [title for depth, title, _ in marks if depth == 0] == ["徐汇区", "崇明县", "闵行县"]
    assert [title for title, _ in units] == [
        "天平路街道",
        "湖南路街道（无法读取）",
        "斜土路街道",
        "自创街道",
        "竖新镇",
        "江川路街道",
    ]
    assert marks[0] == (0, "徐汇区", 1) and marks[1] == (1, "天平路街道", 1)
    assert (2, "备案登记表", 1) in marks and (2, "附页：创建工作方案", 2) in marks

    texts = page_texts(out)
    complete = single_pages(tmp_path, COMPLETE)
    sizes = [complete, 1, complete, complete]
    sizes += [single_pages(tmp_path, EARLY), single_pages(tmp_path, DRAFT)]
    assert len(texts) == sum(sizes)  # each filing as in its own file, plus one page for the gap
    starts = [1 + sum(sizes[:i]) for i in range(len(sizes))]
    assert [page for _title, page in units] == starts  # each unit starts on a new page
    gap = texts[starts[1] - 1]
    assert "湖南路街道" in gap and "无法读取" in gap and "3:1" in gap
    draft_pages = range(starts[-1], starts[-1] + sizes[-1])
    for number, text in enumerate(texts, start=1):
        if number in draft_pages:
            assert text.count("草") >= 1, number  # the watermark, on every page of the draft
        else:
            assert "草" not in text, number  # and on no page of another filing
    assert "未通过校验" in texts[starts[-1] - 1]  # the draft's banner on its form


@pytest.mark.slow
def test_booklet_in_parts_reads_the_same(
    tmp_path: Path, district_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pypdf = pdf_tools()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1416470400")  # the same time on every page
    whole, split = tmp_path / "whole.pdf", tmp_path / "split.pdf"
    args = [str(district_folders), "--as-of", "2013-04-15"]
    assert runner.invoke(app, ["render", *args, "-o", str(whole)]).exit_code == 1
    monkeypatch.setattr(booklet_module, "PART_SIZE", 2)  # the 徐汇区 four go in two parts
    result = runner.invoke(app, ["render", *args, "-o", str(split), "--jobs", "2"])
    assert result.exit_code == 1, result.output
    assert page_texts(split) == page_texts(whole)
    assert has_marker(split, MARKER)
    reader = pypdf.PdfReader(str(split))
    assert reader.metadata.title == pypdf.PdfReader(str(whole)).metadata.title
    joined = [(d, t) for d, t, _p in outline(pypdf, split)]
    assert [t for d, t in joined if d == 1] == [t for d, t, _p in outline(pypdf, whole) if d == 1]
    assert [t for d, t in joined if d == 0] == ["徐汇区", "徐汇区（续）", "崇明县", "闵行县"]


@pytest.mark.slow
def test_booklet_is_replaced_but_another_pdf_is_kept(tmp_path: Path) -> None:
    pdf_tools()
    out = tmp_path / "本.pdf"
    args = ["render", str(COMPLETE), str(EARLY), "-o", str(out), "--as-of", "2013-04-15"]
    out.write_bytes(b"%PDF-1.4\n% somebody else's file\n%%EOF\n")
    kept = runner.invoke(app, args)
    assert kept.exit_code == 1 and "--force" in kept.output
    assert out.read_bytes().startswith(b"%PDF-1.4\n% somebody")
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert runner.invoke(app, args).exit_code == 0  # ours now: replaced without --force
    assert len(page_texts(out)) >= 4
