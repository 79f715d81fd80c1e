"""Rules of issue 15, with real values: landlines outside Shanghai, the postcode range, dates
outside the round, the signer, key works of the unit's own, extra plan sections."""

from __future__ import annotations

import pytest
from test_rules import run

from cjzn.check.examples import run_example
from cjzn.diagnostics import Example


def codes_of(body: str, as_of: str = "2013-01-15") -> list[str]:
    return [d.code for d in run_example(Example(body, as_of=as_of))]


@pytest.mark.parametrize(
    ("phone", "city"),
    [
        ("010-62751234", "北京市"),
        ("0512-65223456", "江苏省苏州市"),
        ("0571-87654321", "浙江省杭州市"),
    ],
)
def test_a_landline_outside_shanghai_names_its_city(phone: str, city: str) -> None:
    found = run("V009", f"contact:\n  office_phone: {phone}\n")
    assert [(code, line, column, path) for code, line, column, path, _ in found] == [
        ("V009", 4, 17, "contact.office_phone")
    ]
    assert f"是{city}的，不是上海（021）" in found[0][4]
    assert run("V009", f"leader:\n  phone: {phone}\n")[0][3] == "leader.phone"


@pytest.mark.parametrize(
    "phone", ["021-64311234", "(021) 6431 1234", "+86 21 6431 1234", "64311234", "13816612345",
              "400-820-1234"],
)  # fmt: skip
def test_shanghai_landlines_mobiles_and_hotlines_are_not_warned(phone: str) -> None:
    assert run("V009", f"leader:\n  phone: {phone}\n") == []


def test_landline_warning_in_english() -> None:
    message = run("V009", "contact:\n  office_phone: 010-62751234\n", lang="en")[0][4]
    assert "area code 010 of Beijing, not Shanghai's (021)" in message


@pytest.mark.parametrize(
    ("postcode", "warned"),
    [("200030", False), ("201620", False), ("202150", False), ("202199", False),
     ("202200", True), ("203700", True), ("215000", True), ("100080", True)],
)  # fmt: skip
def test_postcodes_inside_the_catalogs_range(postcode: str, warned: bool) -> None:
    found = run("V006", f"contact:\n  postcode: {postcode}\n")
    assert bool(found) is warned
    if warned:
        assert "200000 至 202199" in found[0][4]


def test_the_filing_date_before_the_round_opens() -> None:
    found = run("T107", "submission:\n  filed_on: 2012-12-20\n")
    assert [(code, line, column, path) for code, line, column, path, _ in found] == [
        ("T107", 4, 13, "submission.filed_on")
    ]
    assert "2012-12-20 早于本轮开始的日期 2013-01-01" in found[0][4]
    assert run("T107", "submission:\n  filed_on: 2013-01-01\n") == []


def test_a_summary_before_its_stage() -> None:
    found = run("T108", "summary:\n  written_on: 2014-08-31\n")
    assert [d[3] for d in found] == ["summary.written_on"]
    assert "早于第四阶段（备查总结）开始的日期 2014-09-01" in found[0][4]
    assert run("T108", "summary:\n  written_on: 2014-09-01\n") == []
    # a unit that applied for the evaluation early may sum up from the implementation stage on
    early = "evaluation:\n  apply_early: true\nsummary:\n  written_on: {}\n"
    assert run("T108", early.format("2014-05-20")) == []
    assert len(run("T108", early.format("2013-02-01"))) == 1


def test_reviews_before_the_filing() -> None:
    body = (
        "submission:\n  filed_on: 2013-03-15\n"
        "reviews:\n  district:\n    date: 2013-03-14\n  municipal:\n    date: 2013-04-10\n"
    )
    found = run("T109", body)
    assert [(d[3], d[1]) for d in found] == [("reviews.district.date", 7)]
    assert "2013-03-14 早于备案日期 2013-03-15" in found[0][4]
    assert run("T109", body.replace("2013-03-14", "2013-03-15")) == []
    # without a filing date there is nothing to compare with
    assert run("T109", "reviews:\n  district:\n    date: 2012-01-01\n") == []


def test_the_signer_is_the_leader() -> None:
    body = "leader:\n  name: 王建华\nsubmission:\n  signed_by: {}\n"
    found = run("G011", body.format("沈丽萍"))
    assert [(d[3], d[1]) for d in found] == [("submission.signed_by", 6)]
    assert "“沈丽萍” 与街道（乡镇）负责人 “王建华” 不是同一人" in found[0][4]
    for same in ("王建华", "王 建华", "王　建华", "'王建华 '"):
        assert run("G011", body.format(same)) == []
    assert run("G011", "submission:\n  signed_by: 沈丽萍\n") == []  # no leader to compare with


# -- key works of the unit's own ---------------------------------------------------------

OWN = "  - title: 社区微治理学习坊\n    measures: 每月一期\n    expected_outcomes: [形成居民议事规则]\n"


def test_a_work_of_the_units_own_is_no_unknown_code() -> None:
    codes = codes_of("key_work:\n  - code: K3\n" + OWN, as_of="2013-04-15")
    assert "G003" not in codes and "G001" not in codes
    assert "G003" in codes_of("key_work:\n  - code: K11\n    title: 社区微治理学习坊\n")
    assert "G003" in codes_of("key_work:\n  - code: 自选\n    title: 社区微治理学习坊\n")


def test_a_work_of_the_units_own_counts_towards_one_or_two() -> None:
    found = run("G001", "key_work:\n  - code: K3\n  - code: K8\n" + OWN)
    assert "选了 3 项" in found[0][4]


def test_the_same_own_work_twice() -> None:
    found = run("G002", "key_work:\n" + OWN + OWN.replace("微治理", "微治理 "))
    assert [(d[3], d[4]) for d in found] == [
        ("key_work.1.title", "重点创建工作 “社区微治理 学习坊” 重复列出（第 1 项已有）")
    ]


def test_an_own_work_that_is_on_the_list() -> None:
    found = run("G008", "key_work:\n  - title: 重视品牌建设、丰富创建内涵\n")
    assert [d[3] for d in found] == ["key_work.0.title"]
    assert "就是指南所列的 K8 重视品牌建设，丰富创建内涵" in found[0][4]
    assert run("G008", "key_work:\n  - code: K8\n    title: 衡山人文讲坛\n") == []


def test_covers_may_name_an_own_work_by_its_title() -> None:
    body = "key_work:\n" + OWN + "plan:\n  responsibilities:\n    - covers: [B1.1, {}]\n"
    assert run("G005", body.format("社区微治理学习坊")) == []
    found = run("G005", body.format("社区微治理 学习坊"))
    assert [d[3] for d in found] == ["plan.responsibilities.0.covers.1"]
    assert "是否应为 社区微治理学习坊" in found[0][4]
    example = Example(body.format("社区微治理 学习坊"))
    hint = next(d.hint for d in run_example(example) if d.code == "G005")
    assert (
        hint
        == "covers 列出 B1.1-B5.2 或 K1-K10 中的代码，或自选重点创建工作的名称 “社区微治理学习坊”"
    )


# -- the plan's extra sections -------------------------------------------------------------


def test_an_extra_section_needs_a_title_and_a_text() -> None:
    body = "plan:\n  extra_sections:\n    - title: 基本情况\n    - text: 天平路街道位于徐汇区东北部。\n"
    found = run("G009", body)
    assert [(d[3], d[1]) for d in found] == [
        ("plan.extra_sections.0.text", 5),
        ("plan.extra_sections.1.title", 6),
    ]
    assert "缺少内容（text）" in found[0][4] and "缺少标题（title）" in found[1][4]
    # an entry left blank (the skeleton's) is not half-written
    assert run("G009", "plan:\n  extra_sections:\n    - title:\n      text:\n") == []


@pytest.mark.parametrize(
    ("title", "key"),
    [("指导思想", "guiding_ideology"), ("工作原则", "principles"), ("总体目标", "overall_goal"),
     ("创建工作的总体目标", "overall_goal"), ("工作网络构成", "network")],
)  # fmt: skip
def test_an_extra_section_that_the_plan_already_names(title: str, key: str) -> None:
    found = run("G010", f"plan:\n  extra_sections:\n    - {{title: {title}, text: 略}}\n")
    assert [d[3] for d in found] == ["plan.extra_sections.0.title"]
    assert f"应写在 plan.{key} 中" in found[0][4]
    assert run("G010", "plan:\n  extra_sections:\n    - {title: 基本情况, text: 略}\n") == []
