"""The strict loader: positions, no coercion, and one clean diagnostic per unusable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjzn.load import MAX_DEPTH, dotted, load_bytes, load_path, load_text


def codes(text: str) -> list[str]:
    _, problems = load_text(text, "f.yaml")
    return [p.code for p in problems]


def test_values_keep_their_exact_source_text() -> None:
    text = (
        "office_phone: 02164311234\n"
        "postcode: 200030\n"
        "mobile: 13816612345\n"
        "sealed: yes\n"
        "month: 2013-03\n"
        "date: 2013-03-15\n"
        "octal: 0o17\n"
        "float: 1.50\n"
        "quoted: '007'\n"
        "on: on\n"
    )
    document, problems = load_text(text, "f.yaml")
    assert problems == []
    assert document is not None
    assert document.data == {
        "office_phone": "02164311234",
        "postcode": "200030",
        "mobile": "13816612345",
        "sealed": "yes",
        "month": "2013-03",
        "date": "2013-03-15",
        "octal": "0o17",
        "float": "1.50",
        "quoted": "007",
        "on": "on",
    }


def test_plain_empty_and_null_are_absent_but_quoted_empty_is_text() -> None:
    document, _ = load_text("a:\nb: ~\nc: null\nd: ''\ne: 'null'\n", "f.yaml")
    assert document is not None
    assert document.data == {"a": None, "b": None, "c": None, "d": "", "e": "null"}


def test_every_path_has_its_line_and_column() -> None:
    text = "contact:\n  name: 张三\n  mobile: 1381661234\nkey_work:\n  - code: K3\n  - code: K8\n"
    document, _ = load_text(text, "f.yaml")
    assert document is not None
    assert document.locate(("contact", "mobile")) == (3, 11)
    assert document.locate_key(("contact", "mobile")) == (3, 3)
    assert document.locate(("key_work", 1, "code")) == (6, 11)
    # a missing node points at its nearest existing parent's key
    assert document.locate(("contact", "email")) == (1, 1)
    assert document.locate(("key_work", 1, "measures")) == (6, 5)
    assert dotted(("key_work", 1, "code")) == "key_work.1.code"


def test_empty_value_points_at_its_key() -> None:
    document, _ = load_text("contact:\n  mobile:\n", "f.yaml")
    assert document is not None
    assert document.locate(("contact", "mobile")) == (2, 3)


def test_duplicate_key_is_an_error_at_the_second_occurrence() -> None:
    document, problems = load_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "f.yaml")
    assert [(p.code, p.line, p.column, p.path) for p in problems] == [
        ("Y004", 4, 3, "b.c"),
        ("Y004", 5, 1, "a"),
    ]
    assert "第一次在第 3 行" in problems[0].message
    assert document is not None and document.data["a"] == "1"  # the first is kept, and said so


def test_utf8_bom_and_crlf_are_read() -> None:
    data = "\ufeffunit:\r\n  name: 天平路街道\r\n".encode()
    document, problems = load_bytes(data, "f.yaml")
    assert problems == []
    assert document is not None
    assert document.data == {"unit": {"name": "天平路街道"}}
    assert document.locate(("unit", "name")) == (2, 9)


def test_gbk_file_gets_one_diagnostic_that_names_the_encoding() -> None:
    data = "unit:\n  name: 天平路街道\n".encode("gbk")
    document, problems = load_bytes(data, "f.yaml")
    assert document is None
    assert [(p.code, p.line) for p in problems] == [("Y001", 2)]
    assert "GBK" in problems[0].message
    assert "UTF-8" in problems[0].hint


def test_utf16_is_recognised() -> None:
    _, problems = load_bytes("a: 1\n".encode("utf-16"), "f.yaml")
    assert [p.code for p in problems] == ["Y001"]
    assert "UTF-16" in problems[0].message


def test_binary_content() -> None:
    _, problems = load_bytes(b"a: 1\n\x89PNG\x00\x00\x01", "f.yaml")
    assert [(p.code, p.line) for p in problems] == [("Y002", 2)]


def test_merge_conflict_markers() -> None:
    text = "a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> branch\n"
    _, problems = load_text(text, "f.yaml")
    assert [(p.code, p.line) for p in problems] == [("Y005", 2)]


def test_equals_underline_inside_text_is_not_a_conflict() -> None:
    document, problems = load_text("text: |\n  标题\n  =======\n", "f.yaml")
    assert problems == [] and document is not None


def test_tab_indentation() -> None:
    _, problems = load_text("unit:\n\tname: x\n", "f.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y006", 2, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo owned']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!int 5\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
    ],
)
def test_unknown_tags_are_never_constructed(text: str) -> None:
    document, problems = load_text(text, "f.yaml")
    assert [p.code for p in problems] == ["Y007"]
    assert document is not None and document.data["a"] is None


def test_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[index]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    _, problems = load_text("\n".join(lines) + "\n", "f.yaml")
    assert [p.code for p in problems] == ["Y009"]


def test_recursive_alias() -> None:
    _, problems = load_text("a: &a [*a]\n", "f.yaml")
    assert [p.code for p in problems] == ["Y009"]


def test_small_aliases_are_fine() -> None:
    document, problems = load_text("a: &x 张三\nb: *x\n", "f.yaml")
    assert problems == [] and document is not None
    assert document.data == {"a": "张三", "b": "张三"}


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 20_000 + "]" * 20_000 + "\n",
        "a: " + "{b: " * 20_000 + "x" + "}" * 20_000 + "\n",
        "a:\n" + "".join(" " * depth + "- \n" for depth in range(1, 200)),
    ],
    ids=["flow-sequences", "flow-mappings", "block"],
)
def test_deep_nesting_is_one_diagnostic(text: str) -> None:
    document, problems = load_text(text, "f.yaml")
    assert document is None
    assert [p.code for p in problems] == ["Y008"]
    assert str(MAX_DEPTH) in problems[0].message


def test_ten_megabyte_value(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("text: " + "字" * (10 * 1024 * 1024 // 3) + "\n", encoding="utf-8")
    _, problems = load_path(path)
    assert [(p.code, p.line, p.column) for p in problems] == [("Y010", 1, 1)]
    assert "MB" in problems[0].message


def test_long_value_within_the_file_limit() -> None:
    document, problems = load_text("a: 1\ntext: " + "x" * 200_000 + "\n", "f.yaml")
    assert [(p.code, p.line, p.path) for p in problems] == [("Y011", 2, "text")]
    assert document is not None and document.data["text"] is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "Y012"),
        ("# 只有注释\n\n", "Y012"),
        ("- a\n- b\n", "Y013"),
        ("just text\n", "Y013"),
        ("a: 1\n---\nb: 2\n", "Y014"),
        ("? [a, b]\n: c\n", "Y016"),
    ],
)
def test_unusable_shapes(text: str, code: str) -> None:
    assert codes(text) == [code]


def test_syntax_error_is_located() -> None:
    _, problems = load_text("unit:\n  name: [天平路街道\n  district: 徐汇区\n", "f.yaml")
    assert len(problems) == 1
    assert problems[0].code == "Y003"
    assert problems[0].line >= 2
    assert "YAML" in problems[0].message


def test_an_unclosed_quote_is_located_where_it_opens() -> None:
    _, problems = load_text("unit:\n  name: 'unclosed\n  district: 徐汇区\n", "f.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("Y023", 2, 9)]


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    _, problems = load_path(tmp_path)  # a directory cannot be read as a file
    assert [p.code for p in problems] == ["Y015"]


def test_english_messages() -> None:
    _, problems = load_text("a: 1\na: 2\n", "f.yaml", lang="en")
    assert problems[0].message.startswith("key a appears twice")


def test_common_syntax_problems_are_explained_in_chinese() -> None:
    _, problems = load_text("a: b: c\n", "f.yaml")
    assert problems[0].code == "Y003"
    assert "加引号" in problems[0].message and "mapping values" not in problems[0].message
    _, problems = load_text("a: b: c\n", "f.yaml", lang="en")
    assert "quote the value" in problems[0].message
