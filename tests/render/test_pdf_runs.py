"""PDF layout cost (issue 17, class 10): one long cell costs linear time, and looks the same.

WeasyPrint lays out the rest of a text box again for every line it breaks, so a
10,000-character cell was quadratic (over 250 s). `render.pdf.short_runs` cuts
long texts into spans; no test here measures time (bench/hardening.py does): the
tests check that the text and its line breaks are unchanged, and that WeasyPrint
is never handed a long text to break into lines (the cause of the quadratic cost).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cjzn.check import validate_file
from cjzn.options import Options
from cjzn.render import build_view, render_text
from cjzn.render.pdf import RUN, short_runs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
CJK = "社区教育工作稳步推进，居民参与学习活动。"
LATIN = "The quick brown fox jumps over the lazy dog; community education moves on. "


def _strip_spans(html: str) -> str:
    return html.replace("<span>", "").replace("</span>", "")


def test_short_runs_keeps_the_text_and_cuts_it_short() -> None:
    text = (CJK * 80) + (LATIN * 20) + "a&amp;b&#x4e00;" * 30
    html = f"<html><head><title>{text}</title><style>p{{}} {'x' * 500}</style></head>"
    html += f"<body><p>{text}</p><td class='c'>{text}</td></body></html>"
    shortened = short_runs(html)
    assert _strip_spans(shortened) == html
    assert f"<title>{text}</title>" in shortened  # raw-text elements untouched
    assert "x" * 500 in shortened
    for piece in re.findall(r"<span>(.*?)</span>", shortened):
        units = re.findall(r"&#?\w+;|.", piece)
        assert 0 < len(units) <= 2 * RUN
        assert not piece.startswith(("amp;", "#x")) and not piece.endswith("&")  # entities whole


def test_short_texts_are_left_alone() -> None:
    html = f"<p>{CJK * 3}</p>"
    assert short_runs(html) == html


def _long_cell_html(cell: str, folder: Path) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(\n    measures: )[^\n]*", lambda m: m.group(1) + f'"{cell}"', text, count=1)
    path = folder / "long.yaml"
    path.write_text(text, encoding="utf-8")
    return render_text(build_view(validate_file(path, Options())), "html")


@pytest.mark.slow
def test_weasyprint_never_breaks_a_long_text_into_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What made the cost quadratic: every line of a cell laid out from the rest of its
    text. With short runs no text handed to the line breaker is longer than two runs."""
    weasyprint = pytest.importorskip("weasyprint")
    from weasyprint.layout import inline

    lengths: list[int] = []
    original = inline.split_first_line

    def recording(text: str, *args: Any, **kwargs: Any) -> Any:
        lengths.append(len(text))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(inline, "split_first_line", recording)
    html = _long_cell_html((CJK * 80)[:1500], tmp_path)
    weasyprint.HTML(string=short_runs(html)).write_pdf()
    assert lengths and max(lengths) <= 2 * RUN * 8  # a span's units: at most 8 characters each
    lengths.clear()
    weasyprint.HTML(string=html).write_pdf()
    assert max(lengths) >= 1500  # the check can fail: without runs, the whole cell


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("cell", [(CJK * 60)[:700], (LATIN * 16)[:700]], ids=["cjk", "latin"])
def test_the_page_reads_the_same_with_short_runs(cell: str, tmp_path: Path) -> None:
    """Same lines on the same pages: the runs change the cost, not the layout."""
    weasyprint = pytest.importorskip("weasyprint")
    html = _long_cell_html(cell, tmp_path)
    texts = []
    for name, page in (("plain", html), ("runs", short_runs(html))):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(weasyprint.HTML(string=page).write_pdf())
        done = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        )
        # the words of each line, in order: pdftotext's columns may shift by one with the
        # DRAFT watermark (草稿, fixed on the page), which is left out
        shown = done.stdout.replace("草", "").replace("稿", "")
        texts.append([" ".join(line.split()) for line in shown.splitlines() if line.strip()])
    assert texts[0] == texts[1]
