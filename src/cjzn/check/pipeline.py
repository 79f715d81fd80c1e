"""Validate filings: discover -> load -> model -> timeline -> rules, once per filing.

The one library call behind `cjzn validate` (and the first step of `status`,
`report` and `render`). Nothing here prints or exits; the CLI maps the
`Report` to output and an exit code.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from cjzn.check.discover import Selection, find, find_repo_root, folders_above, forget_repo_roots
from cjzn.check.naming import filing_of, review_level
from cjzn.check.parallel import ProgressHook, run_all
from cjzn.check.policy import Policy
from cjzn.check.result import FileResult, Report
from cjzn.check.reviews import read_reviews
from cjzn.check.workflow import changed_since_review, workflow_state
from cjzn.diagnostics import Diagnostic, sort_key
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import quote
from cjzn.load import Document, Loaded, load_path
from cjzn.model import Filing, check_document
from cjzn.model.codes import ROUND
from cjzn.options import Options, effective_as_of
from cjzn.rules import REPO_RULES, RULES, RuleContext, unit_key
from cjzn.rules.review import orphan
from cjzn.stages import Subject, evaluate
from cjzn.text import display_path

__all__ = ["catalog_for", "rule_context", "validate_file", "validate_paths"]


def validate_file(
    path: Path,
    options: Options,
    catalogs: Catalogs | None = None,
    loaded: Loaded | None = None,
    reviews: Mapping[str, bytes] | None = None,
) -> FileResult:
    """Load, check, place on the timeline and run the rules on one filing, then its review files.

    `loaded`: what `load_path` already gave for it (render reads the filing date first);
    `reviews`: a level's review file as it would be (checked instead of the one on disk).
    """
    catalogs = catalogs or Catalogs()
    document, diagnostics = (
        loaded if loaded is not None else load_path(path, display_path(path), options.lang)
    )
    result = FileResult(
        file=display_path(path), path=path, diagnostics=diagnostics, document=document
    )
    if document is None:
        return result
    result.readable = True
    catalog, round_problem = catalog_for(document, catalogs, options.lang)
    result.unit = unit_key(document, catalog)
    if round_problem is not None:
        diagnostics.append(round_problem)
    labels = catalog or catalogs.default()
    filing, schema_problems = check_document(document, catalog, options.lang, labels=labels)
    diagnostics.extend(schema_problems)
    result.filing, result.catalog = filing, catalog
    if filing is not None and catalog is not None:
        context = rule_context(filing, document, catalog, options, path)
        result.timeline = context.timeline
        found = [d for rule in RULES.values() for d in rule.check(context)]
        diagnostics.extend(_without_restatements(found, diagnostics))
    read_reviews(path, result, options, labels, reviews)
    if filing is not None and catalog is not None:
        result.workflow = workflow_state(filing, result.trail, catalog)
        result.changed_since_review = changed_since_review(result.trail, catalog)
    diagnostics.sort(key=sort_key)
    return result


def rule_context(
    filing: Filing,
    document: Document,
    catalog: Catalog,
    options: Options,
    path: Path | None = None,
) -> RuleContext:
    """What the rules see: the filing, its folder and repo, and its timeline (evaluated here,
    once per filing)."""
    base_dir = path.parent if path is not None else None
    repo_root = find_repo_root(path) if path is not None else None
    folders = tuple(folders_above(path)) if path is not None else ()
    subject = Subject(filing, document.data, catalog, base_dir, repo_root)
    timeline = evaluate(subject, effective_as_of(options.as_of), options.stage)
    return RuleContext(filing, document, catalog, options, timeline, base_dir, repo_root, folders)


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


def catalog_for(
    document: Document, catalogs: Catalogs, lang: str
) -> tuple[Catalog | None, Diagnostic | None]:
    """The catalog the filing's `round:` picks, or the diagnostic why there is none."""
    round_name = document.data.get("round")
    if not isinstance(round_name, str):
        return catalogs.override, None  # missing or not text: the model reports it
    catalog = catalogs.for_round(round_name)
    if catalog is not None:
        return catalog, None
    line, column = document.locate(("round",))
    problem = ROUND.diagnostic(
        lang=lang,
        file=document.file,
        line=line,
        column=column,
        path="round",
        value=quote(round_name, lang),
        known=", ".join(catalogs.known_rounds()),
    )
    return None, problem


def validate_paths(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    *,
    jobs: int | None = None,
    progress: ProgressHook | None = None,
    keep_documents: bool = True,
    selection: Selection | None = None,
) -> Report:
    """Validate every filing under `paths`; raises `UsageError` / `CatalogError` for bad calls
    and `ConfigError` for a broken `cjzn.toml`.

    Each filing is checked with the settings of the nearest `cjzn.toml` above it
    (see `check.policy`). `selection`: what discovery leaves out (`--exclude`,
    `--allow-empty`; the configs' `exclude` is added here). `jobs`: worker processes
    (None: automatic, 1: serial); `progress(done, total)` is called as files finish,
    for a progress bar. `keep_documents=False` keeps only the diagnostics of each file
    (flat memory for large repos), except when the run is one filing: then its
    timeline is kept, whether it was named or found in a folder.
    """
    policy = Policy(options, catalog_path, walked=[path for path in paths if path.is_dir()])
    forget_repo_roots()
    found = find(paths, replace(selection or Selection(), keep_out=policy.is_excluded))
    files = found.files
    groups = list(policy.groups(files))
    default = policy.catalogs(groups[0][0]) if groups else Catalogs.from_option(catalog_path)
    keep = keep_documents or len(files) <= 1
    results: list[FileResult | None] = [None] * len(files)
    done = 0
    for settings, indexes in groups:
        catalogs = policy.catalogs(settings)
        run = settings.options(options)
        one = functools.partial(_check_one, options=run, catalogs=catalogs, keep=keep)
        hook = _offset(progress, done, len(files))
        checked = run_all([files[index] for index in indexes], one, jobs, hook)
        for index, result in zip(indexes, checked, strict=True):
            if result.document is not None:
                result.catalog = catalog_for(result.document, catalogs, options.lang)[0]
            results[index] = result
        done += len(indexes)
    report = Report(options=options, catalogs=default, skipped=found.skipped)
    report.folders = found.folders
    report.results = [result for result in results if result is not None]
    apply_repo_rules(report.results, options)
    _loose_reviews(report, found.reviews, policy)
    for result in [*report.results, *report.review_results]:
        policy.apply(result)
    report.config_problems = policy.waiver_problems()
    report.excluded = policy.excluded
    report.as_of = policy.run_as_of()
    return report


def _loose_reviews(report: Report, reviews: Sequence[Path], policy: Policy) -> None:
    """Count the run's review files, and check those whose filing is not in the run: a
    review file named alone is checked against its filing (whose own problems are not
    this run's), one without a filing is W001."""
    covered = {
        os.path.realpath(file)
        for result in report.results
        if result.trail is not None
        for file in result.trail.files.values()
    }
    report.reviews = len(covered)
    for review in reviews:
        if os.path.realpath(review) in covered:
            continue
        report.reviews += 1
        loose = FileResult(file=str(review), path=review, diagnostics=[], readable=True)
        filing = filing_of(review)
        lang = report.options.lang
        if not review.is_file():  # a FIFO, a device, a folder: the loader says what it is
            loose.diagnostics = load_path(review, str(review), lang)[1]
        elif filing is None:
            level = review_level(review.name) or "district"
            name = review.name.rsplit(".", 2)[0] + ".yaml"
            loose.diagnostics.append(orphan(str(review), level, name, lang))
        else:
            settings = policy.for_file(filing)
            checked = validate_file(
                filing, settings.options(report.options), policy.catalogs(settings)
            )
            mine = os.path.realpath(review)
            loose.unit = checked.unit
            loose.diagnostics = [d for d in checked.diagnostics if os.path.realpath(d.file) == mine]
        report.review_results.append(loose)


def _offset(progress: ProgressHook | None, before: int, total: int) -> ProgressHook | None:
    """A group's progress as part of the whole run's."""
    if progress is None:
        return None
    return lambda done, _group_total: progress(before + done, total)


def _check_one(path: Path, *, options: Options, catalogs: Catalogs, keep: bool) -> FileResult:
    """One file of a run. The catalog stays behind (a worker process would send a copy back
    with every result); `validate_paths` attaches its own, cached one."""
    result = validate_file(path, options, catalogs)
    result.catalog = None
    return result if keep else result.slim()


def apply_repo_rules(results: Sequence[FileResult], options: Options) -> None:
    """Run every repo rule and add its diagnostics to the files they concern."""
    units = [result.unit for result in results]
    for rule in REPO_RULES:
        touched: set[int] = set()
        for index, diagnostic in rule.check(units, options):
            results[index].diagnostics.append(diagnostic)
            touched.add(index)
        for index in touched:
            results[index].diagnostics.sort(key=sort_key)
