"""Time `cjzn` against the parsing floor and its peers, as whole processes, in one run.

Usage: python bench/run.py [--work DIR] [--repeat 3] [--memory-count 10000] [--markdown]

Generates realistic filings with bench/generate.py (once; reused from --work), then
times each command as a subprocess (wall clock, best of --repeat) and records its
peak memory (ru_maxrss of the child, from os.wait4):

- `cjzn validate --jobs 1` on 1, 250 and 1,000 filings (one core), and the default
  (parallel) run on 1,000 for information;
- the libyaml compose floor: one Python process composing each file with CSafeLoader;
- `check-jsonschema` with the schema from `cjzn schema` on the same files;
- `yamllint` (default config) on the same files;
- `cjzn render` of 250 filings to HTML;
- peak memory of `cjzn validate --jobs 1` over --memory-count filings.

It prints each figure, the ratios against the baselines of the same run and the
targets of issue 7 with PASS / MISS. Needs the `bench` extra (check-jsonschema,
yamllint); a missing tool skips its lines with a note.
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


def run_once(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall-clock seconds, peak RSS in MB and exit code of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cjzn benchmark (see the module docstring)")
    parser.add_argument("--work", type=Path, help="folder for generated filings (kept)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command; best is kept")
    parser.add_argument("--memory-count", type=int, default=10_000, help="filings for peak RSS")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "cjzn-bench"
    work.mkdir(parents=True, exist_ok=True)
    repeat = max(1, args.repeat)

    cjzn = _tool("cjzn")
    if cjzn is None:
        print("cjzn is not installed in this environment", file=sys.stderr)
        return 2
    python = sys.executable
    many = corpus(work, 1000)
    some = many[:250]
    one = many[:1]
    notes: list[str] = []
    timings: dict[str, Timing] = {}

    def measure(key: str, label: str, command: Sequence[str]) -> None:
        print(f"  {label} ...", file=sys.stderr)
        timings[key] = best_of(label, command, repeat)

    validate = [cjzn, "validate", "--jobs", "1"]
    measure("validate_1", "cjzn validate, 1 filing", [*validate, *_names(one)])
    measure("validate_250", "cjzn validate, 250 filings", [*validate, *_names(some)])
    measure("validate_1000", "cjzn validate, 1,000 filings", [*validate, *_names(many)])
    measure(
        "validate_1000_par",
        f"cjzn validate, 1,000 filings, all {os.cpu_count()} cores",
        [cjzn, "validate", *_names(many)],
    )
    measure(
        "floor_1000",
        "libyaml compose floor, 1,000 filings",
        [python, "-c", COMPOSE_FLOOR, *_names(many)],
    )
    measure(
        "floor_1", "libyaml compose floor, 1 filing", [python, "-c", COMPOSE_FLOOR, *_names(one)]
    )

    schema, why = _schema_file(cjzn, work)
    checker = _tool("check-jsonschema")
    if schema is None or checker is None:
        notes.append(f"check-jsonschema skipped: {why or 'check-jsonschema is not installed'}")
    else:
        base = [checker, "--schemafile", str(schema)]
        measure("cjs_1", "check-jsonschema, 1 filing", [*base, *_names(one)])
        measure("cjs_1000", "check-jsonschema, 1,000 filings", [*base, *_names(many)])

    yamllint = _tool("yamllint")
    if yamllint is None:
        notes.append("yamllint skipped: not installed")
    else:
        measure("yamllint_1", "yamllint, 1 filing", [yamllint, *_names(one)])
        measure("yamllint_1000", "yamllint, 1,000 filings", [yamllint, *_names(many)])

    out = work / "rendered"
    out.mkdir(exist_ok=True)
    measure(
        "render_250",
        "cjzn render (HTML), 250 filings",
        [cjzn, "render", "--format", "html", "--force", "-o", str(out), *_names(some)],
    )

    big = corpus(work, args.memory_count)
    folder = big[0].parent.parent
    label = f"cjzn validate, {len(big):,} filings (folder), peak RSS"
    print(f"  {label} ...", file=sys.stderr)
    timings["memory"] = best_of(label, [*validate, str(folder)], 1)

    size = sum(path.stat().st_size for path in many) / len(many) / 1024
    print(f"\ncjzn benchmark: {len(many)} generated filings of {size:.1f} KB on average")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {repeat}\n")
    rows = [
        (
            t.label,
            f"{t.seconds:.3f} s",
            f"{t.max_rss_mb:.0f} MB",
            ",".join(map(str, sorted(t.exit_codes))),
        )
        for t in timings.values()
    ]
    print(f"{'command':<52} {'time':>10} {'peak RSS':>9}  exit")
    for label, seconds, rss, codes in rows:
        print(f"{label:<52} {seconds:>10} {rss:>9}  {codes}")

    checks: list[tuple[str, str, bool]] = []
    t = timings
    if "cjs_1000" in t:
        ratio = t["cjs_1000"].seconds / t["validate_1000"].seconds
        checks.append(
            (
                "1,000 filings: at least 12x faster than check-jsonschema",
                f"{ratio:.1f}x",
                ratio >= 12,
            )
        )
    ratio = t["validate_1000"].seconds / t["floor_1000"].seconds
    checks.append(
        ("1,000 filings, one core: within 1.5x of the compose floor", f"{ratio:.2f}x", ratio <= 1.5)
    )
    if "yamllint_1" in t:
        ratio = t["validate_1"].seconds / t["yamllint_1"].seconds
        checks.append(
            (
                "1 filing: validate no slower than yamllint",
                f"{ratio:.2f}x yamllint's time",
                ratio <= 1.0,
            )
        )
    peak = t["memory"].max_rss_mb
    checks.append((f"{len(big):,} filings: under 80 MB peak RSS", f"{peak:.0f} MB", peak < 80))
    ratio = t["render_250"].seconds / t["validate_250"].seconds
    checks.append(("250 filings: render within 1.5x of validate", f"{ratio:.2f}x", ratio <= 1.5))
    print("\ntargets (issue 7)")
    for name, value, ok in checks:
        print(f"  {_verdict(ok)}  {name}: {value}")
    for note in notes:
        print(f"  note: {note}")

    if args.markdown:
        print(f"\n| command | time (best of {repeat}) | peak RSS |")
        print("|---|---:|---:|")
        for label, seconds, rss, _codes in rows:
            print(f"| {label} | {seconds} | {rss} |")
        print("\n| target | measured | |")
        print("|---|---:|---|")
        for name, value, ok in checks:
            print(f"| {name} | {value} | {_verdict(ok)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
