"""The form's two opinion boxes come from the review files: the district's latest decision with
its opinion, date, signer and seal (typed only with --fill-signatures), the city's opinion."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_repo import DISTRICT, FILING, MUNICIPAL, cjzn, make_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    for args in (
        ["--level", "district", "--decision", "approve", "--opinion", "同意备案，建议加强过程记录",
         "--signed-by", "张志红", "--sealed", "--date", "2013-03-28"],
        ["--level", "municipal", "--decision", "approve", "--opinion", "同意备案，请按方案推进实施",
         "--signed-by", "经办人", "--date", "2013-04-10"],
    ):  # fmt: skip
        assert cjzn("review", str(FILING), *args).exit_code == 0
    return tmp_path


def box(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_the_boxes_show_the_decisions_and_leave_ink_room(repo: Path) -> None:
    assert cjzn("render", str(FILING), "-o", "form.html").exit_code == 0
    html = (repo / "form.html").read_text(encoding="utf-8")
    district = box(html, "部门指导意见", "委员会意见")
    assert "同意备案，建议加强过程记录" in district
    assert "张志红" not in district and "（已盖章）" not in district  # blank for ink and stamp
    assert "28" in district and "2013" in district
    assert "同意备案，请按方案推进实施" in html[html.index("委员会意见") :]


def test_fill_signatures_types_the_signer_and_the_seal(repo: Path) -> None:
    assert cjzn("render", "--fill-signatures", str(FILING), "-o", "form.html").exit_code == 0
    html = (repo / "form.html").read_text(encoding="utf-8")
    district = box(html, "部门指导意见", "委员会意见")
    assert "张志红" in district and "（已盖章）" in district


def test_a_return_is_marked_in_the_box(repo: Path) -> None:
    assert cjzn(
        "review", str(FILING), "--level", "district", "--decision", "return",
        "--opinion", "请补充预计成效", "--signed-by", "张志红", "--date", "2013-05-01",
    ).exit_code == 0  # fmt: skip
    assert cjzn("render", str(FILING), "-o", "form.md").exit_code == 0
    text = (repo / "form.md").read_text(encoding="utf-8")
    assert "【退回修改】请补充预计成效" in text
    assert (repo / DISTRICT).is_file() and (repo / MUNICIPAL).is_file()


def test_an_approval_of_another_version_is_not_printed_as_valid(repo: Path) -> None:
    filing = repo / FILING
    filing.write_text(filing.read_text(encoding="utf-8") + "# 又改了一处\n", encoding="utf-8")
    assert cjzn("render", "--fill-signatures", str(FILING), "-o", "form.html").exit_code == 0
    html = (repo / "form.html").read_text(encoding="utf-8")
    district = box(html, "部门指导意见", "委员会意见")
    assert (
        "【2013-03-28 “同意”的是备案文件的另一版本：此后备案文件又修改过，须重新审核】" in district
    )
    assert "同意备案，建议加强过程记录" not in html  # neither its opinion, nor
    assert "张志红" not in district and "（已盖章）" not in district  # its signer and seal,
    assert ">28<" not in district and ">2013<" not in district  # nor its date
    municipal = html[html.index("委员会意见") :]
    assert "【2013-04-10 “同意”的是备案文件的另一版本" in municipal
    assert "同意备案，请按方案推进实施" not in html

    again = cjzn(
        "review", str(FILING), "--level", "district", "--decision", "approve",
        "--opinion", "同意修改后的备案", "--signed-by", "张志红", "--date", "2013-04-20",
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert cjzn("render", str(FILING), "-o", "form.md").exit_code == 0
    text = (repo / "form.md").read_text(encoding="utf-8")
    district_md = text[text.index("区县教育行政部门指导意见") : text.index("上海市教育委员会意见")]
    assert "同意修改后的备案" in district_md and "另一版本" not in district_md
    assert "另一版本" in text[text.index("上海市教育委员会意见") :]  # the city's is still stale
