"""`cjzn render` as one library call: which filing goes to which file, and what happened.

Every filing is validated first (so a draft is marked as such), judged as of
its own filing date unless `--as-of`/`--stage` say otherwise, rendered, and
written atomically; a file cjzn did not write is never replaced without
`--force`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.check import FileResult, Policy, Selection, find, validate_file
from cjzn.errors import UsageError
from cjzn.fileio import refusal, special_kind, write_atomic
from cjzn.i18n import Msg
from cjzn.load import Document, load_path
from cjzn.model import iso_date
from cjzn.options import Options, today_in_shanghai
from cjzn.render.build import build_view
from cjzn.render.formats import (
    MARKER,
    SUFFIX_FORMATS,
    SUFFIXES,
    TEMPLATES,
    infer_format,
    render_bytes,
    render_text,
)
from cjzn.render.pdf import check_pdf_support
from cjzn.text import display_path

__all__ = ["RenderOutcome", "form_options", "plan_outputs", "render_paths"]

_WROTE = Msg("已生成 {path}", "wrote {path}")
_DRAFT = Msg(
    "{file}：有 {errors} 个错误，已按“草稿”生成；运行 cjzn validate {file} 查看",
    "{file}: {errors} error(s), rendered as a DRAFT; run `cjzn validate {file}`",
)
_UNREADABLE = Msg(
    "{file}：无法读取，未生成 {why}", "{file}: cannot be read, nothing rendered {why}"
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
    if not paths:
        raise UsageError("请指定备案文件 / name at least one filing")
    sources: list[tuple[Path, Path]] = []  # (filing, folder its output path is relative to)
    for path in paths:
        base = path if path.is_dir() else path.parent
        chosen = selection or Selection()
        if not path.is_dir():
            chosen = dataclasses.replace(chosen, keep_out=None)
        found = find([path], chosen)
        sources.extend((filing, base) for filing in found.files)
        if skipped is not None:
            skipped.extend(found.skipped)
    if len(paths) == 1 and not paths[0].is_dir():
        return [_plan_one(sources[0][0], fmt, output, folder)] if sources else []
    if not sources and selection is not None and selection.allow_empty:
        return []
    return _plan_folder(sources, SUFFIXES[fmt], _check_folder(output, folder))


def _plan_one(
    filing: Path, fmt: str, output: Path | None, folder: bool
) -> tuple[Path, Path | None]:
    """One filing: to stdout (text formats), into a folder, or to the file named."""
    if output is None:
        if fmt not in TEMPLATES:
            raise UsageError(
                f"{fmt.upper()} 格式需要用 -o 指定输出文件 / {fmt} output needs -o FILE"
            )
        return filing, None
    if folder or output.is_dir() or _is_folder_name(output):
        return filing, output / (filing.stem + SUFFIXES[fmt])
    return filing, output


def _check_folder(output: Path | None, folder: bool) -> Path:
    """`-o` for several filings: a folder (existing, or a name that does not look like a file)."""
    if output is None:
        raise UsageError(
            "多个备案或目录需要用 -o 指定输出目录 / several filings or a folder need -o DIR"
        )
    if output.exists() and not output.is_dir():
        kind = special_kind(output) or Msg("是文件", "is a file")
        raise UsageError(
            f"-o 应为目录，但 {output} {kind.zh} / -o must be a folder, {output}: {kind.en}"
        )
    if not output.exists() and not folder and output.suffix.lower() in SUFFIX_FORMATS:
        raise UsageError(
            f"多个备案或目录要写到一个目录，-o {output} 却像文件名；请改用目录，例如 -o {output.stem}/"
            f" / several filings or a folder go to a folder, but -o {output} looks like a"
            f" file name; give a folder, e.g. -o {output.stem}/"
        )
    return output


def _plan_folder(
    sources: list[tuple[Path, Path]], suffix: str, output: Path
) -> list[tuple[Path, Path | None]]:
    """Each filing into `output`, keeping its place below the folder it was found in."""
    if not sources:
        raise UsageError("没有找到备案文件（*.yaml）/ no filings (*.yaml) found")
    planned: list[tuple[Path, Path | None]] = []
    seen: dict[Path, Path] = {}
    for filing, base in sources:
        target = output / filing.relative_to(base).with_suffix(suffix)
        if target in seen:
            raise UsageError(
                f"{seen[target]} 和 {filing} 会写到同一个文件 {target}"
                f" / both would be written to {target}"
            )
        seen[target] = filing
        planned.append((filing, target))
    return planned


@dataclass
class RenderOutcome:
    """What one `cjzn render` run did; the CLI prints it and exits with `exit_code`."""

    stdout: str | None = None
    written: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Msg]] = field(default_factory=list)  # kept files, and why
    drafts: list[tuple[str, int]] = field(default_factory=list)  # (filing, errors)
    unreadable: list[FileResult] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)  # named files left out, and why

    @property
    def exit_code(self) -> int:
        """0 all rendered from clean filings; 1 a draft, an unreadable filing or a kept file."""
        return 1 if (self.refused or self.drafts or self.unreadable) else 0

    def messages(self, lang: str = "zh") -> list[str]:
        lines = [text.get(lang) for text in self.skipped]
        lines += [_WROTE.format(lang, path=display_path(path)) for path in self.written]
        lines += [_DRAFT.format(lang, file=file, errors=errors) for file, errors in self.drafts]
        for result in self.unreadable:
            first = next((d for d in result.diagnostics if d.is_error), None)
            why = f"{first.line}:{first.column}: {first.message}" if first else ""
            lines.append(_UNREADABLE.format(lang, file=result.file, why=why).rstrip())
        lines += [why.get(lang) for _path, why in self.refused]
        return lines


def form_options(options: Options, document: Document | None) -> Options:
    """Judge the form as of the day it was filed, unless `--as-of` or `--stage` say otherwise.

    The 备案登记表 is the first stage's document: a form filed on time is not a
    draft because a later stage's work is overdue today. Without a filing date
    it is judged as of today (an unfiled form is a draft once S1 has closed).
    """
    if options.as_of is not None or options.stage is not None or document is None:
        return options
    submission = document.data.get("submission")
    filed = submission.get("filed_on") if isinstance(submission, dict) else None
    filed_on = iso_date(filed) if isinstance(filed, str) else None  # as validate reads it
    if filed_on is None:
        return options
    return dataclasses.replace(options, as_of=min(filed_on, today_in_shanghai()))


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
) -> RenderOutcome:
    """Validate and render every filing under `paths`; raises `UsageError` / `RenderError`.

    `output` may be given as the text typed after `-o`: a trailing separator
    (`out/`) then means a folder. An existing folder, or several filings, also
    write into a folder; a single filing otherwise goes to the file named, whose
    suffix must name a format. `fill_signatures` types the recorded signers and
    （已盖章） into the form (a preview); by default those stay blank for ink.
    """
    folder = output is not None and _is_folder_name(output)
    target_path = Path(output) if output is not None else None
    several = len(paths) != 1 or (bool(paths) and paths[0].is_dir())
    into_folder = target_path is not None and (folder or several or target_path.is_dir())
    # a folder's name says nothing about the format; a file's suffix does
    options = options or Options()
    fmt = infer_format(fmt, None if into_folder else target_path, options.lang)
    policy = Policy(options, catalog_path)  # each filing's cjzn.toml: ignores, waivers, as-of
    outcome = RenderOutcome()
    chosen = dataclasses.replace(selection or Selection(), keep_out=policy.is_excluded)
    jobs = plan_outputs(
        paths, fmt, target_path, folder=folder, selection=chosen, skipped=outcome.skipped
    )
    if not jobs and into_folder and target_path is not None:
        target_path.mkdir(parents=True, exist_ok=True)  # --allow-empty: an empty forms folder
    if fmt == "pdf" and jobs:
        check_pdf_support()
    for filing, target in jobs:
        settings = policy.for_file(filing)
        catalogs = policy.catalogs(settings)
        loaded = load_path(filing, display_path(filing), options.lang)
        judged = form_options(options, loaded[0])
        result = validate_file(filing, settings.options(judged), catalogs, loaded)
        policy.apply(result)
        if result.document is None:
            outcome.unreadable.append(result)
            continue
        why = refusal(target, MARKER, force=force, command="render") if target else None
        if why is not None and target is not None:
            outcome.refused.append((target, why))
            continue
        view = build_view(result, catalogs=catalogs, fill_signatures=fill_signatures)
        if result.errors:
            outcome.drafts.append((result.file, result.errors))
        if target is None:
            outcome.stdout = render_text(view, fmt)
        else:
            # atomic (temporary file beside it, then rename): no half-written output
            write_atomic(target, render_bytes(view, fmt))
            outcome.written.append(target)
    return outcome
