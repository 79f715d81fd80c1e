"""`cjzn validate` stays light: no Jinja2, python-docx or PDF code is imported for it.

Run in a fresh interpreter (this test process has imported everything already):
import the CLI, validate one filing through CliRunner, then look at sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Render-only libraries, and phonenumbers' geocoder (0.3 s of city names: only for a
#: landline outside Shanghai, which the example filings do not have).
HEAVY = [
    "jinja2",
    "docx",
    "weasyprint",
    "markupsafe",
    "cjzn.render",
    "cjzn.report",
    "cjzn.init",
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
]

SCRIPT = """
import json, sys
from typer.testing import CliRunner
from cjzn.cli import app
result = CliRunner().invoke(app, ["validate", *sys.argv[1:]])
print(json.dumps({"exit": result.exit_code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*args: str) -> tuple[int, set[str]]:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    answer = json.loads(completed.stdout.strip().splitlines()[-1])
    return answer["exit"], set(answer["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_validate_imports_no_render_code() -> None:
    code, modules = _modules_after(
        str(ROOT / "examples" / "filings" / "徐汇区" / "天平路街道.yaml")
    )
    assert code == 0  # the complete example is clean at any date
    assert "cjzn.check.pipeline" in modules  # the check ran
    assert _heavy(modules) == []


def test_validate_json_and_broken_file_import_no_render_code(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("cjzn: 1\nround: [\n", encoding="utf-8")
    code, modules = _modules_after("--format", "json", str(broken))
    assert code == 1
    assert _heavy(modules) == []


def test_the_check_can_fail() -> None:
    """The same probe does see Jinja2 once something imports it."""
    assert _heavy({"jinja2", "jinja2.environment", "os"}) == ["jinja2", "jinja2.environment"]
