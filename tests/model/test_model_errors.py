"""Model errors become located diagnostics; bad values do not hide other problems."""

from __future__ import annotations

import pytest

from cjzn.guide import catalog_for_round
from cjzn.load import load_text
from cjzn.model import check_document

CATALOG = catalog_for_round("2013-2014")


def check(text: str, lang: str = "zh") -> list[tuple[str, int, int, str]]:
    document, problems = load_text(text, "f.yaml", lang)
    assert document is not None and problems == []
    _, diagnostics = check_document(document, CATALOG, lang)
    return [(d.code, d.line, d.column, d.path) for d in diagnostics]


def messages(text: str, lang: str = "zh") -> list[str]:
    document, _ = load_text(text, "f.yaml", lang)
    assert document is not None
    return [d.message for d in check_document(document, CATALOG, lang)[1]]


HEAD = 'cjzn: 1\nround: "2013-2014"\n'


def test_valid_minimal_filing_has_no_problems() -> None:
    assert check(HEAD + "unit:\n  name: 天平路街道\n  district: 徐汇区\n") == []


def test_missing_required_key_points_at_the_file_top() -> None:
    assert check("unit:\n  name: x\n") == [("F002", 1, 1, "cjzn"), ("F002", 1, 1, "round")]


def test_unknown_key_with_suggestion() -> None:
    assert check(HEAD + "contcat:\n  name: 张三\n") == [("F001", 3, 1, "contcat")]
    assert "是否应为 contact" in messages(HEAD + "contcat:\n  name: 张三\n")[0]
    nested = HEAD + "contact:\n  mobil: 13816612345\n"
    assert check(nested) == [("F001", 4, 3, "contact.mobil")]
    assert "mobile" in messages(nested, "en")[0]


@pytest.mark.parametrize(
    ("body", "suggested"),
    [
        ("plan:\n  leading_body:\n    组织形式: 领导小组\n", "kind（组织形式）"),
        ("plan:\n  总体目标: 建成示范街道\n", "overall_goal（总体目标）"),
        ("plan:\n  总体目的: 建成示范街道\n", "overall_goal（总体目标）"),  # one character off
        ("contact:\n  手机: '13816612345'\n", "mobile（手机号码）"),
        ("leader:\n  电话: 021-64311234\n", "phone（联系电话）"),
        ("basic_work:\n  B1.1:\n    工作措施: 成立领导小组\n", "measures（工作措施）"),
        (
            "key_work:\n  - code: K3\n    预计成效: [参学人数增加]\n",
            "expected_outcomes（预计成效）",
        ),
        ("submission:\n  filing date: 2013-03-01\n", "filed_on（备案日期）"),  # the English label
    ],
    ids=["kind", "overall_goal", "close", "mobile", "phone", "measures", "outcomes", "english"],
)
def test_an_unknown_key_that_is_a_fields_label(body: str, suggested: str) -> None:
    """The labels are the catalog's, the ones the skeleton writes after each key."""
    (message,) = messages(HEAD + body)
    assert message.endswith(f"，是否应为 {suggested}？"), message


def test_no_label_close_enough_gets_no_guess() -> None:
    """`类型` means `kind`, but no label says so: nothing is guessed from meaning."""
    (message,) = messages(HEAD + "plan:\n  leading_body:\n    类型: 领导小组\n")
    assert message.endswith("不认识的键 类型")
    (message,) = messages(HEAD + "总体目标: 建成示范街道\n")  # a label of plan's, not the top's
    assert "是否应为" not in message


def test_nested_errors_are_at_the_node_never_line_one() -> None:
    text = HEAD + "plan:\n  work_plan:\n    - task: 建档\n      start: 2013-13\n"
    assert check(text) == [("F007", 6, 14, "plan.work_plan.0.start")]


def test_wrong_kind_of_value() -> None:
    text = HEAD + "contact: 张三\nplan:\n  mechanisms: 定期例会\n"
    assert check(text) == [("F003", 3, 10, "contact"), ("F003", 5, 15, "plan.mechanisms")]
    assert "列表" in messages(text)[1]


def test_message_uses_the_forms_labels() -> None:
    text = HEAD + "contact:\n  mobile: 1381661234\n"
    assert messages(text) == ["街道（乡镇）联系人 · 手机号码：“1381661234” 不是有效的手机号码"]
    assert "is not a valid mobile number" in messages(text, "en")[0]


def test_enum_lists_the_choices() -> None:
    text = HEAD + "basic_work:\n  B1.1:\n    status: finished\n"
    assert check(text) == [("F008", 5, 13, "basic_work.B1.1.status")]
    assert "done（已完成）" in messages(text)[0]


def test_pruning_keeps_the_rest_of_the_filing() -> None:
    text = HEAD + "contact:\n  mobile: 1\n  email: a@example.com\nkey_work:\n  - code: K3\n"
    document, _ = load_text(text, "f.yaml")
    assert document is not None
    filing, diagnostics = check_document(document, CATALOG, "zh")
    assert [d.code for d in diagnostics] == ["V001"]
    assert filing is not None
    assert filing.contact is not None and filing.contact.mobile is None
    assert filing.contact.email == "a@example.com"
    assert filing.key_work is not None and filing.key_work[0].code == "K3"


def test_bad_list_item_prunes_the_list_not_the_filing() -> None:
    text = HEAD + "prior_rounds: [1, 5]\nunit:\n  name: x\n"
    document, _ = load_text(text, "f.yaml")
    assert document is not None
    filing, diagnostics = check_document(document, CATALOG, "zh")
    assert [d.code for d in diagnostics] == ["V008"]
    assert filing is not None and filing.prior_rounds is None and filing.unit is not None


def test_leading_body_kinds_come_from_the_catalog() -> None:
    text = HEAD + "plan:\n  leading_body:\n    kind: 工作专班\n"
    assert check(text) == [("F008", 5, 11, "plan.leading_body.kind")]
    assert "领导小组、协调机构、联席会议" in messages(text)[0]
    assert CATALOG is not None
    enums = CATALOG.enums.model_copy(update={"leading_body_kind": ["工作专班"]})
    later_round = CATALOG.model_copy(update={"enums": enums})
    document, _ = load_text(text, "f.yaml")
    assert document is not None
    assert check_document(document, later_round, "zh")[1] == []


def test_a_bad_field_inside_a_list_item_keeps_the_rest_of_the_list() -> None:
    text = HEAD + "key_work:\n  - {code: K3, measures: [a, b]}\n  - {code: K99}\n  - {code: K3}\n"
    document, _ = load_text(text, "f.yaml")
    assert document is not None
    filing, diagnostics = check_document(document, CATALOG, "zh")
    assert [d.code for d in diagnostics] == ["F003"]
    assert filing is not None and filing.key_work is not None
    assert [work.code for work in filing.key_work] == ["K3", "K99", "K3"]
    assert filing.key_work[0].measures is None
