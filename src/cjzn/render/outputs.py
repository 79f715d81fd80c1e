"""`cjzn render` as one library call: which filing goes to which file, and what happened.

Every filing is validated first (so a draft is marked as such), judged as of
its own filing date unless `--as-of`/`--stage` say otherwise, rendered, and
written atomically; a file cjzn did not write is never replaced without
`--force`. Filings are rendered across cores by `check.parallel.run_all` (the
same per-filing function, `job.render_one`, serially or in workers: the same
files, messages and order). Several filings with one `.pdf` named by `-o` make a
booklet (`render.booklet`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from cjzn.check import Policy, ProgressHook, Selection, find
from cjzn.check.parallel import max_workers, run_all
from cjzn.errors import UsageError
from cjzn.fileio import refusal, special_kind, write_atomic
from cjzn.i18n import Msg
from cjzn.options import Options
from cjzn.render import booklet
from cjzn.render.formats import MARKER, SUFFIX_FORMATS, SUFFIXES, TEMPLATES, infer_format
from cjzn.render.job import Rendered, RenderTask, render_one
from cjzn.render.outcome import RenderOutcome, form_options
from cjzn.render.pdf import check_pdf_support

__all__ = [
    "AUTO_PARALLEL",
    "RenderOutcome",
    "RenderProgress",
    "form_options",
    "plan_outputs",
    "render_paths",
]

#: From how many filings a run of each format uses every core unless `--jobs` says otherwise
#: (below, starting worker processes costs more than it saves).
AUTO_PARALLEL = {"pdf": 3, "docx": 8, "html": 100, "md": 100, "booklet": 24}
#: `progress(done, total, phase)`: "render" (filings validated and rendered, or written), then
#: for a booklet "layout" (filings whose pages are laid out).
RenderProgress = Callable[[int, int, str], None]

_NO_PATHS = Msg("请指定备案文件", "name at least one filing")
_NO_FILINGS = Msg("没有找到备案文件（*.yaml）", "no filings (*.yaml) found")
_NEEDS_FILE = Msg("{FMT} 格式需要用 -o 指定输出文件", "{fmt} output needs -o FILE")
_NEEDS_FOLDER = Msg(
    "多个备案或目录需要用 -o 指定输出目录", "several filings or a folder need -o DIR"
)
_NOT_A_FOLDER = Msg("-o 应为目录，但 {path} {kind}", "-o must be a folder, {path}: {kind}")
_LOOKS_LIKE_A_FILE = Msg(
    "多个备案或目录要写到一个目录，-o {path} 却像文件名；请改用目录，例如 -o {stem}/"
    "（只有 PDF 能把多份合成一个文件：-o {stem}.pdf）",
    "several filings or a folder go to a folder, but -o {path} looks like a file name;"
    " give a folder, e.g. -o {stem}/ (only a PDF binds several into one file: -o {stem}.pdf)",
)
_SAME_TARGET = Msg(
    "{first} 和 {second} 会写到同一个文件 {target}",
    "{first} and {second} would both be written to {target}",
)


def _is_folder_name(output: str | os.PathLike[str]) -> bool:
    """`-o out/` (a trailing separator) names a folder even before it exists."""
    text = os.fspath(output)
    return text.endswith(tuple(sep for sep in ("/", os.sep, os.altsep) if sep))


def plan_outputs(
    paths: Sequence[Path],
    fmt: str,
    output: Path | None,
    *,
    folder: bool = False,
    selection: Selection | None = None,
    skipped: list[Msg] | None = None,
) -> list[tuple[Path, Path | None]]:
    """(filing, output file) pairs; output None means stdout. Raises `UsageError` for bad calls.

    `folder`: `-o` was written with a trailing separator (`-o out/`), so it names a
    folder even when it does not exist yet (`Path` drops the separator).
    `selection`: what discovery leaves out (the named files it leaves out go to
    `skipped`); its `keep_out` (cjzn.toml's `exclude`) only applies to a folder's walk:
    a named filing is rendered.
    """
    sources = _sources(paths, selection, skipped)
    if len(paths) == 1 and not paths[0].is_dir():
        return [_plan_one(sources[0][0], fmt, output, folder)] if sources else []
    if not sources and selection is not None and selection.allow_empty:
        return []
    return _plan_folder(sources, SUFFIXES[fmt], _check_folder(output, folder))


def _sources(
    paths: Sequence[Path], selection: Selection | None, skipped: list[Msg] | None
) -> list[tuple[Path, Path]]:
    """(filing, the folder its output path is relative to) of every filing under `paths`."""
    if not paths:
        raise UsageError(_NO_PATHS)
    sources: list[tuple[Path, Path]] = []
    for path in paths:
        base = path if path.is_dir() else path.parent
        chosen = selection or Selection()
        if not path.is_dir():
            chosen = dataclasses.replace(chosen, keep_out=None)
        found = find([path], chosen)
        sources.extend((filing, base) for filing in found.files)
        if skipped is not None:
            skipped.extend(found.skipped)
    return sources


def _plan_one(
    filing: Path, fmt: str, output: Path | None, folder: bool
) -> tuple[Path, Path | None]:
    """One filing: to stdout (text formats), into a folder, or to the file named."""
    if output is None:
        if fmt not in TEMPLATES:
            raise UsageError(_NEEDS_FILE.fill(FMT=fmt.upper(), fmt=fmt))
        return filing, None
    if folder or output.is_dir() or _is_folder_name(output):
        return filing, output / (filing.stem + SUFFIXES[fmt])
    return filing, output


def _check_folder(output: Path | None, folder: bool) -> Path:
    """`-o` for several filings: a folder (existing, or a name that does not look like a file);
    only a PDF binds several filings into one file (a booklet)."""
    if output is None:
        raise UsageError(_NEEDS_FOLDER)
    if output.exists() and not output.is_dir():
        kind = special_kind(output) or Msg("是文件", "is a file")
        raise UsageError(
            Msg.each(lambda lang: _NOT_A_FOLDER(lang, path=output, kind=kind.get(lang)))
        )
    if not output.exists() and not folder and output.suffix.lower() in SUFFIX_FORMATS:
        raise UsageError(_LOOKS_LIKE_A_FILE.fill(path=output, stem=output.stem))
    return output


def _plan_folder(
    sources: list[tuple[Path, Path]], suffix: str, output: Path
) -> list[tuple[Path, Path | None]]:
    """Each filing into `output`, keeping its place below the folder it was found in."""
    if not sources:
        raise UsageError(_NO_FILINGS)
    planned: list[tuple[Path, Path | None]] = []
    seen: dict[Path, Path] = {}
    for filing, base in sources:
        target = output / filing.relative_to(base).with_suffix(suffix)
        if target in seen:
            raise UsageError(_SAME_TARGET.fill(first=seen[target], second=filing, target=target))
        seen[target] = filing
        planned.append((filing, target))
    return planned


def _booklet_target(
    output: Path | None, folder: bool, several: bool, fmt: str | None
) -> Path | None:
    """The `.pdf` file several filings are bound into (`-o 徐汇区.pdf 徐汇区/`), else None."""
    if output is None or folder or not several or fmt not in (None, "pdf"):
        return None
    if output.is_dir() or output.suffix.lower() != ".pdf":
        return None
    return output


def _jobs(kind: str, count: int, jobs: int | None) -> int:
    """`--jobs`, else every core from `AUTO_PARALLEL[kind]` filings on (run_all caps it)."""
    if jobs is not None:
        return jobs
    return max_workers() if count >= AUTO_PARALLEL[kind] else 1


def render_paths(
    paths: Sequence[Path],
    fmt: str | None,
    output: Path | str | None,
    *,
    force: bool = False,
    options: Options | None = None,
    catalog_path: Path | None = None,
    selection: Selection | None = None,
    fill_signatures: bool = False,
    jobs: int | None = None,
    progress: RenderProgress | None = None,
) -> RenderOutcome:
    """Validate and render every filing under `paths`; raises `UsageError` / `RenderError`.

    `output` may be given as the text typed after `-o`: a trailing separator
    (`out/`) then means a folder. An existing folder, or several filings, also
    write into a folder, except that several filings and a `.pdf` file name make
    one booklet (`render.booklet`); a single filing otherwise goes to the file
    named, whose suffix must name a format. `fill_signatures` types the recorded
    signers and （已盖章） into the form (a preview); by default those stay blank for
    ink. `jobs`: worker processes (None: automatic by format and count; 1: serial);
    `progress(done, total, phase)` as filings finish (`RenderProgress`).
    """
    folder = output is not None and _is_folder_name(output)
    target_path = Path(output) if output is not None else None
    several = len(paths) != 1 or (bool(paths) and paths[0].is_dir())
    bound = _booklet_target(target_path, folder, several, fmt)
    into_folder = (
        bound is None and target_path is not None and (folder or several or target_path.is_dir())
    )
    # a folder's name says nothing about the format; a file's suffix does
    options = options or Options()
    fmt = infer_format(fmt, None if into_folder else target_path)
    policy = Policy(options, catalog_path)  # each filing's cjzn.toml: ignores, waivers, as-of
    outcome = RenderOutcome()
    chosen = dataclasses.replace(selection or Selection(), keep_out=policy.is_excluded)
    run = _Run(policy, options, force, fill_signatures, jobs, progress)
    if bound is not None:
        sources = _sources(paths, chosen, outcome.skipped)
        return run.booklet([filing for filing, _base in sources], bound, chosen, outcome)
    planned = plan_outputs(
        paths, fmt, target_path, folder=folder, selection=chosen, skipped=outcome.skipped
    )
    if not planned and into_folder and target_path is not None:
        target_path.mkdir(parents=True, exist_ok=True)  # --allow-empty: an empty forms folder
    if fmt == "pdf" and planned:
        check_pdf_support()
    return run.separate(fmt, planned, outcome)


@dataclasses.dataclass
class _Run:
    """One run's settings, and its two ways: a file per filing, or one booklet."""

    policy: Policy
    options: Options
    force: bool
    fill_signatures: bool
    jobs: int | None
    progress: RenderProgress | None

    def _task(self, fmt: str, targets: dict[Path, Path | None]) -> RenderTask:
        return RenderTask(fmt, targets, self.policy, self.options, self.force, self.fill_signatures)

    def separate(
        self, fmt: str, planned: list[tuple[Path, Path | None]], outcome: RenderOutcome
    ) -> RenderOutcome:
        """Each filing to its own file (or stdout), in the order planned."""
        files = [filing for filing, _target in planned]
        one = functools.partial(render_one, task=self._task(fmt, dict(planned)))
        hook = _phase(self.progress, "render", len(files))
        for done in run_all(files, one, _jobs(fmt, len(files), self.jobs), hook):
            _record(done, outcome)
        return outcome

    def booklet(
        self, files: list[Path], target: Path, selection: Selection, outcome: RenderOutcome
    ) -> RenderOutcome:
        """Every filing into the one PDF `target`, in roster order."""
        if not files:
            if selection.allow_empty:
                return outcome
            raise UsageError(_NO_FILINGS)
        why = refusal(target, MARKER, force=self.force, command="render")
        if why is not None:
            outcome.refused.append((target, why))
            return outcome
        check_pdf_support()
        one = functools.partial(render_one, task=self._task("booklet", {}))
        hook = _phase(self.progress, "render", len(files))
        sheets = []
        for done in run_all(files, one, _jobs("booklet", len(files), self.jobs), hook):
            _record(done, outcome, stdout=False)
            sheets.append(_sheet(done))
        settings = self.policy.for_file(files[0])
        ordered = booklet.order(sheets, self.policy.catalogs(settings).default())
        parts = booklet.parts(ordered)
        workers = self.jobs if self.jobs is not None else max_workers()
        if self.progress is not None:
            self.progress(
                0, len(files), "layout"
            )  # the bar says so while the first part is laid out
        hook = _phase(self.progress, "layout", len(files))  # parts done, counted in filings
        pdfs = run_all(parts, booklet.render_part, workers, hook)
        data, pages = booklet.join(pdfs, booklet.title(ordered))
        write_atomic(target, data)
        outcome.written.append(target)
        outcome.booklet = (len(sheets), pages)
        return outcome


def _record(done: Rendered, outcome: RenderOutcome, *, stdout: bool = True) -> None:
    """What one filing's render adds to the outcome; an output that failed stops the run.

    `stdout`: a text that came back is the run's output (not a booklet's page)."""
    if done.failure is not None:
        raise done.failure
    if done.unreadable is not None:
        outcome.unreadable.append(done.unreadable)
        return
    if done.refused is not None:
        outcome.refused.append(done.refused)
        return
    if done.errors:
        outcome.drafts.append((done.file, done.errors))
    if done.written is not None:
        outcome.written.append(done.written)
    elif done.text is not None and stdout:
        outcome.stdout = done.text


def _sheet(done: Rendered) -> booklet.Sheet:
    """A filing's place in the booklet: its district and unit as the form names them, else (a
    draft without them, or an unreadable filing) its folder's name and its file's."""
    path = Path(done.file)
    if done.unreadable is None:
        district, unit = done.district or path.parent.name, done.unit or path.stem
        return booklet.Sheet(done.file, district, unit, done.text, done.errors)
    first = next((d for d in done.unreadable.diagnostics if d.is_error), None)
    why = f"{first.line}:{first.column}: {first.message}" if first else ""
    return booklet.Sheet(done.file, path.parent.name, path.stem, None, why=why)


def _phase(progress: RenderProgress | None, phase: str, filings: int) -> ProgressHook | None:
    """run_all's `(done, of)` as `(filings done, filings, phase)`: a booklet's parts are
    counted by the share of the filings they hold."""
    if progress is None:
        return None
    return lambda done, of: progress((filings * done) // max(of, 1), filings, phase)
