"""A progress bar for long runs in a terminal (stderr), never in CI logs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, TextIO

from cjzn.i18n import Msg

__all__ = [
    "PROGRESS_THRESHOLD",
    "RENDERING",
    "RENDER_PHASES",
    "ProgressBar",
    "progress_for",
    "wants_progress",
]

PROGRESS_THRESHOLD = 50  # files: below this a run is quick enough without a bar
_VALIDATING = Msg("校验中", "validating")
RENDERING = Msg("生成中", "rendering")
#: The names of `render_paths`' phases (`render.PHASES`) on the bar.
RENDER_PHASES = {"render": RENDERING, "layout": Msg("排版中", "laying out pages")}


def wants_progress(
    output_format: str, stream: TextIO, environ: Mapping[str, str] | None = None
) -> bool:
    """A bar only for people: text output, a terminal on stderr, and not a CI job."""
    env = os.environ if environ is None else environ
    if output_format != "text" or env.get("CI", "").strip().lower() not in ("", "0", "false"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A `(done, total)` callback for `validate_paths` (and `render_paths`) that draws a rich
    bar on stderr, named by `label`.

    It stays invisible for short runs and disappears when done (transient),
    so the report on stdout reads the same with or without it.
    """

    def __init__(
        self,
        stream: TextIO,
        lang: str,
        threshold: int = PROGRESS_THRESHOLD,
        label: Msg = _VALIDATING,
    ) -> None:
        self._stream, self._lang, self._threshold = stream, lang, threshold
        self._label = label
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, label: Msg | None = None) -> None:
        """`done` of `total`; a new `label` names the run's next phase (its bar starts anew)."""
        if label is not None and label != self._label:
            self._label = label
            if self._progress is not None:
                self._progress.update(self._task, description=label.get(self._lang))
        if total <= self._threshold:
            return
        if self._progress is None:
            # rich only once a bar is drawn (a long run in a terminal)
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._label.get(self._lang), total=total)
        self._progress.update(self._task, completed=done, total=total)

    def phase(self, done: int, total: int, phase: str) -> None:
        """`render_paths`' progress: its phase ("render", "layout") names the bar."""
        self(done, total, RENDER_PHASES.get(phase, RENDERING))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def progress_for(output_format: str, stream: TextIO, lang: str) -> ProgressBar | None:
    """The bar to pass to `validate_paths`, or None when nobody is watching a terminal."""
    return ProgressBar(stream, lang) if wants_progress(output_format, stream) else None
