"""Which files a run checks: the paths given, folders searched for filings.

A filing is a `*.yaml` / `*.yml` file named on the command line or found below a
folder named there, except:

- hidden files and folders (`.git`, `.github`) and symlinked folders (a loop
  cannot hang the walk);
- files below an evidence folder (`archive/`): evidence, not filings;
- files matching an `--exclude` pattern (`Selection.exclude`), in the syntax of
  `cjzn.toml`'s `exclude` (`cjzn.config.glob_match`) against the path relative to
  the current folder: a pattern without `/` matches a folder or file name at any
  depth (`旧稿`, `草稿*.yaml`), one with `/` from the current folder
  (`filings/徐汇区/旧稿`, `filings/*/旧稿`, `**/旧稿`); a folder it matches is left
  out with everything below it;
- files the `exclude` setting of a `cjzn.toml` keeps out (`Selection.keep_out`,
  decided per file by the config above it: `check.policy`), whether found in a
  folder or named (so a pre-commit hook, which names files, and CI, which names
  folders, check the same filings).

Review files are not filings: `天平路街道.district-review.yaml` and
`天平路街道.municipal-review.yaml` beside `天平路街道.yaml` hold the district's and
the city's decisions on it (`classify` tells the kinds apart, in this one place);
they are listed in `Found.reviews` and checked with their filing.

Suffixes match in any case (`*.YAML`, `*.Yml`). Symlinked folders are not
followed, so a symlink loop cannot hang the walk. A folder that cannot be opened
is listed itself, so the loader reports it (Y015) instead of its filings silently
going unchecked. Nothing is opened here: a FIFO or a device named like a filing
inside a folder is listed, and the loader, which reads regular files only,
refuses it (Y015); named on the command line it is a `UsageError` that says what
it is. The same file named twice (relative and absolute, or through a symlinked
folder) is checked once.

A file named on the command line that evidence or `--exclude` leaves out is
reported as skipped (and why), so the run says so instead of checking it (the
config's exclusions are counted by the policy). A folder named on the command
line that holds no filing is a usage error naming it, unless `allow_empty`
(a new repo before its first filing).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.check.naming import (
    FILING_SUFFIXES,
    REVIEW_LEVELS,
    FileKind,
    filing_of,
    is_filing_name,
    review_level,
    review_path,
    reviews_of,
)
from cjzn.config import glob_match
from cjzn.errors import UsageError
from cjzn.gitutil import work_tree_of
from cjzn.i18n import Msg, did_you_mean
from cjzn.load.read import file_kind

__all__ = [
    "EVIDENCE_FOLDERS",
    "FILING_SUFFIXES",
    "REVIEW_LEVELS",
    "FileKind",
    "Found",
    "Selection",
    "classify",
    "discover",
    "filing_of",
    "find",
    "find_repo_root",
    "folders_above",
    "forget_repo_roots",
    "is_filing_name",
    "review_level",
    "review_path",
    "reviews_of",
]

#: Folders that hold a filing's evidence (its `evidence:` paths point into them).
EVIDENCE_FOLDERS = ("archive",)
_EVIDENCE = Msg(
    "{path}：在存档材料目录 {folder}/ 下，是存档材料，不是备案，未检查",
    "{path}: below the evidence folder {folder}/, evidence and not a filing; not checked",
)
_EXCLUDED = Msg(
    "{path}：与 --exclude {pattern} 相符，未检查",
    "{path}: matches --exclude {pattern}; not checked",
)
_MISSING = Msg("路径不存在：{path}", "path does not exist: {path}")
_NOT_REGULAR = Msg("{kind}，不是备案文件：{path}", "{kind}, not a filing: {path}")
_IRREGULAR = Msg("不是普通文件或目录", "is not a regular file or folder")
_EMPTY = Msg(
    "{path}：没有找到备案文件（*.yaml、*.yml）{why}。请检查路径是否写错；"
    "新建的仓库还没有备案时，加 --allow-empty",
    "{path}: holds no filing (*.yaml, *.yml){why}. Check the path; in a new repo "
    "with no filing yet, add --allow-empty",
)
_EMPTY_EVIDENCE = Msg(
    "；{n} 个文件在存档材料目录 archive/ 下，是存档材料",
    "; {n} file(s) below an evidence folder (archive/) are evidence",
)
_EMPTY_EXCLUDED = Msg("；{n} 个文件被 --exclude 排除", "; {n} file(s) left out by --exclude")
_EMPTY_CONFIG = Msg(
    "；{n} 个文件被 cjzn.toml 的 exclude 设置排除", "; {n} file(s) left out by cjzn.toml's exclude"
)


@dataclass(frozen=True)
class Selection:
    """What a run leaves out, beyond hidden files and evidence folders."""

    exclude: tuple[str, ...] = ()  # glob patterns (see the module's doc)
    allow_empty: bool = False  # a folder without filings is no usage error
    keep_out: Callable[[Path], bool] | None = None  # cjzn.toml's exclude, per file

    def excluded_by(self, path: str) -> str | None:
        """The `--exclude` pattern that leaves `path` out, or None (matched as `cjzn.toml`'s
        `exclude` is, against the path relative to the current folder)."""
        if not self.exclude:
            return None
        relative = _from_here(path)
        return next((p for p in self.exclude if glob_match(p, relative)), None)


@dataclass
class Found:
    """The filings of a run, the named files left out, and the folders it covers."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)  # one line per named file left out
    reviews: list[Path] = field(default_factory=list)  # review files met (not filings)
    #: names of the folders the run covers: every folder searched, and the folders
    #: above a folder named on the command line (inside its repo), so a run over
    #: `filings/` of a repo with 17 district folders covers 17 districts.
    folders: set[str] = field(default_factory=set)


def _printed(path: Path | str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def _from_here(path: str) -> str:
    """`path` relative to the current folder (POSIX), or absolute when it is not below it."""
    absolute = os.path.abspath(path)
    inside = os.path.relpath(absolute, os.getcwd())
    if inside == os.pardir or inside.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(inside).as_posix()


def find(paths: Sequence[Path], selection: Selection | None = None) -> Found:
    """The filings named by `paths` (see the module's doc); `UsageError` for a bad path
    or a folder without filings."""
    selection = selection or Selection()
    found = Found()
    for path in paths:
        if path.is_dir():
            _find_in_folder(path, selection, found)
        elif path.is_file():
            _find_named_file(path, selection, found)
        else:
            raise UsageError(_not_a_filing(path))
    found.files = _once(found.files)
    found.reviews = _once(found.reviews)
    return found


def _once(paths: list[Path]) -> list[Path]:
    unique: dict[object, Path] = {}
    for path in paths:
        unique.setdefault(_identity(path), path)
    return list(unique.values())


def _not_a_filing(path: Path) -> Msg:
    """Why a path named on the command line is not a filing: missing, or what it is instead."""
    if not path.exists():
        near = nearest_existing(path)
        return Msg.each(lambda lang: _MISSING.format(lang, path=path) + did_you_mean(near, lang))

    def worded(lang: str) -> str:
        # file_kind is None only for what exists and is neither a folder nor a file
        kind = file_kind(path, lang) or _IRREGULAR.get(lang)
        return _NOT_REGULAR.format(lang, path=path, kind=kind)

    return Msg.each(worded)


#: How many entries of a folder are compared with a mistyped name (a huge folder: no guess).
_NEAR_LIMIT = 2000


def nearest_existing(path: Path) -> str | None:
    """`filings/徐汇区` for a mistyped `filings/徐汇`: the first missing part of `path` replaced
    by the closest name in the folder above it, when that path exists; else None."""
    parts = path.parts
    for depth in range(len(parts)):
        folder = Path(*parts[:depth]) if depth else Path(".")
        if depth and not folder.is_dir():
            return None
        missing = parts[depth]
        if (folder / missing).exists():
            continue
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in itertools.islice(entries, _NEAR_LIMIT + 1)]
        except OSError:
            return None
        close = difflib.get_close_matches(missing, names[:_NEAR_LIMIT], n=1, cutoff=0.6)
        guess = (folder / close[0]).joinpath(*parts[depth + 1 :]) if close else None
        if guess is None or len(names) > _NEAR_LIMIT or not guess.exists():
            return None
        return str(guess)
    return None


def classify(path: Path) -> FileKind:
    """Filing, review, evidence or other: the one decision of what a file is."""
    if not is_filing_name(path.name):
        return FileKind.OTHER
    if _evidence_folder(folders_above(path)) is not None:
        return FileKind.EVIDENCE
    return FileKind.REVIEW if review_level(path.name) else FileKind.FILING


def _identity(path: Path) -> object:
    """What makes two names the same file: its device and inode, else its absolute path."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return os.path.normcase(os.path.abspath(path))
    if info.st_ino == 0:  # file systems without inode numbers
        return os.path.normcase(os.path.realpath(path))
    return (info.st_dev, info.st_ino)


def discover(paths: Sequence[Path], selection: Selection | None = None) -> list[Path]:
    """The filings named by `paths`: files as given, folders searched (see the module's doc)."""
    return find(paths, selection).files


def _evidence_folder(names: Sequence[str]) -> str | None:
    return next((name for name in names if name in EVIDENCE_FOLDERS), None)


def _find_named_file(path: Path, selection: Selection, found: Found) -> None:
    printed = _printed(path)
    evidence = _evidence_folder(folders_above(path))
    if evidence is not None:
        found.skipped.append(_EVIDENCE.fill(path=printed, folder=evidence))
        return
    pattern = selection.excluded_by(printed)
    if pattern is not None:
        found.skipped.append(_EXCLUDED.fill(path=printed, pattern=pattern))
        return
    if review_level(path.name):
        found.reviews.append(path)
    elif selection.keep_out is None or not selection.keep_out(path):
        found.files.append(path)


def _find_in_folder(root: Path, selection: Selection, found: Found) -> None:
    above = folders_above(root / "_")  # the root's own name and the folders above it
    evidence = _evidence_folder(above) is not None
    before = len(found.files) + len(found.reviews)
    kept_out = 0
    if not evidence:
        found.folders.update(above)
        for path in _walk(root, selection, found):
            if review_level(path.name):
                found.reviews.append(path)
            elif selection.keep_out is not None and selection.keep_out(path):
                kept_out += 1
            else:
                found.files.append(path)
    if len(found.files) + len(found.reviews) == before and not selection.allow_empty:
        raise _holds_no_filing(root, selection, evidence, kept_out)


def _holds_no_filing(root: Path, selection: Selection, evidence: bool, kept_out: int) -> UsageError:
    """The usage error for a folder without filings, saying what it does hold (counted only
    now: a run that finds filings never walks the evidence folders)."""
    counts = {"evidence": 0, "excluded": 0, "config": kept_out}
    for path in _walk(root, None, Found()):
        folders = Path(os.path.relpath(path, root)).parts[:-1]
        if evidence or _evidence_folder(folders) is not None:
            counts["evidence"] += 1
        elif selection.excluded_by(_printed(path)):
            counts["excluded"] += 1
    parts = [
        (_EMPTY_EVIDENCE, counts["evidence"]),
        (_EMPTY_EXCLUDED, counts["excluded"]),
        (_EMPTY_CONFIG, counts["config"]),
    ]
    printed = _printed(root)
    return UsageError(
        Msg.each(
            lambda lang: _EMPTY.format(
                lang, path=printed, why="".join(m.format(lang, n=n) for m, n in parts if n)
            )
        )
    )


def _walk(root: Path, selection: Selection | None, found: Found) -> Iterator[Path]:
    """Filings below `root` (evidence folders and `selection.exclude` left out, the folders
    searched noted in `found`), and the folders that could not be opened; `selection`
    None: every file that looks like a filing."""
    unreadable: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=unreadable.append):
        yield from _unreadable(unreadable)
        kept = []
        for name in sorted(d for d in subfolders if not d.startswith(".")):
            if selection is not None and (
                name in EVIDENCE_FOLDERS
                or selection.excluded_by(_printed(os.path.join(folder, name)))
            ):
                continue
            kept.append(name)
            if selection is not None:
                found.folders.add(name)
        subfolders[:] = kept
        for name in sorted(files):
            if not is_filing_name(name):
                continue
            path = Path(folder) / name
            if selection is None or not selection.excluded_by(_printed(path)):
                yield path
    yield from _unreadable(unreadable)


def _unreadable(errors: list[OSError]) -> Iterator[Path]:
    """Folders `os.walk` could not open, in the order it met them."""
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            yield Path(os.fsdecode(error.filename))


def folders_above(path: Path) -> list[str]:
    """Names of the folders above `path`, nearest first, up to its git work tree's root
    (not included); all of them when `path` is in no work tree."""
    return list(_folders_above(os.path.dirname(os.path.abspath(path))))


@functools.lru_cache(maxsize=1024)  # filings share folders
def _folders_above(folder: str) -> tuple[str, ...]:
    root = work_tree_of(Path(folder))
    inside = os.path.relpath(folder, root) if root is not None else folder
    return tuple(reversed([name for name in inside.split(os.sep) if name and name != "."]))


def find_repo_root(path: Path) -> Path:
    """The git work tree holding `path`; the filing's own folder when there is none.

    Looked up from the folder the filing is *in*, not from where a symlinked filing
    points: evidence is written relative to that folder (`stages.evidence`).
    """
    return _repo_root_of(Path(os.path.realpath(path.parent)))


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _repo_root_of(folder: Path) -> Path:
    return work_tree_of(folder) or folder


def forget_repo_roots() -> None:
    """A repo may have been created since the last run: look again."""
    _repo_root_of.cache_clear()
    _folders_above.cache_clear()
