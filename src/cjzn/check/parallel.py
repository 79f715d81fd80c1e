"""Many files: checked in worker processes across cores, in the same order as serially.

Never more workers than cores (`--jobs 1000` on two CPUs starts two: more only
cost memory and time). Ctrl-C is the parent's business: workers ignore SIGINT
(a terminal sends it to the whole process group), so none prints a
`Process ForkProcess-N: Traceback`; the parent stops and reaps them all before
the interrupt goes on up (no orphan, no zombie).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["PARALLEL_MIN_FILES", "ProgressHook", "max_workers", "run_all", "worker_count"]

ProgressHook = Callable[[int, int], None]
PARALLEL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves

T = TypeVar("T")
S = TypeVar("S")  # what one call gets: a filing's path, or any picklable piece of work


def _cpu_count() -> int:
    """The cores this process may use (a container's limit, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def max_workers() -> int:
    """The most worker processes a run starts: one per core this process may use."""
    return _cpu_count()


def worker_count(files: int, jobs: int | None) -> int:
    """How many processes: `--jobs N` up to the cores, automatic only for large runs."""
    if jobs is not None and jobs >= 1:
        return max(1, min(jobs, files, _cpu_count()))
    if files <= PARALLEL_MIN_FILES:
        return 1
    return max(1, min(_cpu_count(), files))


def _chunk(files: Sequence[S], one: Callable[[S], T]) -> list[T]:
    """A worker's share, in order."""
    return [one(path) for path in files]


def run_all(
    files: Sequence[S],
    one: Callable[[S], T],
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
    files: Sequence[S], one: Callable[[S], T], workers: int, progress: ProgressHook | None
) -> list[T] | None:
    """Chunks of files across `workers` processes; None when processes cannot be started."""
    # Only large runs start processes: one-file runs do not pay for the executor's imports.
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, -(-len(files) // (workers * 4)))  # a few chunks per worker balance the load
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    parts: list[list[T]] = [[] for _ in chunks]
    try:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    except (OSError, NotImplementedError):
        return None  # no process support here (a sandbox): run serially
    try:
        with _interrupts_deferred():  # workers forked now inherit "ignore SIGINT"
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
        _stop(pool)
        return None  # no process support here (a killed worker): run serially
    except BaseException:  # Ctrl-C, or a bug: no worker may outlive the run
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [result for part in parts for result in part]


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is for the parent, which stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ignore SIGINT while workers are forked (they inherit it), then restore the handler.

    An interrupt in this short window is lost, not half-delivered to a new worker.
    """
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # not the main thread: nothing to defer
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _stop(pool: Any) -> None:
    """Cancel what has not started, end the workers now and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=5)
