"""Find the data that ships with cjzn (round catalogs, JSON Schema, templates).

In a wheel, `schemas/` and `templates/` are installed inside the package
(`cjzn/schemas`, `cjzn/templates`); in a source checkout they sit at the
repository root. Looking in the package first means a wheel that forgot a file
fails loudly in CI instead of silently reading the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


def data_dir(name: str) -> Path:
    """The shipped data folder `name` ("schemas" or "templates")."""
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _SOURCE_ROOT / name


def rounds_dir() -> Path:
    """Folder of the bundled round catalogs, one `<round>.yaml` per guide."""
    return data_dir("schemas") / "rounds"


def templates_dir() -> Path:
    return data_dir("templates")
