"""Appending to a review file keeps every byte the reviewer wrote; the entry reads back."""

from __future__ import annotations

import pytest

from cjzn.load import load_text
from cjzn.review.text import append_entry

FIELDS: list[tuple[str, str | bool | None]] = [
    ("decision", "退回修改"),
    ("opinion", "请补充：\n一、预计成效\n二、职责分工"),
    ("signed_by", "王明"),
    ("sealed", True),
    ("date", "2013-03-20"),
    ("note", None),
    ("filing_sha256", "ab" * 32),
]


def read(text: str) -> dict[str, object]:
    document, problems = load_text(text, "x.yaml")
    assert document is not None and not [p for p in problems if p.is_error], problems
    data: dict[str, object] = document.data
    return data


@pytest.mark.parametrize(
    "before",
    [
        "cjzn: 1\n",
        "cjzn: 1\ndecisions:\n",
        "cjzn: 1\ndecisions: []  # 还没有\n",
        "# 审核记录\ncjzn: 1\ndecisions:\n- decision: 同意  # 口头\n  date: 2013-03-01\n",
        "cjzn: 1\ndecisions:\n  - decision: 同意\n    date: 2013-03-01\n\n# 评估\nevaluations:\n  - stage: S4\n",
        "cjzn: 1\r\ndecisions:\r\n  - decision: 同意\r\n",
    ],
    ids=["none", "empty", "flow-empty", "indent-0", "before-evaluations", "crlf"],
)
def test_the_entry_is_appended_and_the_rest_kept(before: str) -> None:
    after = append_entry(before, "decisions", FIELDS, 0)
    data = read(after)
    decisions = data["decisions"]
    assert isinstance(decisions, list)
    last = decisions[-1]
    assert last == {
        "decision": "退回修改",
        "opinion": "请补充：\n一、预计成效\n二、职责分工",
        "signed_by": "王明",
        "sealed": "true",
        "date": "2013-03-20",
        "filing_sha256": "ab" * 32,
    }
    kept = [line for line in before.splitlines() if "[]" not in line]
    assert all(line in after.splitlines() for line in kept)
    if "evaluations" in before:
        assert data["evaluations"] == [{"stage": "S4"}]
        assert after.index("退回修改") < after.index("# 评估")
    if "\r\n" in before:
        assert after.count("\r\n") == after.count("\n")


@pytest.mark.parametrize("value", ["true", "a: b", "#1号", "“同意”", " 前有空格", "x\ny: z"])
def test_text_that_yaml_would_misread_is_quoted(value: str) -> None:
    after = append_entry("cjzn: 1\n", "decisions", [("opinion", value)], 0)
    assert read(after)["decisions"] == [{"opinion": value}]
