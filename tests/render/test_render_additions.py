"""The form and the 附页 show what issue 15 added: a key work of the unit's own by its title,
achieved outcomes beside the expected ones in the summary part, and the open plan in order."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from conftest import COMPLETE, EXTENDED

from cjzn.check import validate_file
from cjzn.options import Options
from cjzn.render import build_view, render_bytes, render_text
from cjzn.render.view import View

AFTER = date(2015, 1, 1)

#: The 附页's headings of the extended filing, in print order.
HEADINGS = [
    "一、指导思想", "二、工作原则", "三、创建工作的总体目标", "四、阶段性工作目标", "五、创建工作计划",
    "六、创建工作领导小组协调机构或联席会议的组成", "七、工作网络构成", "八、相关部门和组织机构的职责分工",
    "九、保障创建工作顺利开展和持续改进的相关制度和机制", "十、基本情况", "十一、创建特色",
    "十二、基础性建设工作", "十三、本轮的重点创建工作", "十四、备查总结",
]  # fmt: skip


def view_of(path: object = EXTENDED) -> View:
    result = validate_file(path, Options(as_of=AFTER))  # type: ignore[arg-type]
    assert result.diagnostics == []
    return build_view(result, commit=None)


@pytest.fixture(scope="module")
def view() -> View:
    return view_of()


def test_key_works_by_title(view: View) -> None:
    listed, own = view.key_works
    assert (listed.code, listed.heading) == (
        "K3",
        "K3 深化老年教育，创新发展模式（家门口的老年学堂）",
    )
    assert (own.code, own.own, own.known, own.heading) == (
        "",
        True,
        True,
        "社区微治理学习坊（自选）",
    )
    assert [kw.heading for kw in view.form.key_works] == [listed.heading, own.heading]


def test_the_html_form_and_appendix(view: View) -> None:
    html = render_text(view, "html")
    form, appendix = html.split('<section class="sheet appendix">')
    assert "2. 社区微治理学习坊（自选）" in form
    assert '<span class="code"></span>' not in form  # no empty code for a work of its own
    headings = re.findall(r"<h3>(.*?)</h3>", appendix)
    assert [h for h in headings if h != "登记表续"] == HEADINGS
    assert "以终身教育理念为指导" in appendix and "辖21个居委会" in appendix
    # the unit's own work in covers: named, not marked as an unknown code
    assert '<span class="code" title="本单位自选的重点创建工作">社区微治理学习坊</span>' in appendix


def _row(html: str, start: str) -> str:
    rows: list[str] = [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S) if start in r]
    assert len(rows) == 1, start
    return rows[0]


def test_outcomes_side_by_side_in_the_summary_part(view: View) -> None:
    html = render_text(view, "html")
    summary = html.split("<h3>十四、备查总结</h3>")[1]
    row = _row(summary, "<td>社区微治理学习坊（自选）</td>")
    expected, achieved = re.findall(r"<td>(.*?)</td>", row, re.S)[1:]
    assert "21个居委各建一个学习坊。" in expected and "建成学习坊19个" not in expected
    assert "建成学习坊19个，开展活动160场。" in achieved
    assert "archive/B5.1/2013-共建协议汇编.pdf" in achieved
    b22 = _row(summary, '<td class="c">B2.2</td>')
    assert "增长12%" in b22


def test_markdown(view: View) -> None:
    md = render_text(view, "md")
    headings = re.findall(r"^## (.*)$", md, re.M)
    assert [
        h
        for h in headings
        if h.startswith(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十"))
    ] == HEADINGS
    assert "2. **社区微治理学习坊（自选）**" in md
    row = next(line for line in md.splitlines() if line.startswith("| 社区微治理学习坊（自选） |"))
    assert row == (
        "| 社区微治理学习坊（自选） | 1. 21个居委各建一个学习坊。<br>2. 形成居民议事规则汇编。 | "
        "1. 建成学习坊19个，开展活动160场。（存档材料：archive/B5.1/2013-共建协议汇编.pdf）<br>"
        "2. 编印《居民议事规则汇编》。（存档材料：archive/B4.1/2014-特色课程目录.pdf） |"
    )


def test_docx(view: View) -> None:
    import docx

    document = docx.Document(io.BytesIO(render_bytes(view, "docx")))
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"]
    assert [h for h in headings if h != "登记表续"] == HEADINGS
    outcomes = next(t for t in document.tables if t.rows[0].cells[0].text.strip() == "重点创建工作")
    cells = [c.text for c in outcomes.rows[2].cells]
    assert cells[0] == "社区微治理学习坊（自选）"
    assert "21个居委各建一个学习坊" in cells[1] and "建成学习坊19个" in cells[2]


def test_a_version_1_filing_prints_as_before() -> None:
    """No achieved outcomes, no optional parts: the 附页 is numbered 一 … 十 as it was."""
    view = view_of(COMPLETE)
    assert not view.records_outcomes and view.plan.optional == [] and view.plan.extra == []
    html = render_text(view, "html")
    headings = re.findall(r"<h3>(.*?)</h3>", html.split('<section class="sheet appendix">')[1])
    assert headings[0] == "一、创建工作的总体目标" and headings[-1] == "十、备查总结"
    assert "outcomes" not in html.split("<h3>十、备查总结</h3>")[1]
