"""The form printed for real: one A4 page in Chromium, in the WeasyPrint PDF and in LibreOffice.

Each test prints the three examples and the long filing (a 2,000-character
总体目标, eight outcomes, a long address, e-mail and opinion), reads the pages
back with poppler (pdftotext, pdfinfo) and checks that the form is page 1 alone
and the 附页 starts on page 2. They are slow, and skip (with the reason) only
when the program they need is not installed: Chromium (Debian package
chromium), LibreOffice (libreoffice-writer-nogui), poppler-utils, WeasyPrint
(the pdf extra); .ci/run installs them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import COMPLETE, DRAFT, EARLY, ROOT, bundled_catalog
from typer.testing import CliRunner

from cjzn.cli import app
from cjzn.render import RenderError, check_pdf_support
from cjzn.render.layout import GEOMETRY

pytestmark = pytest.mark.slow

LONG = ROOT / "tests" / "data" / "render" / "long" / "徐汇区" / "天平路街道.yaml"
FILINGS = {"complete": COMPLETE, "early": EARLY, "draft": DRAFT, "long": LONG}
CATALOG = bundled_catalog()
LAST_ROW = "委员会意见"  # the second line of the form's last row label, 上海市教育 / 委员会意见
APPENDIX = "附页：创建工作方案"
EPOCH = "1416470400"
runner = CliRunner()


def program(name: str, debian: str) -> str:
    found = shutil.which(name) or (
        f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None
    )
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {debian})")
    return found


def poppler() -> None:
    for tool in ("pdftotext", "pdfinfo"):
        program(tool, "poppler-utils")


def render(filing: Path, out: Path, *args: str) -> Path:
    result = runner.invoke(app, ["render", str(filing), "-o", str(out), *args])
    assert result.exit_code in (0, 1), result.output  # 1: the draft
    assert out.is_file(), result.output
    return out


def pages(pdf: Path) -> list[str]:
    """The text of each page, white space removed."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    texts = ["".join(page.split()) for page in out.split("\f")]
    return texts[:-1] if texts and not texts[-1] else texts


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def words(pdf: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) in points on `page` (pdftotext -bbox)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        (w, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, w in re.findall(pattern, out)
    ]


def assert_one_page_form(pdf: Path, name: str) -> list[str]:
    texts = pages(pdf)
    size = info(pdf)["Page size"].split()
    assert abs(float(size[0]) - 595.3) < 2 and abs(float(size[2]) - 841.9) < 2, size  # A4
    form = texts[0]
    assert "".join(CATALOG.form.title.split()) in form, name
    assert LAST_ROW in form and CATALOG.form.rows["unit_signature"] in form, name
    assert APPENDIX not in form, name  # nothing of the 附页 on the form's page
    assert len(texts) >= 2 and APPENDIX in texts[1][:60], name  # the 附页 starts on page 2
    assert all(LAST_ROW not in page for page in texts[1:]), name  # the form is one page
    return texts


def assert_long_texts_once(texts: list[str]) -> None:
    """The long filing: every moved text on the 附页 once, none of it on the form."""
    whole = "".join(texts)
    for piece in (
        "（39）开发风貌区人文特色课程",
        "老年教育第8项预计成效",
        "tianping.street@",
        "三、做好创建档案",
    ):
        assert piece not in texts[0], piece
        assert whole.count(piece) == 1, piece
    assert "详见附页" in texts[0]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """HTML, PDF and DOCX of every filing, rendered once for the module."""
    folder = tmp_path_factory.mktemp("printed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        files = {}
        for name, filing in FILINGS.items():
            files[name] = {
                fmt: render(filing, folder / f"{name}.{fmt}") for fmt in ("html", "docx")
            }
    return {"folder": folder, "files": files}


def chromium_pdf(chromium: str, html: Path, pdf: Path, profile: Path) -> Path:
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            html.as_uri(),
        ],
        capture_output=True,
        check=False,
        timeout=180,
    )
    assert pdf.is_file(), "chromium wrote no PDF"
    return pdf


@pytest.mark.parametrize("name", FILINGS)
def test_chromium_prints_the_form_on_one_a4_page(printed: dict[str, Any], name: str) -> None:
    chromium = program("chromium", "chromium")
    poppler()
    folder = printed["folder"]
    html = printed["files"][name]["html"]
    pdf = chromium_pdf(chromium, html, folder / f"{name}.chromium.pdf", folder / "profile")
    texts = assert_one_page_form(pdf, name)
    if name == "long":
        assert_long_texts_once(texts)


def weasy() -> None:
    pytest.importorskip("weasyprint", reason="the optional extra cjzn[pdf] is not installed")
    try:
        check_pdf_support()
    except RenderError as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize("name", FILINGS)
def test_pdf_form_is_page_one_and_the_appendix_starts_on_page_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    weasy()
    poppler()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    pdf = render(FILINGS[name], tmp_path / f"{name}.pdf")
    texts = assert_one_page_form(pdf, name)
    if name == "long":
        assert_long_texts_once(texts)
    meta = info(pdf)
    assert "cjzn-render" in meta["Creator"] and meta["Keywords"] == "cjzn-render"
    assert meta["Subject"].startswith("cjzn ") and "2013-2014" in meta["Subject"]
    assert FILINGS[name].name in meta["Subject"] and "2014-11-20T16:00:00+08:00" in meta["Subject"]
    assert "2014-11-20T16:00:00" not in texts[0]  # provenance is not on the form ...
    assert meta["Subject"].replace(" ", "")[:40] in texts[-1]  # ... but at the end of the 附页


def test_signature_boxes_keep_their_room_whatever_the_opinion(tmp_path: Path) -> None:
    """The 签字 lines and dates sit at the same height with a 2-line, a 1-line, no or a moved opinion."""
    weasy()
    poppler()
    positions = {}
    for name, filing in FILINGS.items():
        pdf = render(filing, tmp_path / f"{name}.pdf")
        found = words(pdf)
        signs = sorted(round(y0, 1) for w, _, y0, _, _ in found if "签字" in w)
        municipal = [round(y0, 1) for w, _, y0, _, _ in found if w == CATALOG.form.municipal_signer]
        assert len(signs) == 2 and len(municipal) == 1, (name, signs, municipal)
        positions[name] = (*signs, *municipal)
    assert len(set(positions.values())) == 1, positions
    # and they are where the geometry puts them: the room for ink and stamp is the foot of each box
    unit_y, district_y, municipal_y = positions["complete"]
    assert district_y - unit_y == pytest.approx(GEOMETRY.review_mm * 72 / 25.4, abs=2)
    assert municipal_y - district_y == pytest.approx(GEOMETRY.review_mm * 72 / 25.4, abs=2)


def test_libreoffice_shows_the_docx_form_on_one_page_with_its_widths(
    printed: dict[str, Any],
) -> None:
    soffice = program("soffice", "libreoffice-writer-nogui")
    poppler()
    folder = printed["folder"]
    out = folder / "lo"
    docx_files = [str(files["docx"]) for files in printed["files"].values()]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *docx_files,
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    for name in FILINGS:
        pdf = out / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice wrote no PDF for {name}"
        texts = assert_one_page_form(pdf, name)
        if name == "long":
            assert_long_texts_once(texts)
    # the columns have the widths the file declares, not five equal ones
    left = GEOMETRY.margins[3]
    found = words(out / "complete.pdf")
    name_head = next(w for w in found if w[0] == CATALOG.label("leader.name"))
    centre_mm = (name_head[1] + name_head[3]) / 2 * 25.4 / 72
    expected = left + GEOMETRY.columns[0] + GEOMETRY.columns[1] / 2
    assert centre_mm == pytest.approx(expected, abs=2)  # equal columns would put it at 69 mm
    appendix = words(out / "complete.pdf", 2)
    number = next(w for w in appendix if w[0] == "序号")
    assert (number[1] + number[3]) / 2 * 25.4 / 72 < left + 10  # a narrow first column


def test_the_screen_preview_has_the_shape_of_a4(printed: dict[str, Any]) -> None:
    """On screen the form's sheet is 210 x 297 mm (at 96 px per inch: 794 x 1123 px)."""
    chromium = program("chromium", "chromium")
    image = pytest.importorskip("PIL.Image", reason="Pillow (with WeasyPrint, the pdf extra)")
    folder = printed["folder"]
    shot = folder / "screen.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={folder / 'profile-screen'}",
            "--window-size=1000,1300",
            f"--screenshot={shot}",
            printed["files"]["complete"]["html"].as_uri(),
        ],
        capture_output=True,
        check=False,
        timeout=180,
    )
    assert shot.is_file(), "chromium wrote no screenshot"
    picture = image.open(shot).convert("RGB")
    white = (255, 255, 255)
    middle = picture.height // 4
    row = [picture.getpixel((x, middle)) == white for x in range(picture.width)]
    left, right = row.index(True), len(row) - row[::-1].index(True)
    column = [picture.getpixel((left + 5, y)) == white for y in range(picture.height)]
    top = column.index(True)
    bottom = top + column[top:].index(False)
    width, height = right - left, bottom - top
    assert width == pytest.approx(210 / 25.4 * 96, abs=3), (left, right)
    assert height == pytest.approx(297 / 25.4 * 96, abs=3), (top, bottom)
