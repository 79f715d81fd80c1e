"""A clerk's filing made from `cjzn init`'s skeleton, as a user trial typed it: every problem is
reported in one run, and `cjzn fix` corrects what is certain without breaking the form."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.guide import Catalog
from cjzn.init.skeleton import skeleton_text

runner = CliRunner()
GOAL = "依托社区学校和居村委学习点，到2014年底建成社区教育示范街道。"


def fill(text: str, values: dict[str, str]) -> str:
    """The skeleton with `values` typed after their keys' colons, before the label comments."""
    for key, value in values.items():
        text, count = re.subn(
            f"(?m)^(\\s*{re.escape(key)}:)(  # )", f"\\1 {value}\\2", text, count=1
        )
        assert count == 1, key
    return text


def trial_filing(tmp_path: Path, catalog: Catalog, **typed: str) -> Path:
    values = {
        "  name": "李国强",
        "  title": "主任",
        "overall_goal": f'"{GOAL}',  # the quote is never closed
        "  mobile": "1391605823",  # ten digits
        "      start": "2013年3月",
        "  sealed": "是",
        **typed,
    }
    path = tmp_path / "徐汇区" / "湖南路街道.yaml"
    path.parent.mkdir()
    path.write_text(fill(skeleton_text(catalog, "湖南路街道", "徐汇区"), values), "utf-8")
    return path


def problems(path: Path, *more: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app, ["validate", "--format", "json", "--as-of", "2013-04-15", *more, str(path)]
    )
    assert result.exit_code == 1, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)["problems"]
    return found


def test_an_unclosed_quote_hides_nothing(tmp_path: Path, catalog: Catalog) -> None:
    path = trial_filing(tmp_path, catalog)
    line = path.read_text("utf-8").splitlines().index(f'  overall_goal: "{GOAL}  # 总体目标') + 1
    found = {(p["code"], p["path"]) for p in problems(path)}
    assert {
        ("Y023", "plan.overall_goal"),
        ("V001", "contact.mobile"),
        ("F007", "plan.work_plan.0.start"),
        ("F009", "submission.sealed"),
    } <= found
    assert any(path == "contact.email" for code, path in found if str(code).startswith("T"))
    quote = next(p for p in problems(path) if p["code"] == "Y023")
    assert (quote["line"], quote["column"]) == (line, len("  overall_goal: ") + 1)


def test_fix_closes_the_quote_before_the_label(tmp_path: Path, catalog: Catalog) -> None:
    path = trial_filing(tmp_path, catalog)
    result = runner.invoke(app, ["fix", "--as-of", "2013-04-15", str(path)])
    assert result.exit_code == 1, result.output  # the mobile number is left for a person
    lines = path.read_text("utf-8").splitlines()
    assert f'  overall_goal: "{GOAL}"  # 总体目标' in lines
    assert "  sealed: true  # 公章（已盖公章写 true，否则写 false）" in lines
    found = {p["code"] for p in problems(path)}
    assert "Y023" not in found and "Y040" not in found and "V001" in found


def test_a_key_replaced_by_its_label(tmp_path: Path, catalog: Catalog) -> None:
    """The clerk wrote the skeleton's comment as the key: F001 names the key it labels."""
    path = trial_filing(tmp_path, catalog)
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"(?m)^    kind:  # ", "    组织形式: 领导小组  # ", text), "utf-8")
    result = runner.invoke(
        app, ["validate", "--as-of", "2013-04-15", "--select", "F001", str(path)]
    )
    assert "不认识的键 组织形式，是否应为 kind（组织形式）？" in result.output
