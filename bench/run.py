"""Time `cjzn` against the parsing floor and its peers, as whole processes, in one run.

Usage: python bench/run.py [--work DIR] [--repeat 3] [--memory-count 10000] [--markdown]
                           [--only validate,peers,render,pdf,startup,memory] [--pdf-count 209]

Generates realistic filings with bench/generate.py (once; reused from --work), then
times each command as a subprocess (wall clock, best of --repeat) and records its
peak memory (ru_maxrss of the child, from os.wait4):

- `cjzn validate --jobs 1` on 1, 250 and 1,000 filings (one core), and the default
  (parallel) run on 1,000 for information;
- the libyaml compose floor: one Python process composing each file with CSafeLoader;
- `check-jsonschema` with the schema from `cjzn schema` on the same files;
- `yamllint` (default config) on the same files;
- `cjzn render` of 250 filings to HTML;
- peak memory of `cjzn validate --jobs 1` over --memory-count filings;
- (issue 16) `cjzn render -f pdf` of --pdf-count filings as separate PDFs one after
  another (`--jobs 1`, the way before issue 16), as separate PDFs across all cores,
  and as one booklet (`-o booklet.pdf`); one-file `cjzn validate` next to the import
  floor of its libraries (`python -c "import typer, pydantic, yaml, phonenumbers,
  email_validator"`).

It prints each figure, the ratios against the baselines of the same run and the
targets of issues 7 and 16 with PASS / MISS. `--only` runs some sections (the PDF
section alone takes minutes). Needs the `bench` extra (check-jsonschema, yamllint)
and the `pdf` extra for the PDF lines; a missing tool skips its lines with a note.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

IMPORT_FLOOR = "import typer, pydantic, yaml, phonenumbers, email_validator"
#: The same libraries as used: `import pydantic` loads BaseModel lazily (≈30 ms on first use),
#: and the text output draws with rich. For information next to the issue's floor.
USED_FLOOR = IMPORT_FLOOR + "; from pydantic import BaseModel; import rich.console"
#: A CPU-bound loop, twice in one process or once in each of two: what two cores give now.
CEILING = """\
import sys, multiprocessing
def work(_=None):
    total = 0
    for i in range(4_000_000):
        total += i * i
if sys.argv[1] == "serial":
    work(); work()
else:
    with multiprocessing.Pool(2) as pool:
        pool.map(work, [0, 1])
"""
SECTIONS = ("validate", "peers", "render", "pdf", "startup", "memory")
COMPOSE_FLOOR = """\
import sys
import yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        yaml.compose(handle, Loader=yaml.CSafeLoader)
"""


@dataclass
class Timing:
    """The best wall-clock time of a command and the largest peak RSS seen."""

    label: str
    seconds: float
    max_rss_mb: float
    exit_codes: set[int]


def _tool(name: str) -> str | None:
    """A console script of this venv first (the one cjzn is installed in), else PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


#: Children run as an installed package does: with bytecode. pip compiles an installed
#: package's .pyc files, but an editable install or PYTHONDONTWRITEBYTECODE=1 (set on some
#: CI machines and on ours) leaves every run compiling cjzn's ~150 modules from source
#: (≈60 ms of a 0.3 s start-up). The bytecode goes under --work, never into the repo.
CHILD_ENV: dict[str, str] = {}


def child_env(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def run_once(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall-clock seconds, peak RSS in MB and exit code of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=CHILD_ENV or None,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    return elapsed, rss_kb / 1024, process.returncode


def best_of(label: str, command: Sequence[str], repeat: int, cwd: Path | None = None) -> Timing:
    runs = [run_once(command, cwd) for _ in range(repeat)]
    return Timing(
        label=label,
        seconds=min(run[0] for run in runs),
        max_rss_mb=max(run[1] for run in runs),
        exit_codes={run[2] for run in runs},
    )


def corpus(work: Path, count: int) -> list[Path]:
    """`count` generated filings under work/n<count> (generated on first use)."""
    folder = work / f"n{count}"
    marker = folder / ".complete"
    if not marker.exists():
        if folder.exists():
            shutil.rmtree(folder)
        print(f"generating {count} filings in {folder} ...", file=sys.stderr)
        generate(folder, count, seed=7)
        marker.write_text("ok\n", encoding="utf-8")
    return sorted(folder.glob("*/*.yaml"))


def _names(paths: Sequence[Path]) -> list[str]:
    return [str(path) for path in paths]


def _schema_file(cjzn: str, work: Path) -> tuple[Path | None, str]:
    """cjzn's exported JSON Schema, or None and why not."""
    target = work / "filing.schema.json"
    result = subprocess.run([cjzn, "schema", "-o", str(target)], capture_output=True, check=False)
    if result.returncode != 0 or not target.exists():
        return None, "`cjzn schema` is not available"
    return target, ""


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass
class Bench:
    """One benchmark run: the tools, the corpus and what was measured."""

    cjzn: str
    work: Path
    repeat: int
    many: list[Path]
    timings: dict[str, Timing]
    notes: list[str]

    def measure(self, key: str, label: str, command: Sequence[str], repeat: int = 0) -> None:
        """Best of `repeat` runs (the better of this and an earlier measure of `key`)."""
        print(f"  {label} ...", file=sys.stderr)
        found = best_of(label, command, repeat or self.repeat)
        before = self.timings.get(key)
        if before is None or found.seconds < before.seconds:
            self.timings[key] = found


def _validate_lines(b: Bench) -> None:
    validate = [b.cjzn, "validate", "--jobs", "1"]
    one, some = b.many[:1], b.many[:250]
    b.measure("validate_1", "cjzn validate, 1 filing", [*validate, *_names(one)])
    b.measure("validate_250", "cjzn validate, 250 filings", [*validate, *_names(some)])
    b.measure("validate_1000", "cjzn validate, 1,000 filings", [*validate, *_names(b.many)])
    b.measure(
        "validate_1000_par",
        f"cjzn validate, 1,000 filings, all {os.cpu_count()} cores",
        [b.cjzn, "validate", *_names(b.many)],
    )
    python = sys.executable
    b.measure(
        "floor_1000",
        "libyaml compose floor, 1,000 filings",
        [python, "-c", COMPOSE_FLOOR, *_names(b.many)],
    )
    b.measure(
        "floor_1", "libyaml compose floor, 1 filing", [python, "-c", COMPOSE_FLOOR, *_names(one)]
    )


def _peer_lines(b: Bench) -> None:
    one = b.many[:1]
    schema, why = _schema_file(b.cjzn, b.work)
    checker = _tool("check-jsonschema")
    if schema is None or checker is None:
        b.notes.append(f"check-jsonschema skipped: {why or 'check-jsonschema is not installed'}")
    else:
        base = [checker, "--schemafile", str(schema)]
        b.measure("cjs_1", "check-jsonschema, 1 filing", [*base, *_names(one)])
        b.measure("cjs_1000", "check-jsonschema, 1,000 filings", [*base, *_names(b.many)])
    yamllint = _tool("yamllint")
    if yamllint is None:
        b.notes.append("yamllint skipped: not installed")
    else:
        b.measure("yamllint_1", "yamllint, 1 filing", [yamllint, *_names(one)])
        b.measure("yamllint_1000", "yamllint, 1,000 filings", [yamllint, *_names(b.many)])


def _render_lines(b: Bench) -> None:
    out = b.work / "rendered"
    out.mkdir(exist_ok=True)
    b.measure(
        "render_250",
        "cjzn render (HTML), 250 filings",
        [b.cjzn, "render", "--format", "html", "--force", "-o", str(out), *_names(b.many[:250])],
    )


def _pdf_lines(b: Bench, count: int, repeat: int) -> None:
    """Issue 16: separate PDFs one after another, in parallel, and one booklet."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        b.notes.append("PDF lines skipped: WeasyPrint (the pdf extra) is not installed")
        return
    folder = corpus(b.work, count)[0].parent.parent
    out = b.work / "pdf"
    render = [b.cjzn, "render", "-f", "pdf", "--force", str(folder)]
    b.measure(
        "pdf_serial",
        f"cjzn render -f pdf, {count} filings, separate files, --jobs 1",
        [*render, "-o", f"{out / 'serial'}/", "--jobs", "1"],
        repeat,
    )
    b.measure(
        "pdf_parallel",
        f"cjzn render -f pdf, {count} filings, separate files, all {os.cpu_count()} cores",
        [*render, "-o", f"{out / 'parallel'}/"],
        repeat,
    )
    b.measure(
        "pdf_booklet",
        f"cjzn render -f pdf, {count} filings, one booklet",
        [*render, "-o", str(out / "booklet.pdf")],
        repeat,
    )
    booklet = out / "booklet.pdf"
    separate = sum(p.stat().st_size for p in (out / "serial").rglob("*.pdf"))
    if booklet.exists():
        b.notes.append(
            f"sizes: booklet {booklet.stat().st_size / 1e6:.1f} MB, "
            f"{count} separate PDFs {separate / 1e6:.1f} MB in all"
        )


def _ceiling_lines(b: Bench) -> None:
    """How much faster two processes are than one on this machine right now (other load
    shows here first): the yardstick for the parallel ratios of the same run."""
    b.measure(
        "ceiling_serial", "CPU loop twice, one process", [sys.executable, "-c", CEILING, "serial"]
    )
    b.measure("ceiling_parallel", "CPU loop twice, two processes",
              [sys.executable, "-c", CEILING, "parallel"])  # fmt: skip


def _startup_lines(b: Bench) -> None:
    """Issue 16: one-file validate next to importing its libraries, interleaved."""
    label_v, label_f = "cjzn validate, 1 filing (start-up)", "import floor: " + IMPORT_FLOOR
    commands = {
        "startup_validate": (label_v, [b.cjzn, "validate", str(b.many[0])]),
        "startup_floor": (label_f, [sys.executable, "-c", IMPORT_FLOOR]),
        "startup_used": (
            "the same, with BaseModel and rich.console loaded",
            [sys.executable, "-c", USED_FLOOR],
        ),
    }
    print("  start-up: validate and the import floor, in turns ...", file=sys.stderr)
    runs: dict[str, list[tuple[float, float, int]]] = {key: [] for key in commands}
    for _ in range(max(b.repeat, 10)):  # short commands: more turns, in turns against drift
        for key, (_label, command) in commands.items():
            runs[key].append(run_once(command))
    for key, (label, _command) in commands.items():
        b.timings[key] = Timing(
            label,
            min(r[0] for r in runs[key]),
            max(r[1] for r in runs[key]),
            {r[2] for r in runs[key]},
        )


def _checks(t: dict[str, Timing], memory_count: int) -> list[tuple[str, str, str, bool]]:
    """(issue, target, measured, met) for every target whose figures this run has."""
    checks: list[tuple[str, str, str, bool]] = []

    def ratio_of(a: str, b: str) -> float | None:
        return t[a].seconds / t[b].seconds if a in t and b in t else None

    found = ratio_of("cjs_1000", "validate_1000")
    if found is not None:
        checks.append(("7", "1,000 filings: at least 12x faster than check-jsonschema",
                       f"{found:.1f}x", found >= 12))  # fmt: skip
    found = ratio_of("validate_1000", "floor_1000")
    if found is not None:
        checks.append(("7", "1,000 filings, one core: within 1.5x of the compose floor",
                       f"{found:.2f}x", found <= 1.5))  # fmt: skip
    found = ratio_of("validate_1", "yamllint_1")
    if found is not None:
        checks.append(("7", "1 filing: validate no slower than yamllint",
                       f"{found:.2f}x yamllint's time", found <= 1.0))  # fmt: skip
    if "memory" in t:
        peak = t["memory"].max_rss_mb
        checks.append(("7", f"{memory_count:,} filings: under 80 MB peak RSS", f"{peak:.0f} MB",
                       peak < 80))  # fmt: skip
    found = ratio_of("render_250", "validate_250")
    if found is not None:
        checks.append(("7", "250 filings: render within 1.5x of validate", f"{found:.2f}x",
                       found <= 1.5))  # fmt: skip
    found = ratio_of("pdf_serial", "pdf_booklet")
    if found is not None:
        checks.append(("16", "booklet at least 4x faster than separate PDFs one after another",
                       f"{found:.2f}x", found >= 4))  # fmt: skip
    found = ratio_of("pdf_serial", "pdf_parallel")
    if found is not None:
        checks.append(("16", f"separate PDFs in parallel at least 1.8x faster than serially "
                       f"({os.cpu_count()} CPUs)", f"{found:.2f}x", found >= 1.8))  # fmt: skip
    found = ratio_of("ceiling_serial", "ceiling_parallel")
    if found is not None:
        checks.append(("-", "yardstick: two processes of a CPU loop vs one (2.0x on two free cores)",
                       f"{found:.2f}x", found >= 1.8))  # fmt: skip
    found = ratio_of("startup_validate", "startup_floor")
    if found is not None:
        checks.append(("16", "1 filing: validate at most 1.3x the import floor",
                       f"{found:.2f}x", found <= 1.3))  # fmt: skip
    found = ratio_of("startup_validate", "startup_used")
    if found is not None:
        checks.append(("-", "for information: 1 filing against the libraries as used",
                       f"{found:.2f}x", found <= 1.3))  # fmt: skip
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cjzn benchmark (see the module docstring)")
    parser.add_argument("--work", type=Path, help="folder for generated filings (kept)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; best is kept")
    parser.add_argument("--memory-count", type=int, default=10_000, help="filings for peak RSS")
    parser.add_argument("--pdf-count", type=int, default=209, help="filings for the PDF lines")
    parser.add_argument("--pdf-repeat", type=int, default=0, help="runs per PDF line (--repeat)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "cjzn-bench"
    work.mkdir(parents=True, exist_ok=True)
    sections = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}; known: {SECTIONS}")
    cjzn = _tool("cjzn")
    if cjzn is None:
        print("cjzn is not installed in this environment", file=sys.stderr)
        return 2
    CHILD_ENV.update(child_env(work))
    b = Bench(cjzn, work, max(1, args.repeat), corpus(work, 1000), {}, [])
    run_once([cjzn, "validate", str(b.many[0])])  # writes the bytecode once, untimed
    if "validate" in sections:
        _validate_lines(b)
    if "peers" in sections:
        _peer_lines(b)
    if "render" in sections:
        _render_lines(b)
    if "pdf" in sections or "validate" in sections:
        _ceiling_lines(b)
    if "pdf" in sections:
        _pdf_lines(b, args.pdf_count, max(1, args.pdf_repeat or b.repeat))
        _ceiling_lines(b)  # before and after: the best of both
    if "startup" in sections:
        _startup_lines(b)
    if "memory" in sections:
        big = corpus(work, args.memory_count)
        label = f"cjzn validate, {len(big):,} filings (folder), peak RSS"
        b.measure("memory", label, [cjzn, "validate", "--jobs", "1", str(big[0].parent.parent)], 1)
    _report(b, args.memory_count, args.markdown)
    return 0


def _report(b: Bench, memory_count: int, markdown: bool) -> None:
    size = sum(path.stat().st_size for path in b.many) / len(b.many) / 1024
    print(f"\ncjzn benchmark: {len(b.many)} generated filings of {size:.1f} KB on average")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {b.repeat}")
    print(f"bytecode cached under {CHILD_ENV.get('PYTHONPYCACHEPREFIX')}\n")
    rows = [
        (t.label, f"{t.seconds:.3f} s", f"{t.max_rss_mb:.0f} MB", ",".join(map(str, sorted(t.exit_codes))))
        for t in b.timings.values()
    ]  # fmt: skip
    print(f"{'command':<60} {'time':>10} {'peak RSS':>9}  exit")
    for label, seconds, rss, codes in rows:
        print(f"{label:<60} {seconds:>10} {rss:>9}  {codes}")
    checks = _checks(b.timings, memory_count)
    print("\ntargets")
    for issue, name, value, ok in checks:
        print(f"  {_verdict(ok)}  (issue {issue}) {name}: {value}")
    for note in b.notes:
        print(f"  note: {note}")
    if markdown:
        print("\n| command | time | peak RSS |")
        print("|---|---:|---:|")
        for label, seconds, rss, _codes in rows:
            print(f"| {label} | {seconds} | {rss} |")
        print("\n| issue | target | measured | |")
        print("|---|---|---:|---|")
        for issue, name, value, ok in checks:
            print(f"| {issue} | {name} | {value} | {_verdict(ok)} |")


if __name__ == "__main__":
    sys.exit(main())
