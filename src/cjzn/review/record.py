"""Record a decision or an evaluation in a filing's review file (`cjzn review`).

The filing is validated first (with its `cjzn.toml`): approving a filing that still
has errors is refused, with them, unless `force`. The entry is appended to the
level's review file as text (`review.text`), with the sha256 of the filing's bytes;
the file as it would be is checked with the review rules before anything is
written, and an entry that would be out of order (the city before the district,
a decision before the filing, an evaluation before the city accepted) is refused
with its diagnostics, unless `force`. The file is then written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from cjzn.check import FileKind, FileResult, classify, validate_file, validate_paths
from cjzn.check.naming import review_path, reviews_of
from cjzn.check.reviews import filing_sha256
from cjzn.diagnostics import Diagnostic
from cjzn.errors import UsageError
from cjzn.fileio import write_atomic
from cjzn.guide import Catalog, Catalogs
from cjzn.i18n import Msg, join
from cjzn.load.read import decode, read_bytes
from cjzn.options import Options, effective_as_of
from cjzn.review.show import state_name
from cjzn.review.text import HEADER, append_entry
from cjzn.rules.review import LEVEL_NAMES

__all__ = [
    "MIGRATE_FIRST",
    "Entry",
    "Recorded",
    "Refused",
    "Request",
    "filing_result",
    "judged_as_of",
    "problems_opinion",
    "record",
    "review_filing",
]

_NOT_A_FILING = Msg(
    "{path} 不是备案文件（{kind}）：审核的是备案文件本身，例如 filings/徐汇区/天平路街道.yaml",
    "{path} is not a filing ({kind}): review the filing itself, e.g. filings/徐汇区/天平路街道.yaml",
)
_KINDS = {
    FileKind.REVIEW: Msg("是审核记录", "a review file"),
    FileKind.EVIDENCE: Msg("在存档材料目录中", "evidence"),
    FileKind.OTHER: Msg("不是 .yaml 文件", "not a .yaml file"),
}
_UNREADABLE = Msg(
    "备案文件无法读取，不能审核：先用 cjzn validate {path} 查看问题",
    "the filing cannot be read, so it cannot be reviewed: see cjzn validate {path}",
)
HAS_ERRORS = Msg(
    "按 {as_of} 检查，备案文件还有 {n} 个错误，不能同意（可以退回修改；确需同意时加 --force）：",
    "as of {as_of}, the filing still has {n} error(s) and cannot be approved "
    "(return it, or add --force):",
)
OUT_OF_ORDER = Msg(
    "这条记录不合审核顺序，没有写入（确需写入时加 --force）：",
    "this entry is out of order and was not written (add --force to write it anyway):",
)
_CANNOT_APPEND = Msg(
    "无法在 {path} 的末尾追加记录（文件的结构不是 cjzn 能安全追加的）：请手工添加",
    "cannot append to {path} safely (its layout is not one cjzn can append to): add it by hand",
)
MIGRATE_FIRST = Msg(
    "备案文件的 reviews: 中写有审核意见（旧格式），再记一条会与它并存（W014）：先运行 "
    "cjzn review --migrate {path} 把它移到审核记录文件（确需写入时加 --force）",
    "the filing has reviews inline (the old way); a review file beside it would be W014: "
    "run cjzn review --migrate {path} first (or add --force)",
)
_CANNOT_WRITE = Msg("无法写入 {path}：{why}", "cannot write {path}: {why}")
_PROBLEMS_HEAD = Msg("cjzn 检查发现的问题：", "Problems cjzn found:")
_PROBLEM_LINE = Msg("{n}. 第 {line} 行：{message}", "{n}. line {line}: {message}")


@dataclass(frozen=True)
class Entry:
    """What to append: `key` is `decisions` or `evaluations`; fields in the file's order."""

    level: str
    key: str
    fields: list[tuple[str, str | bool | None]]


@dataclass
class Recorded:
    """What was written: the review file, its entry number, and the level's name."""

    path: Path
    number: int
    created: bool
    text: str


@dataclass
class Refused(Exception):
    """Not written, and why (the problems that stand in the way)."""

    reason: Msg
    problems: list[Diagnostic] = field(default_factory=list)
    params: dict[str, object] = field(default_factory=dict)


def judged_as_of(options: Options, day: date | None) -> Options:
    """The options a decision of `day` is judged with: `--as-of` when given, else `day`
    (when given; else cjzn.toml's `as-of` or today, as for the other commands)."""
    if options.as_of is not None or day is None:
        return options
    return replace(options, as_of=day)


def filing_result(filing: Path, options: Options, catalog_path: Path | None) -> FileResult:
    """The filing validated as `cjzn validate` would (its cjzn.toml applied); `UsageError`
    for a path that is not a filing."""
    kind = classify(filing) if filing.is_file() else FileKind.FILING
    if kind is not FileKind.FILING:
        lang = options.lang
        raise UsageError(_NOT_A_FILING.format(lang, path=filing, kind=_KINDS[kind].get(lang)))
    report = validate_paths([filing], options, catalog_path)
    result = report.results[0]
    if result.filing is None or result.catalog is None:
        raise Refused(_UNREADABLE, [d for d in result.diagnostics if d.is_error], {"path": filing})
    return result


def own_problems(result: FileResult, errors_only: bool = True) -> list[Diagnostic]:
    """The filing's own problems (not its review files')."""
    return [
        d for d in result.diagnostics if d.file == result.file and (d.is_error or not errors_only)
    ]


def problems_opinion(opinion: str, result: FileResult, lang: str) -> str:
    """The opinion followed by the problems cjzn found in the filing, numbered."""
    problems = own_problems(result, errors_only=False)
    if not problems:
        return opinion
    lines = [
        _PROBLEM_LINE.format(lang, n=n, line=d.line, message=d.message)
        for n, d in enumerate(problems, 1)
    ]
    head = [opinion.rstrip()] if opinion.strip() else []
    return "\n".join([*head, _PROBLEMS_HEAD.get(lang), *lines])


def record(
    filing: Path,
    entry: Entry,
    result: FileResult,
    options: Options,
    *,
    force: bool = False,
) -> Recorded:
    """Append `entry` to the filing's `entry.level` review file (see the module's doc)."""
    catalog = result.catalog
    assert catalog is not None
    path = reviews_of(filing).get(entry.level) or review_path(filing, entry.level)
    try:
        created = not path.exists()
    except OSError as exc:  # a name the system refuses (too long)
        raise Refused(_CANNOT_WRITE, [], {"path": path, "why": exc.strerror or exc}) from None
    old = _header(entry.level, options.lang) if created else _read(path, options.lang)
    before = len(_entries(result, entry))
    fields = list(entry.fields)
    if entry.key == "decisions":
        fields.append(("filing_sha256", filing_sha256(filing)))
    text = append_entry(old, entry.key, fields, before)
    checked = validate_file(
        filing, options, Catalogs(catalog), reviews={entry.level: text.encode("utf-8")}
    )
    after = _entries(checked, entry)
    if len(after) != before + 1 or not text.startswith(old.rstrip("\r\n")):
        raise Refused(_CANNOT_APPEND, [], {"path": path})
    mine = f"{entry.key}.{before}"
    blocking = [
        d
        for d in checked.diagnostics
        if d.is_error and d.file == str(path) and (d.path == mine or d.path.startswith(mine + "."))
    ]
    if blocking and not force:
        raise Refused(OUT_OF_ORDER, blocking)
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise Refused(_CANNOT_WRITE, [], {"path": path, "why": exc.strerror or exc}) from None
    return Recorded(path=path, number=before + 1, created=created, text=text)


def _entries(result: FileResult, entry: Entry) -> list[object]:
    trail = result.trail
    if trail is None:
        return []
    if entry.key == "evaluations":
        return list(trail.evaluations)
    return list(trail.of(entry.level))


def _header(level: str, lang: str) -> str:
    return HEADER.format(level=LEVEL_NAMES[level].get("zh"))


def _read(path: Path, lang: str) -> str:
    data, problem = read_bytes(path, str(path), lang)
    text, problem = decode(data, str(path), lang) if data is not None else (None, problem)
    if text is None:
        message = problem.message if problem is not None else str(path)
        raise UsageError(message)
    return text


def decision_entry(
    catalog: Catalog,
    level: str,
    decision: str,
    opinion: str | None,
    signed_by: str,
    sealed: bool,
    day: date,
) -> Entry:
    """A decision (`approve` / `return`) in the round's words."""
    fields: list[tuple[str, str | bool | None]] = [
        ("decision", catalog.review.decisions[decision]),
        ("opinion", opinion or None),
        ("signed_by", signed_by),
        ("sealed", sealed),
        ("date", day.isoformat()),
    ]
    return Entry(level, "decisions", fields)


def evaluation_entry(
    stage: str,
    result: str,
    day: date,
    title: str | None,
    note: str | None,
    signed_by: str | None,
) -> Entry:
    """An evaluation of the city (its result in the round's words, e.g. 通过)."""
    fields: list[tuple[str, str | bool | None]] = [
        ("stage", stage),
        ("date", day.isoformat()),
        ("result", result),
        ("title", title or None),
        ("note", note or None),
        ("signed_by", signed_by or None),
    ]
    return Entry("municipal", "evaluations", fields)


@dataclass(frozen=True)
class Request:
    """What `cjzn review` is asked to record (a decision, or with `evaluation` an evaluation)."""

    level: str
    decision: str | None = None  # approve | return
    opinion: str | None = None
    quote_problems: bool = False  # append the filing's problems to the opinion
    signed_by: str | None = None
    sealed: bool = False
    day: date | None = None  # default: today in Shanghai
    evaluation: str | None = None  # S3 | S4
    result: str | None = None  # 通过 … or pass …
    title: str | None = None
    note: str | None = None
    force: bool = False


_STAGE = Msg("--evaluation 应为 {choices} 之一", "--evaluation must be one of {choices}")
_RESULT = Msg("--result 应为 {choices} 之一", "--result must be one of {choices}")
_DONE = Msg(
    "已在 {path} 记下第 {n} 条记录：{what}。流程状态：{state}",
    "Recorded entry {n} in {path}: {what}. Workflow state: {state}",
)


def review_filing(
    filing: Path, request: Request, options: Options, catalog_path: Path | None = None
) -> str:
    """Record `request` for `filing` (see `record`); the sentence that says what was written.

    The filing is judged as of `options.as_of` (`--as-of`), else the day of the decision
    (`request.day`, `--date`), else as the other commands judge it (cjzn.toml's `as-of`,
    else today): a decision taken in 2013 is taken on the filing's deadlines of then.

    Raises `Refused` (nothing written: the filing's errors, an entry out of order) and
    `UsageError` (not a filing; a stage or result the round does not have)."""
    options = judged_as_of(options, request.day)
    result = filing_result(filing, options, catalog_path)
    catalog = result.catalog
    assert catalog is not None
    if result.trail is not None and result.trail.inline and not request.force:
        raise Refused(MIGRATE_FIRST, [], {"path": filing})
    day = effective_as_of(request.day)
    if request.evaluation is None:
        entry, what = _decision(result, catalog, request, day, options.lang)
    else:
        entry, what = _evaluation(catalog, request, day, options.lang)
    recorded = record(filing, entry, result, options, force=request.force)
    after = validate_file(filing, options, Catalogs(catalog))
    state = state_name(after.workflow, catalog, options.lang)
    return _DONE.format(options.lang, path=recorded.path, n=recorded.number, what=what, state=state)


def _decision(
    result: FileResult, catalog: Catalog, request: Request, day: date, lang: str
) -> tuple[Entry, str]:
    code = request.decision or "approve"
    errors = own_problems(result)
    if code == "approve" and errors and not request.force:
        judged = result.timeline.as_of if result.timeline is not None else day
        raise Refused(HAS_ERRORS, errors, {"n": len(errors), "as_of": judged.isoformat()})
    opinion = request.opinion
    if request.quote_problems:
        opinion = problems_opinion(opinion or "", result, lang)
    signer = request.signed_by or ""
    entry = decision_entry(catalog, request.level, code, opinion, signer, request.sealed, day)
    return entry, f"{day.isoformat()} {catalog.review.decisions[code]}（{signer}）"


def _evaluation(catalog: Catalog, request: Request, day: date, lang: str) -> tuple[Entry, str]:
    stages = [catalog.workflow.early_evaluation_stage, catalog.review.final_stage]
    stage = request.evaluation or ""
    if stage not in stages:
        raise UsageError(_STAGE.format(lang, choices=join(stages, lang)))
    words = catalog.review.results
    word = words.get(request.result or "", request.result or "")
    if catalog.review.result_code(word) is None:
        raise UsageError(_RESULT.format(lang, choices=join(words.values(), lang)))
    entry = evaluation_entry(stage, word, day, request.title, request.note, request.signed_by)
    return entry, f"{day.isoformat()} {stage} {word}"
