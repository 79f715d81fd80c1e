"""Move version 1's inline `reviews:` into review files (`cjzn review --migrate`).

For each filing that has `reviews:` and no review file yet: the `reviews:` block is
cut out of the filing (every other byte kept), and each box becomes the first
decision of its level's review file, as 同意 (the form's opinion was the level's
sign-off), with the opinion, signer and date as written, the 市教委's signer being
the form's (`上海市教育委员会`), and the checksum of the filing as it is after the
cut. Review files are written first (never over an existing one), then the filing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.check import Selection, find, validate_file
from cjzn.check.naming import review_path, reviews_of
from cjzn.fileio import write_atomic
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg
from cjzn.load import Document
from cjzn.load.walk import text_at
from cjzn.options import Options
from cjzn.review.text import HEADER, append_entry, end_of_block
from cjzn.rules.review import LEVEL_NAMES

__all__ = ["MigrateRun", "Migrated", "migrate_paths", "write"]

_NOTE = "# 由 cjzn review --migrate 从备案文件的 reviews: 移来\n"
_BOM = b"\xef\xbb\xbf"
SKIP_BOTH = Msg(
    "{path}：已有审核记录文件，reviews: 没有移动（请手工合并后删去 reviews:）",
    "{path}: review files exist already; reviews: not moved (merge by hand, then delete it)",
)


@dataclass
class Migrated:
    """One filing: the files it writes (path -> text), and what was skipped and why."""

    filing: Path
    writes: dict[Path, bytes] = field(default_factory=dict)


@dataclass
class MigrateRun:
    done: list[Migrated] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def migrate_paths(
    paths: list[Path], options: Options, catalog_path: Path | None, selection: Selection | None
) -> MigrateRun:
    """Plan the migration of every filing under `paths` (nothing written: `write` does)."""
    run = MigrateRun()
    catalogs = Catalogs.from_option(catalog_path)
    for filing in find(paths, selection).files:
        result = validate_file(filing, options, catalogs)
        document = result.document
        if document is None or not isinstance(document.data, dict):
            continue
        if "reviews" not in document.data:
            continue
        if reviews_of(filing):
            run.skipped.append(SKIP_BOTH.format(options.lang, path=filing))
            continue
        catalog = result.catalog or catalogs.default()
        run.done.append(_plan(filing, document, catalog))
    return run


def _plan(filing: Path, document: Document, catalog: Catalog) -> Migrated:
    raw = filing.read_bytes()
    bom = raw.startswith(_BOM)
    text = raw[len(_BOM) :].decode("utf-8") if bom else raw.decode("utf-8")
    nl = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("reviews:"))
    kept = lines[:start] + lines[end_of_block(lines, start) :]
    new_text = nl.join(kept) + nl
    new_bytes = (_BOM if bom else b"") + new_text.encode("utf-8")
    sha = hashlib.sha256(new_bytes).hexdigest()
    migrated = Migrated(filing)
    data = document.data
    signers = {
        "district": text_at(data, ("reviews", "district", "signed_by")),
        "municipal": catalog.form.municipal_signer,
    }
    for level in LEVEL_NAMES:
        if not isinstance((data.get("reviews") or {}).get(level), dict):
            continue
        fields: list[tuple[str, str | bool | None]] = [
            ("decision", catalog.review.decisions["approve"]),
            ("opinion", text_at(data, ("reviews", level, "opinion")) or None),
            ("signed_by", signers[level] or None),
            ("date", text_at(data, ("reviews", level, "date")) or None),
            ("filing_sha256", sha),
        ]
        header = HEADER.format(level=LEVEL_NAMES[level].get("zh")) + _NOTE
        migrated.writes[review_path(filing, level)] = append_entry(
            header, "decisions", fields, 0
        ).encode("utf-8")
    migrated.writes[filing] = new_bytes
    return migrated


def write(migrated: Migrated) -> None:
    """Review files first (never over an existing file), then the filing."""
    for path, data in migrated.writes.items():
        if path != migrated.filing:
            write_atomic(path, data, overwrite=False)
    write_atomic(migrated.filing, migrated.writes[migrated.filing])
