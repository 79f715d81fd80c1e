"""The TOML parser: the standard library's `tomllib`, or `tomli` (the same code) on Python 3.10."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the backport, a conditional dependency
    import tomli as tomllib

__all__ = ["tomllib"]
