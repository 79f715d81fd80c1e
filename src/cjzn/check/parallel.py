"""Many files: checked in worker processes across cores, in the same order as serially."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["PARALLEL_MIN_FILES", "ProgressHook", "run_all", "worker_count"]

ProgressHook = Callable[[int, int], None]
PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves

T = TypeVar("T")


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


def _chunk(files: list[Path], one: Callable[[Path], T]) -> list[T]:
    """A worker's share, in order."""
    return [one(path) for path in files]


def run_all(
    files: list[Path],
    one: Callable[[Path], T],
    jobs: int | None = None,
    progress: ProgressHook | None = None,
) -> list[T]:
    """`one(path)` for every file, in `files` order whether run serially or across processes.

    `one` must be picklable (a module-level function or a `functools.partial` of one).
    """
    total = len(files)
    workers = worker_count(total, jobs)
    if workers > 1:
        results = _parallel(files, one, workers, progress)
        if results is not None:
            return results
    results = []
    for done, path in enumerate(files, start=1):
        results.append(one(path))
        if progress is not None:
            progress(done, total)
    return results


def _parallel(
    files: list[Path], one: Callable[[Path], T], workers: int, progress: ProgressHook | None
) -> list[T] | None:
    """Chunks of files across `workers` processes; None when processes cannot be started."""
    # Only large runs start processes: one-file runs do not pay for the executor's imports.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, -(-len(files) // (workers * 4)))  # a few chunks per worker balance the load
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    parts: list[list[T]] = [[] for _ in chunks]
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_chunk, chunk, one): number for number, chunk in enumerate(chunks)
            }
            done = 0
            for future in as_completed(futures):
                parts[futures[future]] = future.result()
                done += len(parts[futures[future]])
                if progress is not None:
                    progress(done, len(files))
    except (OSError, NotImplementedError, BrokenProcessPool):
        return None  # no process support here (a sandbox, a killed worker): run serially
    return [result for part in parts for result in part]
