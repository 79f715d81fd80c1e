"""Property-based hardening: damaged filings never crash, hang or point outside the file.

Starting from the valid example filings, hypothesis deletes, duplicates,
retypes and renames keys, puts hostile Unicode into values and damages the
YAML text itself (cut files, bad indentation, stray quotes and brackets,
anchors and aliases, tabs, control characters). Whatever comes out,
`validate_file` and the `validate` / `status` / `render` commands must return
(no exception, exit code 0 or 1) and every diagnostic must point at a line and
column that exist in the file.

Inputs that once failed are kept as `REGRESSIONS`, each with the diagnostic it must give.

Profiles (env var HYPOTHESIS_PROFILE): "ci" (default, about 150 examples per
test) and "long" (10,000 examples per test) — see docs/hardening.md.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjzn.check import validate_file
from cjzn.cli import app
from cjzn.load import load_path
from cjzn.options import Options

pytestmark = pytest.mark.slow  # long: see the `slow` marker in pyproject.toml

ROOT = Path(__file__).resolve().parents[2]
BASE_FILES = sorted((ROOT / "examples" / "filings").glob("*/*.yaml"))
BASE_TEXTS = [path.read_text(encoding="utf-8") for path in BASE_FILES]

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", max_examples=150, deadline=5000, suppress_health_check=_HEALTH, print_blob=True
)
settings.register_profile(
    "long", max_examples=10_000, deadline=5000, suppress_health_check=_HEALTH, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: What libyaml (YAML 1.1) counts as a line break, so positions are compared like for like.
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _base_data() -> list[dict[str, Any]]:
    documents = []
    for path in BASE_FILES:
        document, problems = load_path(path)
        assert document is not None and not problems, path
        documents.append(document.data)
    return documents


BASE_DATA = _base_data()

# --- strategies --------------------------------------------------------------------

#: Characters that break naive code: full-width digits, emoji, RTL/bidi marks, NUL and
#: other controls, BOM, zero-width and line/paragraph separators, combining marks.
HOSTILE_CHARS = (
    "０１２３４５６７８９－（）＋　"
    "😀👍🏽🇨🇳👨‍👩‍👧"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\ufeff\u200b\u200d\u2028\u2029"
    "\u0301\u0308\u20dd"
    "\"'`[]{}:,#&*!|>%@-?~\\\t\r\n "
    "中文街道镇區縣ㄅ가あ"
)
# Lone surrogates cannot be encoded in UTF-8, so no file can contain them (category Cs).
unicode_text = st.text(
    alphabet=st.one_of(st.sampled_from(HOSTILE_CHARS), st.characters(exclude_categories=["Cs"])),
    max_size=40,
)
scalar_values = st.one_of(
    unicode_text,
    st.sampled_from(
        ["", "~", "null", "yes", "no", "on", "0x1F", "1e3", "013", "2013-02-30", ".nan", "-"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _retype(value: Any, choice: int, text: str) -> Any:
    """scalar <-> list <-> mapping, and the other way round."""
    if isinstance(value, dict):
        return [list(value.values())[:1], text] if choice % 2 else text
    if isinstance(value, list):
        return {str(index): item for index, item in enumerate(value)} if choice % 2 else text
    return [value, text] if choice % 2 else {text or "k": value}


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    """A structurally mutated copy of an example filing's data."""
    data: Any = copy.deepcopy(draw(st.sampled_from(BASE_DATA)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        operation = draw(st.sampled_from(["delete", "retype", "rename", "value", "copy"]))
        if operation == "delete":
            del parent[key]
        elif operation == "retype":
            parent[key] = _retype(parent[key], draw(st.integers(0, 1)), draw(unicode_text))
        elif operation == "rename" and isinstance(parent, dict):
            new_key = draw(
                st.one_of(
                    unicode_text,
                    st.sampled_from(["cjzn", "round", "B1.1", "K3", "S1", "0", "<<", "?"]),
                    st.just(str(key).upper()),
                    st.just(str(key) + "_"),
                )
            )
            parent[new_key] = parent.pop(key)
        elif operation == "value":
            parent[key] = draw(scalar_values)
        elif operation == "copy":
            donor = draw(st.sampled_from(paths))
            parent[key] = copy.deepcopy(_parent(data, donor)[donor[-1]])
    return data


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


#: Text that breaks YAML when dropped into a line: quotes, brackets, indicators, tags, aliases.
STRAYS = (
    *('"', "'", "[", "]", "{", "}", ": ", "- ", "#", "!", "!!int ", "? ", "|", ">"),
    *("%YAML 1.1", "@", "`", ",", "&", "*", "<<: *a", "!!binary ", "!foo "),
)


def _lines_of(text: str) -> list[str]:
    return text.split("\n")


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    """An example filing's text with line- and character-level damage."""
    text = draw(st.sampled_from(BASE_TEXTS))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = _lines_of(text)
        index = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        line = lines[index]
        operation = draw(
            st.sampled_from(
                [
                    "cut",
                    "indent",
                    "dedent",
                    "stray",
                    "tab",
                    "duplicate-line",
                    "delete-line",
                    "swap-lines",
                    "anchor",
                    "insert-unicode",
                    "document-marker",
                    "crlf",
                ]
            )
        )
        if operation == "cut":
            text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
            continue
        if operation == "indent":
            lines[index] = " " * draw(st.integers(1, 5)) + line
        elif operation == "dedent":
            lines[index] = line.lstrip(" ")[: len(line)]
            if line.startswith(" "):
                lines[index] = line[draw(st.integers(1, len(line) - len(line.lstrip(" ")))) :]
        elif operation == "stray":
            position = draw(st.integers(min_value=0, max_value=len(line)))
            stray = draw(st.sampled_from(STRAYS))
            lines[index] = line[:position] + stray + line[position:]
        elif operation == "tab":
            stripped = line.lstrip(" ")
            lines[index] = "\t" * draw(st.integers(1, 2)) + stripped
        elif operation == "duplicate-line":
            lines.insert(index, line)
        elif operation == "delete-line":
            del lines[index]
        elif operation == "swap-lines":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "anchor":
            lines = _anchor(lines, index, draw)
        elif operation == "insert-unicode":
            position = draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:position] + draw(unicode_text) + line[position:]
        elif operation == "document-marker":
            lines.insert(index, draw(st.sampled_from(["---", "...", "--- !!map", "--- |"])))
        elif operation == "crlf":
            return "\r\n".join(lines) if draw(st.booleans()) else "\r".join(lines)
        text = "\n".join(lines)
    return text


def _anchor(lines: list[str], index: int, draw: st.DrawFn) -> list[str]:
    """Put an anchor on a value and aliases to it elsewhere (sometimes a small bomb)."""
    line = lines[index]
    if ": " in line:
        key, value = line.split(": ", 1)
        lines[index] = f"{key}: &a {value}"
    elif line.rstrip().endswith(":"):
        lines[index] = line.rstrip() + " &a"
    else:
        lines[index] = "&a " + line
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        other = lines[target]
        if ": " in other:
            key, _value = other.split(": ", 1)
            lines[target] = f"{key}: *a"
        else:
            lines[target] = other + " *a"
    if draw(st.booleans()):
        bomb = ["x0: &b0 [" + ", ".join(["lol"] * 9) + "]"]
        bomb += [f"x{n}: &b{n} [" + ", ".join([f"*b{n - 1}"] * 9) + "]" for n in range(1, 7)]
        lines[index:index] = bomb
    return lines


structural_texts = mutated_data().map(_dump)
any_damage = st.one_of(structural_texts, damaged_text())

# --- assertions --------------------------------------------------------------------


def _file_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    return _LINE_BREAKS.split(text)


def assert_inside(data: bytes, positions: list[tuple[int, int, str]]) -> None:
    """Every (line, column) names a place in the file.

    A file has as many lines as an editor shows (a last line without a newline counts);
    a position may be one line past the last (libyaml's end of stream) and one column
    past a line's last character (end of line).
    """
    lines = _file_lines(data)
    count = len(lines) - 1 if lines[-1] == "" else len(lines)
    for line, column, code in positions:
        assert 1 <= line <= count + 1, (code, line, count)
        width = len(lines[line - 1]) if line <= len(lines) else 0
        assert 1 <= column <= width + 1, (code, line, column, width)


def check_library(path: Path, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    for lang in ("zh", "en"):
        result = validate_file(path, Options(lang=lang))
        assert_inside(data, [(d.line, d.column, d.code) for d in result.diagnostics])
        for diagnostic in result.diagnostics:
            assert diagnostic.message and diagnostic.code


RUNNER = CliRunner()


def _invoke(args: list[str]) -> Any:
    """A command's result; its exit code is 0 or 1 (2 would be a usage error: a missing command
    or option fails here too, not only a crash)."""
    result = RUNNER.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    return result


def check_cli(path: Path, text: str | bytes, out: Path) -> dict[str, Any]:
    """validate (json), status and render answer 0 or 1 with positions inside the file."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    result = _invoke(["validate", "--format", "json", str(path)])
    report: dict[str, Any] = json.loads(result.stdout)
    assert_inside(data, [(p["line"], p["column"], p["code"]) for p in report["problems"]])
    assert result.exit_code == (
        1 if any(p["severity"] == "error" for p in report["problems"]) else 0
    )
    status = _invoke(["status", str(path)])
    assert status.exit_code == result.exit_code, status.output  # the same errors, the same answer
    form = out / "form.html"
    form.unlink(missing_ok=True)
    rendered = _invoke(["render", str(path), "-o", str(form), "--force", "--lang", "en"])
    if rendered.exit_code == 0:  # 0 means a clean form was written (1: a draft, or unreadable)
        assert form.is_file(), rendered.output
    return report


# --- regression cases found by fuzzing (kept forever) ------------------------------


@dataclass(frozen=True)
class Regression:
    """An input that once broke cjzn, what it broke, and what cjzn must answer now."""

    name: str
    broke: str
    data: bytes
    #: (code, line, column, path) that `validate` must report, as of AS_OF_AFTER_ROUND
    expected: tuple[str, int, int, str]


AS_OF_AFTER_ROUND = date(2015, 1, 10)  # every stage is due: evidence and stage rules all run
_BASE = BASE_TEXTS[0].encode("utf-8")  # 崇明县/竖新镇.yaml
_CORPUS = ROOT / "tests" / "hardening" / "adversarial"

#: Inputs fuzzing and the corpus found (docs/hardening.md, "Found and fixed"), each with the
#: diagnostic it must give. tests/hardening/adversarial/ keeps the same cases as files.
REGRESSIONS: list[Regression] = [
    Regression(
        "bad-byte-after-lone-cr",
        "byte fuzzing: a non-UTF-8 byte after a lone CR was reported past the end of its line",
        b"\r\x80" + _BASE,
        ("Y001", 2, 1, ""),
    ),
    Regression(
        "bad-byte-after-bom-and-cr",
        "byte fuzzing: after a UTF-8 BOM the bad byte's position was shifted by the BOM",
        b"\xef\xbb\xbf\r\xc0" + _BASE,
        ("Y001", 2, 1, ""),
    ),
    Regression(
        "nul-after-line-separator",
        "byte fuzzing: U+2028 was not counted as a line break, so a NUL after it was misplaced",
        "\u2028".encode() + b"\x00" + _BASE,
        ("Y002", 2, 1, ""),
    ),
    Regression(
        "bad-bytes-mid-line",
        "byte fuzzing: the column of an undecodable byte inside a line",
        _BASE[:40] + b"\xff\xfe" + _BASE[40:],
        ("Y001", 1, 22, ""),
    ),
    Regression(
        "only-dashes",
        "corpus: a file holding only `---` was reported as 'the top level is text'",
        b"---\n",
        ("Y012", 1, 1, ""),
    ),
    Regression(
        "nul-in-evidence-path",
        "long fuzz run: a NUL in an evidence path crashed the stage rules (ValueError: embedded "
        "null byte); such a path now counts as a missing file",
        (_CORPUS / "nul-in-evidence-path.yaml").read_bytes(),
        ("T101", 112, 16, "basic_work.B1.2.evidence.0"),
    ),
    Regression(
        "cut-in-a-flow-list",
        "text fuzzing: a file cut inside `[` must be a located syntax error at the end",
        b"cjzn: 1\nround: [\n",
        ("Y003", 3, 1, ""),
    ),
    Regression(
        "self-referencing-alias",
        "text fuzzing: an anchor whose list holds its own alias must not recurse forever",
        b"a: &a [*a]\n",
        ("Y009", 1, 4, "a.0"),
    ),
    Regression(
        "bom-crlf-tab-indent",
        "text fuzzing: BOM, CRLF and a tab indent together: the tab's line, counted like YAML",
        "\ufeffcjzn: 1\r\nround: '2013-2014'\r\nunit:\r\n\tname: x\r\n".encode(),
        ("Y006", 4, 1, ""),
    ),
    Regression(
        "unicode-line-breaks",
        "text fuzzing: U+2028, U+2029 and NEL are line breaks to YAML: positions after them",
        "cjzn: 1\n\u2028round: \u2029x\x85y: z\n".encode(),
        ("Y003", 5, 1, ""),
    ),
]

# --- properties ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@given(structural_texts)
@example(  # found by the long run: a NUL in an evidence path crashed the stage rules
    (ROOT / "tests" / "hardening" / "adversarial" / "nul-in-evidence-path.yaml").read_text(
        encoding="utf-8"
    )
)
def test_structural_mutations_never_crash(workdir: Path, text: str) -> None:
    check_library(workdir / "structural.yaml", text)


@given(damaged_text())
@example("cjzn: 1\nround: [\n")
@example("a: &a [*a]\n")
@example("\ufeffcjzn: 1\r\nround: '2013-2014'\r\nunit:\r\n\tname: x\r\n")
@example("cjzn: 1\n\u2028round: \u2029x\x85y: z\n")
def test_text_damage_never_crashes(workdir: Path, text: str) -> None:
    check_library(workdir / "damaged.yaml", text)


@given(
    st.sampled_from(BASE_TEXTS),
    st.integers(min_value=0, max_value=20_000),
    st.binary(min_size=1, max_size=8),
)
@example(BASE_TEXTS[0], 40, b"\xff\xfe")
@example(BASE_TEXTS[0], 0, b"\xef\xbb\xbf")
@example(BASE_TEXTS[0], 100, b"\x00")
@example(BASE_TEXTS[0], 0, b"\r\x80")  # found: encoding error column counted past a CR line break
@example(BASE_TEXTS[0], 0, b"\xef\xbb\xbf\r\xc0")  # BOM, then the same
@example(BASE_TEXTS[0], 0, b"\xe2\x80\xa8\x00")  # a NUL after a U+2028 line separator
def test_byte_damage_never_crashes(workdir: Path, text: str, offset: int, junk: bytes) -> None:
    data = text.encode("utf-8")
    offset = min(offset, len(data))
    check_library(workdir / "bytes.yaml", data[:offset] + junk + data[offset:])


@given(any_damage)
def test_cli_commands_never_crash(workdir: Path, text: str) -> None:
    check_cli(workdir / "cli.yaml", text, workdir)


@pytest.mark.parametrize("case", REGRESSIONS, ids=lambda case: case.name)
def test_regressions(workdir: Path, case: Regression) -> None:
    """Each case still passes the properties AND gives the diagnostic it must (see `broke`)."""
    check_library(workdir / "regression.yaml", case.data)
    report = check_cli(workdir / "regression-cli.yaml", case.data, workdir)
    assert report["problems"], case.broke
    path = workdir / "regression.yaml"
    result = validate_file(path, Options(as_of=AS_OF_AFTER_ROUND))
    found = [(d.code, d.line, d.column, d.path) for d in result.diagnostics]
    assert case.expected in found, (case.broke, found)


def test_regressions_are_distinct_and_documented() -> None:
    assert len(REGRESSIONS) >= 10
    names, inputs = {case.name for case in REGRESSIONS}, {case.data for case in REGRESSIONS}
    assert len(names) == len(inputs) == len(REGRESSIONS)
    assert all(case.broke for case in REGRESSIONS)


def test_base_filings_are_clean() -> None:
    """The mutations start from valid filings (else a 'found' problem could be the base's)."""
    assert [path.relative_to(ROOT / "examples" / "filings").as_posix() for path in BASE_FILES] == [
        "崇明县/竖新镇.yaml",
        "徐汇区/天平路街道.yaml",
    ]
    for path, text, data in zip(BASE_FILES, BASE_TEXTS, BASE_DATA, strict=True):
        result = validate_file(path, Options(as_of=date(2013, 4, 15)))
        assert result.diagnostics == [], (path, result.diagnostics)
        assert result.filing is not None and text and data["unit"]["name"] == path.stem


def test_assert_inside_can_fail() -> None:
    """The position check itself rejects a line past the end and a column past the line."""
    with pytest.raises(AssertionError):
        assert_inside(b"a: 1\n", [(3, 1, "X")])
    with pytest.raises(AssertionError):
        assert_inside(b"a: 1\n", [(0, 1, "X")])
    with pytest.raises(AssertionError):
        assert_inside(b"a: 1\n", [(1, 6, "X")])
    assert_inside(b"a: 1\n", [(2, 1, "X"), (1, 5, "X")])
