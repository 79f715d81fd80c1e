"""`cjzn report`: the dashboard of a district's (or the city's) filings, on one page.

Reviewers want the state of every street at a glance: which stage each filing
is in, its errors and warnings, what is still open and when the next deadline
falls, plus three pictures (the key-work choices, a heatmap of the basic work,
stage progress per district). The numbers come from the same library calls as
`cjzn validate` and `cjzn status` (`cjzn.status.collect_status`), so the
dashboard can never disagree with them.

`build_dashboard` turns a status report into a plain view-model; HTML
(`templates/report.html.j2`, autoescaped, SVG made here with every text XML
escaped), Markdown (`templates/report.md.j2`) and JSON are laid out from it.
A dashboard gets forwarded, so contact names, phone numbers, e-mail addresses,
postal addresses and postcodes and signatures are left out (also from
diagnostic messages) unless `include_contacts` is set. Every format carries
`MARKER`, so `cjzn report -o FILE` replaces its own earlier output but never a
file somebody else wrote (unless --force).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote as url_quote
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from cjzn import __version__
from cjzn.catalog import Catalog
from cjzn.diagnostics import Diagnostic
from cjzn.rules.base import Options
from cjzn.stages import days_phrase, gap_message, requirement_text, text_at, value_at
from cjzn.templating import environment
from cjzn.validate import UsageError, default_catalog, discover, resolve_catalog

if TYPE_CHECKING:
    from cjzn.status import FilingStatus, StatusReport

__all__ = [
    "BASIC_STATUSES",
    "CONTACT_PATHS",
    "FORMATS",
    "MARKER",
    "REDACTED",
    "REPORT_JSON_VERSION",
    "SENSITIVE_PATHS",
    "Dashboard",
    "build_dashboard",
    "collect_dashboard",
    "dashboard_json",
    "infer_format",
    "render_report",
]

FORMATS = ("html", "md", "json")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".json": "json"}
#: Written into every report (HTML meta, Markdown comment, JSON "generator") so a
#: later `cjzn report -o` knows the file is its own and may be replaced.
MARKER = "cjzn-report"
#: Bumped only if a key of the JSON document is renamed or removed.
REPORT_JSON_VERSION = 1
#: Heatmap class of a basic work item without a (valid) status: no entry, empty or invalid.
MISSING = "missing"
#: Heatmap marks, in legend order: the catalog's status values (`enums.status`), plus MISSING.
_BASIC_MARKS = {"done": "✓", "in_progress": "◐", "planned": "○", MISSING: "×"}
#: Heatmap classes (a status value the catalog does not know, or that has no mark, is MISSING).
BASIC_STATUSES = tuple(_BASIC_MARKS)
#: The people in charge and how to reach them, as `--include-contacts` shows them (in this order).
CONTACT_PATHS: tuple[tuple[str, ...], ...] = (
    ("leader", "name"),
    ("leader", "title"),
    ("leader", "phone"),
    ("contact", "name"),
    ("contact", "title"),
    ("contact", "office_phone"),
    ("contact", "mobile"),
    ("contact", "email"),
    ("contact", "postcode"),
    ("contact", "address"),
    ("submission", "signed_by"),
    ("reviews", "district", "signed_by"),
)
#: Job titles say nothing about a person; every other contact field is left out of a forwarded dashboard.
_JOB_TITLES = frozenset({("leader", "title"), ("contact", "title")})
SENSITIVE_PATHS = tuple(path for path in CONTACT_PATHS if path not in _JOB_TITLES)
REDACTED = "***"
#: Rendered forms looked for beside a filing (or in --forms), in this order.
FORM_SUFFIXES = (".html", ".pdf", ".docx")
#: Stage-chart keys besides the catalog's stage codes.
DONE, UNKNOWN = "done", "unknown"

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("社区教育示范街镇创建备案汇总", "Community-education filings dashboard"),
    "city": ("全市", "city-wide"),
    "districts_n": ("{n} 个区县", "{n} districts"),
    "as_of": ("截至", "as of"),
    "filings": ("份备案", "filings"),
    "filings_col": ("备案数", "filings"),
    "summary": (
        "{files} 份备案，其中 {failing} 份有错误；共 {errors} 个错误、{warnings} 个警告；{done} 份已完成全部要求",
        "{files} filing(s), {failing} with errors; {errors} error(s), {warnings} warning(s); {done} with every requirement met",
    ),
    "filing": ("备案", "filing"),
    "with_errors": ("有错误", "with errors"),
    "complete": ("全部完成", "all met"),
    "errors": ("错误", "errors"),
    "warnings": ("警告", "warnings"),
    "district": ("区县", "district"),
    "unit": ("街道（乡镇）", "street/town"),
    "stage": ("当前阶段", "current stage"),
    "open": ("未完成的要求", "open requirements"),
    "next": ("下一个截止", "next deadline"),
    "key_work": ("重点创建工作", "key works"),
    "form": ("登记表", "form"),
    "contacts": ("联系人", "contacts"),
    "problems": ("问题", "problems"),
    "none": ("无", "none"),
    "stage_chart": ("各区县阶段进度", "Stage progress per district"),
    "key_chart": ("重点创建工作选择分布", "Key works chosen"),
    "heatmap": ("基础性建设工作完成情况", "Basic work completion"),
    "details": ("各街镇明细", "Filings"),
    "problem_list": ("校验问题", "Validation problems"),
    "redacted": (
        "联系人姓名、电话、邮箱、地址、邮编和签字人已隐去（需要时加 --include-contacts）。",
        "Contact names, phones, e-mail, addresses, postcodes and signers are left out (--include-contacts shows them).",
    ),
    "stage_done": ("全部完成", "all met"),
    "stage_unknown": ("无法判断", "cannot tell"),
    "unknown_district": ("（未填写区县）", "(no district)"),
    "no_unit": ("（未填写单位）", "(no unit)"),
    "st_missing": ("未填写", "missing"),
    "generated": ("由 cjzn {v} 生成", "generated by cjzn {v}"),
    "count": ("数量", "count"),
    "total": ("合计", "total"),
    "leader": ("负责人", "leader"),
    "signed_by": ("签字", "signed by"),
    "legend": ("图例", "legend"),
    "colon": ("：", ": "),
    "no_filings": ("没有找到备案文件。", "No filings found."),
}

_STAGE_COLOURS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b", "#4a1486", "#7f2704")
_DONE_COLOUR, _UNKNOWN_COLOUR = "#2e7d32", "#9e9e9e"


def word(key: str, lang: str, **params: Any) -> str:
    zh, en = _WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


# ---------------------------------------------------------------------------
# The view-model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenRequirement:
    id: str
    stage: str
    text: str
    status: str  # RequirementStatus value: missing | due_soon | overdue
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deadline:
    stage: str
    title: str
    date: date
    days_left: int


@dataclass
class FilingEntry:
    """One filing's row of the dashboard."""

    anchor: str
    file: str
    unit: str
    district: str
    round: str
    readable: bool
    errors: int
    warnings: int
    overdue: int
    stage: str  # a stage code, DONE or UNKNOWN
    stage_title: str
    open_requirements: list[OpenRequirement]
    next_deadline: Deadline | None
    key_work: list[str]
    basic: dict[str, str]  # code -> one of BASIC_STATUSES
    problems: list[Diagnostic]  # messages redacted like everything else
    form: str | None = None  # link to a rendered form, relative to the report
    contacts: dict[str, str] | None = None  # only with include_contacts

    @property
    def failing(self) -> bool:
        return bool(self.errors or self.overdue)


@dataclass
class DistrictEntry:
    name: str  # "" for filings without a district
    known: bool
    filings: list[FilingEntry] = field(default_factory=list)

    def stage_counts(self, keys: Sequence[str]) -> dict[str, int]:
        return {key: sum(1 for f in self.filings if f.stage == key) for key in keys}

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.filings)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.filings)

    @property
    def failing(self) -> int:
        return sum(1 for f in self.filings if f.failing)


@dataclass
class Dashboard:
    as_of: date
    lang: str
    catalog: Catalog
    include_contacts: bool
    filings: list[FilingEntry]
    districts: list[DistrictEntry]

    @property
    def stage_keys(self) -> list[str]:
        return [*self.catalog.stage_codes(), DONE, UNKNOWN]

    def stage_label(self, key: str) -> str:
        if key == DONE:
            return word("stage_done", self.lang)
        if key == UNKNOWN:
            return word("stage_unknown", self.lang)
        return f"{key} {self.catalog.title(key, self.lang)}"

    def stage_colour(self, key: str) -> str:
        if key == DONE:
            return _DONE_COLOUR
        if key == UNKNOWN:
            return _UNKNOWN_COLOUR
        codes = self.catalog.stage_codes()
        index = codes.index(key) if key in codes else 0
        return _STAGE_COLOURS[index % len(_STAGE_COLOURS)]

    @property
    def basic_columns(self) -> list[tuple[str, str]]:
        return [(code, self.catalog.title(code, self.lang)) for code in self.catalog.basic_codes()]

    @property
    def key_work_counts(self) -> list[tuple[str, str, int]]:
        """(code, title, how many filings chose it) for every key work of the round."""
        return [
            (
                code,
                self.catalog.title(code, self.lang),
                sum(code in f.key_work for f in self.filings),
            )
            for code in self.catalog.key_codes()
        ]

    @property
    def stage_totals(self) -> dict[str, int]:
        return {key: sum(1 for f in self.filings if f.stage == key) for key in self.stage_keys}

    @property
    def errors(self) -> int:
        return sum(f.errors for f in self.filings)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.filings)

    @property
    def failing(self) -> int:
        return sum(1 for f in self.filings if f.failing)

    @property
    def exit_code(self) -> int:
        """1 when a filing has errors (overdue requirements are errors), else 0."""
        return 1 if self.failing else 0

    @property
    def scope(self) -> str:
        named = [d.name for d in self.districts if d.name]
        if len(named) == 1:
            return named[0]
        if set(named) >= set(self.catalog.districts):
            return word("city", self.lang)
        return word("districts_n", self.lang, n=len(named))

    @property
    def title(self) -> str:
        if self.lang == "en":
            return f"{word('title', 'en')}, round {self.catalog.round} ({self.scope})"
        return f"{self.catalog.round} 年度{word('title', 'zh')}（{self.scope}）"

    def district_label(self, district: DistrictEntry) -> str:
        return district.name or word("unknown_district", self.lang)

    @property
    def basic_statuses(self) -> list[str]:
        """The heatmap legend: the catalog's status values that have a mark, then MISSING."""
        known = self.catalog.enums.status
        return [status for status in _BASIC_MARKS if status in known or status == MISSING]

    def basic_label(self, status: str) -> str:
        """The catalog's word for a status value (`已完成`); MISSING has its own."""
        text = self.catalog.enums.status.get(status)
        return text.get(self.lang) if text is not None else word("st_missing", self.lang)

    def basic_mark(self, status: str) -> str:
        return _BASIC_MARKS[status]

    def days(self, deadline: Deadline) -> str:
        return days_phrase(deadline.days_left, self.lang)

    def w(self, key: str, **params: Any) -> str:
        return word(key, self.lang, **params)


# ---------------------------------------------------------------------------
# Building it
# ---------------------------------------------------------------------------


def sensitive_values(data: Any) -> list[str]:
    """The filing's contact texts as written, plus the shortened form messages quote them in."""
    values: set[str] = set()
    for path in SENSITIVE_PATHS:
        text = text_at(data, path)
        if len(text) < 2:
            continue
        values.add(text)
        if len(text) > 40:
            values.add(text[:37])  # cjzn.messages.quote shortens long values like this
    return sorted(values, key=len, reverse=True)


def _is_sensitive(path: str) -> bool:
    return any(path == ".".join(p) or path.startswith(".".join(p) + ".") for p in SENSITIVE_PATHS)


class _Redactor:
    """Removes one filing's contact details from every text the dashboard shows."""

    def __init__(self, data: Any, catalog: Catalog, lang: str, active: bool) -> None:
        self.values = sensitive_values(data) if active else []
        self.catalog = catalog
        self.lang = lang
        self.active = active

    def text(self, value: str) -> str:
        for secret in self.values:
            value = value.replace(secret, REDACTED)
        return value

    def message(self, path: str, code: str, message: str) -> str:
        """A message about a contact field says what is wrong, not what was written."""
        if not self.active:
            return message
        if _is_sensitive(path):
            from cjzn.labels import describe
            from cjzn.registry import ALL_CODES

            parts = tuple(int(p) if p.isdigit() else p for p in path.split("."))
            label = describe(parts, self.catalog, self.lang)
            info = ALL_CODES.get(code)
            summary = info.summary.get(self.lang) if info is not None else code
            hidden = "(value left out)" if self.lang == "en" else "（内容已隐去）"
            sep = ": " if self.lang == "en" else "："
            return f"{label}{sep}{summary} {hidden}".strip()
        return self.text(message)


def _contacts(data: Any) -> dict[str, str]:
    return {".".join(path): text_at(data, path) for path in CONTACT_PATHS}


def _basic_statuses(data: Any, catalog: Catalog) -> dict[str, str]:
    known = catalog.enums.status
    out: dict[str, str] = {}
    for code in catalog.basic_codes():
        value = text_at(data, ("basic_work", code, "status"))
        out[code] = value if value in known and value in _BASIC_MARKS else MISSING
    return out


def _key_works(data: Any, catalog: Catalog) -> list[str]:
    works = value_at(data, ("key_work",))
    known = catalog.key_codes()
    chosen: list[str] = []
    for work in works if isinstance(works, list) else []:
        code = text_at(work, ("code",))
        if code in known and code not in chosen:
            chosen.append(code)
    return chosen


def _entry(
    status: FilingStatus, index: int, catalog: Catalog, lang: str, contacts: bool
) -> FilingEntry:
    result = status.result
    data = result.document.data if result.document is not None else {}
    own = result.catalog or catalog
    redact = _Redactor(data, own, lang, active=not contacts)
    timeline = status.timeline
    stage, stage_title = UNKNOWN, word("stage_unknown", lang)
    open_requirements: list[OpenRequirement] = []
    deadline: Deadline | None = None
    if timeline is not None:
        current = timeline.current
        if current is None:
            stage, stage_title = DONE, word("stage_done", lang)
        else:
            stage, stage_title = current.stage.code, own.title(current.stage.code, lang)
        for stage_result in timeline.stages:
            for requirement in stage_result.requirements:
                if not requirement.open:
                    continue
                open_requirements.append(
                    OpenRequirement(
                        id=requirement.id,
                        stage=stage_result.stage.code,
                        text=requirement_text(requirement.id, own, lang),
                        status=requirement.status.value,
                        missing=tuple(
                            redact.text(gap_message(gap, own, lang)) for gap in requirement.gaps
                        ),
                    )
                )
        upcoming = timeline.next_deadline
        if upcoming is not None:
            deadline = Deadline(
                upcoming.stage.code,
                own.title(upcoming.stage.code, lang),
                upcoming.stage.end,
                upcoming.days_left,
            )
    problems = [
        replace(d, message=redact.message(d.path, d.code, d.message)) for d in result.diagnostics
    ]
    return FilingEntry(
        anchor=f"f{index}",
        file=result.file.replace(os.sep, "/"),
        unit=status.unit,
        district=status.district,
        round=text_at(data, ("round",)),
        readable=result.document is not None,
        errors=result.errors,
        warnings=result.warnings,
        overdue=status.overdue,
        stage=stage,
        stage_title=stage_title,
        open_requirements=open_requirements,
        next_deadline=deadline,
        key_work=_key_works(data, own),
        basic=_basic_statuses(data, own),
        problems=problems,
        contacts=_contacts(data) if contacts else None,
    )


def _district_order(catalog: Catalog, name: str) -> tuple[int, int, str]:
    if name in catalog.districts:
        return (0, catalog.districts.index(name), name)
    return (1 if name else 2, 0, name)


def _form_link(filing: Path, base: Path, forms: Path | None, out_dir: Path) -> str | None:
    """A rendered form of `filing` beside it or under `forms` (mirroring `cjzn render DIR -o FORMS`)."""
    candidates: list[Path] = []
    if forms is not None:
        try:
            inside = filing.resolve().relative_to(base.resolve())
        except ValueError:
            inside = Path(filing.name)
        candidates.extend(forms / inside.with_suffix(s) for s in FORM_SUFFIXES)
    candidates.extend(filing.with_suffix(s) for s in FORM_SUFFIXES)
    for candidate in candidates:
        if candidate.is_file():
            relative = os.path.relpath(os.path.abspath(candidate), os.path.abspath(out_dir))
            return url_quote(Path(relative).as_posix(), safe="/")
    return None


def _bases(paths: Sequence[Path]) -> dict[str, Path]:
    """Each filing's folder argument: the root its forms mirror under `--forms`."""
    bases: dict[str, Path] = {}
    for path in paths:
        base = path if path.is_dir() else path.parent
        for found in discover([path]):
            bases.setdefault(os.path.normpath(found), base)
    return bases


def build_dashboard(
    report: StatusReport,
    *,
    catalog: Catalog | None = None,
    include_contacts: bool = False,
    paths: Sequence[Path] = (),
    forms: Path | None = None,
    out_dir: Path | None = None,
) -> Dashboard:
    """The dashboard of a status report (links to forms relative to `out_dir`, default cwd)."""
    lang = report.options.lang
    chosen = catalog or next(
        (s.result.catalog for s in report.filings if s.result.catalog is not None), None
    )
    chosen = chosen or default_catalog()
    statuses = sorted(
        report.filings,
        key=lambda s: (_district_order(chosen, s.district), s.unit, s.result.file),
    )
    bases = _bases(paths)
    entries: list[FilingEntry] = []
    for index, status in enumerate(statuses, start=1):
        entry = _entry(status, index, chosen, lang, include_contacts)
        path = status.result.path
        if path is not None:
            base = bases.get(os.path.normpath(path), path.parent)
            entry.form = _form_link(path, base, forms, out_dir or Path.cwd())
        entries.append(entry)
    districts: dict[str, DistrictEntry] = {}
    for entry in entries:
        district = districts.setdefault(
            entry.district, DistrictEntry(entry.district, entry.district in chosen.districts)
        )
        district.filings.append(entry)
    return Dashboard(
        as_of=report.as_of,
        lang=lang,
        catalog=chosen,
        include_contacts=include_contacts,
        filings=entries,
        districts=list(districts.values()),
    )


def collect_dashboard(
    paths: Sequence[Path],
    options: Options,
    catalog_path: Path | None = None,
    *,
    include_contacts: bool = False,
    forms: Path | None = None,
    out_dir: Path | None = None,
) -> Dashboard:
    """Validate `paths` and build their dashboard. Raises `UsageError` / `CatalogError`."""
    from cjzn.status import collect_status

    if forms is not None and not forms.is_dir():
        raise UsageError(f"--forms 目录不存在 / --forms folder does not exist: {forms}")
    override = resolve_catalog(catalog_path)
    report = collect_status(paths, options, catalog_path)
    return build_dashboard(
        report,
        catalog=override,
        include_contacts=include_contacts,
        paths=paths,
        forms=forms,
        out_dir=out_dir,
    )


# ---------------------------------------------------------------------------
# Pictures: inline SVG, every text XML-escaped
# ---------------------------------------------------------------------------

_FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif\""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def key_work_chart(dashboard: Dashboard) -> str:
    """Horizontal bars: how many filings chose each key work (bars carry data-code/data-count)."""
    counts = dashboard.key_work_counts
    top = max((count for _, _, count in counts), default=0) or 1
    label_w, bar_w, row_h = 300, 300, 26
    width, height = label_w + bar_w + 60, row_h * len(counts) + 10
    title = word("key_chart", dashboard.lang)
    out = [
        f'<svg class="chart key-work-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {_FONT} font-size="13">',
        f"<title>{xml_escape(title)}</title>",
    ]
    for row, (code, name, count) in enumerate(counts):
        y = 5 + row * row_h
        full = f"{code} {name}"
        length = round(bar_w * count / top, 1)
        out.append(
            f'<g class="bar" data-code={quoteattr(code)} data-count="{count}">'
            f"<title>{xml_escape(f'{full}：{count}')}</title>"
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{xml_escape(_shorten(full, 20))}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{length}" height="{row_h - 8}" '
            f'fill="#2171b5" data-code={quoteattr(code)} data-count="{count}"/>'
            f'<text x="{label_w + length + 6}" y="{y + 17}">{count}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def stage_chart(dashboard: Dashboard) -> str:
    """One stacked bar per district: how many of its filings are in each stage."""
    keys = dashboard.stage_keys
    districts = dashboard.districts
    top = max((len(d.filings) for d in districts), default=0) or 1
    label_w, bar_w, row_h = 110, 460, 26
    legend_y = 5 + len(districts) * row_h + 8
    legend: list[str] = []
    x = 0.0
    for key in keys:
        label = dashboard.stage_label(key)
        legend.append(
            f'<g class="legend"><rect x="{x}" y="{legend_y}" width="12" height="12" '
            f'fill="{dashboard.stage_colour(key)}"/>'
            f'<text x="{x + 16}" y="{legend_y + 11}" font-size="12">{xml_escape(label)}</text></g>'
        )
        x += 24 + (7 if dashboard.lang == "en" else 13) * len(label)
    width = max(label_w + bar_w + 60, int(x))
    height = legend_y + 24
    title = word("stage_chart", dashboard.lang)
    out = [
        f'<svg class="chart stage-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {_FONT} font-size="13">',
        f"<title>{xml_escape(title)}</title>",
    ]
    for row, district in enumerate(districts):
        y = 5 + row * row_h
        name = dashboard.district_label(district)
        out.append(
            f'<g class="district" data-district={quoteattr(district.name)} '
            f'data-count="{len(district.filings)}">'
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{xml_escape(_shorten(name, 8))}</text>"
        )
        x = float(label_w)
        for key, count in district.stage_counts(keys).items():
            if not count:
                continue
            length = round(bar_w * count / top, 1)
            tip = f"{name} · {dashboard.stage_label(key)}：{count}"
            out.append(
                f'<rect class="segment" x="{x}" y="{y + 3}" width="{length}" '
                f'height="{row_h - 8}" fill="{dashboard.stage_colour(key)}" '
                f"data-district={quoteattr(district.name)} data-stage={quoteattr(key)} "
                f'data-count="{count}"><title>{xml_escape(tip)}</title></rect>'
            )
            if length >= 16:
                colour = "#000" if key in keys[:2] or key == UNKNOWN else "#fff"
                out.append(
                    f'<text x="{x + length / 2}" y="{y + 16}" text-anchor="middle" '
                    f'fill="{colour}" font-size="11">{count}</text>'
                )
            x += length
        out.append(f'<text x="{x + 6}" y="{y + 17}">{len(district.filings)}</text></g>')
    out.extend(legend)
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def dashboard_json(dashboard: Dashboard) -> dict[str, Any]:
    """The whole dashboard as JSON (keys documented in docs/repo.md)."""
    keys = dashboard.stage_keys
    return {
        "version": REPORT_JSON_VERSION,
        "generator": f"cjzn {__version__} {MARKER}",
        "as_of": dashboard.as_of.isoformat(),
        "round": dashboard.catalog.round,
        "files": len(dashboard.filings),
        "errors": dashboard.errors,
        "warnings": dashboard.warnings,
        "failing": dashboard.failing,
        "contacts_included": dashboard.include_contacts,
        "stages": {key: dashboard.stage_label(key) for key in keys},
        "key_work": [
            {"code": code, "title": title, "count": count}
            for code, title, count in dashboard.key_work_counts
        ],
        "districts": [
            {
                "name": d.name or None,
                "known": d.known,
                "files": len(d.filings),
                "errors": d.errors,
                "warnings": d.warnings,
                "failing": d.failing,
                "stages": d.stage_counts(keys),
            }
            for d in dashboard.districts
        ],
        "filings": [_filing_json(f) for f in dashboard.filings],
    }


def _filing_json(entry: FilingEntry) -> dict[str, Any]:
    deadline = entry.next_deadline
    return {
        "file": entry.file,
        "unit": entry.unit or None,
        "district": entry.district or None,
        "round": entry.round or None,
        "readable": entry.readable,
        "current_stage": entry.stage,
        "errors": entry.errors,
        "warnings": entry.warnings,
        "overdue": entry.overdue,
        "open_requirements": [
            {
                "id": r.id,
                "stage": r.stage,
                "text": r.text,
                "status": r.status,
                "missing": list(r.missing),
            }
            for r in entry.open_requirements
        ],
        "next_deadline": (
            {
                "stage": deadline.stage,
                "date": deadline.date.isoformat(),
                "days_left": deadline.days_left,
            }
            if deadline
            else None
        ),
        "key_work": entry.key_work,
        "basic_work": entry.basic,
        "form": entry.form,
        "contacts": entry.contacts,
        "problems": [{**p.as_json(), "file": entry.file} for p in entry.problems],
    }


def infer_format(fmt: str | None, output: Path | None) -> str:
    """`--format`, else the `-o` file's suffix, else HTML (a contradiction is a `UsageError`)."""
    from cjzn.fileio import format_for

    return format_for(fmt, output, FORMATS, _SUFFIX_FORMATS)


def render_report(dashboard: Dashboard, fmt: str) -> str:
    """The dashboard as HTML, Markdown or JSON text."""
    if fmt == "json":
        return json.dumps(dashboard_json(dashboard), ensure_ascii=False, indent=2) + "\n"
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown format: {fmt}")
    from markupsafe import Markup

    env = environment(fmt)
    template = env.get_template(f"report.{fmt}.j2")
    charts = {}
    if fmt == "html":
        charts = {
            "key_work": Markup(key_work_chart(dashboard)),
            "stages": Markup(stage_chart(dashboard)),
        }
    return str(
        template.render(
            d=dashboard, w=dashboard.w, charts=charts, version=__version__, marker=MARKER
        )
    )
