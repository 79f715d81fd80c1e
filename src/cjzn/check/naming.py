"""The names of the files a filings repo holds: filings, and the review files beside them.

Beside `天平路街道.yaml`, the district's decisions are in `天平路街道.district-review.yaml`
and the city's in `天平路街道.municipal-review.yaml`: one file per level, so that a
CODEOWNERS pattern (`*.district-review.yaml`) gives each to the reviewers who own it.
`check.discover.classify` decides what a file is; this module only reads names.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

__all__ = [
    "FILING_SUFFIXES",
    "REVIEW_LEVELS",
    "FileKind",
    "filing_of",
    "is_filing_name",
    "review_level",
    "review_path",
    "reviews_of",
]

FILING_SUFFIXES = (".yaml", ".yml")
#: The levels that review a filing, each in a file of its own beside it (`X.district-review.yaml`).
REVIEW_LEVELS = ("district", "municipal")
_REVIEW_SUFFIX = "-review"


class FileKind(str, Enum):
    """What a file met by discovery is."""

    FILING = "filing"  # a street's or town's filing
    REVIEW = "review"  # the district's or the city's decisions on the filing beside it
    EVIDENCE = "evidence"  # below an evidence folder: a filing's material
    OTHER = "other"  # not YAML, or hidden


def is_filing_name(name: str) -> bool:
    """`x.yaml`, `x.YML` …, not hidden (`.x.yaml` is an editor's or a tool's file)."""
    return name.lower().endswith(FILING_SUFFIXES) and not name.startswith(".")


def review_level(name: str) -> str | None:
    """The level a review file's name says (`天平路街道.district-review.yaml` -> `district`);
    None for a filing's (or any other) name."""
    if not is_filing_name(name):
        return None
    stem = name.rsplit(".", 1)[0].lower()
    for level in REVIEW_LEVELS:
        mark = f".{level}{_REVIEW_SUFFIX}"
        if stem.endswith(mark) and len(stem) > len(mark):
            return level
    return None


def review_path(filing: Path, level: str) -> Path:
    """Where the `level` review of `filing` is written (`X.yaml` -> `X.district-review.yaml`)."""
    return filing.with_name(f"{filing.stem}.{level}{_REVIEW_SUFFIX}{filing.suffix}")


def reviews_of(filing: Path) -> dict[str, Path]:
    """The review files beside `filing` that exist, by level (`.yaml` or `.yml`, either case)."""
    found: dict[str, Path] = {}
    for level in REVIEW_LEVELS:
        for suffix in dict.fromkeys((filing.suffix, ".yaml", ".yml")):
            candidate = filing.with_name(f"{filing.stem}.{level}{_REVIEW_SUFFIX}{suffix}")
            if _is_file(candidate):
                found[level] = candidate
                break
    return found


def filing_of(review: Path) -> Path | None:
    """The filing a review file belongs to (beside it, its name without `.level-review`), if
    it exists."""
    level = review_level(review.name)
    if level is None:
        return None
    stem = review.name.rsplit(".", 1)[0]
    base = stem[: -len(f".{level}{_REVIEW_SUFFIX}")]
    for suffix in dict.fromkeys((review.suffix, ".yaml", ".yml")):
        candidate = review.with_name(base + suffix)
        if _is_file(candidate):
            return candidate
    return None


def _is_file(path: Path) -> bool:
    """A regular file there; False for a name the system refuses (too long: ENAMETOOLONG)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
