"""`cjzn.render.layout`: the A4 page, the cells' sizes, and how many lines a text takes."""

from __future__ import annotations

import pytest

from cjzn.render.layout import (
    GEOMETRY,
    Slot,
    char_em,
    label_lines,
    line_count,
    segments,
    text_em,
)


def test_widths_are_conservative() -> None:
    assert char_em("中") == char_em("，") == char_em("（") == 1.0
    assert char_em("a") == char_em("0") == 0.6
    assert char_em("A") == 0.8
    assert char_em("@") == char_em("W") == 1.1  # the widest Latin glyphs
    assert char_em(".") == char_em(" ") == 0.4
    assert text_em("ab中") == pytest.approx(2.2)


def test_line_count_of_chinese_text() -> None:
    assert line_count("", 10) == 1  # an empty paragraph still takes its line
    assert line_count("一二三四五六七八九十", 10) == 1
    assert line_count("一二三四五六七八九十一", 10) == 2
    assert line_count("一二三\n四五六", 10) == 2  # each newline starts a line
    assert line_count("一" * 95, 10) == 10


def test_line_count_keeps_punctuation_with_its_neighbour() -> None:
    # ten characters fill the line; the closing mark may not start the next one,
    # so the tenth character goes down with it
    assert line_count("一二三四五六七八九十。", 10) == 2
    assert line_count("一二三四五六七八九（十", 10) == 2
    assert line_count("一二三四五六七八（十", 10) == 1


def test_line_count_keeps_latin_words_whole() -> None:
    # "2014" (2.4 em) does not fit after eight characters (8 em) in 10 em: a new line
    assert line_count("一二三四五六七八2014", 10) == 2
    assert line_count("2014一二三四五六七", 10) == 1
    # a word wider than the line is cut character by character
    assert line_count("a" * 40, 12) == 2
    assert line_count("a" * 41, 12) == 3


def test_line_count_of_an_email_breaks_after_the_at() -> None:
    email = "sqjy.tianping@example.com"
    assert line_count(email, 20, "email") == 1
    # 14 em: "sqjy.tianping@" (9.3 em) on one line, "example.com" (6.4 em) on the next
    assert line_count(email, 14, "email") == 2
    assert line_count(email, 14, "text") == 2


def test_segments_join_back_to_the_text() -> None:
    for text, breaks in [
        ("sqjy.tianping@example.com", "email"),
        ("community.education.office.tianping.street@xuhui-district.example.com", "email"),
        ("上海市徐汇区天平路街道建国西路285号3号楼201室", "address"),
        ("a|b<c>", "text"),
    ]:
        assert "".join(segments(text, breaks, 20)) == text  # type: ignore[arg-type]


def test_email_breaks_after_the_at_and_before_dots_only_when_too_long() -> None:
    assert segments("sqjy.tianping@example.com", "email") == ["sqjy.tianping@", "example.com"]
    long_local = "community.education.office@example.com"
    assert segments(long_local, "email", 12) == [
        "community",
        ".education",
        ".office@",
        "example.com",
    ]
    # never inside a word: no piece ends in the middle of "example" or "com"
    for piece in segments("sqjy.tianping@example.com", "email", 5):
        assert piece in ("sqjy", ".tianping@", "example", ".com")


def test_address_breaks_after_its_parts() -> None:
    assert segments("上海市徐汇区天平路街道办事处社区服务办公室", "address") == [
        "上海市",
        "徐汇区",
        "天平路街道",  # not 天平路 / 街道
        "办事处社区",
        "服务办公室",
    ]
    assert segments("九江路123弄5号楼302室", "address") == ["九江路", "123弄", "5号楼", "302室"]


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("街道（乡镇）名称", ["街道（乡镇）", "名称"]),
        ("街道（乡镇）负责人", ["街道（乡镇）", "负责人"]),
        ("创建工作方案（可附页）", ["创建工作方案", "（可附页）"]),
        ("以往参加实验街镇工作经历", ["以往参加实验", "街镇工作经历"]),
        ("本轮的重点创建工作及预计成效", ["本轮的重点创建", "工作及预计成效"]),
        ("上海市教育委员会意见", ["上海市教育", "委员会意见"]),
        ("意见", ["意见"]),
        # the catalog's words verbatim: a space, ASCII brackets
        ("街道（乡镇） 名称", ["街道（乡镇）", "名称"]),
        ("创建工作方案 (可附页)", ["创建工作方案", "(可附页)"]),
    ],
)
def test_row_labels_break_in_balanced_lines(label: str, lines: list[str]) -> None:
    assert GEOMETRY.label(label) == lines


def test_label_lines_never_start_with_closing_punctuation() -> None:
    for lines in (label_lines("一二三四，五六七八。九十", 4), label_lines("一二三）四五六七", 4)):
        assert all(line[0] not in "，。）" for line in lines[1:])
        assert "".join(lines) in ("一二三四，五六七八。九十", "一二三）四五六七")


def test_the_form_fills_one_a4_page() -> None:
    g = GEOMETRY
    assert g.page == (210.0, 297.0)
    assert sum(g.columns) == pytest.approx(g.text_width) == 180
    rows = sum(g.info_mm().values()) + g.plan_mm + 2 * g.review_mm + g.key_mm
    assert rows == pytest.approx(g.table_mm, abs=0.05)
    assert g.head_mm + g.table_mm + g.slack_mm == pytest.approx(g.text_height)
    # every box keeps room for its text under the signature block
    assert g.key_lines >= 10 and g.opinion_lines >= 2
    assert g.goal_lines(3) >= 3


def test_a_slot_holds_what_fits() -> None:
    slot = Slot(37.04, 2, GEOMETRY.body)  # 10 em wide at 10.5 pt, 96 %
    assert slot.width_em == pytest.approx(9.6, abs=0.01)
    assert slot.holds("一二三四五六七八九")
    assert slot.holds("一" * 18)
    assert not slot.holds("一" * 19)
    assert slot.lines_for("一二三", "工作措施：") == 1
    assert slot.lines_for("一二三四五", "工作措施：") == 2
    assert GEOMETRY.css()["key"] == f"{GEOMETRY.key_mm:g}mm"
