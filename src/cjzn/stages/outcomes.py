"""What each work achieved (创建成效), the fourth stage's check beside the summary.

The guide asks units to "切实做出创建成效" and sums up in the fourth stage
(备查总结); a filing records, for every key work and every basic work item, its
achieved outcomes, each with the files that show it. A filing that writes no
`achieved_outcomes` at all (one written before cjzn knew them) keeps its results
in the summary text, which a person reads: the check says so (None: unchecked)
instead of failing a filing that was complete.
"""

from __future__ import annotations

from typing import Any

from cjzn.load import PathKey
from cjzn.load.walk import ABSENT, blank, missing, missing_text, value_at
from cjzn.stages.evidence import path_gaps, repo_folders
from cjzn.stages.gaps import Gap, Subject

__all__ = ["KEY", "achieved_outcome_gaps", "records_outcomes"]

#: The key under a key work or a basic work item.
KEY = "achieved_outcomes"
_ID = "achieved_outcomes"


def _owners(subject: Subject) -> list[tuple[PathKey, Any]]:
    """Every key work entry and every basic work item of the round, with what is written there."""
    owners: list[tuple[PathKey, Any]] = []
    works = value_at(subject.data, ("key_work",))
    if isinstance(works, list):
        owners += [(("key_work", index), work) for index, work in enumerate(works)]
    basic = value_at(subject.data, ("basic_work",))
    if basic is ABSENT or basic is None or isinstance(basic, dict):
        owners += [
            (("basic_work", code), value_at(subject.data, ("basic_work", code)))
            for code in subject.catalog.basic_codes()
        ]
    return owners


def records_outcomes(subject: Subject) -> bool:
    """Whether the filing writes `achieved_outcomes` anywhere (even empty): then it is checked."""
    return any(isinstance(item, dict) and KEY in item for _, item in _owners(subject))


def achieved_outcome_gaps(subject: Subject) -> list[Gap] | None:
    """What is missing of the achieved outcomes; None when the filing records none (unchecked)."""
    if not records_outcomes(subject):
        return None
    folders = repo_folders(subject)
    gaps: list[Gap] = []
    for path, item in _owners(subject):
        if item is not None and not isinstance(item, dict):
            continue  # wrong kind: the model reports it
        entries = (item or {}).get(KEY, ABSENT)
        gaps += _entries(subject, (*path, KEY), entries, folders)
    return gaps


def _entries(
    subject: Subject, path: PathKey, entries: Any, folders: tuple[str, str] | None
) -> list[Gap]:
    """One item's outcomes: at least one written; each with its text and its evidence files."""
    if entries is not ABSENT and entries is not None and not isinstance(entries, list):
        return []  # wrong kind: the model reports it
    written = [
        (index, entry)
        for index, entry in enumerate(entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and not blank(entry)
    ]
    if not written:
        return [Gap(_ID, "missing", path)]
    gaps: list[Gap] = []
    for index, entry in written:
        if missing_text(entry.get("outcome", ABSENT)):
            gaps.append(Gap(_ID, "missing", (*path, index, "outcome")))
        evidence = entry.get("evidence", ABSENT)
        if missing(evidence):
            gaps.append(Gap(_ID, "outcome_no_evidence", (*path, index, "evidence")))
        elif isinstance(evidence, list):
            files = [value if isinstance(value, str) else None for value in evidence]
            gaps += path_gaps(_ID, folders, files, (*path, index, "evidence"))
    return gaps
