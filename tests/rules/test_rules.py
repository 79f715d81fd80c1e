"""Every date-independent guide rule with a passing and a failing case, run on its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cjzn.check import pipeline
from cjzn.check.examples import run_example
from cjzn.check.pipeline import rule_context
from cjzn.diagnostics import Diagnostic
from cjzn.guide import catalog_for_round
from cjzn.load import load_text
from cjzn.model import check_document
from cjzn.options import Options
from cjzn.rules import RULES, Rule, RuleContext

CATALOG = catalog_for_round("2013-2014")
HEAD = 'cjzn: 1\nround: "2013-2014"\n'


def run(code: str, body: str, lang: str = "zh") -> list[tuple[str, int, int, str, str]]:
    document, problems = load_text(HEAD + body, "f.yaml", lang)
    assert document is not None and problems == []
    filing, _ = check_document(document, CATALOG, lang)
    assert filing is not None and CATALOG is not None
    context = rule_context(filing, document, CATALOG, Options(lang=lang))
    return [(d.code, d.line, d.column, d.path, d.message) for d in RULES[code].check(context)]


KEY_WORKS = "key_work:\n" + "".join(f"  - code: {code}\n" for code in ("K1", "K3", "K8"))


@pytest.mark.parametrize(
    ("code", "good", "bad", "where"),
    [
        ("G001", "key_work:\n  - code: K1\n  - code: K3\n", KEY_WORKS, (4, 3, "key_work")),
        (
            "G002",
            "key_work:\n  - code: K1\n  - code: K3\n",
            "key_work:\n  - code: K3\n  - code: K3\n",
            (5, 11, "key_work.1.code"),
        ),
        (
            "G003",
            "key_work:\n  - code: K10\n",
            "key_work:\n  - code: K11\n",
            (4, 11, "key_work.0.code"),
        ),
        (
            "G004",
            "basic_work:\n  B5.2:\n    status: planned\n",
            "basic_work:\n  B6.1:\n    status: planned\n",
            (4, 3, "basic_work.B6.1"),
        ),
        (
            "G005",
            "plan:\n  responsibilities:\n    - covers: [B1.1, K3]\n",
            "plan:\n  responsibilities:\n    - covers: [B1.1, B9.9]\n",
            (5, 22, "plan.responsibilities.0.covers.1"),
        ),
        (
            "G006",
            "plan:\n  work_plan:\n    - {task: x, start: 2013-04, end: 2013-12}\n",
            "plan:\n  work_plan:\n    - {task: x, start: 2013-12, end: 2013-04}\n",
            (5, 38, "plan.work_plan.0.end"),
        ),
        (
            "G007",
            "plan:\n  stage_goals: {S1: 备案, S4: 总结}\n",
            "plan:\n  stage_goals: {S1: 备案, S5: 总结}\n",
            (4, 25, "plan.stage_goals.S5"),
        ),
        (
            "V006",
            "contact:\n  postcode: 200030\n",
            "contact:\n  postcode: 100080\n",
            (4, 13, "contact.postcode"),
        ),
    ],
)
def test_rule_passes_and_fails(code: str, good: str, bad: str, where: tuple[int, int, str]) -> None:
    assert run(code, good) == []
    found = run(code, bad)
    assert [(c, line, column, path) for c, line, column, path, _ in found] == [(code, *where)]
    assert found[0][4]  # a message
    english = run(code, bad, lang="en")[0][4]
    assert english != found[0][4]
    assert not any("\u4e00" <= char <= "\u9fff" for char in english.split(":")[0])


def test_key_work_suggestion_for_full_width_code() -> None:
    found = run("G003", "key_work:\n  - code: Ｋ３\n")
    assert "是否应为 K3" in found[0][4]


def test_unknown_basic_code_suggests_its_spelling() -> None:
    found = run("G004", "basic_work:\n  b1.1:\n    status: planned\n")
    assert "是否应为 B1.1" in found[0][4]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_uncovered_message_names_title(lang: str) -> None:
    """Work no responsibility covers is named by code AND the guide's title, and only that work."""
    assert CATALOG is not None
    covered = [code for code in CATALOG.basic_codes() if code != "B2.5"]
    body = (
        "key_work:\n  - code: K3\n"
        "plan:\n  responsibilities:\n"
        f"    - {{department: 社区学校, owner: 王敏, covers: [{', '.join(covered)}]}}\n"
    )
    found = [
        m for _c, _l, _col, path, m in run("T101", body, lang) if path == "plan.responsibilities"
    ]
    assert len(found) == 1, found
    (message,) = found
    for code in ("B2.5", "K3"):
        title = CATALOG.title(code, lang)
        assert title and f"{code} {title}" in message, (code, message)
    assert not any(code in message for code in covered)


def test_every_rule_has_documentation() -> None:
    for rule in RULES.values():
        info = rule.info
        assert info.summary.zh and info.summary.en, info.code
        assert info.message.zh and info.message.en, info.code
        assert info.hint.zh and info.hint.en, info.code
        assert info.help_text.zh and info.help_text.en, info.code


def test_every_rule_raises_the_code_it_is_registered_under(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every rule's failing examples through the pipeline, noting which rule raised what:
    a rule reports its own code only (a check that reports another code's info is caught)."""
    raised: list[tuple[str, str]] = []

    def recording(key: str, rule: Rule) -> Rule:
        def check(context: RuleContext) -> Iterator[Diagnostic]:
            for diagnostic in rule.check(context):
                raised.append((key, diagnostic.code))
                yield diagnostic

        return Rule(rule.info, check)

    monkeypatch.setattr(pipeline, "RULES", {key: recording(key, r) for key, r in RULES.items()})
    for rule in RULES.values():
        assert rule.info.failing, rule.code
        for example in rule.info.failing:
            run_example(example)
    assert [(key, code) for key, code in raised if key != code] == []
    assert {key for key, _code in raised} == set(RULES)  # every rule fired on its own examples
