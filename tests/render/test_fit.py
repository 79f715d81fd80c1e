"""`cjzn.render.fit`: what the one-page form shows, and what goes to the 附页, once.

The long filing (tests/data/render/long/) is the complete example with a
2,000-character 总体目标, eight outcomes for K3, a long address and e-mail and
a long district opinion. Printing is checked in test_print.py; this checks the
decisions and that no text is printed twice.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import COMPLETE, DRAFT, EARLY, ROOT, bundled_catalog

from cjzn.check import validate_file
from cjzn.options import Options
from cjzn.render import View, build_view, render_bytes, render_text
from cjzn.render.fit import fit_form, outcomes_run_in
from cjzn.render.layout import GEOMETRY
from cjzn.render.view import SEE_APPENDIX, KeyWorkView

LONG = ROOT / "tests" / "data" / "render" / "long" / "徐汇区" / "天平路街道.yaml"
CATALOG = bundled_catalog()
FILED = Options(as_of=date(2013, 4, 15))


def view_of(path: Path, *, fill: bool = False) -> View:
    return build_view(validate_file(path, FILED), commit=None, fill_signatures=fill)


def flat(html: str) -> str:
    """The HTML's text without tags, entities of interest and white space."""
    text = re.sub(r"<wbr>", "", html)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("&nbsp;", "").replace("&#34;", '"').replace("&#39;", "'")
    return "".join(text.split())


def form_and_appendix(html: str) -> tuple[str, str]:
    body = html[html.index("<body>") :]
    cut = body.index('<section class="sheet appendix">')
    return flat(body[:cut]), flat(body[cut:])


@pytest.mark.parametrize("path", [COMPLETE, EARLY, DRAFT], ids=lambda p: p.stem)
def test_the_examples_fit_their_cells(path: Path) -> None:
    form = view_of(path).form
    assert form.continued == []
    assert not any(text.moved for text in form.texts.values())
    assert form.goal_on_form
    assert form.key_unlisted == 0
    assert all(kw.measures and kw.outcomes and not kw.moved for kw in form.key_works)


def test_the_long_filing_moves_what_does_not_fit() -> None:
    view = view_of(LONG)
    form = view.form
    assert len(view.plan.overall_goal) >= 2000
    assert not form.goal_on_form
    email, address = form.text("contact.email"), form.text("contact.address")
    assert email.moved and email.shown == SEE_APPENDIX
    assert not address.moved  # long, but two lines hold it
    assert address.pieces[:4] == ("上海市", "徐汇区", "天平路街道", "建国西路")
    assert form.text("district.opinion").moved and not form.text("municipal.opinion").moved
    rows = CATALOG.form.rows
    assert [item.label for item in form.continued] == [
        f"{rows['contact']} · {CATALOG.label('contact.email')}",
        rows["district_review"],
    ]
    assert form.continued[0].text == view.contact["email"]
    # K3's eight outcomes do not fit: its measures stay, its outcomes go; K8 fits in full
    k3, k8 = form.key_works
    assert k3.measures and not k3.outcomes and k3.outcomes_moved and not k3.moved
    assert k8.measures and k8.outcomes and not (k8.measures_moved or k8.outcomes_moved)


def test_no_text_is_printed_twice() -> None:
    view = view_of(LONG)
    html = render_text(view, "html")
    form, appendix = form_and_appendix(html)
    goal = "".join(view.plan.overall_goal.split())
    assert goal not in form and appendix.count(goal) == 1
    for outcome in view.key_works[0].outcomes:  # moved: on the 附页 only
        assert outcome not in form and appendix.count(outcome) == 1
    measures = "".join(view.key_works[0].measures.split())  # on the form only
    assert form.count(measures) == 1 and measures not in appendix
    for outcome in view.key_works[1].outcomes:
        assert outcome in form and outcome not in appendix
    opinion = "".join(view.district_review.opinion.split())
    assert opinion not in form and appendix.count(opinion) == 1
    email = view.contact["email"]
    assert email not in form and appendix.count(email) == 1
    assert form.count(SEE_APPENDIX) == 4  # e-mail, 总体目标, K3's outcomes, the district's opinion
    # the examples: the 总体目标 and the key works are on the form, the 附页 points there
    complete = view_of(COMPLETE)
    form, appendix = form_and_appendix(render_text(complete, "html"))
    goal = "".join(complete.plan.overall_goal.split())
    assert form.count(goal) == 1 and goal not in appendix
    assert SEE_APPENDIX not in form
    assert "（工作措施和预计成效见登记表）" in appendix


def test_markdown_and_docx_make_the_same_decisions() -> None:
    import docx

    view = view_of(LONG)
    markdown = render_text(view, "md")
    form_md, appendix_md = markdown.split("# 附页：")
    assert view.plan.overall_goal not in form_md and view.plan.overall_goal in appendix_md
    assert f"**{SEE_APPENDIX}**" in form_md and "## 登记表续" in appendix_md
    document = docx.Document(io.BytesIO(render_bytes(view, "docx")))
    form = document.tables[0]
    assert form.cell(5, 2).text == SEE_APPENDIX
    assert (
        SEE_APPENDIX in form.cell(8, 1).text and view.plan.overall_goal not in form.cell(8, 1).text
    )
    assert SEE_APPENDIX in form.cell(11, 1).text
    continued = document.tables[1]  # 登记表续, the first table of the 附页
    assert continued.cell(1, 1).text == view.contact["email"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert view.plan.overall_goal in text  # 一、总体目标 on the 附页, once
    assert text.count(view.plan.overall_goal) == 1


def many_key_works(view: View, count: int, outcomes: int = 3) -> View:
    works = [
        KeyWorkView(
            code=f"K{n % 12 + 1}",
            title="示例重点工作",
            known=True,
            guide_text="",
            measures="建立工作机制，落实专人负责，定期检查推进情况。" * 2,
            outcomes=[f"第{i}项成效达到预定目标。" for i in range(1, outcomes + 1)],
        )
        for n in range(count)
    ]
    return dataclasses.replace(view, key_works=works)


def lines_used(view: View) -> int:
    """Lines the key-work cell takes, counted the way fit counts them."""
    slot = GEOMETRY.slot(1, 4, GEOMETRY.key_lines)
    used = 0
    for kw in view.form.key_works:
        trailer = f"（{SEE_APPENDIX}）" if kw.moved else ""
        used += slot.lines_for(f"{kw.index}. {kw.code} {kw.title}{trailer}")
        for label, text, moved in (
            ("工作措施：", kw.measures, kw.measures_moved),
            ("预计成效：", kw.outcomes, kw.outcomes_moved),
        ):
            if text or (moved and not kw.moved):
                used += slot.lines_for(text or SEE_APPENDIX, label)
    return used + (1 if view.form.key_unlisted else 0)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 6, 13, 30])
def test_many_key_works_never_overflow_the_cell(count: int) -> None:
    base = view_of(COMPLETE)
    view = many_key_works(base, count)
    view = dataclasses.replace(view, form=fit_form(view))
    assert lines_used(view) <= GEOMETRY.key_lines
    listed = len(view.form.key_works)
    assert listed + view.form.key_unlisted == count
    assert [kw.index for kw in view.form.key_works] == list(range(1, listed + 1))
    if count <= 2:
        assert not any(kw.moved or kw.outcomes_moved for kw in view.form.key_works)
    if count >= 13:  # not even the titles fit: the last line says how many more
        assert view.form.key_unlisted > 0
        html = render_text(view, "html")
        assert f"其余 {view.form.key_unlisted} 项{SEE_APPENDIX}" in html
        appendix = html[html.index('class="sheet appendix"') :]
        last = view.key_works[-1]
        assert appendix.count(last.outcomes[0]) >= 1  # an unlisted work is on the 附页 in full


def test_outcomes_run_in() -> None:
    assert outcomes_run_in(["甲。", " 乙。 "]) == "①甲。②乙。"
    assert outcomes_run_in([str(n) for n in range(21)]).endswith("⑳19(21)20")
    assert outcomes_run_in([]) == ""


def test_long_signer_with_fill_signatures_goes_to_the_appendix(tmp_path: Path) -> None:
    text = COMPLETE.read_text(encoding="utf-8").replace(
        "signed_by: 王建华", "signed_by: 王建华（街道办事处主任、创建工作领导小组组长）"
    )
    path = tmp_path / "徐汇区" / "天平路街道.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    assert view_of(path).form.continued == []  # not filled: nothing typed on the line
    form = view_of(path, fill=True).form
    assert form.text("unit.signer").moved
    assert form.continued[0].text.startswith("王建华（")
    assert form.continued[0].label.endswith(CATALOG.form.rows["unit_signature"])


def test_provenance_is_metadata_and_the_end_of_the_appendix() -> None:
    import docx

    view = view_of(COMPLETE)
    line = view.provenance_line
    assert line.startswith("cjzn ") and "2013-2014" in line and "天平路街道.yaml" in line
    html = render_text(view, "html")
    form, appendix = form_and_appendix(html)
    assert "cjzn0." not in form and "".join(line.split()) in appendix
    assert appendix.endswith("".join(line.split()))
    head = html[: html.index("</head>")]
    assert f'<meta name="description" content="{line}">' in head
    assert f'<meta name="cjzn.source" content="{view.provenance.source}">' in head
    assert f'<meta name="dcterms.created" content="{view.provenance.generated_at}">' in head
    document = docx.Document(io.BytesIO(render_bytes(view, "docx")))
    assert line in document.core_properties.comments
    assert document.paragraphs[-1].text == line
    form_text = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "cjzn" not in form_text


def test_docx_declares_the_real_column_widths() -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(render_bytes(view_of(COMPLETE), "docx")))
    for table in document.tables:
        tbl = table._tbl
        grid = [int(col.get(qn("w:w"))) for col in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(set(grid)) > 1, "a grid of equal columns"
        assert abs(sum(grid) - round(GEOMETRY.text_width * 1440 / 25.4)) <= len(grid)
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:  # every cell says how wide it is: the sum of its grid columns
            column = 0
            for tc in row._tr.tc_lst:
                span = int(tc.grid_span)
                width = int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
                assert abs(width - sum(grid[column : column + span])) <= span
                column += span
    form_grid = document.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))
    widths_mm = [int(col.get(qn("w:w"))) * 25.4 / 1440 for col in form_grid]
    assert widths_mm == pytest.approx(list(GEOMETRY.columns), abs=0.05)
