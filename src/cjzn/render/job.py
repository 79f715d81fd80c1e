"""One filing's render: the same function in the CLI's process and in a worker process.

`render_paths` hands `render_one` to `check.parallel.run_all` (the one pool of
cjzn, with its worker cap and clean Ctrl-C), bound to a `RenderTask` with
`functools.partial`, so serial and parallel runs do exactly the same per filing
and come back in the same order. A worker never raises for an output it cannot
write: the `OSError` travels back as data (`Rendered.failure`) and the caller
raises the first one in run order, as a serial run would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cjzn.check import FileResult, Policy, validate_file
from cjzn.fileio import refusal, write_atomic
from cjzn.i18n import Msg
from cjzn.load import load_path
from cjzn.options import Options
from cjzn.render.build import build_view
from cjzn.render.formats import MARKER, render_bytes, render_text
from cjzn.render.outcome import form_options
from cjzn.text import display_path

__all__ = ["RenderTask", "Rendered", "render_one"]


@dataclass(frozen=True)
class RenderTask:
    """What every filing of one run is rendered with (pickled once per chunk of filings).

    `targets[filing]`: the file to write, or None: the text goes back to the caller
    (stdout for HTML/Markdown, a booklet's page for `fmt` "booklet").
    """

    fmt: str  # html, md, docx, pdf, or "booklet": the HTML of one filing of a booklet
    targets: dict[Path, Path | None]
    policy: Policy
    options: Options
    force: bool = False
    fill_signatures: bool = False


@dataclass
class Rendered:
    """What became of one filing (small: it travels back from a worker)."""

    file: str
    unreadable: FileResult | None = None  # the result of a filing that could not be read
    written: Path | None = None
    refused: tuple[Path, Msg] | None = None  # a file cjzn must not replace, and why
    errors: int = 0  # errors of a filing rendered as a draft
    text: str | None = None  # HTML/Markdown for stdout, or a booklet filing's HTML
    district: str = ""
    unit: str = ""
    failure: OSError | None = None  # the output could not be written


def render_one(filing: Path, task: RenderTask) -> Rendered:
    """Validate `filing` (as of its filing date), render it and write it, or return its text."""
    policy = task.policy
    settings = policy.for_file(filing)
    catalogs = policy.catalogs(settings)
    loaded = load_path(filing, display_path(filing), task.options.lang)
    judged = form_options(task.options, loaded[0])
    result = validate_file(filing, settings.options(judged), catalogs, loaded)
    policy.apply(result)
    done = Rendered(file=result.file)
    if result.document is None:
        done.unreadable = result.slim()
        return done
    target = task.targets.get(filing)
    why = refusal(target, MARKER, force=task.force, command="render") if target else None
    if why is not None and target is not None:
        done.refused = (target, why)
        return done
    view = build_view(result, catalogs=catalogs, fill_signatures=task.fill_signatures)
    done.errors, done.district, done.unit = result.errors, view.district, view.unit_name
    if target is None:
        done.text = render_text(view, "html" if task.fmt == "booklet" else task.fmt)
        return done
    try:
        # atomic (temporary file beside it, then rename): no half-written output
        write_atomic(target, render_bytes(view, task.fmt))
    except OSError as exc:
        done.failure = exc
        return done
    done.written = target
    return done
