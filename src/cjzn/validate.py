"""Validate filings: the one library call behind `cjzn validate`.

Finds the files, loads each strictly, checks it against the model and runs
every registered rule, then the repo-wide rules across all files. Nothing
here prints or exits; the CLI maps the `Report` to output and an exit code.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cjzn.catalog import Catalog, bundled_rounds, catalog_for_round, load_catalog
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.fields import ROUND
from cjzn.loader import Document, load_path
from cjzn.messages import quote
from cjzn.model import Filing
from cjzn.rules import RULES, Options, RuleContext
from cjzn.rules.repo import apply_repo_rules
from cjzn.schema import check_document

FILING_SUFFIXES = (".yaml", ".yml")
SHANGHAI = ZoneInfo("Asia/Shanghai")


class UsageError(Exception):
    """A problem with how cjzn was called (exit code 2), not with a filing."""


@dataclass(frozen=True)
class UnitKey:
    """Which unit a filing is for, and where its name is written (for R001)."""

    round: str
    district: str
    name: str
    line: int
    column: int


def _unit_key(document: Document) -> UnitKey | None:
    data = document.data
    unit = data.get("unit")
    if not isinstance(unit, dict):
        return None
    name, district, round_name = (
        value.strip() if isinstance(value, str) else ""
        for value in (unit.get("name"), unit.get("district"), data.get("round"))
    )
    if not (name and district):
        return None
    line, column = document.locate(("unit", "name"))
    return UnitKey(round_name, district, name, line, column)


@dataclass
class FileResult:
    """Everything known about one filing after validation."""

    file: str
    path: Path | None
    diagnostics: list[Diagnostic]
    document: Document | None = None
    filing: Filing | None = None
    catalog: Catalog | None = None
    unit: UnitKey | None = None  # what the repo-wide rules need, kept when the rest is dropped

    def slim(self) -> FileResult:
        """Drop the parsed document and model: a 10,000-file run keeps only diagnostics."""
        self.document = self.filing = self.catalog = None
        return self

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)


@dataclass
class Report:
    """The result of one run over any number of files."""

    results: list[FileResult] = field(default_factory=list)
    options: Options = field(default_factory=Options)

    @property
    def problems(self) -> list[Diagnostic]:
        return sorted((d for r in self.results for d in r.diagnostics), key=sort_key)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.results)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems found."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def today_in_shanghai() -> date:
    """The programme's calendar is Shanghai's, wherever CI runs."""
    return datetime.now(SHANGHAI).date()


def discover(paths: Sequence[Path]) -> list[Path]:
    """The filings named by `paths`: files as given, directories searched for *.yaml / *.yml.

    Hidden folders (.git, .github) are skipped and symlinked folders are not
    followed, so a symlink loop cannot hang the walk.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
        else:
            what = ("不是普通文件或目录", "is not a regular file or folder")
            if not path.exists():
                what = ("路径不存在", "path does not exist")
            raise UsageError(f"{what[0]} / {what[1]}: {path}")
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.normpath(path), path)
    return list(unique.values())


def _walk(root: Path) -> Iterable[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(FILING_SUFFIXES) and not name.startswith("."):
                yield Path(folder) / name


def default_catalog() -> Catalog:
    """The newest bundled round: used to name fields when a filing's round is unknown."""
    newest = sorted(bundled_rounds())[-1]
    catalog = catalog_for_round(newest)
    assert catalog is not None
    return catalog


def resolve_catalog(catalog_path: Path | None) -> Catalog | None:
    """`--catalog FILE` (raises `CatalogError` when broken), or None for the bundled rounds."""
    if catalog_path is None:
        return None
    if not catalog_path.is_file():
        raise UsageError(f"目录文件不存在 / catalog file does not exist: {catalog_path}")
    return load_catalog(catalog_path)


def validate_file(
    path: Path,
    options: Options,
    catalog_override: Catalog | None = None,
    loaded: tuple[Document | None, list[Diagnostic]] | None = None,
) -> FileResult:
    """Load, check and run the rules on one filing (`loaded`: what `load_path` already gave)."""
    document, diagnostics = (
        loaded if loaded is not None else load_path(path, str(path), options.lang)
    )
    result = FileResult(file=str(path), path=path, diagnostics=diagnostics, document=document)
    if document is None:
        return result
    result.unit = _unit_key(document)
    catalog, round_problem = _catalog_for(document, catalog_override, options.lang)
    if round_problem is not None:
        diagnostics.append(round_problem)
    filing, schema_problems = check_document(
        document, catalog, options.lang, labels=catalog or default_catalog()
    )
    diagnostics.extend(schema_problems)
    result.filing, result.catalog = filing, catalog
    context = rule_context(result, options)
    if context is not None:
        found = [d for rule in RULES.values() for d in rule.check(context)]
        diagnostics.extend(_without_restatements(found, diagnostics))
    diagnostics.sort(key=sort_key)
    return result


def rule_context(result: FileResult, options: Options) -> RuleContext | None:
    """What the rules see of a checked filing (None when it could not be checked).

    `cjzn status` builds its timeline through this too, so evidence is judged
    from the same folder and filings repo as in `validate`.
    """
    if result.document is None or result.filing is None or result.catalog is None:
        return None
    path = result.path
    return RuleContext(
        filing=result.filing,
        document=result.document,
        catalog=result.catalog,
        options=options,
        base_dir=path.parent if path is not None else None,
        repo_root=find_repo_root(path) if path is not None else None,
    )


def _without_restatements(
    stage_and_rule: list[Diagnostic], value_problems: list[Diagnostic]
) -> list[Diagnostic]:
    """Drop a deadline diagnostic about a value already reported as wrong.

    `status: finished` is one mistake: F008 says what is wrong with it, so the
    S3 rule need not also call the item "not done" at the same spot.
    """
    wrong = {d.path for d in value_problems if d.is_error and d.path}
    if not wrong:
        return stage_and_rule

    def restates(diagnostic: Diagnostic) -> bool:
        return diagnostic.code.startswith("T") and any(
            diagnostic.path == path or diagnostic.path.startswith(path + ".") for path in wrong
        )

    return [d for d in stage_and_rule if not restates(d)]


def _catalog_for(
    document: Document, override: Catalog | None, lang: str
) -> tuple[Catalog | None, Diagnostic | None]:
    """The catalog the filing's `round:` picks, or the diagnostic why there is none."""
    round_name = document.data.get("round")
    if not isinstance(round_name, str):
        return override, None  # missing or not text: the model reports it
    if override is not None:
        if round_name.strip() == override.round:
            return override, None
        return None, _round_problem(document, round_name, [override.round], lang)
    catalog = catalog_for_round(round_name.strip())
    if catalog is None:
        return None, _round_problem(document, round_name, sorted(bundled_rounds()), lang)
    return catalog, None


def _round_problem(document: Document, value: str, known: list[str], lang: str) -> Diagnostic:
    line, column = document.locate(("round",))
    return ROUND.diagnostic(
        lang=lang,
        file=document.file,
        line=line,
        column=column,
        path="round",
        value=quote(value, lang),
        known=", ".join(known),
    )


def find_repo_root(path: Path) -> Path:
    """The git work tree holding `path`; the filing's own folder when there is none."""
    return _repo_root_of(path.resolve().parent)


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _repo_root_of(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def validate_paths(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    *,
    jobs: int | None = None,
    progress: ProgressHook | None = None,
    keep_documents: bool = True,
) -> Report:
    """Validate every filing under `paths`; raises `UsageError` / `CatalogError` for bad calls.

    `jobs`: worker processes (None: automatic, 1: serial); `progress(done, total)`
    is called as files finish, for a progress bar. `keep_documents=False` keeps only
    the diagnostics of each file (flat memory for large repos: what `cjzn validate` needs).
    """
    override = resolve_catalog(catalog_path)
    files = discover(paths)
    _repo_root_of.cache_clear()  # a repo may have been created since the last run
    report = Report(options=options)
    report.results = _validate_all(files, options, override, jobs, progress, keep_documents)
    apply_repo_rules(report.results, options)
    return report


# --- many files: in parallel across cores, in the same order as serially ----------

ProgressHook = Callable[[int, int], None]
PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


def _cpu_count() -> int:
    """The cores this process may use (a container's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_count(files: int, jobs: int | None) -> int:
    """How many processes: `--jobs N` as given, automatic only for large runs on many cores."""
    if jobs is not None and jobs >= 1:
        return max(1, min(jobs, files))
    if files <= PARALLEL_MIN_FILES:
        return 1
    return max(1, min(_cpu_count(), files))


def _validate_chunk(
    files: list[Path], options: Options, override: Catalog | None, keep: bool = True
) -> list[FileResult]:
    """A worker's share. Catalogs stay behind (the parent re-attaches its own, cached ones)."""
    results = []
    for path in files:
        result = validate_file(path, options, override)
        result.catalog = None
        # slim each file as soon as it is checked: nothing but diagnostics is held or pickled
        results.append(result if keep else result.slim())
    return results


def _validate_all(
    files: list[Path],
    options: Options,
    override: Catalog | None,
    jobs: int | None = None,
    progress: ProgressHook | None = None,
    keep: bool = True,
) -> list[FileResult]:
    """Every file's result, in `files` order whether run serially or across processes."""
    total = len(files)
    workers = worker_count(total, jobs)
    if workers > 1:
        results = _validate_parallel(files, options, override, workers, progress, keep)
        if results is not None:
            return results
    results = []
    for done, path in enumerate(files, start=1):
        result = validate_file(path, options, override)
        results.append(result if keep else result.slim())
        if progress is not None:
            progress(done, total)
    return results


def _validate_parallel(
    files: list[Path],
    options: Options,
    override: Catalog | None,
    workers: int,
    progress: ProgressHook | None,
    keep: bool = True,
) -> list[FileResult] | None:
    """Chunks of files across `workers` processes; None when processes cannot be started."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, -(-len(files) // (workers * 4)))  # a few chunks per worker balance the load
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    parts: list[list[FileResult]] = [[] for _ in chunks]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_validate_chunk, chunk, options, override, keep): number
                for number, chunk in enumerate(chunks)
            }
            done = 0
            for future in as_completed(futures):
                parts[futures[future]] = future.result()
                done += len(parts[futures[future]])
                if progress is not None:
                    progress(done, len(files))
    except (OSError, NotImplementedError, BrokenProcessPool):
        return None  # no process support here (a sandbox, a killed worker): run serially
    results = [result for part in parts for result in part]
    for result in results:
        if result.document is not None:
            result.catalog = _catalog_for(result.document, override, options.lang)[0]
    return results
