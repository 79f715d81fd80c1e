"""IME slips: each at its exact line and column, named by its character, with the line as it
should be; the file is still read (with the unambiguous fixes applied) so nothing else hides."""

from __future__ import annotations

import pytest

from cjzn.diagnostics import Diagnostic, Fix
from cjzn.load import load_text
from cjzn.load.edits import apply_fixes

HEAD = 'cjzn: 1\nround: "2013-2014"\n'


def slips(body: str, lang: str = "zh") -> tuple[dict[str, object] | None, list[Diagnostic]]:
    document, problems = load_text(HEAD + body, "f.yaml", lang)
    return (document.data if document else None), problems


def only(problems: list[Diagnostic]) -> Diagnostic:
    assert len(problems) == 1, problems
    return problems[0]


def test_fullwidth_colon_after_a_key() -> None:
    data, problems = slips("leader:\n  name：李国强\n  title: 主任\n")
    slip = only(problems)
    assert (slip.code, slip.line, slip.column, slip.path) == ("Y017", 4, 7, "leader.name")
    assert "全角冒号“：”" in slip.message and "“name: 李国强”" in slip.message
    assert slip.fix == Fix(4, 7, "：", ": ")
    assert data is not None and data["leader"] == {"name": "李国强", "title": "主任"}


def test_fullwidth_colon_with_nothing_after_it_opens_a_block() -> None:
    data, problems = slips("leader：\n  name: 李国强\n")
    assert only(problems).fix == Fix(3, 7, "：", ":")
    assert data is not None and data["leader"] == {"name": "李国强"}


def test_no_space_after_a_colon() -> None:
    data, problems = slips("leader:\n  title: 主任\n  name:李国强\n")
    slip = only(problems)
    assert (slip.code, slip.line, slip.column) == ("Y018", 5, 7)
    assert "“name: 李国强”" in slip.message
    assert data is not None and data["leader"] == {"title": "主任", "name": "李国强"}


def test_no_space_is_not_claimed_for_urls_or_times_in_text() -> None:
    _, problems = slips("contact:\n  address: 上海市 http://example.com 10:30\n")
    assert problems == []
    _, problems = slips("plan:\n  mechanisms:\n    - http://example.com/规定\n")
    assert problems == []


def test_fullwidth_space_in_the_indentation() -> None:
    data, problems = slips("leader:\n  name: 李国强\n　title: 主任\n")
    slip = only(problems)
    assert (slip.code, slip.line, slip.column) == ("Y019", 5, 1)
    assert "全角空格" in slip.message and "“  title: 主任”" in slip.message
    assert slip.fix == Fix(5, 1, "\u3000", "  ")
    assert data is not None and data["leader"] == {"name": "李国强", "title": "主任"}


def test_fullwidth_space_lines_up_with_its_siblings() -> None:
    """Two spaces and a full-width one look like four columns, but the siblings are at two."""
    data, problems = slips("leader:\n  name: 李国强\n  \u3000title: 主任\n")
    slip = only(problems)
    assert (slip.line, slip.column) == (5, 3)
    assert slip.fix == Fix(5, 1, "  \u3000", "  ")
    assert data is not None and data["leader"] == {"name": "李国强", "title": "主任"}


def test_fullwidth_space_after_a_dash_or_colon() -> None:
    data, problems = slips("plan:\n  mechanisms:\n    -\u3000例会制度\n  network:\u3000三级网络\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y019", 5, 6), ("Y019", 6, 11)]
    assert "“-”后面" in problems[0].message and "冒号后面" in problems[1].message
    assert data is not None
    assert data["plan"] == {"mechanisms": ["例会制度"], "network": "三级网络"}


def test_paragraph_indent_inside_a_block_is_text() -> None:
    body = "summary:\n  text: |\n    \u3000\u3000本街道：成立领导小组\n    name:李国强 #1\n"
    data, problems = slips(body)
    assert problems == []
    assert data is not None
    assert data["summary"] == {"text": "\u3000\u3000本街道：成立领导小组\nname:李国强 #1\n"}


@pytest.mark.parametrize(
    ("written", "char"),
    [("[B1.1，B1.2]", "中文逗号“，”"), ("[B1.1、B1.2]", "顿号“、”"), ("[B1.1， K3、B1.2]", "和")],
)
def test_chinese_comma_in_a_list_of_codes(written: str, char: str) -> None:
    body = f"plan:\n  responsibilities:\n    - department: 社区学校\n      covers: {written}\n"
    data, problems = slips(body)
    slip = only(problems)
    assert slip.code == "Y020" and slip.line == 6
    assert slip.column == 6 + len("covers: [B1.1") + 1
    assert char in slip.message
    assert data is not None
    covers = data["plan"]["responsibilities"][0]["covers"]  # type: ignore[index]
    assert covers == [code.strip() for code in written.strip("[]").replace("、", "，").split("，")]


def test_chinese_commas_in_a_list_of_sentences_are_text() -> None:
    _, problems = slips(
        "key_work:\n  - code: K3\n    expected_outcomes: [参学人数增加，满意度提高]\n"
    )
    assert problems == []


def test_rounds_with_a_chinese_comma() -> None:
    data, problems = slips("prior_rounds: [1、3]\n")
    assert only(problems).code == "Y020"
    assert data is not None and data["prior_rounds"] == ["1", "3"]


def test_chinese_quotes_used_as_yaml_quotes() -> None:
    data, problems = slips("leader:\n  title: “主任: 分管社区教育”\n")
    slip = only(problems)
    assert (slip.code, slip.line, slip.column) == ("Y021", 4, 10)
    assert "中文引号" in slip.message and '“title: "主任: 分管社区教育"”' in slip.message
    assert data is not None and data["leader"] == {"title": "主任: 分管社区教育"}


def test_chinese_quotes_that_yaml_reads_fine_are_text() -> None:
    _, problems = slips("key_work:\n  - code: K3\n    measures: “老闵行工业记忆”特色课程\n")
    assert problems == []
    _, problems = slips("leader:\n  title: “主任”\n")
    assert problems == []


def test_text_after_space_hash_is_a_lost_comment() -> None:
    data, problems = slips("basic_work:\n  B1.2:\n    measures: 成立领导小组 #1号文件\n")
    slip = only(problems)
    assert (slip.code, slip.severity.value, slip.line, slip.column) == ("Y022", "warning", 5, 22)
    assert "“#1号文件”" in slip.message and "“成立领导小组”" in slip.message
    assert 'measures: "成立领导小组 #1号文件"' in slip.hint
    assert slip.fix is None  # text or comment? a person decides
    assert data is not None and data["basic_work"] == {"B1.2": {"measures": "成立领导小组"}}


@pytest.mark.parametrize(
    ("value", "lost", "quoted"),
    [
        ("开设“银发课堂”，送教上门 #1号文件", "#1号文件", '"开设“银发课堂”，送教上门 #1号文件"'),
        (
            "湖南路 #2 号 湖南路街道办事处",
            "#2 号 湖南路街道办事处",
            '"湖南路 #2 号 湖南路街道办事处"',
        ),
    ],
    ids=["measures", "address"],
)
def test_quoting_for_a_hash_stops_before_the_skeletons_comment(
    value: str, lost: str, quoted: str
) -> None:
    _, problems = slips(f"basic_work:\n  B1.2:\n    measures: {value}  # 工作措施\n")
    slip = only(problems)
    assert f"“{lost}” 被当作注释丢掉了" in slip.message
    assert f"“measures: {quoted}  # 工作措施”" in slip.hint


def test_a_real_comment_is_not_a_slip() -> None:
    _, problems = slips(
        "contact:\n  office_phone: 021-64311234   # 原样保留\n  postcode: 200030 #\n"
    )
    assert problems == []


def test_unclosed_quote_is_located_where_it_opens() -> None:
    _, problems = slips('leader:\n  name: "李国强\n  title: 主任\nunit:\n  name: 天平路街道\n')
    slip = only(problems)
    assert (slip.code, slip.line, slip.column) == ("Y023", 4, 9)
    assert "双引号" in slip.message and '“name: "李国强"”' in slip.message
    assert slip.fix is None


def test_a_chinese_closing_quote_is_fixed() -> None:
    data, problems = slips('leader:\n  name: "李国强”\n  title: 主任\n')
    slip = only(problems)
    assert (slip.code, slip.line, slip.column) == ("Y023", 4, 9)
    assert slip.fix == Fix(4, 9, '"李国强”', '"李国强"')  # from the quote it is reported at
    assert '把中文引号 ” 换成 "' in slip.hint
    assert data is not None and data["leader"] == {"name": "李国强", "title": "主任"}


GOAL = "依托社区学校和居村委学习点，整合辖区教育资源，到2014年底建成社区教育示范街道。"


def test_an_unclosed_quote_before_the_skeletons_comment_is_closed_before_it() -> None:
    """`init`'s key lines end with `  # label`: the quote goes before it, not at the line's end,
    and the rest of the file is read with that correction."""
    body = (
        f'plan:\n  overall_goal: "{GOAL}  # 总体目标\n  network: 三级网络  # 工作网络构成\n'
        "submission:\n  sealed: 是  # 公章\n"
    )
    data, problems = slips(body)
    slip = only(problems)
    assert (slip.code, slip.line, slip.column, slip.path) == ("Y023", 4, 17, "plan.overall_goal")
    assert slip.fix == Fix(4, 17, f'"{GOAL}', f'"{GOAL}"')
    assert '示范街道。"  # 总体目标”' in slip.message  # the end of the line: where the quote goes
    assert slip.message.count("…") == 1 and '“overall_goal: "' in slip.message
    assert '在注释 “# 总体目标” 前面补上 "' in slip.hint
    assert data is not None
    assert data["plan"] == {"overall_goal": GOAL, "network": "三级网络"}
    assert data["submission"] == {"sealed": "是"}  # read, so the model can say F009


def test_a_single_quote_before_the_comment_too() -> None:
    data, problems = slips("leader:\n  name: '李国强  # 姓名\n  title: 主任\n")
    assert only(problems).fix == Fix(4, 9, "'李国强", "'李国强'")
    assert data is not None and data["leader"] == {"name": "李国强", "title": "主任"}


def test_a_quote_closed_on_a_later_line_is_a_value_of_several_lines() -> None:
    data, problems = slips('leader:\n  title: "主任  # 分管\n    社区教育"\n')
    assert problems == []
    assert data is not None and data["leader"] == {"title": "主任  # 分管 社区教育"}


def test_a_value_of_several_lines_stays_one_when_another_line_is_wrong() -> None:
    """Decided for each value, not for the file: a syntax error elsewhere must not turn a
    quoted value of several lines into a slip whose fix would cut it (`cjzn fix` would
    then move `# 分管` out of the value and break the file)."""
    wrong_elsewhere = "leader:\n  name: 王建华\n   title: 主任\n"
    several = 'plan:\n  network: "街道领导小组  # 三级网络\n    各居委学习点"\n'
    _, problems = load_text(HEAD + wrong_elsewhere + several, "f.yaml")
    assert [p.code for p in problems] == ["Y003"]
    mismatched = 'plan:\n  network: "街道领导小组”\n    各居委学习点"\n'
    _, problems = load_text(HEAD + wrong_elsewhere + mismatched, "f.yaml")
    assert [p.code for p in problems] == ["Y003"]
    # one that really is unclosed is still found beside the other error
    unclosed = 'plan:\n  network: "街道领导小组  # 三级网络\n  other: x\n'
    _, problems = load_text(HEAD + wrong_elsewhere + unclosed, "f.yaml")
    assert sorted(p.code for p in problems) == ["Y003", "Y023"]


def test_an_unclosed_quote_without_a_comment_is_closed_at_the_end() -> None:
    _, problems = slips('leader:\n  name: "李国强\n  title: 主任\n')
    assert '在值的末尾补上 "' in only(problems).hint


def test_positions_after_a_fix_are_those_of_the_text_as_written() -> None:
    """The value after `：` is reported at its column in the file, not in the corrected text."""
    _, problems = load_text(HEAD + "contact:\n  mobile：1381661234\n", "f.yaml")
    document, _ = load_text(HEAD + "contact:\n  mobile：1381661234\n", "f.yaml")
    assert [p.code for p in problems] == ["Y017"]
    assert document is not None
    assert document.locate(("contact", "mobile")) == (4, 10)


def test_several_slips_on_one_line_give_one_corrected_line() -> None:
    _, problems = slips("leader:\n\u3000name：李国强\n")
    assert [p.code for p in problems] == ["Y019", "Y017"]
    assert all("“  name: 李国强”" in p.message or "“name: 李国强”" in p.message for p in problems)


def test_english_messages_name_the_character() -> None:
    _, problems = slips("leader:\n  name：李国强\n", lang="en")
    assert "full-width colon" in only(problems).message


def test_crlf_and_cr_only_files() -> None:
    for newline in ("\r\n", "\r"):
        text = (HEAD + "leader:\n  name：李国强\n  title: 主任\n").replace("\n", newline)
        document, problems = load_text(text, "f.yaml")
        assert [(p.code, p.line, p.column) for p in problems] == [("Y017", 4, 7)]
        assert document is not None and document.data["leader"]["title"] == "主任"


def test_apply_fixes_keeps_every_other_byte() -> None:
    text = "a：1\r\n# 注释：留着\r\nb:2\r\n"
    edited = apply_fixes(text, [Fix(1, 2, "：", ": "), Fix(3, 2, ":", ": ")])
    assert edited.text == "a: 1\r\n# 注释：留着\r\nb: 2\r\n"
    assert edited.columns.original(1, 4) == 3


def test_apply_fixes_replaces_a_quoted_value_and_skips_stale_fixes() -> None:
    text = 'filed_on: "2013/3/5"\nsealed: 是\n'
    fixes = [Fix(1, 11, "2013/3/5", "2013-03-05"), Fix(2, 9, "否", "false")]
    edited = apply_fixes(text, fixes)
    assert edited.text == "filed_on: 2013-03-05\nsealed: 是\n"
    assert edited.skipped == [fixes[1]]


def test_a_key_typed_as_its_chinese_label_with_a_fullwidth_colon() -> None:
    """`组织形式：领导小组` where `kind:` belongs: Y017 at the colon, the rest still read (the
    Chinese key is then F001's business, with the key it labels suggested)."""
    data, problems = slips("plan:\n  leading_body:\n    组织形式：领导小组\n    head: 王建华\n")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y017", 5, 9)]
    assert data is not None and data["plan"] == {
        "leading_body": {"组织形式": "领导小组", "head": "王建华"}
    }


def test_a_chinese_colon_in_a_value_that_goes_on_is_text() -> None:
    """A plain value continued on a deeper line may hold `时间：…`: not a key, not a slip."""
    data, problems = slips("plan:\n  measures: 成立领导小组，\n    时间：2013年\n")
    assert problems == []
    assert data is not None and data["plan"] == {"measures": "成立领导小组， 时间：2013年"}


def test_a_list_with_a_chinese_comma_and_no_closing_bracket() -> None:
    """`covers: [B1.1，B1.2  # 涉及…`: the comma and the forgotten `]` are one slip, at the
    comma, corrected before the skeleton's comment; the rest of the file is still read."""
    body = "plan:\n  work_plan:\n    - task: 制定规划\n      covers: [B1.1，B1.2  # 涉及\n      month: 2013-03\n"
    data, problems = slips(body)
    problem = only(problems)
    assert (problem.code, problem.line, problem.column) == ("Y020", 6, 20)
    assert "covers: [B1.1, B1.2]  # 涉及" in problem.message
    assert data is not None
    assert data["plan"] == {
        "work_plan": [{"task": "制定规划", "covers": ["B1.1", "B1.2"], "month": "2013-03"}]
    }
    fixed = apply_fixes(HEAD + body, [problem.fix] if problem.fix else []).text
    assert "      covers: [B1.1, B1.2]  # 涉及\n" in fixed


def test_a_list_closed_on_a_later_line_is_not_an_unclosed_one() -> None:
    """The `]` on the line the list goes on to: no `]` is added (the item with the comma is
    the rules' business, as before)."""
    body = "plan:\n  work_plan:\n    - task: 制定规划\n      covers: [B1.1，\n        B1.2]\n"
    _, problems = slips(body)
    assert problems == []
