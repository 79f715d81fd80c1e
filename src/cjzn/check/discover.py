"""Which files a run checks: the paths given, folders searched for filings.

A filing is a `*.yaml` / `*.yml` file named on the command line or found below a
folder named there, except:

- hidden files and folders (`.git`, `.github`) and symlinked folders (a loop
  cannot hang the walk);
- files below an evidence folder (`archive/`): evidence, not filings;
- files matching an `--exclude` pattern (`Selection.exclude`; `cjzn.toml`'s
  exclusions go into the same parameter). A pattern without `/` is matched
  against every folder and file name of the path as cjzn prints it (`旧稿`,
  `*草稿*.yaml`); one with `/` against that whole path (`filings/徐汇区/旧/*`,
  `*/旧/*`), and a folder it matches is left out with everything below it.

A file named on the command line that is left out is reported as skipped (and
why), so the run says so instead of checking it. A folder named on the command
line that holds no filing is a usage error naming it, unless `allow_empty`
(a new repo before its first filing).
"""

from __future__ import annotations

import fnmatch
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjzn.errors import UsageError
from cjzn.i18n import Msg

__all__ = [
    "EVIDENCE_FOLDERS",
    "FILING_SUFFIXES",
    "Found",
    "Selection",
    "discover",
    "find",
    "find_repo_root",
    "folders_above",
    "work_tree_of",
]

FILING_SUFFIXES = (".yaml", ".yml")
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


@dataclass(frozen=True)
class Selection:
    """What a run leaves out, beyond hidden files and evidence folders."""

    exclude: tuple[str, ...] = ()  # glob patterns (see the module's doc)
    allow_empty: bool = False  # a folder without filings is no usage error

    def excluded_by(self, path: str) -> str | None:
        """The pattern that leaves `path` (as printed, POSIX) out, or None."""
        text = path.removeprefix("./")
        names = text.split("/")
        for pattern in self.exclude:
            clean = pattern.strip().removeprefix("./").rstrip("/")
            if not clean:
                continue
            if "/" in clean:
                if fnmatch.fnmatchcase(text, clean):
                    return pattern
            elif any(fnmatch.fnmatchcase(name, clean) for name in names):
                return pattern
        return None


@dataclass
class Found:
    """The filings of a run, the named files left out, and the folders it covers."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)  # one line per named file left out
    #: names of the folders the run covers: every folder searched, and the folders
    #: above a folder named on the command line (inside its repo), so a run over
    #: `filings/` of a repo with 17 district folders covers 17 districts.
    folders: set[str] = field(default_factory=set)


def _printed(path: Path | str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def find(paths: Sequence[Path], selection: Selection | None = None) -> Found:
    """The filings named by `paths` (see the module's doc); `UsageError` for a bad path."""
    selection = selection or Selection()
    found = Found()
    for path in paths:
        if path.is_dir():
            _find_in_folder(path, selection, found)
        elif path.is_file():
            _find_named_file(path, selection, found)
        else:
            what = ("不是普通文件或目录", "is not a regular file or folder")
            if not path.exists():
                what = ("路径不存在", "path does not exist")
            raise UsageError(f"{what[0]} / {what[1]}: {path}")
    unique: dict[str, Path] = {}
    for path in found.files:
        unique.setdefault(os.path.normpath(path), path)
    found.files = list(unique.values())
    return found


def discover(paths: Sequence[Path], selection: Selection | None = None) -> list[Path]:
    """The filings named by `paths`: files as given, folders searched (see the module's doc)."""
    return find(paths, selection).files


def _evidence_folder(names: Sequence[str]) -> str | None:
    return next((name for name in names if name in EVIDENCE_FOLDERS), None)


def _find_named_file(path: Path, selection: Selection, found: Found) -> None:
    printed = _printed(path)
    evidence = _evidence_folder(folders_above(path))
    if evidence is not None:
        found.skipped.append(_fill(_EVIDENCE, path=printed, folder=evidence))
        return
    pattern = selection.excluded_by(printed)
    if pattern is not None:
        found.skipped.append(_fill(_EXCLUDED, path=printed, pattern=pattern))
        return
    found.files.append(path)


def _find_in_folder(root: Path, selection: Selection, found: Found) -> None:
    above = folders_above(root / "_")  # the root's own name and the folders above it
    found.folders.update(above)
    counts = {"evidence": 0, "excluded": 0}
    before = len(found.files)
    if _evidence_folder(above) is not None:
        counts["evidence"] = sum(1 for _ in _walk(root, None, found, counts))
    else:
        found.files.extend(_walk(root, selection, found, counts))
    if len(found.files) == before and not selection.allow_empty:
        raise _holds_no_filing(root, counts)


def _holds_no_filing(root: Path, counts: dict[str, int]) -> UsageError:
    """The usage error for a folder without filings, saying what it does hold."""
    parts = [(_EMPTY_EVIDENCE, counts["evidence"]), (_EMPTY_EXCLUDED, counts["excluded"])]
    why = {lang: "".join(m.format(lang, n=n) for m, n in parts if n) for lang in ("zh", "en")}
    printed = _printed(root)
    zh, en = (_EMPTY.format(lang, path=printed, why=why[lang]) for lang in ("zh", "en"))
    return UsageError(f"{zh} / {en}")


def _walk(
    root: Path, selection: Selection | None, found: Found, counts: dict[str, int]
) -> Iterator[Path]:
    """Filings below `root`; `selection` None: everything (an evidence folder, counted only)."""
    for folder, subfolders, files in os.walk(root):
        kept = []
        for name in sorted(d for d in subfolders if not d.startswith(".")):
            inner = os.path.join(folder, name)
            if selection is not None and name in EVIDENCE_FOLDERS:
                counts["evidence"] += _count_filings(inner)
            elif selection is not None and selection.excluded_by(_printed(inner)):
                counts["excluded"] += _count_filings(inner)
            else:
                kept.append(name)
                if selection is not None:
                    found.folders.add(name)
        subfolders[:] = kept
        for name in sorted(files):
            if not name.endswith(FILING_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            if selection is not None and selection.excluded_by(_printed(path)):
                counts["excluded"] += 1
                continue
            yield path


def _count_filings(folder: str) -> int:
    """How many files that look like filings a left-out folder holds (for the message)."""
    return sum(1 for _ in _walk(Path(folder), None, Found(), {}))


def _fill(message: Msg, **params: str) -> Msg:
    return Msg(message.zh.format(**params), message.en.format(**params))


def folders_above(path: Path) -> list[str]:
    """Names of the folders above `path`, nearest first, up to its git work tree's root
    (not included); all of them when `path` is in no work tree."""
    folder = Path(os.path.abspath(path)).parent
    root = work_tree_of(folder)
    names: list[str] = []
    for candidate in (folder, *folder.parents):
        if root is not None and candidate == root:
            break
        if candidate.name:
            names.append(candidate.name)
    return names


def find_repo_root(path: Path) -> Path:
    """The git work tree holding `path`; the filing's own folder when there is none."""
    folder = path.resolve().parent
    return _repo_root_of(folder) or folder


def work_tree_of(folder: Path) -> Path | None:
    """The git work tree `folder` is in (by its absolute path, symlinks kept), or None."""
    return _repo_root_of(Path(os.path.abspath(folder)))


@functools.lru_cache(maxsize=1024)  # filings share folders: look each one up once per run
def _repo_root_of(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def forget_repo_roots() -> None:
    """A repo may have been created since the last run: look again."""
    _repo_root_of.cache_clear()
