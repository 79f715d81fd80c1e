"""`cjzn render`: the 备案登记表 and its 附页 as HTML, Markdown, DOCX or PDF.

The street office prints the form, signs it, stamps it and sends it with the
plan to the district, so the output follows the guide's attachment row by row.
Rendering happens in two steps: `build_view` turns a validated filing
(`FileResult`) into a plain view-model (every text the page shows, labels from
the round's catalog, never from Python literals), and one renderer per format
lays it out. HTML and Markdown come from Jinja2 templates under `templates/`;
DOCX is built with python-docx (`cjzn.render_docx`); PDF is the HTML printed by
WeasyPrint (optional extra `cjzn[pdf]`).

Jinja2, python-docx and WeasyPrint are imported inside the functions that need
them: `cjzn validate` must not pay for them.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from cjzn import __version__
from cjzn.catalog import Catalog
from cjzn.fields import iso_date
from cjzn.gitutil import git_output
from cjzn.loader import Document, load_path
from cjzn.model import Contact
from cjzn.templating import environment
from cjzn.validate import (
    SHANGHAI,
    FileResult,
    UsageError,
    default_catalog,
    discover,
    today_in_shanghai,
)

if TYPE_CHECKING:
    from cjzn.model import Filing

__all__ = [
    "FORMATS",
    "MARKER",
    "RenderError",
    "RenderOutcome",
    "View",
    "build_view",
    "plan_outputs",
    "render_bytes",
    "render_paths",
    "render_text",
]

FORMATS = ("html", "md", "docx", "pdf")
SUFFIXES = {"html": ".html", "md": ".md", "docx": ".docx", "pdf": ".pdf"}
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".docx": "docx", ".pdf": "pdf"}
TEMPLATES = {"html": "form.html.j2", "md": "form.md.j2"}
#: Written into every render (HTML meta / comment, Markdown comment, DOCX core
#: properties, PDF metadata) so a later run knows it may overwrite the file.
MARKER = "cjzn-render"

#: Marks `commit=` as "ask git" (the default), as opposed to None = no commit.
AUTO = "auto"


class RenderError(Exception):
    """A render that cannot be done here (missing PDF extra or CJK font): a message, no traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# ---------------------------------------------------------------------------
# The view-model: everything a page shows, as plain text
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """One check box of the 以往参加实验街镇工作经历 row."""

    key: str
    label: str
    checked: bool

    @property
    def mark(self) -> str:
        return "☑" if self.checked else "☐"


@dataclass(frozen=True)
class DateParts:
    """A date for the form's 年 月 日 slots; all blank leaves room for ink."""

    year: str = ""
    month: str = ""
    day: str = ""
    raw: str = ""  # a value that is not a date (drafts): shown as written

    @property
    def filled(self) -> bool:
        return bool(self.year)

    @property
    def iso(self) -> str:
        if not self.filled:
            return self.raw
        return f"{self.year}-{int(self.month):02d}-{int(self.day):02d}"


@dataclass(frozen=True)
class SignBlock:
    """Signature, seal and date: filled only with what the filing records."""

    signer: str = ""
    sealed: bool = False
    date: DateParts = field(default_factory=DateParts)


@dataclass(frozen=True)
class CodeRef:
    code: str
    title: str  # the guide's title; "" for a code the round does not know

    @property
    def text(self) -> str:
        return f"{self.code} {self.title}".strip()


@dataclass(frozen=True)
class KeyWorkView:
    code: str
    title: str
    known: bool
    guide_text: str
    measures: str
    outcomes: list[str]


@dataclass(frozen=True)
class TaskView:
    task: str
    start: str
    end: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class MemberView:
    name: str
    title: str


@dataclass(frozen=True)
class ResponsibilityView:
    department: str
    owner: str
    duties: str
    covers: list[CodeRef]


@dataclass(frozen=True)
class StageGoalView:
    code: str
    title: str
    window: str
    goal: str


@dataclass(frozen=True)
class BasicView:
    code: str
    title: str
    group_title: str
    known: bool
    listed: bool  # the filing has an entry for this code
    status: str
    status_label: str
    measures: str
    evidence: list[str]


@dataclass(frozen=True)
class ReviewView:
    opinion: str
    sign: SignBlock


@dataclass(frozen=True)
class PlanView:
    part_titles: dict[str, str]  # plan key (overall_goal ...) -> the guide's part title
    overall_goal: str
    stage_goals: list[StageGoalView]
    work_plan: list[TaskView]
    leading_kind: str
    leading_head: str
    members: list[MemberView]
    network: str
    responsibilities: list[ResponsibilityView]
    mechanisms: list[str]


@dataclass(frozen=True)
class Provenance:
    """Where a printout came from: the small footer of every render."""

    version: str
    round: str
    source: str
    generated_at: str
    commit: str = ""
    dirty: bool = False


@dataclass(frozen=True)
class View:
    """One filing, ready for a template."""

    title: str
    rows: dict[str, str]
    labels: dict[str, str]
    status_labels: dict[str, str]
    plan_note: str
    municipal_signer: str
    unit_name: str
    district: str
    leader: dict[str, str]
    contact: dict[str, str]
    prior_boxes: list[Box]
    key_works: list[KeyWorkView]
    unit_sign: SignBlock
    district_review: ReviewView
    municipal_review: ReviewView
    plan: PlanView
    basic: list[BasicView]
    summary_text: str
    summary_date: DateParts
    provenance: Provenance
    errors: int
    warnings: int

    @property
    def is_draft(self) -> bool:
        return self.errors > 0

    def label(self, pattern: str) -> str:
        return self.labels.get(pattern, pattern)


class _Source:
    """Reads a filing: the validated model first, the exact source text as a fallback.

    The model drops values that failed validation; a draft still shows them as
    written (the office prints drafts to discuss them), so a text the model lost
    is taken from the loader's document, which keeps every scalar's source text.
    """

    def __init__(self, filing: Filing | None, data: Any) -> None:
        self.filing = filing
        self.data = data

    @staticmethod
    def _walk(value: Any, path: Sequence[str | int]) -> Any:
        for part in path:
            if value is None:
                return None
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) and part < len(value) else None
            elif isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, BaseModel) and part in type(value).model_fields:
                value = getattr(value, part)
            else:
                return None
        return value

    def typed(self, *path: str | int) -> Any:
        return self._walk(self.filing, path)

    def raw(self, *path: str | int) -> Any:
        return self._walk(self.data, path)

    def text(self, *path: str | int) -> str:
        value = self.typed(*path)
        if isinstance(value, str):
            return value
        if isinstance(value, date):
            return value.isoformat()
        raw = self.raw(*path)
        return raw if isinstance(raw, str) else ""

    def length(self, *path: str | int) -> int:
        """How many entries the list at `path` has (source order, invalid entries included)."""
        raw = self.raw(*path)
        if isinstance(raw, list):
            return len(raw)
        typed = self.typed(*path)
        return len(typed) if isinstance(typed, list) else 0

    def texts(self, *path: str | int) -> list[str]:
        return [t for t in (self.text(*path, i) for i in range(self.length(*path))) if t]

    def date(self, *path: str | int) -> DateParts:
        value = self.typed(*path)
        if isinstance(value, date):
            return DateParts(str(value.year), str(value.month), str(value.day))
        raw = self.raw(*path)
        return DateParts(raw=raw.strip()) if isinstance(raw, str) else DateParts()


def _code_refs(catalog: Catalog, codes: list[str]) -> list[CodeRef]:
    return [CodeRef(code.strip(), catalog.title(code.strip())) for code in codes]


def _window(start: date, end: date) -> str:
    """`2013年1月—3月`, the way the guide writes a stage's months."""
    first = f"{start.year}年{start.month}月"
    last = f"{end.month}月" if start.year == end.year else f"{end.year}年{end.month}月"
    return f"{first}—{last}"


def build_view(
    result: FileResult,
    *,
    generated_at: datetime | None = None,
    commit: str | None = AUTO,
) -> View:
    """The view-model of one validated filing.

    `generated_at` defaults to `SOURCE_DATE_EPOCH` (reproducible builds) or now;
    `commit` defaults to asking git about the filing's folder (None: no commit).
    """
    if result.document is None:
        raise ValueError("an unreadable filing has nothing to render")
    catalog = result.catalog or default_catalog()
    src = _Source(result.filing, result.document.data)

    prior = src.typed("prior_rounds")
    options = catalog.form.prior_round_options
    boxes = [
        Box(
            key,
            label,
            isinstance(prior, list) and (prior == [] if key == "none" else _as_int(key) in prior),
        )
        for key, label in options.items()
    ]

    key_works = []
    for index in range(src.length("key_work")):
        code = src.text("key_work", index, "code").strip()
        entry = catalog.key(code)
        key_works.append(
            KeyWorkView(
                code=code,
                title=entry.title if entry else "",
                known=entry is not None,
                guide_text=entry.text if entry else "",
                measures=src.text("key_work", index, "measures"),
                outcomes=src.texts("key_work", index, "expected_outcomes"),
            )
        )

    sealed = src.typed("submission", "sealed") is True
    unit_sign = SignBlock(
        src.text("submission", "signed_by"), sealed, src.date("submission", "filed_on")
    )
    district_review = ReviewView(
        src.text("reviews", "district", "opinion"),
        SignBlock(
            src.text("reviews", "district", "signed_by"),
            False,
            src.date("reviews", "district", "date"),
        ),
    )
    municipal_review = ReviewView(
        src.text("reviews", "municipal", "opinion"),
        SignBlock(catalog.form.municipal_signer, False, src.date("reviews", "municipal", "date")),
    )

    stage_goals = [
        StageGoalView(
            stage.code,
            stage.title,
            _window(stage.start, stage.end),
            src.text("plan", "stage_goals", stage.code),
        )
        for stage in catalog.stages
    ]
    known_stages = set(catalog.stage_codes())
    raw_goals = src.raw("plan", "stage_goals")
    if isinstance(raw_goals, dict):
        stage_goals += [
            StageGoalView(str(code), "", "", src.text("plan", "stage_goals", str(code)))
            for code in raw_goals
            if code not in known_stages
        ]

    def codes(*path: str | int) -> list[CodeRef]:
        return _code_refs(catalog, src.texts(*path))

    plan = PlanView(
        part_titles={part.key: part.title for part in catalog.plan_parts},
        overall_goal=src.text("plan", "overall_goal"),
        stage_goals=stage_goals,
        work_plan=[
            TaskView(
                src.text("plan", "work_plan", i, "task"),
                src.text("plan", "work_plan", i, "start"),
                src.text("plan", "work_plan", i, "end"),
                codes("plan", "work_plan", i, "covers"),
            )
            for i in range(src.length("plan", "work_plan"))
        ],
        leading_kind=src.text("plan", "leading_body", "kind"),
        leading_head=src.text("plan", "leading_body", "head"),
        members=[
            MemberView(
                src.text("plan", "leading_body", "members", i, "name"),
                src.text("plan", "leading_body", "members", i, "title"),
            )
            for i in range(src.length("plan", "leading_body", "members"))
        ],
        network=src.text("plan", "network"),
        responsibilities=[
            ResponsibilityView(
                src.text("plan", "responsibilities", i, "department"),
                src.text("plan", "responsibilities", i, "owner"),
                src.text("plan", "responsibilities", i, "duties"),
                codes("plan", "responsibilities", i, "covers"),
            )
            for i in range(src.length("plan", "responsibilities"))
        ],
        mechanisms=src.texts("plan", "mechanisms"),
    )

    status_labels = {key: text.zh for key, text in catalog.enums.status.items()}
    groups = {group.code: group.title for group in catalog.basic_groups}
    raw_basic = src.raw("basic_work")
    listed = [str(code) for code in raw_basic] if isinstance(raw_basic, dict) else []
    basic = []
    for code in [*catalog.basic_codes(), *(c for c in listed if catalog.basic(c) is None)]:
        item = catalog.basic(code)
        status = src.text("basic_work", code, "status").strip()
        basic.append(
            BasicView(
                code=code,
                title=item.title if item else "",
                group_title=groups.get(item.group, "") if item else "",
                known=item is not None,
                listed=code in listed,
                status=status,
                status_label=status_labels.get(status, status),
                measures=src.text("basic_work", code, "measures"),
                evidence=src.texts("basic_work", code, "evidence"),
            )
        )

    return View(
        title=catalog.form.title,
        rows=dict(catalog.form.rows),
        labels={key: text.zh for key, text in catalog.labels.items()},
        status_labels=status_labels,
        plan_note=catalog.form.plan_note,
        municipal_signer=catalog.form.municipal_signer,
        unit_name=src.text("unit", "name"),
        district=src.text("unit", "district"),
        leader={key: src.text("leader", key) for key in ("name", "title", "phone")},
        contact={
            key: src.text("contact", key)
            for key in Contact.model_fields  # the contract's contact keys, in its order
        },
        prior_boxes=boxes,
        key_works=key_works,
        unit_sign=unit_sign,
        district_review=district_review,
        municipal_review=municipal_review,
        plan=plan,
        basic=basic,
        summary_text=src.text("summary", "text"),
        summary_date=src.date("summary", "written_on"),
        provenance=_provenance(result, src.text("round"), generated_at, commit),
        errors=result.errors,
        warnings=result.warnings,
    )


def _as_int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


# ---------------------------------------------------------------------------
# Provenance: version, round, source, time, git commit
# ---------------------------------------------------------------------------


def generation_time() -> datetime:
    """`SOURCE_DATE_EPOCH` when set (reproducible output), otherwise now; Shanghai time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=SHANGHAI)
    return datetime.now(SHANGHAI)


def git_state(path: Path) -> tuple[str, str, bool] | None:
    """(commit, path inside the repo, modified since the commit) for a filing in a git work tree."""
    folder = path.resolve().parent
    out = git_output(folder, "rev-parse", "--show-toplevel", "HEAD")
    lines = out.split() if out else []
    if len(lines) != 2:
        return None
    top, commit = lines
    try:
        inside = path.resolve().relative_to(Path(top).resolve()).as_posix()
    except ValueError:
        inside = path.name
    status = git_output(folder, "status", "--porcelain", "--", path.resolve().name)
    return commit, inside, bool(status and status.strip())


def _provenance(
    result: FileResult, round_name: str, generated_at: datetime | None, commit: str | None
) -> Provenance:
    when = (generated_at or generation_time()).astimezone(SHANGHAI)
    source = result.file
    dirty = False
    if commit == AUTO:
        commit = None
        state = git_state(result.path) if result.path is not None else None
        if state is not None:
            commit, source, dirty = state
    return Provenance(
        version=__version__,
        round=round_name.strip(),
        source=source.replace(os.sep, "/"),
        generated_at=when.isoformat(timespec="seconds"),
        commit=commit or "",
        dirty=dirty,
    )


# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def render_text(view: View, fmt: str) -> str:
    """HTML or Markdown text of one filing."""
    if fmt not in TEMPLATES:
        raise ValueError(f"not a text format: {fmt}")
    template = environment(fmt).get_template(TEMPLATES[fmt])
    return str(template.render(v=view, marker=MARKER))


def render_bytes(view: View, fmt: str) -> bytes:
    """The file contents of one filing in `fmt` (html, md, docx, pdf)."""
    if fmt in TEMPLATES:
        return render_text(view, fmt).encode("utf-8")
    if fmt == "docx":
        from cjzn.render_docx import render_docx

        return render_docx(view)
    if fmt == "pdf":
        return _render_pdf(view)
    raise ValueError(f"unknown format: {fmt}")


def check_pdf_support() -> None:
    """Raise `RenderError` unless WeasyPrint and a Chinese font are here (never a PDF of empty boxes)."""
    try:
        importlib.import_module("weasyprint")
    except ImportError:
        raise RenderError(
            "生成 PDF 需要可选组件 WeasyPrint：pip install 'cjzn[pdf]'；"
            "也可以先生成 HTML，在浏览器中“打印 → 另存为 PDF”。"
            " / PDF output needs the optional extra: pip install 'cjzn[pdf]' "
            "(or render HTML and print it to PDF from a browser)."
        ) from None
    except OSError as exc:  # the Python package is there, its system libraries (Pango) are not
        raise RenderError(
            f"WeasyPrint 无法加载系统库（{exc}），请按 WeasyPrint 文档安装 Pango。"
            f" / WeasyPrint cannot load its system libraries ({exc}); install Pango."
        ) from None
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig tool to ask (Windows, macOS): WeasyPrint finds system fonts itself
    try:
        fonts = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    if not fonts.strip():
        raise RenderError(
            "没有找到中文字体，生成的 PDF 将无法显示汉字。请安装中文字体，例如 "
            "Debian/Ubuntu：apt-get install fonts-noto-cjk。"
            " / No Chinese (CJK) font found, the PDF would show empty boxes; "
            "install one, e.g. apt-get install fonts-noto-cjk."
        )


def _render_pdf(view: View) -> bytes:
    check_pdf_support()
    weasyprint: Any = importlib.import_module("weasyprint")
    html = render_text(view, "html")
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


# ---------------------------------------------------------------------------
# The command: which filing goes where
# ---------------------------------------------------------------------------


def infer_format(fmt: str | None, output: Path | None) -> str:
    """`--format`, else the `-o` file's suffix, else HTML (a contradiction is a `UsageError`)."""
    from cjzn.fileio import format_for

    return format_for(fmt, output, FORMATS, _SUFFIX_FORMATS)


def _is_folder_name(output: str | os.PathLike[str]) -> bool:
    """`-o out/` (a trailing separator) names a folder even before it exists."""
    text = os.fspath(output)
    return text.endswith(tuple(sep for sep in ("/", os.sep, os.altsep) if sep))


def plan_outputs(
    paths: Sequence[Path], fmt: str, output: Path | None, *, folder: bool = False
) -> list[tuple[Path, Path | None]]:
    """(filing, output file) pairs; output None means stdout. Raises `UsageError` for bad calls.

    `folder`: `-o` was written with a trailing separator (`-o out/`), so it names a
    folder even when it does not exist yet (`Path` drops the separator).
    """
    if not paths:
        raise UsageError("请指定备案文件 / name at least one filing")
    sources: list[tuple[Path, Path]] = []  # (filing, folder its output path is relative to)
    for path in paths:
        base = path if path.is_dir() else path.parent
        sources.extend((found, base) for found in discover([path]))
    single = len(paths) == 1 and not paths[0].is_dir()
    suffix = SUFFIXES[fmt]
    if single:
        filing = sources[0][0]
        if output is None:
            if fmt not in TEMPLATES:
                raise UsageError(
                    f"{fmt.upper()} 格式需要用 -o 指定输出文件 / {fmt} output needs -o FILE"
                )
            return [(filing, None)]
        if folder or output.is_dir() or _is_folder_name(output):
            return [(filing, output / (filing.stem + suffix))]
        return [(filing, output)]
    if output is None:
        raise UsageError(
            "多个备案或目录需要用 -o 指定输出目录 / several filings or a folder need -o DIR"
        )
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"-o 应为目录，但 {output} 是文件 / -o must be a folder, {output} is a file"
        )
    if not output.exists() and not folder and output.suffix.lower() in _SUFFIX_FORMATS:
        raise UsageError(
            f"多个备案或目录要写到一个目录，-o {output} 却像文件名；请改用目录，例如 -o {output.stem}/"
            f" / several filings or a folder go to a folder, but -o {output} looks like a"
            f" file name; give a folder, e.g. -o {output.stem}/"
        )
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
    refused: list[Path] = field(default_factory=list)  # existing files kept (no --force)
    drafts: list[tuple[str, int]] = field(default_factory=list)  # (filing, errors)
    unreadable: list[FileResult] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all rendered from clean filings; 1 a draft, an unreadable filing or a kept file."""
        return 1 if (self.refused or self.drafts or self.unreadable) else 0

    def messages(self, lang: str = "zh") -> list[str]:
        en = lang == "en"
        lines: list[str] = []
        for path in self.written:
            lines.append(f"wrote {path}" if en else f"已生成 {path}")
        for file, errors in self.drafts:
            lines.append(
                f"{file}: {errors} error(s), rendered as a DRAFT; run `cjzn validate {file}`"
                if en
                else f"{file}：有 {errors} 个错误，已按“草稿”生成；运行 cjzn validate {file} 查看"
            )
        for result in self.unreadable:
            first = next((d for d in result.diagnostics if d.is_error), None)
            why = f"{first.line}:{first.column}: {first.message}" if first else ""
            lines.append(
                f"{result.file}: cannot be read, nothing rendered {why}".rstrip()
                if en
                else f"{result.file}：无法读取，未生成 {why}".rstrip()
            )
        for path in self.refused:
            lines.append(
                f"{path} exists and was not made by cjzn render; kept it (use --force to overwrite)"
                if en
                else f"{path} 已存在且不是 cjzn render 生成的，未覆盖（确需覆盖请加 --force）"
            )
        return lines


def form_options(options: Any, document: Document | None) -> Any:
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
    options: Any = None,
    catalog_path: Path | None = None,
) -> RenderOutcome:
    """Validate and render every filing under `paths`; raises `UsageError` / `RenderError`.

    `output` may be given as the text typed after `-o`: a trailing separator
    (`out/`) then means a folder. An existing folder, or several filings, also
    write into a folder; a single filing otherwise goes to the file named.
    """
    from cjzn.fileio import may_replace, write_atomic
    from cjzn.rules import Options
    from cjzn.validate import resolve_catalog, validate_file

    folder = output is not None and _is_folder_name(output)
    target_path = Path(output) if output is not None else None
    several = len(paths) != 1 or (bool(paths) and paths[0].is_dir())
    into_folder = target_path is not None and (folder or several or target_path.is_dir())
    # a folder's name says nothing about the format; a file's suffix does
    fmt = infer_format(fmt, None if into_folder else target_path)
    jobs = plan_outputs(paths, fmt, target_path, folder=folder)
    if fmt == "pdf":
        check_pdf_support()
    options = options or Options()
    override = resolve_catalog(catalog_path)
    outcome = RenderOutcome()
    for filing, target in jobs:
        loaded = load_path(filing, str(filing), options.lang)
        result = validate_file(filing, form_options(options, loaded[0]), override, loaded)
        if result.document is None:
            outcome.unreadable.append(result)
            continue
        if target is not None and not may_replace(target, MARKER, force=force):
            outcome.refused.append(target)
            continue
        view = build_view(result)
        if result.errors:
            outcome.drafts.append((result.file, result.errors))
        if target is None:
            outcome.stdout = render_text(view, fmt)
        else:
            # atomic (temporary file beside it, then rename): no half-written output
            write_atomic(target, render_bytes(view, fmt))
            outcome.written.append(target)
    return outcome
