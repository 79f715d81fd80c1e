"""Property-based hardening of what cjzn shows and writes (issue 17's classes).

The same profiles as tests/hardening/test_fuzz.py (`HYPOTHESIS_PROFILE`: ci or
long; docs/hardening.md). Whatever a filing holds and whatever its file is
called:

- every report is valid: JSON and SARIF parse, JUnit is well-formed XML, all
  of them valid UTF-8; text and GitHub output carry no raw control, bidi or
  invisible character (the one sanitiser, `cjzn.text.visible`);
- the rendered HTML and Markdown encode as UTF-8;
- a round catalog whose values are hostile is either refused by its checks or
  used by schema, the scaffold plan and render without a crash, and no path
  the scaffold plans leaves its folder.
"""

from __future__ import annotations

import copy
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_fuzz import BASE_TEXTS, HOSTILE_CHARS, any_damage, unicode_text

from cjzn.check import validate_paths
from cjzn.check.discover import Selection
from cjzn.errors import CatalogError
from cjzn.fileio import stays_inside
from cjzn.guide import Catalogs, load_catalog
from cjzn.init.jsonschema import schema_text
from cjzn.init.scaffold import plan_files
from cjzn.options import Options
from cjzn.render import build_view, render_text
from cjzn.reporters import REPORTERS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CATALOG: dict[str, Any] = yaml.safe_load(
    (ROOT / "schemas" / "rounds" / "2013-2014.yaml").read_text(encoding="utf-8")
)
#: What must never reach a terminal or a CI log raw (tab and line feed may).
_RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufffe\uffff\ud800-\udfff]"
)
_OPTIONS = Options(as_of=None)


def _cap(examples: int) -> settings:
    """At most `examples` per run (these build whole reports), fewer when the profile asks."""
    current = settings.default
    profile = current.max_examples if current is not None else examples
    return settings(max_examples=min(profile, examples))


def check_outputs(folder: Path) -> None:
    """Every reporter over `folder`, and the rendered pages of its filings."""
    report = validate_paths([folder], Options(), jobs=1, selection=Selection(allow_empty=True))
    for name, reporter in REPORTERS.items():
        text = reporter(report)
        text.encode("utf-8")  # strict: no lone surrogate
        if name in ("json", "sarif"):
            json.loads(text)
        elif name == "junit":
            ET.fromstring(text.encode("utf-8"))
        else:
            assert not _RAW.search(text), (name, _RAW.search(text))
    for result in report.results:
        if result.document is not None:
            view = build_view(result)
            for fmt in ("html", "md"):
                render_text(view, fmt).encode("utf-8")


# --- what a filing holds --------------------------------------------------------------------

hostile_values = st.text(alphabet=st.sampled_from(HOSTILE_CHARS), min_size=1, max_size=20)


@st.composite
def filing_with_hostile_text(draw: st.DrawFn) -> str:
    """A damaged filing, or an example with hostile characters in a value or a key."""
    if draw(st.booleans()):
        return str(draw(any_damage))
    text = draw(st.sampled_from(BASE_TEXTS))
    lines = text.split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    at = draw(st.integers(0, len(line)))
    lines[index] = line[:at] + draw(st.one_of(hostile_values, unicode_text)) + line[at:]
    return "\n".join(lines)


@_cap(2000)
@given(filing_with_hostile_text())
@example('cjzn: 1\nunit:\n  name: "a\\e[2K\\e[1A\\u202eb"\n  na\u200bme: x\n')
@example("cjzn: 1\nunit:\n  name: a\x1b[31mb\x0cc\n")
def test_every_output_stays_valid_and_inert(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "f.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        check_outputs(Path(folder))


# --- what a file is called -------------------------------------------------------------------

names = st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\0" not in b)


@pytest.mark.skipif(os.name != "posix", reason="names as bytes")
@_cap(1000)
@given(names)
@example("天平路街道".encode("gbk"))
@example(b"\x1b[2K\xe2\x80\xae")
def test_any_file_name_keeps_outputs_valid(name: bytes) -> None:
    """A name that is not UTF-8 (GBK from a Windows zip) or holds ESC/bidi characters."""
    with tempfile.TemporaryDirectory() as folder:
        raw = os.fsencode(folder) + b"/" + name + b".yaml"
        try:
            with open(raw, "wb") as handle:
                handle.write(BASE_TEXTS[0].encode("utf-8"))
        except OSError:  # a name this file system refuses
            return
        check_outputs(Path(folder))


# --- what a catalog holds --------------------------------------------------------------------

_NAMES = st.one_of(
    hostile_values,
    unicode_text,
    st.sampled_from(["../../../escaped", "x/../../y", "..\\x", ".", "..", ".git", "C:", "NUL",
                     "²", "", " 徐汇区", "徐汇区/", "a\u2028b"]),
)  # fmt: skip


@st.composite
def hostile_catalog(draw: st.DrawFn) -> dict[str, Any]:
    """The bundled catalog with one value that becomes a path, a row or a box replaced."""
    data = copy.deepcopy(CATALOG)
    value = draw(_NAMES)
    where = draw(st.sampled_from(["round", "district", "alias", "row", "prior", "title"]))
    if where == "round":
        data["round"] = value
    elif where == "district":
        data["districts"].append(value)
    elif where == "alias":
        data["district_aliases"][value] = data["districts"][0]
    elif where == "row":
        data["form"]["rows"][draw(st.sampled_from(sorted(data["form"]["rows"])))] = value
    elif where == "prior":
        data["form"]["prior_round_options"][value] = "参加某轮"
    else:
        data["form"]["title"] = value
    return data


@_cap(500)
@given(hostile_catalog())
def test_a_hostile_catalog_is_refused_or_harmless(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "round.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            catalog = load_catalog(path)
        except CatalogError:
            return  # refused, with its reasons
        root = Path(folder) / "repo"
        for planned in plan_files(catalog):
            assert stays_inside(root, planned.path), planned.path
        json.loads(schema_text(catalog))
        filing = Path(folder) / "f.yaml"
        filing.write_text(
            BASE_TEXTS[0].replace(
                'round: "2013-2014"', f"round: {json.dumps(catalog.round, ensure_ascii=False)}"
            ),
            encoding="utf-8",
        )
        report = validate_paths([filing], Options(), path)
        if report.results[0].readable:
            view = build_view(report.results[0], catalogs=Catalogs(catalog))
            render_text(view, "html").encode("utf-8")
