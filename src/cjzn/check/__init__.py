"""The pipeline: discover -> load -> model -> timeline -> rules, once per filing, into a Report."""

from cjzn.check.discover import FILING_SUFFIXES, discover, find_repo_root
from cjzn.check.parallel import PARALLEL_MIN_FILES, ProgressHook, worker_count
from cjzn.check.pipeline import catalog_for, validate_file, validate_paths
from cjzn.check.policy import Policy
from cjzn.check.result import FileResult, Report

__all__ = [
    "FILING_SUFFIXES",
    "PARALLEL_MIN_FILES",
    "FileResult",
    "Policy",
    "ProgressHook",
    "Report",
    "catalog_for",
    "discover",
    "find_repo_root",
    "validate_file",
    "validate_paths",
    "worker_count",
]
