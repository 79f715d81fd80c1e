"""Move version 1's inline `reviews:` into review files (`cjzn review --migrate`).

What the old contract (filing-format.md, `reviews`) meant is migrated, nothing more:

- a `reviews:` block with nothing written in it (the empty boxes `cjzn init` wrote
  before review files) records no review: it is cut out of the filing (every other
  byte kept) and no review file is written; beside review files it is left alone (it
  counts as absent, and cutting it would change the filing the reviewers decided on);
- a box with a `date` was that level's sign-off (the workflow counts a dated box as
  the district's approval, the city's acceptance): it becomes the first decision of
  its level's review file, as 同意, with the opinion, signer and date as written, the
  市教委's signer being the form's (`上海市教育委员会`), and the checksum of the
  filing as it is after the cut; what the box lacks stays missing, with a note (in
  the run's output and as a comment in the review file);
- a box with values but no `date` was no decision of the old contract (neither
  同意 nor 退回修改 can be told from it): the filing is left as it is, with a note,
  for a person to date the box or clear it;
- a filing with review files already keeps its block, with a note (merge by hand).

Review files are written first (never over an existing one), then the filing.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.check import Selection, find, validate_file
from cjzn.check.naming import review_path, reviews_of
from cjzn.fileio import write_atomic
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg, join
from cjzn.load import Document
from cjzn.load.edits import line_starts
from cjzn.load.walk import blank, text_at, value_at
from cjzn.model import inline_reviews
from cjzn.options import Options
from cjzn.review.text import HEADER, append_entry, end_of_block
from cjzn.rules.review import LEVEL_NAMES

__all__ = ["MigrateRun", "Migrated", "migrate_paths", "write"]

_NOTE = "# 由 cjzn review --migrate 从备案文件的 reviews: 移来（有日期的意见记为“同意”）\n"
_LACKS = "# reviews: 中没有写：{fields}\n"
_BREAKS = "\r\n\x85\u2028\u2029"
_BOM = b"\xef\xbb\xbf"
SKIP_BOTH = Msg(
    "{path}：已有审核记录文件，reviews: 没有移动（请手工合并后删去 reviews:）",
    "{path}: review files exist already; reviews: not moved (merge by hand, then delete it)",
)
SKIP_UNDATED = Msg(
    "{path}:{line}:{column}：reviews: 中{level}的意见没有日期，看不出是否已同意，没有移动"
    "（已同意的请补上日期，否则删去这一栏，再运行 cjzn review --migrate）",
    "{path}:{line}:{column}: the {level}'s box under reviews: has no date, so whether it was "
    "approved cannot be told; not moved (date the box if it was approved, else clear it, "
    "then run cjzn review --migrate again)",
)
SKIP_LAYOUT = Msg(
    "{path}：找不到 reviews: 所在的行（它不是写在行首的键），没有移动：请手工移动",
    "{path}: reviews: is not a key at the start of a line; not moved: move it by hand",
)
LACKS = Msg(
    "{level}：reviews: 中没有写{fields}，审核记录中也空着（请{level}补上）",
    "{level}: reviews: has no {fields}; the review file leaves it empty (the {level} adds it)",
)
_FIELDS = ("opinion", "signed_by", "date")


@dataclass
class Migrated:
    """One filing: the files it writes (path -> bytes), and what is missing from them.

    `emptied`: the block held nothing, so it is only cut out of the filing."""

    filing: Path
    writes: dict[Path, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    emptied: bool = False


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
    lang = options.lang
    for filing in find(paths, selection).files:
        result = validate_file(filing, options, catalogs)
        document = result.document
        if document is None or not isinstance(document.data, dict):
            continue
        if "reviews" not in document.data:
            continue
        written, reviewed = inline_reviews(document.data), bool(reviews_of(filing))
        if not written and reviewed:
            continue  # counts as absent; cutting it would change what the reviewers decided on
        cut = _cut(filing, document)
        if cut is None:
            run.skipped.append(SKIP_LAYOUT.format(lang, path=filing))
        elif not written:
            run.done.append(Migrated(filing, {filing: cut}, emptied=True))
        elif reviewed:
            run.skipped.append(SKIP_BOTH.format(lang, path=filing))
        elif undated := _undated(document):
            run.skipped.extend(_undated_notes(filing, document, undated, lang))
        else:
            run.done.append(
                _plan(filing, document, result.catalog or catalogs.default(), cut, lang)
            )
    return run


def _cut(filing: Path, document: Document) -> bytes | None:
    """The filing's bytes without its `reviews:` block, cut at the lines YAML counts (CRLF,
    CR-only, NEL, U+2028), so every other byte is kept, line breaks included; None when the
    block's key is not at the start of its line (a layout cjzn does not cut)."""
    raw = filing.read_bytes()
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:  # changed since it was read
        return None
    starts = [*line_starts(text), len(text)]
    pieces = [text[a:b] for a, b in itertools.pairwise(starts) if a < b]  # each with its break
    lines = [piece.rstrip(_BREAKS) for piece in pieces]
    line, column = document.locate_key(("reviews",))
    start = line - 1
    if column != 1 or not 0 <= start < len(lines) or not lines[start].startswith("reviews"):
        return None
    kept = pieces[:start] + pieces[end_of_block(lines, start) :]
    return bom + "".join(kept).encode("utf-8")


def _undated(document: Document) -> list[str]:
    """The levels whose box has values but no date."""
    data = document.data
    return [
        level
        for level in LEVEL_NAMES
        if not blank(value_at(data, ("reviews", level)))
        and not text_at(data, ("reviews", level, "date"))
    ]


def _undated_notes(filing: Path, document: Document, levels: list[str], lang: str) -> list[str]:
    notes = []
    for level in levels:
        line, column = document.locate_key(("reviews", level))
        name = LEVEL_NAMES[level].get(lang)
        notes.append(SKIP_UNDATED.format(lang, path=filing, line=line, column=column, level=name))
    return notes


def _plan(filing: Path, document: Document, catalog: Catalog, cut: bytes, lang: str) -> Migrated:
    sha = hashlib.sha256(cut).hexdigest()
    migrated = Migrated(filing)
    data = document.data
    for level in LEVEL_NAMES:
        if blank(value_at(data, ("reviews", level))):
            continue
        written = {key: text_at(data, ("reviews", level, key)) for key in _FIELDS}
        if level == "municipal":
            written["signed_by"] = catalog.form.municipal_signer
        fields: list[tuple[str, str | bool | None]] = [
            ("decision", catalog.review.decisions["approve"]),
            *((key, written[key] or None) for key in _FIELDS),
            ("filing_sha256", sha),
        ]
        header = HEADER.format(level=LEVEL_NAMES[level].get("zh")) + _NOTE
        lacking = [key for key in _FIELDS if not written[key]]
        if lacking:
            header += _LACKS.format(fields=_labels(catalog, level, lacking, "zh"))
            migrated.notes.append(
                LACKS.format(
                    lang,
                    level=LEVEL_NAMES[level].get(lang),
                    fields=_labels(catalog, level, lacking, lang),
                )
            )
        migrated.writes[review_path(filing, level)] = append_entry(
            header, "decisions", fields, 0
        ).encode("utf-8")
    migrated.writes[filing] = cut
    return migrated


_LABEL = Msg("{label}（{key}）", "{key}")


def _labels(catalog: Catalog, level: str, keys: list[str], lang: str) -> str:
    """`指导意见（opinion）、负责人签字（signed_by）`: the form's words and the keys."""
    words = [
        _LABEL.format(lang, label=catalog.label(f"reviews.{level}.{key}", lang) or key, key=key)
        for key in keys
    ]
    return join(words, lang)


def write(migrated: Migrated) -> None:
    """Review files first (never over an existing file), then the filing."""
    for path, data in migrated.writes.items():
        if path != migrated.filing:
            write_atomic(path, data, overwrite=False)
    write_atomic(migrated.filing, migrated.writes[migrated.filing])
