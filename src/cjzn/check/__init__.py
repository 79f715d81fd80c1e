"""The pipeline: discover -> load -> model -> timeline -> rules, once per filing, into a Report."""

from cjzn.check.discover import (
    EVIDENCE_FOLDERS,
    FILING_SUFFIXES,
    FileKind,
    Found,
    Selection,
    classify,
    discover,
    find,
    find_repo_root,
    folders_above,
)
from cjzn.check.parallel import PARALLEL_MIN_FILES, ProgressHook, worker_count
from cjzn.check.pipeline import catalog_for, validate_file, validate_paths
from cjzn.check.policy import Policy
from cjzn.check.result import FileResult, Report

__all__ = [
    "EVIDENCE_FOLDERS",
    "FILING_SUFFIXES",
    "PARALLEL_MIN_FILES",
    "FileKind",
    "FileResult",
    "Found",
    "Policy",
    "ProgressHook",
    "Report",
    "Selection",
    "catalog_for",
    "classify",
    "discover",
    "find",
    "find_repo_root",
    "folders_above",
    "validate_file",
    "validate_paths",
    "worker_count",
]
