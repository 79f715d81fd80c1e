"""Run a code's documented examples: each passing one must not raise it, each failing one must.

The examples live next to each code (`CodeInfo.passing` / `failing`); the test
suite runs all of them, so a rule without examples, or with examples that no
longer do what they say, fails the suite.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from cjzn.check.pipeline import validate_file, validate_paths
from cjzn.config import CONFIG_NAME, ConfigError
from cjzn.diagnostics import Diagnostic, Example
from cjzn.options import Options

__all__ = ["run_example", "write_example"]


def write_example(example: Example, folder: Path) -> Path:
    """Write the example's files into `folder`; the path of its filing."""
    for name, text in example.files:
        target = folder / name
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    filing = folder / example.name
    if not filing.exists():
        filing.parent.mkdir(parents=True, exist_ok=True)
        filing.write_bytes(example.content())
    return filing


def run_example(example: Example, lang: str = "zh") -> list[Diagnostic]:
    """Every diagnostic of the example's run (all its files, judged as of its date).

    A `cjzn.toml` among the example's files is the run's configuration (a broken
    one gives its C diagnostics, as `cjzn validate` would before exiting 2); any
    other configuration, above the temporary folder, is never read.
    """
    with tempfile.TemporaryDirectory(prefix="cjzn-example-") as name:
        folder = Path(name)
        filing = write_example(example, folder)
        config = folder / CONFIG_NAME
        options = Options(
            lang=lang,
            as_of=date.fromisoformat(example.as_of),
            config=config if config.is_file() else None,
            no_config=not config.is_file(),
        )
        if filing.is_dir():  # the filing itself cannot be read: check it by name
            return validate_file(filing, options).diagnostics
        try:
            report = validate_paths([folder] if example.files else [filing], options)
        except ConfigError as exc:
            return list(exc.diagnostics)
    waived = [d for result in report.results for d in result.waived]
    return [*report.problems, *waived]
