"""Write files so that a reader never sees half of one, nor one cjzn did not write.

`cjzn init`, `cjzn schema -o` and the renderers write files people keep in git;
an interrupted write (Ctrl-C, a full disk, a crash) must leave either the old
file or the new one, never a truncated mix. The data goes to a temporary file in
the same folder (same file system, so the final rename is atomic) and is then
moved into place with `os.replace`.

`refusal` is the one place that decides whether a path may be written.
`cjzn render`, `cjzn report` and `cjzn schema` mark what they write, in one
place per format (a comment or `<meta name="generator">` line at the top of
HTML and Markdown, a first JSON key, the DOCX core properties, the PDF's
Creator), and replace an existing file only when the marker stands *there* (a
word in a person's notes is not a marker) and, for DOCX, nobody saved it since;
without `--force` they never replace a symbolic link or a file they did not
write, and never, even with it, a folder, FIFO, device or socket. Existing
files are read through `cjzn.load.read` (regular files only, bounded), and a
DOCX's zip is opened with bounds (entries, member size), so checking a file
cannot exhaust memory. `format_for` is the one rule the commands use to pick
the output format from `--format` and `-o`.
"""

from cjzn.fileio.atomic import NotAFolder, os_reason, stays_inside, write_atomic
from cjzn.fileio.formats import format_for
from cjzn.fileio.owner import (
    MAX_OUTPUT_BYTES,
    has_marker,
    may_replace,
    output_state,
    refusal,
    special_kind,
)

__all__ = [
    "MAX_OUTPUT_BYTES",
    "NotAFolder",
    "format_for",
    "has_marker",
    "may_replace",
    "os_reason",
    "output_state",
    "refusal",
    "special_kind",
    "stays_inside",
    "write_atomic",
]
