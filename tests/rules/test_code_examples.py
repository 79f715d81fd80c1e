"""Every code documents itself: a summary, static help, and examples that the suite runs.

A code without a passing and a failing example fails here, and so does an
example that no longer does what it says: the documentation cannot drift from
the checks (`cjzn rules` and SARIF show the same help).
"""

from __future__ import annotations

import dataclasses

import pytest

from cjzn.check.examples import run_example
from cjzn.diagnostics import CodeInfo, Example
from cjzn.rules import ALL_CODES

CASES = [
    pytest.param(info, example, passing, id=f"{code}-{'pass' if passing else 'fail'}-{n}")
    for code, info in ALL_CODES.items()
    for passing, examples in ((True, info.passing), (False, info.failing))
    for n, example in enumerate(examples)
]


def missing_examples(info: CodeInfo) -> list[str]:
    return [
        kind for kind, found in (("passing", info.passing), ("failing", info.failing)) if not found
    ]


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_every_code_has_examples_both_ways(code: str) -> None:
    assert missing_examples(ALL_CODES[code]) == []


@pytest.mark.parametrize(("info", "example", "passing"), CASES)
def test_example_does_what_it_says(info: CodeInfo, example: Example, passing: bool) -> None:
    codes = [d.code for d in run_example(example)]
    if passing:
        assert info.code not in codes, f"{info.code} raised by its passing example: {codes}"
    else:
        assert info.code in codes, f"{info.code} not raised by its failing example: {codes}"


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_every_code_has_static_help(code: str) -> None:
    info = ALL_CODES[code]
    for lang in ("zh", "en"):
        text = info.help_text.get(lang)
        assert text.strip(), f"{code} has no help in {lang}"
        assert "{" not in text, f"{code}'s help is a template: {text}"
        assert info.summary.get(lang).strip()


def test_a_code_without_examples_is_caught() -> None:
    bare = dataclasses.replace(ALL_CODES["F001"], passing=(), failing=())
    assert missing_examples(bare) == ["passing", "failing"]
