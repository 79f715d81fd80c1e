"""Slips the catalog or the model sees: the skeleton's label inside a value (Y040), a phone
number typed in full-width characters (Y041); each with the value as it should be and a fix."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_rules import CATALOG, HEAD

from cjzn.check.pipeline import rule_context
from cjzn.diagnostics import Diagnostic, Fix
from cjzn.fix import fix_text
from cjzn.guide import Catalog
from cjzn.init.skeleton import skeleton_text
from cjzn.load import load_text
from cjzn.model import check_document
from cjzn.options import Options
from cjzn.rules import RULES


def found(code: str, body: str, lang: str = "zh") -> list[Diagnostic]:
    document, problems = load_text(HEAD + body, "f.yaml", lang)
    assert document is not None and problems == []
    filing, _ = check_document(document, CATALOG, lang)
    assert filing is not None and CATALOG is not None
    return list(RULES[code].check(rule_context(filing, document, CATALOG, Options(lang=lang))))


def fixed(body: str) -> str:
    result = fix_text(HEAD + body, Path("f.yaml"), "f.yaml", Options(as_of=date(2013, 1, 15)))
    return result.after.removeprefix(HEAD)


GOAL = "依托社区学校和居村委学习点，整合辖区教育资源，到2014年底建成社区教育示范街道。"


def test_the_skeletons_label_inside_a_value() -> None:
    body = f'plan:\n  overall_goal: "{GOAL}  # 总体目标"\n'
    (problem,) = found("Y040", body)
    assert (problem.line, problem.column, problem.path) == (4, 17, "plan.overall_goal")
    assert "“# 总体目标”" in problem.message
    assert '示范街道。"”' in problem.message  # the corrected value's end is shown
    assert problem.fix == Fix(4, 17, f"{GOAL}  # 总体目标", f'"{GOAL}"')
    assert fixed(body) == f'plan:\n  overall_goal: "{GOAL}"\n'


def test_the_label_with_the_skeletons_hint_and_in_a_list() -> None:
    body = (
        'leader:\n  phone: "021-64311234  # 联系电话（固定电话如 021-64311234，或 11 位手机号码）"\n'
        "plan:\n  work_plan:\n    - task: '制定规划 # 工作任务'\n"
    )
    assert [(p.path, p.line) for p in found("Y040", body)] == [
        ("leader.phone", 4),
        ("plan.work_plan.0.task", 7),
    ]
    assert (
        fixed(body)
        == 'leader:\n  phone: "021-64311234"\nplan:\n  work_plan:\n    - task: "制定规划"\n'
    )


@pytest.mark.parametrize(
    "body",
    [
        'plan:\n  overall_goal: "建成示范街道"  # 总体目标\n',  # a comment, outside the quotes
        'plan:\n  network: "三级网络 # 总体目标"\n',  # another field's label
        'plan:\n  overall_goal: "建成示范街道 #总体目标之一：学习型社区"\n',  # more after it
        'plan:\n  overall_goal: "建成示范街道#总体目标"\n',  # no space: not a comment
    ],
)
def test_a_hash_that_is_not_the_fields_label(body: str) -> None:
    assert found("Y040", body) == []


def test_labels_are_the_ones_the_skeleton_writes(catalog: Catalog) -> None:
    """A clerk who quotes whole key lines of `cjzn init`'s skeleton, its comments with them:
    each is found, with the skeleton's hints after the labels too."""
    skeleton = skeleton_text(catalog, "天平路街道", "徐汇区")
    typed, count = re.subn(
        r"(?m)^(  (?:overall_goal|network|address|office_phone|filed_on)|    measures):  (# .+)$",
        r'\1: "写了内容  \2"',
        skeleton,
    )
    assert count == 5 + len(catalog.basic_work) + 1  # the basic works' and the key work's measures
    document, _ = load_text(typed, "f.yaml")
    assert document is not None
    filing, _ = check_document(document, catalog, "zh")
    assert filing is not None
    context = rule_context(filing, document, catalog, Options())
    paths = {problem.path for problem in RULES["Y040"].check(context)}
    assert len(paths) == count
    assert {"plan.overall_goal", "contact.office_phone", "submission.filed_on"} <= paths
    assert "basic_work.B1.1.measures" in paths and "key_work.0.measures" in paths


@pytest.mark.parametrize(
    ("path", "written", "corrected", "chars"),
    [
        ("leader.phone", "０２１-６４３７６５３２", "021-64376532", "全角数字"),
        ("contact.office_phone", "021－64376532", "021-64376532", "全角横线“－”"),
        ("contact.office_phone", "（021）64376532", "021-64376532", "全角括号“（）”"),
        ("contact.office_phone", "021\u30006437\u30006532", "021-64376532", "全角空格"),
        ("contact.mobile", "１３９ １６０５ ８２３１", "13916058231", "全角数字"),
        ("contact.mobile", "＋８６ １３９１６０５８２３１", "13916058231", "全角加号“＋”"),
        ("leader.phone", "６４３７６５３２", "64376532", "全角数字"),  # a Shanghai number: as is
        ("contact.office_phone", "０２１－６２８０１２３４ 转 ８０１２", "021-62801234 转 8012", "、"),
    ],
)  # fmt: skip
def test_a_phone_typed_in_full_width(path: str, written: str, corrected: str, chars: str) -> None:
    section, key = path.split(".")
    body = f"{section}:\n  {key}: {written}\n"
    (problem,) = found("Y041", body)
    assert (problem.path, problem.line, problem.column) == (path, 4, len(key) + 5)
    assert f"应写成 {corrected}" in problem.message and chars in problem.message
    assert problem.fix == Fix(4, len(key) + 5, written, corrected)
    assert fixed(body) == f"{section}:\n  {key}: {corrected}\n"


@pytest.mark.parametrize(
    "body",
    [
        "contact:\n  office_phone: (021)64376532\n",
        "contact:\n  office_phone: 021 6437 6532\n",
        "contact:\n  office_phone: 86-21-64376532\n",
        "contact:\n  mobile: 139 1605 8231\n",
        "contact:\n  mobile: +86 139-1605-8231\n",
        "leader:\n  phone: 64376532\n",
        "contact:\n  office_phone: 021-62801234 转 8012\n",
    ],
)
def test_phones_written_in_ascii_stay_as_written(body: str) -> None:
    """Readable, accepted by version 1 (the contract): no new warning on a clean filing."""
    assert found("Y041", body) == []


def test_a_wrong_number_in_full_width_is_the_models_error_alone() -> None:
    document, problems = load_text(HEAD + "contact:\n  mobile: １３９１６０５８２３\n", "f.yaml")
    assert document is not None and problems == []
    _, errors = check_document(document, CATALOG, "zh")
    assert [e.code for e in errors] == ["V001"]
    assert found("Y041", "contact:\n  mobile: １３９１６０５８２３\n") == []


def test_english() -> None:
    (problem,) = found("Y041", "contact:\n  office_phone: 021－64376532\n", lang="en")
    assert "full-width hyphen" in problem.message and "write 021-64376532" in problem.message
    (problem,) = found("Y040", 'plan:\n  overall_goal: "建成  # 总体目标"\n', lang="en")
    assert "the skeleton's comment" in problem.message
