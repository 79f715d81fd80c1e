"""`cjzn report`: the dashboard on a generated repo of 200 filings across districts.

The repo is generated from the early example (竖新镇) with varied districts, key
works, basic-work statuses, stages, contact details (some invalid, so that the
diagnostics quote them), one unreadable file and one unit name with markup.
The expected numbers are computed from the generated data, not from the report.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import COMPLETE, EARLY
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.guide import Catalog
from cjzn.options import Options
from cjzn.report import (
    CONTACT_PATHS,
    MARKER,
    REDACTED,
    SENSITIVE_PATHS,
    Dashboard,
    build_dashboard,
    collect_dashboard,
    dashboard_json,
    render_report,
)
from cjzn.status import StatusReport, collect_status

ROUND = "2013-2014"
AS_OF = "2013-04-15"
N = 200
SCRIPT_UNIT = "<script>alert('x')</script>测试街道"
runner = CliRunner()

_SURNAMES = "鄢禚濮蒯阙隗瞿郗"
_GIVEN = "彧翀骞昶晗玥芃翎珩璟"


def _name(number: int) -> str:
    """A distinct, unusual three-character name per number (800 of them)."""
    surname, rest = divmod(number, 100)
    return _SURNAMES[surname] + _GIVEN[rest // 10] + _GIVEN[rest % 10]


@dataclass
class Expected:
    """What one generated filing holds, as the test wrote it."""

    file: Path
    district: str
    unit: str
    key_work: list[str]
    basic: dict[str, str]  # code -> done | in_progress | planned | missing
    secrets: list[str] = field(default_factory=list)
    readable: bool = True
    own: list[str] = field(default_factory=list)  # titles of the unit's own key works


def _replace(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, str):
        for old, new in names.items():
            node = node.replace(old, new)
        return node
    if isinstance(node, dict):
        return {key: _replace(value, names) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace(value, names) for value in node]
    return node


def generate(root: Path, catalog: Catalog, seed: int = 6) -> list[Expected]:
    """N filings under root/filings/<区县>/ from the early example, deterministically varied."""
    rng = random.Random(seed)
    base = yaml.safe_load(EARLY.read_text(encoding="utf-8"))
    districts = catalog.districts
    expected: list[Expected] = []
    for i in range(N):
        # uneven: the first districts get most filings
        district = districts[min(int(rng.expovariate(0.25)), len(districts) - 1)]
        leader, contact, reviewer = _name(3 * i), _name(3 * i + 1), _name(3 * i + 2)
        data = _replace(
            copy.deepcopy(base), {"施建国": leader, "龚秀英": contact, "蔡文华": reviewer}
        )
        unit = SCRIPT_UNIT if i == 7 else f"测试{i:03d}街道"
        data["unit"] = {"name": unit, "district": district}
        data["leader"]["phone"] = f"021-59{i:06d}"
        mobile = f"139{i:07d}" if i % 17 == 3 else f"139{i:08d}"  # some invalid (10 digits)
        email = f"lx{i:03d}.cs@@example" if i % 23 == 5 else f"lx{i:03d}.cs@example.com"
        # some outside Shanghai: the V006 warning quotes them (as `cjzn report` once leaked)
        postcode = f"10{i + 3700:04d}" if i % 13 == 6 else f"20{i + 1700:04d}"
        data["contact"].update(
            office_phone=f"021-64{i:06d}",
            mobile=mobile,
            email=email,
            postcode=postcode,
            address=f"上海市试验大道{i:03d}弄{i % 7 + 1}号",
        )
        secrets = [
            leader,
            contact,
            reviewer,
            data["leader"]["phone"],
            data["contact"]["office_phone"],
            mobile,
            email,
            postcode,
            data["contact"]["address"],
        ]
        codes = rng.sample(catalog.key_codes(), rng.choice((1, 2)))
        data["key_work"] = [dict(data["key_work"][0], code=code) for code in codes]
        own = [f"自选项目{i:03d}"] if i % 9 == 1 else []
        if own:  # a key work of the unit's own, with what it achieved
            codes = codes[:1]
            data["key_work"][1:] = [
                {
                    "title": own[0],
                    "measures": "每月一期",
                    "expected_outcomes": ["形成居民议事规则", "骨干学员30人"],
                    "achieved_outcomes": [{"outcome": f"议事规则{i}条", "evidence": ["a.pdf"]}],
                }
            ]
        basic: dict[str, str] = {}
        for code in catalog.basic_codes():
            status = rng.choices(
                ("done", "in_progress", "planned", "gone", "bad"), (7, 5, 6, 1, 1)
            )[0]
            if status == "gone":
                del data["basic_work"][code]
                basic[code] = "missing"
            elif status == "bad":
                data["basic_work"][code]["status"] = "finished"
                basic[code] = "missing"
            else:
                data["basic_work"][code]["status"] = status
                basic[code] = status
        if i % 11 == 4:
            del data["plan"]["overall_goal"]  # S1 incomplete: overdue
        if i % 5 == 2:
            del data["plan"]["responsibilities"][0]["owner"]  # S2 open
        path = root / "filings" / district / f"f{i:03d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        expected.append(Expected(path, district, unit, codes, basic, secrets, own=own))
    # one broken file: unreadable, but still a row of the dashboard
    broken = root / "filings" / districts[0] / "zz-broken.yaml"
    broken.write_text("cjzn: 1\nround: [unclosed\n", encoding="utf-8")
    expected[-1].file.unlink()
    expected[-1] = Expected(
        broken, "", "", [], dict.fromkeys(catalog.basic_codes(), "missing"), [], readable=False
    )
    return expected


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> tuple[Path, list[Expected]]:
    root = tmp_path_factory.mktemp("district-repo")
    return root, generate(root, catalog)


@pytest.fixture(scope="module")
def status(generated: tuple[Path, list[Expected]]) -> StatusReport:
    root, _ = generated
    options = Options(as_of=date.fromisoformat(AS_OF))
    return collect_status([root / "filings"], options)


@pytest.fixture(scope="module")
def redacted(status: StatusReport) -> Dashboard:
    return build_dashboard(status)


@pytest.fixture(scope="module")
def with_contacts(status: StatusReport) -> Dashboard:
    return build_dashboard(status, include_contacts=True)


@pytest.fixture(scope="module")
def outputs(redacted: Dashboard) -> dict[str, str]:
    return {fmt: render_report(redacted, fmt) for fmt in ("html", "md", "json")}


@pytest.fixture(scope="module")
def contact_outputs(with_contacts: Dashboard) -> dict[str, str]:
    return {fmt: render_report(with_contacts, fmt) for fmt in ("html", "md", "json")}


class Elements(HTMLParser):
    """Every start tag with its attributes (SVG inside HTML included)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def find(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]


@pytest.fixture(scope="module")
def html(outputs: dict[str, str]) -> Elements:
    return Elements(outputs["html"])


# -- the pictures match the data ----------------------------------------------------


def test_the_repo_is_what_the_test_wrote(
    generated: tuple[Path, list[Expected]], redacted: Dashboard
) -> None:
    _, expected = generated
    assert len(redacted.filings) == N
    assert len({e.district for e in expected if e.readable}) >= 8  # spread across districts
    assert sum(not f.readable for f in redacted.filings) == 1


def test_key_work_chart_counts_match_the_data(
    generated: tuple[Path, list[Expected]], html: Elements, catalog: Catalog
) -> None:
    _, expected = generated
    want = Counter(code for e in expected for code in e.key_work)
    bars = html.find("g", "bar")
    got = {bar["data-code"]: int(bar["data-count"]) for bar in bars}
    # K1-K10 in order, zeros included, then the units' own works as a group of their own
    assert list(got) == [*catalog.key_codes(), "own"]
    own = sum(len(e.own) for e in expected)
    assert got == {**{code: want.get(code, 0) for code in catalog.key_codes()}, "own": own}
    assert own >= 20
    assert sum(got.values()) == sum(len(e.key_work) + len(e.own) for e in expected)


def test_key_work_titles_come_from_the_catalog(outputs: dict[str, str], catalog: Catalog) -> None:
    for work in catalog.key_work:
        assert f"{work.code} {work.title}" in outputs["html"]  # in each bar's <title>
        assert f"{work.code} {work.title}" in outputs["md"]


def test_heatmap_has_a_cell_per_filing_and_basic_work_item(
    generated: tuple[Path, list[Expected]], html: Elements, catalog: Catalog
) -> None:
    _, expected = generated
    cells = html.find("td", "hm")
    assert len(cells) == N * len(catalog.basic_codes()) == N * 14
    by_file = {str(e.file): e for e in expected}
    rows: dict[str, dict[str, str]] = {}
    current = None
    for tag, attrs in html.tags:
        if tag == "tr" and "data-file" in attrs:
            current = attrs["data-file"]
        if tag == "td" and "hm" in attrs.get("class", "").split():
            assert current is not None
            status = attrs["data-status"]
            assert f"s-{status}" in attrs["class"].split()
            assert attrs["title"]  # hover text
            rows.setdefault(current, {})[attrs["data-code"]] = status
    assert len(rows) == N
    for file, statuses in rows.items():
        assert statuses == by_file[file].basic, file
    counts = Counter(s for e in expected for s in e.basic.values())
    assert counts["done"] and counts["in_progress"] and counts["planned"] and counts["missing"]


def test_heatmap_has_a_legend(outputs: dict[str, str]) -> None:
    legend = outputs["html"].split('class="legend"', 1)[1].split("</p>", 1)[0]
    for cls, word in (
        ("s-done", "已完成"),
        ("s-in_progress", "实施中"),
        ("s-planned", "计划中"),
        ("s-missing", "未填写"),
    ):
        assert cls in legend and word in legend


def test_heatmap_words_are_the_catalogs(redacted: Dashboard, catalog: Catalog) -> None:
    assert redacted.basic_statuses == ["done", "in_progress", "planned", "missing"]
    for status, text in catalog.enums.status.items():
        assert redacted.basic_label(status) == text.zh
    english = build_dashboard(StatusReport(redacted.as_of, Options(lang="en")), catalog=catalog)
    assert [english.basic_label(s) for s in english.basic_statuses] == [
        "done", "in progress", "planned", "missing"
    ]  # fmt: skip


def test_problems_are_the_diagnostics_with_messages_redacted(
    redacted: Dashboard, status: StatusReport
) -> None:
    by_file = {s.result.file.replace(os.sep, "/"): s.result for s in status.filings}
    changed = 0
    for entry in redacted.filings:
        diagnostics = by_file[entry.file].diagnostics
        assert len(entry.problems) == len(diagnostics)
        for problem, diagnostic in zip(entry.problems, diagnostics, strict=True):
            assert {**problem.as_json(), "message": ""} == {**diagnostic.as_json(), "message": ""}
            changed += problem.message != diagnostic.message
    assert changed  # some messages quoted a contact value


def test_contact_fields_and_sensitive_paths_agree(with_contacts: Dashboard) -> None:
    shown = {".".join(path) for path in CONTACT_PATHS}
    assert {".".join(path) for path in SENSITIVE_PATHS} == shown - {"leader.title", "contact.title"}
    first = next(f for f in with_contacts.filings if f.readable)
    assert first.contacts is not None and list(first.contacts) == [
        ".".join(path) for path in CONTACT_PATHS
    ]


def test_stage_chart_counts_per_district(
    generated: tuple[Path, list[Expected]], status: StatusReport, html: Elements
) -> None:
    _, expected = generated
    want: Counter[tuple[str, str]] = Counter()
    for filing in status.filings:
        timeline = filing.timeline
        stage = (
            "unknown"
            if timeline is None
            else "done"
            if timeline.current is None
            else timeline.current.stage.code
        )
        want[(filing.district, stage)] += 1
    got = {
        (seg["data-district"], seg["data-stage"]): int(seg["data-count"])
        for seg in html.find("rect", "segment")
    }
    assert got == dict(want)
    assert len({stage for _, stage in got}) >= 3  # the filings really are in different stages
    per_district = Counter(e.district for e in expected)
    groups = {g["data-district"]: int(g["data-count"]) for g in html.find("g", "district")}
    assert groups == dict(per_district)


# -- redaction ----------------------------------------------------------------------


def test_contacts_are_redacted_everywhere(
    generated: tuple[Path, list[Expected]], outputs: dict[str, str]
) -> None:
    _, expected = generated
    secrets = [s for e in expected for s in e.secrets]
    assert len(secrets) == 9 * (N - 1)
    for fmt, text in outputs.items():
        leaked = [s for s in secrets if s in text]
        assert leaked == [], (fmt, leaked[:5])


def test_redacted_messages_still_say_what_is_wrong(redacted: Dashboard) -> None:
    mobiles = [p for f in redacted.filings for p in f.problems if p.path == "contact.mobile"]
    assert mobiles and all(p.code == "V001" for p in mobiles)
    assert all("手机号码" in p.message for p in mobiles)
    # a plan text that names the leader (领导小组 head) is scrubbed, not dropped
    assert all(f.contacts is None for f in redacted.filings)
    postcodes = [p for f in redacted.filings for p in f.problems if p.path == "contact.postcode"]
    assert postcodes and all(p.code == "V006" for p in postcodes)
    assert all("邮政编码" in p.message and "内容已隐去" in p.message for p in postcodes)


def test_the_postcode_warning_would_leak_without_redaction(
    generated: tuple[Path, list[Expected]], contact_outputs: dict[str, str]
) -> None:
    """The V006 message quotes the postcode: redaction is what keeps it out."""
    _, expected = generated
    outside = [e.secrets[7] for e in expected if e.readable and e.secrets[7].startswith("1")]
    assert outside
    problems = json.loads(contact_outputs["json"])["filings"]
    quoted = [p["message"] for f in problems for p in f["problems"] if p["code"] == "V006"]
    assert len(quoted) == len(outside)
    assert all(any(code in message for message in quoted) for code in outside)


def test_include_contacts_shows_them(
    generated: tuple[Path, list[Expected]], contact_outputs: dict[str, str]
) -> None:
    _, expected = generated
    secrets = [s for e in expected for s in e.secrets]
    for fmt in ("html", "json"):
        missing = [s for s in secrets if s not in contact_outputs[fmt]]
        assert missing == [], (fmt, missing[:5])
    md = contact_outputs["md"].replace("\\", "")  # Markdown escapes `-` `_` `.` at times
    assert [s for s in secrets if s not in md] == []
    data = json.loads(contact_outputs["json"])
    assert data["contacts_included"] is True
    # the invalid mobiles are quoted by the V001 messages: what redaction has to remove
    invalid = [e.secrets[5] for e in expected if e.readable and len(e.secrets[5]) == 10]
    assert invalid and all(m in contact_outputs["json"] for m in invalid)
    first = next(f for f in data["filings"] if f["readable"])
    assert first["contacts"]["contact.mobile"]
    assert REDACTED not in contact_outputs["json"]


def test_scrubbing_a_value_outside_the_contact_fields(tmp_path: Path) -> None:
    """A message quoting a contact's name from another field (the plan) is scrubbed too."""
    # the leader's name where a month belongs: the F007 message quotes the value
    text = EARLY.read_text(encoding="utf-8").replace("start: 2013-03", "start: 施建国", 1)
    filing = tmp_path / "竖新镇.yaml"
    filing.write_text(text, encoding="utf-8")
    options = Options(as_of=date.fromisoformat(AS_OF))
    shown = collect_dashboard([filing], options, include_contacts=True)
    assert any("施建国" in p.message for p in shown.filings[0].problems)  # the test can fail
    dashboard = collect_dashboard([filing], options)
    out = "".join(render_report(dashboard, fmt) for fmt in ("html", "md", "json"))
    assert [p.code for p in dashboard.filings[0].problems] == ["F007"]
    assert f"“{REDACTED}”" in dashboard.filings[0].problems[0].message
    assert "施建国" not in out
    assert "龚秀英" not in out


# -- escaping, self-containment, shape -----------------------------------------------


def test_user_text_is_escaped(outputs: dict[str, str]) -> None:
    html, md = outputs["html"], outputs["md"]
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(" in html
    assert "<script" not in md.lower()
    assert "&lt;script&gt;" in md
    assert json.loads(outputs["json"])["filings"]  # JSON keeps the text as data
    assert SCRIPT_UNIT in [f["unit"] for f in json.loads(outputs["json"])["filings"]]


def test_html_is_self_contained(outputs: dict[str, str]) -> None:
    html = outputs["html"]
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(", html, re.I)
    assert "<svg" in html and "<style>" in html
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "@media print" in html


def test_json_shape(outputs: dict[str, str], generated: tuple[Path, list[Expected]]) -> None:
    _, expected = generated
    data = json.loads(outputs["json"])
    assert data["version"] == 1
    assert data["as_of"] == AS_OF
    assert data["round"] == ROUND
    assert data["files"] == N == len(data["filings"])
    assert data["contacts_included"] is False
    assert [k["code"] for k in data["key_work"]] == [f"K{i}" for i in range(1, 11)] + ["own"]
    assert sum(d["files"] for d in data["districts"]) == N
    assert data["errors"] == sum(f["errors"] for f in data["filings"]) > 0
    keys = {
        "file", "unit", "district", "round", "readable", "current_stage", "errors",
        "warnings", "overdue", "open_requirements", "next_deadline", "key_work",
        "key_works", "basic_work", "form", "contacts", "problems",
        "workflow", "workflow_name", "changed_since_review",
    }  # fmt: skip
    by_file = {str(e.file): e for e in expected}
    for filing in data["filings"]:
        assert set(filing) == keys
        assert filing["contacts"] is None
        assert filing["basic_work"] == by_file[filing["file"]].basic
        assert filing["key_work"] == by_file[filing["file"]].key_work
        works = filing["key_works"]
        assert [w["code"] for w in works if not w["own"]] == by_file[filing["file"]].key_work
        assert [w["title"] for w in works if w["own"]] == by_file[filing["file"]].own
        for work in works:
            assert set(work) == {"code", "title", "own", "expected_outcomes", "achieved_outcomes"}
        for problem in filing["problems"]:
            assert set(problem) == {"file", "line", "column", "path", "code", "severity", "message"}
        for requirement in filing["open_requirements"]:
            assert requirement["status"] in ("missing", "due_soon", "overdue")
        if filing["next_deadline"] is not None:
            assert set(filing["next_deadline"]) == {"stage", "date", "days_left"}
    assert any(f["next_deadline"] is not None for f in data["filings"])  # the shape was seen
    broken = next(f for f in data["filings"] if not f["readable"])
    assert broken["current_stage"] == "unknown" and broken["errors"] >= 1


def test_per_filing_stage_errors_deadline(redacted: Dashboard, status: StatusReport) -> None:
    by_file = {s.result.file: s for s in status.filings}
    assert any(s.timeline is not None and s.timeline.next_deadline for s in status.filings)
    for entry in redacted.filings:
        source = by_file[entry.file]
        assert entry.errors == source.errors and entry.warnings == source.warnings
        if source.timeline is not None and source.timeline.next_deadline is not None:
            assert entry.next_deadline is not None
            assert entry.next_deadline.date == source.timeline.next_deadline.stage.end
            assert len(entry.open_requirements) == source.timeline.open_count


# -- the command ---------------------------------------------------------------------


def test_cli_on_the_generated_repo(generated: tuple[Path, list[Expected]], tmp_path: Path) -> None:
    root, _ = generated
    out = tmp_path / "out" / "report.json"
    result = runner.invoke(app, ["report", str(root / "filings"), "--as-of", AS_OF, "-o", str(out)])
    assert result.exit_code == 1, result.output  # some filings have errors
    data = json.loads(out.read_text(encoding="utf-8"))  # format from the suffix
    assert data["files"] == N


def _clean_repo(tmp_path: Path) -> Path:
    folder = tmp_path / "filings" / "徐汇区"
    folder.mkdir(parents=True)
    shutil.copy(COMPLETE, folder / COMPLETE.name)
    shutil.copytree(COMPLETE.parent / "archive", folder / "archive")
    return tmp_path / "filings"


def test_cli_exit_0_without_errors(tmp_path: Path) -> None:
    filings = _clean_repo(tmp_path)
    result = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "-f", "md"])
    assert result.exit_code == 0, result.output
    first, second = result.output.splitlines()[:2]
    assert first.startswith(f"<!-- {MARKER}") and second.startswith("# 2013-2014 年度")
    en = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "--lang", "en"])
    assert en.exit_code == 0 and "Community-education filings dashboard" in en.output


@pytest.mark.parametrize(
    "args",
    [
        ["report", "no/such/dir"],
        ["report", "{filings}", "--format", "pdf"],
        ["report", "{filings}", "--as-of", "15.04.2013"],
        ["report", "{filings}", "--forms", "no/such/forms"],
        ["report"],
    ],
)
def test_cli_usage_errors(tmp_path: Path, args: list[str]) -> None:
    filings = _clean_repo(tmp_path)
    result = runner.invoke(app, [a.replace("{filings}", str(filings)) for a in args])
    assert result.exit_code == 2, result.output


def test_empty_folder_is_an_empty_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path), "--as-of", AS_OF, "--allow-empty"])
    assert result.exit_code == 0, result.output
    assert "没有找到备案文件" in result.output
    mistyped = runner.invoke(app, ["report", str(tmp_path), "--as-of", AS_OF])
    assert mistyped.exit_code == 2
    assert f"{tmp_path.as_posix()}：没有找到备案文件" in mistyped.output


def test_links_to_rendered_forms(tmp_path: Path) -> None:
    filings = _clean_repo(tmp_path)
    forms = tmp_path / "build" / "forms"
    rendered = runner.invoke(app, ["render", str(filings), "-o", str(forms), "--as-of", AS_OF])
    assert rendered.exit_code == 0, rendered.output
    out = tmp_path / "build" / "report.html"
    args = ["report", str(filings), "--as-of", AS_OF, "--forms", str(forms), "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    links = Elements(out.read_text(encoding="utf-8")).find("a", "form-link")
    assert [link["href"] for link in links] == [
        "forms/%E5%BE%90%E6%B1%87%E5%8C%BA/%E5%A4%A9%E5%B9%B3%E8%B7%AF%E8%A1%97%E9%81%93.html"
    ]
    # a form beside the filing is found without --forms; no form, no link
    beside = filings / "徐汇区" / "天平路街道.html"
    beside.write_text("<p>form</p>", encoding="utf-8")
    dashboard = collect_dashboard(
        [filings], Options(as_of=date.fromisoformat(AS_OF)), out_dir=filings
    )
    assert (
        dashboard.filings[0].form
        == "%E5%BE%90%E6%B1%87%E5%8C%BA/%E5%A4%A9%E5%B9%B3%E8%B7%AF%E8%A1%97%E9%81%93.html"
    )
    beside.unlink()
    dashboard = collect_dashboard([filings], Options(as_of=date.fromisoformat(AS_OF)))
    assert dashboard.filings[0].form is None
    assert "form-link" not in render_report(dashboard, "html")


def test_dashboard_json_matches_the_rendered_json(
    redacted: Dashboard, outputs: dict[str, str]
) -> None:
    assert json.loads(outputs["json"]) == json.loads(json.dumps(dashboard_json(redacted)))


# -- -o FILE: only cjzn's own earlier report is replaced -------------------------------


@pytest.mark.parametrize("suffix", [".html", ".md", ".json"])
def test_cli_keeps_a_file_it_did_not_write_unless_forced(tmp_path: Path, suffix: str) -> None:
    filings = _clean_repo(tmp_path)
    out = tmp_path / f"report{suffix}"
    out.write_text("my own notes\n", encoding="utf-8")
    args = ["report", str(filings), "--as-of", AS_OF, "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "--force" in result.output and "cjzn report" in result.output
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 1 and "was not made by cjzn report" in en.output
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    written = out.read_text(encoding="utf-8")
    assert MARKER in written and "天平路街道" in written
    # the previous report carries the marker: replaced without --force
    out.write_text(written.replace("天平路街道", "旧的街道"), encoding="utf-8")
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "旧的街道" not in out.read_text(encoding="utf-8")


def test_every_format_carries_the_marker(outputs: dict[str, str]) -> None:
    assert f'<meta name="generator" content="cjzn 0.1.0 {MARKER}">' in outputs["html"]
    assert outputs["md"].startswith(f"<!-- {MARKER}: ")
    assert json.loads(outputs["json"])["generator"].endswith(MARKER)


def test_a_render_is_not_a_report(tmp_path: Path) -> None:
    """A form cjzn render wrote is not the report's to replace."""
    filings = _clean_repo(tmp_path)
    out = tmp_path / "form.html"
    assert runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    result = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_bytes() == before


def test_a_folder_named_like_the_output_is_kept(tmp_path: Path) -> None:
    filings = _clean_repo(tmp_path)
    out = tmp_path / "report.html"
    out.mkdir()
    result = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "-o", str(out)])
    assert result.exit_code == 2  # a usage error: -o names a folder
    assert out.is_dir()


@pytest.mark.parametrize(
    ("name", "fmt"), [("report.md", "html"), ("report.json", "md"), ("report.html", "json")]
)
def test_cli_format_contradicting_the_suffix_is_a_usage_error(
    tmp_path: Path, name: str, fmt: str
) -> None:
    filings = _clean_repo(tmp_path)
    out = tmp_path / name
    result = runner.invoke(
        app, ["report", str(filings), "--as-of", AS_OF, "-o", str(out), "-f", fmt]
    )
    assert result.exit_code == 2, result.output
    assert Path(name).suffix in result.output and fmt in result.output
    assert not out.exists()
    # agreeing or unknown suffixes are fine
    same = tmp_path / f"ok{Path(name).suffix}"
    ok = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "-o", str(same)])
    assert ok.exit_code == 0, ok.output
    other = tmp_path / "report.txt"
    ok = runner.invoke(app, ["report", str(filings), "--as-of", AS_OF, "-o", str(other), "-f", fmt])
    assert ok.exit_code == 0, ok.output


def test_render_and_report_share_one_format_rule() -> None:
    """One helper picks the format for both commands (no second copy to drift)."""
    import cjzn.render
    import cjzn.report
    from cjzn import fileio

    for module in (cjzn.render, cjzn.report):
        assert "format_for" in module.infer_format.__code__.co_names
    assert cjzn.report.infer_format(None, Path("x.json")) == "json"
    assert cjzn.render.infer_format(None, Path("x.docx")) == "docx"
    assert fileio.format_for(None, Path("x.HTM"), ("html",), {".htm": "html"}) == "html"
    assert fileio.format_for(None, None, ("html", "md"), {}, default="md") == "md"


def test_own_works_by_title_and_outcomes_side_by_side(
    generated: tuple[Path, list[Expected]], outputs: dict[str, str], html: Elements
) -> None:
    """A unit's own work is shown by its title; its expected and achieved outcomes share a row."""
    _, expected = generated
    chosen = next(e for e in expected if e.own)
    title = chosen.own[0]
    for fmt in ("html", "md"):
        assert title in outputs[fmt]
        assert "重点创建工作：预计成效与实际成效" in outputs[fmt]
    number = int(title.removeprefix("自选项目"))
    row = next(
        line for line in outputs["md"].splitlines() if line.startswith(f"| {title}（自选） |")
    )
    assert row == (
        f"| {title}（自选） | 形成居民议事规则<br>骨干学员30人 | 议事规则{number}条（存档材料：a.pdf） |"
    )
    assert "| 自选 本街镇自选的重点创建工作 |" in outputs["md"]
    tables = [
        t for t in html.find("table", "outcomes") if t["data-file"].endswith(f"f{number:03d}.yaml")
    ]
    assert len(tables) == 1


def test_markdown_problem_list_words_severity_in_the_language(redacted: Dashboard) -> None:
    md = render_report(redacted, "md")
    problems = md.split("\n## ")[-1]  # the last section: the problem list
    items = [line for line in problems.splitlines() if line.startswith("- ")]
    assert items and all(line.startswith(("- 错误 ", "- 警告 ")) for line in items)
    english = render_report(replace(redacted, lang="en"), "md").split("\n## ")[-1]
    assert any(line.startswith("- error ") for line in english.splitlines())
