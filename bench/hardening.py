"""Issue 17's benchmark rows: PDF time for one long cell, and memory of status/report.

Usage: python bench/hardening.py [--work DIR] [--repeat 3] [--memory-count 10000] [--markdown]

- PDF: one filing whose first `measures` is 100, 1,000, 2,500, 5,000 and 10,000
  characters, rendered with `cjzn render -o x.pdf` (whole processes, best of
  --repeat). Printed: each time, the time the cell adds to the 100-character
  form, and that extra time per 1,000 characters, which stays about constant
  when the cost grows linearly (it grew with the length before: quadratic).
  Needs the `pdf` extra.
- Memory: peak RSS of `cjzn validate`, `cjzn status` (text and JSON) and
  `cjzn report` (HTML and JSON) over --memory-count generated filings
  (bench/generate.py), each with the default workers, and the ratio of each to
  validate's (target: within 2x).

Ratios within one run, never timed assertions (tests/render/test_pdf_runs.py checks
the mechanism without a clock).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import CHILD_ENV, Timing, _tool, best_of, child_env, corpus  # noqa: E402

EXAMPLE = HERE.parent / "examples" / "filings" / "徐汇区" / "天平路街道.yaml"
LENGTHS = (100, 1_000, 2_500, 5_000, 10_000)  # 100: the form without a long cell
TEXT = "将社区教育纳入街道年度工作计划，定期研究部署，落实经费和人员。"


def long_cell_filing(folder: Path, length: int) -> Path:
    """The example filing with its first `measures` `length` characters long."""
    body = (TEXT * (length // len(TEXT) + 1))[:length]
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"(\n    measures: )[^\n]*", lambda m: m.group(1) + body, text, count=1)
    path = folder / f"cell-{length}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def pdf_rows(cjzn: str, work: Path, repeat: int) -> list[tuple[str, str, str]]:
    folder = work / "long-cells"
    folder.mkdir(parents=True, exist_ok=True)
    times: dict[int, Timing] = {}
    for length in LENGTHS:
        filing = long_cell_filing(folder, length)
        target = folder / f"cell-{length}.pdf"
        print(f"  pdf, {length:,} characters ...", file=sys.stderr)
        command = [cjzn, "render", str(filing), "-o", str(target), "--force"]
        times[length] = best_of(f"pdf {length}", command, repeat)
    base = times[LENGTHS[0]].seconds
    rows = [(f"cjzn render -o x.pdf, cell of {LENGTHS[0]:,} characters", f"{base:.2f} s", "")]
    for length in LENGTHS[1:]:
        extra = times[length].seconds - base
        per = extra / (length / 1000)
        rows.append(
            (
                f"cjzn render -o x.pdf, one cell of {length:,} characters",
                f"{times[length].seconds:.2f} s",
                f"+{extra:.2f} s for the cell, {per:.2f} s per 1,000 characters",
            )
        )
    return rows


def memory_rows(cjzn: str, work: Path, count: int) -> list[tuple[str, str, str]]:
    folder = corpus(work, count)[0].parent.parent
    commands = {
        "validate": [cjzn, "validate", str(folder)],
        "status": [cjzn, "status", str(folder)],
        "status --format json": [cjzn, "status", "--format", "json", str(folder)],
        "report": [cjzn, "report", str(folder)],
        "report --format json": [cjzn, "report", "--format", "json", str(folder)],
    }
    peaks = {}
    for name, command in commands.items():
        print(f"  {name}, {count:,} filings ...", file=sys.stderr)
        peaks[name] = best_of(name, command, 1)
    base = peaks["validate"].max_rss_mb
    return [
        (
            f"cjzn {name}, {count:,} filings, peak RSS",
            f"{timing.max_rss_mb:.0f} MB ({timing.seconds:.1f} s)",
            f"{timing.max_rss_mb / base:.2f}x validate's",
        )
        for name, timing in peaks.items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="issue 17's benchmark rows (module docstring)")
    parser.add_argument("--work", type=Path, help="folder for generated filings (kept)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per PDF; best is kept")
    parser.add_argument("--memory-count", type=int, default=10_000, help="filings for peak RSS")
    parser.add_argument("--skip-pdf", action="store_true", help="only the memory rows")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.gettempdir()) / "cjzn-bench"
    cjzn = _tool("cjzn")
    if cjzn is None:
        print("cjzn is not installed in this environment", file=sys.stderr)
        return 2
    CHILD_ENV.update(child_env(work))  # as installed: with bytecode (run.py)
    rows = [] if args.skip_pdf else pdf_rows(cjzn, work, max(1, args.repeat))
    rows += memory_rows(cjzn, work, args.memory_count)
    for label, value, ratio in rows:
        print(f"{label:<56} {value:>20}  {ratio}")
    if args.markdown:
        print("\n| measurement | value | ratio |\n|---|---:|---|")
        for label, value, ratio in rows:
            print(f"| {label} | {value} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
