"""The 2013-2014 round catalog and its loader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cjzn.errors import CatalogError
from cjzn.guide import Catalog, bundled_rounds, catalog_for_round, load_catalog

ROUND = "2013-2014"

# The contract's table (docs: filing-format.md, "Codes taken from the guide").
CONTRACT_BASIC = [
    ("B1.1", "三(一)1(1)", "确立发展规划"),
    ("B1.2", "三(一)1(2)", "完善领导机制和管理体制"),
    ("B2.1", "三(一)2(1)", "工作总结考核制度"),
    ("B2.2", "三(一)2(2)", "经费投入与保障制度"),
    ("B2.3", "三(一)2(3)", "档案建设与统计制度"),
    ("B2.4", "三(一)2(4)", "工作考核与激励制度"),
    ("B2.5", "三(一)2(5)", "科研工作管理制度"),
    ("B3.1", "三(一)3(1)", "社区（成人）学校标准化建设"),
    ("B3.2", "三(一)3(2)", "队伍建设"),
    ("B3.3", "三(一)3(3)", "居村委社区教育学习点建设"),
    ("B4.1", "三(一)4(1)", "课程与资源建设"),
    ("B4.2", "三(一)4(2)", "信息化资源应用"),
    ("B5.1", "三(一)5(1)", "共建共享"),
    ("B5.2", "三(一)5(2)", "场地设施开放"),
]

CONTRACT_STAGES = [
    ("S1", "启动备案", date(2013, 1, 1), date(2013, 3, 31)),
    ("S2", "落实分工", date(2013, 3, 1), date(2013, 4, 30)),
    ("S3", "推进实施", date(2013, 4, 1), date(2014, 9, 30)),
    ("S4", "备查总结", date(2014, 9, 1), date(2014, 12, 31)),
]

CONTRACT_PLAN_KEYS = [
    ("P1", "overall_goal"),
    ("P2", "stage_goals"),
    ("P3", "work_plan"),
    ("P4", "leading_body"),
    ("P5", "network"),
    ("P6", "responsibilities"),
    ("P7", "mechanisms"),
]

# Every key path of the contract's filing format; `*` = one list index or code key.
_LABEL_PATHS_TEXT = """
cjzn round
unit unit.name unit.district
leader leader.name leader.title leader.phone
contact contact.name contact.title contact.office_phone contact.mobile contact.email
contact.postcode contact.address
prior_rounds
plan plan.overall_goal plan.stage_goals plan.stage_goals.*
plan.work_plan plan.work_plan.* plan.work_plan.*.task plan.work_plan.*.start
plan.work_plan.*.end plan.work_plan.*.covers
plan.leading_body plan.leading_body.kind plan.leading_body.head plan.leading_body.members
plan.leading_body.members.* plan.leading_body.members.*.name plan.leading_body.members.*.title
plan.network
plan.responsibilities plan.responsibilities.* plan.responsibilities.*.department
plan.responsibilities.*.owner plan.responsibilities.*.duties plan.responsibilities.*.covers
plan.mechanisms plan.mechanisms.*
basic_work basic_work.* basic_work.*.status basic_work.*.measures basic_work.*.evidence
basic_work.*.evidence.*
key_work key_work.* key_work.*.code key_work.*.measures key_work.*.expected_outcomes
key_work.*.expected_outcomes.*
submission submission.filed_on submission.signed_by submission.sealed
reviews reviews.district reviews.district.opinion reviews.district.signed_by
reviews.district.date reviews.municipal reviews.municipal.opinion reviews.municipal.date
summary summary.written_on summary.text
plan.guiding_ideology plan.principles plan.extra_sections plan.extra_sections.*
plan.extra_sections.*.title plan.extra_sections.*.text
basic_work.*.achieved_outcomes basic_work.*.achieved_outcomes.*
basic_work.*.achieved_outcomes.*.outcome basic_work.*.achieved_outcomes.*.evidence
basic_work.*.achieved_outcomes.*.evidence.*
key_work.*.title key_work.*.achieved_outcomes key_work.*.achieved_outcomes.*
key_work.*.achieved_outcomes.*.outcome key_work.*.achieved_outcomes.*.evidence
key_work.*.achieved_outcomes.*.evidence.*
evaluation evaluation.apply_early
"""
LABEL_PATHS = [path for line in _LABEL_PATHS_TEXT.splitlines() for path in line.split()]


@pytest.fixture(scope="module")
def bundled_text() -> str:
    return bundled_rounds()[ROUND].read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# The bundled 2013-2014 catalog
# ---------------------------------------------------------------------------


def test_round_is_bundled(catalog: Catalog) -> None:
    rounds = bundled_rounds()
    assert ROUND in rounds
    assert rounds[ROUND].name == f"{ROUND}.yaml"
    assert catalog.round == ROUND
    assert catalog.catalog_version == 1
    assert catalog.source == str(rounds[ROUND])


def test_catalog_for_round_is_cached_and_none_when_unknown(catalog: Catalog) -> None:
    assert catalog_for_round(ROUND) is catalog
    assert catalog_for_round("1999-2000") is None


def test_basic_work_matches_contract(catalog: Catalog) -> None:
    assert catalog.basic_codes() == [code for code, _, _ in CONTRACT_BASIC]
    for code, section, title in CONTRACT_BASIC:
        item = catalog.basic(code)
        assert item is not None
        assert (item.section, item.title) == (section, title)
        assert item.title_en
        assert item.requirement.strip()
        assert catalog.title(code) == title
        assert catalog.title(code, "en") == item.title_en


def test_b32_has_three_points_and_others_none(catalog: Catalog) -> None:
    b32 = catalog.basic("B3.2")
    assert b32 is not None
    assert [p.title for p in b32.points] == ["专人分管", "队伍培训", "志愿者参与和退出机制"]
    for point in b32.points:
        assert point.text in b32.requirement
    assert "专人分管社区教育工作" in b32.points[0].text
    assert all(not item.points for item in catalog.basic_work if item.code != "B3.2")


def test_key_work_k1_to_k10(catalog: Catalog) -> None:
    assert catalog.key_codes() == [f"K{n}" for n in range(1, 11)]
    for work in catalog.key_work:
        assert work.title and work.title_en and work.text
        assert work.section == f"三(二){work.code[1:]}"
    k1, k10 = catalog.key("K1"), catalog.key("K10")
    assert k1 is not None and k10 is not None
    assert k1.title.startswith("利用社会力量")
    assert k10.title.startswith("记录认定成果")
    # stray PDF line breaks are joined
    assert "\n" not in k10.text and "激励机制" in k10.text


def test_stage_windows_match_contract(catalog: Catalog) -> None:
    assert catalog.stage_codes() == [code for code, *_ in CONTRACT_STAGES]
    for code, title, start, end in CONTRACT_STAGES:
        stage = catalog.stage(code)
        assert stage is not None
        assert (stage.title, stage.start, stage.end) == (title, start, end)
        assert stage.requirements
        for requirement in stage.requirements:
            assert catalog.requirements[requirement].zh
            assert catalog.requirements[requirement].en
    s3 = catalog.stage("S3")
    assert s3 is not None and "申请参加示范街镇创建评估" in s3.text


def test_plan_parts_match_contract(catalog: Catalog) -> None:
    assert [(p.code, p.key) for p in catalog.plan_parts] == CONTRACT_PLAN_KEYS
    assert all(p.title and p.title_en and p.description for p in catalog.plan_parts)
    assert catalog.title("P1") == "创建工作的总体目标"  # the form's words


def test_districts_of_2013(catalog: Catalog) -> None:
    assert len(catalog.districts) == 17
    assert "闸北区" in catalog.districts
    assert "崇明县" in catalog.districts
    assert "卢湾区" not in catalog.districts
    assert "崇明区" not in catalog.districts
    assert catalog.district_aliases["崇明区"] == "崇明县"


@pytest.mark.parametrize("path", LABEL_PATHS)
def test_every_filing_path_has_labels(catalog: Catalog, path: str) -> None:
    text = catalog.labels.get(path)
    assert text is not None, f"no label for {path}"
    assert text.zh.strip() and text.en.strip()
    assert catalog.label(path) == text.zh
    assert catalog.label(path, "en") == text.en


def test_form_wording_is_used_for_labels(catalog: Catalog) -> None:
    assert catalog.label("contact.mobile") == "手机号码"
    assert catalog.label("contact.office_phone") == "单位电话"
    assert catalog.label("submission.signed_by") == "单位负责人签字"
    assert catalog.label("reviews.municipal") == "上海市教育委员会意见"
    assert catalog.label("plan.stage_goals") == "阶段性工作目标"


def test_label_accepts_concrete_paths(catalog: Catalog) -> None:
    assert catalog.label("basic_work.B3.2.status") == catalog.label("basic_work.*.status")
    assert catalog.label("key_work.1.code", "en") == catalog.label("key_work.*.code", "en")
    assert catalog.label("plan.stage_goals.S1") == catalog.label("plan.stage_goals.*")
    assert catalog.label("no.such.path") is None


def test_helpers_for_unknown_codes(catalog: Catalog) -> None:
    assert catalog.basic("B9.9") is None
    assert catalog.key("K11") is None
    assert catalog.stage("S5") is None
    assert catalog.title("X1") == ""
    assert catalog.title("B3") == "完善社区学校基础建设"


def test_enums(catalog: Catalog) -> None:
    assert list(catalog.enums.status) == ["planned", "in_progress", "done"]
    assert catalog.enums.status["done"].get("en") == "done"
    assert catalog.enums.leading_body_kind == ["领导小组", "协调机构", "联席会议"]


def test_source_is_not_serialised(catalog: Catalog) -> None:
    assert "source" not in catalog.model_dump()


# ---------------------------------------------------------------------------
# Broken catalogs
# ---------------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _line_of(text: str, needle: str) -> int:
    lines = text.splitlines()
    matches = [n for n, line in enumerate(lines, start=1) if needle in line]
    assert len(matches) == 1, needle
    return matches[0]


def _error(path: Path) -> CatalogError:
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    assert path.name in str(info.value)
    assert str(info.value).startswith(str(path))
    return info.value


def test_copy_of_bundled_catalog_loads(tmp_path: Path, bundled_text: str) -> None:
    path = _write(tmp_path, bundled_text, "copy.yaml")
    assert load_catalog(path).source == str(path)


def test_missing_file(tmp_path: Path) -> None:
    error = _error(tmp_path / "absent.yaml")
    assert "not found" in str(error)


def test_invalid_yaml(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, 'round: "2013-2014"', 'round: "2013-2014\n  : [')
    path = _write(tmp_path, text)
    error = _error(path)
    assert "YAML" in str(error)
    assert error.line is not None


def test_duplicate_key(tmp_path: Path, bundled_text: str) -> None:
    duplicate = "  unit: {zh: 重复, en: again}\n"
    text = _replace_once(bundled_text, "  unit.name: {", duplicate + "  unit.name: {")
    path = _write(tmp_path, text)
    error = _error(path)
    assert error.line == _line_of(text, "unit: {zh: 重复")
    assert f"{path}:{error.line}:" in str(error)
    assert "key unit appears twice" in str(error)
    assert "键 unit 重复出现" in str(error)


def test_missing_field(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "    title_en: Start and filing\n", "")
    path = _write(tmp_path, text)
    error = _error(path)
    assert "stages.0.title_en" in str(error)
    assert "missing required field" in str(error)
    assert error.line == _line_of(text, "- code: S1")


def test_unknown_field(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "catalog_version: 1\n", "catalog_version: 1\nextra: x\n")
    error = _error(_write(tmp_path, text))
    assert "extra" in str(error) and "unknown field" in str(error)


def test_source_key_is_rejected(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "catalog_version: 1\n", "catalog_version: 1\nsource: x\n")
    error = _error(_write(tmp_path, text))
    assert "source" in str(error)


def test_stage_with_unknown_requirement(tmp_path: Path, bundled_text: str) -> None:
    broken = "requirements: [summary, nonsense]"
    text = _replace_once(bundled_text, "requirements: [summary, achieved_outcomes]", broken)
    path = _write(tmp_path, text)
    error = _error(path)
    assert "stages.3.requirements.1" in str(error)
    assert "unknown requirement nonsense" in str(error)
    assert error.line == _line_of(text, broken)


def test_stage_start_after_end(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "end: 2013-04-30", "end: 2013-02-28")
    path = _write(tmp_path, text)
    error = _error(path)
    assert "stages.1.start" in str(error)
    assert "S2" in str(error)
    assert error.line == _line_of(text, "start: 2013-03-01")


def test_unknown_group(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(
        bundled_text,
        "    group: B5\n    section: 三(一)5(2)",
        "    group: B9\n    section: 三(一)5(2)",
    )
    path = _write(tmp_path, text)
    error = _error(path)
    assert "basic_work.13.group" in str(error)
    assert "unknown group B9" in str(error)
    assert "未知的分组" in str(error)
    assert error.line == _line_of(text, "group: B9")


def test_alias_to_unknown_district(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "  卢湾区: 黄浦区", "  卢湾区: 卢湾区区")
    error = _error(_write(tmp_path, text))
    assert "district_aliases.卢湾区" in str(error)


def test_duplicate_code(tmp_path: Path, bundled_text: str) -> None:
    text = _replace_once(bundled_text, "  - code: K10\n", "  - code: K9\n")
    error = _error(_write(tmp_path, text))
    assert "key_work.9" in str(error) and "duplicate code K9" in str(error)


def test_wrong_type_is_located(tmp_path: Path, bundled_text: str) -> None:
    data = yaml.safe_load(bundled_text)
    data["stages"][0]["start"] = "January"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path = _write(tmp_path, text)
    error = _error(path)
    assert "stages.0.start" in str(error)
    assert "expected a date" in str(error)
    assert error.line == _line_of(text, "start: January")


def test_not_a_mapping(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "- just\n- a list\n"))
    assert "mapping" in str(error)
