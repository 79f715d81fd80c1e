"""`cjzn render`: the 备案登记表 and its 附页 in HTML, Markdown, DOCX and PDF.

Golden files: tests/golden/render/. A difference fails with its diff; after reading it, accept an
intended change with `python -m pytest tests/render/test_render.py --accept-golden`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, DRAFT, EARLY, ROOT, Golden, bundled_catalog
from typer.testing import CliRunner

from cjzn import gitutil
from cjzn.check import FileResult, validate_file
from cjzn.cli import app
from cjzn.fileio import has_marker
from cjzn.options import Options
from cjzn.render import (
    MARKER,
    RenderError,
    View,
    build_view,
    check_pdf_support,
    render_bytes,
    render_text,
)
from cjzn.templating import md_escape

GOLDEN = ROOT / "tests" / "golden" / "render"
EPOCH = "1416470400"  # 2014-11-20 16:00 +08:00
AS_OF = date(2015, 1, 10)  # the round is over: every stage is due
CATALOG = bundled_catalog()


def label(path: str) -> str:
    text = CATALOG.label(path)
    assert text is not None, path
    return text


XSS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")

runner = CliRunner()


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture
def complete_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The complete example (with its archive) in tmp_path, outside any git repo; cwd there."""
    shutil.copytree(COMPLETE.parent, tmp_path / "徐汇区")
    monkeypatch.chdir(tmp_path)
    return Path("徐汇区") / COMPLETE.name


def result_of(path: Path, as_of: date = AS_OF) -> FileResult:
    return validate_file(path, Options(as_of=as_of))


def view_of(path: Path, as_of: date = AS_OF) -> View:
    return build_view(result_of(path, as_of), commit=None)


# ---------------------------------------------------------------------------
# HTML structure
# ---------------------------------------------------------------------------


class Cells(HTMLParser):
    """The cells of the form table (class="form"), every tag seen, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.cells: list[dict[str, Any]] = []
        self.rows = 0
        self._in_form = False
        self._cell: dict[str, Any] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "table" and attributes.get("class") == "form":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "tr":
            self.rows += 1
        if tag == "td":
            self._cell = {
                "row": self.rows,
                "rowspan": int(attributes.get("rowspan") or 1),
                "colspan": int(attributes.get("colspan") or 1),
                "text": "",
            }

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self.cells.append(self._cell)
            self._cell = None
        if tag == "table":
            self._in_form = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data


def parse(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def cell(cells: Cells, text: str) -> dict[str, Any]:
    found = [c for c in cells.cells if "".join(c["text"].split()) == "".join(text.split())]
    assert found, f"no form cell reads {text!r}"
    return found[0]


def test_html_has_every_label_of_the_attachment() -> None:
    html = "".join(parse_text(render_text(view_of(COMPLETE), "html")).split())
    form = CATALOG.form
    for key, row in form.rows.items():
        if key == "date":
            assert html.count("年") >= 3 and html.count("月") >= 3
        else:
            assert "".join(row.split()) in html, key
    for path in ("leader.name", "leader.title", "leader.phone", "contact.office_phone"):
        assert label(path) in html
    for path in ("contact.mobile", "contact.email", "contact.postcode", "contact.address"):
        assert label(path) in html
    for option in form.prior_round_options.values():
        assert option in html
    assert "".join(form.title.split()) in html
    assert form.plan_note in html
    assert form.municipal_signer in html


def test_html_merged_cells_follow_the_attachment() -> None:
    cells = parse(render_text(view_of(COMPLETE), "html"))
    rows = CATALOG.form.rows
    assert cells.rows == 12
    assert cell(cells, rows["leader"])["rowspan"] == 2
    assert cell(cells, rows["contact"])["rowspan"] == 4
    assert cell(cells, "天平路街道（徐汇区）")["colspan"] == 4
    assert cell(cells, "021-64311234")["colspan"] in (1, 3)
    phone_row = cell(cells, label("leader.phone"))["row"]
    assert [c["colspan"] for c in cells.cells if c["row"] == phone_row] == [1, 3]
    address_row = cell(cells, label("contact.address"))["row"]
    assert [c["colspan"] for c in cells.cells if c["row"] == address_row] == [1, 3]
    # the five wide rows: name, prior rounds, plan, key work, two opinions
    assert sum(1 for c in cells.cells if c["colspan"] == 4) == 6
    # every row spans five columns once the row-spans above it are counted
    covered: dict[int, int] = {}
    for c in cells.cells:
        for r in range(c["row"], c["row"] + c["rowspan"]):
            covered[r] = covered.get(r, 0) + c["colspan"]
    assert set(covered.values()) == {5}


def test_html_values_sit_in_their_cells() -> None:
    cells = parse(render_text(view_of(COMPLETE), "html"))
    texts = [c["text"] for c in cells.cells]
    for value in ("王建华", "街道办事处主任", "沈丽萍", "13816612345", "200030"):
        assert value in texts
    key_cell = cell(cells, CATALOG.form.rows["key_work"])
    key_text = next(
        c["text"] for c in cells.cells if c["row"] == key_cell["row"] and c is not key_cell
    )
    assert (
        "K3" in key_text
        and "深化老年教育" in key_text
        and "送教上门服务高龄老人200人以上" in key_text
    )
    assert "2013年3月15日" in key_text.replace(" ", "")


def boxes(html: str) -> dict[str, str]:
    """data-key -> data-checked of the prior-round boxes."""
    found: dict[str, str] = {}

    class Boxes(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if a.get("data-key"):
                found[str(a["data-key"])] = str(a.get("data-checked"))

    Boxes().feed(html)
    return found


def test_prior_rounds_boxes(write_filing: Callable[..., Path]) -> None:
    assert boxes(render_text(view_of(COMPLETE), "html")) == {
        "1": "yes",
        "2": "no",
        "3": "yes",
        "none": "no",
    }
    # prior_rounds: [] -> 从未参与
    assert boxes(render_text(view_of(EARLY), "html")) == {
        "1": "no",
        "2": "no",
        "3": "no",
        "none": "yes",
    }
    # not filled in: nothing ticked, not even 从未参与
    minimal = write_filing('cjzn: 1\nround: "2013-2014"\nunit: {name: 某街道}\n')
    assert set(boxes(render_text(view_of(minimal), "html")).values()) == {"no"}
    view = view_of(EARLY)
    assert [b.mark for b in view.prior_boxes] == ["☐", "☐", "☐", "☑"]
    markdown = render_text(view, "md")
    assert "☐ 参加第一轮" in markdown and "☑ 从未参与" in markdown


def test_signature_blocks_blank_unless_asked_to_fill_them() -> None:
    early = view_of(EARLY)  # no municipal opinion yet
    assert not early.municipal_review.opinion
    assert not early.municipal_review.sign.date.filled
    html = render_text(early, "html")
    assert 'class="slot blank"' in html
    # the official form: blank lines for ink and an empty seal slot, dates as recorded
    complete = view_of(COMPLETE)
    assert complete.unit_sign.signer == "" and not complete.unit_sign.sealed
    assert complete.district_review.sign.signer == ""
    assert complete.district_review.sign.date.iso == "2013-03-28"
    assert complete.municipal_review.sign.date.iso == "2013-04-10"
    for fmt in ("html", "md"):
        text = render_text(complete, fmt)
        assert "（已盖章）" not in text and "张志红" not in text
        blank = "＿＿＿＿" if fmt == "md" else ""
        assert signature_line(text, fmt).strip() == blank
    complete_html = render_text(complete, "html")
    assert 'class="slot blank"' not in complete_html
    # --fill-signatures: a preview with the typed signers and the seal marked
    filled = build_view(result_of(COMPLETE), commit=None, fill_signatures=True)
    assert filled.unit_sign.signer == "王建华" and filled.unit_sign.sealed
    assert filled.district_review.sign.signer == "张志红"
    for fmt in ("html", "md"):
        text = render_text(filled, fmt)
        form = text.split("附页：")[0]
        assert "（已盖章）" in form and "张志红" in form
        assert "王建华" in signature_line(text, fmt)


def signature_line(text: str, fmt: str) -> str:
    """What the form shows on the unit head's 签字 line."""
    if fmt == "html":
        start = text.index('class="who">') + len('class="who">')
        return text[start : text.index("</span>", start)].replace("&nbsp;", " ")
    start = text.index(f"{CATALOG.form.rows['unit_signature']}：") + 8
    return text[start : text.index("　", start)]


def test_appendix_has_plan_parts_tables_and_works() -> None:
    view = view_of(COMPLETE)
    html = render_text(view, "html")
    appendix = html[html.index('class="sheet appendix"') :]
    for part in CATALOG.plan_parts:
        assert part.title in appendix, part.code
    for stage in CATALOG.stages:
        assert stage.title in appendix
    for item in CATALOG.basic_work:
        assert item.code in appendix and item.title in appendix
    assert "archive/B5.2/2013-场地设施开放清单.pdf" in appendix
    assert CATALOG.enums.status["done"].zh in appendix
    for table in ("work-plan", "members", "responsibilities", "basic-work"):
        assert f'class="grid {table}"' in appendix
    assert "周立新" in appendix  # a responsibility owner
    assert "B2.5 B3.1 B4.1 K3 K8" in " ".join(
        parse_text(appendix).split()
    )  # the codes a department covers
    assert "break-before: page" in html
    assert "@page { size: A4" in html


def parse_text(html: str) -> str:
    chunks: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            chunks.append(data)

    Text().feed(html)
    return "".join(chunks)


def test_html_is_self_contained() -> None:
    html = render_text(view_of(COMPLETE), "html")
    tags = set(parse(html).tags)
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "http://" not in html and "https://" not in html and "url(" not in html
    assert '<meta name="generator" content="cjzn' in html and MARKER in html


# ---------------------------------------------------------------------------
# Escaping: every text field, both payloads, HTML and Markdown
# ---------------------------------------------------------------------------


def hostile_filing(payload: str) -> str:
    p = payload.replace("'", "''")
    q = f"'{p}'"
    return textwrap.dedent(
        f"""\
        cjzn: 1
        round: "2013-2014"
        unit: {{name: {q}, district: {q}}}
        leader: {{name: {q}, title: {q}, phone: {q}}}
        contact: {{name: {q}, title: {q}, office_phone: {q}, mobile: {q}, email: {q}, postcode: {q}, address: {q}}}
        plan:
          overall_goal: {q}
          stage_goals: {{S1: {q}, S2: {q}, S3: {q}, S4: {q}}}
          work_plan:
            - {{task: {q}, start: {q}, end: {q}, covers: [{q}]}}
          leading_body: {{kind: {q}, head: {q}, members: [{{name: {q}, title: {q}}}]}}
          network: {q}
          responsibilities:
            - {{department: {q}, owner: {q}, duties: {q}, covers: [{q}]}}
          mechanisms: [{q}]
        basic_work:
          B1.1: {{status: {q}, measures: {q}, evidence: [{q}]}}
        key_work:
          - {{code: {q}, measures: {q}, expected_outcomes: [{q}]}}
        submission: {{filed_on: {q}, signed_by: {q}}}
        reviews:
          district: {{opinion: {q}, signed_by: {q}, date: {q}}}
          municipal: {{opinion: {q}, date: {q}}}
        summary: {{written_on: {q}, text: {q}}}
        """
    )


@pytest.mark.parametrize("payload", XSS)
def test_user_text_is_escaped_in_html(write_filing: Callable[..., Path], payload: str) -> None:
    path = write_filing(hostile_filing(payload))
    view = view_of(path)
    # the payload really reaches the page: shown as text, in every field
    assert view.unit_name == payload and view.contact["mobile"] == payload
    assert view.plan.members[0].name == payload and view.key_works[0].code == payload
    html = render_text(view, "html")
    assert "<script" not in html and "<img" not in html
    tags = set(parse(html).tags)
    assert "script" not in tags and "img" not in tags
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # 33 text fields, minus the dates shown once each; far more than one occurrence
    assert html.count(escaped) >= 30
    # DOCX holds it as plain text (python-docx escapes XML)
    import io

    import docx

    document = docx.Document(io.BytesIO(render_bytes(view, "docx")))
    assert document.tables[0].cell(0, 1).text.startswith(payload)


@pytest.mark.parametrize("payload", XSS)
def test_user_text_is_escaped_in_markdown(write_filing: Callable[..., Path], payload: str) -> None:
    path = write_filing(hostile_filing(payload))
    markdown = render_text(view_of(path), "md")
    assert "<script" not in markdown and "<img" not in markdown
    assert markdown.count("&lt;") >= 30
    # no table row gained cells from a stray pipe
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and " | " in line]
    assert len(rows) >= 10
    for line in rows:
        assert "||" not in line.replace("\\|", "")


def test_markdown_escape_keeps_tables_and_lines_intact() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("第一行\n第二行") == "第一行<br>第二行"
    assert md_escape("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert md_escape("1. 不是列表") == "1\\. 不是列表"
    assert md_escape("- 不是列表") == "\\- 不是列表"
    assert md_escape("[链接](javascript:alert(1))") == "\\[链接\\](javascript:alert(1))"
    assert md_escape("**粗体**") == "\\*\\*粗体\\*\\*"


# ---------------------------------------------------------------------------
# Drafts and provenance
# ---------------------------------------------------------------------------


def test_invalid_filing_renders_as_marked_draft() -> None:
    result = result_of(DRAFT, as_of=date(2013, 3, 1))
    assert result.errors > 0
    view = build_view(result, commit=None)
    assert view.is_draft and view.errors == result.errors
    html = render_text(view, "html")
    assert "草稿" in html and "未通过校验" in html
    assert f"共 {result.errors} 个错误" in html
    assert 'class="watermark"' in html
    markdown = render_text(view, "md")
    assert "草稿" in markdown and f"共 {result.errors} 个错误" in markdown
    # the form is a Chinese document: no English mark on it
    assert "DRAFT" not in html and "DRAFT" not in markdown
    # invalid values are shown as written, so the draft can be discussed
    assert view.district == "闵行县"
    clean = render_text(view_of(COMPLETE), "html")
    assert "未通过校验" not in clean and 'class="watermark"' not in clean


def test_footer_has_version_round_source_time(fixed_time: None, complete_copy: Path) -> None:
    view = build_view(result_of(complete_copy), commit=None)
    p = view.provenance
    assert p.round == "2013-2014" and p.source == "徐汇区/天平路街道.yaml"
    assert p.generated_at == "2014-11-20T16:00:00+08:00"
    assert not p.commit
    for fmt in ("html", "md"):
        text = render_text(view, fmt)
        assert "cjzn 0." in text and "2014-11-20T16:00:00+08:00" in text
        assert "徐汇区/天平路街道.yaml" in text and "git " not in text


def test_footer_has_the_git_commit(tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(COMPLETE.parent, repo / "filings")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "x"]):
        subprocess.run([git, *args], cwd=repo, check=True, env=env, capture_output=True)
    head = subprocess.run(
        [git, "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    view = build_view(result_of(repo / "filings" / COMPLETE.name))
    assert view.provenance.commit == head
    assert view.provenance.source == f"filings/{COMPLETE.name}"
    assert not view.provenance.dirty
    assert f"git {head[:12]}" in render_text(view, "html")


def test_footer_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No git installed: the form is still rendered, with no commit in its footer."""
    monkeypatch.setattr(gitutil, "git_executable", lambda: None)
    view = build_view(result_of(COMPLETE))
    assert view.provenance.commit == "" and not view.provenance.dirty
    assert "git " not in render_text(view, "html")


# ---------------------------------------------------------------------------
# Golden files
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(fmt: str, fixed_time: None, complete_copy: Path, golden: Golden) -> None:
    text = render_text(build_view(result_of(complete_copy), commit=None), fmt)
    golden.check(GOLDEN / f"天平路街道.{fmt}", text)


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------


def test_docx_form_table_holds_the_values_with_merged_cells() -> None:
    import io

    import docx

    data = render_bytes(view_of(COMPLETE), "docx")
    document = docx.Document(io.BytesIO(data))
    form = document.tables[0]
    # the attachment's 12 rows; each signature box is a row of its own under its text
    assert len(form.rows) == 15 and len(form.columns) == 5
    rows = CATALOG.form.rows

    def text(row: int, column: int) -> str:
        return form.cell(row, column).text.replace("\n", "").replace("\u200b", "")

    def label(key: str) -> str:  # a row label as the form breaks it into lines
        return "".join(rows[key].split())

    assert text(0, 0) == label("unit_name")
    assert text(0, 1) == "天平路街道（徐汇区）"
    assert text(1, 2) == "王建华" and text(1, 4) == "街道办事处主任"
    assert text(4, 3) == CATALOG.label("contact.mobile")
    assert text(4, 4) == "13816612345"
    assert text(5, 2) == "sqjy.tianping@example.com" and text(5, 4) == "200030"
    # the e-mail may break after its @, nowhere else
    assert form.cell(5, 2).text == "sqjy.tianping@\u200bexample.com"
    # merged cells: one underlying cell for the spans of the attachment
    assert form.cell(1, 0)._tc is form.cell(2, 0)._tc  # 负责人, two rows
    assert form.cell(3, 0)._tc is form.cell(6, 0)._tc  # 联系人, four rows
    assert form.cell(0, 1)._tc is form.cell(0, 4)._tc  # 名称 value, four columns
    assert form.cell(2, 2)._tc is form.cell(2, 4)._tc  # 联系电话, three columns
    assert form.cell(1, 2)._tc is not form.cell(1, 4)._tc
    assert "☑ 参加第一轮" in text(7, 1) and "☐ 从未参与" in text(7, 1)
    assert CATALOG.form.plan_note in text(8, 1)
    key = text(9, 1)
    assert "K3" in key and "③送教上门服务高龄老人200人以上。" in key
    assert label("key_work") == text(9, 0) and form.cell(9, 0)._tc is form.cell(10, 0)._tc
    unit_sign = text(10, 1)
    assert rows["unit_signature"] in unit_sign and "2013 年 3 月 15 日" in unit_sign
    assert "王建华" not in unit_sign and "（已盖章）" not in unit_sign  # blank for ink
    assert "方案目标明确" in text(11, 1) and "张志红" not in text(12, 1)
    assert rows["district_signature"] in text(12, 1)
    assert CATALOG.form.municipal_signer in text(14, 1)
    # the 附页: work plan, members, responsibilities, basic work
    assert len(document.tables) == 5
    basic = document.tables[4]
    assert basic.cell(1, 0).text == "B1.1" and basic.cell(1, 1).text == "确立发展规划"
    assert document.core_properties.keywords == MARKER
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert abs(section.page_width.mm - 210) < 1 and abs(section.page_height.mm - 297) < 1


def test_docx_draft_mark() -> None:
    import io

    import docx

    view = build_view(result_of(DRAFT, as_of=date(2013, 3, 1)), commit=None)
    document = docx.Document(io.BytesIO(render_bytes(view, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "草稿" in text and f"{view.errors} 个错误" in text and "DRAFT" not in text
    # the title Word shows, as the HTML's <title>
    assert document.core_properties.title == f"{view.title} · {view.unit_name}（草稿）"


# ---------------------------------------------------------------------------
# PDF (WeasyPrint, optional)
# ---------------------------------------------------------------------------


def test_pdf_without_weasyprint_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module

    def fake(name: str, *args: Any) -> Any:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real(name, *args)

    monkeypatch.setattr("cjzn.render.pdf.importlib.import_module", fake)
    with pytest.raises(RenderError, match=r"cjzn\[pdf\]"):
        check_pdf_support()
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", "x.pdf"])
    assert result.exit_code == 2
    assert "cjzn[pdf]" in result.output and "Traceback" not in result.output


def test_pdf_without_chinese_font_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    real = importlib.import_module
    monkeypatch.setattr(
        "cjzn.render.pdf.importlib.import_module",
        lambda name, *a: object() if name == "weasyprint" else real(name, *a),
    )
    monkeypatch.setattr("cjzn.render.pdf.shutil.which", lambda name: "/usr/bin/fc-list")

    def no_fonts(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 0, stdout="", stderr="")

    monkeypatch.setattr("cjzn.render.pdf.subprocess.run", no_fonts)
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        check_pdf_support()


@pytest.mark.slow
def test_pdf_with_weasyprint(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    try:
        check_pdf_support()
    except RenderError as exc:
        pytest.skip(str(exc))
    out = tmp_path / "form.pdf"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert has_marker(out, MARKER)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "2", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "天平路街道" in text and "13816612345" in text


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def test_cli_prints_html_and_markdown_to_stdout() -> None:
    result = runner.invoke(app, ["render", str(COMPLETE)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "天平路街道" in result.stdout
    result = runner.invoke(app, ["render", str(COMPLETE), "--format", "md"])
    assert result.exit_code == 0
    assert f"# {CATALOG.form.title}" in result.stdout


def test_cli_writes_one_file_and_infers_the_format(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "form.docx"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK") and has_marker(out, MARKER)
    md = tmp_path / "form.md"
    assert runner.invoke(app, ["render", str(COMPLETE), "-o", str(md)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith(f"<!-- {MARKER}")
    assert not list(tmp_path.rglob("*.tmp"))  # atomic writes leave no temporary files


def test_cli_renders_a_folder_keeping_its_layout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    examples = COMPLETE.parents[1]
    result = runner.invoke(
        app, ["render", str(examples), "-o", str(out), "-f", "html", "--as-of", "2013-04-15"]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["崇明县/竖新镇.html", "徐汇区/天平路街道.html"]
    assert "竖新镇" in (out / "崇明县" / "竖新镇.html").read_text(encoding="utf-8")


def test_cli_needs_o_for_docx_pdf_and_several_filings() -> None:
    for args in (
        [str(COMPLETE), "--format", "docx"],
        [str(COMPLETE), "--format", "pdf"],
        [str(COMPLETE), str(EARLY)],
        [str(COMPLETE.parents[1])],
    ):
        result = runner.invoke(app, ["render", *args])
        assert result.exit_code == 2, args
        assert "-o" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["render", "no/such/filing.yaml"])
    assert result.exit_code == 2


@pytest.mark.parametrize("sep", ["/", os.sep])
def test_cli_o_with_a_trailing_separator_is_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sep: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", f"newdir{sep}"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir").is_dir()
    assert (tmp_path / "newdir" / "天平路街道.html").is_file()
    # nested and absolute, with the format from -f
    deep = f"{tmp_path / 'a' / 'b'}{sep}"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", deep, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert (
        (tmp_path / "a" / "b" / "天平路街道.md")
        .read_text(encoding="utf-8")
        .startswith(f"<!-- {MARKER}")
    )


def test_cli_o_an_existing_folder_writes_into_it(tmp_path: Path) -> None:
    folder = tmp_path / "forms.html"  # a folder, whatever its name says
    folder.mkdir()
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(folder), "-f", "md"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == ["天平路街道.md"]
    several = runner.invoke(
        app, ["render", str(COMPLETE), str(EARLY), "-o", str(folder), "--as-of", "2013-04-15"]
    )
    assert several.exit_code == 0, several.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "天平路街道.html",
        "天平路街道.md",
        "竖新镇.html",
    ]


@pytest.mark.parametrize("name", ["one.html", "one.md", "one.DOCX"])
def test_cli_several_filings_into_a_file_name_is_a_usage_error(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    for inputs in ([str(COMPLETE), str(EARLY)], [str(COMPLETE.parents[1])]):
        result = runner.invoke(app, ["render", *inputs, "-o", str(out)])
        assert result.exit_code == 2, result.output
        assert name in result.output and "Traceback" not in result.output
        assert not out.exists()
    # an explicit folder of that name is fine
    result = runner.invoke(
        app, ["render", str(COMPLETE), str(EARLY), "-o", f"{out}/", "--as-of", "2013-04-15"]
    )
    assert result.exit_code == 0, result.output
    assert out.is_dir()


@pytest.mark.parametrize(
    ("name", "fmt"), [("out.md", "html"), ("out.html", "md"), ("out.docx", "pdf"), ("o.pdf", "md")]
)
def test_cli_format_contradicting_the_suffix_is_a_usage_error(
    tmp_path: Path, name: str, fmt: str
) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out), "-f", fmt])
    assert result.exit_code == 2, result.output
    assert Path(name).suffix in result.output and f"--format {fmt}" in result.output
    assert not out.exists()
    agree = runner.invoke(
        app, ["render", str(COMPLETE), "-o", str(tmp_path / "x.htm"), "-f", "html"]
    )
    assert agree.exit_code == 0, agree.output


def test_cli_keeps_files_it_did_not_write_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "form.html"
    out.write_text("<p>mine</p>", encoding="utf-8")
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "<p>mine</p>"
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert MARKER in out.read_text(encoding="utf-8")
    # a previous render is replaced without --force
    out.write_text(
        out.read_text(encoding="utf-8").replace("天平路街道", "旧街道"), encoding="utf-8"
    )
    result = runner.invoke(app, ["render", str(COMPLETE), "-o", str(out)])
    assert result.exit_code == 0
    assert "旧街道" not in out.read_text(encoding="utf-8")
    md_out = tmp_path / "form.md"
    assert runner.invoke(app, ["render", str(COMPLETE), "-o", str(md_out)]).exit_code == 0
    md_out.write_text(md_out.read_text(encoding="utf-8") + "旧的\n", encoding="utf-8")
    assert runner.invoke(app, ["render", str(COMPLETE), "-o", str(md_out)]).exit_code == 0
    assert md_out.read_text(encoding="utf-8").startswith(f"<!-- {MARKER}")
    assert "旧的" not in md_out.read_text(encoding="utf-8")
    docx_out = tmp_path / "form.docx"
    docx_out.write_bytes(b"PK\x03\x04 not ours")
    assert runner.invoke(app, ["render", str(COMPLETE), "-o", str(docx_out)]).exit_code == 1


def test_cli_draft_is_rendered_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "draft.html"
    result = runner.invoke(app, ["render", str(DRAFT), "-o", str(out), "--as-of", "2013-03-01"])
    assert result.exit_code == 1
    assert "草稿" in result.output
    assert "未通过校验" in out.read_text(encoding="utf-8")


def test_cli_unreadable_filing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjzn: 1\nunit: [\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad)])
    assert result.exit_code == 1
    assert "未生成" in result.output and "Traceback" not in result.output
    # located first, as every other message: file:line:column, then the code and why
    line = next(x for x in result.output.splitlines() if "未生成" in x)
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+：Y\d{{3}} .+；未生成$", line), line


def test_validate_does_not_import_render_libraries() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from typer.testing import CliRunner
        from cjzn.cli import app
        CliRunner().invoke(app, ["validate", {str(COMPLETE)!r}])
        heavy = [m for m in ("jinja2", "docx", "weasyprint", "cjzn.render") if m in sys.modules]
        print(",".join(heavy))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_form_is_judged_as_of_its_filing_date(tmp_path: Path) -> None:
    """竖新镇 filed on time in 2013: its form is no draft just because S3 is overdue today."""
    runner = CliRunner()
    on_time = runner.invoke(app, ["render", str(EARLY), "-f", "md"])
    assert on_time.exit_code == 0, on_time.output
    assert "草稿" not in on_time.stdout
    today = runner.invoke(app, ["render", str(EARLY), "-f", "md", "--as-of", "2015-01-01"])
    assert today.exit_code == 1
    assert "草稿" in today.stdout
    unfiled = tmp_path / "unfiled.yaml"
    unfiled.write_text(
        EARLY.read_text(encoding="utf-8").replace("filed_on: 2013-03-20", "filed_on:"),
        encoding="utf-8",
    )
    late = runner.invoke(app, ["render", str(unfiled), "-f", "md"])
    assert late.exit_code == 1 and "草稿" in late.stdout  # never filed: a draft once S1 closed
